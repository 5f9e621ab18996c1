"""Quiet at rest: a kiosk that nobody touches draws no frame when nothing on screen changes.

A museum kiosk spends most of its day in the attract loop; a window redrawn 60 times a second there
keeps a core busy all day (heat, power, noise; without a GPU it starves everything else). Frames are
counted through QQuickWindow.frameSwapped, the same signal the frame watchdog listens to.
"""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtTest import QTest

from tests.conftest import SAMPLE_CONTENT

QUIET_S = 1.0     # no frame for this long: the screen has come to rest
WINDOW_S = 3.0    # then none for this long either
SETTLE_S = 12.0   # how long after a change the screen may take to come to rest (the cue's few seconds)


class FrameCounter:
    def __init__(self, window) -> None:
        self.frames = 0
        self.last = time.monotonic()
        window.frameSwapped.connect(self._swapped)

    def _swapped(self) -> None:
        self.frames += 1
        self.last = time.monotonic()

    def wait_for_rest(self, timeout: float = SETTLE_S) -> float:
        """Seconds until no frame has come for QUIET_S; fails when frames never stop."""
        t0 = time.monotonic()
        while time.monotonic() - self.last < QUIET_S:
            assert time.monotonic() - t0 < timeout, (
                f"still drawing {timeout:.0f} s after the last change ({self.frames} frames): "
                "something animates forever")
            QTest.qWait(50)
        return time.monotonic() - t0

    def frames_during(self, seconds: float) -> int:
        before = self.frames
        QTest.qWait(int(seconds * 1000))
        return self.frames - before


def slow_slides(tmp_path, seconds: int = 60):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    exhibit = root / "exhibit.yaml"
    text = exhibit.read_text(encoding="utf-8")
    assert "  seconds_per_slide: 8\n" in text
    exhibit.write_text(text.replace("  seconds_per_slide: 8\n", f"  seconds_per_slide: {seconds}\n"),
                       encoding="utf-8")
    return root


def test_the_attract_loop_draws_nothing_between_slide_changes(make_ui, tmp_path):
    ui = make_ui(content=slow_slides(tmp_path))
    assert ui.route == "attract"
    counter = FrameCounter(ui.window)
    counter.wait_for_rest()
    assert counter.frames_during(WINDOW_S) == 0
    # the cue is still there to be seen: the band, at full strength once it rests
    band = ui.item("touchToBegin")
    assert band.isVisible() and band.height() > 0


def test_after_a_slide_change_the_attract_loop_comes_to_rest(make_ui, tmp_path):
    ui = make_ui(content=slow_slides(tmp_path, seconds=5))
    counter = FrameCounter(ui.window)
    slide = ui.item("attract")
    first = slide.property("slide")
    ui.qtbot.waitUntil(lambda: slide.property("slide") != first, timeout=5000)
    drawn = counter.frames
    QTest.qWait(300)
    assert counter.frames > drawn, "a slide change must be drawn"
    # it animates for a moment (the fade, the cue) and then draws nothing until the next change
    gaps = []
    last_frame = counter.last
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        QTest.qWait(20)
        if counter.last != last_frame:
            gaps.append(counter.last - last_frame)
            last_frame = counter.last
    assert max(gaps, default=0) > 1.5, "no pause of even 1.5 s between frames: the loop never rests"


@pytest.mark.parametrize("route", ["home", "story/1972-12-20", "witnesses", "quiz"])
def test_an_open_page_draws_nothing_at_rest(make_ui, tmp_path, route):
    ui = make_ui(content=slow_slides(tmp_path), idle_timeout=600)
    ui.tap("attract")
    ui.wait_route("home")
    ui.go(route)
    counter = FrameCounter(ui.window)
    counter.wait_for_rest()
    assert counter.frames_during(WINDOW_S) == 0
