"""Walking a content folder safely (Qt-free, the ground floor): the one place that lists its files.

The fingerprint that notices edits, the revision that names the content and the validator's census all
walk the folder through :func:`walk`, which

* never follows a link out of the folder, nor a link to a folder (so a link cannot make a loop), and
  recognises a folder met twice (a bind mount of a parent) as a loop;
* never opens anything: it reads folder listings and ``lstat``s, so a named pipe, a socket or a device
  (``/dev/zero`` linked in) costs one system call and is skipped;
* stops at a depth and a number of entries (:mod:`kiosk.core.limits`), so a million stray files or
  1,100 nested folders cost a bounded time and no recursion;

and says what it skipped and why, so ``kiosk validate`` can warn about it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

# What the kiosk reads in a content folder; everything else is never looked at.
TOP_LEVEL = ("exhibit.yaml", "sources.yaml", "story", "witnesses", "quizzes", "media", "fonts")

# editor backups and copies in progress: never content, and changing all the time
TRANSIENT_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload", ".partial")


def kind_of(mode: int) -> str:
    """What a file-system entry is, in words staff can act on."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def describe(path: Path) -> str:
    """What *path* is ('a file', 'a named pipe (FIFO), not a file', 'missing', ...), without opening it."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        try:
            return "a link to " + kind_of(os.stat(path).st_mode)
        except OSError:
            return "a link to a file that does not exist"
    return kind_of(st.st_mode)


@dataclass(frozen=True)
class Skipped:
    rel: str
    reason: str


@dataclass
class Walk:
    """What :func:`walk` found: regular files (relative path, stat) in name order, and what it skipped."""

    files: list[tuple[str, os.stat_result]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    truncated: bool = False  # stopped at the entry limit
    entries: int = 0
    deepest: int = 0


def inside(root_real: str, path: str) -> bool:
    """Whether the real (resolved) *path* is *root_real* or below it."""
    return path == root_real or path.startswith(root_real.rstrip(os.sep) + os.sep)


def walk(root: Path, max_entries: int, max_depth: int, top_level: tuple[str, ...] | None = TOP_LEVEL) -> Walk:
    """The regular files under *root* (only *top_level* names at the top; None: everything)."""
    out = Walk()
    top = os.fspath(root)
    try:
        root_real = os.path.realpath(top)
        root_st = os.stat(top)
    except OSError:
        return out
    seen_dirs = {(root_st.st_dev, root_st.st_ino)}
    stack: list[tuple[str, str, int]] = [(top, "", 0)]  # (folder, its relative path with '/', depth)
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if prefix:
                out.skipped.append(Skipped(prefix.rstrip("/"), f"cannot read the folder: {exc.strerror or exc}"))
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if not prefix and top_level is not None and name not in top_level:
                continue
            if name.startswith(".") or name.endswith(TRANSIENT_SUFFIXES):
                continue
            out.entries += 1
            if out.entries > max_entries:
                out.truncated = True
                return out
            rel = prefix + name
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # deleted while we looked
            mode = st.st_mode
            if stat.S_ISLNK(mode):
                target = os.path.realpath(entry.path)
                if not inside(root_real, target):
                    out.skipped.append(Skipped(rel, "a link that leads out of the content folder is not followed"))
                    continue
                try:
                    st = os.stat(entry.path)
                except OSError:
                    out.skipped.append(Skipped(rel, "a link to a file that does not exist (or a loop of links)"))
                    continue
                if stat.S_ISDIR(st.st_mode):
                    out.skipped.append(Skipped(rel, "a link to a folder is not followed"))
                    continue
                mode = st.st_mode
            if stat.S_ISDIR(mode):
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:
                    out.skipped.append(Skipped(rel, "this folder is met twice (a loop, e.g. a bind mount of a "
                                                    "folder above it): it is not read again"))
                    continue
                if depth + 1 > max_depth:
                    out.skipped.append(Skipped(rel, f"folders deeper than {max_depth} levels are not read"))
                    continue
                seen_dirs.add(key)
                subfolders.append((entry.path, rel + "/", depth + 1))
                out.deepest = max(out.deepest, depth + 1)
                continue
            if not stat.S_ISREG(mode):
                out.skipped.append(Skipped(rel, f"this is {kind_of(mode)}: it is never opened"))
                continue
            out.files.append((rel, st))
        stack.extend(reversed(subfolders))
    out.files.sort(key=lambda item: item[0])
    return out


class NotRegular(OSError):
    """The path is not a regular file (a pipe, a device, a socket, a folder): it was not read."""


class TooLarge(OSError):
    """The file is larger than the caller's budget: it was not read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes, more than {limit}")
        self.size = size
        self.limit = limit


def open_regular(path: Path | str) -> int:
    """A file descriptor of the regular file *path*, opened without ever blocking.

    ``O_NONBLOCK`` makes opening a named pipe return at once (instead of waiting for a writer for ever),
    and the descriptor is checked with ``fstat`` (a file swapped for a pipe after an ``lstat`` is caught).
    Raises :class:`NotRegular`, or ``OSError`` as ``open`` does.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"this is {kind_of(mode)}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bounded(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of the regular file *path*, at most *max_bytes* of them (else :class:`TooLarge`, unread)."""
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise TooLarge(size, max_bytes)
        chunks, total = [], 0
        while True:
            block = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > max_bytes:  # it grew while we read
                raise TooLarge(total, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)
