"""The Sources section at the end of chapter and witness pages, and the source lines of figures and quotes:
what the visitor sees is what the presenter says the page cites, in the visitor's language."""

from __future__ import annotations

import shutil

import pytest
import yaml

from kiosk.core.content.loader import load_content
from kiosk.core.present.presenter import Presenter
from kiosk.core.present.strings import strings
from kiosk.core.present.visit import Visit
from kiosk.ui.quickitems import effectively_visible, named, walk
from kiosk.ui.render import scroll_to_end
from tests.conftest import SAMPLE_CONTENT
from tests.ui.test_routes import check_page

pytestmark = pytest.mark.qml

DAY = "1972-12-18"
WITNESS = "pham-tuan"


def presenter(root, lang: str) -> Presenter:
    content = load_content(root).content
    return Presenter(content, lambda rel: rel, Visit.of(content.exhibit, lang))


def page_item(ui, name: str):
    """The page called *name* (a day in the pager has its neighbours built beside it: not those)."""
    found = [i for i in ui.items(name) if effectively_visible(i) and ui.on_screen(i)]
    assert len(found) == 1, f"{len(found)} pages called {name!r} on screen"
    return found[0]


def texts(root_item, name: str | None = None) -> list[str]:
    """The texts shown under *root_item* (only those of the items called *name*, when given)."""
    found = walk(root_item) if name is None else named(root_item, name)
    return [i.property("text") for i in found if i.inherits("QQuickText") and effectively_visible(i)]


def sources_shown(page) -> tuple[list[str], list[str]]:
    """(the visible Sources headings, the short credits listed) under *page*."""
    return texts(page, "sourcesHeading"), texts(page, "sourceShort")


@pytest.mark.parametrize(("lang", "size", "large"),
                         [("vi", (1920, 1080), False), ("en", (1080, 1920), False), ("vi", (1280, 720), False),
                          ("vi", (1080, 1920), True)],
                         ids=["vi-landscape", "en-portrait", "vi-small", "vi-portrait-large-text-high-contrast"])
def test_a_day_ends_with_its_sources_in_the_visitors_language(make_ui, lang, size, large):
    ui = make_ui(size=size, lang=lang)
    if large:
        ui.kiosk.session.setAccess("largeText", True)
        ui.kiosk.session.setAccess("highContrast", True)
    ui.go(f"story/{DAY}")
    page = page_item(ui, f"chapter_{DAY}")
    expected = presenter(SAMPLE_CONTENT, lang).chapter(DAY)["pageSources"]
    assert expected, "the sample day cites sources"
    headings, shorts = sources_shown(page)
    assert headings == [strings(lang)["sources"]]
    assert shorts == [s["short"] for s in expected]
    # the section is below the fold: scrolled to, it is legible and fits (text sizes, overflow)
    assert scroll_to_end(ui.window) >= 1
    ui.settle()
    (heading,) = [i for i in named(page, "sourcesHeading") if effectively_visible(i)]
    entries = [i for i in named(page, "sourceEntry") if effectively_visible(i)]
    assert ui.on_screen(entries[-1])
    problems = check_page(ui, f"story/{DAY} (end)")
    assert not problems, "\n".join(problems)
    # every entry says what it is cited for, in words of the visitor's language
    cited = [t for t in texts(page) if strings(lang)["citedFor"].split("{")[0] in t]
    assert len(cited) == len(expected)
    assert heading.property("text") == ("Nguồn" if lang == "vi" else "Sources")


def test_the_sources_follow_the_language_switch(make_ui):
    ui = make_ui(lang="vi")
    ui.go(f"story/{DAY}")
    vi = sources_shown(page_item(ui, f"chapter_{DAY}"))
    ui.kiosk.session.setProperty("language", "en")
    ui.settle()
    en = sources_shown(page_item(ui, f"chapter_{DAY}"))
    for lang, shown in (("vi", vi), ("en", en)):
        expected = [s["short"] for s in presenter(SAMPLE_CONTENT, lang).chapter(DAY)["pageSources"]]
        assert shown == ([strings(lang)["sources"]], expected)
    assert vi != en


def test_a_witness_page_lists_its_sources_and_every_quote_says_its_kind_and_source(make_ui):
    ui = make_ui(size=(1080, 1920), lang="vi")
    ui.go(f"witnesses/{WITNESS}")
    page = page_item(ui, "witnessPage")
    data = presenter(SAMPLE_CONTENT, "vi").witness(WITNESS)
    assert any("quotes" in s["for"] for s in data["pageSources"])
    assert sources_shown(page) == ([strings("vi")["sources"]], [s["short"] for s in data["pageSources"]])
    quotes = [i for i in named(page, "quote") if effectively_visible(i)]
    assert len(quotes) == len(data["quotes"]) > 0
    for box, quote in zip(quotes, data["quotes"], strict=True):
        shown = texts(box)
        assert quote["kindLabel"] in shown
        assert any(quote["who"] in t and quote["source"] in t for t in shown), shown
    scroll_to_end(ui.window)
    ui.settle()
    problems = check_page(ui, f"witnesses/{WITNESS} (end)")
    assert not problems, "\n".join(problems)


def test_every_figure_claim_shows_its_source_line(make_ui):
    ui = make_ui(lang="en")
    ui.go(f"story/{DAY}")
    page = page_item(ui, f"chapter_{DAY}")
    claims = [c for f in presenter(SAMPLE_CONTENT, "en").chapter(DAY)["figures"] for c in f["claims"]]
    assert claims and all(c["source"] for c in claims)
    assert texts(page, "claimSource") == [f"{strings('en')['source']}: {c['source']}" for c in claims]


def test_a_page_that_cites_nothing_has_no_sources_section(make_ui, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    day = "1972-12-21"
    path = root / "story" / f"{day}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.pop("sources") and data.pop("figures")  # the text's sources, and the figures with theirs
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert presenter(root, "en").chapter(day)["pageSources"] == []
    ui = make_ui(content=root, lang="en")
    ui.go(f"story/{day}")
    page = page_item(ui, f"chapter_{day}")
    assert texts(page, "chapterBody") != [""]  # the page itself is there
    assert sources_shown(page) == ([], [])
    assert not [i for i in named(page, "sourcesSection") if effectively_visible(i)]
    # its neighbour still lists its own
    ui.go("story/1972-12-20")
    assert sources_shown(page_item(ui, "chapter_1972-12-20"))[1]
