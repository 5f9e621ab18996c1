"""A monkey for endurance tests: random taps, swipes, pinches, keys, language switches and idle resets.

``run_soak`` drives a live kiosk window with real touch and key events, and samples resident memory
as it goes. It runs in a fresh process (``python -m kiosk.bench.soak``) for the soak test (short, in
CI) and for ``kiosk bench --soak-events N`` (long, on the real machine).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.bench.measure import rss_mb
from kiosk.ui import quickitems


@dataclass
class SoakReport:
    events: int = 0
    seconds: float = 0.0
    # (events so far, RSS MB): the lowest of the readings taken every few events since the last sample.
    # What a page shows comes and goes (a full-screen picture is 8 MB, a zoomed one 33 MB); the floor is
    # what the kiosk keeps whatever it shows, and a leak raises it.
    samples: list[tuple[int, float]] = field(default_factory=list)
    peaks: list[tuple[int, float]] = field(default_factory=list)  # the highest reading of each block
    actions: dict[str, int] = field(default_factory=dict)
    routes: set[str] = field(default_factory=set)

    warmup_pages: int = 0  # pages shown by warm_up() before the first event
    warmup_rss: float = 0.0

    def growth_after_warmup(self, warmup_share: float = 0.2) -> float:
        """The floor at the end minus the floor once warmed up (medians of three samples).

        Warmed up: after warm_up() has shown every screen, and *warmup_share* of the random events (they
        reach what a tour of the routes does not: the zoomed viewer, answered questions, transcripts).
        """
        if len(self.samples) < 4:
            return 0.0
        start = max(1, int(len(self.samples) * warmup_share))
        warm = sorted(m for _, m in self.samples[start:start + 3])
        end = sorted(m for _, m in self.samples[-3:])
        return end[len(end) // 2] - warm[len(warm) // 2]


# Controls the monkey leaves alone by default: the media player's (see docs/performance.md: playing
# hundreds of recordings in a few minutes grows memory in Qt's FFmpeg backend; tracked separately).
MEDIA_CONTROLS = {"playButton", "scrubber", "captionsButton", "transcriptButton"}


def _interactive(window: QQuickWindow, skip: set[str] = MEDIA_CONTROLS) -> list[QQuickItem]:
    """The enabled, tappable controls a visitor can see now."""
    def hidden(item: QQuickItem) -> bool:
        return not item.isVisible() or item.opacity() <= 0.01

    return [item for item in quickitems.walk(window.contentItem(), prune=hidden)
            if item.metaObject().indexOfSignal("clicked()") >= 0 and item.isEnabled()
            and item.objectName() not in skip and quickitems.on_screen(window, item)]


class Monkey:
    def __init__(self, window: QQuickWindow, kiosk, seed: int = 1972, pause_ms: int = 0) -> None:
        self.window = window
        self.kiosk = kiosk
        self.rng = random.Random(seed)
        self.touch = QTest.createTouchDevice()
        self.pause_ms = pause_ms
        self.actions: dict[str, int] = {}

    # -- gestures -----------------------------------------------------------------------------
    def _point(self) -> QPoint:
        return QPoint(self.rng.randrange(self.window.width()), self.rng.randrange(self.window.height()))

    def _wait(self, ms: int) -> None:
        if ms > 0:
            QTest.qWait(ms)
        else:
            QGuiApplication.processEvents()

    def tap_at(self, p: QPoint) -> None:
        QTest.touchEvent(self.window, self.touch).press(0, p, self.window).commit()
        self._wait(self.pause_ms)
        QTest.touchEvent(self.window, self.touch).release(0, p, self.window).commit()

    def swipe(self) -> None:
        a, b = self._point(), self._point()
        QTest.touchEvent(self.window, self.touch).press(0, a, self.window).commit()
        for i in range(1, 6):
            p = QPoint(a.x() + (b.x() - a.x()) * i // 5, a.y() + (b.y() - a.y()) * i // 5)
            self._wait(self.pause_ms)
            QTest.touchEvent(self.window, self.touch).move(0, p, self.window).commit()
        QTest.touchEvent(self.window, self.touch).release(0, b, self.window).commit()

    def pinch(self) -> None:
        c = self._point()
        d0, d1 = self.rng.randint(20, 80), self.rng.randint(80, 300)
        if self.rng.random() < 0.5:
            d0, d1 = d1, d0
        seq = QTest.touchEvent(self.window, self.touch)
        seq.press(0, QPoint(c.x() - d0, c.y()), self.window).press(1, QPoint(c.x() + d0, c.y()), self.window).commit()
        for i in range(1, 6):
            d = d0 + (d1 - d0) * i // 5
            self._wait(self.pause_ms)
            QTest.touchEvent(self.window, self.touch).move(0, QPoint(c.x() - d, c.y()), self.window) \
                .move(1, QPoint(c.x() + d, c.y()), self.window).commit()
        QTest.touchEvent(self.window, self.touch).release(0, QPoint(c.x() - d1, c.y()), self.window) \
            .release(1, QPoint(c.x() + d1, c.y()), self.window).commit()

    def step(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            items = _interactive(self.window)
            if items:
                item = self.rng.choice(items)
                p = quickitems.scene_center(item)
                self.tap_at(QPoint(int(p.x()), int(p.y())))
                action = "tap_control"
            else:
                self.tap_at(self._point())
                action = "tap_anywhere"
        elif r < 0.70:
            self.tap_at(self._point())
            action = "tap_anywhere"
        elif r < 0.85:
            self.swipe()
            action = "swipe"
        elif r < 0.90:
            self.pinch()
            action = "pinch"
        elif r < 0.95:
            key = self.rng.choice([Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Return, Qt.Key.Key_Backspace,
                                   Qt.Key.Key_Home, Qt.Key.Key_Down])
            QTest.keyClick(self.window, key)
            action = "key"
        elif r < 0.985:
            langs = [x["code"] for x in self.kiosk.session.languages]
            self.kiosk.session.setProperty("language", self.rng.choice(langs))
            action = "language"
        else:
            self.kiosk.session.reset()  # what the idle timeout does, without waiting a minute
            action = "idle_reset"
        self.actions[action] = self.actions.get(action, 0) + 1
        self._wait(self.pause_ms)
        return action


def warm_up(window: QQuickWindow, kiosk) -> int:
    """Show every route in every language, plain and in large-text high-contrast mode; returns pages shown.

    What the kiosk keeps once it has shown something (compiled pages, glyphs at every size, the allocator's
    pools) is a cache, not a leak: the soak measures growth after every screen has been seen once.
    """
    from kiosk.ui.render import go_to

    shown = 0
    languages = [x["code"] for x in kiosk.session.languages]
    routes = list(kiosk.routes())
    for modes in ((), ("largeText", "highContrast")):
        for mode in modes:
            kiosk.session.setAccess(mode, True)
        for lang in languages:
            kiosk.session.setProperty("language", lang)
            for route in routes:
                go_to(window, route)
                QTest.qWait(40)
                shown += 1
        for mode in modes:
            kiosk.session.setAccess(mode, False)
    shown += _warm_media_and_zoom(window, kiosk, routes)
    kiosk.session.reset()
    QTest.qWait(300)
    return shown


def _named(window: QQuickWindow, name: str) -> list[QQuickItem]:
    return [item for item in quickitems.named(window, name) if item.isVisible()]


def _warm_media_and_zoom(window: QQuickWindow, kiosk, routes: list[str]) -> int:
    """Once: a recording played for a moment (QtMultimedia and FFmpeg load on the first Play) and a
    picture zoomed in the viewer (its 3840-px copy). Returns the pages shown."""
    from PySide6.QtCore import QMetaObject

    from kiosk.ui.render import go_to

    shown = 0
    for route in routes:
        if not route.startswith("story/"):
            continue
        go_to(window, route)
        QTest.qWait(400)  # the media card is built just after the page's first frame
        shown += 1
        cards, heroes = _named(window, "mediaCard"), _named(window, "heroImage")
        if not (cards and heroes):
            continue
        QMetaObject.invokeMethod(cards[0], "togglePlay")
        QTest.qWait(500)
        QMetaObject.invokeMethod(cards[0], "stop")
        QMetaObject.invokeMethod(heroes[0], "clicked")
        QTest.qWait(400)
        for photo in _named(window, "viewerPhoto"):
            photo.setProperty("scale", 2.5)
        QTest.qWait(1500)
        break
    return shown


def run_soak(window: QQuickWindow, kiosk, events: int, seed: int = 1972, sample_every: int = 500,
             progress: Callable[[int, float], None] | None = None, warm: bool = True) -> SoakReport:
    monkey = Monkey(window, kiosk, seed)
    report = SoakReport()
    if warm:
        report.warmup_pages = warm_up(window, kiosk)
        report.warmup_rss = rss_mb()
    t0 = time.perf_counter()
    first = rss_mb()
    report.samples.append((0, first))
    report.peaks.append((0, first))
    low, high = float("inf"), 0.0
    for i in range(1, events + 1):
        monkey.step()
        route = window.property("currentRoute")
        if route:
            report.routes.add(route)
        if i % 25 == 0:
            QTest.qWait(1)  # let timers, animations and deferred deletions run
            now = rss_mb()
            low, high = min(low, now), max(high, now)
        if i % sample_every == 0 or i == events:
            QTest.qWait(30)
            now = rss_mb()
            report.samples.append((i, min(low, now)))
            report.peaks.append((i, max(high, now)))
            low, high = float("inf"), 0.0
            if progress:
                progress(i, report.samples[-1][1])
    report.events = events
    report.seconds = time.perf_counter() - t0
    report.actions = monkey.actions
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m kiosk.bench.soak [--events N] [--content DIR] [--size WxH] [--seed S]``: a soak in a fresh
    process; prints one JSON object (samples, actions, routes, QML warnings) and exits 0, or crashes."""
    import argparse
    import json
    import os

    parser = argparse.ArgumentParser(prog="python -m kiosk.bench.soak")
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--content", default="")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--seed", type=int, default=1972)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from kiosk.bench.measure import open_window
    from kiosk.core import resources
    from kiosk.ui import app as kiosk_app

    w, h = (int(v) for v in args.size.split("x"))
    engine, window, _ = open_window(resources.content_dir(args.content or None), (w, h), idle_timeout=3600)
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    report = run_soak(window, kiosk_app.kiosk_singleton(engine), args.events, seed=args.seed,
                      sample_every=max(50, args.events // 20))
    print(json.dumps({"events": report.events, "seconds": report.seconds, "samples": report.samples,
                      "peaks": report.peaks, "growth_after_warmup_mb": report.growth_after_warmup(),
                      "warmup_pages": report.warmup_pages, "warmup_rss_mb": report.warmup_rss,
                      "actions": report.actions, "routes": sorted(report.routes), "warnings": warnings}),
          flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
