"""The content format serves any exhibit: sections, languages and their fallbacks, locales, the screen, units,
the exhibit's own labels, undated chapters. Every mistake is a message at its line."""

from __future__ import annotations

import random

from kiosk.core.content import model
from kiosk.core.present.presenter import Presenter
from kiosk.core.present.visit import Visit
from tests.conftest import SAMPLE_CONTENT
from tests.core.conftest import CHAPTER, EXHIBIT, PHOTO, WITNESS, Folder, find, make_png, the

STORY = "story/1972-12-18.yaml"
PHAM = "witnesses/pham-tuan.yaml"
FR_EXHIBIT = EXHIBIT.replace("languages: [vi, en]", "languages: [fr, vi, en]").replace(
    "default_language: vi", "default_language: fr").replace(
    '  vi: "Triển lãm thử"', '  fr: "Exposition"\n  vi: "Triển lãm thử"')


def presenter(content, lang):
    """A presenter in *lang*, which may be a language the exhibit does not list (to see the kiosk's own words
    in it, as an exhibit that adds the language would)."""
    visit = Visit(lang, (*content.exhibit.languages, lang), rng=random.Random(1))
    return Presenter(content, url_for=lambda f: f, visit=visit)


def test_sections_are_the_exhibits_own_in_its_order(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + """\
sections:
  - section: quiz
    title: {vi: "Đố vui", en: "Puzzles"}
  - section: people
    title: {vi: "Những người thợ", en: "The builders"}
    subtitle: {vi: "Họ đã xây cây cầu", en: "They built the bridge"}
    icon: quote
""")
    result = valid.load()
    sections = presenter(result.content, "en").sections()
    assert [(s["name"], s["title"], s["hint"], s["icon"]) for s in sections] == [
        ("quiz", "Puzzles", "", "quiz"), ("witnesses", "The builders", "They built the bridge", "quote")]
    p = the(result.problems, "exhibit.yaml", "sections")
    assert "the exhibit has story content, but 'sections' does not list the story section" in p.message


def test_without_sections_every_section_with_content_has_the_kiosks_own_words(valid: Folder):
    sections = presenter(valid.load().content, "fr").sections()
    assert [(s["name"], s["title"]) for s in sections] == [("story", "Le récit"), ("witnesses", "Portraits"),
                                                           ("quiz", "Quiz")]


def test_a_section_key_in_the_wrong_section_and_a_section_twice(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + """\
sections:
  - section: story
    groups: [{id: a, title: A}]
  - section: story
  - section: people
  - section: quiz
    icon: qiuz
""")
    result = valid.load()
    assert the(result.problems, "exhibit.yaml", "'groups' belongs to the people section").location.line == 18
    assert the(result.problems, "exhibit.yaml", "listed twice").is_error
    icon = the(result.problems, "exhibit.yaml", "no icon 'qiuz'")
    assert icon.hint == "did you mean 'quiz'?"


def test_the_chapter_label_is_a_template_the_exhibit_writes(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + """\
sections:
  - section: story
    chapter_label: {vi: "Đêm {n}/{total}", en: "Night {n} of {totl}"}
""")
    p = the(valid.load().problems, "exhibit.yaml", "unknown placeholder {totl}")
    assert p.hint == "use {n}, {total}"


def test_a_fallback_chain_the_museum_sets(valid: Folder):
    valid.write("exhibit.yaml", FR_EXHIBIT + "fallback:\n  fr: [en, vi]\n")
    valid.write(STORY, CHAPTER)  # vi and en only
    result = valid.load()
    warning = find(result.problems, STORY, "no French ('fr') text")[0]
    assert warning.hint == "the English ('en') text is shown instead"
    assert presenter(result.content, "fr").chapter("1972-12-18")["title"] == "The first night"


def test_the_default_chain_is_the_default_language_then_the_order_of_languages(valid: Folder):
    valid.write("exhibit.yaml", FR_EXHIBIT)
    result = valid.load()
    assert result.content.exhibit.chain("fr") == ("fr", "vi", "en")
    assert result.content.exhibit.chain("en") == ("en", "fr", "vi")
    assert presenter(result.content, "fr").chapter("1972-12-18")["title"] == "Đêm thứ nhất"


def test_a_fallback_naming_a_language_the_exhibit_does_not_have(valid: Folder):
    valid.write("exhibit.yaml", FR_EXHIBIT + "fallback:\n  fr: [de, en]\n")
    p = the(valid.load().problems, "exhibit.yaml", "names 'de'")
    assert p.is_error and p.location.line == 19


def test_locales_write_dates_the_regions_way(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + "locales: {en: en-US}\n")
    content = valid.load().content
    assert presenter(content, "en").chapter("1972-12-18")["dateLabel"] == "December 18, 1972"
    valid.write("exhibit.yaml", EXHIBIT + "locales: {en: xx-YY}\n")
    assert the(valid.load().problems, "exhibit.yaml", "CLDR has no locale 'xx-YY'").is_error


def test_undated_chapters_and_periods(valid: Folder):
    valid.write("story/engineering.yaml", "title: {vi: Kỹ thuật, en: Engineering}\nbody: {vi: a, en: b}\n")
    valid.write("story/construction.yaml", "date: 1898/1902\ntitle: {vi: Xây dựng, en: Construction}\n"
                                           "body: {vi: a, en: b}\n")
    result = valid.load()
    assert result.errors == []
    ids = [c.id for c in result.content.chapters]
    assert ids == ["construction", "1972-12-18", "engineering"]  # dated by date, then the themes
    p = presenter(result.content, "en")
    engineering = p.chapter("engineering")
    assert (engineering["dateLabel"], engineering["short"]) == ("", "Engineering")
    assert p.chapter("construction")["short"] == "1898\u2009–\u20091902"  # CLDR English: thin spaces


def test_the_screen_the_exhibit_declares_judges_its_images(valid: Folder):
    make_png(valid.root / PHOTO, (1000, 1600))  # a portrait photo
    assert not find(valid.load().problems, STORY, "smaller than")  # fills 720 of a 1280x720 box's height
    valid.write("exhibit.yaml", EXHIBIT + "screen: {orientation: portrait, size: 1080x1920}\n")
    p = find(valid.load().problems, STORY, "smaller than")[0]
    assert "smaller than the 1080×1920 screen" in p.message
    assert valid.load().content.exhibit.screen.sizes() == [(1080, 1920)]


def test_a_screen_size_that_says_the_other_orientation(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + "screen: {orientation: portrait, size: 1920x1080}\n")
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "the size says the other orientation")
    assert p.hint == "write it as 1080x1920"
    assert result.content.exhibit.screen.sizes() == [(1080, 1920)]


def test_a_figure_with_a_cldr_unit_is_written_each_languages_way(valid: Folder):
    valid.write(STORY, CHAPTER.replace('    unit: {vi: "người", en: "people"}', "    measure: millimeter"))
    result = valid.load()
    assert result.errors == []
    assert presenter(result.content, "vi").chapter("1972-12-18")["figures"][0]["claims"][0]["value"] == "1.234 mm"
    valid.write(STORY, CHAPTER.replace('    unit: {vi: "người", en: "people"}', "    measure: milimeter"))
    p = the(valid.load().problems, STORY, "not a unit CLDR knows")
    assert p.hint == "did you mean 'millimeter'?"


def test_a_media_card_says_what_the_recording_is(valid: Folder):
    media = ("media:\n  - file: media/a.ogg\n    title: {vi: A, en: A}\n    credit: X\n    speech: false\n"
             "    role: music\n")
    valid.write_bytes("media/a.ogg", (SAMPLE_CONTENT / "media/audio/1972-12-19.en.ogg").read_bytes())
    valid.write(STORY, CHAPTER + media)
    result = valid.load()
    chapter = result.content.chapter("1972-12-18")
    assert chapter.media and chapter.media[0].what == "music"
    assert presenter(result.content, "fr").chapter("1972-12-18")["media"][0]["label"] == "Musique"


def test_the_exhibits_own_labels_override_and_missing_ones_are_reported_with_the_fallback(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace("languages: [vi, en]", "languages: [vi, en, pt]")
                + "fallback: {pt: [en]}\n")
    valid.write("labels/pt.po", 'msgctxt "home"\nmsgid "Home"\nmsgstr "Início"\n')
    valid.write("labels/vi.po", 'msgctxt "witnesses"\nmsgid "People"\nmsgstr "Những người thợ"\n')
    result = valid.load()
    p = the(result.problems, "labels/pt.po", "labels have no Portuguese ('pt') text")
    assert "visitors read English for " in p.message and "back" in p.message
    assert "kiosk labels --content DIR --lang pt" in p.hint
    assert not find(result.problems, "labels/vi.po")
    vi = presenter(result.content, "vi")
    assert vi.ui()["witnesses"] == "Những người thợ" and vi.ui()["home"] == "Trang chủ"
    assert presenter(result.content, "pt").ui()["home"] == "Início"
    assert presenter(result.content, "pt").languages()[-1] == {"code": "pt", "label": "Português"}


def test_a_catalogue_for_a_language_the_exhibit_does_not_have(valid: Folder):
    valid.write("labels/de.po", 'msgctxt "home"\nmsgid "Home"\nmsgstr "Start"\n')
    p = the(valid.load().problems, "labels/de.po")
    assert "'de' is not one of the exhibit's languages" in p.message


def test_people_are_sorted_by_the_exhibits_groups_then_by_name(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + """\
sections:
  - section: story
  - section: people
    groups:
      - {id: pilots, title: {vi: Phi công, en: Pilots}}
      - {id: doctors, title: {vi: Bác sĩ, en: Doctors}}
  - section: quiz
""")
    valid.write(PHAM, WITNESS + "group: pilots\n")
    valid.write("witnesses/an.yaml", WITNESS.replace("Pham Tuan", "An").replace("days: [1972-12-18]\n", "")
                + "group: doctors\n")
    valid.write("witnesses/bao.yaml", WITNESS.replace("Pham Tuan", "Bao").replace("days: [1972-12-18]\n", "")
                + "group: pilot\n")
    result = valid.load()
    assert [w.id for w in result.content.witnesses] == ["pham-tuan", "an", "bao"]
    p = the(result.problems, "witnesses/bao.yaml", "unknown group 'pilot'")
    assert p.hint == "did you mean 'pilots'?"
    index = presenter(result.content, "en").people_index()
    assert index == [{"title": "Pilots", "first": 0, "count": 1}, {"title": "Doctors", "first": 1, "count": 1},
                     {"title": "Others", "first": 2, "count": 1}]


def test_a_theme_font_per_language(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + "theme:\n  font: Noto Sans\n  fonts: {vi: Noto Serif}\n")
    theme = valid.load().content.exhibit.theme
    assert (theme.font_for("vi"), theme.font_for("en")) == ("Noto Serif", "Noto Sans")
    assert isinstance(theme, model.Theme)
