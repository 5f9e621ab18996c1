"""Is the screen still drawing? A watchdog for a frozen scene, not only for a frozen event loop.

systemd's watchdog (``WatchdogSec=`` in kiosk.service) restarts the kiosk when it stops saying
``WATCHDOG=1``, which the kiosk says from its event loop. A scene can freeze while the event loop
runs on: seen under cage with Qt's software scene graph, where a frame with no changed area got no
frame callback and Qt stopped drawing for good, while the heartbeat stayed happy.

:class:`FrameWatch` asks for a frame (``QQuickWindow.update()``, which draws even when nothing has
changed) whenever none has been drawn for ``probe_s`` seconds, and expects ``frameSwapped`` within
``deadline_s``. A kiosk at rest may draw nothing on its own; it still answers such a request. When a
requested frame does not come, :meth:`FrameWatch.healthy` turns False, the reason is logged once, and
the status reporter stops telling systemd the kiosk is alive: systemd restarts it.

On only while systemd's watchdog is (``WATCHDOG_USEC``), or with ``KIOSK_FRAME_DEADLINE=<seconds>``;
``KIOSK_FRAME_DEADLINE=0`` turns it off.
"""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

log = logging.getLogger(__name__)

PROBE_S = 5.0
DEADLINE_S = 15.0


def configured_deadline() -> float | None:
    """Seconds a requested frame may take, or None when the frame watchdog is off."""
    text = os.environ.get("KIOSK_FRAME_DEADLINE", "").strip()
    if text:
        try:
            value = float(text)
        except ValueError:
            log.warning("KIOSK_FRAME_DEADLINE=%s is not a number of seconds; using %g", text, DEADLINE_S)
            return DEADLINE_S
        return value if value > 0 else None
    return DEADLINE_S if os.environ.get("WATCHDOG_USEC") else None


class FrameWatch(QObject):
    """Requests a frame when the window has drawn none for a while and notices when none comes."""

    def __init__(self, window: QQuickWindow, probe_s: float = PROBE_S, deadline_s: float = DEADLINE_S,
                 parent: QObject | None = None, clock=time.monotonic) -> None:
        super().__init__(parent)
        self.window = window
        self.probe_s = probe_s
        self.deadline_s = deadline_s
        self._clock = clock
        self.frames = 0
        self.last_frame = clock()
        self.requested_at: float | None = None
        self._frozen_logged = False
        self._api_logged = False
        # frameSwapped comes from the render thread; queued to this (the UI) thread
        window.frameSwapped.connect(self._swapped)
        self._timer = QTimer(self, interval=int(probe_s * 1000))
        self._timer.timeout.connect(self.probe)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _swapped(self) -> None:
        self.frames += 1
        self.last_frame = self._clock()
        self.requested_at = None
        if not self._api_logged:
            self._api_logged = True
            api = self.window.rendererInterface().graphicsApi() if self.window.rendererInterface() else None
            name = api.name if isinstance(api, QSGRendererInterface.GraphicsApi) else str(api)
            log.info("drawing with Qt Quick's %s scene graph; a requested frame must come within %g s",
                     name, self.deadline_s)
        if self._frozen_logged:
            self._frozen_logged = False
            log.warning("the screen draws again")

    def probe(self) -> None:
        """Ask for a frame if none has been drawn lately (and none is awaited)."""
        now = self._clock()
        if self.requested_at is None and now - self.last_frame >= self.probe_s:
            self.requested_at = now
            self.window.update()

    def frozen_for(self) -> float:
        """Seconds an awaited frame is overdue (0 when none is)."""
        if self.requested_at is None:
            return 0.0
        return max(0.0, self._clock() - self.requested_at - self.deadline_s)

    def healthy(self) -> bool:
        """False once a requested frame is more than deadline_s late (said once in the log)."""
        waited = 0.0 if self.requested_at is None else self._clock() - self.requested_at
        if waited <= self.deadline_s:
            return True
        if not self._frozen_logged:
            self._frozen_logged = True
            log.error("the screen is frozen: no frame drawn for %.0f s although one was requested "
                      "(window %s, %d frames so far); not telling systemd the kiosk is alive, so it restarts it",
                      waited, "exposed" if self.window.isExposed() else "NOT exposed by the compositor", self.frames)
        return False


def attach(window: QQuickWindow, reporter, parent: QObject | None = None) -> FrameWatch | None:
    """Watch *window*'s frames and make *reporter* feed systemd's watchdog only while they come."""
    deadline = configured_deadline()
    if deadline is None:
        return None
    watch = FrameWatch(window, probe_s=min(PROBE_S, deadline / 2), deadline_s=deadline, parent=parent)
    reporter.alive = watch.healthy
    watch.start()
    return watch
