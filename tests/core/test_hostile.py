"""A corpus of hostile and broken content folders, each with the exact problem it must give.

Museum staff edit the content folder by hand, copy it from USB sticks and zip files, and
sometimes paste things into it that are not what they look like. For every case here:

* ``load_content`` answers with :class:`Problem` values and never raises (a raised exception
  fails the test on its own);
* the problem is the expected one: file relative to the content folder, line and column,
  severity, and the words of the message;
* the rest of the exhibit still loads (the other witness, the chapter, the quiz);
* the pathological inputs (alias bombs, deep nesting, huge files, decompression bombs) are
  answered within a generous time bound and, where memory is the danger, a memory bound.
  These bounds are safety nets against hangs and blow-ups, not benchmarks.

pytest runs with ``filterwarnings = error``: a Pillow ``DecompressionBombWarning`` that leaked
out of the loader would fail the test too.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import pathlib
import pickle
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import tracemalloc
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from kiosk.core import walk
from kiosk.core.content import yamlfile
from kiosk.core.content.loader import LoadResult, load_content
from kiosk.core.media import probe
from kiosk.core.problems import Problem
from tests.core.conftest import CHAPTER, WITNESS, Folder, build_valid, line_of, the

REPO = Path(__file__).resolve().parents[2]
STORY = "story/1972-12-18.yaml"
PHAM = "witnesses/pham-tuan.yaml"
HOSTILE = "witnesses/hostile.yaml"  # the hostile file, next to the valid witness pham-tuan
IMAGE_IN_STORY = (STORY, 13, 11)  # where 'file: media/photo.png' is in the fixture's chapter
IMAGE_IN_EXHIBIT = ("exhibit.yaml", 14, 14)  # where 'image: media/photo.png' is in the attract loop

SAFETY_SECONDS = 10.0  # for the pathological cases: a bound against hangs, not a benchmark
SAFETY_RSS_MB = 200  # `kiosk validate` itself needs about 25 MB


# -- helpers -----------------------------------------------------------------------------------------

def where(p: Problem) -> tuple[str, int, int]:
    return (p.location.path, p.location.line, p.location.col)


def about(result: LoadResult, path: str) -> list[Problem]:
    return [p for p in result.problems if p.location.path == path]


def timed_load(folder: Folder) -> tuple[LoadResult, float]:
    start = time.perf_counter()
    result = folder.load()
    return result, time.perf_counter() - start


def with_image(value: str) -> str:
    return CHAPTER.replace("file: media/photo.png", f"file: {value}")


def assert_rest_loads(result: LoadResult, *, witnesses=("pham-tuan",), images: int = 1) -> None:
    """Everything the hostile input did not touch is still in the exhibit."""
    content = result.content
    assert content.exhibit.title.get("en") == "Test exhibit"
    assert sorted(content.sources) == ["S1", "S7"]
    assert [w.id for w in content.witnesses] == list(witnesses)
    chapter = content.chapter("1972-12-18")
    assert chapter is not None, "the chapter was left out"
    assert len(chapter.images) == images
    assert [q.id for q in content.quizzes] == ["basics"]


def assert_left_out(result: LoadResult, rel: str, item_id: str) -> None:
    warning = the(result.problems, rel, "is left out of the exhibit", error=False)
    assert warning.message == f"'{item_id}' is left out of the exhibit until its errors are fixed"


def png_bytes(size: tuple[int, int] = (1280, 720)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buf, "PNG")
    return buf.getvalue()


def with_ihdr_size(png: bytes, width: int, height: int) -> bytes:
    """*png* with the size in its IHDR chunk replaced (and the chunk's CRC fixed): a tiny file that
    claims to be *width* x *height* pixels."""
    assert png[12:16] == b"IHDR"
    body = struct.pack(">II", width, height) + png[24:29]
    return png[:16] + body + struct.pack(">I", zlib.crc32(b"IHDR" + body)) + png[33:]


def run_validate(root: Path, cwd: Path, env: dict[str, str] | None = None) -> dict:
    """``python -m kiosk validate ROOT`` as staff type it, in a process of its own.

    A small wrapper process starts it and reports its exit code, output, wall time and peak RSS
    (``RUSAGE_CHILDREN`` of the wrapper, so nothing else pytest started is counted).
    """
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "proc = subprocess.run([sys.executable, '-m', 'kiosk', 'validate', sys.argv[1]],\n"
        "                      capture_output=True, timeout=120)\n"
        "seconds = time.perf_counter() - start\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "rss_mb = rss / 2**20 if sys.platform == 'darwin' else rss / 2**10\n"
        "print(json.dumps({'rc': proc.returncode, 'seconds': seconds, 'rss_mb': rss_mb,\n"
        "                  'stdout': proc.stdout.decode('utf-8', 'replace'),\n"
        "                  'stderr': proc.stderr.decode('utf-8', 'replace')}))\n"
    )
    full = {k: v for k, v in os.environ.items() if k != "KIOSK_CONTENT"}
    full.update({
        "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "KIOSK_STATE_DIR": str(cwd / "state"),
    })
    full.update(env or {})
    proc = subprocess.run([sys.executable, "-c", wrapper, str(root)], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def show(run: dict) -> str:
    return (f"exit {run['rc']}, {run['seconds']:.1f} s, {run['rss_mb']:.0f} MB\n"
            f"--- stdout\n{run['stdout']}--- stderr\n{run['stderr']}")


# -- YAML bombs ------------------------------------------------------------------------------------------

def billion_laughs() -> str:
    lines = ['name: "Phạm Tuân"', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs(valid: Folder):
    text = billion_laughs()  # 72 aliases (under MAX_ALIASES), 9**9 values once expanded
    valid.write(HOSTILE, text, dedent=False)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, HOSTILE, "too many values")
    assert p.is_error
    assert where(p) == (HOSTILE, line_of(text, "a: &a"), len("a: &a [") + 1)  # a "lol" the aliases multiply
    assert p.message == ("the file holds too many values (more than 100000, "
                         "counting aliases each time they are used)")
    assert about(result, HOSTILE) == [p]
    assert_rest_loads(result)


DEPTH = 10_000
NESTED = {  # the value of 'role:', and the column of the first node nested too deeply
    # the root mapping is level 1, so the 40th '[' opens level 41
    "flow-closed": ("[" * DEPTH + "]" * DEPTH, len("role: ") + 40),
    "flow-unclosed": ("[" * DEPTH, len("role: ") + 40),
    # the 39th '{' is level 40, and its key 'a' level 41
    "flow-mappings": ("{a: " * DEPTH + "}" * DEPTH, len("role: ") + 38 * len("{a: ") + 2),
}


@pytest.mark.parametrize("value, col", NESTED.values(), ids=NESTED.keys())
def test_deeply_nested_yaml(valid: Folder, value: str, col: int):
    text = f'name: "x"\nrole: {value}\n'
    valid.write(HOSTILE, text, dedent=False)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 2, col)
    assert p.message == "the file is nested too deeply (more than 40 levels)"
    assert_rest_loads(result)


def test_deeply_nested_block_lists(valid: Folder):
    text = 'name: "x"\nrole:\n' + "- " * DEPTH + "x\n"
    valid.write(HOSTILE, text, dedent=False)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p)[:2] == (HOSTILE, 3)
    assert p.message == "the file is nested too deeply (more than 40 levels)"
    assert_rest_loads(result)


def test_100_mb_file_is_refused_without_reading_it(valid: Folder):
    path = valid.write(HOSTILE, WITNESS, dedent=False)
    size = 100 * 2**20
    os.truncate(path, size)  # sparse: the valid witness, then 100 MB of zero bytes, written at once
    tracemalloc.start()
    try:
        result, seconds = timed_load(valid)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < SAFETY_SECONDS
    # far below the file's size: the file was never read into memory
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.0f} MB"
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert p.message == f"the file is too large ({size:,} bytes; the limit is 1,000,000)"
    assert p.hint == "split it into several smaller files"
    assert about(result, HOSTILE) == [p]
    assert_rest_loads(result)


def test_file_just_under_the_size_limit_packed_with_values(valid: Folder, tmp_path: Path):
    # The size limit lets through 1 MB; a flow list of one-letter items packs 500,000 values into it.
    # MAX_VALUES must stop it early, in bounded time and memory, like the alias bomb.
    text = "[" + ",".join(["a"] * ((yamlfile.MAX_FILE_BYTES - 3) // 2)) + "]\n"
    assert len(text.encode()) <= yamlfile.MAX_FILE_BYTES
    valid.write(HOSTILE, text, dedent=False)
    run = run_validate(valid.root, tmp_path)
    assert run["rc"] == 1, show(run)
    lines = run["stdout"].splitlines()
    errors = [line for line in lines if line.startswith(f"{HOSTILE}:")]
    assert len(errors) == 1, show(run)
    assert errors[0].startswith(f"{HOSTILE}:1:"), show(run)
    assert ": error: the file holds too many values (more than 100000" in errors[0], show(run)
    assert lines[-1].endswith("(1 chapters, 1 witnesses, 1 quizzes loaded)"), show(run)
    assert run["seconds"] < SAFETY_SECONDS, show(run)
    assert run["rss_mb"] < SAFETY_RSS_MB, show(run)


def test_huge_file_and_decompression_bomb_in_bounded_memory(valid: Folder, tmp_path: Path):
    # the two largest things a folder can hold, through the real command and its real memory
    os.truncate(valid.write(HOSTILE, WITNESS, dedent=False), 100 * 2**20)
    valid.write_bytes("media/bomb.png", with_ihdr_size(png_bytes(), 30_000, 30_000))
    valid.write(STORY, with_image("media/bomb.png"), dedent=False)
    run = run_validate(valid.root, tmp_path)
    assert run["rc"] == 1, show(run)
    assert run["stdout"].splitlines() == [
        f"{STORY}:13:11: error: 'media/bomb.png': the image is too large in pixels to be decoded safely "
        "(decompression bomb?)",
        f"{HOSTILE}: error: the file is too large (104,857,600 bytes; the limit is 1,000,000) "
        "(split it into several smaller files)",
        f"{valid.root}: 2 errors, 0 warnings (1 chapters, 1 witnesses, 1 quizzes loaded)",
    ], show(run)
    assert run["seconds"] < SAFETY_SECONDS, show(run)
    assert run["rss_mb"] < SAFETY_RSS_MB, show(run)


# -- text encoding and YAML syntax -------------------------------------------------------------------

def test_invalid_utf8(valid: Folder):
    data = WITNESS.encode().replace(b"MiG-21 pilot", b"MiG-21 pil\xf4t")  # one Latin-1 byte
    valid.write_bytes(HOSTILE, data)
    result = valid.load()
    p = the(result.problems, HOSTILE, "UTF-8")
    assert p.is_error
    assert where(p) == (HOSTILE, line_of(WITNESS, "MiG-21 pilot"), len('  en: "MiG-21 pil') + 1)
    assert p.message == "the file is not valid UTF-8 text"
    assert p.hint == "save it as UTF-8 in your editor"
    assert about(result, HOSTILE) == [p]
    assert_rest_loads(result)


def test_invalid_utf8_column_counts_characters_not_bytes(valid: Folder):
    # The column of every other problem counts characters (what editors show); a line of
    # Vietnamese before the bad byte must not push the column to the right.
    line = '  vi: "Phi công MiG-21 \xe9"'
    data = WITNESS.encode().replace('  vi: "Phi công MiG-21"'.encode(), line.encode("utf-8").replace(
        "\xe9".encode(), b"\xe9"))
    valid.write_bytes(HOSTILE, data)
    result = valid.load()
    p = the(result.problems, HOSTILE, "UTF-8")
    assert where(p) == (HOSTILE, line_of(WITNESS, "Phi công MiG-21"), line.index("\xe9") + 1)
    assert_rest_loads(result)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_byte_order_mark_loads(valid: Folder, newline: str):
    valid.write_bytes(PHAM, b"\xef\xbb\xbf" + WITNESS.replace("\n", newline).encode())
    result = valid.load()
    assert result.problems == []
    assert result.content.witness("pham-tuan").name == "Phạm Tuân"
    assert_rest_loads(result)


def test_byte_order_mark_does_not_shift_columns(valid: Folder):
    valid.write_bytes(HOSTILE, b"\xef\xbb\xbf" + WITNESS.replace("name_ascii:", "nmae_ascii:").encode())
    result = valid.load()
    p = the(result.problems, HOSTILE, "unknown key")
    assert where(p) == (HOSTILE, 2, 1)
    assert p.is_error
    assert_rest_loads(result)


def test_tab_indentation(valid: Folder):
    text = WITNESS.replace('  vi: "Phi công MiG-21"', '\tvi: "Phi công MiG-21"')
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, line_of(text, "Phi công MiG-21"), 1)
    assert p.message.startswith("YAML syntax error: found character '\\t' that cannot start any token")
    assert p.hint == "YAML does not allow tabs here; use spaces"
    assert_rest_loads(result)


def test_duplicate_keys(valid: Folder):
    text = WITNESS.replace("name_ascii:", 'name: "Someone else"\nname_ascii:')
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 2, 1)
    assert p.message == "duplicate key 'name'"
    assert p.hint == "it is already set on line 1; keep one of them"
    # the first value wins and the witness stays
    assert result.content.witness("hostile").name == "Phạm Tuân"
    assert_rest_loads(result, witnesses=("hostile", "pham-tuan"))


PYTHON_TAGS = {
    "apply-os-system": ("!!python/object/apply:os.system [\"touch {marker}\"]",
                        "python/object/apply:os.system"),
    "name-os-system": ("!!python/name:os.system", "python/name:os.system"),
    "new-popen": ("!!python/object/new:subprocess.Popen {{args: [touch, \"{marker}\"]}}",
                  "python/object/new:subprocess.Popen"),
}


@pytest.mark.parametrize("value, tag", PYTHON_TAGS.values(), ids=PYTHON_TAGS.keys())
def test_python_object_tags_are_refused_and_never_run(valid: Folder, tmp_path: Path, value: str, tag: str):
    marker = tmp_path / "pwned"
    text = WITNESS.replace('name: "Phạm Tuân"', "name: " + value.format(marker=marker))
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    assert not marker.exists(), "a Python tag ran code"
    p = the(result.problems, HOSTILE, "unsupported YAML tag")
    assert p.is_error
    assert where(p) == (HOSTILE, 1, 7)
    assert p.message == f"unsupported YAML tag 'tag:yaml.org,2002:{tag}'"
    assert result.content.witness("hostile") is None
    assert_left_out(result, HOSTILE, "hostile")
    assert_rest_loads(result)


# -- media paths -----------------------------------------------------------------------------------------

MEDIA_PATHS = {
    "dot-dot": ("../outside.png", "'../outside.png' leads out of the content folder ('..')"),
    "dot-dot-inside": ("media/../../outside.png",
                       "'media/../../outside.png' leads out of the content folder ('..')"),
    "absolute": ("/etc/passwd", "'/etc/passwd' is an absolute path"),
    "absolute-png": ("{outside}", "'{outside}' is an absolute path"),
    "folder": ("media", "'media' is a folder, not a file"),
    "folder-named-png": ("media/folder.png", "'media/folder.png' is a folder, not a file"),
    "symlink-out": ("media/link.png", "'media/link.png' is a link that leads out of the content folder"),
    "symlink-to-etc": ("media/passwd.png", "'media/passwd.png' is a link that leads out of the content folder"),
    "dangling-symlink-out": ("media/dangling-out.png",
                             "'media/dangling-out.png' is a link that leads out of the content folder"),
}


@pytest.mark.parametrize("value, message", MEDIA_PATHS.values(), ids=MEDIA_PATHS.keys())
def test_hostile_image_paths(valid: Folder, tmp_path: Path, value: str, message: str):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())  # a real image, so only the path is wrong
    (valid.root / "media" / "folder.png").mkdir()
    os.symlink(outside, valid.root / "media" / "link.png")
    os.symlink("/etc/passwd", valid.root / "media" / "passwd.png")
    os.symlink(tmp_path / "missing.png", valid.root / "media" / "dangling-out.png")
    value, message = value.format(outside=outside), message.format(outside=outside)
    valid.write(STORY, with_image(value), dedent=False)
    result = valid.load()
    p = the(result.problems, STORY)
    assert p.is_error
    assert where(p) == IMAGE_IN_STORY
    assert p.message == message
    assert_rest_loads(result, images=0)  # the image is dropped, the chapter stays


def test_dangling_symlink_inside_the_folder_is_not_suggested_as_itself(valid: Folder):
    os.symlink("deleted.png", valid.root / "media" / "dangling.png")  # its target was deleted
    valid.write(STORY, with_image("media/dangling.png"), dedent=False)
    result = valid.load()
    p = the(result.problems, STORY)
    assert p.is_error
    assert where(p) == IMAGE_IN_STORY
    assert "'media/dangling.png'" in p.message
    # "did you mean 'media/dangling.png'?" for 'media/dangling.png' sends staff in a circle
    assert "did you mean 'media/dangling.png'" not in p.hint, p.format()
    assert_rest_loads(result, images=0)


# -- image files -----------------------------------------------------------------------------------------

def bomb_ihdr_30000() -> bytes:
    return with_ihdr_size(png_bytes(), 30_000, 30_000)  # 900 Mpx: over twice Pillow's limit (error)


def bomb_ihdr_10000() -> bytes:
    return with_ihdr_size(png_bytes(), 10_000, 10_000)  # 100 Mpx: between the limit and twice it (warning)


def bomb_real_1bit() -> bytes:
    buf = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buf, "PNG")  # 144 Mpx of real pixels in about 17 kB
    return buf.getvalue()


IMAGES = {
    "text-file": (lambda: b"this is a text file named .png\n",
                  "the file is not an image Pillow can read (or an unsupported format)"),
    "zero-bytes": (lambda: b"", "the image file is empty (0 bytes)"),
    "bomb-ihdr-30000x30000": (bomb_ihdr_30000,
                              "the image is too large in pixels to be decoded safely (decompression bomb?)"),
    # over the exhibit's pixel budget (50 Mpx): refused from the header, before a pixel is decoded
    "bomb-ihdr-10000x10000": (bomb_ihdr_10000, "the image is 10,000×10,000 pixels (100,000,000 pixels), more than "
                                               "the limit of 50,000,000 pixels"),
    "bomb-real-1bit-12000x12000": (bomb_real_1bit, "the image is 12,000×12,000 pixels (144,000,000 pixels), more "
                                                   "than the limit of 50,000,000 pixels"),
}


@pytest.mark.parametrize("make, message", IMAGES.values(), ids=IMAGES.keys())
def test_hostile_image_files(valid: Folder, make, message: str):
    valid.write_bytes("media/hostile.png", make())
    valid.write(STORY, with_image("media/hostile.png"), dedent=False)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, STORY)
    assert p.is_error
    assert where(p) == IMAGE_IN_STORY
    assert p.message == f"'media/hostile.png': {message}"
    assert_rest_loads(result, images=0)


def test_image_deleted_between_checking_and_reading(valid: Folder, monkeypatch):
    # resolve_media and probe_image's stat() see the file; it is gone when Pillow opens it
    valid.write_bytes("media/gone.png", png_bytes())
    valid.write(STORY, with_image("media/gone.png"), dedent=False)
    real_open = walk.open_regular

    def open_after_delete(path):
        if Path(path).name == "gone.png":
            Path(path).unlink(missing_ok=True)
        return real_open(path)

    monkeypatch.setattr(probe.walk, "open_regular", open_after_delete)
    result = valid.load()
    p = the(result.problems, STORY)
    assert p.is_error
    assert where(p) == IMAGE_IN_STORY
    # the file is not "damaged", and the message must not carry the kiosk's absolute path
    assert p.message == "'media/gone.png': cannot read the file: No such file or directory", p.format()
    assert_rest_loads(result, images=0)


# -- the files and folders themselves -----------------------------------------------------------------

def test_witness_file_is_a_folder(valid: Folder):
    (valid.root / HOSTILE).mkdir()
    result = valid.load()
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert p.message == "expected a file here, found a folder"
    assert_rest_loads(result)


def test_exhibit_file_is_a_folder(valid: Folder):
    (valid.root / "exhibit.yaml").unlink()
    (valid.root / "exhibit.yaml").mkdir()
    result = valid.load()
    p = the(result.problems, "exhibit.yaml")
    assert p.is_error
    assert where(p) == ("exhibit.yaml", 0, 0)
    assert p.message == "expected a file here, found a folder"
    assert [w.id for w in result.content.witnesses] == ["pham-tuan"]
    assert result.content.chapter("1972-12-18") is not None
    assert [q.id for q in result.content.quizzes] == ["basics"]


def test_section_folder_is_a_file(valid: Folder):
    shutil.rmtree(valid.root / "witnesses")
    valid.write("witnesses", "pham-tuan\n", dedent=False)
    result = valid.load()
    p = the(result.problems, "witnesses")
    assert p.is_error
    assert where(p) == ("witnesses", 0, 0)
    assert p.message == "'witnesses' should be a folder"
    assert result.content.witnesses == ()
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None and chapter.witnesses == ()  # the link to the missing witness is dropped
    assert [q.id for q in result.content.quizzes] == ["basics"]


def test_content_folder_does_not_exist(tmp_path: Path):
    root = tmp_path / "no-such-folder"
    result = load_content(root)
    assert [(where(p), p.is_error, p.message) for p in result.problems] == [
        ((str(root), 0, 0), True, "the content folder does not exist")]
    assert result.content.witnesses == () and result.content.chapters == ()


def test_content_folder_is_a_file(tmp_path: Path):
    root = tmp_path / "content.zip"
    root.write_bytes(b"PK\x03\x04 not unpacked")
    result = load_content(root)
    assert [(where(p), p.is_error, p.message) for p in result.problems] == [
        ((str(root), 0, 0), True, "the content path is not a folder")]
    assert result.content.witnesses == () and result.content.chapters == ()


def test_witness_file_deleted_between_listing_and_reading(valid: Folder, monkeypatch):
    valid.write(HOSTILE, WITNESS, dedent=False)
    real_open = walk.open_regular

    def open_after_delete(path):
        if pathlib.Path(path).name == "hostile.yaml":
            pathlib.Path(path).unlink()  # listed, then gone before it is opened
        return real_open(path)

    monkeypatch.setattr(walk, "open_regular", open_after_delete)
    result = valid.load()
    assert not (valid.root / HOSTILE).exists()
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert p.message == "file not found"
    assert about(result, HOSTILE) == [p]  # and no follow-on "the file is empty"
    assert_rest_loads(result)


def test_dangling_symlink_witness(valid: Folder):
    os.symlink("deleted.yaml", valid.root / HOSTILE)  # a link inside the folder whose file was deleted
    result = valid.load()
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert p.message == "this is a link to a file that does not exist"
    assert_rest_loads(result)


def test_symlinked_witness_file_that_leads_out_is_refused(valid: Folder, tmp_path: Path):
    # Like a media link, a content file linked from outside does not travel with the folder
    # (copied to the kiosk, zipped, put on a USB stick), and a link to /etc/passwd would have
    # its first line quoted in the validate output and the kiosk's log.
    outside = tmp_path / "elsewhere" / "witness.yaml"
    outside.parent.mkdir()
    outside.write_text(WITNESS, encoding="utf-8")
    os.symlink(outside, valid.root / HOSTILE)
    result = valid.load()
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert "leads out of the content folder" in p.message, p.format()
    assert_rest_loads(result)


def test_fifo_instead_of_a_witness_file_does_not_hang(valid: Folder):
    fifo = valid.root / HOSTILE
    os.mkfifo(fifo)
    # if the loader ever opens the FIFO, a writer opened and closed after a while releases it,
    # so the test fails on the time bound instead of hanging the run
    stop = threading.Event()

    def release():
        if not stop.wait(SAFETY_SECONDS):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # fails at once if nobody reads
            except OSError:
                pass

    releaser = threading.Thread(target=release, daemon=True)
    releaser.start()
    try:
        result, seconds = timed_load(valid)
    finally:
        stop.set()
        releaser.join()
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert "not found" not in p.message, f"the FIFO is there: {p.format()}"
    assert_rest_loads(result)


def test_file_name_that_is_not_utf8_does_not_crash_validate(valid: Folder, tmp_path: Path):
    # An item from a zip made on Windows: 'phòm.yaml' in code page 1258 is not UTF-8 on Linux.
    # Python hands such names over with lone surrogates, which a UTF-8 terminal cannot print.
    name = os.fsdecode(b"ph\xf2m.yaml")
    (valid.root / "witnesses" / name).write_text(WITNESS, encoding="utf-8")
    result = valid.load()
    p = the(result.problems, f"witnesses/{name}")
    assert p.is_error and where(p)[1:] == (0, 0)
    assert "is not a valid file name for an item" in p.message
    assert_rest_loads(result)
    # the real command, on a terminal that is UTF-8 and strict (any UTF-8 locale but C.UTF-8)
    run = run_validate(valid.root, tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in run["stderr"], show(run)
    assert run["rc"] == 1, show(run)
    assert "is not a valid file name for an item" in run["stdout"], show(run)


# -- permissions -----------------------------------------------------------------------------------------
#
# The tests may run as root, and root reads a chmod 000 file anyway. Then the content is loaded in a
# forked child that has dropped to the 'nobody' user (65534), so the permission checks are real; the
# folder lives in a temporary folder that user can reach (pytest's own tmp folders are 0700 to root).

NOBODY = 65534


@dataclass
class Reachable(Folder):
    locked: list[tuple[Path, int]] = field(default_factory=list)

    def lock(self, rel: str = "") -> None:
        """chmod 000 the file or folder *rel* ('' for the content folder itself)."""
        path = self.root / rel if rel else self.root
        self.locked.append((path, 0o755 if path.is_dir() else 0o644))
        os.chmod(path, 0)


@pytest.fixture
def reachable() -> Iterator[Reachable]:
    """The minimal valid content folder, somewhere an unprivileged user can reach it."""
    base = Path(tempfile.mkdtemp(prefix="kiosk-hostile-"))
    folder = Reachable(base / "content")
    try:
        os.chmod(base, 0o755)
        build_valid(folder.root)
        yield folder
    finally:
        for path, mode in reversed(folder.locked):  # undo, last lock first
            os.chmod(path, mode)
        shutil.rmtree(base)


def load_unprivileged(root: Path) -> LoadResult:
    """``load_content(root)`` as a user without root's power to read anything."""
    if os.geteuid() != 0:
        return load_content(root)
    if not hasattr(os, "fork"):
        pytest.skip("running as root on a system without fork(): cannot drop privileges to test permissions")
    # The child cannot import from root's home once it is 'nobody': load what is loaded lazily now.
    codecs.lookup("utf-8-sig")
    Image.init()
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork() with threads, Python >= 3.12
        pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            os.close(read_fd)
            try:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            except OSError as exc:
                out = ("cannot drop privileges", str(exc))
            else:
                try:
                    out = ("ok", load_content(root))
                except BaseException:
                    out = ("raised", traceback.format_exc())
            try:
                data = pickle.dumps(out)
            except Exception:
                data = pickle.dumps(("raised", traceback.format_exc()))
            with os.fdopen(write_fd, "wb") as f:
                f.write(data)
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    assert data, "the unprivileged child died without an answer"
    kind, value = pickle.loads(data)
    if kind == "cannot drop privileges":
        pytest.skip(f"running as root and cannot become 'nobody' to test permissions: {value}")
    if kind == "raised":
        pytest.fail(f"load_content raised instead of reporting a problem:\n{value}", pytrace=False)
    return value


def test_unreadable_witness_file(reachable: Reachable):
    reachable.write(HOSTILE, WITNESS, dedent=False)
    reachable.lock(HOSTILE)
    result = load_unprivileged(reachable.root)
    p = the(result.problems, HOSTILE)
    assert p.is_error
    assert where(p) == (HOSTILE, 0, 0)
    assert p.message == "cannot read the file: Permission denied"
    assert_rest_loads(result)


def test_unreadable_image(reachable: Reachable):
    reachable.write_bytes("media/locked.png", png_bytes())
    reachable.lock("media/locked.png")
    reachable.write(STORY, with_image("media/locked.png"), dedent=False)
    result = load_unprivileged(reachable.root)
    p = the(result.problems, STORY)
    assert p.is_error
    assert where(p) == IMAGE_IN_STORY
    # not "damaged or truncated", and without the kiosk's absolute path
    assert p.message == "'media/locked.png': cannot read the file: Permission denied", p.format()
    assert_rest_loads(result, images=0)


def test_unreadable_section_folder(reachable: Reachable):
    reachable.lock("witnesses")
    result = load_unprivileged(reachable.root)
    p = the(result.problems, "witnesses", "cannot read")
    assert p.is_error
    assert where(p) == ("witnesses", 0, 0)
    assert p.message == "cannot read the folder: Permission denied"
    assert result.content.witnesses == ()
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None and chapter.witnesses == ()
    assert [q.id for q in result.content.quizzes] == ["basics"]


def test_unreadable_media_folder(reachable: Reachable):
    reachable.lock("media")
    result = load_unprivileged(reachable.root)
    for place in (IMAGE_IN_STORY, IMAGE_IN_EXHIBIT):
        [p] = [p for p in result.problems if where(p) == place]
        assert p.is_error
        assert "'media/photo.png'" in p.message, p.format()
        assert "Permission denied" in p.message + p.hint, p.format()
    assert_rest_loads(result, images=0)


def test_unreadable_content_folder(reachable: Reachable):
    root = reachable.root
    reachable.lock()
    result = load_unprivileged(root)
    [p] = result.problems
    assert p.is_error
    assert where(p) == (str(root), 0, 0)
    assert "Permission denied" in p.message + p.hint, p.format()
    assert result.content.witnesses == () and result.content.chapters == ()
