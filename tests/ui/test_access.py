"""Accessibility: the options panel, reach mode, keyboard/keypad use, and pages in large text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.core.content.loader import load_content
from kiosk.core.content.routes import all_routes
from kiosk.ui.quickitems import prop
from tests.conftest import SAMPLE_CONTENT
from tests.ui.test_routes import check_page

pytestmark = pytest.mark.qml


def start(ui):
    ui.tap("attract")
    ui.wait_route("home")


def font_px(ui, name):
    return prop(ui.item(name), "font").pixelSize()


def test_the_panel_turns_options_on_and_the_idle_reset_turns_them_off(make_ui):
    ui = make_ui(idle_timeout=30)
    start(ui)
    title_px = font_px(ui, "exhibitTitle")
    ui.tap("accessButton")
    assert ui.item("accessPanel").isVisible()
    ui.tap("access_largeText")
    ui.tap("access_highContrast")
    ui.tap("access_moreTime")
    assert ui.kiosk.session.access["largeText"] is True
    ui.tap("accessClose")
    ui.settle()
    assert font_px(ui, "exhibitTitle") == pytest.approx(title_px * 1.5, abs=1)
    assert ui.window.color().name() == "#000000"
    assert ui.kiosk.idle.interval_ms == 300_000  # ten times the 30 s
    assert prop(ui.item("accessButton"), "primary") is True  # the button shows the mode is on
    ui.kiosk.session.reset()
    ui.wait_route("attract")
    assert not any(ui.kiosk.session.access.values())
    assert ui.kiosk.idle.interval_ms == 30_000
    assert ui.window.color().name() != "#000000"


def test_reach_mode_moves_every_control_to_the_lower_part_of_a_tall_screen(make_ui):
    ui = make_ui(size=(1080, 1920))
    start(ui)
    ui.tap("accessButton")
    ui.tap("access_reach")
    ui.tap("accessClose")
    ui.settle()
    h = ui.window.height()
    for name in ("homeButton", "accessButton", "lang_en", "section_story", "section_quiz"):
        item = ui.items(name)[-1]
        assert ui.center(item).y() > 0.3 * h, f"{name} is at y={ui.center(item).y()} of {h}"
    ui.tap("section_story")
    ui.wait_route("story")
    assert ui.center(ui.item("homeButton")).y() > 0.9 * h


def test_every_screen_works_from_a_keypad(make_ui):
    ui = make_ui()
    QTest.keyClick(ui.window, Qt.Key.Key_Return)  # any key leaves the attract loop
    ui.wait_route("home")
    for _ in range(40):  # arrows move a visible focus ring through the page
        QTest.keyClick(ui.window, Qt.Key.Key_Right)
        focused = ui.window.activeFocusItem()
        if focused is not None and focused.objectName() == "section_witnesses":
            break
    else:
        raise AssertionError("the arrow keys never reached the Witnesses card")
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    ui.wait_route("witnesses")
    for _ in range(60):
        QTest.keyClick(ui.window, Qt.Key.Key_Down)
        focused = ui.window.activeFocusItem()
        if focused is not None and focused.objectName().startswith("witnessCard_"):
            break
    name = ui.window.activeFocusItem().objectName()
    QTest.keyClick(ui.window, Qt.Key.Key_Enter)
    ui.wait_route("witnesses/" + name.removeprefix("witnessCard_"))
    QTest.keyClick(ui.window, Qt.Key.Key_Backspace)
    ui.wait_route("witnesses")
    QTest.keyClick(ui.window, Qt.Key.Key_Home)
    ui.wait_route("home")


ROUTES = all_routes(load_content(SAMPLE_CONTENT).content)


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_route_in_large_text_and_high_contrast(make_ui, size):
    ui = make_ui(size=size, lang="vi")
    ui.kiosk.session.setAccess("largeText", True)
    ui.kiosk.session.setAccess("highContrast", True)
    problems = []
    for route in ROUTES:
        ui.go(route)
        problems += [p for p in check_page(ui, route) if "smaller than" not in p]
    assert not problems, "\n".join(problems)


def test_back_closes_the_top_overlay_first_and_gives_the_focus_back(make_ui):
    ui = make_ui()
    ui.go("story/1972-12-18")
    ui.tap("heroImage")
    ui.qtbot.waitUntil(lambda: ui.item("imageViewer").isVisible())
    ui.tap("accessButton")
    assert ui.item("accessPanel").isVisible()
    assert ui.window.activeFocusItem().objectName() == "access_largeText"  # the focus is in the panel
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    assert not ui.items("accessPanel")[0].isVisible()
    assert ui.window.activeFocusItem().objectName() == "accessButton"  # where it was before
    assert ui.item("imageViewer").isVisible()  # the overlay beneath is still open
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    assert not ui.items("imageViewer")[0].isVisible()
    assert ui.route == "story/1972-12-18"
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)  # no overlay left: back a page
    ui.wait_route("story")
