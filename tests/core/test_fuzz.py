"""Property-based tests: random and mutated YAML gives content problems, never an exception.

Whatever an editor leaves in a content file (control characters, tabs, anchors, tags, half a
line, a line pasted twice), the core must answer with :class:`Problem` values that name a file
relative to the content folder and, for errors, a line in that file, and the rest of the exhibit
must still load. Nothing may raise.

The sample exhibit is copied once per module (media included: the loader refuses symbolic
links that lead out of the content folder, so the media cannot be linked); each example then
rewrites one file in place and puts the original back.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.core.content import model
from kiosk.core.content.loader import LoadResult, load_content
from kiosk.core.content.yamlfile import YList, YMap, parse_text, read_yaml
from kiosk.core.problems import Problem, Problems, Severity
from tests.conftest import SAMPLE_CONTENT
from tests.core.conftest import build_valid

# When a property fails, Hypothesis's pytest plugin imports hypothesis.extra._patching (libcst) to
# suggest an @example patch; an old libcst subclasses mypy_extensions.TypedDict, whose
# DeprecationWarning our filterwarnings=error turns into an INTERNALERROR that ends the whole run
# and hides the falsifying example. Import it once here, quietly, so failures are reported normally.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    with contextlib.suppress(ImportError):
        import hypothesis.extra._patching  # noqa: F401

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# loading the whole sample exhibit takes ~0.15 s: fewer examples for the tests that do it
FUZZ_SAMPLE = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REL = "witnesses/fuzz.yaml"
MINIMAL_WITNESS = "witnesses/pham-tuan.yaml"

# Characters that mean something to YAML or to its reader, and characters it refuses outright
# (NUL and the other C0 controls, DEL, C1 controls, U+FFFE): all of them are fair game in a file.
YAML_SYNTAX = list(":-?,[]{}#&*!|>'\"%@`~<= \t\n\r")
CONTROL = [chr(c) for c in range(0x20)] + ["\x7f", "\x80", "\x85", "\x9f", "\u2028", "\u2029",
                                                 "\ufeff", "\ufffe", "\uffff"]
TOKENS = [
    "name", "name_ascii", "role", "born", "died", "portrait", "file", "caption", "biography", "quotes",
    "text", "kind", "source", "who", "where", "when", "ref", "days", "vi", "en", "fr", "video",
    ": ", ":", "- ", "-", "? ", "\n", "\n  ", "\n    ", "\n- ", "  ", "\t", "[", "]", "{", "}", ", ",
    "&a ", "*a", "*b", "!!str ", "!!int ", "!!binary ", "!!python/object/apply:os.system ", "!local ",
    "<<: ", "|\n  ", ">-\n  ", "'", '"', "# ", "~", "null", "true", "no", "1e400", ".nan", "-.inf",
    "0x1F", "0o17", "1_000", "1972-12-18", "1972-02-30", "0000-01-01", "9999-12-31 23:59:59 -05:00",
    "1947", "media/portraits/pham-tuan.png", "media/../exhibit.yaml", "/etc/passwd", "C:\\x.png",
    "S7", "pham-tuan", "1972-12-27", "paraphrase", "verbatim", "%YAML 1.1\n---\n", "---\n", "...\n",
    "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "Phạm Tuân", "\U0001f600",
]

yaml_chars = st.one_of(st.sampled_from(YAML_SYNTAX + CONTROL), st.characters())
random_text = st.one_of(
    st.text(max_size=300),  # any code points (st.text excludes only lone surrogates)
    st.text(alphabet=yaml_chars, max_size=300),
    st.lists(st.sampled_from(TOKENS), max_size=80).map("".join),  # YAML-shaped noise
)

# the hard cases, always tried first
NASTY = [
    "", "\x00", "name: \x00\n", "name: x\nrole: y\nborn: \x01\n", "\t- a", "a:\n\tb: 1\n", "&a [*a]",
    "&a [*a, *a]", "a: &x 1\nb: *y\n", "!!python/object/apply:os.system [ls]", "? [a]\n: 1\n",
    "{", "}", "[[[[", "- - - - -", "'", '"\\x"', "a: b: c", "<<: {a: 1}\n", "a: !!binary aGk=\n",
    "\ufeffname: x", "x\u2028y: [", "\x85a: 1\nb: [", "a: 1\na: 2\n", "--- a\n--- b\n", "%TAG ! x\n",
    "born: 1972-02-30\n", "born: 9999-12-31 23:59:59 -05:00\n", "when: 1e400\n", "[" * 60 + "]" * 60,
    "a: " + "{b: " * 50 + "1" + "}" * 50,
    # explicit scalar tags on values PyYAML's constructors cannot take
    "a: !!int\n", "a: !!int _\n", "a: !!float\n", "a: !!bool\n", "a: !!bool x\n", "a: !!timestamp 1947\n",
]

LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what PyYAML counts as a new line
GCC = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+$", re.S)
WHOLE_FILE_ERRORS = {"the file is empty"}  # errors that concern a whole file and carry no line


def max_line(text: str) -> int:
    """The last line a problem about *text* may name (a syntax error may point just past the end)."""
    return len(LINE_BREAKS.findall(text)) + 2


def check_tree(value, rel: str) -> None:
    """Every mapping and list the parser returns knows its place in *rel*, one entry per item."""
    if isinstance(value, YMap):
        assert value.location.path == rel and value.location.line >= 1
        assert set(value.key_locations) == set(value) == set(value.value_locations)
        assert all(loc.path == rel and loc.line >= 1 for loc in value.key_locations.values())
        for item in value.values():
            check_tree(item, rel)
    elif isinstance(value, YList):
        assert value.location.path == rel and value.location.line >= 1
        assert len(value.item_locations) == len(value)
        for item in value:
            check_tree(item, rel)
    else:
        assert isinstance(value, (str, int, float, bool, type(None))) or hasattr(value, "isoformat"), repr(value)


def check_result(result: LoadResult, root: Path, changed: dict[str, str]) -> None:
    """The invariants of any load: Problem values, relative paths that exist, plausible lines.

    *changed* maps the files the test rewrote to their new text.
    """
    assert isinstance(result, LoadResult)
    assert isinstance(result.content, model.Content)
    dump = "\n".join(p.format() for p in result.problems)
    for p in result.problems:
        assert isinstance(p, Problem) and isinstance(p.severity, Severity), dump
        path = p.location.path
        pure = PurePosixPath(path)
        assert path and not pure.is_absolute() and ".." not in pure.parts and "\\" not in path, dump
        assert path == "." or (root / path).exists(), f"{path} is not in the content folder\n{dump}"
        assert p.location.line >= 0 and p.location.col >= 0, dump
        if p.location.line:
            assert p.location.col >= 1, dump
            m = GCC.match(p.format())
            assert m and m["path"] == path and int(m["line"]) == p.location.line, p.format()
        if path in changed:
            assert p.location.line <= max_line(changed[path]), f"line past the end of {path}\n{dump}"
            if p.is_error and p.message not in WHOLE_FILE_ERRORS:
                assert p.location.line >= 1, f"an error in {path} without a line\n{dump}"


@contextlib.contextmanager
def replaced(root: Path, rel: str, data: str | bytes) -> Iterator[Path]:
    """Temporarily give *rel* (in *root*) the content *data*."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if isinstance(data, str):
            # a lone surrogate cannot be UTF-8: written as the invalid bytes an editor would leave
            path.write_bytes(data.encode("utf-8", "surrogatepass"))
        else:
            path.write_bytes(data)
        yield path
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> Path:
    return build_valid(tmp_path_factory.mktemp("fuzz") / "minimal")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, LoadResult]:
    """A copy of the sample exhibit, and how it loads untouched (without any problem)."""
    root = tmp_path_factory.mktemp("fuzz") / "sample"
    shutil.copytree(SAMPLE_CONTENT, root)
    baseline = load_content(root)
    assert baseline.problems == [], "\n".join(p.format() for p in baseline.problems)
    return root, baseline


# -- the YAML reader alone ------------------------------------------------------------------------

@pytest.mark.slow
@FUZZ
@given(random_text)
@example("name: \x00\n").via("NUL in a file")
@example("a: 1\nb: [\x7f\n").via("DEL in a file")
@example("x: \ufffe").via("a non-character")
def test_parse_text_turns_any_text_into_values_or_problems(text):
    problems = Problems()
    value = parse_text(text, REL, problems)
    check_tree(value, REL)
    for p in problems:
        assert p.location.path == REL
        assert 1 <= p.location.line <= max_line(text), p.format()
        assert p.location.col >= 1
    if value is None and not problems:
        # nothing came out, and nothing was said: the file must really say nothing (empty, a
        # comment, '~', 'null', '---')
        try:
            assert yaml.safe_load(text) is None, text
        except (ValueError, OverflowError):
            pass


@pytest.mark.parametrize("text", NASTY)
def test_nasty_texts_give_problems_not_exceptions(text):
    problems = Problems()
    check_tree(parse_text(text, REL, problems), REL)
    assert all(p.location.path == REL and p.location.line >= 1 for p in problems)


@FUZZ
@given(st.binary(max_size=300))
@example(b"name: \xff\xfe\n").via("invalid UTF-8")
@example(b"\xef\xbb\xbfname: x\n").via("UTF-8 BOM")
@example(b"name: x\x00\n").via("NUL byte")
def test_read_yaml_turns_any_bytes_into_values_or_problems(scratch, data):
    path = scratch / "fuzz.yaml"
    path.write_bytes(data)
    problems = Problems()
    check_tree(read_yaml(path, REL, problems), REL)
    assert all(p.location.path == REL and p.location.line >= 1 for p in problems), [p.format() for p in problems]


# -- a random witness file in a minimal content folder -----------------------------------------------

@pytest.mark.slow
@FUZZ
@given(random_text)
@example("\x00").via("NUL alone")
@example("name: \x00\n").via("NUL in a value")
@example("born: !!timestamp 1947\n").via("an explicit tag on a value that does not fit it")
def test_random_witness_file_gives_problems_and_the_rest_loads(minimal, text):
    with replaced(minimal, MINIMAL_WITNESS, text):
        result = load_content(minimal)
    check_result(result, minimal, {MINIMAL_WITNESS: text})
    c = result.content
    # one broken witness never takes anything else with it
    assert [ch.id for ch in c.chapters] == ["1972-12-18"]
    assert [q.id for q in c.quizzes] == ["basics"]
    assert sorted(c.sources) == ["S1", "S7"]
    assert c.exhibit.languages == ("vi", "en")
    assert {w.id for w in c.witnesses} <= {"pham-tuan"}
    if not c.witnesses:
        assert any(p.location.path == MINIMAL_WITNESS and p.is_error for p in result.problems)


@pytest.mark.slow
@FUZZ
@given(st.sampled_from(["exhibit.yaml", "sources.yaml", "story/1972-12-18.yaml", "quizzes/basics.yaml",
                        "witnesses/new.yaml", "story/new.yml"]),
       random_text)
def test_any_random_file_gives_problems(minimal, rel, text):
    with replaced(minimal, rel, text):
        result = load_content(minimal)
        check_result(result, minimal, {rel: text})


# -- mutations of the real sample files ------------------------------------------------------------

SAMPLE_FILES = sorted(p.relative_to(SAMPLE_CONTENT).as_posix() for p in SAMPLE_CONTENT.rglob("*.yaml"))
SECTION = {"story": "chapters", "witnesses": "witnesses", "quizzes": "quizzes"}
MUTATIONS = ("delete a line", "duplicate a line", "swap two lines", "insert characters", "indent a line",
             "dedent a line", "truncate", "tab for indentation")


@st.composite
def mutated_sample(draw) -> tuple[str, str, list[str]]:
    """(file, its mutated text, what was done) for one sample file and one to three mutations."""
    rel = draw(st.sampled_from(SAMPLE_FILES))
    text = (SAMPLE_CONTENT / rel).read_text(encoding="utf-8")
    done = []
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        what = draw(st.sampled_from(MUTATIONS))
        i = draw(st.integers(0, len(lines) - 1))
        if what == "delete a line":
            del lines[i]
        elif what == "duplicate a line":
            lines.insert(i, lines[i])
        elif what == "swap two lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif what == "indent a line":
            lines[i] = " " * draw(st.integers(1, 6)) + lines[i]
        elif what == "dedent a line":
            lines[i] = lines[i][draw(st.integers(1, 6)):] if lines[i][:1] == " " else lines[i].lstrip()
        elif what == "tab for indentation":
            lines[i] = re.sub(r"^ +", "\t", lines[i])
        text = "\n".join(lines)
        if what == "insert characters":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.text(alphabet=yaml_chars, min_size=1, max_size=6)) + text[pos:]
            i = pos
        elif what == "truncate":
            i = draw(st.integers(0, len(text)))
            text = text[:i]
        done.append(f"{what} at {i}")
    return rel, text, done


@pytest.mark.slow
@FUZZ_SAMPLE
@given(mutated_sample())
def test_mutated_sample_file_gives_problems_and_the_rest_loads(sample, case):
    root, baseline = sample
    rel, text, done = case
    with replaced(root, rel, text):
        result = load_content(root)
    check_result(result, root, {rel: text})
    before, after = baseline.content, result.content
    section = SECTION.get(rel.split("/")[0])
    if section:
        # only the mutated item may be lost: every other chapter, witness and quiz still loads
        for name in SECTION.values():
            ids_before = {x.id for x in getattr(before, name)}
            ids_after = {x.id for x in getattr(after, name)}
            expected = ids_before - {PurePosixPath(rel).stem} if name == section else ids_before
            assert expected <= ids_after, (done, name, sorted(ids_before - ids_after))
        if PurePosixPath(rel).stem not in {x.id for x in getattr(after, section)}:
            assert any(p.location.path == rel and p.is_error for p in result.problems), done


@pytest.mark.parametrize("rel", SAMPLE_FILES)
def test_each_sample_file_with_a_nul_byte_gives_a_problem(sample, rel):
    root, _ = sample
    text = (SAMPLE_CONTENT / rel).read_text(encoding="utf-8")
    lines = text.split("\n")
    middle = len(lines) // 2
    lines[middle] += "\x00"
    broken = "\n".join(lines)
    with replaced(root, rel, broken):
        result = load_content(root)
    check_result(result, root, {rel: broken})
    assert [p.location.line for p in result.problems if p.location.path == rel and p.is_error] == [middle + 1]
