"""Live content updates: notice a change in the content folder, wait for it to settle, validate off the UI thread.

:class:`ContentWatcher` polls the content folder's fingerprint. When it changes and then stays the same
for a while (a copy in progress is never half-loaded), the new content is loaded and validated on a
worker thread. Without errors it is offered to the backend, which swaps it in at the next natural
moment; with errors it is rejected, the problems are logged and recorded, and the last good content
keeps running.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.content import revision
from kiosk.core.content.loader import LoadResult, load_content

log = logging.getLogger(__name__)


class ContentWatcher(QObject):
    """Notices content changes, waits for them to settle, validates off the UI thread."""

    loaded = Signal(object, str)   # (LoadResult without errors, revision): ready to swap in
    rejected = Signal(object, str)  # (LoadResult with errors, revision): the last good content stays

    def __init__(self, root: Path, poll_ms: int = 2000, settle_polls: int = 2,
                 loader: Callable[[Path], LoadResult] = load_content, parent: QObject | None = None,
                 seen: str | None = None) -> None:
        """*seen* is the fingerprint of the folder the running content was loaded from, taken before the load
        began: a change made while the kiosk was starting (after that, before now) is then noticed too."""
        super().__init__(parent)
        self.root = root
        self._loader = loader
        self._settle_polls = settle_polls
        self._seen = seen if seen is not None else revision.fingerprint(root)
        self._pending: str | None = None
        self._stable = 0
        self._busy = False
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self, interval=poll_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()

    def stop(self, wait: float = 30.0) -> None:
        """Stop watching; wait for a validation in progress to finish."""
        self._timer.stop()
        if self._thread is not None:
            self._thread.join(wait)

    def poll(self) -> None:
        if self._busy:
            return
        current = revision.fingerprint(self.root)
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
                rev = revision.content_revision(self.root)
                result = self._loader(self.root)
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
