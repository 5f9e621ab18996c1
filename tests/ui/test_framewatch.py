"""The frame watchdog: a scene that answers frame requests is healthy, one that does not is not,
and the status reporter then stops telling systemd the kiosk is alive."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickWindow

from kiosk.ui import framewatch
from kiosk.ui.reporter import StatusReporter


@pytest.fixture
def window(qtbot):
    win = QQuickWindow()
    win.setColor(QColor("#15120f"))
    win.resize(320, 240)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _spin(qtbot, seconds: float) -> None:
    qtbot.wait(int(seconds * 1000))


def test_a_scene_at_rest_answers_frame_requests_and_stays_healthy(window, qtbot):
    # nothing in this window ever changes: every frame it draws is one the watch asked for
    watch = framewatch.FrameWatch(window, probe_s=0.2, deadline_s=1.0)
    qtbot.waitUntil(lambda: watch.frames >= 0, timeout=1000)
    start = watch.frames
    watch.start()
    for _ in range(12):
        _spin(qtbot, 0.25)
        assert watch.healthy(), f"frozen for {watch.frozen_for():.1f} s with {watch.frames} frames"
    watch.stop()
    assert watch.frames - start >= 3, "the watch never got the frames it asked for"


def test_a_scene_that_stops_drawing_is_reported_once_and_unhealthy(window, qtbot, caplog):
    watch = framewatch.FrameWatch(window, probe_s=0.2, deadline_s=0.8)
    watch.start()
    _spin(qtbot, 0.6)
    assert watch.healthy()
    # a window the compositor no longer shows draws no frame, however often one is asked for
    window.hide()
    caplog.set_level(logging.INFO, logger="kiosk.ui.framewatch")
    qtbot.waitUntil(lambda: not watch.healthy(), timeout=5000)
    assert watch.frozen_for() >= 0
    for _ in range(3):
        assert not watch.healthy()
    frozen = [r for r in caplog.records if "the screen is frozen" in r.getMessage()]
    assert len(frozen) == 1 and frozen[0].levelno == logging.ERROR
    assert "NOT exposed" in frozen[0].getMessage()
    # drawing again: healthy again, and said so
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(watch.healthy, timeout=5000)
    assert any("draws again" in r.getMessage() for r in caplog.records)
    watch.stop()


class _Notify:
    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.setblocking(False)

    def messages(self) -> list[str]:
        out = []
        while True:
            try:
                out.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                return out


def test_the_reporter_feeds_the_watchdog_only_while_frames_come(window, qtbot, tmp_path, monkeypatch):
    notify = _Notify(tmp_path / "notify.sock")
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify.sock"))
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    monkeypatch.setenv("KIOSK_FRAME_DEADLINE", "0.8")
    reporter = StatusReporter(tmp_path / "state", dict, heartbeat_s=0.2)
    watch = framewatch.attach(window, reporter)
    assert watch is not None and reporter.alive == watch.healthy
    reporter.start()
    _spin(qtbot, 1.0)
    fed = [m for m in notify.messages() if m == "WATCHDOG=1"]
    assert len(fed) >= 3
    window.hide()  # the scene stops drawing
    qtbot.waitUntil(lambda: not watch.healthy(), timeout=5000)
    notify.messages()
    _spin(qtbot, 1.0)
    assert "WATCHDOG=1" not in notify.messages(), "a frozen scene must not feed systemd's watchdog"
    # status.json is still written (kiosk status shows the last heartbeat)
    assert (tmp_path / "state" / "status.json").is_file()
    reporter.stop()
    watch.stop()
    notify.sock.close()


def test_the_frame_watchdog_is_on_with_systemds_watchdog_or_when_asked(monkeypatch):
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    monkeypatch.delenv("KIOSK_FRAME_DEADLINE", raising=False)
    assert framewatch.configured_deadline() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert framewatch.configured_deadline() == framewatch.DEADLINE_S
    monkeypatch.setenv("KIOSK_FRAME_DEADLINE", "0")
    assert framewatch.configured_deadline() is None
    monkeypatch.setenv("KIOSK_FRAME_DEADLINE", "7.5")
    assert framewatch.configured_deadline() == 7.5


def test_the_watch_asks_for_a_frame_only_when_none_came_lately(window):
    now = [100.0]
    watch = framewatch.FrameWatch(window, probe_s=5, deadline_s=15, clock=lambda: now[0])
    asked = []
    window.update = lambda: asked.append(now[0])  # type: ignore[method-assign]
    watch.last_frame = 98.0
    watch.probe()
    assert asked == []                      # a frame 2 s ago: nothing to ask
    now[0] = 104.0
    watch.probe()
    assert asked == [104.0] and watch.requested_at == 104.0
    now[0] = 110.0
    watch.probe()
    assert asked == [104.0]                 # one request at a time
    now[0] = 119.0
    assert watch.healthy()                  # 15 s is allowed
    now[0] = 119.5
    assert not watch.healthy() and watch.frozen_for() == pytest.approx(0.5)
    watch._swapped()
    assert watch.healthy() and watch.requested_at is None
