"""The home screen shows the exhibit's own sections; the attract band speaks every language of the exhibit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from kiosk.core import resources
from kiosk.ui.quickitems import effectively_visible, walk

pytestmark = pytest.mark.qml

SAMPLE_CONTENT = Path(__file__).resolve().parents[2] / "content"


def home_cards(ui, portrait: bool = False) -> list:
    """The visible section cards of the home page, in reading order (left to right, or top to bottom)."""
    ui.go("home")
    home = ui.item("homePage")
    cards = [i for i in walk(home) if i.objectName().startswith("section_") and effectively_visible(i)]
    return sorted(cards, key=lambda c: (ui.center(c).y(), ui.center(c).x()) if portrait
                  else (ui.center(c).x(), ui.center(c).y()))


def texts_in(item) -> list[str]:
    return [t for t in (i.property("text") for i in walk(item)) if isinstance(t, str) and t]


def icon_sources(item) -> list[str]:
    """The sources of the images in *item* that loaded (all of it, with a size)."""
    return [i.property("source").toString() for i in walk(item)
            if i.metaObject().indexOfProperty("sourceSize") >= 0
            and i.property("progress") == 1.0 and i.implicitWidth() > 0]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_home_cards_are_the_presenters_sections_in_order(make_ui, size):
    ui = make_ui(size=size)
    presenter = ui.kiosk._presenter
    sections = presenter.sections()
    assert len(sections) == 3  # the sample declares all three
    cards = home_cards(ui, portrait=size[1] > size[0])
    assert [c.objectName() for c in cards] == [f"section_{s['name']}" for s in sections]
    for card, section in zip(cards, sections, strict=True):
        texts = texts_in(card)
        assert section["title"] in texts and section["hint"] in texts, (section, texts)
        want = QUrl.fromLocalFile(str(resources.assets_dir() / "icons" / f"{section['icon']}.svg")).toString()
        assert icon_sources(card) == [want]
    # cards share the width in landscape (one row), stack in portrait (one column)
    xs = {round(ui.center(c).x()) for c in cards}
    ys = {round(ui.center(c).y()) for c in cards}
    assert (len(ys), len(xs)) == ((1, 3) if size[0] > size[1] else (3, 1))


def test_home_cards_follow_the_language(make_ui):
    ui = make_ui()
    before = [texts_in(c) for c in home_cards(ui)]
    other = next(code for code in ui.kiosk._presenter.content.exhibit.languages
                 if code != ui.kiosk.session.property("language"))
    ui.kiosk.session.setProperty("language", other)
    ui.settle()
    cards = home_cards(ui)
    titles = [s["title"] for s in ui.kiosk._presenter.sections()]
    assert all(t in texts_in(c) for c, t in zip(cards, titles, strict=True))
    assert [texts_in(c) for c in cards] != before


def two_sections(tmp_path: Path) -> Path:
    """A copy of the sample whose exhibit declares two sections, quiz first, the story with its own icon."""
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    (root / "media" / "icons").mkdir(parents=True, exist_ok=True)
    shutil.copy(resources.assets_dir() / "icons" / "globe.svg", root / "media" / "icons" / "our-story.svg")
    exhibit = root / "exhibit.yaml"
    text = exhibit.read_text(encoding="utf-8")
    start, end = text.index("\nsections:"), text.index("\nidle_timeout:")
    sections = (
        "\nsections:\n"
        "  - section: quiz\n"
        "    title: {vi: \"Đố vui\", en: \"Try yourself\"}\n"
        "    icon: quiz\n"
        "  - section: story\n"
        "    title: {vi: \"Mười hai ngày đêm\", en: \"Twelve days and nights\"}\n"
        "    subtitle: {vi: \"Từng ngày một\", en: \"Day by day\"}\n"
        "    icon: media/icons/our-story.svg\n"
    )
    exhibit.write_text(text[:start] + sections + text[end:], encoding="utf-8")
    return root


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_an_exhibit_with_two_sections_shows_two_cards(make_ui, tmp_path, size):
    root = two_sections(tmp_path)
    ui = make_ui(content=root, size=size, lang="en")
    assert not [p for p in ui.kiosk._presenter.content.exhibit.sections if p.route == "witnesses"]
    cards = home_cards(ui, portrait=size[1] > size[0])
    assert [c.objectName() for c in cards] == ["section_quiz", "section_story"]
    assert not ui.items("section_witnesses")
    sections = ui.kiosk._presenter.sections()
    for card, section in zip(cards, sections, strict=True):
        assert section["title"] in texts_in(card)
    assert "Twelve days and nights" in texts_in(cards[1]) and "Day by day" in texts_in(cards[1])
    # the exhibit's own icon is drawn from its file; the kiosk's from assets/icons
    assert icon_sources(cards[1]) == [QUrl.fromLocalFile(str(root / "media" / "icons" / "our-story.svg")).toString()]
    assert icon_sources(cards[0]) == [
        QUrl.fromLocalFile(str(resources.assets_dir() / "icons" / "quiz.svg")).toString()]
    # two cards share the width in landscape, stack in portrait; each takes its share of the room
    a, b = cards
    if size[0] > size[1]:
        assert abs(ui.center(a).y() - ui.center(b).y()) <= 1 and abs(a.width() - b.width()) <= 1
        assert a.width() + b.width() > size[0] * 0.8
    else:
        assert abs(ui.center(a).x() - ui.center(b).x()) <= 1 and a.width() > size[0] * 0.8
    # the card opens its section; the breadcrumb names it with the exhibit's title
    ui.tap("section_story")
    ui.wait_route("story")
    assert ui.text_of("breadcrumb").endswith("Twelve days and nights")


def with_languages(tmp_path: Path, languages: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    exhibit = root / "exhibit.yaml"
    text = exhibit.read_text(encoding="utf-8")
    assert "\nlanguages: [vi, en]" in text
    exhibit.write_text(text.replace("\nlanguages: [vi, en]", f"\nlanguages: {languages}", 1), encoding="utf-8")
    return root


@pytest.mark.parametrize("languages", ["", "[vi, en, fr, ja]"])
def test_the_attract_band_names_every_language_of_the_exhibit(make_ui, tmp_path, languages):
    ui = make_ui(content=with_languages(tmp_path, languages) if languages else None)
    assert ui.route == "attract"
    band = ui.item("touchToBegin")
    shown = " ".join(texts_in(band))
    wanted = ui.kiosk._presenter.attract_band()
    exhibit_languages = list(ui.kiosk._presenter.content.exhibit.languages)
    assert [w["lang"] for w in wanted] == exhibit_languages
    assert len(exhibit_languages) == (4 if languages else 2)
    for w in wanted:
        assert w["text"] and w["text"] in shown, (w, shown)
    # each language's own words, not one language's repeated
    assert len({w["text"] for w in wanted}) == len(wanted)
