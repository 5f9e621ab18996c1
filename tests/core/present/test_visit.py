"""kiosk.core.present.visit: what one visitor chose, and the one reset that forgets it."""

from __future__ import annotations

import random

import pytest

from kiosk.core.content import model
from kiosk.core.content.loader import load_content
from kiosk.core.present.visit import ACCESS_OPTIONS, MORE_TIME_FACTOR, Visit
from tests.conftest import SAMPLE_CONTENT


@pytest.fixture(scope="module")
def content() -> model.Content:
    return load_content(SAMPLE_CONTENT).content


def test_a_visit_starts_in_the_wanted_language_when_the_exhibit_has_it(content):
    ex = content.exhibit
    assert Visit.of(ex).language == ex.default_language == "vi"
    assert Visit.of(ex, "en").language == "en"
    assert Visit.of(ex, "fr").language == "vi"  # not one of the exhibit's
    assert not any(Visit.of(ex).access.values())
    assert set(Visit.of(ex).access) == set(ACCESS_OPTIONS)


def test_choosing_a_language(content):
    visit = Visit.of(content.exhibit)
    assert visit.choose_language("en") is True
    assert visit.choose_language("en") is False  # already
    assert visit.choose_language("fr") is False and visit.language == "en"


def test_accessibility_options_and_the_longer_idle_timeout(content):
    visit = Visit.of(content.exhibit)
    assert visit.idle_factor == 1
    assert visit.set_access("moreTime", True) is True
    assert visit.set_access("moreTime", True) is False
    assert visit.set_access("noSuchOption", True) is False
    assert visit.idle_factor == MORE_TIME_FACTOR


def test_quiz_orders_are_per_visit_and_shuffled_only_when_the_quiz_says_so(content):
    quiz = content.quizzes[0]
    assert quiz.shuffle
    visit = Visit.of(content.exhibit, rng=random.Random(3))
    file_order = visit.quiz_order(quiz)
    assert file_order == [(i, list(range(len(q.choices)))) for i, q in enumerate(quiz.questions)]
    assert quiz.id not in visit.quiz_orders  # asking does not store anything
    visit.start_quiz(quiz)
    shuffled = visit.quiz_order(quiz)
    assert shuffled != file_order
    assert sorted((i, sorted(c)) for i, c in shuffled) == file_order  # the same questions and choices
    assert visit.quiz_order(quiz) == shuffled  # stable within the visit


def test_reset_forgets_everything_the_visitor_chose(content):
    visit = Visit.of(content.exhibit, "en")
    visit.choose_language("vi")
    visit.set_access("largeText", True)
    visit.start_quiz(content.quizzes[0])
    visit.reset()
    assert visit.language == "en"  # where every visit starts
    assert not any(visit.access.values())
    assert visit.quiz_orders == {}


def test_new_content_keeps_the_language_when_it_still_has_it(content):
    visit = Visit.of(content.exhibit)
    visit.choose_language("en")
    visit.start_quiz(content.quizzes[0])
    visit.new_exhibit(content.exhibit, "")
    assert visit.language == "en" and visit.quiz_orders == {}
    only_vi = model.Exhibit(languages=("vi",), default_language="vi")
    visit.new_exhibit(only_vi, "en")
    assert (visit.language, visit.start_language, visit.languages) == ("vi", "vi", ("vi",))
