"""kiosk.core.content.when: EDTF dates, and agreement with the reference parser (the edtf package)."""

from __future__ import annotations

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.content import when
from kiosk.core.content.when import CENTURY, DAY, DECADE, MINUTE, MONTH, SEASON, YEAR, DateError, parse


@pytest.mark.parametrize(("text", "unit", "lower", "upper"), [
    ("1898", YEAR, (1898, 1, 1), (1898, 12, 31)),
    ("1967-08", MONTH, (1967, 8, 1), (1967, 8, 31)),
    ("1972-12-18", DAY, (1972, 12, 18), (1972, 12, 18)),
    ("1972-12-18T19:40:00", MINUTE, (1972, 12, 18), (1972, 12, 18)),
    ("1972-12-18T19:40", MINUTE, (1972, 12, 18), (1972, 12, 18)),  # seconds left out: kept (EDTF wants them)
    ("197X", DECADE, (1970, 1, 1), (1979, 12, 31)),
    ("19XX", CENTURY, (1900, 1, 1), (1999, 12, 31)),
    ("1972-21", SEASON, (1972, 3, 1), (1972, 5, 31)),
    ("1972-XX-XX", YEAR, (1972, 1, 1), (1972, 12, 31)),
    ("1972-12-XX", MONTH, (1972, 12, 1), (1972, 12, 31)),
    ("-0043", YEAR, (-43, 1, 1), (-43, 12, 31)),
    ("1900-02", MONTH, (1900, 2, 1), (1900, 2, 28)),
    ("2000-02", MONTH, (2000, 2, 1), (2000, 2, 29)),
])
def test_single_dates(text, unit, lower, upper):
    w = parse(text)
    assert (w.unit, w.lower(), w.upper(), w.interval) == (unit, lower, upper, False)
    assert w.text == text


def test_qualifiers():
    assert (parse("1954~").start.approximate, parse("1954~").start.uncertain) == (True, False)
    assert (parse("1954?").start.approximate, parse("1954?").start.uncertain) == (False, True)
    assert (parse("1954%").start.approximate, parse("1954%").start.uncertain) == (True, True)


def test_intervals_and_their_open_or_unknown_ends():
    w = parse("1898/1902")
    assert w.interval and (w.lower(), w.upper()) == ((1898, 1, 1), (1902, 12, 31))
    since = parse("1985/..")
    assert since.missing_end == when.OPEN and since.end is None and since.upper() is None
    until = parse("../1900")
    assert until.missing_start == when.OPEN and until.start is None and until.upper() == (1900, 12, 31)
    assert parse("1985/").missing_end == when.UNKNOWN
    assert parse("/1900").missing_start == when.UNKNOWN
    mixed = parse("1898/1902-06")
    assert (mixed.start.unit, mixed.end.unit, mixed.upper()) == (YEAR, MONTH, (1902, 6, 30))


def test_forms_only_the_library_reads_are_read_through_it():
    w = parse("[1667,1668]")
    assert w.extra and w.one_of and (w.lower(), w.upper()) == ((1667, 1, 1), (1668, 12, 31))
    partial = parse("2004-06~-11")
    assert partial.extra and partial.single_day and partial.start.approximate


@pytest.mark.parametrize(("text", "message"), [
    ("1972-02-30", "'1972-02-30' is not a date: there is no day 30 in 1972-02"),
    ("1973-02-29", "'1973-02-29' is not a date: there is no day 29 in 1973-02"),
    ("1972-13", "'1972-13' is not a date: there is no month 13 (01 to 12; 21 to 24 for the seasons)"),
    ("1902/1898", "'1902/1898' is not a date: the interval ends (1898) before it starts (1902)"),
    ("18/12/1972", "'18/12/1972' is not an EDTF date: write the year first (YYYY-MM-DD)"),
    ("1898-1902", "'1898-1902' is not an EDTF date: write an interval with a slash (1898/1902)"),
    ("ca. 1954", "'ca. 1954' is not an EDTF date: write an approximate date with '~' after it (1954~)"),
    ("vers 1954", "'vers 1954' is not an EDTF date: write an approximate date with '~' after it (1954~)"),
    ("soon", "'soon' is not an EDTF date"),
    ("", "the date is empty"),
    ("../..", "'../..' is not a date: an interval needs at least one end"),
])
def test_what_is_not_a_date_says_why(text, message):
    with pytest.raises(DateError) as caught:
        parse(text)
    assert str(caught.value) == message


def test_sorting_puts_earlier_first_and_wider_after():
    texts = ["1902", "1898/1902", "1898", "1898-06", "-0043", "197X", "1898-06-01"]
    ordered = sorted(texts, key=lambda t: parse(t).sort_key())
    assert ordered == ["-0043", "1898", "1898/1902", "1898-06-01", "1898-06", "1902", "197X"]


# -- agreement with the reference parser ---------------------------------------------------------

def _library_bounds(text: str):
    value = parse_edtf(text)
    lo, hi = value.lower_strict(), value.upper_strict()
    return (lo.tm_year, lo.tm_mon, lo.tm_mday), (hi.tm_year, hi.tm_mon, hi.tm_mday)


years = st.integers(1, 2999).map(lambda y: f"{y:04d}")
months = st.integers(1, 12).map(lambda m: f"{m:02d}")
qualifier = st.sampled_from(["", "~", "?", "%"])


@st.composite
def points(draw, forms=("y", "ym", "ymd", "decade", "century", "season", "ymdt", "yXX", "ymXX")):
    y, m = draw(years), draw(months)
    days = 28 if m == "02" else 30
    d = f"{draw(st.integers(1, days)):02d}"
    form = draw(st.sampled_from(forms))
    text = {"y": y, "ym": f"{y}-{m}", "ymd": f"{y}-{m}-{d}", "decade": y[:3] + "X", "century": y[:2] + "XX",
            "season": f"{y}-{draw(st.sampled_from(['21', '22', '23', '24']))}", "ymdt": f"{y}-{m}-{d}T12:30:05",
            "yXX": f"{y}-XX", "ymXX": f"{y}-{m}-XX"}[form]
    q = draw(qualifier) if form in ("y", "ym", "ymd") else ""
    return text + q


@settings(deadline=None)  # the package takes about 12 ms a date, more on a busy machine
@given(points())
def test_the_fast_path_agrees_with_the_edtf_package_on_single_dates(text):
    ours = when._parse_fast(text)
    assert (ours.lower(), ours.upper()) == _library_bounds(text)


# EDTF's intervals join dates, with or without qualifiers (decades, unspecified digits and times at an end are
# read here too, and refused by the package)
ENDS = ("y", "ym", "ymd", "season")


@settings(deadline=None)
@given(points(ENDS), points(ENDS))
def test_the_fast_path_agrees_with_the_edtf_package_on_intervals(a, b):
    text = f"{a}/{b}"
    try:
        ours = when._parse_fast(text)
    except DateError:
        return  # an interval that ends before it starts: refused here (the package does not check)
    lo, hi = _library_bounds(text)
    assert (ours.lower(), ours.upper()) == (lo, hi)


@pytest.mark.parametrize("text", ["1954~", "1954?", "1954-06~", "1954-06-01?"])
def test_the_fast_path_agrees_on_qualifiers(text):
    ours = parse(text).start
    theirs = parse_edtf(text)
    assert ours.approximate == bool(theirs.is_approximate)
    assert ours.uncertain == bool(theirs.is_uncertain)


@pytest.mark.parametrize("text", ["1898", "1967-08", "1898/1902", "1954~", "197X", "19XX", "1972-21", "1985/..",
                                  "../1900", "-0043", "1972-12-18T19:40:00"])
def test_the_forms_exhibits_use_never_load_the_package(text):
    # the package takes about 12 ms a date and a quarter of a second to import: the common forms are read here
    assert parse(text).extra is False
    assert not when._maybe_extended(text)
