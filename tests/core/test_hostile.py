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
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
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


@pytest.mark.slow
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
        (f"{STORY}:13:11: error: 'media/bomb.png': the image is too large in pixels to be decoded safely "
         "(decompression bomb?)"),
        (f"{HOSTILE}: error: the file is too large (104,857,600 bytes; the limit is 1,000,000) "
         "(split it into several smaller files)"),
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
    "bomb-ihdr-10000x10000": (bomb_ihdr_10000, ("the image is 10,000×10,000 pixels (100,000,000 pixels), more than "
                                                "the limit of 50,000,000 pixels")),
    "bomb-real-1bit-12000x12000": (bomb_real_1bit, ("the image is 12,000×12,000 pixels (144,000,000 pixels), more "
                                                    "than the limit of 50,000,000 pixels")),
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
                except BaseException:  # noqa: BLE001 (the forked child reports whatever happened)
                    out = ("raised", traceback.format_exc())
            try:
                data = pickle.dumps(out)
            except Exception:  # noqa: BLE001 (a result that cannot be pickled is reported as text)
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
    kind, value = pickle.loads(data)  # noqa: S301 (our own forked child wrote it)
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


# =====================================================================================================
# Issue 13: nothing in a content folder can stop, stall, flood or leak the kiosk.
# Each class of the issue, as a careless copy-paste, an interrupted USB copy or an attacker with write
# access to the content share would leave it.
# =====================================================================================================

from kiosk.core import limits as budget  # noqa: E402
from kiosk.core.content import markdown, revision  # noqa: E402
from kiosk.core.media import webvtt  # noqa: E402
from tests.conftest import SAMPLE_CONTENT  # noqa: E402
from tests.core.conftest import EXHIBIT, QUIZ, find  # noqa: E402

QUIZ_FILE = "quizzes/basics.yaml"


# -- every number is finite ------------------------------------------------------------------------------

NOT_FINITE = {
    "idle_timeout-nan": ("idle_timeout: 60", "idle_timeout: .nan", "idle_timeout",
                         "expected a number, found '.nan' (not a number)"),
    "idle_countdown-nan": ("idle_countdown: 20", "idle_countdown: .NaN", "idle_countdown",
                           "expected a number, found '.nan' (not a number)"),
    "idle_timeout-inf": ("idle_timeout: 60", "idle_timeout: .inf", "idle_timeout",
                         "expected a number, found an infinite number"),
    "seconds_per_slide-nan": ("seconds_per_slide: 8", "seconds_per_slide: .nan", "seconds_per_slide",
                              "expected a number, found '.nan' (not a number)"),
    "seconds_per_slide-minus-inf": ("seconds_per_slide: 8", "seconds_per_slide: -.inf", "seconds_per_slide",
                                    "expected a number, found an infinite number"),
}


@pytest.mark.parametrize("old, new, key, message", NOT_FINITE.values(), ids=NOT_FINITE.keys())
def test_numbers_that_are_not_finite_are_refused_and_the_default_is_kept(valid: Folder, old, new, key, message):
    text = EXHIBIT.replace(old, new)
    valid.write("exhibit.yaml", text, dedent=False)
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "number")
    assert p.is_error and p.message == message
    assert where(p) == ("exhibit.yaml", line_of(text, new), text.splitlines()[line_of(text, new) - 1].index(":") + 3)
    ex = result.content.exhibit
    for value in (ex.idle_timeout, ex.idle_countdown, ex.attract.seconds_per_slide):
        assert value == value and value not in (float("inf"), float("-inf"))  # never NaN or infinite
    assert_rest_loads(result)


@pytest.mark.parametrize("value, message", [
    (".nan", ("expected a number, a short text, or a short text per language (vi: ..., en: ...), "
              "found '.nan' (not a number)")),
    ("-.inf", ("expected a number, a short text, or a short text per language (vi: ..., en: ...), "
               "found an infinite number")),
    ("1e308", "the number 1e+308 is too large to show"),
])
def test_figures_that_are_not_finite_or_absurd_are_left_out(valid: Folder, value: str, message: str):
    text = CHAPTER.replace("value: 1234", f"value: {value}")
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    p = the(result.problems, STORY, message.split(",")[0])
    assert p.is_error and p.message == message
    assert where(p)[:2] == (STORY, line_of(text, f"value: {value}"))
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None and len(chapter.figures) == 1  # the other figure stays; nothing shows "nan"


# -- files nothing refers to cannot stop the kiosk ----------------------------------------------------------

def census(result: LoadResult, text: str) -> list[Problem]:
    return [p for p in result.problems if text in p.message]


def test_a_named_pipe_nobody_refers_to_is_skipped_and_named(valid: Folder):
    os.mkfifo(valid.root / "media" / "stream.png")
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, "media/stream.png")
    assert not p.is_error
    assert p.message == "this is a named pipe (FIFO), not a file: it is never opened"
    # the start-up fingerprint and the revision never open it either (they would block for ever)
    assert revision.fingerprint(valid.root) and revision.content_revision(valid.root)
    assert_rest_loads(result)


def test_a_named_pipe_an_item_refers_to_is_called_a_pipe(valid: Folder):
    os.mkfifo(valid.root / "media" / "stream.png")
    valid.write(STORY, with_image("media/stream.png"), dedent=False)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, STORY)
    assert p.is_error and where(p) == IMAGE_IN_STORY
    assert p.message == "'media/stream.png' is a named pipe (FIFO), not a file"
    assert_rest_loads(result, images=0)


def test_a_link_to_dev_zero_is_never_read(valid: Folder):
    os.symlink("/dev/zero", valid.root / "media" / "zero.png")
    os.symlink("/dev/zero", valid.root / "story" / "zero.yaml")
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, "media/zero.png")
    assert not p.is_error and p.message == "a link that leads out of the content folder is not followed"
    assert "leads out of the content folder" in the(result.problems, "story/zero.yaml").message
    start = time.perf_counter()
    revision.fingerprint(valid.root), revision.content_revision(valid.root)
    assert time.perf_counter() - start < SAFETY_SECONDS
    assert_rest_loads(result)


def test_a_socket_and_a_link_to_a_folder_are_skipped(valid: Folder):
    import socket

    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(valid.root / "media" / "sock"))
        os.symlink(valid.root / "media", valid.root / "media" / "loop")
        result = valid.load()
    finally:
        server.close()
    assert the(result.problems, "media/sock").message == "this is a socket, not a file: it is never opened"
    assert the(result.problems, "media/loop").message == "a link to a folder is not followed"
    assert_rest_loads(result)


def nest(base: Path, levels: int) -> None:
    """*levels* folders 'd' inside each other under *base* (no recursion, no long paths)."""
    fd = os.open(base, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with open(os.open("deep.png", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "wb") as f:
            f.write(png_bytes())
    finally:
        os.close(fd)


def unnest(base: Path) -> None:
    """Undo :func:`nest` without recursion (shutil.rmtree, and so pytest's clean-up, recurses per level)."""
    while (base / "d").is_dir():
        for name in os.listdir(base / "d"):
            if name != "d":
                os.unlink(base / "d" / name)
        if (base / "d" / "d").is_dir():
            os.rename(base / "d" / "d", base / "d-next")
        os.rmdir(base / "d")
        if (base / "d-next").is_dir():
            os.rename(base / "d-next", base / "d")


@pytest.fixture
def nested(valid: Folder) -> Iterator[Folder]:
    yield valid
    unnest(valid.root / "media")


def test_1100_nested_folders_are_no_recursion_error(nested: Folder):
    valid = nested
    nest(valid.root / "media", 1100)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    deep = "media/" + "/".join(["d"] * 8)
    p = the(result.problems, deep)
    assert not p.is_error and p.message == "folders deeper than 8 levels are not read"
    assert revision.fingerprint(valid.root) != "missing"
    assert_rest_loads(result)


def test_tens_of_thousands_of_stray_files_are_counted_not_read(valid: Folder):
    junk = valid.root / "media" / "junk"
    junk.mkdir()
    for i in range(budget.DEFAULT.folder_files + 10):
        (junk / f"{i:05}.tmp.png").touch()
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, ".", "holds more than")
    assert not p.is_error
    assert p.message.startswith("the content folder holds more than 20,000 files and folders")
    assert_rest_loads(result)


def test_a_folder_met_twice_is_a_loop(valid: Folder, tmp_path: Path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a bind mount needs root")
    inner = valid.root / "media" / "again"
    inner.mkdir()
    done = subprocess.run(["mount", "--bind", str(valid.root / "media"), str(inner)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.decode(errors='replace').strip()}")
    try:
        result, seconds = timed_load(valid)
    finally:
        subprocess.run(["umount", str(inner)], check=False)
    assert seconds < SAFETY_SECONDS
    assert "is met twice (a loop" in the(result.problems, "media/again").message
    assert_rest_loads(result)


# -- Markdown and rich text cannot go around the path rules ------------------------------------------------

def with_body(markdown_text: str) -> str:
    body = "\n".join("    " + line for line in markdown_text.splitlines())
    return CHAPTER.replace('body:\n  vi: "Nội dung."\n  en: "Body text."', f"body:\n  vi: |\n{body}\n  en: Body text.")


MARKDOWN_IMAGES = {
    "file-url": ("![map](file:///etc/hostname)", ("the picture 'file:///etc/hostname' is not a file of the content "
                                                   "folder (a file: address): it is not shown")),
    "remote": ("![map](https://example.org/track.png)", ("the picture 'https://example.org/track.png' is not a file "
                                                         "of the content folder (a web address): it is not shown")),
    "protocol-relative": ("![map](//example.org/t.png)", ("the picture '//example.org/t.png' is not a file of the "
                                                          "content folder (a web address): it is not shown")),
    "dot-dot": ("![map](../../outside.png)", "'../../outside.png' leads out of the content folder ('..')"),
    "missing": ("![map](media/maps/nowhere.png)", "file not found: 'media/maps/nowhere.png'"),
}


@pytest.mark.parametrize("line, message", MARKDOWN_IMAGES.values(), ids=MARKDOWN_IMAGES.keys())
def test_markdown_images_come_only_from_the_content_folder(valid: Folder, line: str, message: str):
    text = with_body(f"Before the picture.\n\n{line}\n\nAfter it.")
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    p = the(result.problems, STORY, message)
    assert p.is_error and p.message == message
    assert where(p) == (STORY, line_of(text, line), text.splitlines()[line_of(text, line) - 1].index("](") + 3)
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None  # the text stays; the picture is never drawn
    shown = markdown.render(chapter.body.get("vi"), lambda src: markdown.Picture(f"file:///x/{src}", 10, 10))
    assert "<img" not in shown or "media/maps/nowhere.png" in line


def test_a_markdown_image_written_as_staff_would_is_shown(valid: Folder):
    text = with_body("The route:\n\n![The route](media/photo.png)")
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    assert about(result, STORY) == []
    body = result.content.chapter("1972-12-18").body.get("vi")
    shown = markdown.render(body, lambda src: markdown.Picture("file:///cache/abc.jpg", 1280, 720))
    assert shown == ('<p>The route:</p><p><img src="file:///cache/abc.jpg" width="720" height="405" '
                     'alt="The route"/></p>')


def test_raw_html_and_links_are_shown_as_text_and_reported(valid: Folder):
    line = 'Read <img src="x.png"><h1>HUGE</h1> and [the archive](https://example.org).'
    text = with_body(line)
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    html_warning = the(result.problems, STORY, "HTML")
    assert not html_warning.is_error
    assert html_warning.message == "HTML is not part of the kiosk's Markdown: '<img src=\"x.png\">' is shown as written"
    link = the(result.problems, STORY, "links cannot be opened")
    assert not link.is_error and where(link)[:2] == (STORY, line_of(text, line))
    shown = markdown.render(result.content.chapter("1972-12-18").body.get("vi"))
    assert shown == ("<p>Read &lt;img src=&quot;x.png&quot;&gt;&lt;h1&gt;HUGE&lt;/h1&gt; and the archive.</p>")


def test_a_plain_field_that_starts_like_html_is_plain_text(valid: Folder):
    # a witness role pasted from a web page: the model keeps it as text; QML shows it as PlainText
    text = WITNESS.replace('en: "MiG-21 pilot"', 'en: "<img src=\'https://example.org/x.png\'><h1>PILOT</h1>"')
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    assert about(result, HOSTILE) == []
    assert result.content.witness("hostile").role.get("en").startswith("<img")


# -- captions are bounded --------------------------------------------------------------------------------

def media_chapter(rel: str, **extra: str) -> str:
    more = "".join(f"\n    {k}: {v}" for k, v in extra.items())
    return CHAPTER + f"media:\n  - file: {rel}\n    title: Testimony\n    credit: Archive{more}\n"


def copy_sample_audio(folder: Folder, name: str = "media/audio/t.ogg") -> tuple[str, float]:
    """A copy of a sample recording, and its length as ffprobe (not the kiosk) reads it."""
    src = SAMPLE_CONTENT / "media/audio/1972-12-19.en.ogg"
    folder.write_bytes(name, src.read_bytes())
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(src)],
                         capture_output=True, text=True, check=True).stdout
    return name, float(out)


def vtt(cues: int, text: str = "Words.") -> str:
    """*cues* cues of a millisecond each, one after the other (all within a 7 s recording)."""
    out = ["WEBVTT", ""]
    for i in range(cues):
        out += [f"{webvtt.format_time(i / 1000)} --> {webvtt.format_time((i + 1) / 1000)}", text, ""]
    return "\n".join(out)


def test_a_million_cues_are_refused_early(valid: Folder):
    rel, _ = copy_sample_audio(valid)
    valid.write(STORY, media_chapter(rel), dedent=False)
    valid.write("media/audio/t.vi.vtt", vtt(budget.DEFAULT.caption_cues + 1), dedent=False)
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    p = the(result.problems, "media/audio/t.vi.vtt", "cues")
    assert p.is_error and p.message == "more than 5,000 cues: this one and the ones after it are left out"


def test_a_200_mb_caption_file_is_not_read(valid: Folder):
    rel, _ = copy_sample_audio(valid)
    valid.write(STORY, media_chapter(rel), dedent=False)
    path = valid.write("media/audio/t.vi.vtt", "WEBVTT\n\n", dedent=False)
    os.truncate(path, 200 * 2**20)
    tracemalloc.start()
    try:
        result, seconds = timed_load(valid)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < SAFETY_SECONDS and peak < 50 * 2**20
    p = the(result.problems, "media/audio/t.vi.vtt")
    assert p.is_error and p.message == "the captions file is 209.7 MB, more than the limit of 1 MB: it is not read"


def test_a_one_megabyte_cue_and_cues_after_the_end(valid: Folder):
    rel, length = copy_sample_audio(valid)
    valid.write(STORY, media_chapter(rel), dedent=False)
    text = "WEBVTT\n\n00:00.000 --> 00:02.000\nFine.\n\n00:02.000 --> 00:03.000\n" + "x" * 900_000 + \
        "\n\n05:00:00.000 --> 05:00:02.000\nHours after the end.\n"
    valid.write("media/audio/t.vi.vtt", text, dedent=False)
    result = valid.load()
    long_cue = the(result.problems, "media/audio/t.vi.vtt", "characters long")
    assert long_cue.is_error and where(long_cue)[1] == 7
    late = the(result.problems, "media/audio/t.vi.vtt", "after the recording ends")
    assert not late.is_error and where(late)[1] == 9
    assert late.message.startswith("this cue starts after the recording ends (00:00:0")
    ends = webvtt.parse_timestamp(late.message.split("(")[1].split(")")[0])[0]
    assert ends == pytest.approx(length, abs=0.05) and late.message.endswith("): never shown")


# -- large but legal media stay within budget --------------------------------------------------------------

def with_jpeg_size(data: bytes, width: int, height: int) -> bytes:
    """*data* (a JPEG) claiming to be *width* x *height* in its SOF marker."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            return data[:i + 5] + struct.pack(">HH", height, width) + data[i + 9:]
        i += 2 + length
    raise AssertionError("no SOF marker")


def jpeg_bytes(progressive: bool, size=(64, 64)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "#884422").save(buf, "JPEG", progressive=progressive, subsampling=0)
    return buf.getvalue()


LARGE = {
    "png-9400": (lambda: with_ihdr_size(png_bytes(), 9400, 9400),
                 "the image is 9,400×9,400 pixels (88,360,000 pixels), more than the limit of 50,000,000 pixels"),
    "progressive-jpeg-6000": (lambda: with_jpeg_size(jpeg_bytes(True), 6000, 6000),
                              ("this progressive JPEG needs 216.6 MB of memory to be decoded (more than 160 MB), "
                               "whatever size it is shown at")),
    "jpeg-30000-scans": (lambda: (lambda d: d[:-2] + d[d.rindex(b"\xff\xda"):-2] * 30_000 + b"\xff\xd9")(
        jpeg_bytes(True)), ("the JPEG has more than 100 scans (cameras and editors write at most about 12): "
                            "decoding it would keep the kiosk busy for a long time")),
    "gif-6000": (lambda: (lambda b: (Image.new("P", (6000, 5000)).save(b, "GIF"), b.getvalue())[1])(io.BytesIO()),
                 ("the image is 6,000×5,000 pixels (30,000,000 pixels), more than the limit of 25,000,000 pixels "
                  "for a GIF image")),
}


@pytest.mark.parametrize("make, message", LARGE.values(), ids=LARGE.keys())
def test_large_images_are_refused_before_they_are_decoded(valid: Folder, make, message: str):
    name = "media/large." + ("gif" if "gif" in message.lower() else "jpg" if "JPEG" in message else "png")
    valid.write_bytes(name, make())
    valid.write(STORY, with_image(name), dedent=False)
    tracemalloc.start()
    try:
        result, seconds = timed_load(valid)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < SAFETY_SECONDS and peak < 100 * 2**20, (seconds, peak)
    p = the(result.problems, STORY)
    assert p.is_error and where(p) == IMAGE_IN_STORY
    assert p.message == f"'{name}': {message}"
    assert_rest_loads(result, images=0)


def test_a_large_png_within_budget_is_checked_as_a_stream(valid: Folder, tmp_path: Path):
    # 6000x4000: decoding it whole would cost 72 MB; the stream check keeps a few MB
    big = tmp_path / "big.png"
    Image.new("RGB", (6000, 4000), "#223344").save(big, optimize=False, compress_level=1)
    data = big.read_bytes()
    valid.write_bytes("media/big.png", data)
    valid.write_bytes("media/cut.png", data[:len(data) * 2 // 3])
    tracemalloc.start()
    try:
        assert probe.probe_image(valid.root / "media/big.png").error == ""
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 2**20, f"{peak / 2**20:.0f} MB"
    assert probe.probe_image(valid.root / "media/cut.png").error == (
        "the image is damaged or truncated (the file ends inside a chunk: it was cut short)")


def test_a_film_larger_than_4k_is_refused(valid: Folder):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg makes the test film")
    film = valid.root / "media" / "huge.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=black:s=4200x2400:r=1",
                    "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(film)], check=True, timeout=120)
    text = EXHIBIT.replace("attract:\n", "attract:\n  video: media/huge.mp4\n")
    valid.write("exhibit.yaml", text, dedent=False)
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "huge.mp4")
    assert p.is_error and p.message == ("'media/huge.mp4': the film's frames are 4,200×2,400 pixels, more than the "
                                        "limit of 8,294,400 pixels (3840×2160)")
    assert result.content.exhibit.attract.video == ""


# -- damaged recordings do not pass ------------------------------------------------------------------------

def test_an_audio_guide_cut_to_100_bytes(valid: Folder):
    rel, _ = copy_sample_audio(valid)
    os.truncate(valid.root / rel, 100)
    valid.write(STORY, media_chapter(rel, speech="false"), dedent=False)
    result = valid.load()
    p = the(result.problems, STORY, "t.ogg")
    assert p.is_error and p.message.startswith("'media/audio/t.ogg': the recording is damaged or cut short (")
    assert p.hint == "copy the file again from its original (an interrupted copy leaves a file cut short)"
    assert result.content.chapter("1972-12-18").media == ()


def test_a_film_cut_inside_its_moov_box(valid: Folder):
    data = (SAMPLE_CONTENT / "media/video/twelve-nights.mp4").read_bytes()
    moov = data.index(b"moov")
    valid.write_bytes("media/cut.mp4", data[:moov + 200])
    valid.write(STORY, media_chapter("media/cut.mp4", speech="false"), dedent=False)
    result = valid.load()
    p = the(result.problems, STORY, "cut.mp4")
    assert p.is_error and "the recording is damaged or cut short" in p.message
    assert result.content.chapter("1972-12-18").media == ()


def test_a_film_whose_end_is_missing(valid: Folder):
    data = (SAMPLE_CONTENT / "media/video/twelve-nights.mp4").read_bytes()
    valid.write_bytes("media/short.mp4", data[:-5000])
    valid.write(STORY, media_chapter("media/short.mp4", speech="false"), dedent=False)
    p = the(valid.load().problems, STORY, "short.mp4")
    assert p.is_error and "cut short" in p.message


def test_a_sound_recording_is_probed_for_its_length(valid: Folder):
    rel, length = copy_sample_audio(valid)
    assert probe.probe_media(valid.root / rel).duration == pytest.approx(length, abs=0.05)
    assert probe.media_duration(valid.root / rel) == pytest.approx(length, abs=0.05)


# -- nonsense is said --------------------------------------------------------------------------------------

def test_a_right_to_left_override_in_a_name(valid: Folder):
    text = WITNESS.replace('name: "Phạm Tuân"', 'name: "Phạm \u202eTuân (1947)"')
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    p = the(result.problems, HOSTILE, "RIGHT-TO-LEFT OVERRIDE")
    assert p.is_error and where(p) == (HOSTILE, 1, 7)
    assert p.message == ("the text contains a RIGHT-TO-LEFT OVERRIDE (U+202E) after 'Phạm ', an invisible character "
                         "that reverses or re-orders the letters after it on screen")
    assert result.content.witness("hostile") is None
    assert_rest_loads(result)


def test_a_zero_width_space_in_a_text_is_named(valid: Folder):
    text = WITNESS.replace('en: "MiG-21 pilot"', 'en: "MiG-21\u200b pilot"')
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    p = the(result.problems, HOSTILE, "ZERO WIDTH SPACE")
    assert not p.is_error
    assert p.message == "the 'en' text contains an invisible ZERO WIDTH SPACE (U+200B) after 'MiG-21'"
    assert result.content.witness("hostile") is not None


def test_a_quiz_question_whose_choices_are_identical(valid: Folder):
    text = QUIZ.replace('{vi: "Sai nữa", en: "Also wrong"}', '{vi: "Sai nữa", en: " right "}')
    valid.write(QUIZ_FILE, text, dedent=False)
    result = valid.load()
    p = the(result.problems, QUIZ_FILE, "read the same")
    assert p.is_error and p.message == ("choices 1 and 3 read the same in 'en' ('right'): a visitor cannot tell "
                                        "them apart")
    assert len(result.content.quiz("basics").questions) == 1  # the other question stays


def test_the_same_witness_linked_twice(valid: Folder):
    text = CHAPTER.replace("witnesses: [pham-tuan]", "witnesses: [pham-tuan, pham-tuan]")
    valid.write(STORY, text, dedent=False)
    result = valid.load()
    p = the(result.problems, STORY, "listed twice")
    assert not p.is_error and where(p)[:2] == (STORY, line_of(text, "witnesses: [pham-tuan"))
    assert result.content.chapter("1972-12-18").witnesses == ("pham-tuan",)


def test_a_theme_font_that_does_not_exist(valid: Folder):
    text = EXHIBIT + "theme:\n  font: Noto Sanz\n"
    valid.write("exhibit.yaml", text, dedent=False)
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "font")
    assert p.is_error and where(p) == ("exhibit.yaml", line_of(text, "font:"), 9)
    assert p.message.startswith("the theme's font 'Noto Sanz' is not among the fonts shipped with the kiosk or in "
                                "fonts/")
    assert p.hint == "did you mean 'Noto Sans'?"


def test_a_font_file_that_is_really_a_jpeg(valid: Folder):
    valid.write_bytes("fonts/Display.ttf", jpeg_bytes(False))
    result = valid.load()
    p = the(result.problems, "fonts/Display.ttf")
    assert p.is_error and p.message == "the file is not a font (it is a JPEG image)"
    assert_rest_loads(result)


def test_characters_the_font_lacks_are_named_where_they_are(valid: Folder):
    text = WITNESS.replace('en: "MiG-21 pilot"', 'en: "MiG-21 pilot (\u98db\u884c\u54e1)"')
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    found = find(result.problems, HOSTILE, "not in the font")
    assert [where(p)[:2] for p in found] == [(HOSTILE, line_of(text, "MiG-21 pilot"))] * 3
    assert ("the character '\u98db' (CJK UNIFIED IDEOGRAPH-98DB (U+98DB)) is not in the font 'Noto Sans': it shows "
            "as an empty box or in another font") in [p.message for p in found]
    assert not found[0].is_error


# -- messages that unstick staff -------------------------------------------------------------------------

@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029"])
def test_a_pasted_line_separator_keeps_the_line_numbers_editors_show(valid: Folder, separator: str):
    text = WITNESS.replace('en: "Biography."', f'en: "Bio{separator}graphy."')
    text = text.replace("days: [1972-12-18]", "dayz: [1972-12-18]")
    valid.write(HOSTILE, text, dedent=False)
    result = valid.load()
    editor_lines = text.split("\n")  # editors end lines at LF only (str.splitlines() would not)
    typo = the(result.problems, HOSTILE, "unknown key 'dayz'")
    assert where(typo) == (HOSTILE, next(i for i, t in enumerate(editor_lines, 1) if "dayz:" in t), 1)
    named = the(result.problems, HOSTILE, "invisible character that YAML reads as a new line")
    assert not named.is_error
    assert where(named)[:2] == (HOSTILE, next(i for i, t in enumerate(editor_lines, 1) if "Bio" in t))


def test_a_file_name_in_another_normalization_is_the_same_file(valid: Folder):
    import unicodedata
    valid.write_bytes(unicodedata.normalize("NFD", "media/ảnh.png"), png_bytes())
    valid.write(STORY, with_image(unicodedata.normalize("NFC", "media/ảnh.png")), dedent=False)
    result = valid.load()
    assert about(result, STORY) == []
    assert_rest_loads(result)


def test_a_zero_width_space_in_a_file_name_is_named(valid: Folder):
    valid.write_bytes("media/map\u200b.png", png_bytes())
    valid.write(STORY, with_image("media/map.png"), dedent=False)
    p = the(valid.load().problems, STORY)
    assert p.is_error and p.message == "file not found: 'media/map.png'"
    assert p.hint == ("there is 'media/map\u200b.png', which looks the same: the file's name contains an invisible "
                      "ZERO WIDTH SPACE (U+200B) after 'map'; delete it")


def test_letter_case_is_named(valid: Folder):
    valid.write_bytes("media/Map.PNG", png_bytes())
    valid.write(STORY, with_image("media/map.png"), dedent=False)
    p = the(valid.load().problems, STORY)
    assert p.hint == ("there is 'media/Map.PNG', which looks the same: the names differ only in upper and lower case "
                      "letters, which matter on the kiosk")


# -- limits a museum can raise, within ceilings --------------------------------------------------------------

def test_limits_can_be_raised_within_their_ceilings(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + "limits:\n  image_pixels: 80000000\n  caption_cues: 999999\n"
                                          "  imgae_files: 10\n  yaml_depth: 50\n  item_files: .nan\n", dedent=False)
    result = valid.load()
    messages = [p.message for p in result.problems if p.location.path == "exhibit.yaml"]
    assert messages == [
        "'caption_cues' is at most 20,000 cues (a hard ceiling); 5,000 cues is used",
        "unknown limit 'imgae_files'",
        "the limit 'yaml_depth' cannot be changed",
        "expected a whole number of files for 'item_files', found '.nan' (not a number)",
    ]
    assert result.content.exhibit.limits == {"image_pixels": 80_000_000}


def test_the_documented_limits_are_the_real_ones():
    guide = (REPO / "docs" / "content-guide.md").read_text(encoding="utf-8")
    for limit in budget.TABLE:
        row = f"| `{limit.name}` | {budget.amount(limit.default, limit.unit)} | " + (
            "fixed" if limit.fixed else budget.amount(limit.ceiling, limit.unit)) + " |"
        assert row in guide, f"docs/content-guide.md ('Limits') lacks: {row}"


# -- the whole folder, within a bounded time and memory ------------------------------------------------------

def test_the_worst_folder_validates_within_bounds(nested: Folder, tmp_path: Path):
    valid = nested
    # several of the worst cases at once, through the real command and its real memory
    os.mkfifo(valid.root / "media" / "pipe.png")
    os.symlink("/dev/zero", valid.root / "media" / "zero.png")
    nest(valid.root / "media", 1100)
    valid.write_bytes("media/huge.png", with_ihdr_size(png_bytes(), 9400, 9400))
    valid.write_bytes("media/scans.jpg", LARGE["jpeg-30000-scans"][0]())
    valid.write(STORY, with_image("media/huge.png"), dedent=False)
    valid.write("witnesses/other.yaml", WITNESS.replace("media/", "x") + "portrait:\n  file: media/scans.jpg\n"
                "  caption: x\n", dedent=False)
    path = valid.write("media/audio/t.vi.vtt", "WEBVTT\n\n", dedent=False)
    os.truncate(path, 300 * 2**20)
    run = run_validate(valid.root, tmp_path)
    assert run["rc"] == 1, show(run)
    assert "Traceback" not in run["stderr"], show(run)
    assert run["seconds"] < SAFETY_SECONDS and run["rss_mb"] < SAFETY_RSS_MB, show(run)
    out = run["stdout"]
    for expected in ("media/pipe.png: warning: this is a named pipe (FIFO)",
                     "media/zero.png: warning: a link that leads out", "folders deeper than 8 levels", "9,400×9,400",
                     "more than 100 scans"):
        assert expected in out, show(run)


# -- what the issue does not list: forged output, interrupted copies, pipes where fonts are ---------------

def test_a_file_name_cannot_forge_a_line_of_output(valid: Folder, tmp_path: Path):
    # an attacker names a file so that validate prints a fake "all good" line, or clears the terminal
    name = "media/x\nexhibit.yaml: no problems found\x1b[2J.png"
    valid.write_bytes(name, b"not an image")
    valid.write(STORY, with_image(name.replace("\n", "\\n").replace("\x1b", "\\e")), dedent=False)
    os.mkfifo(valid.root / "media" / "y\u202egnp.png")
    result = valid.load()
    for p in result.problems:
        line = p.format()
        assert "\n" not in line and "\x1b" not in line and "\u202e" not in line, line
    pipe = the(result.problems, "media/y\u202egnp.png")
    assert pipe.format().startswith("media/y\\u202egnp.png: warning: this is a named pipe")


def test_a_yaml_file_cut_short_by_an_interrupted_copy(valid: Folder):
    data = WITNESS.encode()
    valid.write_bytes(HOSTILE, data[:200] + b"\0" * 4000)  # the copy preallocated the file, then stopped
    result = valid.load()
    p = the(result.problems, HOSTILE)
    assert p.is_error and p.message == ("the file ends in 4,000 zero bytes instead of text: it was cut short (an "
                                        "interrupted copy, or a USB stick pulled out too early)")
    assert where(p)[1] == data[:200].count(b"\n") + 1
    assert_rest_loads(result)


def test_an_image_cut_short_is_found_even_beyond_the_decode_budget(valid: Folder):
    data = jpeg_bytes(False, (300, 200))
    valid.write_bytes("media/cut.jpg", data[:len(data) // 2])
    valid.write("exhibit.yaml", EXHIBIT + "limits:\n  image_decode_bytes: 1\n", dedent=False)  # decode nothing
    valid.write(STORY, with_image("media/cut.jpg"), dedent=False)
    p = the(valid.load().problems, STORY)
    assert p.is_error and p.message == ("'media/cut.jpg': the image is damaged or truncated (the JPEG ends without "
                                        "its end marker: it was cut short)")


def test_a_named_pipe_among_the_fonts_is_never_opened(valid: Folder):
    (valid.root / "fonts").mkdir()
    os.mkfifo(valid.root / "fonts" / "Display.ttf")
    result, seconds = timed_load(valid)
    assert seconds < SAFETY_SECONDS
    pipe = the(result.problems, "fonts/Display.ttf")
    assert pipe.message == "this is a named pipe (FIFO), not a file: it is never opened"
    from kiosk.core.media import fonts
    assert all(p.name != "Display.ttf" for p in fonts.font_files([valid.root / "fonts"]))
