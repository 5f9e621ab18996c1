"""The same file gets the same verdict whichever YAML parser this machine's PyYAML has.

PyYAML wheels carry libyaml (the fast C parser); a PyYAML built without it parses in pure Python. Before,
17 of the official yaml-test-suite's cases were accepted by one and refused by the other (mostly tabs), so
staff on one machine saw no error that a kiosk with the other build reported. Every case of the suite is
parsed here both ways and must get the same verdict, the same value and the same messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.content import yamlfile
from kiosk.core.problems import Problems

SUITE = json.loads((Path(__file__).resolve().parents[2] / "data" / "yaml-test-suite" / "in-yaml.json")
                   .read_text(encoding="utf-8"))["cases"]

needs_libyaml = pytest.mark.skipif(yamlfile._CParser is None, reason="this PyYAML has no libyaml: one parser only")


def verdict(text: str, fast: bool):
    problems = Problems()
    saved = yamlfile._CParser
    try:
        if not fast:
            yamlfile._CParser = None
        value = yamlfile.parse_text(text, "case.yaml", problems)
    finally:
        yamlfile._CParser = saved
    return bool(problems.errors), value, [p.format() for p in problems]


def test_the_suite_is_all_there():
    assert len(SUITE) == 402
    assert "6HB6" in SUITE and "\t" in SUITE["DC7X"]


@needs_libyaml
@pytest.mark.parametrize("case", sorted(SUITE))
def test_both_parsers_agree_on_every_case_of_the_yaml_test_suite(case: str):
    text = SUITE[case]
    fast, pure = verdict(text, fast=True), verdict(text, fast=False)
    assert fast == pure


@needs_libyaml
def test_the_cases_that_differed_before_are_decided_by_the_reference_parser():
    # the tabs of spec example 6.1, a '?' in a flow sequence, a comment glued to '>' and a directive
    for case in ("6HB6", "DC7X", "JR7V", "X4QW", "MUS6/00", "WZ62", "UKK6/02"):
        assert yamlfile.needs_reference_parser(SUITE[case]), case


def test_ordinary_exhibit_text_keeps_the_fast_parser():
    text = 'title:\n  vi: "Câu hỏi?"\n  en: "Which night? The first!"\nbody: |\n  Text, with: colons.\n'
    assert not yamlfile.needs_reference_parser(text)


@needs_libyaml
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b: ", "- ", "[", "]", "{", "}", ", ", "? ", "! ", "!!str", "\t", " ",
                                 "\n", "  ", "#", "|", ">", "'", '"', "&x ", "*x", "%", ":", "---\n"]),
                max_size=40).map("".join))
def test_both_parsers_agree_on_yaml_shaped_noise(text: str):
    assert verdict(text, fast=True)[0] == verdict(text, fast=False)[0]
