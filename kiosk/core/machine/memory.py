"""How a kiosk that runs for months keeps its memory small (Qt-free).

On glibc (Linux), `free()` keeps memory it may reuse. Two habits of glibc's allocator are costly for a
program that shows large pictures all day:

- blocks above a threshold come straight from the kernel (mmap) and go back to it when freed, but glibc
  raises that threshold each time such a block is freed, up to 32 MB; after the first few pictures, every
  decoded image (a full-screen one is 8 MB) lives on the heap, and the heap keeps the holes they leave;
- every thread that allocates (Qt's image loader, the derivative builder, the analytics writer, FFmpeg's
  decoders) may get an arena of its own, each with holes of its own.

`tune_allocator()` fixes the threshold at 128 KB (large blocks always go back to the kernel) and allows
two arenas. `release_free_memory()` returns free heap pages to the kernel; the kiosk calls it when the
attract loop starts, that is when a visitor has walked away. Measured by `kiosk bench` (rss_mb) and the
soak test; see docs/performance.md. Both do nothing where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from typing import Literal

log = logging.getLogger(__name__)

# mallopt() parameters, from glibc's <malloc.h>
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

MMAP_THRESHOLD = 128 * 1024
TRIM_THRESHOLD = 128 * 1024
ARENAS = 2

_libc: ctypes.CDLL | Literal[False] | None = None  # False: looked for, not there


def _glibc() -> ctypes.CDLL | None:
    global _libc
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim"):
                    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
                    libc.malloc_trim.argtypes = [ctypes.c_size_t]
                    _libc = libc
            except OSError:
                pass
    return _libc or None


def tune_allocator() -> bool:
    """Set glibc's allocator up for a long-running picture viewer; True when it was done."""
    libc = _glibc()
    if libc is None:
        return False
    ok = all([
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1,
        libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1,
        libc.mallopt(M_ARENA_MAX, ARENAS) == 1,
    ])
    if not ok:
        log.info("the C library refused some allocator settings")
    return ok


def release_free_memory() -> bool:
    """Give free heap memory back to the operating system; True when some was released."""
    libc = _glibc()
    if libc is None:
        return False
    return bool(libc.malloc_trim(0))
