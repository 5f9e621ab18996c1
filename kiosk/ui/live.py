"""The running kiosk's housekeeping: live content updates, status.json, and the systemd watchdog.

- :class:`ContentWatcher` polls the content folder's fingerprint. When it changes and then stays the
  same for a while (a copy in progress is never half-loaded), the new content is loaded and validated
  on a worker thread. Without errors it is offered to the backend, which swaps it in at the next natural
  moment; with errors it is rejected, the problems are logged and recorded, and the last good content
  keeps running.
- :class:`StatusReporter` writes ``status.json`` on every change and on a heartbeat, and pings systemd's
  watchdog from the UI thread, so a hung event loop is noticed and the kiosk restarted.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__, build_info
from kiosk.core import revision, status
from kiosk.core.loader import LoadResult, load_content

log = logging.getLogger(__name__)


def sd_notify(message: str) -> bool:
    """Send *message* (e.g. 'READY=1', 'WATCHDOG=1') to systemd, if it is listening."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.connect(address)
            s.sendall(message.encode())
        return True
    except OSError as exc:
        log.warning("cannot notify systemd: %s", exc)
        return False


def watchdog_interval() -> float | None:
    """Half of systemd's WatchdogSec, in seconds, if the watchdog is on for this process."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    # under cage (the kiosk compositor) systemd's main process is cage, our parent
    if not usec or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    try:
        return max(0.5, int(usec) / 2_000_000)
    except ValueError:
        return None


class ContentWatcher(QObject):
    """Notices content changes, waits for them to settle, validates off the UI thread."""

    loaded = Signal(object, str)   # (LoadResult without errors, revision): ready to swap in
    rejected = Signal(object, str)  # (LoadResult with errors, revision): the last good content stays

    def __init__(self, root: Path, poll_ms: int = 2000, settle_polls: int = 2,
                 loader: Callable[[Path], LoadResult] = load_content, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self._loader = loader
        self._settle_polls = settle_polls
        self._seen = revision.fingerprint(root)
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
        except Exception as exc:  # noqa: BLE001 (a reload must never take the kiosk down)
            log.exception("reloading the content failed")
            from kiosk.core.problems import Location, Problems
            problems = Problems()
            problems.error(Location("."), f"the content could not be loaded: {exc}")
            result, rev = LoadResult(None, problems.sorted()), "error"  # type: ignore[arg-type]
        finally:
            self._busy = False
        # Signals emitted from this thread reach the UI thread's slots queued.
        (self.rejected if result.errors or result.content is None else self.loaded).emit(result, rev)


class StatusReporter(QObject):
    """Keeps ``status.json`` current and systemd's watchdog fed, from the UI thread."""

    def __init__(self, state_dir: Path, snapshot: Callable[[], dict[str, Any]],
                 heartbeat_s: float = 10.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state_dir = state_dir
        self._snapshot = snapshot
        self._started = time.time()
        self._failed = False
        # asked before each WATCHDOG=1: kiosk.ui.framewatch makes it False when the scene stops drawing
        self.alive: Callable[[], bool] = lambda: True
        interval = heartbeat_s
        wd = watchdog_interval()
        if wd:
            interval = min(interval, wd)
        self._timer = QTimer(self, interval=int(interval * 1000))
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        sd_notify("READY=1")
        self.beat()
        self._timer.start()

    def beat(self) -> None:
        if self.alive():
            sd_notify("WATCHDOG=1")  # the event loop is alive, and the screen draws
        self.write()

    def write(self, state: str = "running") -> None:
        now = time.time()
        data = {
            "version": __version__,
            "package_version": build_info.package_version(),
            "state": state,
            "pid": os.getpid(),
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self._started)),
            "uptime_s": round(now - self._started, 1),
            "heartbeat": round(now, 3),
            **self._snapshot(),
        }
        try:
            status.write_status(self.state_dir, data)
            self._failed = False
        except OSError as exc:
            if not self._failed:  # say it once, not every heartbeat
                log.error("cannot write %s: %s", self.state_dir / status.STATUS_FILE, exc)
            self._failed = True

    def stop(self) -> None:
        self._timer.stop()
        sd_notify("STOPPING=1")
        self.write("stopped")
