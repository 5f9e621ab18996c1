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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(("~", ".swp", ".tmp", ".part")):
                continue  # editor backups and copies in progress
            path = Path(dirpath, name)
            try:
                st = path.stat()
            except OSError:
                continue  # deleted while we looked
            out.append((path.relative_to(root).as_posix(), st))
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
