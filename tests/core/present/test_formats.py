"""kiosk.core.present.formats: dates, numbers and units written the visitor's way (CLDR + the catalogues)."""

from __future__ import annotations

import pytest

from kiosk.core.content.when import parse
from kiosk.core.i18n.catalogue import Labels
from kiosk.core.present.formats import Formats, _collapse

NBSP, NNBSP = "\u00a0", "\u202f"


def fmt(lang: str, locale: str = "") -> Formats:
    return Formats(locale or lang, Labels(lang, (lang,)))


@pytest.mark.parametrize(("lang", "locale", "text", "shown"), [
    ("fr", "", "1898-09-12", "12 septembre 1898"),
    ("vi", "", "1972-12-18", "ngày 18 tháng 12 năm 1972"),
    ("en", "en-GB", "1972-12-18", "18 December 1972"),
    ("en", "en-US", "1972-12-18", "December 18, 1972"),
    ("de", "", "1898-09-12", "12. September 1898"),
    ("es", "", "1898-09-12", "12 de septiembre de 1898"),
    ("zh", "", "1898-09-12", "1898年9月12日"),
    ("ja", "", "1898-09-12", "1898年9月12日"),
    ("ko", "", "1898-09-12", "1898년 9월 12일"),
    ("fr", "", "1954~", "vers 1954"),
    ("de", "", "1954~", "um 1954"),
    ("ja", "", "1954~", "1954年頃"),
    ("fr", "", "1898/1902", "1898–1902"),
    ("ja", "", "1898/1902", "1898年～1902年"),
    ("fr", "", "197X", "années 1970"),
    ("zh", "", "197X", "1970年代"),
    ("en", "", "1954?", "1954?"),
    ("fr", "", "1954?", f"1954{NBSP}?"),
    ("fr", "", "1985/..", "depuis 1985"),
    ("en", "", "../1900", "until 1900"),
    ("fr", "", "1967-08", "août 1967"),
    ("vi", "", "1967-08", "tháng 8 năm 1967"),
    ("en", "", "1972-22", "summer 1972"),
    ("fr", "", "-0043", "44 av. J.-C."),
    ("en", "", "[1667,1668]", "1667 or 1668"),
    ("vi", "", "1972-12-18/1972-12-29", "ngày 18 – 29 tháng 12 năm 1972"),
    ("vi", "", "1972-12-13/1973-01-02", "ngày 13 tháng 12 năm 1972 – ngày 2 tháng 1 năm 1973"),
    ("fr", "", "1972-12-18/1972-12-29", "18–29 déc. 1972"),
    ("vi", "", "1972-12-18T19:40:00", "19:40 ngày 18 tháng 12 năm 1972"),
    ("fr", "", "1972-12-18T19:40:00", "18 décembre 1972 à 19:40"),
])
def test_a_date_in_each_language(lang, locale, text, shown):
    assert fmt(lang, locale).date(parse(text)) == shown


@pytest.mark.parametrize(("lang", "text", "shown"), [
    ("fr", "1972-12-18", "18 déc."), ("vi", "1972-12-18", "18/12"), ("ja", "1972-12-18", "12月18日"),
    ("fr", "1967-08", "août"), ("vi", "1967-08", "tháng 8"), ("fr", "1898", "1898"),
])
def test_a_timeline_label_leaves_out_a_year_said_elsewhere(lang, text, shown):
    assert fmt(lang).short(parse(text), with_year=False) == shown


def test_moments_of_one_night_are_labelled_by_the_time_alone():
    assert fmt("fr").short(parse("1972-12-18T19:40:00"), time_only=True) == "19:40"


@pytest.mark.parametrize(("lang", "value", "shown"), [
    ("fr", 1000, f"1{NNBSP}000"), ("de", 1000, "1.000"), ("vi", 1234567.5, "1.234.567,5"),
    ("en", 1234567.5, "1,234,567.5"), ("ja", 1000, "1,000"), ("fr", "about 130", "about 130"),
])
def test_numbers(lang, value, shown):
    assert fmt(lang).number(value) == shown


@pytest.mark.parametrize(("lang", "value", "unit", "shown"), [
    ("fr", 1000, "millimeter", f"1{NNBSP}000{NNBSP}mm"), ("en", 2.5, "kilometer", "2.5 km"),
    ("de", 12, "percent", "12 %"), ("zh", 1000, "millimeter", "1,000毫米"),
])
def test_measures(lang, value, unit, shown):
    assert fmt(lang).measure(value, unit) == shown


def test_a_range_shares_whole_words_only():
    assert _collapse("ngày 18 tháng 12 năm 1972", "ngày 29 tháng 12 năm 1972", "{start} – {end}") == \
        "ngày 18 – 29 tháng 12 năm 1972"
    assert _collapse("tháng 8 năm 1967", "tháng 2 năm 1969", "{start} – {end}") == \
        "tháng 8 năm 1967 – tháng 2 năm 1969"
    assert _collapse("1972年12月18日", "1972年12月29日", "{start}–{end}") == "1972年12月18日–1972年12月29日"
