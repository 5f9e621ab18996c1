"""Colour contrast (WCAG 2.x relative luminance)."""

from __future__ import annotations

from kiosk.core.content.model import Theme

MIN_CONTRAST = 4.5


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    color = color.lstrip("#")
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_pairs(theme: Theme) -> list[tuple[str, str, str, str]]:
    """Every (foreground name, background name, fg, bg) pair the UI draws text with."""
    pairs = []
    for fg in ("text", "muted", "accent", "correct", "wrong"):
        for bg in ("background", "surface"):
            pairs.append((fg, bg, getattr(theme, fg), getattr(theme, bg)))
    pairs.append(("on_accent", "accent", theme.on_accent, theme.accent))
    return pairs


def low_contrast_pairs(theme: Theme, minimum: float = MIN_CONTRAST) -> list[tuple[str, str, float]]:
    return [(f, b, contrast(fc, bc)) for f, b, fc, bc in text_pairs(theme) if contrast(fc, bc) < minimum]

# The accessibility mode's high-contrast theme: every text pair at least 7:1 (WCAG 2.2 AAA).
HIGH_CONTRAST_MIN = 7.0


def high_contrast(theme: Theme) -> Theme:
    """*theme* with black backgrounds, white text and a bright yellow accent (the font is kept)."""
    from dataclasses import replace

    return replace(theme, background="#000000", surface="#141414", text="#ffffff", muted="#e6e6e6",
                   accent="#ffd84d", on_accent="#000000", correct="#7dffa0", wrong="#ffb0a8")
