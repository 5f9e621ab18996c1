"""Which content is this? A quick fingerprint to notice changes, and a revision hash to name them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# Files up to this size are hashed byte by byte; bigger ones (videos) by size and modification time,
# so that computing the revision of a folder with hours of video stays quick.
HASH_BYTES_UP_TO = 16 * 1024 * 1024


def _files(root: Path) -> list[tuple[str, os.stat_result]]:
    out = []
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # plain strings, not Path objects: a folder of 10,000 files is read in a few tens of milliseconds
        prefix = dirpath[len(top):].lstrip(os.sep).replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(("~", ".swp", ".tmp", ".part")):
                continue  # editor backups and copies in progress
            try:
                st = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue  # deleted while we looked
            out.append((prefix + name, st))
    return out


def fingerprint(root: Path) -> str:
    """Names, sizes and modification times of every file: cheap, changes whenever a file does."""
    h = hashlib.blake2b(digest_size=16)
    if not root.is_dir():
        return "missing"
    for rel, st in _files(root):
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def content_revision(root: Path) -> str:
    """A short hash of the content (file names and bytes; big files by size and time)."""
    h = hashlib.sha256()
    if not root.is_dir():
        return "missing"
    for rel, st in _files(root):
        h.update(rel.encode() + b"\0")
        if st.st_size <= HASH_BYTES_UP_TO:
            try:
                with open(root / rel, "rb") as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        h.update(block)
            except OSError:
                h.update(b"unreadable")
        else:
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        h.update(b"\n")
    return h.hexdigest()[:12]
