"""kiosk new: skeleton files that load at once, in the right place, never overwriting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core.content import skeleton
from kiosk.core.content.jsonschema import modeline
from kiosk.core.content.loader import load_content

SAMPLE = Path(__file__).resolve().parents[3] / "content"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("c") / "content"
    shutil.copytree(SAMPLE, root)
    return root


def test_slug_removes_vietnamese_diacritics():
    assert skeleton.slug("Nguyễn Văn An") == "nguyen-van-an"
    assert skeleton.slug("Đỗ Đoàn Đại") == "do-doan-dai"
    assert skeleton.slug("  The people, and places!  ") == "the-people-and-places"
    assert skeleton.ascii_name("Đoàn Thị Hiền") == "Doan Thi Hien"


@pytest.mark.parametrize(("kind", "name", "rel", "schema"), [
    ("witness", "Nguyễn Văn An", "witnesses/nguyen-van-an.yaml", "witness"),
    ("person", "Bùi Xuân Phái", "witnesses/bui-xuan-phai.yaml", "witness"),
    ("day", "1972-12-30", "story/1972-12-30.yaml", "chapter"),
    ("chapter", "1972-12-12/1972-12-17", "story/1972-12-12-1972-12-17.yaml", "chapter"),
    ("chapter", "Bầu trời", "story/bau-troi.yaml", "chapter"),
    ("quiz", "Bầu trời Hà Nội", "quizzes/bau-troi-ha-noi.yaml", "quiz"),
])
def test_a_new_item_loads_without_errors(content, kind, name, rel, schema):
    path = skeleton.write(skeleton.make(kind, name, content))
    assert path == content / rel
    assert path.read_text(encoding="utf-8").splitlines()[0] == modeline(schema)
    result = load_content(content)
    assert not [p.format() for p in result.errors if p.location.path == rel]
    # ... but it is not finished: the validator points at every TODO until the real texts are in
    todo = [p for p in result.warnings if p.location.path == rel and "still says TODO" in p.message]
    assert len(todo) >= 4 and all(p.location.line > 1 for p in todo)
    item_id = Path(rel).stem
    assert item_id in {c.id for c in result.content.chapters} | {w.id for w in result.content.witnesses} \
        | {q.id for q in result.content.quizzes}


def test_never_overwrites(content):
    with pytest.raises(skeleton.SkeletonError, match="already exists"):
        skeleton.make("witness", "Phạm Tuân", content)
    before = (content / "witnesses" / "pham-tuan.yaml").read_text(encoding="utf-8")
    assert "TODO" not in before


@pytest.mark.parametrize(("kind", "name", "message"), [
    ("day", "1972-12-32", "is not a date: there is no day 32"),
    ("witness", "!!!", "does not make a file name"),
    ("letter", "x", "unknown kind"),
])
def test_bad_names_are_refused_clearly(content, kind, name, message):
    with pytest.raises(skeleton.SkeletonError, match=message):
        skeleton.make(kind, name, content)


def test_an_item_is_written_in_the_exhibits_own_languages(tmp_path):
    root = tmp_path / "ex"
    skeleton.new_exhibit(root, ("fr", "ja", "en"))
    text = skeleton.make("person", "Gustave Eiffel", root).text
    assert '  fr: "TODO: role' in text and '  ja: "TODO: role' in text and '  en: "TODO: role' in text
    assert "  vi:" not in text


def test_a_new_exhibit_is_complete_valid_and_in_its_languages(tmp_path):
    root = tmp_path / "bridge"
    files = skeleton.new_exhibit(root, ("fr", "vi", "en"))
    result = load_content(root)
    assert result.errors == [], [p.format() for p in result.errors]
    c = result.content
    assert (c.exhibit.languages, c.exhibit.default_language) == (("fr", "vi", "en"), "fr")
    assert [s.kind for s in c.exhibit.sections] == ["story", "people", "quiz"]
    assert len(c.chapters) == 2 and c.chapters[1].date is None  # a dated chapter and a theme
    assert len(c.witnesses) == 1 and len(c.quizzes) == 1
    assert c.exhibit.screen is not None and c.exhibit.screen.sizes() == [(1920, 1080)]
    # the section titles are the kiosk's own words in each language, for staff to change
    assert c.exhibit.sections[0].title.values == {"fr": "Le récit", "vi": "Câu chuyện", "en": "The story"}
    # every text to write says TODO, and nothing about any one campaign or topic
    assert [p for p in result.warnings if "TODO" in p.message]
    everything = "\n".join(p.read_text(encoding="utf-8") for p in files if p.suffix == ".yaml")
    for word in ("1972", "Hà Nội", "B-52", "Linebacker", "campaign"):
        assert word not in everything
    with pytest.raises(skeleton.SkeletonError, match="not an empty folder"):
        skeleton.new_exhibit(root, ("fr",))


def test_a_language_the_kiosk_does_not_ship_gets_a_catalogue_to_translate(tmp_path):
    root = tmp_path / "ex"
    files = skeleton.new_exhibit(root, ("pt", "en"))
    assert root / "labels" / "pt.po" in files
    result = load_content(root)
    assert result.errors == []
    assert [p for p in result.warnings if p.location.path == "labels/pt.po" and "Portuguese" in p.message]


@pytest.mark.parametrize("text", ["", "fr,,xx yy", "FR"])
def test_languages_must_be_codes(text):
    with pytest.raises(skeleton.SkeletonError):
        skeleton.parse_languages(text)
