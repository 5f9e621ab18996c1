"""kiosk.core.content.loader + schema + spec: a content folder, its problems (file, line, message, hint)
and the rule that a bad item is left out while the rest of the exhibit runs."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest

from kiosk.core.content.loader import load_content
from kiosk.core.content.routes import all_routes
from kiosk.core.problems import Problem
from tests.core.conftest import CHAPTER, EXHIBIT, QUIZ, WITNESS, Folder, find, the

STORY = "story/1972-12-18.yaml"
PHAM = "witnesses/pham-tuan.yaml"
QUIZ_FILE = "quizzes/basics.yaml"


def where(p: Problem) -> tuple[str, int, int]:
    return (p.location.path, p.location.line, p.location.col)


def dump(problems) -> str:
    return "\n".join(p.format() for p in problems)


# -- the valid fixture ----------------------------------------------------------------------------

def test_valid_folder_loads_without_problems(valid: Folder):
    result = valid.load()
    assert result.problems == [], dump(result.problems)
    c = result.content
    assert c.root == valid.root
    assert [ch.id for ch in c.chapters] == ["1972-12-18"]
    assert [w.id for w in c.witnesses] == ["pham-tuan"]
    assert [q.id for q in c.quizzes] == ["basics"]
    assert sorted(c.sources) == ["S1", "S7"]
    chapter = c.chapters[0]
    assert chapter.file == STORY
    assert chapter.date.text == "1972-12-18" and chapter.date.single_day
    assert chapter.title.get("en") == "The first night"
    assert chapter.images[0].file == "media/photo.png"
    assert chapter.witnesses == ("pham-tuan",)
    witness = c.witnesses[0]
    assert witness.file == PHAM
    assert witness.born.text == "1947-02-14"
    assert witness.days == ("1972-12-18",)
    assert witness.quotes[0].source.ref == "S7"
    assert c.exhibit.languages == ("vi", "en") and c.exhibit.default_language == "vi"
    assert len(c.exhibit.attract.slides) == 2
    assert "story/1972-12-18" in all_routes(c) and "quiz/basics/results" in all_routes(c)


def test_figures_single_and_disputed(valid: Folder):
    figures = valid.load().content.chapters[0].figures
    single, disputed = figures
    assert not single.disputed
    assert single.claims[0].value == 1234 and single.claims[0].source == ("S1", "S7")
    assert disputed.disputed
    assert [(c.value, c.by.get("en"), c.source) for c in disputed.claims] == [
        (34, "Vietnamese figure", ("S7",)), (15, "US Air Force figure", ("S1",))]


# -- unknown keys and wrong types -------------------------------------------------------------------

def test_unknown_key_suggests_the_right_one(valid: Folder):
    valid.write(STORY, CHAPTER.replace("    caption:", "    captoin:"))
    result = valid.load()
    p = the(result.problems, STORY, "unknown key")
    assert where(p) == (STORY, 14, 5)
    assert p.message == "unknown key 'captoin'"
    assert p.hint == "did you mean 'caption'?"
    assert p.is_error
    # caption is required for an image: the image is dropped, the chapter stays
    missing = the(result.problems, STORY, "missing required key")
    assert where(missing) == (STORY, 13, 5)
    assert missing.message == "missing required key 'caption'"
    assert missing.hint == "what the image shows"
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None and chapter.images == ()


def test_unknown_key_without_a_close_match_lists_the_known_keys(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ + "zzz: 1\n")
    p = the(valid.load().problems, QUIZ_FILE, "unknown key")
    assert where(p) == (QUIZ_FILE, 20, 1)
    assert p.message == "unknown key 'zzz'"
    assert p.hint == "known keys: title, description, shuffle, questions"


def test_number_where_a_file_path_is_expected(valid: Folder):
    valid.write(STORY, CHAPTER.replace("file: media/photo.png", "file: 42"))
    p = the(valid.load().problems, STORY, "expected")
    assert where(p) == (STORY, 13, 11)
    assert p.message == "expected the path of an image file inside the content folder, found the number 42"


def test_number_where_a_word_is_expected(valid: Folder):
    valid.write(STORY, CHAPTER.replace("kind: day", "kind: 3"))
    result = valid.load()
    p = the(result.problems, STORY, "expected")
    assert where(p) == (STORY, 1, 7)
    assert p.message == "expected one of 'chapter', 'day', 'prologue', 'epilogue', found the number 3"
    # 'kind' is optional: the chapter loads as a day
    assert result.content.chapter("1972-12-18").kind == "chapter"


def test_enum_typo_suggests(valid: Folder):
    valid.write(STORY, CHAPTER.replace("kind: day", "kind: prolog"))
    p = the(valid.load().problems, STORY, "expected")
    assert where(p) == (STORY, 1, 7)
    assert p.hint == "did you mean 'prologue'?"


def test_date_where_text_is_expected(valid: Folder):
    text = CHAPTER.replace('title:\n  vi: "Đêm thứ nhất"\n  en: "The first night"\n', "title: 1972-12-18\n")
    valid.write(STORY, text)
    result = valid.load()
    p = the(result.problems, STORY, "expected")
    assert where(p) == (STORY, 3, 8)
    assert p.message == ("expected a text, or one text per language (vi: ..., en: ...), "
                         "found the date 1972-12-18")
    # title is required: the chapter is left out and the loader says so
    assert result.content.chapters == ()
    left_out = the(result.problems, STORY, "left out")
    assert where(left_out) == (STORY, 0, 0) and not left_out.is_error
    assert left_out.message == "'1972-12-18' is left out of the exhibit until its errors are fixed"


def test_list_where_text_is_expected(valid: Folder):
    valid.write(PHAM, WITNESS.replace('name: "Phạm Tuân"', "name: [Phạm, Tuân]"))
    result = valid.load()
    p = the(result.problems, PHAM, "expected")
    assert where(p) == (PHAM, 1, 7)
    assert p.message == "expected a text, found a list"
    assert result.content.witnesses == ()


def test_text_where_a_list_is_expected(valid: Folder):
    valid.write(STORY, CHAPTER.replace("witnesses: [pham-tuan]", "witnesses: pham-tuan"))
    result = valid.load()
    p = the(result.problems, STORY, "expected")
    assert where(p) == (STORY, 30, 12)
    assert p.message == "expected a list (lines starting with '- '), found the text 'pham-tuan'"
    assert result.content.chapter("1972-12-18").witnesses == ()  # the optional part is dropped


def test_text_where_a_number_is_expected(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace("idle_timeout: 60", "idle_timeout: sixty"))
    p = the(valid.load().problems, "exhibit.yaml", "expected")
    assert where(p) == ("exhibit.yaml", 9, 15)
    assert p.message == "expected a number, found the text 'sixty'"


def test_number_out_of_range(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace("idle_countdown: 20", "idle_countdown: 5"))
    p = the(valid.load().problems, "exhibit.yaml", "too small")
    assert where(p) == ("exhibit.yaml", 10, 17)
    assert p.message == "5 is too small (at least 20)"


def test_unquoted_colour_hints_at_quotes(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + 'theme:\n  background: #15120f\n')
    p = the(valid.load().problems, "exhibit.yaml", "colour")
    assert where(p) == ("exhibit.yaml", 18, 14)
    assert p.message == "expected a colour written as #rrggbb (e.g. #e0a93b), found nothing"
    assert p.hint == 'put the colour in quotes: "#e0a93b"'


def test_bool_where_true_false_expected(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ.replace("shuffle: true", "shuffle: yes please"))
    p = the(valid.load().problems, QUIZ_FILE, "expected")
    assert where(p) == (QUIZ_FILE, 4, 10)
    assert p.message == "expected true or false, found the text 'yes please'"


def test_whole_file_of_the_wrong_shape(valid: Folder):
    valid.write("witnesses/list.yaml", "- a\n- b\n")
    valid.write("witnesses/word.yaml", "hello\n")
    result = valid.load()
    p = the(result.problems, "witnesses/list.yaml", "expected")
    assert where(p) == ("witnesses/list.yaml", 1, 1)
    assert p.message == "expected a group of 'key: value' lines, found a list"
    p = the(result.problems, "witnesses/word.yaml", "expected")
    assert where(p) == ("witnesses/word.yaml", 1, 1)
    assert p.message == "expected a group of 'key: value' lines, found the text 'hello'"
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


# -- missing and duplicated -------------------------------------------------------------------------

def test_missing_required_field(valid: Folder):
    valid.write(PHAM, WITNESS.replace('name_ascii: "Pham Tuan"\n', ""))
    result = valid.load()
    p = the(result.problems, PHAM, "missing")
    assert where(p) == (PHAM, 1, 1)
    assert p.message == "missing required key 'name_ascii'"
    assert p.hint == "the name in plain letters"
    assert result.content.witnesses == ()
    # the chapter that linked the witness loses the link: a follow-on warning that names the real cause
    dangling = the(result.problems, STORY, "left out")
    assert where(dangling) == (STORY, 30, 13)
    assert not dangling.is_error
    assert dangling.message == ("the witness 'pham-tuan' is left out because of the errors in "
                                "witnesses/pham-tuan.yaml, so this link is not shown")
    assert result.content.chapter("1972-12-18").witnesses == ()


def test_empty_required_text(valid: Folder):
    valid.write(PHAM, WITNESS.replace('name: "Phạm Tuân"', 'name: "  "'))
    result = valid.load()
    p = the(result.problems, PHAM, "empty")
    assert where(p) == (PHAM, 1, 7)
    assert p.message == "the text is empty"
    assert result.content.witnesses == ()


def test_duplicate_keys(valid: Folder):
    valid.write(PHAM, WITNESS + 'name: "Someone else"\n')
    result = valid.load()
    p = the(result.problems, PHAM, "duplicate")
    assert where(p) == (PHAM, 22, 1)
    assert p.message == "duplicate key 'name'"
    assert p.hint == "it is already set on line 1; keep one of them"
    assert result.content.witness("pham-tuan").name == "Phạm Tuân"


def test_duplicate_ids_yaml_and_yml(valid: Folder):
    valid.write("witnesses/pham-tuan.yml", WITNESS.replace("Phạm Tuân", "Copy"))
    result = valid.load()
    p = the(result.problems, "witnesses/pham-tuan.yml", "duplicate")
    assert where(p) == ("witnesses/pham-tuan.yml", 0, 0)
    assert p.message == "duplicate id 'pham-tuan': 'witnesses/pham-tuan.yaml' has the same name"
    assert p.hint == "rename or remove one of the two files"
    assert [(w.id, w.name) for w in result.content.witnesses] == [("pham-tuan", "Phạm Tuân")]


@pytest.mark.parametrize(("name", "suggestion"), [
    ("Pham Tuan.yaml", "pham-tuan.yaml"),
    ("nguyen_van_cau.yml", "nguyen-van-cau.yml"),
    ("-x.yaml", "x.yaml"),
    ("Đỗ.yaml", "item.yaml"),
])
def test_invalid_item_file_name(valid: Folder, name, suggestion):
    valid.write(f"witnesses/{name}", WITNESS)
    result = valid.load()
    p = the(result.problems, f"witnesses/{name}", "file name")
    assert where(p) == (f"witnesses/{name}", 0, 0)
    assert p.message == f"'{name}' is not a valid file name for an item"
    assert p.hint == f"use lowercase letters, digits and '-', e.g. '{suggestion}'"
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_non_yaml_file_in_a_section_is_a_warning(valid: Folder):
    valid.write("witnesses/notes.txt", "x")
    valid.write("witnesses/.hidden.yaml", "not: [valid")
    valid.write("witnesses/backup.yaml~", "not: [valid")
    result = valid.load()
    assert len(result.problems) == 1, dump(result.problems)
    p = the(result.problems, "witnesses/notes.txt")
    assert not p.is_error
    assert p.message == "this file is not a .yaml file and is ignored"


def test_empty_item_file(valid: Folder):
    valid.write("witnesses/empty.yaml", "# nothing yet\n")
    result = valid.load()
    p = the(result.problems, "witnesses/empty.yaml")
    assert where(p) == ("witnesses/empty.yaml", 0, 0)
    assert p.is_error and p.message == "the file is empty"


# -- files that cannot be read ----------------------------------------------------------------------

def test_yaml_syntax_error_in_an_item(valid: Folder):
    valid.write("witnesses/broken.yaml", 'name: "Nguyễn Văn Cốc\nrole: x\n')
    result = valid.load()
    p = the(result.problems, "witnesses/broken.yaml")
    assert where(p) == ("witnesses/broken.yaml", 1, 7)  # where the quote opens, not where the file ends
    assert p.message == "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar)"
    assert "never closed" in p.hint
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_tabs_in_an_item(valid: Folder):
    valid.write(PHAM, WITNESS.replace('  en: "MiG-21 pilot"', '\ten: "MiG-21 pilot"'))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 5, 1)
    assert p.hint == "YAML does not allow tabs here; use spaces"
    assert result.content.witnesses == ()


def test_python_tag_in_an_item_executes_nothing(valid: Folder, tmp_path: Path):
    marker = tmp_path / "pwned"
    valid.write("witnesses/evil.yaml", f'name: !!python/object/apply:os.system ["touch {marker}"]\n')
    result = valid.load()
    p = the(result.problems, "witnesses/evil.yaml", "tag")
    assert where(p) == ("witnesses/evil.yaml", 1, 7)
    assert p.message == "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    assert not marker.exists()
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_alias_bomb_in_an_item(valid: Folder):
    from tests.core.content.test_yamlfile import billion_laughs
    valid.write("witnesses/bomb.yaml", billion_laughs())
    result = valid.load()
    p = the(result.problems, "witnesses/bomb.yaml")
    assert p.location.line == 1
    assert p.message.startswith("the file holds too many values")
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_deeply_nested_item(valid: Folder):
    valid.write("quizzes/deep.yaml", "title: " + "[" * 500 + "]" * 500 + "\n")
    result = valid.load()
    p = the(result.problems, "quizzes/deep.yaml")
    assert where(p)[:2] == ("quizzes/deep.yaml", 1)
    assert p.message == "the file is nested too deeply (more than 40 levels)"
    assert [q.id for q in result.content.quizzes] == ["basics"]


def test_file_over_1_mb(valid: Folder):
    path = valid.write(STORY, CHAPTER + "# padding padding padding\n" * 40_000)
    result = valid.load()
    p = the(result.problems, STORY)
    assert where(p) == (STORY, 0, 0)
    assert p.message == f"the file is too large ({path.stat().st_size:,} bytes; the limit is 1,000,000)"
    assert result.content.chapters == ()


def test_invalid_utf8(valid: Folder):
    valid.write_bytes(PHAM, WITNESS.replace("MiG-21 pilot", "MiG-21 pil\udcffot").encode("utf-8", "surrogateescape"))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 5, 18)
    assert p.message == "the file is not valid UTF-8 text"
    assert p.hint == "save it as UTF-8 in your editor"
    assert result.content.witnesses == ()


def test_byte_order_mark_is_fine(valid: Folder):
    valid.write_bytes(PHAM, b"\xef\xbb\xbf" + WITNESS.encode("utf-8"))
    valid.write_bytes("exhibit.yaml", b"\xef\xbb\xbf" + EXHIBIT.encode("utf-8"))
    result = valid.load()
    assert result.problems == [], dump(result.problems)
    assert result.content.witness("pham-tuan").name == "Phạm Tuân"


def test_crlf_line_endings_are_fine(valid: Folder):
    valid.write_bytes(PHAM, WITNESS.replace("\n", "\r\n").encode("utf-8"))
    assert valid.load().problems == []


def test_folder_where_an_item_file_is_expected(valid: Folder):
    (valid.root / "story" / "x.yaml").mkdir()
    result = valid.load()
    p = the(result.problems, "story/x.yaml")
    assert where(p) == ("story/x.yaml", 0, 0)
    assert p.message == "expected a file here, found a folder"
    assert [c.id for c in result.content.chapters] == ["1972-12-18"]


def test_file_where_a_section_folder_is_expected(tmp_path: Path):
    folder = Folder(tmp_path / "c")
    folder.write("exhibit.yaml", 'title: "X"\n')
    folder.write("witnesses", "not a folder")
    p = the(folder.load().problems, "witnesses")
    assert p.is_error and p.message == "'witnesses' should be a folder"


def test_folder_where_exhibit_yaml_is_expected(valid: Folder):
    (valid.root / "exhibit.yaml").unlink()
    (valid.root / "exhibit.yaml").mkdir()
    result = valid.load()
    p = the(result.problems, "exhibit.yaml")
    assert p.message == "expected a file here, found a folder"
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_unknown_top_level_entries_are_warnings(valid: Folder):
    valid.write("witness/x.yaml", WITNESS)
    valid.write("extra.yaml", "a: 1\n")
    valid.write("README.txt", "notes")
    result = valid.load()
    p = the(result.problems, "witness")
    assert not p.is_error
    assert p.message == "'witness' is not part of the content format and is ignored"
    assert p.hint == "did you mean 'witnesses'?"
    assert not the(result.problems, "extra.yaml").is_error
    assert find(result.problems, "README.txt") == []


# -- missing exhibit, empty and missing folders --------------------------------------------------

def test_missing_exhibit_yaml_other_items_still_load(valid: Folder):
    (valid.root / "exhibit.yaml").unlink()
    result = valid.load()
    p = the(result.problems, "exhibit.yaml")
    assert where(p) == ("exhibit.yaml", 0, 0) and p.is_error
    assert p.message == "exhibit.yaml is missing"
    assert p.hint == "every content folder needs an exhibit.yaml with at least a title"
    assert len(result.problems) == 1, dump(result.problems)
    c = result.content
    assert [ch.id for ch in c.chapters] == ["1972-12-18"]
    assert [w.id for w in c.witnesses] == ["pham-tuan"]
    assert [q.id for q in c.quizzes] == ["basics"]
    assert c.exhibit.title.get("vi") == "Exhibit"


def test_broken_exhibit_yaml_other_items_still_load(valid: Folder):
    valid.write("exhibit.yaml", "title: [unclosed\n")
    result = valid.load()
    p = the(result.problems, "exhibit.yaml")
    assert p.is_error and p.location.line == 2
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_exhibit_without_title(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace('title:\n  vi: "Triển lãm thử"\n  en: "Test exhibit"\n', ""))
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "missing")
    assert where(p) == ("exhibit.yaml", 1, 1)
    assert p.message == "missing required key 'title'"
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]


def test_default_language_not_in_languages(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace("default_language: vi", "default_language: eng"))
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "default language")
    assert where(p) == ("exhibit.yaml", 8, 19)
    assert p.message == "the default language 'eng' is not in 'languages' (vi, en)"
    assert p.hint == "did you mean 'en'?"
    assert result.content.exhibit.default_language == "vi"


def test_empty_content_folder(tmp_path: Path):
    result = load_content(tmp_path)
    assert [p.format() for p in result.problems] == [
        ".: warning: the exhibit has no story chapters, people or quizzes yet",
        ("exhibit.yaml: error: exhibit.yaml is missing "
         "(every content folder needs an exhibit.yaml with at least a title)"),
    ]
    c = result.content
    assert (c.chapters, c.witnesses, c.quizzes, c.sources) == ((), (), (), {})


def test_nonexistent_content_folder(tmp_path: Path):
    root = tmp_path / "nope"
    result = load_content(root)
    assert [p.format() for p in result.problems] == [f"{root}: error: the content folder does not exist"]
    assert result.content.chapters == () and result.content.witnesses == ()


def test_content_path_is_a_file(tmp_path: Path):
    path = tmp_path / "file"
    path.write_text("x")
    result = load_content(path)
    assert [p.format() for p in result.problems] == [f"{path}: error: the content path is not a folder"]


def test_relative_root_gives_paths_relative_to_the_folder(valid: Folder, monkeypatch):
    monkeypatch.chdir(valid.root.parent)
    valid.write("witnesses/bad.yaml", "name: [\n")
    result = load_content(valid.root.name)
    assert [p.location.path for p in result.problems] == ["witnesses/bad.yaml"]


# -- bad item left out, rest runs -----------------------------------------------------------------

def good_witness(name: str) -> str:
    return textwrap.dedent(f"""\
        name: "{name}"
        name_ascii: "{name}"
        role: {{vi: "Nhân chứng", en: "Witness"}}
        biography: {{vi: "Tiểu sử.", en: "Biography."}}
        """)


def test_one_broken_witness_among_good_ones(valid: Folder):
    valid.write("witnesses/a-good.yaml", good_witness("A"))
    valid.write("witnesses/b-broken.yaml", textwrap.dedent("""\
        name: "B"
        name_ascii: "B"
        role: {vi: "Nhân chứng", en: "Witness"}
        """))
    valid.write("witnesses/c-good.yaml", good_witness("C"))
    result = valid.load()
    ids = [w.id for w in result.content.witnesses]
    assert ids == ["a-good", "c-good", "pham-tuan"]
    assert "b-broken" not in ids
    assert {p.location.path for p in result.problems} == {"witnesses/b-broken.yaml"}
    error = the(result.problems, "witnesses/b-broken.yaml", error=True)
    assert where(error) == ("witnesses/b-broken.yaml", 1, 1)
    assert error.message == "missing required key 'biography'"
    warning = the(result.problems, "witnesses/b-broken.yaml", error=False)
    assert warning.message == "'b-broken' is left out of the exhibit until its errors are fixed"
    assert "witnesses/b-broken" not in all_routes(result.content)


def test_every_kind_of_broken_file_leaves_the_rest_running(valid: Folder):
    valid.write("witnesses/syntax.yaml", "name: [\n")
    valid.write_bytes("witnesses/binary.yaml", b"\x00\xff\xfe garbage")
    valid.write("story/1972-12-19.yaml", "date: 1972-12-19\n")
    valid.write("quizzes/broken.yaml", "title: x\nquestions: []\n")
    result = valid.load()
    c = result.content
    assert [ch.id for ch in c.chapters] == ["1972-12-18"]
    assert [w.id for w in c.witnesses] == ["pham-tuan"]
    assert [q.id for q in c.quizzes] == ["basics"]
    paths = {p.location.path for p in result.errors}
    assert paths == {"witnesses/syntax.yaml", "witnesses/binary.yaml", "story/1972-12-19.yaml",
                     "quizzes/broken.yaml"}


# -- cross-references -------------------------------------------------------------------------------

def test_chapter_links_an_unknown_witness(valid: Folder):
    valid.write(STORY, CHAPTER.replace("witnesses: [pham-tuan]", "witnesses: [pham-tuan, pham-tuann, nobody]"))
    result = valid.load()
    typo = the(result.problems, STORY, "pham-tuann")
    assert where(typo) == (STORY, 30, 24)
    assert typo.message == "unknown witness 'pham-tuann'"
    assert typo.hint == "did you mean 'pham-tuan'?"
    unknown = the(result.problems, STORY, "'nobody'")
    assert where(unknown) == (STORY, 30, 36)
    assert unknown.hint == "no witness 'nobody' in witnesses/"
    assert result.content.chapter("1972-12-18").witnesses == ("pham-tuan",)


def test_witness_links_an_unknown_day(valid: Folder):
    valid.write(PHAM, WITNESS.replace("days: [1972-12-18]", "days: [1972-12-18, 1972-12-19]"))
    result = valid.load()
    p = the(result.problems, PHAM, "unknown chapter")
    assert where(p) == (PHAM, 21, 20)
    assert p.message == "unknown chapter '1972-12-19'"
    assert p.hint == "did you mean '1972-12-18'?"
    assert result.content.witness("pham-tuan").days == ("1972-12-18",)


def test_unknown_source_ids(valid: Folder):
    valid.write(STORY, CHAPTER.replace("source: [S1, S7]", "source: [S1, S71]"))
    valid.write(QUIZ_FILE, QUIZ.replace("source: S7", "source: Q99"))
    valid.write(PHAM, WITNESS.replace("ref: S7", "ref: S9"))
    result = valid.load()
    p = the(result.problems, STORY, "unknown source")
    assert where(p) == (STORY, 21, 18)
    assert p.message == "unknown source 'S71'"
    assert p.hint == "did you mean 'S7'?"
    p = the(result.problems, QUIZ_FILE, "unknown source")
    assert where(p) == (QUIZ_FILE, 19, 13)
    assert p.hint == "no source 'Q99' in sources.yaml"
    p = the(result.problems, PHAM, "unknown source")
    assert where(p) == (PHAM, 20, 12)
    assert p.message == "unknown source 'S9'"


def test_attract_slide_with_unknown_chapter_is_dropped(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace("chapter: 1972-12-18", "chapter: 1972-12-81"))
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "unknown chapter")
    assert where(p) == ("exhibit.yaml", 16, 16)
    assert p.message == "unknown chapter '1972-12-81'"
    assert p.hint == "did you mean '1972-12-18'?"
    assert [s.image for s in result.content.exhibit.attract.slides] == ["media/photo.png"]


def test_two_chapters_for_one_day(valid: Folder):
    valid.write("story/first-night.yaml", CHAPTER.replace("witnesses: [pham-tuan]\n", ""))
    result = valid.load()
    p = the(result.problems, "story/first-night.yaml")
    assert not p.is_error
    assert p.message == "2 chapters for the same day 1972-12-18: 1972-12-18, first-night"


def test_impossible_chapter_date_names_its_line(valid: Folder):
    valid.write(STORY, CHAPTER.replace("date: 1972-12-18", "date: 1972-12-32"))
    result = valid.load()
    p = the(result.problems, STORY, "no day")
    assert where(p) == (STORY, 2, 7)
    assert p.message == "'1972-12-32' is not a date: there is no day 32 in 1972-12"
    assert p.hint.startswith("write it in EDTF, e.g. 1898, 1967-08, 1898-09-12, 1898/1902")
    assert result.content.chapters == ()
    # the rest of the file was read: no other problem in it but the 'left out' note
    assert [q.message for q in find(result.problems, STORY)] == [
        "'1972-12-18' is left out of the exhibit until its errors are fixed", p.message]


@pytest.mark.parametrize(("born", "message"), [
    ("1947-02-30", "'1947-02-30' is not a date: there is no day 30 in 1947-02"),
    ("1947-13", "'1947-13' is not a date: there is no month 13 (01 to 12; 21 to 24 for the seasons)"),
    ("1947-00-10", "'1947-00-10' is not a date: there is no month 00 (01 to 12; 21 to 24 for the seasons)"),
    ("14/02/1947", "'14/02/1947' is not an EDTF date: write the year first (YYYY-MM-DD)")])
def test_impossible_birth_date_is_an_error_on_its_line(valid: Folder, born, message):
    valid.write(PHAM, WITNESS.replace("born: 1947-02-14", f"born: {born}"))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 6, 7)
    assert p.message == message
    assert result.content.witness("pham-tuan").born is None  # optional: dropped, the witness stays


@pytest.mark.parametrize(("born", "kept"), [("1947", "1947"), ("1947-02", "1947-02"), ("'1947-02-14'", "1947-02-14"),
                                            ("1947~", "1947~"), ("194X", "194X")])
def test_birth_date_may_be_a_year_a_month_or_a_date(valid: Folder, born, kept):
    valid.write(PHAM, WITNESS.replace("born: 1947-02-14", f"born: {born}"))
    result = valid.load()
    assert result.problems == []
    assert result.content.witness("pham-tuan").born.text == kept


def test_end_date_before_date(valid: Folder):
    valid.write(STORY, CHAPTER.replace("date: 1972-12-18", "date: 1972-12-18\nend_date: 1972-12-01"))
    result = valid.load()
    p = the(result.problems, STORY, "end_date")
    assert where(p) == (STORY, 1, 1)
    assert p.message == "'end_date' (1972-12-01) is before 'date' (1972-12-18)"
    assert result.content.chapter("1972-12-18").date.text == "1972-12-18"  # the day stays, without the bad end


# -- languages --------------------------------------------------------------------------------------

def test_missing_translation_is_a_warning_naming_the_language(valid: Folder):
    valid.write(PHAM, WITNESS.replace('  en: "MiG-21 pilot"\n', ""))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 4, 3)
    assert not p.is_error
    assert p.message == "no English ('en') text"
    assert p.hint == "the Vietnamese ('vi') text is shown instead"
    assert result.content.witness("pham-tuan").role.get("en", ("vi",)) == "Phi công MiG-21"


def test_missing_default_language_text_names_the_shown_one(valid: Folder):
    valid.write(PHAM, WITNESS.replace('  vi: "Phi công MiG-21"\n', ""))
    p = the(valid.load().problems, PHAM)
    assert where(p) == (PHAM, 4, 3)
    assert p.message == "no Vietnamese ('vi') text"
    assert p.hint == "the English ('en') text is shown instead"


def test_unknown_language_key_is_a_warning(valid: Folder):
    valid.write(PHAM, WITNESS.replace('  en: "Biography."', '  en: "Biography."\n  fr: "Biographie."'))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 13, 3)
    assert not p.is_error
    assert p.message == "'fr' is not one of the exhibit's languages (vi, en)"
    assert p.hint == "add it to 'languages' in exhibit.yaml"
    assert "fr" not in result.content.witness("pham-tuan").biography.values


def test_misspelt_language_key_suggests_the_right_one(valid: Folder):
    valid.write(PHAM, WITNESS.replace('  en: "Biography."', '  eng: "Biography."'))
    result = valid.load()
    unknown = the(result.problems, PHAM, "not one of")
    assert where(unknown) == (PHAM, 12, 3)
    assert unknown.hint == "did you mean 'en'?"
    missing = the(result.problems, PHAM, "no English")
    assert where(missing) == (PHAM, 11, 3)


def test_a_third_language_is_checked_everywhere(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT.replace("languages: [vi, en]", "languages: [vi, en, fr]"))
    result = valid.load()
    assert result.content.exhibit.languages == ("vi", "en", "fr")
    assert result.errors == []
    assert result.warnings and all(p.message == "no French ('fr') text" for p in result.warnings)
    assert (PHAM, 4, 3) in {where(p) for p in result.warnings}


def test_plain_text_is_the_same_in_every_language(valid: Folder):
    valid.write(PHAM, WITNESS.replace('role:\n  vi: "Phi công MiG-21"\n  en: "MiG-21 pilot"', 'role: "MiG-21"'))
    result = valid.load()
    assert result.problems == []
    role = result.content.witness("pham-tuan").role
    assert role.get("vi") == role.get("en") == "MiG-21"


# -- quotes -----------------------------------------------------------------------------------------

QUOTE_SOURCE = """\
    source:
      who: "Phạm Tuân"
      where: "Interview"
      when: 2022-12-18
      ref: S7
"""


def test_quote_without_source_is_dropped_but_the_witness_loads(valid: Folder):
    valid.write(PHAM, WITNESS.replace(QUOTE_SOURCE, ""))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 14, 5)
    assert p.is_error
    assert p.message == "missing required key 'source'"
    assert p.hint == "who said it, where and when"
    witness = result.content.witness("pham-tuan")
    assert witness is not None
    assert witness.quotes == ()


@pytest.mark.parametrize(("key", "hint"), [
    ("who", "the person quoted"),
    ("where", "publication, interview or archive"),
    ("when", "date of the source in EDTF (1961-05-04, 1961-05, 1961, 1961~ ...), or a text per language"),
])
def test_quote_source_needs_who_where_and_when(valid: Folder, key, hint):
    valid.write(PHAM, re.sub(rf"      {key}: .*\n", "", WITNESS))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 17, 7)
    assert p.is_error
    assert p.message == f"missing required key '{key}'"
    assert p.hint == hint
    witness = result.content.witness("pham-tuan")
    assert witness is not None and witness.quotes == ()


def test_quote_kind_must_be_verbatim_or_paraphrase(valid: Folder):
    valid.write(PHAM, WITNESS.replace("kind: paraphrase", "kind: paraphrased"))
    result = valid.load()
    p = the(result.problems, PHAM)
    assert where(p) == (PHAM, 15, 11)
    assert p.message == "expected one of 'verbatim', 'paraphrase', found the text 'paraphrased'"
    assert p.hint == "did you mean 'paraphrase'?"
    assert result.content.witness("pham-tuan").quotes == ()


def test_only_the_bad_quote_is_dropped(valid: Folder):
    good = WITNESS[WITNESS.index("  - text:"):WITNESS.index("days:")]
    bad = good.replace(QUOTE_SOURCE, "")
    valid.write(PHAM, WITNESS.replace(good, bad + good))
    result = valid.load()
    assert [where(p) for p in result.problems] == [(PHAM, 14, 5)]
    assert len(result.content.witness("pham-tuan").quotes) == 1


# -- figures ----------------------------------------------------------------------------------------

def test_figure_without_source(valid: Folder):
    valid.write(STORY, CHAPTER.replace("    source: [S1, S7]\n", ""))
    result = valid.load()
    p = the(result.problems, STORY)
    assert where(p) == (STORY, 18, 5)
    assert p.is_error
    assert p.message == "the figure 'Nhân viên bệnh viện thiệt mạng' has no 'source'"
    assert p.hint == "every figure needs its value and its source"
    figures = result.content.chapter("1972-12-18").figures
    assert [f.label.get("en") for f in figures] == ["B-52s shot down"]


def test_figure_without_value(valid: Folder):
    valid.write(STORY, CHAPTER.replace("    value: 1234\n", ""))
    p = the(valid.load().problems, STORY)
    assert where(p) == (STORY, 18, 5)
    assert p.message == "the figure 'Nhân viên bệnh viện thiệt mạng' has no 'value'"


def test_figure_with_value_and_values(valid: Folder):
    valid.write(STORY, CHAPTER.replace(
        "    source: [S1, S7]\n",
        "    source: [S1, S7]\n    values: [{value: 1, by: x, source: S1}, {value: 2, by: y, source: S1}]\n"))
    result = valid.load()
    p = the(result.problems, STORY)
    assert where(p) == (STORY, 18, 5)
    assert p.message == "a figure has either 'value' and 'source', or 'values' (for a disputed figure), not both"
    assert len(result.content.chapter("1972-12-18").figures) == 1


DISPUTED_SECOND = """\
      - value: 15
        by: {vi: "Theo Không quân Hoa Kỳ", en: "US Air Force figure"}
        source: S1
"""


def test_disputed_figure_needs_two_claims(valid: Folder):
    valid.write(STORY, CHAPTER.replace(DISPUTED_SECOND, ""))
    result = valid.load()
    p = the(result.problems, STORY)  # exactly one problem: no follow-up about a missing 'value'
    assert where(p) == (STORY, 24, 7)
    assert p.message == "needs at least 2 valid items, found 1"
    figures = result.content.chapter("1972-12-18").figures
    assert [f.label.get("en") for f in figures] == ["Hospital staff killed"]


def test_disputed_claim_needs_by_and_source(valid: Folder):
    valid.write(STORY, CHAPTER.replace('        source: [S7]\n', ""))
    result = valid.load()
    errors = result.errors
    assert [where(p) for p in errors] == [(STORY, 24, 7), (STORY, 24, 9)], dump(errors)
    assert errors[0].message == "needs at least 2 valid items, found 1"
    assert errors[1].message == "missing required key 'source'"
    assert errors[1].hint == "source id(s) from sources.yaml"
    assert len(result.content.chapter("1972-12-18").figures) == 1


def test_figure_with_a_source_of_the_wrong_shape_is_reported_once(valid: Folder):
    valid.write(STORY, CHAPTER.replace("source: [S1, S7]", "source: {S1: yes}"))
    result = valid.load()
    p = the(result.problems, STORY)
    assert where(p) == (STORY, 21, 13)
    assert p.message == "expected the id of a source, found a group of keys"
    assert len(result.content.chapter("1972-12-18").figures) == 1


def test_figure_with_a_broken_unit_is_left_out_not_shown_without_it(valid: Folder):
    valid.write(STORY, CHAPTER.replace('unit: {vi: "người", en: "people"}', "unit: [people]"))
    result = valid.load()
    p = the(result.problems, STORY)
    assert where(p) == (STORY, 20, 11)
    assert p.message == "expected a text, or one text per language (vi: ..., en: ...), found a list"
    assert [f.label.get("en") for f in result.content.chapter("1972-12-18").figures] == ["B-52s shot down"]


def test_figure_value_may_be_short_text(valid: Folder):
    valid.write(STORY, CHAPTER.replace("value: 1234", 'value: "about 130"'))
    result = valid.load()
    assert result.problems == []
    assert result.content.chapter("1972-12-18").figures[0].claims[0].value == "about 130"


def test_figure_value_text_too_long(valid: Folder):
    valid.write(STORY, CHAPTER.replace("value: 1234", f'value: "{"x" * 41}"'))
    p = the(valid.load().problems, STORY)
    assert where(p) == (STORY, 19, 12)
    assert p.message == "a figure's value must be a number or a short text (at most 40 characters)"


# -- quizzes ----------------------------------------------------------------------------------------

def test_question_with_no_correct_choice(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ.replace("        correct: true\n", "", 1))
    result = valid.load()
    p = the(result.problems, QUIZ_FILE)
    assert where(p) == (QUIZ_FILE, 6, 5)
    assert p.is_error
    assert p.message == "a question needs exactly one choice with 'correct: true', found 0"
    quiz = result.content.quiz("basics")
    assert [q.question.get("en") for q in quiz.questions] == ["Question two?"]


def test_question_with_two_correct_choices(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ.replace('      - text: {vi: "Sai", en: "Wrong"}\n',
                                        '      - text: {vi: "Sai", en: "Wrong"}\n        correct: true\n'))
    result = valid.load()
    p = the(result.problems, QUIZ_FILE)
    assert where(p) == (QUIZ_FILE, 6, 5)
    assert p.message == "a question needs exactly one choice with 'correct: true', found 2"
    assert len(result.content.quiz("basics").questions) == 1


def test_question_with_fewer_than_two_choices(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ.replace('      - text: {vi: "A", en: "A"}\n', ""))
    result = valid.load()
    p = the(result.problems, QUIZ_FILE)
    assert where(p) == (QUIZ_FILE, 16, 7)
    assert p.message == "needs at least 2 valid items, found 1"
    assert len(result.content.quiz("basics").questions) == 1


def test_question_with_too_many_choices(valid: Folder):
    extra = "".join(f'      - text: "{i}"\n' for i in range(5))
    text = QUIZ.replace('      - text: {vi: "A", en: "A"}\n', '      - text: {vi: "A", en: "A"}\n' + extra)
    valid.write(QUIZ_FILE, text)
    p = the(valid.load().problems, QUIZ_FILE)
    assert where(p) == (QUIZ_FILE, 16, 7)
    assert p.message == "too many items (7; at most 6)"


def test_quiz_whose_every_question_is_bad_is_left_out(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ.replace("correct: true", "correct: false"))
    result = valid.load()
    assert result.content.quizzes == ()
    errors = result.errors
    assert [where(p) for p in errors] == [(QUIZ_FILE, 6, 3), (QUIZ_FILE, 6, 5), (QUIZ_FILE, 14, 5)]
    assert errors[0].message == "needs at least 1 valid item, found 0"
    left_out = the(result.problems, QUIZ_FILE, error=False)
    assert left_out.message == "'basics' is left out of the exhibit until its errors are fixed"
    assert "quiz/basics" not in all_routes(result.content)


def test_shuffle_defaults_to_true_and_can_be_turned_off(valid: Folder):
    valid.write(QUIZ_FILE, QUIZ.replace("shuffle: true\n", ""))
    valid.write("quizzes/fixed.yaml", QUIZ.replace("shuffle: true", "shuffle: false"))
    c = valid.load().content
    assert c.quiz("basics").shuffle is True
    assert c.quiz("fixed").shuffle is False


# -- sources ----------------------------------------------------------------------------------------

def test_source_without_title(valid: Folder):
    valid.write("sources.yaml", 'S1:\n  publisher: "X"\nS7:\n  title: "Y"\n')
    result = valid.load()
    p = the(result.problems, "sources.yaml", "missing")
    assert where(p) == ("sources.yaml", 2, 3)
    assert p.message == "missing required key 'title'"
    assert sorted(result.content.sources) == ["S7"]
    # everything that cited S1 now cites an unknown source
    assert find(result.problems, STORY, "unknown source 'S1'")


def test_sources_yaml_must_be_a_mapping(valid: Folder):
    valid.write("sources.yaml", "- S1\n- S7\n")
    p = the(valid.load().problems, "sources.yaml")
    assert where(p) == ("sources.yaml", 1, 1)
    assert p.message == "sources.yaml should list sources as 'ID:' followed by their title, url ..."


# -- symlinked item files ---------------------------------------------------------------------------

def test_item_file_symlinked_from_outside_is_refused_like_media(valid: Folder, tmp_path: Path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(good_witness("Outside"), encoding="utf-8")
    os.symlink(outside, valid.root / "witnesses" / "outside.yaml")
    result = valid.load()
    p = the(result.problems, "witnesses/outside.yaml")
    assert p.is_error and "leads out of the content folder" in p.message
    assert result.content.witness("outside") is None
    assert result.content.witness("pham-tuan") is not None


def test_the_start_up_cache_returns_the_same_result_until_a_file_changes(valid: Folder, tmp_path: Path):
    from kiosk.core.content.cache import load_content_cached

    cache = tmp_path / "cache"
    first = load_content_cached(valid.root, cache)
    assert list(cache.glob("*.pickle"))
    again = load_content_cached(valid.root, cache)
    assert again == first and again is not first  # read back from the cache
    valid.write(PHAM, WITNESS.replace('name_ascii: "Pham Tuan"\n', ""))
    changed = load_content_cached(valid.root, cache)
    assert changed.content.witness("pham-tuan") is None and changed.errors
    cache.joinpath("junk.pickle").write_bytes(b"not a pickle")
    for f in cache.glob("*.pickle"):
        f.write_bytes(b"damaged")
    assert load_content_cached(valid.root, cache) == changed  # a damaged entry is rebuilt, not trusted


def test_the_start_up_cache_lives_in_the_kiosks_cache_folder(valid: Folder, tmp_path: Path, monkeypatch):
    from kiosk.core.content.cache import load_content_cached

    monkeypatch.setenv("KIOSK_CACHE_DIR", str(tmp_path / "var-cache-kiosk"))
    load_content_cached(valid.root)
    assert list((tmp_path / "var-cache-kiosk" / "content").glob("*.pickle"))


def test_a_cache_that_cannot_be_written_is_said_in_the_log(valid: Folder, tmp_path: Path, caplog):
    from kiosk.core.content.cache import load_content_cached

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = load_content_cached(valid.root, blocked / "content")
    assert result.content.witness("pham-tuan") is not None  # the content loads all the same
    assert any("cannot keep the validated content" in r.getMessage() for r in caplog.records), caplog.text


def test_loading_pauses_the_garbage_collector_and_restores_it(valid: Folder, monkeypatch):
    import gc

    from kiosk.core.content import loader

    seen = []
    real = loader._load_content
    monkeypatch.setattr(loader, "_load_content", lambda root: seen.append(gc.isenabled()) or real(root))
    assert gc.isenabled()
    assert loader.load_content(valid.root).content.chapters
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        loader.load_content(valid.root)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
