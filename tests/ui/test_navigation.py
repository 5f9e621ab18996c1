"""Drive the real QML offscreen: sections, days, profiles, quiz, languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF

pytestmark = pytest.mark.qml


def test_attract_then_each_section_and_back(make_ui):
    ui = make_ui()
    assert ui.route == "attract"
    ui.tap("attract")
    ui.wait_route("home")
    for section, route in (("section_story", "story"), ("section_witnesses", "witnesses"), ("section_quiz", "quiz")):
        ui.tap(section)
        ui.wait_route(route)
        ui.settle()
        # the section's name in the visitor's language: the exhibit's own title for it (the sample declares one)
        title = ui.kiosk._presenter.section_title(route)
        assert ui.text_of("breadcrumb").endswith(title)
        assert title in {"Chiến dịch", "Nhân chứng", "Câu đố"}
        ui.tap("backButton")
        ui.wait_route("home")
        ui.settle()


def test_open_a_day_and_swipe_between_days(make_ui):
    ui = make_ui()
    ui.go("story")
    ui.tap("chapterCard_1972-12-18")
    ui.wait_route("story/1972-12-18")
    ui.settle()
    pager = ui.item("chapterPager")
    y = int(pager.mapToScene(pager.boundingRect().center()).y())
    w = ui.window.width()
    ui.swipe(QPoint(int(w * 0.8), y), QPoint(int(w * 0.15), y))
    ui.wait_route("story/1972-12-19")
    ui.settle()
    ui.swipe(QPoint(int(w * 0.15), y), QPoint(int(w * 0.8), y))
    ui.wait_route("story/1972-12-18")
    ui.settle()
    # the day strip jumps straight to a day
    ui.qtbot.waitUntil(lambda: not pager.property("moving"))
    ui.tap("dayChip_3")
    ui.wait_route("story/1972-12-20")


def test_day_links_to_witness_profile_and_back_to_day(make_ui):
    ui = make_ui()
    ui.go("story/1972-12-27")
    ui.scroll_to("witnessLink_pham-tuan")
    ui.tap("witnessLink_pham-tuan")
    ui.wait_route("witnesses/pham-tuan")
    ui.settle()
    assert ui.text_of("witnessName") == "Phạm Tuân"
    ui.scroll_to("dayLink_1972-12-27")
    ui.tap("dayLink_1972-12-27")
    ui.wait_route("story/1972-12-27")


def test_witness_grid_opens_profile(make_ui):
    ui = make_ui(size=(1080, 1920))
    ui.go("witnesses")
    from kiosk.ui.quickitems import effectively_visible, walk
    cards = [i for i in walk(ui.window.contentItem())
             if i.objectName().startswith("witnessCard_") and effectively_visible(i)
             and 0 < ui.center(i).y() < ui.window.height() - 40]
    assert len(cards) >= 4, "the portrait grid shows at least two rows of two cards"
    witness_id = cards[-1].objectName().removeprefix("witnessCard_")
    ui.tap(cards[-1].objectName())
    ui.wait_route(f"witnesses/{witness_id}")
    ui.settle()
    assert ui.text_of("witnessName") == ui.kiosk.pages.witness(witness_id).data["name"]


def test_home_button_from_deep_page(make_ui):
    ui = make_ui()
    ui.go("witnesses/pham-tuan")
    ui.tap("homeButton")
    ui.wait_route("home")


def _answer_quiz(ui, quiz_id: str, right_pattern):
    data = ui.kiosk.pages.quiz(quiz_id).data
    questions = data["questions"]
    expected = 0
    for i, q in enumerate(questions):
        ui.settle()
        assert ui.text_of("questionText") == q["question"]
        right = right_pattern(i)
        choice = q["correctIndex"] if right else (q["correctIndex"] + 1) % len(q["choices"])
        ui.tap(f"choice_{choice}")
        ui.qtbot.waitUntil(lambda: ui.item("feedback").isVisible())
        verdict = ui.text_of("feedbackVerdict")
        assert verdict.startswith("Chính xác" if right else "Chưa đúng"), verdict
        expected += right
        ui.settle()
        ui.scroll_to("nextButton")
        ui.tap("nextButton")
    return expected, len(questions)


def test_whole_quiz_with_right_and_wrong_answers(make_ui):
    ui = make_ui()
    ui.go("quiz")
    quiz_id = "people-and-places"
    ui.tap(f"quizCard_{quiz_id}")
    ui.wait_route(f"quiz/{quiz_id}")
    expected, total = _answer_quiz(ui, quiz_id, lambda i: i % 3 != 1)
    ui.wait_route(f"quiz/{quiz_id}/results")
    ui.settle()
    assert ui.text_of("scoreText") == f"{expected} / {total}"
    assert 0 < expected < total
    ui.tap("retryButton")
    ui.wait_route(f"quiz/{quiz_id}")


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920)], ids=["landscape", "small", "portrait"])
def test_an_answer_brings_the_explanation_and_next_into_view(make_ui, size):
    # A visitor who answers must see the verdict and the Next button without scrolling (the page once
    # computed where to scroll before the layout had placed them, and left Next below the screen).
    ui = make_ui(size=size)
    quiz_id = "people-and-places"
    ui.go(f"quiz/{quiz_id}")
    total = ui.kiosk.pages.quiz(quiz_id).data["count"]
    for i in range(total):
        ui.settle()
        ui.tap("choice_0")
        ui.qtbot.waitUntil(lambda: ui.item("feedback").isVisible())
        ui.settle()
        for name in ("feedbackVerdict", "nextButton"):
            item = ui.item(name)
            top = item.mapToScene(QPointF(0, 0)).y()
            bottom = item.mapToScene(QPointF(0, item.height())).y()
            assert 0 <= top and bottom <= ui.window.height(), f"question {i + 1}: {name} spans {top:.0f}-{bottom:.0f}"
        ui.tap("nextButton")
    ui.wait_route(f"quiz/{quiz_id}/results")


def test_language_switch_mid_quiz_keeps_the_question(make_ui):
    ui = make_ui()
    ui.go("quiz")
    quiz_id = "the-twelve-days"
    ui.tap(f"quizCard_{quiz_id}")
    ui.wait_route(f"quiz/{quiz_id}")
    ui.settle()
    vi = ui.kiosk.pages.quiz(quiz_id).data["questions"][0]
    assert ui.text_of("questionText") == vi["question"]
    ui.tap(f"choice_{vi['correctIndex']}")
    ui.tap("lang_en")
    ui.qtbot.waitUntil(lambda: ui.kiosk.session.language == "en")
    en = ui.kiosk.pages.quiz(quiz_id).data["questions"][0]
    assert en["question"] != vi["question"]
    assert en["correctIndex"] == vi["correctIndex"]
    assert ui.text_of("questionText") == en["question"]
    assert ui.text_of("feedbackVerdict") == "Correct!"
    assert ui.text_of("quizProgress") == f"Question 1 of {ui.kiosk.pages.quiz(quiz_id).data['count']}"
    assert ui.route == f"quiz/{quiz_id}"


def test_language_switch_on_a_day_keeps_the_day(make_ui):
    ui = make_ui()
    ui.go("story/1972-12-26")
    before = ui.text_of("chapterTitle")
    ui.tap("lang_en")
    ui.settle()
    assert ui.route == "story/1972-12-26"
    after = ui.text_of("chapterTitle")
    assert after and after != before


def test_image_viewer_opens_and_closes(make_ui):
    ui = make_ui()
    ui.go("story/1972-12-18")
    ui.tap("heroImage")
    ui.qtbot.waitUntil(lambda: ui.item("imageViewer").isVisible())
    ui.settle()
    assert ui.text_of("viewerCaption")
    ui.tap("viewerClose")
    ui.qtbot.waitUntil(lambda: not ui.items("imageViewer")[0].isVisible())
    assert ui.route == "story/1972-12-18"


def test_a_day_stays_on_screen_when_the_screen_is_resized_or_rotated(make_ui):
    ui = make_ui(size=(1920, 1080))
    ui.window.resize(720, 1280)  # rotated just before the day opens: the page is laid out after it is made
    ui.go("story/1972-12-18")
    assert ui.route == "story/1972-12-18"
    for size in [(1280, 720), (1080, 1920), (1920, 1080)]:
        ui.window.resize(*size)
        ui.settle()
        assert ui.route == "story/1972-12-18", size
        assert ui.text_of("chapterTitle") == ui.kiosk.pages.chapter("1972-12-18").data["title"]
