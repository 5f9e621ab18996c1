"""The hidden staff menu: gesture, PIN with rate limiting, the menu; and live content swaps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtTest import QTest

from kiosk.core.content.loader import load_content
from kiosk.core.machine.settings import Settings
from kiosk.ui.quickitems import prop
from tests.conftest import SAMPLE_CONTENT

pytestmark = pytest.mark.qml

PIN = "2712"


@pytest.fixture
def settings_dir(tmp_path) -> Path:
    Settings.load(tmp_path).set_pin(PIN)
    return tmp_path


def long_press(ui, name: str, seconds: float) -> None:
    c = ui.center(ui.item(name))
    QTest.touchEvent(ui.window, ui.touch).press(0, c, ui.window).commit()
    QTest.qWait(int(seconds * 1000))
    QTest.touchEvent(ui.window, ui.touch).release(0, c, ui.window).commit()
    QTest.qWait(50)


def enter(ui, digits: str) -> None:
    for d in digits:
        ui.tap(f"pin_{d}")
    ui.tap("pin_ok")


def test_a_tap_on_the_breadcrumb_does_nothing_but_a_long_press_opens_the_pin_pad(make_ui, settings_dir):
    ui = make_ui(settings_dir=settings_dir)
    ui.tap("attract")
    ui.wait_route("home")
    ui.tap("breadcrumb")
    QTest.qWait(100)
    assert not ui.items("pinPad")[0].isVisible()
    long_press(ui, "breadcrumb", 3.3)
    assert ui.item("pinPad").isVisible()
    ui.tap("pinCancel")
    assert not ui.items("pinPad")[0].isVisible()


def test_wrong_pins_are_refused_and_slowed_down_then_the_right_one_opens_the_menu(make_ui, settings_dir):
    ui = make_ui(settings_dir=settings_dir)
    ui.tap("attract")
    ui.wait_route("home")
    ui.kiosk.staff.gesture()
    ui.settle()
    enter(ui, "1111")
    assert ui.text_of("pinMessage") == "Wrong PIN"
    enter(ui, "2222")
    enter(ui, "3333")  # the third wrong PIN in a row: the pad makes the next try wait
    assert ui.text_of("pinDots").startswith("Wait ")
    assert not ui.item("pin_1", visible=True).isEnabled()
    # while waiting even the right PIN is refused by the backend
    assert ui.kiosk.staff.checkPin(PIN)["ok"] is False
    assert not ui.items("staffMenu")[0].isVisible()


def test_the_staff_menu_shows_version_revision_and_problems_and_closes(make_ui, settings_dir):
    ui = make_ui(settings_dir=settings_dir)
    ui.tap("attract")
    ui.wait_route("home")
    ui.kiosk.staff.gesture()
    ui.settle()
    enter(ui, PIN)
    ui.settle()
    menu = ui.item("staffMenu")
    assert menu.isVisible()
    assert "content test" in ui.text_of("staffVersion")
    assert str(SAMPLE_CONTENT) in ui.text_of("staffVersion")
    assert prop(ui.item("staffProblems"), "count") == 0  # the sample has no problems
    assert ui.kiosk.idle.phase == "active"
    ui.tap("staffClose")
    assert not menu.isVisible()


def test_without_a_pin_the_pad_says_how_to_set_one(make_ui, tmp_path):
    ui = make_ui(settings_dir=tmp_path)
    ui.kiosk.staff.gesture()
    ui.settle()
    assert "kiosk set-pin" in ui.text_of("pinMessage")
    enter(ui, "0000")
    assert not ui.items("staffMenu")[0].isVisible()


def _copy(tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    return root


def test_new_content_waits_for_the_attract_loop_then_goes_live(make_ui, tmp_path):
    root = _copy(tmp_path)
    ui = make_ui(content=root)
    ui.tap("attract")
    ui.wait_route("home")
    ui.go("witnesses/pham-tuan")
    (root / "witnesses" / "joan-baez.yaml").unlink()
    ui.kiosk.adopt_content(load_content(root), "rev2")
    ui.settle()
    # a visitor is reading: nothing changes under their finger
    assert ui.route == "witnesses/pham-tuan"
    assert ui.kiosk.pages.witnesses.rowCount() == 12
    ui.kiosk.session.reset()  # the visitor walks away; the attract loop starts
    ui.wait_route("attract")
    ui.qtbot.waitUntil(lambda: ui.kiosk.pages.witnesses.rowCount() == 11, timeout=3000)
    assert ui.kiosk.snapshot()["content_revision"] == "rev2"
    ui.tap("attract")
    ui.wait_route("home")
    ui.go("witnesses")
    assert not ui.items("witnessCard_joan-baez")


def test_content_with_errors_is_rejected_and_the_last_good_content_stays(make_ui, tmp_path):
    root = _copy(tmp_path)
    ui = make_ui(content=root)
    (root / "witnesses" / "pham-tuan.yaml").write_text("name: [broken\n", encoding="utf-8")
    ui.kiosk.reject_content(load_content(root), "bad1")
    snap = ui.kiosk.snapshot()
    assert snap["content_revision"] == "test"
    assert snap["rejected_update"]["revision"] == "bad1"
    assert any(p.startswith("witnesses/pham-tuan.yaml:") for p in snap["rejected_update"]["problems"])
    assert ui.kiosk.pages.witnesses.rowCount() == 12
