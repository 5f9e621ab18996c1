"""What a visit leaves in the analytics database: a session, page views, language, answers, accessibility."""

from __future__ import annotations

import pytest

from kiosk.core import analytics

pytestmark = pytest.mark.qml


def test_a_visit_is_recorded_anonymously(make_ui, tmp_path):
    db = tmp_path / "a.sqlite3"
    store = analytics.EventStore(db)
    ui = make_ui()
    ui.kiosk.set_analytics(store)
    ui.tap("attract")
    ui.wait_route("home")
    ui.tap("lang_en")
    ui.tap("section_quiz")
    ui.wait_route("quiz")
    ui.tap("quizCard_the-twelve-days")
    ui.wait_route("quiz/the-twelve-days")
    ui.tap("choice_0")
    ui.settle()
    ui.kiosk.session.setAccess("largeText", True)
    ui.kiosk.session.reset()
    ui.wait_route("attract")
    assert store.flush(5)
    store.close()
    events = analytics.load_events(db)
    kinds = [e.kind for e in events]
    assert kinds[0] == "session_start" and kinds[-1] == "session_end"
    assert {e.session for e in events} == {events[0].session}  # one visit, one session
    views = [e.page for e in events if e.kind == "page_view"]
    assert views[:3] == ["home", "quiz", "quiz/the-twelve-days"]
    assert all(e.value is not None and e.value >= 0 for e in events if e.kind == "page_view")
    assert [e.lang for e in events if e.kind == "language"] == ["en"]
    answers = [e for e in events if e.kind == "quiz_answer"]
    assert len(answers) == 1 and answers[0].page == "the-twelve-days" and answers[0].value in (0, 1)
    assert 0 <= int(answers[0].detail) < 10
    assert [e.detail for e in events if e.kind == "a11y_mode"] == ["largeText"]
    summary = analytics.summarize(events)
    assert summary  # the report works on what the UI wrote
