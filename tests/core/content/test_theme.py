"""kiosk.core.content.theme: WCAG contrast, and the sample theme is readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import theme as colors
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import Theme
from tests.core.conftest import EXHIBIT, Folder, the

REPO_CONTENT = Path(__file__).resolve().parents[3] / "content"


def test_black_on_white_is_21():
    assert colors.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colors.contrast("#ffffff", "#000000") == pytest.approx(21.0)


def test_same_colour_is_1():
    assert colors.contrast("#e0a93b", "#e0a93b") == pytest.approx(1.0)


@pytest.mark.parametrize(("color", "lum"), [("#000000", 0.0), ("#ffffff", 1.0), ("#FF0000", 0.2126),
                                            ("#00ff00", 0.7152), ("0000ff", 0.0722)])
def test_luminance(color, lum):
    assert colors.luminance(color) == pytest.approx(lum)


def test_known_contrast_value():
    # WCAG's own example: #777777 on white is just under 4.5:1
    assert colors.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_text_pairs_cover_every_text_colour():
    pairs = colors.text_pairs(Theme())
    assert {(f, b) for f, b, _, _ in pairs} == {
        (f, b) for f in ("text", "muted", "accent", "correct", "wrong") for b in ("background", "surface")
    } | {("on_accent", "accent")}


def test_the_bundled_sample_theme_is_readable():
    result = load_content(REPO_CONTENT)
    assert (REPO_CONTENT / "exhibit.yaml").is_file()
    assert not [p for p in result.problems if p.location.path == "exhibit.yaml"]
    theme = result.content.exhibit.theme
    for fg, bg, fc, bc in colors.text_pairs(theme):
        assert colors.contrast(fc, bc) >= colors.MIN_CONTRAST, f"{fg} {fc} on {bg} {bc}"
    assert colors.low_contrast_pairs(theme) == []


def test_the_default_theme_is_readable():
    assert colors.low_contrast_pairs(Theme()) == []


def test_low_contrast_theme_warns_at_the_theme(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + 'theme:\n  background: "#777777"\n  surface: "#777777"\n'
                '  text: "#888888"\n')
    result = valid.load()
    warnings = [p for p in result.problems if p.location.path == "exhibit.yaml"]
    assert warnings and not [p for p in warnings if p.is_error]
    p = the(result.problems, "exhibit.yaml", "'text' on 'background'")
    assert (p.location.line, p.location.col) == (18, 3)
    assert p.message == "the theme colours 'text' on 'background' have a contrast of 1.26:1"
    assert p.hint == "text needs at least 4.5:1 to be readable"
    assert result.content.exhibit.theme.background == "#777777"


@pytest.mark.parametrize("theme", [Theme(), load_content(REPO_CONTENT).content.exhibit.theme],
                         ids=["default", "sample"])
def test_the_high_contrast_mode_reaches_7_to_1_on_every_pair(theme):
    hc = colors.high_contrast(theme)
    assert hc.font == theme.font
    worst = min(colors.contrast(fc, bc) for _, _, fc, bc in colors.text_pairs(hc))
    assert worst >= colors.HIGH_CONTRAST_MIN, worst
    assert colors.low_contrast_pairs(hc, colors.HIGH_CONTRAST_MIN) == []
