"""Numbers in visible texts: where they are, and whether two languages give the same ones.

Two content checks are built on this (see :mod:`kiosk.core.content.format`):

* a page whose body text gives numbers but which cites no source at all;
* a text whose translation lacks a figure the original gives (or has one it does not).

Both are meant to be precise and quiet, so the rules are conservative:

* a number glued to letters is a designation, not a figure: ``B-52``, ``MiG-21``, ``F-111``, ``SA-2``;
  one written with a leading zero is a code (``Cobalt 01``);
* ``2.000``, ``2,000`` and ``2 000`` (with a no-break space) are the same number, and so are ``19,5`` and ``19.5``;
* the month of a date written ``18/12/1972`` is left out (the other language may spell it ``December``);
* the translation check compares only numbers from 13 up (and decimals): smaller ones are often written
  as words ("two", "hai") or are months and hours; English number words from thirteen to ninety-nine
  count as the number they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.problems import Location

# a number, possibly with thousands groups (2.000 / 2,000 / 2 000) and a decimal part (19,5 / 19.5 / 1 650 763,73)
_NUMBER = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?")
# a day/month pair: 18/12, 18/12/1972, 13–17/12/1972
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?!\d)")

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_EN_WORDS = re.compile(r"\b(" + "|".join(list(_TEENS) + list(_TENS)) + r")(?:[-\u2010\u2011 ](" + "|".join(_UNITS)
                       + r"))?\b", re.IGNORECASE)

PARITY_MINIMUM = 13


@dataclass(frozen=True)
class Number:
    text: str    # as written
    value: str   # normalised: "2000", "19.5"
    start: int   # index in the text

    @property
    def compared(self) -> bool:
        """Whether the translation check looks at this number (13 and up, or a decimal)."""
        return "." in self.value or float(self.value) >= PARITY_MINIMUM


def _normalise(raw: str) -> str:
    seps = re.findall(r"[.,\u00a0\u202f]", raw)
    if len(seps) >= 2 and seps[-1] != seps[0] and seps[-1] in ".,":
        # 1 650 763,73 / 1,650,763.73 / 1.650.763,73: groups, then a decimal part
        whole, _, frac = re.split(r"([.,])(?=\d+$)", raw)
        return _normalise(whole) + (f".{frac.rstrip('0')}" if frac.rstrip("0") else "")
    groups = re.split(r"[.,\u00a0\u202f]", raw)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        digits = "".join(groups)  # thousands separators
    elif len(groups) == 2:
        digits = f"{groups[0]}.{groups[1]}"  # a decimal comma or point
    else:
        digits = "".join(groups)
    if "." in digits:
        whole, frac = digits.split(".")
        frac = frac.rstrip("0")
        return f"{int(whole)}.{frac}" if frac else str(int(whole))
    return str(int(digits))


def _letter(ch: str) -> bool:
    """A letter of an alphabet with capitals (Latin, Greek, Cyrillic ...): scripts without spaces between
    words (Chinese, Japanese, Korean, Thai) write a figure right against the next character ("1798年", "17か国"),
    which makes no designation of it."""
    return ch.isalpha() and ch.lower() != ch.upper()


def _is_designation(text: str, start: int, end: int) -> bool:
    """B-52, MiG-21, F-111, SA-2, KC135, 52D: a number glued to letters names a thing, it counts nothing."""
    before = text[max(0, start - 2):start]
    if _letter(before[-1:]) or (len(before) == 2 and before[1] in "-\u2010\u2011" and _letter(before[0])):
        return True
    after = text[end:end + 1]
    return _letter(after) and after.isupper()  # 52D, 2S (but not 20th, 1960s)


def numbers(text: str) -> list[Number]:
    """The numbers a reader sees in *text*, in order (designations and the months of dates left out)."""
    months: set[int] = set()
    for m in _DAY_MONTH.finditer(text):
        if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
            months.add(m.start(2))
    out = []
    for m in _NUMBER.finditer(text):
        if m.start() in months or _is_designation(text, m.start(), m.end()):
            continue
        if len(m.group()) > 1 and m.group()[0] == "0" and m.group()[1].isdigit():
            continue  # 01, 007: a code or call sign, not a quantity
        out.append(Number(m.group(), _normalise(m.group()), m.start()))
    return out


def number_words(text: str, lang: str) -> set[str]:
    """Numbers written as words (English only: thirteen to ninety-nine), normalised like :func:`numbers`."""
    if lang.split("-")[0] != "en":
        return set()
    out = set()
    for m in _EN_WORDS.finditer(text):
        first = m.group(1).lower()
        value = _TEENS.get(first) or _TENS[first]
        if m.group(2) and first in _TENS:
            value += _UNITS[m.group(2).lower()]
        out.add(str(value))
    return out


def present(text: str, lang: str) -> set[str]:
    """Every number *text* gives, in digits or (English) in words, normalised."""
    return {n.value for n in numbers(text)} | number_words(text, lang)


def unmatched(texts: dict[str, str]) -> dict[str, list[Number]]:
    """For each language, the compared numbers its text gives and some other language's text does not."""
    found = {lang: numbers(text) for lang, text in texts.items()}
    present_in = {lang: present(text, lang) for lang, text in texts.items()}
    out: dict[str, list[Number]] = {}
    for lang, nums in found.items():
        missing = []
        seen: set[str] = set()
        for n in nums:
            if not n.compared or n.value in seen:
                continue
            if any(n.value not in present_in[other] for other in texts if other != lang):
                missing.append(n)
                seen.add(n.value)
        if missing:
            out[lang] = missing
    return out


def position(value_loc: Location, key_loc: Location | None, style: str, raw: str, index: int) -> Location:
    """Where the character *index* of a YAML text value is in its file.

    *value_loc* is where the value starts (for a block text, the ``|`` sign), *key_loc* where its key is,
    *style* the YAML style of the text (``|``, ``>``, ``"``, ``'`` or ``""`` for plain), *raw* the text as
    read. Lines of a literal block (``|``) are exact; the column assumes the block is indented two spaces
    under its key, as in every file ``kiosk new`` writes.
    """
    before = raw[:index]
    if style == "|":
        line = before.count("\n")
        col = index - (before.rfind("\n") + 1)
        indent = (key_loc.col + 2) if key_loc else value_loc.col
        return Location(value_loc.path, value_loc.line + 1 + line, indent + col)
    if style == ">":
        indent = (key_loc.col + 2) if key_loc else value_loc.col
        return Location(value_loc.path, value_loc.line + 1, indent)
    if "\n" in before:  # a quoted or plain text folded over several lines: its start is the best we know
        return value_loc
    return Location(value_loc.path, value_loc.line, value_loc.col + index + (1 if style in ("\"", "'") else 0))
