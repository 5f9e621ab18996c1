"""kiosk.core.present.rows: one declared shape per page, card and row; blank pages have every key."""

from __future__ import annotations

import pytest

from kiosk.core.content.loader import load_content
from kiosk.core.present import rows
from kiosk.core.present.presenter import Presenter
from tests.conftest import SAMPLE_CONTENT


@pytest.fixture(scope="module")
def presenter() -> Presenter:
    return Presenter(load_content(SAMPLE_CONTENT).content, lambda rel: rel)


def test_a_page_has_exactly_the_keys_its_shape_declares(presenter):
    content = presenter.content
    made = {
        rows.ChapterCard: [presenter.chapter_card(c) for c in content.chapters],
        rows.ChapterPage: [presenter.chapter(c.id) for c in content.chapters],
        rows.WitnessCard: [presenter.witness_card(w) for w in content.witnesses],
        rows.WitnessPage: [presenter.witness(w.id) for w in content.witnesses],
        rows.QuizCard: [presenter.quiz_card(q) for q in content.quizzes],
        rows.QuizPage: [presenter.quiz(q.id) for q in content.quizzes],
        rows.Exhibit: [presenter.exhibit()],
        rows.Slide: presenter.attract_slides(),
    }
    for shape, pages in made.items():
        assert pages, shape.__name__
        for page in pages:
            assert list(page) == rows.keys(shape), shape.__name__
    nested = [(rows.Image, presenter.chapter(c.id)["images"]) for c in content.chapters]
    nested += [(rows.Media, presenter.chapter(c.id)["media"]) for c in content.chapters]
    nested += [(rows.Quote, presenter.witness(w.id)["quotes"]) for w in content.witnesses]
    nested += [(rows.Image, [presenter.witness(w.id)["portraitInfo"]]) for w in content.witnesses]
    for shape, found in nested:
        for row in found:
            assert list(row) == rows.keys(shape), shape.__name__


def test_blank_fills_every_key_with_an_empty_value_of_its_type():
    page = rows.blank(rows.WitnessPage)
    assert list(page) == rows.keys(rows.WitnessPage)
    assert page["name"] == "" and page["quotes"] == [] and page["days"] == []
    assert page["portraitInfo"] == {"url": "", "file": "", "caption": "", "credit": "", "alt": ""}
    quiz = rows.blank(rows.QuizPage)
    assert quiz["count"] == 0 and quiz["questions"] == []
    assert rows.blank(rows.Figure)["disputed"] is False


def test_a_card_s_keys_come_first_in_its_page():
    card = rows.keys(rows.ChapterCard)
    assert rows.keys(rows.ChapterPage)[:len(card)] == card
