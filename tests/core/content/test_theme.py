"""kiosk.core.content.theme: WCAG contrast, and the sample theme is readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import theme as colors
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import HIGH_CONTRAST, Theme
from tests.core.conftest import EXHIBIT, Folder, find, the

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


def test_every_colour_role_is_checked_against_what_it_is_drawn_on():
    fgs = {p.fg for p in colors.PAIRS}
    assert fgs == {"text", "muted", "accent", "on_accent", "correct", "wrong"}
    # text and icons on the page and on cards; the labels of accent buttons on the accent
    assert {(p.fg, p.bg) for p in colors.PAIRS if p.minimum == colors.MIN_CONTRAST} >= {
        ("text", "background"), ("text", "surface"), ("muted", "background"), ("muted", "surface"),
        ("on_accent", "accent"), ("text", "surface+correct"), ("text", "surface+wrong")}
    # large text, icons, the focus ring and the answers' outlines need 3:1
    assert ("accent", "background") in {(p.fg, p.bg) for p in colors.PAIRS if p.minimum == colors.MIN_LARGE}
    assert ("correct", "surface") in {(p.fg, p.bg) for p in colors.PAIRS if p.minimum == colors.MIN_LARGE}


def test_blend_is_the_tint_qt_draws():
    assert colors.blend("#ffffff", 0.5, "#000000") == "#808080"
    assert colors.blend("#7fd19a", 0.0, "#2a231d") == "#2a231d"
    assert colors.blend("#7fd19a", 1.0, "#2a231d") == "#7fd19a"


def test_the_bundled_sample_theme_is_readable():
    result = load_content(REPO_CONTENT)
    assert (REPO_CONTENT / "exhibit.yaml").is_file()
    assert not [p for p in result.problems if p.location.path == "exhibit.yaml"]
    assert colors.shortfalls(result.content.exhibit.theme.palette()) == []


def test_the_default_theme_is_readable():
    assert colors.low_contrast_pairs(Theme()) == []


def test_low_contrast_is_an_error_at_the_colour_and_the_kiosk_keeps_its_own_colours(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + 'theme:\n  background: "#777777"\n  surface: "#777777"\n'
                '  text: "#888888"\n  font: "Noto Sans"\n')
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "'text' (#888888) on 'background'")
    assert p.is_error
    assert (p.location.line, p.location.col) == (20, 3)  # the line of 'text:'
    assert p.message.startswith("the colours 'text' (#888888) on 'background' (#777777) have a contrast of 1.26:1, "
                                "below the 4.5:1 needed for text on the page")
    assert "icons on the page" in p.message
    assert p.hint.startswith("make 'text' lighter or 'background' darker")
    theme = result.content.exhibit.theme
    assert theme.background == Theme().background and theme.font == "Noto Sans"


def test_a_light_theme_with_icons_in_the_text_colour_passes(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + """theme:
  background: "#f7f3ea"
  surface: "#ffffff"
  text: "#1f1a14"
  muted: "#5a5046"
  accent: "#8a3b12"
  on_accent: "#ffffff"
  correct: "#1e6b3a"
  wrong: "#a3231b"
""")
    result = valid.load()
    assert [p.format() for p in result.problems if p.location.path == "exhibit.yaml"] == []
    assert result.content.exhibit.theme.background == "#f7f3ea"


def test_an_accent_button_whose_label_is_unreadable_is_an_error_at_on_accent(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + 'theme:\n  accent: "#e8b04a"\n  on_accent: "#f4ede3"\n')
    result = valid.load()
    p = the(result.problems, "exhibit.yaml", "'on_accent'")
    assert p.is_error and p.location.line == 19  # the line of 'on_accent:'
    assert "the labels of accent buttons" in p.message and "icons on accent buttons" in p.message


def test_the_exhibits_high_contrast_colours_are_checked_too(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + 'theme:\n  high_contrast:\n    background: "#000000"\n'
                '    muted: "#555555"\n')
    result = valid.load()
    found = find(result.problems, "exhibit.yaml", "high-contrast colours 'muted'")
    assert [(p.is_error, p.location.line) for p in found] == [(True, 20), (True, 20)]  # on the page, on cards
    assert "'background' (#000000)" in found[0].message and "'surface' (#141414)" in found[1].message
    assert result.content.exhibit.theme.high_contrast == HIGH_CONTRAST


def test_high_contrast_colours_under_7_to_1_are_a_warning(valid: Folder):
    valid.write("exhibit.yaml", EXHIBIT + 'theme:\n  high_contrast:\n    muted: "#888888"\n')
    result = valid.load()
    found = find(result.problems, "exhibit.yaml", "high-contrast colours 'muted'")
    assert found and all(not p.is_error and "7:1" in p.hint for p in found)
    assert result.content.exhibit.theme.high_contrast.muted == "#888888"


@pytest.mark.parametrize("theme", [Theme(), load_content(REPO_CONTENT).content.exhibit.theme],
                         ids=["default", "sample"])
def test_the_high_contrast_mode_reaches_7_to_1_on_every_text_pair(theme):
    hc = colors.high_contrast(theme)
    assert hc.font == theme.font
    assert colors.shortfalls(hc.palette(), promise=colors.HIGH_CONTRAST_MIN) == []
