"""kiosk.core.content.textcheck in scripts without spaces and with grouped decimals: the figures a Japanese,
Chinese or Korean text gives are figures (not designations), and 1 650 763,73 is one number."""

from __future__ import annotations

import pytest

from kiosk.core.content import textcheck


@pytest.mark.parametrize(("text", "values"), [
    ("1792年から1798年にかけて", ["1792", "1798"]),
    ("17か国がパリで署名した", ["17"]),
    ("1972年12月18日", ["1972", "12", "18"]),
    ("1,650,763.73倍", ["1650763.73"]),
    ("1\u00a0650\u00a0763,73 longueurs d'onde", ["1650763.73"]),
    ("1.234.567,5", ["1234567.5"]),
    ("B-52, MiG-21, KC135, 52D", []),          # designations in a Latin text stay designations
    ("クリプトン86", ["86"]),
    ("1970년대", ["1970"]),
])
def test_numbers(text, values):
    assert [n.value for n in textcheck.numbers(text)] == values


def test_a_translation_in_japanese_gives_the_same_figures():
    texts = {"fr": "De 1792 à 1798, 17 États.", "ja": "1792年から1798年まで、17か国。",
             "en": "From 1792 to 1798, 17 states."}
    assert textcheck.unmatched(texts) == {}
    texts["ja"] = "1792年から1799年まで、17か国。"
    assert {lang: [n.value for n in nums] for lang, nums in textcheck.unmatched(texts).items()} == \
        {"fr": ["1798"], "ja": ["1799"], "en": ["1798"]}
