"""Live content updates: notice a change in the content folder, wait for it to settle, validate off the UI thread.

:class:`ContentWatcher` polls the content folder's fingerprint. Nothing folder-wide runs on the UI thread:
the fingerprint (a walk of the folder, bounded by :mod:`kiosk.core.limits`) is taken on a worker thread
and its result comes back as a queued signal, and the poll interval grows with the walk's cost (a folder
of 100,000 files is looked at less often than the sample). When the fingerprint changes and then stays
the same for a while (a copy in progress is never half-loaded), the new content is loaded and validated
on a worker thread. Without errors it is offered to the backend, which swaps it in at the next natural
moment; with errors it is rejected, the problems are logged and recorded, and the last good content
keeps running.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.content import revision
from kiosk.core.content.loader import LoadResult, load_content

log = logging.getLogger(__name__)


class ContentWatcher(QObject):
    """Notices content changes, waits for them to settle, validates off the UI thread."""

    loaded = Signal(object, str)   # (LoadResult without errors, revision): ready to swap in
    rejected = Signal(object, str)  # (LoadResult with errors, revision): the last good content stays
    _fingerprinted = Signal(str, float)  # from the worker thread: (fingerprint, seconds it took)

    # the walk may take at most this share of the time between two polls
    WALK_SHARE = 0.05

    def __init__(self, root: Path, poll_ms: int = 2000, settle_polls: int = 2,
                 loader: Callable[[Path], LoadResult] = functools.partial(load_content, with_revision=True),
                 parent: QObject | None = None, baseline: str | None = None) -> None:
        """*baseline*: the fingerprint of the folder the shown content was loaded from
        (:attr:`LoadResult.fingerprint`); without it, it is taken now."""
        super().__init__(parent)
        self.root = root
        self._loader = loader
        self._settle_polls = settle_polls
        self._poll_ms = poll_ms
        self._seen = baseline or revision.fingerprint(root)
        self._pending: str | None = None
        self._stable = 0
        self._busy = False
        self._walking = False
        self._thread: threading.Thread | None = None
        self._walker: threading.Thread | None = None
        self._timer = QTimer(self, interval=poll_ms)
        self._timer.timeout.connect(self.poll)
        self._fingerprinted.connect(self._on_fingerprint, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._timer.start()

    def stop(self, wait: float = 30.0) -> None:
        """Stop watching; wait for a validation in progress to finish."""
        self._timer.stop()
        for thread in (self._walker, self._thread):
            if thread is not None:
                thread.join(wait)

    def poll(self) -> None:
        """Take the folder's fingerprint on a worker thread (the answer arrives in :meth:`_on_fingerprint`)."""
        if self._busy or self._walking:
            return
        self._walking = True
        self._walker = threading.Thread(target=self._walk, name="content-fingerprint", daemon=True)
        self._walker.start()

    def _walk(self) -> None:
        start = time.perf_counter()
        try:
            current = revision.fingerprint(self.root)
        except Exception:  # a folder that vanishes mid-walk: logged, and tried again at the next poll
            log.exception("taking the content folder's fingerprint failed")
            current = self._seen or ""
        self._fingerprinted.emit(current, time.perf_counter() - start)

    def _on_fingerprint(self, current: str, seconds: float) -> None:
        self._walking = False
        # a costly walk is taken less often: it may use at most WALK_SHARE of the time
        self._timer.setInterval(max(self._poll_ms, int(seconds / self.WALK_SHARE * 1000)))
        if self._busy:
            return
        if current == self._seen:
            self._pending, self._stable = None, 0
            return
        if current != self._pending:
            self._pending, self._stable = current, 0  # still changing: wait for it to settle
            return
        self._stable += 1
        if self._stable >= self._settle_polls:
            self._seen = current
            self._pending, self._stable = None, 0
            self.reload()

    def reload(self) -> None:
        """Load and validate the folder now, on a worker thread."""
        if self._busy:
            return
        self._busy = True
        log.info("content changed; validating %s", self.root)
        self._thread = threading.Thread(target=self._work, name="content-reload", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            if not self.root.is_dir():
                from kiosk.core.problems import Location, Problems
                problems = Problems()
                problems.error(Location("."), f"the content folder {self.root} is gone")
                result = LoadResult(None, problems.sorted())  # type: ignore[arg-type]
                rev = "missing"
            else:
                result = self._loader(self.root)
                rev = getattr(result, "revision", "") or revision.content_revision(self.root)
        except Exception as exc:
            log.exception("reloading the content failed")
            from kiosk.core.problems import Location, Problems
            problems = Problems()
            problems.error(Location("."), f"the content could not be loaded: {exc}")
            result, rev = LoadResult(None, problems.sorted()), "error"  # type: ignore[arg-type]
        finally:
            self._busy = False
        # Signals emitted from this thread reach the UI thread's slots queued.
        (self.rejected if result.errors or result.content is None else self.loaded).emit(result, rev)
