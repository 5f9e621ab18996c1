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
        # why status.json cannot be written, since when (None while it can): kept in memory, sent to the
        # log once, and written with a copy of the status to the RAM-backed runtime folder
        self.write_error: dict[str, str] | None = None
        from kiosk.core.machine import dirs

        self._runtime_dir = dirs.runtime_dir()
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
            if self._failed:
                log.warning("%s can be written again", self.state_dir / status.STATUS_FILE)
            self._failed = False
            self.write_error = None
        except OSError as exc:
            if not self._failed:  # say it once, not every heartbeat
                log.error("cannot write %s: %s; the kiosk keeps running, and says so in %s", self.state_dir /
                          status.STATUS_FILE, exc, self._runtime_dir / status.STATUS_FILE)
                self.write_error = {"path": str(self.state_dir / status.STATUS_FILE),
                                    "since": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                    "error": str(exc.strerror or exc)}
            self._failed = True
            try:
                status.write_status(self._runtime_dir, {**data, "status_write_error": self.write_error})
            except OSError:
                pass  # the heartbeat file below still tells a monitor that the kiosk is alive
        status.touch_heartbeat(self.state_dir, now)

    def stop(self) -> None:
        self._timer.stop()
        sd_notify("STOPPING=1")
        self.write("stopped")
