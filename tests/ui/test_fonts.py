"""The fonts shipped in assets/ draw every character the visitor can see (Vietnamese diacritics included)."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtGui import QFont, QRawFont

from kiosk.core import resources
from kiosk.core.content.loader import load_content
from kiosk.core.present import strings as ui_strings
from tests.conftest import SAMPLE_CONTENT

FONTS = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"]


def visible_characters(texts) -> set[str]:
    return {ch for text in texts for ch in text
            if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")}


def missing(font_file: str, chars: set[str]) -> list[str]:
    raw = QRawFont(str(resources.assets_dir() / "fonts" / font_file), 24, QFont.HintingPreference.PreferNoHinting)
    assert raw.isValid(), f"{font_file} does not load"
    return sorted(ch for ch in chars if not raw.supportsCharacter(ord(ch)))


def sample_texts() -> list[str]:
    content = load_content(SAMPLE_CONTENT).content
    texts = content.all_texts()
    for lang in content.exhibit.languages:
        texts += ui_strings.strings(lang).values()
        texts.append(ui_strings.LANGUAGE_LABELS.get(lang, lang))
    return texts


@pytest.mark.parametrize("font_file", FONTS)
def test_the_font_covers_every_character_of_the_sample_exhibit(qapp, font_file):
    chars = visible_characters(sample_texts())
    assert len(chars) > 150  # Vietnamese alone has well over a hundred letters with diacritics
    assert "ệ" in chars and "Đ" in chars
    gaps = missing(font_file, chars)
    assert not gaps, f"{font_file} has no glyph for: " + " ".join(f"{c} (U+{ord(c):04X})" for c in gaps)


def test_the_check_finds_a_character_the_font_lacks(qapp):
    # a control for the check above: Noto Sans has no CJK ideographs
    assert missing("NotoSans-Regular.ttf", {"a", "中"}) == ["中"]
