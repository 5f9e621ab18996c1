"""Fixtures that drive the real QML user interface offscreen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.core.content.loader import load_content
from kiosk.ui import app as kiosk_app
from kiosk.ui import backend
from kiosk.ui.quickitems import find, named, on_screen, prop, settle
from kiosk.ui.render import go_to


@pytest.fixture(scope="session")
def qapp_cls():
    # The kiosk is a QGuiApplication (no widgets).
    kiosk_app.application  # noqa: B018 (sets the Quick Controls style before the app exists)
    from PySide6.QtQuickControls2 import QQuickStyle
    QQuickStyle.setStyle("Basic")
    return QGuiApplication


@dataclass
class KioskUI:
    engine: object
    window: QQuickWindow
    kiosk: object
    qtbot: object
    warnings: list[str] = field(default_factory=list)
    touch: object = None

    # -- finding ---------------------------------------------------------------------------
    def items(self, name: str) -> list[QQuickItem]:
        return named(self.window, name)

    def item(self, name: str, visible: bool = True) -> QQuickItem:
        found = find(self.window, name, visible)  # what the visitor sees; the topmost page wins
        assert found is not None, f"no {'visible ' if visible else ''}item named {name!r} on route {self.route!r}"
        return found

    def on_screen(self, item: QQuickItem) -> bool:
        return on_screen(self.window, item)

    @property
    def route(self) -> str:
        return self.window.property("currentRoute")

    # -- acting ----------------------------------------------------------------------------
    def center(self, item: QQuickItem) -> QPoint:
        p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return QPoint(int(p.x()), int(p.y()))

    def tap_at(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.touch).press(0, point, self.window).commit()
        QTest.qWait(20)
        QTest.touchEvent(self.window, self.touch).release(0, point, self.window).commit()
        QTest.qWait(20)

    def tap(self, name: str) -> None:
        item = self.item(name)
        self.tap_at(self.center(item))

    def swipe(self, start: QPoint, end: QPoint, steps: int = 12, ms: int = 10) -> None:
        seq = QTest.touchEvent(self.window, self.touch)
        seq.press(0, start, self.window).commit()
        for i in range(1, steps + 1):
            x = start.x() + (end.x() - start.x()) * i // steps
            y = start.y() + (end.y() - start.y()) * i // steps
            QTest.qWait(ms)
            QTest.touchEvent(self.window, self.touch).move(0, QPoint(x, y), self.window).commit()
        QTest.qWait(ms)
        QTest.touchEvent(self.window, self.touch).release(0, end, self.window).commit()

    def scroll_to(self, name: str) -> QQuickItem:
        """Drag the page with a finger until the item is on screen, as a visitor would."""
        h = self.window.height()
        for _ in range(15):
            item = self.item(name)
            y = self.center(item).y()
            if 0.12 * h < y < h - 40:
                self.wait_at_rest(item)
                return item
            x = self.window.width() // 2
            if y >= h - 40:
                self.swipe(QPoint(x, int(h * 0.75)), QPoint(x, int(h * 0.45)), steps=10, ms=16)
            else:
                self.swipe(QPoint(x, int(h * 0.4)), QPoint(x, int(h * 0.7)), steps=10, ms=16)
            QTest.qWait(700)
        raise AssertionError(f"could not scroll {name!r} into view")

    def wait_at_rest(self, item: QQuickItem) -> None:
        """Wait until no flickable around *item* moves: a tap on a moving list only stops it."""
        def moving() -> bool:
            p = item
            while p is not None:
                if prop(p, "moving"):
                    return True
                p = p.parentItem()
            return False
        self.qtbot.waitUntil(lambda: not moving(), timeout=5000)

    def go(self, route: str) -> None:
        assert go_to(self.window, route), route
        self.settle()
        QTest.qWait(50)

    def settle(self) -> None:
        settle(self.window, timeout=5)

    def wait_route(self, route: str, timeout: int = 10_000) -> None:
        # a bound on waiting, not a speed check: on a loaded 2-core machine a page change took over 3 s
        self.qtbot.waitUntil(lambda: self.route == route, timeout=timeout)
        self.settle()

    def text_of(self, name: str) -> str:
        return self.item(name).property("text")



@pytest.fixture
def make_ui(qtbot, qapp):
    """Factory: a running kiosk UI on *content* at *size*; QML warnings fail the test."""
    created: list[KioskUI] = []

    def make(content: Path | None = None, size=(1920, 1080), lang: str = "",
             idle_timeout: float | None = None, idle_countdown: float | None = None,
             settings_dir: Path | None = None) -> KioskUI:
        root = content or Path(__file__).resolve().parents[2] / "content"
        result = load_content(root)
        config = backend.SessionConfig(content=result.content, problems=result.problems, language=lang,
                                       idle_timeout=idle_timeout, idle_countdown=idle_countdown, windowed=True,
                                       settings_dir=settings_dir, revision="test")
        engine, window = kiosk_app.create_engine(config)
        assert window is not None, "Main.qml did not load"
        ui = KioskUI(engine, window, kiosk_app.kiosk_singleton(engine), qtbot)
        engine.warnings.connect(lambda ws: ui.warnings.extend(w.toString() for w in ws))
        ui.touch = QTest.createTouchDevice()
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        settle(window)
        created.append(ui)
        return ui

    yield make
    for ui in created:
        warnings = list(ui.warnings)
        ui.window.close()
        ui.window.deleteLater()
        ui.engine.deleteLater()
        QTest.qWait(10)
        assert not warnings, "QML warnings:\n" + "\n".join(warnings)
