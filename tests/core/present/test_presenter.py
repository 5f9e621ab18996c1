"""kiosk.core.present.presenter: localized, plain dictionaries for the user interface."""

from __future__ import annotations

import random
import re

import pytest

from kiosk.core.i18n.catalogue import Labels
from kiosk.core.present import rows
from kiosk.core.present.formats import Formats
from kiosk.core.present.presenter import Presenter
from kiosk.core.present.visit import Visit
from tests.core.conftest import CHAPTER, EXHIBIT, Folder

QUESTIONS, CHOICES = 6, 4


def quiz_yaml(shuffle: bool) -> str:
    lines = ['title: {vi: "Câu đố", en: "Quiz"}', f"shuffle: {'true' if shuffle else 'false'}", "questions:"]
    for q in range(QUESTIONS):
        lines.append(f'  - question: {{vi: "Câu {q}", en: "Question {q}"}}')
        lines.append("    choices:")
        for c in range(CHOICES):
            lines.append(f'      - text: {{vi: "Câu {q} lựa chọn {c}", en: "Question {q} choice {c}"}}')
            if c == q % CHOICES:
                lines.append("        correct: true")
        lines.append(f'    explanation: {{vi: "Giải thích {q}", en: "Explanation {q}"}}')
        lines.append("    source: [S1, S7]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def content(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + """\
locales: {en: en-GB}
sections:
  - section: story
    chapter_label: {vi: "Ngày đêm thứ {n}/{total}", en: "Night {n} of {total}"}
  - section: people
  - section: quiz
""")
    valid.write("quizzes/shuffled.yaml", quiz_yaml(True))
    valid.write("quizzes/fixed.yaml", quiz_yaml(False))
    valid.write("story/prologue.yaml", """\
        kind: prologue
        date: 1972-12-01
        end_date: 1972-12-17
        title: {vi: "Trước đó"}
        body: {vi: "Chỉ có tiếng Việt."}
        """)
    valid.write("story/1972-12-19.yaml", CHAPTER.replace("1972-12-18", "1972-12-19")
                .replace("value: 1234", "value: 1234567.5").replace("value: 34", 'value: "about 130"'))
    result = valid.load()
    assert result.errors == [], "\n".join(p.format() for p in result.errors)
    return result.content


def presenter(content, lang="", seed=1) -> Presenter:
    # (a Visit made by hand: it may start in a language the exhibit does not offer)
    visit = Visit(lang or content.exhibit.default_language, rng=random.Random(seed))
    return Presenter(content, url_for=lambda f: f"file:///content/{f}", visit=visit)


def start_quiz(p: Presenter, quiz_id: str) -> None:
    p.visit.start_quiz(p.content.quiz(quiz_id))


def numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


# -- quizzes ----------------------------------------------------------------------------------------

def test_quiz_order_is_shuffled_and_stable_across_a_language_switch(content):
    p = presenter(content, "vi")
    start_quiz(p, "shuffled")
    vi = p.quiz("shuffled")
    p.visit.choose_language("en")
    en = p.quiz("shuffled")
    assert [numbers(q["question"]) for q in vi["questions"]] == [numbers(q["question"]) for q in en["questions"]]
    assert [[numbers(c) for c in q["choices"]] for q in vi["questions"]] == \
           [[numbers(c) for c in q["choices"]] for q in en["questions"]]
    assert [q["correctIndex"] for q in vi["questions"]] == [q["correctIndex"] for q in en["questions"]]
    assert en["questions"][0]["question"].startswith("Question ")
    assert vi["questions"][0]["question"].startswith("Câu ")
    # and it was really shuffled (seeded, so this is deterministic)
    file_order = [((q,), [(q, c) for c in range(CHOICES)]) for q in range(QUESTIONS)]
    shown = [(numbers(q["question"]), [numbers(c) for c in q["choices"]]) for q in en["questions"]]
    assert shown != file_order
    assert sorted(n for n, _ in shown) == [(q,) for q in range(QUESTIONS)]


def test_quiz_order_is_stable_across_repeated_calls(content):
    p = presenter(content, "en")
    start_quiz(p, "shuffled")
    assert p.quiz("shuffled") == p.quiz("shuffled")


def test_correct_index_points_to_the_correct_choice_after_shuffling(content):
    for seed in range(20):
        p = presenter(content, "en", seed)
        start_quiz(p, "shuffled")
        for q in p.quiz("shuffled")["questions"]:
            (number,) = numbers(q["question"])
            correct = q["choices"][q["correctIndex"]]
            assert correct == f"Question {number} choice {number % CHOICES}"
            assert sorted(q["choices"]) == [f"Question {number} choice {c}" for c in range(CHOICES)]


def test_a_new_visitor_gets_a_new_order(content):
    p = presenter(content, "en")
    orders = set()
    for _ in range(5):
        start_quiz(p, "shuffled")
        orders.add(tuple(tuple(q["choices"]) for q in p.quiz("shuffled")["questions"]))
    assert len(orders) > 1


def test_shuffle_false_keeps_the_file_order(content):
    p = presenter(content, "en")
    start_quiz(p, "fixed")
    quiz = p.quiz("fixed")
    assert [q["question"] for q in quiz["questions"]] == [f"Question {q}" for q in range(QUESTIONS)]
    for q, shown in enumerate(quiz["questions"]):
        assert shown["choices"] == [f"Question {q} choice {c}" for c in range(CHOICES)]
        assert shown["correctIndex"] == q % CHOICES
        assert shown["explanation"] == f"Explanation {q}"
        assert shown["source"] == "Air Force Magazine (2012); VNA"


def test_quiz_card(content):
    p = presenter(content, "vi")
    quiz = p.quiz("fixed")
    assert (quiz["quizId"], quiz["title"], quiz["count"], quiz["countLabel"]) == ("fixed", "Câu đố", 6, "6 câu hỏi")
    p.visit.choose_language("en")
    assert p.quiz("fixed")["countLabel"] == "6 questions"


def test_unknown_quiz_is_blank(content):
    quiz = presenter(content).quiz("nope")
    assert quiz == rows.blank(rows.QuizPage)
    assert quiz["questions"] == [] and quiz["count"] == 0 and quiz["title"] == ""


def test_a_reset_visit_shows_the_file_order_again(content):
    p = presenter(content, "en")
    start_quiz(p, "shuffled")
    shuffled = p.quiz("shuffled")
    p.visit.reset()
    again = p.quiz("shuffled")
    assert again != shuffled
    assert [q["question"] for q in again["questions"]] == [f"Question {q}" for q in range(QUESTIONS)]


# -- figures ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "vi", "en"), [
    (28, "28", "28"),
    (1234, "1.234", "1,234"),
    (1234567, "1.234.567", "1,234,567"),
    (1234.0, "1.234", "1,234"),
    (1234.5, "1.234,5", "1,234.5"),
    (0.25, "0,25", "0.25"),
    ("about 130", "about 130", "about 130"),
    ("22:47", "22:47", "22:47"),
])
def test_figure_numbers_per_language(value, vi, en):
    assert Formats("vi", Labels("vi")).number(value) == vi
    assert Formats("en", Labels("en")).number(value) == en


def test_figures_in_a_chapter(content):
    vi = presenter(content, "vi").chapter("1972-12-19")["figures"]
    en = presenter(content, "en").chapter("1972-12-19")["figures"]
    assert vi[0] == {"label": "Nhân viên bệnh viện thiệt mạng", "unit": "người", "disputed": False,
                     "claims": [{"value": "1.234.567,5", "by": "", "source": "Air Force Magazine (2012); VNA",
                                 "sourceIds": ["S1", "S7"]}]}
    assert en[0]["claims"][0]["value"] == "1,234,567.5"
    assert en[1]["disputed"] is True
    assert [(c["value"], c["by"], c["source"]) for c in en[1]["claims"]] == [
        ("about 130", "Vietnamese figure", "VNA"), ("15", "US Air Force figure", "Air Force Magazine (2012)")]


# -- chapters ---------------------------------------------------------------------------------------

def test_chapter_is_localized(content):
    vi = presenter(content, "vi").chapter("1972-12-18")
    en = presenter(content, "en").chapter("1972-12-18")
    assert (vi["title"], vi["summary"], vi["body"]) == ("Đêm thứ nhất", "Tóm tắt.", "<p>Nội dung.</p>")
    assert (en["title"], en["summary"], en["body"]) == ("The first night", "Summary.", "<p>Body text.</p>")
    assert vi["dateLabel"] == "ngày 18 tháng 12 năm 1972"
    assert en["dateLabel"] == "18 December 1972"  # the test exhibit writes English dates the British way
    assert vi["chapterLabel"] == "Ngày đêm thứ 1/2"  # the exhibit's own label, never the kiosk's
    assert en["chapterLabel"] == "Night 1 of 2"
    assert en["chapterId"] == "1972-12-18" and en["kind"] == "chapter"
    assert (vi["short"], en["short"]) == ("18/12", "18 Dec")  # every chapter in 1972: the year is not repeated
    assert en["image"] == "file:///content/media/photo.png"
    assert en["images"] == [{"url": "file:///content/media/photo.png", "file": "media/photo.png",
                             "caption": "Caption", "credit": "Credit", "alt": "Description"}]
    assert [w["witnessId"] for w in en["witnesses"]] == ["pham-tuan"]
    assert en["witnesses"][0]["role"] == "MiG-21 pilot"


def test_chapter_falls_back_to_the_default_language(content):
    en = presenter(content, "en").chapter("prologue")
    assert en["title"] == "Trước đó"
    assert en["body"] == "<p>Chỉ có tiếng Việt.</p>"
    assert en["summary"] == ""
    assert en["chapterLabel"] == "" and en["short"] == "Before"
    assert en["dateLabel"] == "1\u2009–\u200917 Dec 1972"  # CLDR en-GB: thin spaces around the dash
    assert presenter(content, "vi").chapter("prologue")["dateLabel"] == "ngày 1 – 17 tháng 12 năm 1972"


def test_unknown_language_falls_back_to_the_default(content):
    fr = presenter(content, "fr").chapter("1972-12-18")
    assert fr["title"] == "Đêm thứ nhất"
    assert fr["chapterLabel"] == "Ngày đêm thứ 1/2"  # the exhibit's chain: fr is none of its languages


def test_unknown_chapter_is_blank(content):
    page = presenter(content).chapter("1972-12-31")
    assert page == rows.blank(rows.ChapterPage)
    assert set(page) == set(presenter(content).chapter("1972-12-18"))  # the same keys as a real one


def test_default_language_comes_from_the_exhibit(content):
    assert presenter(content).lang == "vi"


# -- witnesses, exhibit, attract ---------------------------------------------------------------------

def test_witness_is_localized(content):
    en = presenter(content, "en").witness("pham-tuan")
    assert en["name"] == "Phạm Tuân" and en["nameAscii"] == "Pham Tuan"
    assert en["dates"] == "Born 14 February 1947"  # the test exhibit writes English dates the British way
    assert en["portrait"] == "" and en["portraitInfo"]["url"] == ""
    assert en["quotes"] == [{"text": "An account.", "kind": "paraphrase", "kindLabel": "Reported, not verbatim",
                             "translated": False, "language": "",
                             "who": "Phạm Tuân", "where": "Interview", "when": "18 December 2022",
                             "source": "VNA", "sourceIds": ["S7"]}]
    assert [d["chapterId"] for d in en["days"]] == ["1972-12-18"]
    vi = presenter(content, "vi").witness("pham-tuan")
    assert vi["dates"] == "Sinh ngày 14 tháng 2 năm 1947"
    assert vi["quotes"][0]["when"] == "ngày 18 tháng 12 năm 2022"
    assert presenter(content).witness("nobody") == rows.blank(rows.WitnessPage)


def test_exhibit_and_attract_slides(content):
    p = presenter(content, "en")
    assert p.exhibit() == {"title": "Test exhibit", "subtitle": "Subtitle"}
    slides = p.attract_slides()
    assert slides[0] == {"image": "file:///content/media/photo.png", "title": "", "kicker": "", "caption": "Photo"}
    assert slides[1]["title"] == "The first night"
    assert slides[1]["kicker"] == "18 December 1972"
    assert slides[1]["caption"] == "Summary."


def test_recordings_carry_their_length_for_the_page():
    # the page shows "0:00 / 0:08" before the player (QtMultimedia) is loaded on the first Play
    from kiosk.core.content.loader import load_content
    from tests.conftest import SAMPLE_CONTENT

    content = load_content(SAMPLE_CONTENT).content
    p = Presenter(content, lambda rel: rel)
    p.visit.choose_language("en")
    narration = p.chapter("1972-12-23")["media"]
    assert [m["file"] for m in narration] == ["media/audio/1972-12-23.en.ogg"]
    assert narration[0]["label"] == "Audio guide (synthetic voice)"  # marked synthetic: said so
    assert 8550 <= narration[0]["duration"] <= 8660
    film = [m for m in p.chapter("prologue")["media"] if m["kind"] == "video"]
    assert film and film[0]["duration"] == 18400


def test_markdown_reaches_the_page_as_escaped_rich_text_with_checked_pictures(tmp_path):
    from tests.core.conftest import CHAPTER, Folder, build_valid

    folder = Folder(build_valid(tmp_path / "content"))
    body = ('body:\n  vi: |\n    <h1>Big</h1> **bold**\n\n    ![map](media/photo.png) ![x](https://example.org/x.png)'
            ' ![y](../outside.png)\n  en: Body text.')
    folder.write("story/1972-12-18.yaml", CHAPTER.replace('body:\n  vi: "Nội dung."\n  en: "Body text."', body),
                 dedent=False)
    content = folder.load().content
    page = Presenter(content, url_for=lambda f: f"file:///cache/{f}").chapter("1972-12-18")
    assert page["body"] == ('<p>&lt;h1&gt;Big&lt;/h1&gt; <b>bold</b></p><p><img src="file:///cache/media/photo.png" '
                            'width="720" height="405" alt="map"/>  </p>')
    remote = Presenter(content, url_for=lambda f: f"https://cdn.example.org/{f}").chapter("1972-12-18")
    assert "<img" not in remote["body"]  # a url_for that leads off the machine gets no picture either
