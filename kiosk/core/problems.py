"""Content problems as values.

Validation never raises on bad content: every problem becomes a :class:`Problem`
with the file, line and column it concerns, so all of them can be reported at once
(GCC style) and the kiosk can leave the bad item out and keep running.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Characters that would let a file name or a quoted value forge or garble a line of output: line breaks (a
# second, fake "path:line: error:" line), terminal escapes, bidi overrides. Shown escaped, as \n or \u202e.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """*text* with every character that could forge or garble a line of output escaped."""
    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return {0x0A: "\\n", 0x0D: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return _UNSAFE.sub(escape, text)


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the content folder: a path relative to it, 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True)
class Problem:
    severity: Severity
    location: Location
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """``path:line:col: error: message (hint)``, the form editors and CI tools understand.

        Always one line: a file name or a quoted value with a line break, a terminal escape or a bidi
        override cannot forge another problem, hide one, or garble the terminal (they are escaped).
        """
        text = f"{self.location}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            "message": self.message,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        return self.format()


class Problems:
    """An ordered collection of problems with helpers to add them."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self._items.append(Problem(Severity.ERROR, location, message, hint))

    def warning(self, location: Location, message: str, hint: str = "") -> None:
        self._items.append(Problem(Severity.WARNING, location, message, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(self._items, key=lambda p: (p.location, p.severity.value, p.message))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint such as ``did you mean 'video'?``, or '' when nothing is close."""
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def summary(problems: Iterable[Problem]) -> str:
    items = list(problems)
    errors = sum(1 for p in items if p.is_error)
    warnings = len(items) - errors
    if not items:
        return "no problems found"

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
