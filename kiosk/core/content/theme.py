"""The theme's colours: every pair the kiosk draws, and their contrast (WCAG 2.x relative luminance).

:data:`PAIRS` is the list of what the interface draws on what. The QML draws with these roles only (text
and icons in ``text``, secondary text in ``muted``, dates and highlights in ``accent``, the labels and
icons of accent buttons in ``on_accent``, a quiz answer's outline and verdict in ``correct``/``wrong``),
so the validator can promise that what it checked is what the visitor sees, in the exhibit's colours and
in the visitor's high-contrast mode (:func:`check_theme`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from kiosk.core.content.model import COLOR_ROLES, HIGH_CONTRAST, Palette, Theme

if TYPE_CHECKING:
    from kiosk.core.content.types import Context

MIN_CONTRAST = 4.5        # WCAG 1.4.3: text
MIN_LARGE = 3.0           # WCAG 1.4.3 large text, 1.4.11 icons, outlines and the focus ring
HIGH_CONTRAST_MIN = 7.0   # WCAG 1.4.6: what the high-contrast mode promises for text
TINT = 0.22               # how strongly a quiz answer's background is tinted with correct/wrong


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> tuple[float, float, float]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(color: str) -> float:
    r, g, b = _rgb(color)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(top: str, alpha: float, bottom: str) -> str:
    """*top* at *alpha* over *bottom*, as Qt composes it (in sRGB)."""
    t, b = _rgb(top), _rgb(bottom)
    return "#" + "".join(f"{round((alpha * x + (1 - alpha) * y) * 255):02x}" for x, y in zip(t, b, strict=True))


@dataclass(frozen=True)
class Pair:
    fg: str              # a colour role
    bg: str              # a colour role, or "<role>+<tint role>" for a tinted background
    minimum: float
    what: str            # what the kiosk draws with it, for messages

    def colors(self, palette: Palette) -> tuple[str, str]:
        fg = getattr(palette, self.fg)
        if "+" in self.bg:
            base, tint = self.bg.split("+")
            return fg, blend(getattr(palette, tint), TINT, getattr(palette, base))
        return fg, getattr(palette, self.bg)


PAIRS: tuple[Pair, ...] = (
    Pair("text", "background", MIN_CONTRAST, "text on the page"),
    Pair("text", "surface", MIN_CONTRAST, "text on cards, bars and panels"),
    Pair("muted", "background", MIN_CONTRAST, "secondary text (captions, credits) on the page"),
    Pair("muted", "surface", MIN_CONTRAST, "secondary text on cards"),
    Pair("accent", "background", MIN_CONTRAST, "dates, labels and highlights in the accent colour on the page"),
    Pair("accent", "surface", MIN_CONTRAST, "dates and labels in the accent colour on cards"),
    Pair("on_accent", "accent", MIN_CONTRAST, "the labels of accent buttons"),
    Pair("text", "background", MIN_LARGE, "icons on the page"),
    Pair("text", "surface", MIN_LARGE, "icons on cards and bars"),
    Pair("on_accent", "accent", MIN_LARGE, "icons on accent buttons"),
    Pair("accent", "background", MIN_LARGE, "the focus ring on the page"),
    Pair("accent", "surface", MIN_LARGE, "the focus ring on cards"),
    Pair("correct", "surface", MIN_LARGE, "a right answer's outline, mark and verdict (large bold text)"),
    Pair("wrong", "surface", MIN_LARGE, "a wrong answer's outline, mark and verdict (large bold text)"),
    Pair("text", "surface+correct", MIN_CONTRAST, "a right answer's text on its tinted background"),
    Pair("text", "surface+wrong", MIN_CONTRAST, "a wrong answer's text on its tinted background"),
)


@dataclass(frozen=True)
class Shortfall:
    """A pair below what it needs."""

    fg: str
    bg: str
    ratio: float
    minimum: float
    uses: tuple[str, ...]
    high_contrast: bool = False

    def message(self, palette: Palette) -> str:
        fg, bg = Pair(self.fg, self.bg, 0, "").colors(palette)
        mode = "high-contrast " if self.high_contrast else ""
        bg_name = self.bg.replace("+", " tinted with ")
        return (f"the {mode}colours '{self.fg}' ({fg}) on '{bg_name}' ({bg}) have a contrast of {self.ratio:.2f}:1, "
                f"below the {self.minimum:g}:1 needed for " + "; ".join(self.uses))


def shortfalls(palette: Palette, high_contrast: bool = False, promise: float = 0.0) -> list[Shortfall]:
    """Every pair of *palette* below its minimum (or below *promise*, when given, for every pair), grouped by
    colour pair; the strictest need first."""
    found: dict[tuple[str, str], Shortfall] = {}
    for pair in PAIRS:
        fg, bg = pair.colors(palette)
        ratio = contrast(fg, bg)
        need = max(pair.minimum, promise if pair.minimum >= MIN_CONTRAST else min(promise, MIN_CONTRAST))
        if ratio + 1e-9 >= need:
            continue
        key = (pair.fg, pair.bg)
        old = found.get(key)
        if old is None:
            found[key] = Shortfall(pair.fg, pair.bg, ratio, need, (pair.what,), high_contrast)
        else:
            found[key] = replace(old, minimum=max(old.minimum, need), uses=(*old.uses, pair.what))
    return sorted(found.values(), key=lambda s: (-s.minimum, s.ratio))


def low_contrast_pairs(theme: Palette, minimum: float = MIN_CONTRAST) -> list[tuple[str, str, float]]:
    """(foreground role, background role, ratio) of every pair below what it needs."""
    return [(s.fg, s.bg, s.ratio) for s in shortfalls(theme)]


def high_contrast(theme: Theme) -> Theme:
    """*theme* in the visitor's high-contrast mode (the exhibit's high-contrast colours; the fonts are kept)."""
    hc = theme.high_contrast
    return replace(theme, **{k: getattr(hc, k) for k in COLOR_ROLES})


def check_theme(theme: Theme, raw: Any, ctx: Context) -> tuple[bool, bool]:
    """Report (as errors, at the colour's line) every pair below its minimum, in the exhibit's colours and in
    high contrast; warnings where the high-contrast colours fall short of 7:1 for text. Returns whether each
    palette may be used (the loader falls back to the kiosk's own colours for one that may not)."""
    from kiosk.core.content.yamlfile import YMap
    from kiosk.core.problems import Location

    def where(node: Any, role: str) -> Location:
        if isinstance(node, YMap):
            return node.key_locations.get(role) or getattr(node, "location", None) or Location("exhibit.yaml")
        return Location("exhibit.yaml")

    normal_ok = True
    for s in shortfalls(theme.palette()):
        normal_ok = False
        ctx.error(where(raw, s.fg if s.fg in raw else s.bg.split("+")[0]), s.message(theme.palette()),
                  _hint(s, theme.palette()) + "; until then the kiosk shows its own colours")
    hc_raw = raw.get("high_contrast") if isinstance(raw, YMap) else None
    hc_ok = True
    if theme.high_contrast != HIGH_CONTRAST:
        for s in shortfalls(theme.high_contrast, high_contrast=True):
            hc_ok = False
            ctx.error(where(hc_raw, s.fg), s.message(theme.high_contrast),
                      _hint(s, theme.high_contrast)
                      + "; until then the high-contrast mode uses the kiosk's own colours")
        if hc_ok:
            for s in shortfalls(theme.high_contrast, high_contrast=True, promise=HIGH_CONTRAST_MIN):
                ctx.warning(where(hc_raw, s.fg), s.message(theme.high_contrast),
                            "the high-contrast mode promises 7:1 for text and 4.5:1 for everything else")
    return normal_ok, hc_ok


def _hint(s: Shortfall, palette: Palette) -> str:
    fg, bg = Pair(s.fg, s.bg, 0, "").colors(palette)
    lighter, darker = (s.fg, s.bg.split("+")[0]) if luminance(fg) >= luminance(bg) else (s.bg.split("+")[0], s.fg)
    return f"make '{lighter}' lighter or '{darker}' darker"
