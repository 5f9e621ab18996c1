"""Idle timeout: warning with a countdown, cancelled by a touch, then a full reset."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.qml


def test_idle_warning_then_reset_to_attract(make_ui):
    ui = make_ui(idle_timeout=1, idle_countdown=2)
    ui.tap("attract")
    ui.wait_route("home")
    ui.tap("lang_en")
    ui.tap("section_quiz")
    ui.wait_route("quiz")
    ui.tap("quizCard_the-twelve-days")
    ui.wait_route("quiz/the-twelve-days")
    order_before = [q["question"] for q in ui.kiosk.pages.quiz("the-twelve-days").data["questions"]]
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.phase == "warning", timeout=4000)
    assert ui.item("idleWarning").isVisible()
    assert ui.text_of("stillThere") == "Bạn vẫn ở đây chứ?\nAre you still there?"
    ui.qtbot.waitUntil(lambda: ui.route == "attract", timeout=5000)
    # everything is back to the start: default language, no pages, quiz state cleared
    assert ui.kiosk.session.language == "vi"
    assert ui.item("stack").property("depth") == 1
    assert ui.kiosk.idle.phase == "active"
    assert not ui.kiosk.idle.enabled
    # a new visitor gets a fresh quiz order (the presenter forgot the old one)
    ui.kiosk.session.setProperty("language", "en")
    assert "the-twelve-days" not in ui.kiosk.session.visit.quiz_orders
    assert order_before  # the old session had one


def test_a_touch_cancels_the_warning(make_ui):
    ui = make_ui(idle_timeout=1, idle_countdown=30)
    ui.tap("attract")
    ui.wait_route("home")
    ui.tap("section_story")
    ui.wait_route("story")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.phase == "warning", timeout=4000)
    left = ui.kiosk.idle.secondsLeft
    assert 20 <= left <= 30
    ui.tap("stillHereButton")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.phase == "active", timeout=2000)
    assert ui.route == "story"
    assert not ui.item("idleWarning", visible=False).isVisible()


def test_idle_timer_is_held_while_media_plays(make_ui):
    ui = make_ui(idle_timeout=1, idle_countdown=20)
    ui.tap("attract")
    ui.wait_route("home")
    ui.kiosk.idle.hold(True)
    ui.qtbot.wait(1600)
    assert ui.kiosk.idle.phase == "active"
    ui.kiosk.idle.hold(False)
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.phase == "warning", timeout=3000)


def test_attract_loop_does_not_time_out(make_ui):
    ui = make_ui(idle_timeout=1, idle_countdown=20)
    ui.qtbot.wait(1500)
    assert ui.route == "attract"
    assert ui.kiosk.idle.phase == "active"


def test_memory_is_given_back_when_the_attract_loop_starts(make_ui, monkeypatch):
    from kiosk.core.machine import memory

    calls = []
    monkeypatch.setattr(memory, "release_free_memory", lambda: calls.append(1) or True)
    ui = make_ui()
    ui.tap("attract")
    ui.wait_route("home")
    ui.go("story/1972-12-26")
    ui.qtbot.wait(1300)
    calls.clear()  # (the kiosk started on the attract loop)
    ui.go("witnesses")
    ui.qtbot.wait(1300)
    assert calls == []  # not while a visitor uses the kiosk
    ui.kiosk.session.reset()
    ui.wait_route("attract")
    ui.qtbot.waitUntil(lambda: calls == [1], timeout=3000)
