"""The bridge's parts on their own, without QML: the session, the idle guard, the route grammar, and how
the backend is made per engine."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.core.content.loader import load_content
from kiosk.core.present import rows
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


def test_one_page_object_per_item_that_follows_the_language_and_the_quiz_order(qapp, qtbot, content):
    kiosk = Kiosk(SessionConfig(content=content, problems=[]))
    chapter = kiosk.pages.chapter("1972-12-18")
    assert kiosk.pages.chapter("1972-12-18") is chapter  # the same object for the same id
    vi = chapter.data["title"]
    with qtbot.waitSignal(chapter.dataChanged, timeout=1000):
        kiosk.session.language = "en"
    assert chapter.data["title"] != vi and chapter.data["chapterId"] == "1972-12-18"
    assert kiosk.pages.chapter("no-such-day").data == rows.blank(rows.ChapterPage)
    quiz = kiosk.pages.quiz(content.quizzes[0].id)

    def order() -> list[int]:
        return [q["fileIndex"] for q in quiz.data["questions"]]

    file_order = order()
    assert file_order == sorted(file_order)
    with qtbot.waitSignal(quiz.dataChanged, timeout=1000):
        kiosk.session.startQuiz(content.quizzes[0].id)
    assert order() != file_order  # shuffled for this visitor
    kiosk.session.reset()
    assert order() == file_order  # the next visitor starts from the file's order


@pytest.mark.qml
def test_pages_opened_again_and_again_leave_no_python_objects_behind(make_ui):
    # PySide6 never frees a Python object that QML itself instantiated: the bridge must not let QML make any
    import gc

    import shiboken6

    from kiosk.ui import pages

    def page_objects() -> list[QObject]:
        # objects of earlier tests still waiting for their deleteLater go first, so only this test's remain
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        return [o for o in gc.get_objects() if isinstance(o, QObject) and type(o).__module__.startswith("kiosk.")]

    ui = make_ui()
    routes = ["story/1972-12-18", "witnesses/pham-tuan", "quiz/the-twelve-days", "quiz/the-twelve-days/results"]
    for route in routes:
        ui.go(route)
    before = {id(o): o for o in page_objects()}  # held: no id is reused by a new object meanwhile
    for _ in range(3):
        for route in routes:
            ui.go(route)
        ui.kiosk.session.language = "en" if ui.kiosk.session.language == "vi" else "vi"
    after = page_objects()
    new = [type(o).__name__ for o in after if id(o) not in before]
    assert new == [], "pages opened again made Python objects that stay"
    dead = [type(o).__name__ for o in after if not shiboken6.isValid(o) and id(o) not in before]
    assert dead == [], "wrappers of destroyed objects are kept"
    assert {type(o) for o in gc.get_objects() if isinstance(o, pages._PageInfo)} <= {
        pages.ChapterInfo, pages.WitnessInfo, pages.QuizInfo}
