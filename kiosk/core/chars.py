"""Characters that cannot be seen: naming them, finding them, and saying how two look-alike names differ.

Text pasted from a web page, a word processor or a chat brings characters nobody sees: a zero-width space
in a file name, a right-to-left override that turns "Phạm Tuân (1947)" into "Phạm (7491) nâuT", a line
separator that an editor shows as nothing. Staff cannot fix what a message does not name, so every message
about such a character names it (``ZERO WIDTH SPACE (U+200B)``) and says where it is.
"""

from __future__ import annotations

import unicodedata

# Reverse or re-embed the text that follows: never needed in an exhibit's texts (the isolates
# U+2066..U+2069 and the marks U+200E/U+200F are the right tools, and are allowed).
BIDI_OVERRIDES = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E}

# Invisible characters that are never intended in a museum's text or a file name. Allowed on purpose:
# ZWJ/ZWNJ (U+200D/U+200C: needed by Persian, Indic scripts and emoji), the bidi marks and isolates,
# variation selectors, the soft hyphen (a hyphenation hint).
INVISIBLE = {
    0x200B,  # ZERO WIDTH SPACE
    0x2060,  # WORD JOINER
    0xFEFF,  # ZERO WIDTH NO-BREAK SPACE (a byte order mark inside a text)
    0x2028,  # LINE SEPARATOR
    0x2029,  # PARAGRAPH SEPARATOR
    0x0085,  # NEXT LINE
    0x180E,  # MONGOLIAN VOWEL SEPARATOR
    0x2061, 0x2062, 0x2063, 0x2064,  # invisible mathematical operators
    0xFFF9, 0xFFFA, 0xFFFB,  # interlinear annotation
}

_NAMES = {0x0085: "NEXT LINE", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE (a byte order mark)"}


def name(ch: str) -> str:
    """``'ZERO WIDTH SPACE (U+200B)'``: what a person can look up and search for."""
    code = ord(ch)
    label = _NAMES.get(code) or unicodedata.name(ch, "")
    if not label:
        category = unicodedata.category(ch)
        label = {"Cc": "control character", "Cf": "invisible formatting character", "Co": "private-use character",
                 "Cn": "unassigned character", "Cs": "surrogate (not a character)"}.get(category, "character")
    return f"{label} (U+{code:04X})"


def is_invisible(ch: str) -> bool:
    code = ord(ch)
    if code in INVISIBLE or code in BIDI_OVERRIDES:
        return True
    return unicodedata.category(ch) == "Cc" and ch not in "\n\t\r"


def invisible(text: str) -> list[tuple[int, str]]:
    """(index, character) of every invisible character in *text* (newlines and tabs are visible enough)."""
    return [(i, ch) for i, ch in enumerate(text) if is_invisible(ch)]


def overrides(text: str) -> list[tuple[int, str]]:
    return [(i, ch) for i, ch in enumerate(text) if ord(ch) in BIDI_OVERRIDES]


def context(text: str, index: int, width: int = 20) -> str:
    """Where *index* is, as the visible words before it: ``after 'Phạm '`` (or ``at the start``)."""
    before = "".join(c for c in text[max(0, index - width):index] if not is_invisible(c)).split("\n")[-1]
    if not before.strip():
        return "at the start" if index == 0 or not text[:index].strip() else "at the start of a line"
    return f"after '{before.lstrip()}'"


def differences(wanted: str, found: str) -> str:
    """How two names that look alike differ, for a hint; '' when they do not look alike.

    Tried in the order staff meet them: a different Unicode normalization (macOS and some zip tools
    write decomposed letters: 'ả' as 'a' + a combining hook), invisible characters, letter case.
    """
    if wanted == found:
        return ""
    if unicodedata.normalize("NFC", wanted) == unicodedata.normalize("NFC", found):
        which = "decomposed (NFD)" if found == unicodedata.normalize("NFD", found) else "a different normalization"
        return (f"the names look the same but are encoded differently: the file's name has its accented letters "
                f"{which}, as macOS and some zip tools write them")
    strip = "".join(c for c in found if not is_invisible(c))
    strip_wanted = "".join(c for c in wanted if not is_invisible(c))
    if strip == strip_wanted or unicodedata.normalize("NFC", strip) == unicodedata.normalize("NFC", strip_wanted):
        extra = [(i, c) for i, c in invisible(found)] or [(i, c) for i, c in invisible(wanted)]
        where = "the file's name" if invisible(found) else "the name written in the YAML"
        i, ch = extra[0]
        text = found if invisible(found) else wanted
        return f"{where} contains an invisible {name(ch)} {context(text, i)}; delete it"
    if wanted.casefold() == found.casefold() or \
            unicodedata.normalize("NFC", wanted).casefold() == unicodedata.normalize("NFC", found).casefold():
        return "the names differ only in upper and lower case letters, which matter on the kiosk"
    return ""
