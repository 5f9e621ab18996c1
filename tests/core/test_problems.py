"""kiosk.core.problems: problems as values, GCC-style formatting, hints."""

from __future__ import annotations

import pytest

from kiosk.core.problems import Location, Problem, Problems, Severity, did_you_mean, summary


def test_format_is_gcc_style_with_hint():
    p = Problem(Severity.ERROR, Location("story/1972-12-18.yaml", 12, 5), "unknown key 'captoin'",
                "did you mean 'caption'?")
    assert p.format() == "story/1972-12-18.yaml:12:5: error: unknown key 'captoin' (did you mean 'caption'?)"
    assert str(p) == p.format()


def test_format_without_hint_has_no_parentheses():
    p = Problem(Severity.WARNING, Location("witnesses/pham-tuan.yaml", 3, 7), "no English ('en') text")
    assert p.format() == "witnesses/pham-tuan.yaml:3:7: warning: no English ('en') text"


def test_format_without_line_names_the_file_only():
    p = Problem(Severity.ERROR, Location("witnesses/pham-tuan.yml"), "duplicate id 'pham-tuan'", "rename one")
    assert p.format() == "witnesses/pham-tuan.yml: error: duplicate id 'pham-tuan' (rename one)"


def test_format_with_line_but_no_column_uses_column_1():
    assert Problem(Severity.ERROR, Location("a.yaml", 4), "m").format() == "a.yaml:4:1: error: m"


def test_as_dict():
    p = Problem(Severity.WARNING, Location("a.yaml", 2, 3), "msg", "hint")
    assert p.as_dict() == {"severity": "warning", "path": "a.yaml", "line": 2, "col": 3,
                           "message": "msg", "hint": "hint"}


def test_problems_collects_errors_and_warnings_in_order():
    problems = Problems()
    problems.warning(Location("b.yaml", 1, 1), "w")
    problems.error(Location("a.yaml", 9, 1), "e")
    assert len(problems) == 2
    assert [p.message for p in problems] == ["w", "e"]
    assert [p.message for p in problems.errors] == ["e"]
    assert [p.message for p in problems.warnings] == ["w"]
    assert problems.errors[0].is_error and not problems.warnings[0].is_error
    assert [p.location.path for p in problems.sorted()] == ["a.yaml", "b.yaml"]


def test_sorted_orders_by_path_then_line():
    problems = Problems()
    problems.error(Location("a.yaml", 10, 1), "later")
    problems.error(Location("a.yaml", 2, 1), "earlier")
    problems.error(Location("a.yaml"), "whole file")
    assert [p.message for p in problems.sorted()] == ["whole file", "earlier", "later"]


@pytest.mark.parametrize(("word", "candidates", "hint"), [
    ("captoin", ["file", "caption", "credit", "alt"], "did you mean 'caption'?"),
    ("pham-tuann", ["pham-tuan", "nguyen-van-cau"], "did you mean 'pham-tuan'?"),
    ("zzz", ["caption", "credit"], ""),
    ("x", [], ""),
])
def test_did_you_mean(word, candidates, hint):
    assert did_you_mean(word, candidates) == hint


@pytest.mark.parametrize(("kinds", "text"), [
    ([], "no problems found"),
    ([Severity.ERROR], "1 error, 0 warnings"),
    ([Severity.WARNING], "0 errors, 1 warning"),
    ([Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.WARNING, Severity.WARNING],
     "2 errors, 3 warnings"),
])
def test_summary(kinds, text):
    assert summary(Problem(k, Location("a.yaml"), "m") for k in kinds) == text
