"""Content images for QML: screen-sized derivatives, built off the UI thread, decoded by Qt's own loader.

QML gets a plain file URL: the cached screen-sized derivative when it exists (see
:mod:`kiosk.core.media.derivatives`), else the original while the derivative is built on a background
thread for next time. Qt's ``Image { asynchronous: true; sourceSize: ... }`` decodes off the UI thread
and, for JPEG, decodes at reduced size, so even a first view never decodes a 24-megapixel scan at full
size, and from the second view on only derivatives are read.

Why not a Python ``QQuickAsyncImageProvider``: Qt calls such a provider from its own threads, which then
need the interpreter lock while the UI thread may hold it and wait for them (we measured deadlocks
when pages are built or the engine is destroyed). Here no Qt thread ever runs Python.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QUrl

from kiosk.core.machine import dirs
from kiosk.core.media import derivatives
from kiosk.core.media.files import PathError, resolve_media

log = logging.getLogger(__name__)

SIZE = "screen"  # what pages show; the full-screen viewer zooms into it (up to 1920 px, sharp at 2x on 1080p)
# An original other than a JPEG is handed to QML (while its derivative is built) only up to this size: Qt
# decodes a PNG whole before scaling it, and a 50-megapixel scan would cost 200 MB on the UI's side (a JPEG
# is decoded at a reduced size). Bigger ones show the placeholder until their derivative is there (the
# kiosk builds every derivative at start).
ORIGINAL_MAX_PIXELS = 12_000_000

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-derivatives")
_queued: set[str] = set()
_lock = threading.Lock()


def cached(source: Path, size: str) -> Path | None:
    """The derivative of *source* at *size* when it has been built, else None (never builds one)."""
    try:
        key = derivatives.cache_key(source, size)
    except OSError:
        return None
    folder = dirs.images_cache_dir() / key[:2]
    for ext in (".jpg", ".png"):
        candidate = folder / f"{key}{ext}"
        if candidate.is_file():
            return candidate
    return None


def _build(source: Path, sizes: tuple[str, ...] = (SIZE, "thumb")) -> None:
    try:
        for size in sizes:
            derivatives.derivative(source, size)
    except derivatives.DerivativeError as exc:
        log.warning("image %s: %s", source.name, exc)
    except Exception:
        log.exception("building the derivative of %s failed", source)
    finally:
        with _lock:
            _queued.discard(f"{source}|{sizes[0]}")


def image_url(root: Path, rel: str, size: str = SIZE) -> str:
    """A file URL for the content image *rel*: its derivative, or the original while that is being built.

    *size* is "screen" (pages and the viewer) or "zoom" (the viewer, zoomed in: up to 3840 px).
    """
    source = resolve_media(root, rel)
    if isinstance(source, PathError):
        return ""
    found = cached(source, size)
    if found is not None:
        return QUrl.fromLocalFile(str(found)).toString()
    key = f"{source}|{size}"
    with _lock:
        if key not in _queued:
            _queued.add(key)
            _pool.submit(_build, source, (size, "thumb") if size == SIZE else (size,))
    if source.suffix.lower() not in (".jpg", ".jpeg"):
        width, height = _pixels(source)
        if width * height > ORIGINAL_MAX_PIXELS:
            return ""
    return QUrl.fromLocalFile(str(source)).toString()


def _pixels(source: Path) -> tuple[int, int]:
    try:
        st = source.stat()
    except OSError:
        return 0, 0
    return _header_size(str(source), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=1024)
def _header_size(path: str, size: int, mtime_ns: int) -> tuple[int, int]:
    from kiosk.core.media.probe import image_size

    return image_size(Path(path))


def prepare_in_background(root: Path, rels: list[str]) -> None:
    """Queue the derivatives of every image (at start and after a content update)."""
    for rel in rels:
        image_url(root, rel)


def drain(timeout: float = 30.0) -> bool:
    """Wait for queued derivative builds (tests, and proof sheets that should show derivatives)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            if not _queued:
                return True
        time.sleep(0.02)
    return False
