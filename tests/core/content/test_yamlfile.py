"""kiosk.core.content.yamlfile: safe, bounded YAML that keeps line numbers and never raises."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from kiosk.core.content import yamlfile
from kiosk.core.content.yamlfile import YList, YMap, parse_text, read_yaml
from kiosk.core.problems import Location, Problems
from tests.conftest import SAMPLE_CONTENT

REL = "witnesses/x.yaml"


def parse(text: str):
    problems = Problems()
    return parse_text(text, REL, problems), list(problems)


def only(problems):
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    return problems[0]


def test_values_remember_where_they_are():
    value, problems = parse("name: Phạm Tuân\nrole:\n  vi: Phi công\n  en: Pilot\ndays: [1972-12-18, x]\n")
    assert problems == []
    assert isinstance(value, YMap)
    assert value.location == Location(REL, 1, 1)
    assert value.key_locations["role"] == Location(REL, 2, 1)
    assert value.value_locations["role"] == Location(REL, 3, 3)
    assert value["role"].key_locations["en"] == Location(REL, 4, 3)
    days = value["days"]
    assert isinstance(days, YList)
    assert days == [dt.date(1972, 12, 18), "x"]
    assert days.item_locations == [Location(REL, 5, 8), Location(REL, 5, 20)]


def test_empty_text_is_none_without_problems():
    assert parse("") == (None, [])
    assert parse("# only a comment\n") == (None, [])


def test_syntax_error_names_line_and_column():
    value, problems = parse("name: Phạm Tuân\nrole: MiG-21 pilot: 921st regiment\n")
    assert value is None
    p = only(problems)
    assert p.is_error
    assert (p.location.path, p.location.line, p.location.col) == (REL, 2, 19)
    assert p.message == "YAML syntax error: mapping values are not allowed here"
    assert p.hint == "a text containing ': ' must be put in quotes"


def test_unclosed_bracket_is_a_syntax_error_with_a_line():
    value, problems = parse("name: x\ndays: [1972-12-18, 1972-12-19\nrole: y\n")
    assert value is None
    p = only(problems)
    assert p.location.path == REL and p.location.line == 3 and p.location.col == 5
    assert p.message.startswith("YAML syntax error: ")
    assert "while parsing a flow sequence" in p.message


def test_tab_indentation_hints_at_spaces():
    value, problems = parse("name: x\nrole:\n\tvi: y\n")
    assert value is None
    p = only(problems)
    assert (p.location.path, p.location.line, p.location.col) == (REL, 3, 1)
    assert p.message.startswith("YAML syntax error: found character '\\t' that cannot start any token")
    assert p.hint == "YAML does not allow tabs here; use spaces"


def test_duplicate_key_is_reported_and_the_first_value_kept():
    value, problems = parse("name: first\nrole: x\nname: second\n")
    p = only(problems)
    assert (p.location.path, p.location.line, p.location.col) == (REL, 3, 1)
    assert p.message == "duplicate key 'name'"
    assert p.hint == "it is already set on line 1; keep one of them"
    assert value["name"] == "first"


def test_duplicate_date_keys_are_detected():
    _, problems = parse("1972-12-18: a\n1972-12-18: b\n")
    p = only(problems)
    assert p.location.line == 2
    assert p.message == "duplicate key '1972-12-18'"


def test_python_object_tag_is_refused_and_nothing_runs(tmp_path: Path):
    marker = tmp_path / "pwned"
    text = f'name: !!python/object/apply:os.system ["touch {marker}"]\n'
    value, problems = parse(text)
    p = only(problems)
    assert p.is_error
    assert (p.location.path, p.location.line, p.location.col) == (REL, 1, 7)
    assert p.message == "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    assert not marker.exists()
    assert value["name"] == [f"touch {marker}"]  # the plain data is kept; nothing is constructed


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system\nargs: ['touch {marker}']\n",
    "- !!python/object/new:os.system ['touch {marker}']\n",
    "x: !!python/name:os.system\n",
    "x: !!python/object/apply:subprocess.check_call [['touch', '{marker}']]\n",
])
def test_other_python_tags_never_execute(tmp_path: Path, text):
    marker = tmp_path / "pwned"
    _, problems = parse(text.format(marker=marker))
    assert any(p.is_error and p.message.startswith("unsupported YAML tag 'tag:yaml.org,2002:python/")
               for p in problems)
    assert not marker.exists()


def test_custom_scalar_tag_is_refused_with_a_hint():
    value, problems = parse("a: !secret x\n")
    p = only(problems)
    assert (p.location.line, p.location.col) == (1, 4)
    assert p.message == "unsupported YAML tag '!secret'"
    assert p.hint == "remove the '!' tag; exhibit files hold only text, numbers, dates, lists and keys"
    assert value == {"a": None}


def test_merge_keys_are_refused():
    _, problems = parse("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    p = only(problems)
    assert (p.location.line, p.location.col) == (3, 3)
    assert p.message == "merge keys ('<<') are not supported"
    assert p.hint == "write the keys out in full"


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghijklmnop"[:levels - 1]:
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
        previous = name
    return text


def test_billion_laughs_is_stopped_quickly():
    start = time.perf_counter()
    value, problems = parse(billion_laughs())
    elapsed = time.perf_counter() - start
    assert value is None
    p = only(problems)
    assert p.is_error and p.location.path == REL and p.location.line >= 1
    # the count stops it: 100,000 values composed, not the 10**9 the aliases stand for
    assert p.message == ("the file holds too many values (more than 100000, "
                         "counting aliases each time they are used)")
    print(f"billion laughs refused in {elapsed:.2f} s")


def test_too_many_aliases():
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (yamlfile.MAX_ALIASES + 1)) + "]\n"
    value, problems = parse(text)
    assert value is None
    p = only(problems)
    assert p.location.line == 2
    assert p.message == "too many aliases (more than 100)"
    assert p.hint == "aliases ('*name') are rarely needed in exhibit files; write the values out"


def test_a_few_aliases_are_fine():
    value, problems = parse("a: &a x\nb: [*a, *a]\n")
    assert problems == []
    assert value == {"a": "x", "b": ["x", "x"]}


@pytest.mark.parametrize("depth", [yamlfile.MAX_DEPTH + 1, 1000, 100_000])
def test_deep_nesting_is_an_error_not_a_crash(depth):
    value, problems = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert value is None
    p = only(problems)
    assert (p.location.path, p.location.line) == (REL, 1)
    assert p.message == "the file is nested too deeply (more than 40 levels)"


def test_deep_block_mappings_are_an_error():
    text = "".join("  " * i + f"k{i}:\n" for i in range(60))
    value, problems = parse(text)
    assert value is None
    p = only(problems)
    assert p.location.line == yamlfile.MAX_DEPTH
    assert p.message == "the file is nested too deeply (more than 40 levels)"


def test_nesting_within_the_limit_is_fine():
    depth = yamlfile.MAX_DEPTH - 1
    value, problems = parse("[" * depth + "]" * depth)
    assert problems == []
    assert isinstance(value, YList)


def test_impossible_date_is_kept_as_written_for_the_schema_to_report():
    # 1972-02-30 looks like a date to YAML but is none: the text stays, with its location,
    # so the schema can name the line and the rest of the file still loads
    value, problems = parse("title: x\nborn: 1972-02-30\ndays: [1972-12-32, 1972-12-18]\n")
    assert problems == []
    assert value == {"title": "x", "born": "1972-02-30", "days": ["1972-12-32", dt.date(1972, 12, 18)]}
    assert value.value_locations["born"] == Location(REL, 2, 7)


def test_multiple_documents_are_a_syntax_error():
    value, problems = parse("a: 1\n---\nb: 2\n")
    assert value is None
    p = only(problems)
    assert p.location.line == 2
    assert p.message == ("YAML syntax error: but found another document "
                         "(expected a single document in the stream)")


# -- read_yaml: the file itself ----------------------------------------------------------------

def read(path: Path):
    problems = Problems()
    return read_yaml(path, REL, problems), list(problems)


def test_read_yaml_reads_a_file(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("name: Phạm Tuân\n", encoding="utf-8")
    assert read(path) == ({"name": "Phạm Tuân"}, [])


def test_byte_order_mark_is_fine(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Ph\xe1\xba\xa1m Tu\xc3\xa2n\nrole: x\n")
    value, problems = read(path)
    assert problems == []
    assert value == {"name": "Phạm Tuân", "role": "x"}
    assert value.key_locations["role"] == Location(REL, 2, 1)


def test_invalid_utf8_names_line_and_column(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b'name: "ok"\nrole: "caf\xe9"\n')
    value, problems = read(path)
    assert value is None
    p = only(problems)
    assert (p.location.path, p.location.line, p.location.col) == (REL, 2, 11)
    assert p.message == "the file is not valid UTF-8 text"
    assert p.hint == "save it as UTF-8 in your editor"


def test_utf16_file_is_not_utf8(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes("name: x\n".encode("utf-16"))
    value, problems = read(path)
    assert value is None
    assert only(problems).message == "the file is not valid UTF-8 text"


def test_file_over_1_mb_is_refused(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("name: x\n" + "# padding\n" * 110_000, encoding="utf-8")
    size = path.stat().st_size
    value, problems = read(path)
    assert value is None
    p = only(problems)
    assert (p.location.path, p.location.line) == (REL, 0)
    assert p.message == f"the file is too large ({size:,} bytes; the limit is 1,000,000)"
    assert p.hint == "split it into several smaller files"


def test_file_of_exactly_the_limit_is_read(tmp_path: Path):
    path = tmp_path / "x.yaml"
    head = "name: x\n"
    path.write_text(head + "#" * (yamlfile.MAX_FILE_BYTES - len(head) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == yamlfile.MAX_FILE_BYTES
    assert read(path) == ({"name": "x"}, [])


def test_folder_instead_of_file(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.mkdir()
    value, problems = read(path)
    assert value is None
    p = only(problems)
    assert (p.location.path, p.location.line) == (REL, 0)
    assert p.message == "expected a file here, found a folder"


def test_missing_file(tmp_path: Path):
    value, problems = read(tmp_path / "nope.yaml")
    assert value is None
    assert only(problems).message == "file not found"


def test_plain_scalars_follow_yaml_1_2_so_staff_get_what_they_typed():
    problems = Problems()
    value = parse_text("a: No\nb: 23:05\nc: 010\nd: yes\ne: off\nf: true\ng: 12\nh: 1.5\ni: 1972-12-18\n",
                       "x.yaml", problems)
    assert not list(problems)
    assert value == {"a": "No", "b": "23:05", "c": "010", "d": "yes", "e": "off", "f": True, "g": 12, "h": 1.5,
                     "i": dt.date(1972, 12, 18)}


def test_a_missing_colon_is_reported_on_its_own_line():
    problems = Problems()
    assert parse_text('name: a\nname_ascii "b"\nrole: c\n', "w.yaml", problems) is None
    (p,) = list(problems)
    assert (p.location.line, p.location.col) == (2, 1)


def test_an_invisible_control_character_is_located():
    problems = Problems()
    assert parse_text("a: 1\nx: ab\x07\n", "w.yaml", problems) is None
    (p,) = list(problems)
    assert (p.location.line, p.location.col) == (2, 6)
    assert "U+0007" in p.message


# -- libyaml's parser first, PyYAML's for broken files: the same values, lines and columns ----------
def _flatten(value, path="$"):
    out = [(path, type(value).__name__, getattr(value, "location", None))]
    if isinstance(value, dict):
        for k, v in value.items():
            out.append((f"{path}.{k}", "key", value.key_locations[k], value.value_locations[k]))
            out += _flatten(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.append((f"{path}[{i}]", "item", value.item_locations[i]))
            out += _flatten(v, f"{path}[{i}]")
    else:
        out.append((path, "value", repr(value)))
    return out


AGREEMENT_CASES = [
    'title: {vi: "Hà Nội – Điện Biên Phủ trên không", en: "Hanoi"}\nvalue: 23:05\ncode: 010\nen: No\n',
    "a:\n  - x\n  - {b: 1.5, c: true, d: ~}\n  - |\n    ngày đêm\n    😀 wide\ne: 'it''s'\n",
    "\ufeffkey: value\n",
    "base: &b {x: 1}\nother: *b\n",
    "k: \"tab\\tand \\u00e9\"\n# comment\nlist: [1, 2, 3]\n",
]


@pytest.mark.parametrize("text", AGREEMENT_CASES + [p.read_text(encoding="utf-8") for p in
                                                    sorted(SAMPLE_CONTENT.rglob("*.yaml"))[:40]])
def test_the_fast_parser_reads_like_the_python_one(text, monkeypatch):
    fast_problems, slow_problems = Problems(), Problems()
    fast = yamlfile.parse_text(text, "f.yaml", fast_problems)
    monkeypatch.setattr(yamlfile, "_CParser", None)
    slow = yamlfile.parse_text(text, "f.yaml", slow_problems)
    assert _flatten(fast) == _flatten(slow)
    assert [p.format() for p in fast_problems] == [p.format() for p in slow_problems]


def test_a_broken_file_gets_the_python_parsers_message(monkeypatch):
    text = "title: {vi: 'x'\nen: y\n"
    fast_problems, slow_problems = Problems(), Problems()
    yamlfile.parse_text(text, "f.yaml", fast_problems)
    monkeypatch.setattr(yamlfile, "_CParser", None)
    yamlfile.parse_text(text, "f.yaml", slow_problems)
    assert [p.format() for p in fast_problems] == [p.format() for p in slow_problems]
    assert len(fast_problems) == 1


def test_libyaml_is_used_where_pyyaml_has_it():
    import yaml

    assert (yamlfile._CParser is not None) == bool(yaml.__with_libyaml__)
