"""Citations for text (``sources:`` on chapters and witnesses), attributions in every language, verbatim
quotes and their translations, and the two text checks: numbers in a page that cites nothing, and a
translation that gives other figures than its original."""

from __future__ import annotations

import random

import pytest

from kiosk.core.content import textcheck
from kiosk.core.present.presenter import Presenter
from kiosk.core.present.visit import Visit
from kiosk.core.problems import Location
from tests.core.conftest import CHAPTER, SOURCES, WITNESS, Folder, find, line_of, the

STORY = "story/1972-12-18.yaml"
PHAM = "witnesses/pham-tuan.yaml"

BILINGUAL_SOURCES = SOURCES + """\
S9:
  title: {vi: "[Bản tin về chiến dịch]", en: "[News report on the campaign]"}
  publisher: {vi: "Thông tấn xã Việt Nam (TTXVN)", en: "Vietnam News Agency (VNA)"}
  year: 2022
  url: "https://example.org/s9"
"""

# a chapter whose body gives figures and that cites nothing at all (no sources, no figures)
UNSOURCED = """\
kind: day
date: 1972-12-18
title: {vi: "Đêm thứ nhất", en: "The first night"}
body:
  vi: |
    Đêm đầu tiên.

    Có 129 chiếc B-52 tham gia.
  en: |
    The first night.

    129 B-52s took part.
"""


def presenter(content, lang: str) -> Presenter:
    return Presenter(content, url_for=lambda f: f"file:///{f}", visit=Visit.of(content.exhibit, lang, random.Random(1)))


def where(p) -> tuple[str, int, int]:
    return (p.location.path, p.location.line, p.location.col)


def source_texts(problems) -> str:
    return "\n".join(p.format() for p in problems)


# -- sources for text -----------------------------------------------------------------------------------


def test_chapter_and_witness_text_cite_sources_shown_in_the_visitors_language(valid: Folder):
    valid.write("sources.yaml", BILINGUAL_SOURCES, dedent=False)
    valid.write(STORY, CHAPTER + "sources: [S9, S1]\n", dedent=False)
    valid.write(PHAM, WITNESS + "sources: S9\n", dedent=False)
    result = valid.load()
    assert result.problems == [], source_texts(result.problems)
    assert result.content.chapter("1972-12-18").sources == ("S9", "S1")
    vi = presenter(result.content, "vi").chapter("1972-12-18")
    en = presenter(result.content, "en").chapter("1972-12-18")
    assert [s["id"] for s in vi["sources"]] == ["S9", "S1"]
    assert vi["sources"][0] == {"id": "S9", "short": "Thông tấn xã Việt Nam (TTXVN) (2022)",
                                "title": "[Bản tin về chiến dịch]", "publisher": "Thông tấn xã Việt Nam (TTXVN)",
                                "year": 2022, "url": "https://example.org/s9"}
    assert en["sources"][0]["short"] == "Vietnam News Agency (VNA) (2022)"
    assert en["sources"][0]["title"] == "[News report on the campaign]"
    # a plain (same in every language) publisher still works
    assert en["sources"][1]["publisher"] == "Air Force Magazine" and en["sources"][1]["year"] == 2012
    # every source on the page once, with what it is cited for
    assert [(s["id"], s["for"]) for s in en["pageSources"]] == [
        ("S9", ["text"]), ("S1", ["text", "figures"]), ("S7", ["figures"])]
    witness = presenter(result.content, "en").witness("pham-tuan")
    assert [s["short"] for s in witness["sources"]] == ["Vietnam News Agency (VNA) (2022)"]
    assert [(s["id"], s["for"]) for s in witness["pageSources"]] == [("S9", ["text"]), ("S7", ["quotes"])]


def test_the_sources_panel_lines_of_a_page_in_the_visitors_language(valid: Folder):
    sources = BILINGUAL_SOURCES + """\
S10:
  title: "A book without publisher"
  year: 1999
"""
    valid.write("sources.yaml", sources, dedent=False)
    valid.write(STORY, CHAPTER + "sources: [S9, S10]\n", dedent=False)
    result = valid.load()
    assert result.problems == [], source_texts(result.problems)
    en = {s["id"]: s for s in presenter(result.content, "en").chapter("1972-12-18")["pageSources"]}
    vi = {s["id"]: s for s in presenter(result.content, "vi").chapter("1972-12-18")["pageSources"]}
    # the short credit says publisher and year; the detail adds only what it does not say
    assert en["S9"]["detail"] == "[News report on the campaign]"
    assert vi["S9"]["detail"] == "[Bản tin về chiến dịch]"
    assert en["S1"]["detail"] == "Operation Linebacker II"  # short: "Air Force Magazine (2012)"
    assert en["S10"]["short"] == "A book without publisher (1999)" and en["S10"]["detail"] == ""
    assert en["S7"]["detail"] == "Chiến thắng Hà Nội"
    # the address's host as plain text, nothing without an address
    assert en["S9"]["site"] == "example.org" and en["S10"]["site"] == "" and en["S7"]["site"] == ""
    # what each is cited for, in words of the visitor's language
    assert en["S9"]["citedFor"] == "Cited for: the text"
    assert en["S1"]["citedFor"] == "Cited for: the figures"
    assert vi["S9"]["citedFor"] == "Trích dẫn cho: phần bài viết"
    assert vi["S7"]["citedFor"] == "Trích dẫn cho: các con số"
    witness = presenter(result.content, "en").witness("pham-tuan")["pageSources"]
    assert [s["citedFor"] for s in witness if s["id"] == "S7"] == ["Cited for: the quotations"]


def test_an_unknown_text_source_is_an_error_on_its_line_and_is_left_out(valid: Folder):
    text = CHAPTER + "sources: [S1, S99]\n"
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    p = the(result.problems, STORY, "unknown source 'S99'")
    assert p.is_error and p.location.line == line_of(text, "sources: [S1, S99]")
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None and chapter.sources == ("S1",)
    assert [s["id"] for s in presenter(result.content, "en").chapter("1972-12-18")["sources"]] == ["S1"]


def test_a_source_title_or_publisher_per_language(valid: Folder):
    valid.write("sources.yaml", BILINGUAL_SOURCES, dedent=False)
    result = valid.load()
    src = result.content.sources["S9"]
    assert src.short("vi") == "Thông tấn xã Việt Nam (TTXVN) (2022)"
    assert src.short("en") == "Vietnam News Agency (VNA) (2022)"
    assert result.content.sources["S7"].short("en") == "VNA"


# -- numbers in a page that cites nothing ---------------------------------------------------------------


def test_numbers_in_a_page_without_any_source_are_a_warning_on_the_number(valid: Folder):
    valid.write(STORY, UNSOURCED)
    result = valid.load()
    p = the(result.problems, STORY, "cites no source")
    assert not p.is_error
    assert "129" in p.message and "sources: [S1, S2]" in p.hint
    # the number itself: line 8, after four spaces and "Có "
    assert where(p) == (STORY, 8, 8)
    assert result.content.chapter("1972-12-18") is not None  # a warning: the chapter is shown


@pytest.mark.parametrize("cited", ["sources: S1\n", """\
figures:
  - label: {vi: "B-52", en: "B-52s"}
    value: 129
    source: S1
"""])
def test_a_page_that_cites_anything_is_not_warned(valid: Folder, cited):
    valid.write(STORY, UNSOURCED + cited, dedent=False)
    assert find(valid.load().problems, STORY, "cites no source") == []


def test_designations_codes_and_plain_words_are_no_figures(valid: Folder):
    valid.write(STORY, UNSOURCED.replace("Có 129 chiếc B-52 tham gia.", "Chiếc B-52 và MiG-21, hô hiệu Cobalt 01.")
                .replace("129 B-52s took part.", "The B-52 and the MiG-21, call sign Cobalt 01."))
    assert valid.load().problems == []


def test_a_biography_with_dates_and_no_source_is_warned(valid: Folder):
    text = WITNESS.replace('  vi: "Tiểu sử."', '  vi: "Sinh năm 1947."').replace(
        '  en: "Biography."', '  en: "Born in 1947."').replace("      ref: S7\n", "")
    valid.write(PHAM, text, dedent=False)
    p = the(valid.load().problems, PHAM, "cites no source")
    assert "biography" in p.message and "1947" in p.message
    assert where(p) == (PHAM, line_of(text, "Sinh năm 1947"), len('  vi: "Sinh năm ') + 1)


# -- a translation with other figures --------------------------------------------------------------------


def test_a_figure_in_one_language_and_not_the_other_is_a_warning_at_the_number(valid: Folder):
    text = CHAPTER.replace('  vi: "Nội dung."', '  vi: "Con số được nêu nhiều nhất là 287 người."').replace(
        '  en: "Body text."', '  en: "The most cited toll is 278."')
    valid.write(STORY, text, dedent=False)
    problems = valid.load().problems
    vi = the(problems, STORY, "the 'vi' text gives 287")
    en = the(problems, STORY, "the 'en' text gives 278")
    assert not vi.is_error and "'en' text does not" in vi.message and "same figures" in vi.hint
    assert where(vi) == (STORY, line_of(text, "287 người"), len('  vi: "Con số được nêu nhiều nhất là ') + 1)
    assert where(en) == (STORY, line_of(text, "toll is 278"), len('  en: "The most cited toll is ') + 1)


@pytest.mark.parametrize(("vi", "en"), [
    ("Gần 2.000 ngôi nhà", "Nearly 2,000 homes"),
    ("Tải bom 19,5 tấn", "A bomb load of 19.5 t"),
    ("Ngày 18/12/1972", "On 18 December 1972"),
    ("28 cán bộ hy sinh", "Twenty-eight members of staff were killed"),
    ("Hai chiếc B-52D", "Two B-52Ds"),
    ("Lúc 4 giờ sáng, 3 chiếc", "At 4 a.m., three of them"),
    ("Phía bắc vĩ tuyến 20", "North of the 20th parallel"),
])
def test_the_same_figures_written_each_language_s_way_are_not_warned(valid: Folder, vi, en):
    valid.write(STORY, CHAPTER.replace('"Nội dung."', f'"{vi}"').replace('"Body text."', f'"{en}"'), dedent=False)
    assert find(valid.load().problems, STORY, " text gives ") == []


def test_figures_in_a_block_text_are_found_on_their_own_line(valid: Folder):
    text = CHAPTER.replace('  vi: "Nội dung."', '  vi: |\n    Đoạn một.\n\n    Năm 1972, 81 máy bay.').replace(
        '  en: "Body text."', '  en: |\n    Paragraph one.\n\n    In 1972, 18 aircraft.')
    valid.write(STORY, text, dedent=False)
    problems = valid.load().problems
    vi = the(problems, STORY, "the 'vi' text gives 81")
    assert where(vi) == (STORY, line_of(text, "81 máy bay"), len("    Năm 1972, ") + 1)
    assert the(problems, STORY, "the 'en' text gives 18").location.line == line_of(text, "18 aircraft")


# -- quotes: attributions in every language, verbatim words and their translation ----------------------


QUOTED = WITNESS.replace('''  - text: {vi: "Lời kể.", en: "An account."}
    kind: paraphrase
    source:
      who: "Phạm Tuân"
      where: "Interview"
      when: 2022-12-18
      ref: S7''', '''  - text: {vi: "Tôi phóng hai quả tên lửa.", en: "I fired two missiles."}
    kind: verbatim
    language: vi
    source:
      who: {vi: "Trung tướng Phạm Tuân", en: "Lieutenant General Phạm Tuân"}
      where: {vi: "Phỏng vấn trên báo Dân trí", en: "Interview in Dân trí (Vietnamese)"}
      when: {vi: "tháng 12/2017", en: "December 2017"}
      ref: S7''')


def test_quote_attribution_in_each_language_and_a_translation_is_labelled(valid: Folder):
    valid.write(PHAM, QUOTED, dedent=False)
    result = valid.load()
    assert result.problems == [], source_texts(result.problems)
    vi = presenter(result.content, "vi").witness("pham-tuan")["quotes"][0]
    en = presenter(result.content, "en").witness("pham-tuan")["quotes"][0]
    assert (vi["who"], vi["where"], vi["when"]) == (
        "Trung tướng Phạm Tuân", "Phỏng vấn trên báo Dân trí", "tháng 12/2017")
    assert (en["who"], en["where"], en["when"]) == ("Lieutenant General Phạm Tuân", "Interview in Dân trí (Vietnamese)",
                                                    "December 2017")
    assert vi["translated"] is False and vi["kindLabel"] == "Trích nguyên văn"
    assert en["translated"] is True and en["kindLabel"] == "Quotation, translated from Vietnamese"
    assert en["sourceIds"] == ["S7"]


def test_a_plain_when_must_still_be_a_date(valid: Folder):
    text = WITNESS.replace("when: 2022-12-18", 'when: "18/12/2022"')
    valid.write(PHAM, text, dedent=False)
    result = valid.load()
    p = the(result.problems, PHAM, "is not an EDTF date")
    assert p.is_error and "per language" in p.hint and p.location.line == line_of(text, "when:")
    assert result.content.witness("pham-tuan").quotes == ()


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace("      ref: S7\n", ""), "without the source that prints these words"),
    (lambda t: t.replace("    language: vi\n", ""), "without 'language:'"),
    (lambda t: t.replace("    language: vi\n", "    language: fr\n"), "published in 'fr' but has no 'fr' text"),
])
def test_verbatim_quotes_say_where_and_in_which_language_the_words_were_published(valid: Folder, change, message):
    valid.write(PHAM, change(QUOTED), dedent=False)
    result = valid.load()
    p = the(result.problems, PHAM, message)
    assert not p.is_error
    assert len(result.content.witness("pham-tuan").quotes) == 1  # a warning: the quote is still shown


def test_a_figure_value_may_differ_per_language_and_approximate_numbers_follow_the_language(valid: Folder):
    text = CHAPTER.replace("    value: 1234\n", '    value: {vi: "hàng trăm", en: "hundreds"}\n').replace(
        "      - value: 34\n", '      - value: "~6600"\n')
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    assert result.problems == [], source_texts(result.problems)
    vi = presenter(result.content, "vi").chapter("1972-12-18")["figures"]
    en = presenter(result.content, "en").chapter("1972-12-18")["figures"]
    assert (vi[0]["claims"][0]["value"], en[0]["claims"][0]["value"]) == ("hàng trăm", "hundreds")
    assert (vi[1]["claims"][0]["value"], en[1]["claims"][0]["value"]) == ("~6.600", "~6,600")


# -- textcheck itself ---------------------------------------------------------------------------------


def test_numbers_are_normalised_and_designations_left_out():
    found = textcheck.numbers("B-52, MiG-21 và F-111; 2.000 nhà, 1,624 người, 19,5 tấn; 18/12/1972; Cobalt 01.")
    assert [(n.text, n.value) for n in found] == [("2.000", "2000"), ("1,624", "1624"), ("19,5", "19.5"),
                                                  ("18", "18"), ("1972", "1972")]


def test_positions_in_plain_quoted_and_block_texts():
    value, key = Location("f.yaml", 10, 7), Location("f.yaml", 10, 3)
    assert textcheck.position(value, key, "", "ab 12", 3) == Location("f.yaml", 10, 10)
    assert textcheck.position(value, key, '"', "ab 12", 3) == Location("f.yaml", 10, 11)
    assert textcheck.position(value, key, "|", "one\n\nab 12\n", 8) == Location("f.yaml", 13, 8)
