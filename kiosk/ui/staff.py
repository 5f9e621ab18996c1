"""The staff desk (``Kiosk.staff`` in QML): the hidden gesture, the PIN, the staff menu's information
and its few actions (reload the content, a proof sheet of the page on screen, exit)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk import __version__
from kiosk.core.machine.settings import PinGuard, Settings
from kiosk.ui.idle import IdleGuard

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

Status = Callable[[], dict]


@QmlElement
@QmlUncreatable("Kiosk.staff is made by the Kiosk backend")
class StaffDesk(QObject):
    changed = Signal()          # the staff menu's information changed
    pinRequested = Signal()     # the hidden gesture: QML shows the PIN pad
    proofReady = Signal(str)    # file URL of a proof sheet of the current page, or "" on failure
    reloadRequested = Signal()  # staff asked for a reload now (the content watcher does it)

    def __init__(self, settings_dir: Path | None, idle: IdleGuard, status: Status,
                 parent: QObject | None = None) -> None:
        """*status()* says what runs (:meth:`kiosk.ui.backend.Kiosk.snapshot`); *idle* waits while the menu is open."""
        super().__init__(parent)
        self._settings = Settings.load(settings_dir)
        self._pin_guard = PinGuard(self._settings)
        self._idle = idle
        self._status = status
        self._open = False

    @Slot()
    def gesture(self) -> None:
        """The hidden long-press: ask for the PIN (QML shows the pad)."""
        log.info("staff: PIN pad opened")
        self.pinRequested.emit()

    @Property(bool, notify=changed)
    def pinSet(self) -> bool:
        return self._settings.has_pin

    @Slot(str, result="QVariantMap")
    def checkPin(self, pin: str) -> dict:
        """{ok, wait}: whether *pin* opens the menu, and how many seconds until the next try is heard."""
        ok, wait = self._pin_guard.attempt(pin, time.monotonic())
        log.info("staff: PIN %s", "accepted" if ok else f"refused (wait {wait:.0f} s)")
        if ok and not self._open:
            self._idle.hold(True)
            self._open = True
        return {"ok": ok, "wait": round(wait)}

    @Slot()
    def close(self) -> None:
        if self._open:
            self._open = False
            self._idle.hold(False)
        log.info("staff: menu closed")

    @Property("QVariantMap", notify=changed)
    def info(self) -> dict:
        """What the staff menu shows: versions, the content's folder and its problems, a rejected update."""
        snap = self._status()
        return {
            "version": __version__,
            "contentDir": snap["content_dir"],
            "revision": snap["content_revision"],
            "loadedAt": snap["loaded_at"],
            "problems": snap["content_problems"],
            "errors": snap["content_errors"],
            "warnings": snap["content_warnings"],
            "rejected": snap["rejected_update"] or {"revision": "", "at": "", "problems": []},
        }

    @Slot()
    def reload(self) -> None:
        log.info("staff: reload requested")
        self.reloadRequested.emit()

    @Slot(str, int, int)
    def makeProofSheet(self, route: str, width: int, height: int) -> None:
        """Render *route* at width x height in a separate process (the screen never blocks)."""
        snap = self._status()
        out = Path(tempfile.mkdtemp(prefix="kiosk-proof-"))
        me = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kiosk"]  # a bundle
        args = [*me, "render", "--content", snap["content_dir"], "--size", f"{width}x{height}",
                "--lang", snap["language"], "--route", route, "--out", str(out)]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

        def work() -> None:
            try:
                done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
                files = sorted(out.glob("*.png"))
                url = QUrl.fromLocalFile(str(files[0])).toString() if done.returncode == 0 and files else ""
                if not url:
                    log.error("proof sheet failed: %s", done.stderr[-500:])
            except (OSError, subprocess.SubprocessError) as exc:
                log.error("proof sheet failed: %s", exc)
                url = ""
            self.proofReady.emit(url)

        threading.Thread(target=work, name="proof-sheet", daemon=True).start()

    @Slot()
    def exit(self) -> None:
        log.info("staff: exit requested")
        app = QGuiApplication.instance()
        if app is not None:
            app.exit(0)
