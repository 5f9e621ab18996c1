"""The bridge's parts on their own, without QML: the session, the idle guard, the route grammar, and how
the backend is made per engine."""

from __future__ import annotations

import pytest
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.core.content.loader import load_content
from kiosk.ui.backend import Kiosk, SessionConfig
from kiosk.ui.idle import IdleGuard
from kiosk.ui.session import Session
from tests.conftest import SAMPLE_CONTENT


@pytest.fixture(scope="module")
def content():
    return load_content(SAMPLE_CONTENT).content


def test_the_session_reset_lets_pages_go_first_then_forgets_the_visit(qapp, content):
    session = Session(content, "en")
    seen = []
    session.ending.connect(lambda: seen.append(("ending", session.language, session.accessActive)))
    session.languageChanged.connect(lambda: seen.append(("language", session.language)))
    session.accessChanged.connect(lambda: seen.append(("access", session.accessActive)))
    session.language = "vi"
    session.setAccess("largeText", True)
    session.startQuiz(content.quizzes[0].id)
    seen.clear()
    session.reset()
    assert seen == [("ending", "vi", True), ("language", "en"), ("access", False)]
    assert session.visit.quiz_orders == {}


def test_the_session_refuses_what_the_exhibit_does_not_have(qapp, content):
    session = Session(content)
    changes = []
    session.languageChanged.connect(lambda: changes.append(session.language))
    session.quizStarted.connect(changes.append)
    session.language = "fr"
    session.startQuiz("no-such-quiz")
    session.setAccess("noSuchOption", True)
    assert changes == [] and session.language == "vi" and not session.accessActive
    assert [lang["code"] for lang in session.languages] == ["vi", "en"]


def test_the_idle_guard_waits_while_held_and_longer_for_more_time(qapp, qtbot):
    guard = IdleGuard(timeout=0.2, countdown=1)
    guard.enabled = True
    assert guard.counting and guard.interval_ms == 200
    guard.hold(True)
    guard.hold(True)
    assert guard.holds == 2 and not guard.counting
    guard.hold(False)
    assert not guard.counting  # still held once
    guard.hold(False)
    guard.hold(False)  # one release too many is harmless
    assert guard.holds == 0 and guard.counting
    guard.set_factor(10)
    assert guard.interval_ms == 2000
    guard.set_factor(1)
    with qtbot.waitSignal(guard.expired, timeout=3000):
        qtbot.waitUntil(lambda: guard.phase == "warning", timeout=1000)
    assert guard.phase == "active"
    guard.enabled = False
    assert not guard.counting


def test_the_backend_is_made_by_a_kiosk_engine_only(qapp, content):
    config = SessionConfig(content=content, problems=[])
    kiosk = Kiosk.create(type("Engine", (), {"config": config})())
    assert kiosk.session.language == "vi" and kiosk.pages.chapters.rowCount() == len(content.chapters)
    with pytest.raises(TypeError, match="KioskEngine"):
        Kiosk.create(QQmlApplicationEngine())


def test_routes_are_composed_and_parsed_by_the_backend(qapp, content):
    kiosk = Kiosk(SessionConfig(content=content, problems=[]))
    assert kiosk.route("story", "1972-12-18", False) == "story/1972-12-18"
    assert kiosk.route("quiz", "the-twelve-days", True) == "quiz/the-twelve-days/results"
    assert kiosk.route("home", "", False) == "home"
    assert kiosk.parseRoute("quiz/the-twelve-days/results") == {
        "valid": True, "section": "quiz", "item": "the-twelve-days", "results": True}
    assert kiosk.parseRoute("")["section"] == "home"
    assert kiosk.parseRoute("story/a/b")["valid"] is False
    assert kiosk.parseRoute(kiosk.attractRoute) == {"valid": True, "section": "attract", "item": "", "results": False}
    assert kiosk.routes()[0] == "home" and kiosk.attractRoute in kiosk.routes()


def test_the_theme_reaches_qml_in_camel_case_and_high_contrast_follows_the_visitor(qapp, content):
    kiosk = Kiosk(SessionConfig(content=content, problems=[]))
    theme = kiosk.theme
    assert "onAccent" in theme and not any("_" in key for key in theme)
    assert not any("_" in key for key in kiosk.ui)
    kiosk.session.setAccess("highContrast", True)
    assert kiosk.theme["background"] != theme["background"]
