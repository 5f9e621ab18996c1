"""``python -m kiosk`` as people type it: from any folder, offscreen, as a subprocess.

Exit codes are part of the interface (0 fine, 1 content problems, 2 usage errors), and so is the
GCC-style ``path:line:col: severity: message (hint)`` output that editors and CI turn into links.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import kiosk
from kiosk import cli
from kiosk.core.content.loader import load_content
from tests.conftest import SAMPLE_CONTENT

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120
WITNESS = "witnesses/pham-tuan.yaml"
SUMMARY = re.compile(r"^(?P<root>.+): (?P<what>no problems found|\d+ errors?, \d+ warnings?) "
                     r"\((?P<chapters>\d+) chapters, (?P<witnesses>\d+) witnesses, (?P<quizzes>\d+) quizzes loaded\)$")
GCC = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def run_kiosk(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m kiosk ARGS`` in *cwd*, offscreen, with no $KIOSK_CONTENT unless *env* sets it."""
    full = {k: v for k, v in os.environ.items() if k != "KIOSK_CONTENT"}
    full.update({
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "software",
        # this checkout's kiosk, whatever the working folder; nothing else depends on the folder
        "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "KIOSK_STATE_DIR": str(cwd / "state"),  # logs, if a command writes any, stay out of $HOME
    })
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, env=full, capture_output=True,
                          text=True, timeout=TIMEOUT)


def show(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"


def line_of(text: str, needle: str) -> int:
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on {len(found)} lines"
    return found[0]


def gcc_lines(stdout: str) -> list[re.Match]:
    return [m for m in map(GCC.match, stdout.splitlines()) if m]


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    """An empty working folder: nothing the kiosk needs can be found relative to it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the sample exhibit (media included), to break."""
    return Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))


def edit(root: Path, rel: str, old: str, new: str) -> str:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {rel}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


# -- version, help, usage errors ---------------------------------------------------------------------

def test_version(cwd):
    proc = run_kiosk("--version", cwd=cwd)
    assert proc.returncode == 0, show(proc)
    assert proc.stdout == f"kiosk {kiosk.__version__}\n", show(proc)
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?\S*", kiosk.__version__)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_top_level_help_lists_every_command(cwd, flag):
    proc = run_kiosk(flag, cwd=cwd)
    assert proc.returncode == 0, show(proc)
    assert proc.stdout.startswith("usage: kiosk"), show(proc)
    for command in cli.COMMANDS:
        assert re.search(rf"^\s+{command}\s", proc.stdout, re.M), f"'{command}' is not in the help\n{show(proc)}"
    assert proc.stderr == ""


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_each_command_has_help(cwd, command):
    proc = run_kiosk(command, "--help", cwd=cwd)
    assert proc.returncode == 0, show(proc)
    assert proc.stdout.startswith(f"usage: kiosk {command}"), show(proc)
    assert "options:" in proc.stdout, show(proc)
    assert proc.stderr == ""


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["run", "--bogus"], "unrecognized arguments: --bogus"),
    (["validate", "--bogus"], "unrecognized arguments: --bogus"),
    (["validate", "a", "b"], "unrecognized arguments: b"),
    (["render", "--out", "x", "--bogus"], "unrecognized arguments: --bogus"),
    (["render", "--route", "home"], "the following arguments are required: --out"),
    (["render", "--out", "x", "--size", "100x100"], "out of range"),
    (["render", "--out", "x", "--size", "big"], "expected WIDTHxHEIGHT"),
    (["run", "--idle-timeout", "0"], "seconds must be between"),
    (["nonsense"], "unrecognized arguments: nonsense"),  # not a command: taken as an option of 'run'
])
def test_usage_errors_exit_2_with_a_message(cwd, args, message):
    proc = run_kiosk(*args, cwd=cwd)
    assert proc.returncode == 2, show(proc)
    assert "usage: kiosk" in proc.stderr and message in proc.stderr, show(proc)
    assert "Traceback" not in proc.stderr, show(proc)
    assert not (cwd / "x").exists()  # nothing was rendered


# -- validate --------------------------------------------------------------------------------------

def test_validate_the_sample_exhibit(cwd):
    proc = run_kiosk("validate", str(SAMPLE_CONTENT), cwd=cwd)
    assert proc.returncode == 0, show(proc)
    lines = proc.stdout.splitlines()
    m = SUMMARY.match(lines[-1])
    assert m, show(proc)
    assert m["root"] == str(SAMPLE_CONTENT) and m["what"] == "no problems found", show(proc)
    c = load_content(SAMPLE_CONTENT).content
    assert (int(m["chapters"]), int(m["witnesses"]), int(m["quizzes"])) == (
        len(c.chapters), len(c.witnesses), len(c.quizzes)) != (0, 0, 0)
    assert gcc_lines(proc.stdout) == []
    assert proc.stderr == "", show(proc)


def test_validate_reports_errors_gcc_style_with_lines_and_hints(cwd, copy):
    edit(copy, WITNESS, "\nportrait:\n", "\nportriat:\n")
    text = edit(copy, WITNESS, "\nborn: 1947-02-14\n", "\nborn: 1947-02-30\n")
    key_line, date_line = line_of(text, "portriat:"), line_of(text, "born: 1947-02-30")

    proc = run_kiosk("validate", str(copy), cwd=cwd)
    assert proc.returncode == 1, show(proc)
    found = {(m["path"], int(m["line"]), int(m["col"]), m["sev"]): m["msg"] for m in gcc_lines(proc.stdout)}
    assert len(found) == 2, show(proc)  # those two, nothing else: the witness still loads without its portrait
    key = found.get((WITNESS, key_line, 1, "error"))
    assert key and "unknown key 'portriat'" in key and "did you mean 'portrait'?" in key, show(proc)
    date = found.get((WITNESS, date_line, len("born: ") + 1, "error"))
    assert date and "1947-02-30" in date and "date" in date, show(proc)
    m = SUMMARY.match(proc.stdout.splitlines()[-1])
    assert m and m["root"] == str(copy) and m["what"] == "2 errors, 0 warnings", show(proc)


def test_validate_a_syntax_error_names_its_line(cwd, copy):
    text = edit(copy, "story/1972-12-18.yaml", "\ndate: 1972-12-18\n", "\ndate 1972-12-18\n")  # no ':'
    proc = run_kiosk("validate", str(copy), cwd=cwd)
    assert proc.returncode == 1, show(proc)
    errors = [m for m in gcc_lines(proc.stdout) if m["sev"] == "error"]
    assert len(errors) == 1, show(proc)
    assert errors[0]["path"] == "story/1972-12-18.yaml" and "YAML syntax error" in errors[0]["msg"], show(proc)
    assert (int(errors[0]["line"]), int(errors[0]["col"])) == (line_of(text, "date 1972-12-18"), 1), show(proc)
    assert SUMMARY.match(proc.stdout.splitlines()[-1])["chapters"] == str(
        len(load_content(SAMPLE_CONTENT).content.chapters) - 1), show(proc)


@pytest.mark.parametrize("ref", ["nobody", "../exhibit", "../story/1972-12-18"])
def test_validate_a_link_to_no_witness_is_an_error(cwd, copy, ref):
    """A link to a witness that is not in witnesses/ fails validation, whatever file its text happens to name."""
    text = edit(copy, "story/1972-12-18.yaml", "\nwitnesses: [", f"\nwitnesses: [{ref}, ")
    proc = run_kiosk("validate", str(copy), cwd=cwd)
    assert proc.returncode == 1, show(proc)
    found = gcc_lines(proc.stdout)
    assert [(m["path"], int(m["line"]), m["sev"]) for m in found] == [
        ("story/1972-12-18.yaml", line_of(text, f"witnesses: [{ref}, "), "error")], show(proc)
    assert f"'{ref}'" in found[0]["msg"], show(proc)


def test_validate_warnings_fail_only_with_strict(cwd, copy):
    text = (copy / WITNESS).read_text(encoding="utf-8")
    en_summary = next(line for line in text.splitlines()[line_of(text, "summary:"):] if line.startswith("  en: "))
    edit(copy, WITNESS, en_summary + "\n", "")  # the summary now has only its Vietnamese text

    proc = run_kiosk("validate", str(copy), cwd=cwd)
    assert proc.returncode == 0, show(proc)
    found = gcc_lines(proc.stdout)
    assert [(m["path"], m["sev"]) for m in found] == [(WITNESS, "warning")], show(proc)
    assert "'en'" in found[0]["msg"], show(proc)
    assert SUMMARY.match(proc.stdout.splitlines()[-1])["what"] == "0 errors, 1 warning", show(proc)

    strict = run_kiosk("validate", "--strict", str(copy), cwd=cwd)
    assert strict.returncode == 1, show(strict)
    assert [m.group(0) for m in gcc_lines(strict.stdout)] == [m.group(0) for m in found], show(strict)
    assert "--strict" in strict.stdout, show(strict)  # says why a run with 0 errors failed


@pytest.mark.parametrize("what", ["missing", "a file"])
def test_validate_a_folder_that_is_not_there_is_a_usage_error(cwd, what):
    target = cwd / "no-such-exhibit" if what == "missing" else SAMPLE_CONTENT / "exhibit.yaml"
    proc = run_kiosk("validate", str(target), cwd=cwd)
    assert "Traceback" not in proc.stderr, show(proc)
    message = "does not exist" if what == "missing" else "not a folder"
    assert message in proc.stdout + proc.stderr and str(target) in proc.stdout + proc.stderr, show(proc)
    # a wrong argument is a usage error (2), like every other one, not a content problem (1)
    assert proc.returncode == 2, show(proc)


def test_validate_uses_kiosk_content(cwd, copy):
    edit(copy, WITNESS, "\nportrait:\n", "\nportriat:\n")
    proc = run_kiosk("validate", cwd=cwd, env={"KIOSK_CONTENT": str(copy)})
    assert proc.returncode == 1, show(proc)
    assert SUMMARY.match(proc.stdout.splitlines()[-1])["root"] == str(copy), show(proc)
    assert any(m["path"] == WITNESS for m in gcc_lines(proc.stdout)), show(proc)
    # an explicit folder wins over $KIOSK_CONTENT
    explicit = run_kiosk("validate", str(SAMPLE_CONTENT), cwd=cwd, env={"KIOSK_CONTENT": str(copy)})
    assert explicit.returncode == 0, show(explicit)
    assert SUMMARY.match(explicit.stdout.splitlines()[-1])["root"] == str(SAMPLE_CONTENT), show(explicit)


def test_validate_without_a_folder_checks_the_bundled_exhibit(cwd):
    proc = run_kiosk("validate", cwd=cwd)
    assert proc.returncode == 0, show(proc)
    m = SUMMARY.match(proc.stdout.splitlines()[-1])
    assert m and Path(m["root"]).resolve() == SAMPLE_CONTENT.resolve(), show(proc)
    assert m["what"] == "no problems found"


# -- render ----------------------------------------------------------------------------------------

def test_render_writes_one_png_per_language(cwd):
    languages = load_content(SAMPLE_CONTENT).content.exhibit.languages
    assert len(languages) >= 2
    proc = run_kiosk("render", "--route", "home", "--size", "640x360", "--out", "proofs", cwd=cwd)
    assert proc.returncode == 0, show(proc)
    lines = proc.stdout.splitlines()
    assert lines[-1] == f"{len(languages)} pages rendered at 640x360", show(proc)
    printed = [Path(line) for line in lines[:-1]]
    assert len(printed) == len(languages), show(proc)
    written = sorted((cwd / "proofs").iterdir())
    assert sorted(cwd / p for p in printed) == written, show(proc)  # --out is relative to the working folder
    for lang in languages:
        assert sum(lang in p.name for p in written) == 1, (lang, written)
    for path in written:
        assert path.suffix == ".png" and "home" in path.name
        with Image.open(path) as im:
            assert im.format == "PNG" and im.size == (640, 360)
            assert any(lo < hi for lo, hi in im.convert("RGB").getextrema()), f"{path.name} is blank"
    assert "Traceback" not in proc.stderr, show(proc)


def test_render_scrolled_to_the_end_shows_another_part_of_a_long_page(cwd):
    route = "story/1972-12-18"
    args = ("render", "--route", route, "--lang", "en", "--size", "640x360", "--out", "proofs")
    top = run_kiosk(*args, cwd=cwd)
    end = run_kiosk(*args, "--scroll", "end", cwd=cwd)
    assert top.returncode == 0 and end.returncode == 0, show(top) + show(end)
    assert end.stdout.splitlines()[-2] == "proofs/story__1972-12-18.end.en.png", show(end)
    with Image.open(cwd / "proofs/story__1972-12-18.en.png") as a, \
            Image.open(cwd / "proofs/story__1972-12-18.end.en.png") as b:
        assert a.size == b.size == (640, 360)
        assert a.tobytes() != b.tobytes()  # the page moved: its end is not its top


@pytest.mark.parametrize("route, hint", [("nonsense", ""), ("hom", "did you mean 'home'?")])
def test_render_an_unknown_route_fails_clearly(cwd, route, hint):
    proc = run_kiosk("render", "--route", route, "--out", "proofs", cwd=cwd)
    assert proc.returncode == 2, show(proc)
    assert f"unknown route '{route}'" in proc.stderr and hint in proc.stderr, show(proc)
    assert "Traceback" not in proc.stderr, show(proc)
    assert not (cwd / "proofs").exists() or not any((cwd / "proofs").iterdir())


def test_render_an_unknown_language_fails_clearly(cwd):
    proc = run_kiosk("render", "--route", "home", "--lang", "xx", "--out", "proofs", cwd=cwd)
    assert proc.returncode == 2, show(proc)
    assert "language 'xx' is not one of the exhibit's languages" in proc.stderr, show(proc)
    assert not (cwd / "proofs").exists() or not any((cwd / "proofs").iterdir())


def test_prepare_builds_then_reuses_every_derivative(tmp_path):
    env = {"KIOSK_CACHE_DIR": str(tmp_path / "cache")}
    first = run_kiosk("prepare", "--content", str(REPO / "content"), cwd=tmp_path, env=env)
    assert first.returncode == 0, show(first)
    built = re.search(r"^(\d+) built, (\d+) reused, 0 failed \((\d+) images", first.stdout, re.M)
    assert built, show(first)
    n_built, n_reused, n_images = map(int, built.groups())
    assert n_images > 20 and n_built == 2 * n_images and n_reused == 0  # a thumbnail and a screen copy each
    second = run_kiosk("prepare", "--content", str(REPO / "content"), cwd=tmp_path, env=env)
    assert f"0 built, {n_built} reused, 0 failed" in second.stdout, show(second)
