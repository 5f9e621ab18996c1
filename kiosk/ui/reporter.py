"""status.json and the systemd watchdog, kept current from the UI thread.

:class:`StatusReporter` writes ``status.json`` on every change and on a heartbeat, and pings systemd's
watchdog from the UI thread, so a hung event loop is noticed and the kiosk restarted.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk import __version__
from kiosk.core.machine import build_info, status
from kiosk.core.machine.systemd import sd_notify, watchdog_interval

log = logging.getLogger(__name__)


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
