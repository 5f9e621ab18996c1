"""The validated content, remembered on disk for an unchanged folder: the kiosk's fast start.

The key is the kiosk's version, the folder and the names, sizes and modification times of all its
files, so any edit, copy or deletion means a fresh validation. The content's revision is kept with it: a
start on an unchanged folder reads no file of the folder at all (only its listings). ``kiosk validate`` never uses this.
The cache lives in :func:`kiosk.core.machine.dirs.content_cache_dir`; a cache that cannot be written
is said once in the log (the kiosk then validates at every start, which is slower but correct).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from kiosk import __version__
from kiosk.core.content import revision
from kiosk.core.content.loader import LoadResult, collector_paused, load_content
from kiosk.core.machine import dirs

log = logging.getLogger(__name__)


def cache_key(root: Path) -> str:
    return hashlib.sha1(f"{__version__}|{root.resolve()}|{revision.fingerprint(root)}".encode()).hexdigest()


def load_content_cached(root: Path, cache: Path | None = None) -> LoadResult:
    """:func:`~kiosk.core.content.loader.load_content`, from the cache when the folder is unchanged."""
    folder = cache or dirs.content_cache_dir()
    try:
        key = cache_key(root)
    except OSError:
        return load_content(root, with_revision=True)
    path = folder / f"{key}.pickle"
    try:
        with open(path, "rb") as f:
            data = f.read()
        with collector_paused():  # a third of the time
            result = pickle.loads(data)  # noqa: S301 (the kiosk wrote this file, in its own cache folder)
        if isinstance(result, LoadResult) and result.revision:
            log.info("content from the cache (%s): %s", folder, key[:12])
            return result
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 (a stale or damaged cache entry is simply rebuilt)
        log.info("the content cache entry %s could not be read; validating again", path.name)
    result = load_content(root, with_revision=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.pickle"):  # one entry per folder state is enough
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.warning("cannot keep the validated content in %s (%s): every start validates the folder again",
                    folder, exc)
    return result
