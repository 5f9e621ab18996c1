"""The metre exhibit (tests/exhibits/metre, with 200 generated profiles): a second exhibit nothing in the kiosk
knows. It validates, and every page's data in each of its languages holds nothing of its other languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import routes
from kiosk.core.content.loader import load_content
from kiosk.core.present.presenter import Presenter
from tests.exhibits import checks
from tests.exhibits.generate import METRE, copy_with_people

LANGUAGES = ("fr", "ja", "en")


@pytest.fixture(scope="module")
def metre(tmp_path_factory) -> Path:
    return copy_with_people(METRE, tmp_path_factory.mktemp("metre") / "metre", 200, LANGUAGES)


@pytest.fixture(scope="module")
def result(metre):
    return load_content(metre)


def test_it_validates_without_a_single_problem(result):
    assert [p.format() for p in result.problems] == []
    c = result.content
    assert (c.exhibit.languages, c.exhibit.default_language) == (LANGUAGES, "fr")
    assert len(c.witnesses) == 204 and len(c.chapters) == 12 and len(c.quizzes) == 1
    assert c.exhibit.screen.sizes() == [(1080, 1920)]
    assert [ch.date is None for ch in c.chapters][-2:] == [True, True]  # two themes after the dated chapters


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("url", "file", "image", "portrait", "poster", "captions",
                                                         "chapterId", "witnessId", "quizId", "kind", "name")
                for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def page_data(p: Presenter, route: str) -> list:
    r = routes.Route.parse(route)
    data: list = [p.ui(), p.exhibit(), p.sections()]
    if r.section == "story":
        data += [p.timeline()] + ([p.chapter(r.item)] if r.item else [p.chapter_card(c) for c in p.content.chapters])
    elif r.section == "witnesses":
        data += [p.witness(r.item)] if r.item else [p.people_index(), [p.witness_card(w) for w in p.content.witnesses]]
    elif r.section == "quiz":
        data += [p.quiz(r.item)] if r.item else [p.quiz_card(q) for q in p.content.quizzes]
    elif r.section == "attract":
        data += [p.attract_slides()]
    return data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_holds_a_text_of_another_language(result, lang):
    content = result.content
    foreign = checks.foreign(content, lang)
    assert len(foreign) > 100  # the check has something to find
    p = Presenter(content, url_for=lambda f: f, lang=lang)
    for route in routes.all_routes(content):
        for text in _strings(page_data(p, route)):
            assert text not in foreign, f"{route} in {lang} shows {text!r}, a text of another language"


def test_the_check_finds_a_text_of_another_language(result):
    p = Presenter(result.content, url_for=lambda f: f, lang="ja")
    assert "Touchez l’écran pour commencer la visite" in checks.foreign(result.content, "ja")
    assert "L'histoire du mètre" in checks.foreign(result.content, "ja")
    shown = _strings(page_data(p, "home"))
    assert "メートルの歴史" in shown and "L'histoire du mètre" not in shown


def test_dates_numbers_and_labels_are_the_visitors(result):
    fr = Presenter(result.content, url_for=lambda f: f, lang="fr")
    ja = Presenter(result.content, url_for=lambda f: f, lang="ja")
    assert fr.chapter("1983")["figures"][0]["claims"][0]["value"] == "299\u202f792\u202f458\u202fm/s"
    assert fr.chapter("prefixes")["figures"][0]["claims"][0]["value"] == "1\u202f000\u202fmm"
    assert (fr.chapter("1791")["dateLabel"], ja.chapter("1791")["dateLabel"]) == ("mars 1791", "1791年3月")
    assert ja.chapter("1792-1798")["dateLabel"] == "1792年～1798年"
    assert fr.chapter("1983")["chapterLabel"] == "Étape 9 sur 12"
    assert ja.chapter("1983")["chapterLabel"] == "全12章中 第9章"
    assert [g["title"] for g in ja.timeline()] == [
        "メートル以前", "地球をはかる", "世界共通のメートルへ", "メートルと光", "テーマ"]
    assert fr.ui()["touchToBegin"] == "Touchez l’écran pour commencer la visite"  # the exhibit's own label
    assert ja.chapter("1668")["media"][0]["label"] == "録音"
    index = fr.people_index()
    assert len(index) > 20 and index[0]["title"] == "A" and sum(g["count"] for g in index) == 204
