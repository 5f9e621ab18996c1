"""Font files, read without Qt: is it really a font, which family is it, which characters does it draw?

Read with fontTools, the font world's standard library for the OpenType tables (``name`` for the family,
``cmap`` for the characters); only those two tables are read, lazily, so a 20 MB CJK font costs
milliseconds. :func:`missing` takes a list of fonts, so an exhibit can check its texts against several
families at once (a Latin font and a CJK font, one font per language).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core import limits, walk

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_SIGNATURES = {b"\x00\x01\x00\x00": "TrueType", b"OTTO": "OpenType", b"true": "TrueType", b"ttcf": "collection"}
_LOOKS_LIKE = {b"\xff\xd8\xff": "a JPEG image", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive",
               b"%PDF": "a PDF document", b"GIF8": "a GIF image", b"wOFF": "a WOFF web font",
               b"wOF2": "a WOFF2 web font", b"<": "a text or web page"}


@dataclass(frozen=True)
class FontInfo:
    path: str
    families: tuple[str, ...] = ()
    codepoints: frozenset[int] = field(default_factory=frozenset)
    error: str = ""


def font_files(folders: Iterable[Path], budget: limits.Limits = limits.DEFAULT) -> list[Path]:
    """The font files in *folders* (not in sub-folders), in name order, at most ``font_files`` of them."""
    out: list[Path] = []
    for folder in folders:
        found = walk.walk(folder, budget.font_files * 4, 0, top_level=None)
        out += [folder / rel for rel, _ in found.files if rel.lower().endswith(FONT_SUFFIXES)]
    return out[:budget.font_files]


def read_font(path: Path, max_bytes: int = limits.DEFAULT.font_file_bytes) -> FontInfo:
    try:
        st = os.stat(path)
    except OSError as exc:
        return FontInfo(str(path), error=f"cannot read the font: {exc.strerror or exc}")
    return _read(str(path), st.st_size, st.st_mtime_ns, max_bytes)


@functools.lru_cache(maxsize=64)
def _read(path: str, size: int, mtime_ns: int, max_bytes: int) -> FontInfo:
    if size > max_bytes:
        return FontInfo(path, error=f"the font file is {limits.amount(size, 'bytes')}, more than the limit of "
                                    f"{limits.amount(max_bytes, 'bytes')}")
    try:
        fd = walk.open_regular(path)
    except OSError as exc:
        return FontInfo(path, error=f"{exc}: it is not read" if isinstance(exc, walk.NotRegular)
                        else f"cannot read the font: {exc.strerror or exc}")
    with os.fdopen(fd, "rb") as f:
        head = f.read(4)
        if head not in _SIGNATURES:
            what = next((name for sig, name in _LOOKS_LIKE.items() if head.startswith(sig)), "")
            return FontInfo(path, error="the file is not a font" + (f" (it is {what})" if what else "")
                            + (": the kiosk needs TrueType or OpenType fonts (.ttf, .otf)" if "WOFF" in what else ""))
        f.seek(0)
        try:
            from fontTools.ttLib import TTCollection, TTFont

            fonts = TTCollection(f, lazy=True).fonts if head == b"ttcf" else [TTFont(f, lazy=True)]
            families: list[str] = []
            codepoints: set[int] = set()
            for font in fonts:
                name = font["name"]
                family = name.getDebugName(16) or name.getDebugName(1)
                if family:
                    families.append(family)
                cmap = font["cmap"].getBestCmap() or {}
                codepoints.update(cmap)
        except Exception as exc:  # noqa: BLE001 (fontTools raises many kinds on a damaged font)
            return FontInfo(path, error=f"the font is damaged ({str(exc) or type(exc).__name__})")
    return FontInfo(path, tuple(dict.fromkeys(families)), frozenset(codepoints))


# Characters every text may hold that no font needs to draw: line breaks, tabs, and the invisible marks
# that shape text without a glyph of their own (joiners, direction marks, variation selectors).
_NO_GLYPH = {0x09, 0x0A, 0x0D, 0x20, 0xA0, 0xAD, 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068,
             0x2069, 0xFE0E, 0xFE0F}


def missing(text: str, fonts: Iterable[FontInfo]) -> list[str]:
    """The characters of *text* that none of *fonts* draws, in order of appearance, each once."""
    fonts = list(fonts)
    covered = fonts[0].codepoints if len(fonts) == 1 else frozenset().union(*(f.codepoints for f in fonts))
    lacking = {ch for ch in set(text) if ord(ch) not in covered}  # most texts: empty, at C speed
    if not lacking:
        return []
    out: dict[str, None] = {}
    for ch in (c for c in text if c in lacking):
        code = ord(ch)
        if code not in covered and code not in _NO_GLYPH and not 0xFE00 <= code <= 0xFE0F:
            out[ch] = None
    return list(out)
