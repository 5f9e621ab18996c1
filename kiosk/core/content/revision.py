"""Which content is this? A quick fingerprint to notice changes, and a revision hash to name them.

Both walk the folder with :func:`kiosk.core.walk.walk` (links out, pipes, devices and loops are never
followed or opened; depth and number of files are bounded by the hard ceilings of :mod:`kiosk.core.limits`).

- :func:`fingerprint`: names, sizes and modification times; reads no file. The watcher polls it and the
  validated-content cache is keyed by it, so a start on an unchanged folder reads no file at all.
- :func:`content_revision`: what people compare ("is this kiosk showing the same content as that one?"):
  the same bytes give the same revision wherever the folder is and whatever the files' times. Text files
  (YAML, captions) are hashed whole, which is bounded by their limits; media files by their size and
  their first and last 64 KB, so a folder with hours of video and thousands of pictures costs a few
  megabytes of reading, not gigabytes. It is computed when the content is validated (and kept with it in
  the cache), never at every start.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Protocol

from kiosk.core import limits, walk

TEXT_SUFFIXES = (".yaml", ".yml", ".vtt")
SAMPLE_BYTES = 64 * 1024


def walk_folder(root: Path) -> walk.Walk:
    """The files the fingerprint and the revision are made of (within the hard ceilings)."""
    return walk.walk(root, limits.CEILING.folder_files, limits.CEILING.folder_depth)


def fingerprint(root: Path, found: walk.Walk | None = None) -> str:
    """Names, sizes and modification times of every file the kiosk may read: cheap, opens no file."""
    if not root.is_dir():
        return "missing"
    h = hashlib.blake2b(digest_size=16)
    for rel, st in (found or walk_folder(root)).files:
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class _Hash(Protocol):
    """What :func:`_update_from` needs of a hashlib hash."""

    def update(self, data: bytes, /) -> None: ...


def _update_from(h: _Hash, path: str, st: os.stat_result) -> None:
    text = path.lower().endswith(TEXT_SUFFIXES) and st.st_size <= limits.CEILING.yaml_file_bytes
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        # O_NOFOLLOW refuses a link (one inside the folder, already checked by the walk): open it normally
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            h.update(b"unreadable")
            return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            h.update(b"not a file")  # replaced by a pipe or a device between the walk and now
            return
        with os.fdopen(fd, "rb", closefd=False) as f:
            if text or st.st_size <= 2 * SAMPLE_BYTES:
                remaining = st.st_size
                while remaining > 0:
                    block = f.read(min(1 << 20, remaining))
                    if not block:
                        break
                    h.update(block)
                    remaining -= len(block)
            else:
                h.update(f.read(SAMPLE_BYTES))
                f.seek(st.st_size - SAMPLE_BYTES)
                h.update(f.read(SAMPLE_BYTES))
    except OSError:
        h.update(b"unreadable")
    finally:
        os.close(fd)


def content_revision(root: Path, found: walk.Walk | None = None) -> str:
    """A short hash of the content: names and bytes (media by size, head and tail)."""
    if not root.is_dir():
        return "missing"
    h = hashlib.sha256()
    top = os.fspath(root)
    for rel, st in (found or walk_folder(root)).files:
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0" + str(st.st_size).encode() + b"\0")
        _update_from(h, os.path.join(top, rel), st)
        h.update(b"\n")
    return h.hexdigest()[:12]
