"""The idle guard: when nobody has touched the screen for a while, ask "Are you still there?", count
down, then end the visit (``Kiosk.idle`` in QML).

It watches every touch, click and key of the application (an event filter), and waits while
something asks it to hold (a recording that plays, the staff menu). The countdown's end is announced
by :attr:`IdleGuard.expired`; what ending a visit means is the session's business
(:meth:`kiosk.ui.session.Session.reset`).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

_START_EVENTS = {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress}
_END_EVENTS = {QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.MouseButtonRelease, QEvent.Type.KeyRelease}
_INPUT_EVENTS = _START_EVENTS | _END_EVENTS | {
    QEvent.Type.TouchUpdate, QEvent.Type.MouseMove, QEvent.Type.MouseButtonDblClick}
_ACTIVITY_EVENTS = {
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.KeyPress, QEvent.Type.Wheel,
}
# After "Are you still there?" is answered, the rest of that touch reaches nothing (at most this long).
_SWALLOW_S = 3.0

ACTIVE = "active"
WARNING = "warning"


@QmlElement
@QmlUncreatable("Kiosk.idle is made by the Kiosk backend")
class IdleGuard(QObject):
    changed = Signal()  # enabled, phase, seconds left or holds changed
    expired = Signal()  # the countdown ran out: the visitor has gone

    def __init__(self, timeout: float, countdown: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout = float(timeout)
        self._countdown = float(countdown)
        self._factor = 1
        self._enabled = False
        self._phase = ACTIVE
        self._seconds_left = 0
        self._holds = 0
        self._swallow_until = 0.0
        self._idle_timer = QTimer(self, singleShot=True, interval=self._interval_ms())
        self._idle_timer.timeout.connect(self._on_idle)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- what QML reads ----------------------------------------------------------------------
    def _get_enabled(self) -> bool:
        return self._enabled

    def _set_enabled(self, on: bool) -> None:
        """On while a visitor uses the kiosk; off on the attract loop (which never times out)."""
        if on == self._enabled:
            return
        self._enabled = on
        self._tick.stop()
        self._phase = ACTIVE
        if on:
            self._idle_timer.start()
        else:
            self._idle_timer.stop()
        self.changed.emit()

    enabled = Property(bool, _get_enabled, _set_enabled, notify=changed)

    @Property(str, notify=changed)
    def phase(self) -> str:
        """"active", or "warning" while "Are you still there?" counts down."""
        return self._phase

    @Property(int, notify=changed)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(float, constant=True)
    def timeout(self) -> float:
        """Seconds without a touch before the warning (for a visitor without "more time")."""
        return self._timeout

    @Property(float, constant=True)
    def countdown(self) -> float:
        return self._countdown

    @Property(int, notify=changed)
    def holds(self) -> int:
        """How many things hold the timer now (recordings playing, the staff menu)."""
        return self._holds

    # -- what Python reads ----------------------------------------------------------------------
    @property
    def interval_ms(self) -> int:
        """The idle timeout now, in milliseconds (longer for a visitor who asked for more time)."""
        return self._idle_timer.interval()

    @property
    def counting(self) -> bool:
        """Whether the idle timeout is running now."""
        return self._idle_timer.isActive()

    # -- what moves it -----------------------------------------------------------------------
    @Slot()
    def poke(self) -> None:
        """A visitor did something: restart the idle timer and cancel a warning."""
        if not self._enabled:
            return
        if self._phase == WARNING:
            self._tick.stop()
            self._phase = ACTIVE
            self.changed.emit()
        if self._holds == 0:
            self._idle_timer.start()

    @Slot(bool)
    def hold(self, hold: bool) -> None:
        """Pause the idle timer (e.g. while testimony plays); calls nest."""
        holds = max(0, self._holds + (1 if hold else -1))
        if holds == self._holds:
            return
        self._holds = holds
        if self._holds:
            self._idle_timer.stop()
        elif self._enabled:
            self._idle_timer.start()
        self.changed.emit()

    def release_all(self) -> None:
        """The visit ended: nothing holds the timer any more."""
        if self._holds:
            self._holds = 0
            self.changed.emit()

    def set_factor(self, factor: int) -> None:
        """The idle timeout *factor* times longer (a visitor's "more time" option)."""
        if factor == self._factor:
            return
        self._factor = factor
        self._idle_timer.setInterval(self._interval_ms())
        self.poke()

    def _interval_ms(self) -> int:
        return int(self._timeout * self._factor * 1000)

    def eventFilter(self, obj, event) -> bool:
        t = event.type()
        if self._swallow_until > 0:
            # The touch that dismissed "Are you still there?" must not also press what lies beneath.
            if time.monotonic() > self._swallow_until:
                self._swallow_until = 0
            elif t in _INPUT_EVENTS:
                if t in _END_EVENTS:
                    self._swallow_until = 0
                return True
        if t in _ACTIVITY_EVENTS:
            if self._phase == WARNING and t in _START_EVENTS:
                self.poke()
                self._swallow_until = time.monotonic() + _SWALLOW_S
                return True
            self.poke()
        return False

    def _on_idle(self) -> None:
        if not self._enabled or self._holds:
            return
        self._phase = WARNING
        self._seconds_left = round(self._countdown)
        self._tick.start()
        log.info("idle: asking whether the visitor is still there")
        self.changed.emit()

    def _on_tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._tick.stop()
            self._phase = ACTIVE
            self.changed.emit()
            self.expired.emit()
        else:
            self.changed.emit()
