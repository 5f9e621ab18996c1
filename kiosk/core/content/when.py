"""Dates as collections write them: EDTF, the Library of Congress Extended Date/Time Format.

``1898`` (a year), ``1967-08`` (a month), ``1972-12-18`` (a day), ``1972-12-18T19:40`` (a moment),
``1898/1902`` (an interval), ``1954~`` (approximate), ``1954?`` (uncertain), ``1954%`` (both),
``197X`` (a decade), ``19XX`` (a century), ``1972-21`` (spring 1972; 22 summer, 23 autumn, 24 winter),
``1985/..`` (since 1985), ``../1900`` (until 1900), ``1985/`` (end unknown), ``-0044`` (44 BCE).

The reference parser is the ``edtf`` package (https://github.com/ixc/python-edtf), which reads every
level of the standard. It builds a large pyparsing grammar (a quarter of a second to import) and takes
about 12 ms a date, which for hundreds of chapters would be seconds of every content load; so the forms
above are read by :func:`parse` itself, and anything else (sets such as ``[1667,1668]``, level-2
qualifiers on parts of a date, exponential years) by the library. ``tests/core/content/test_when.py``
checks that both agree on every form the fast path reads.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

# precision of a point, from the coarsest
CENTURY, DECADE, YEAR, SEASON, MONTH, DAY, MINUTE = "century", "decade", "year", "season", "month", "day", "minute"
UNITS = (CENTURY, DECADE, YEAR, SEASON, MONTH, DAY, MINUTE)
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}  # as the edtf package reads them


@dataclass(frozen=True)
class Point:
    """One date as precise as it was written: 1898, 1967-08, 1972-12-18, 1972-12-18T19:40, 197X ..."""

    year: int
    month: int = 0   # 0: not given
    day: int = 0     # 0: not given
    hour: int = -1   # -1: no time of day
    minute: int = 0
    unit: str = YEAR
    season: int = 0  # 21..24 when unit is SEASON
    approximate: bool = False
    uncertain: bool = False

    def lower(self) -> tuple[int, int, int]:
        """The first day it can mean, as (year, month, day)."""
        if self.unit == SEASON:
            return (self.year, _SEASON_MONTHS[self.season][0], 1)
        return (self.year, self.month or 1, self.day or 1)

    def upper(self) -> tuple[int, int, int]:
        """The last day it can mean."""
        if self.unit == CENTURY:
            return (self.year + 99, 12, 31)
        if self.unit == DECADE:
            return (self.year + 9, 12, 31)
        if self.unit == SEASON:
            month = _SEASON_MONTHS[self.season][1]
            return (self.year, month, _month_days(self.year, month))
        if not self.month:
            return (self.year, 12, 31)
        if not self.day:
            return (self.year, self.month, _month_days(self.year, self.month))
        return (self.year, self.month, self.day)


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1] if year >= 1 else (29 if month == 2 else 31 if month in
                                                                    (1, 3, 5, 7, 8, 10, 12) else 30)


OPEN, UNKNOWN = "open", "unknown"  # an interval's missing end: '..' (goes on) or '' (not known)


@dataclass(frozen=True)
class When:
    """A date or an interval, as written (``text``) and as understood."""

    text: str
    start: Point | None = None  # None only for an interval whose start is open or unknown
    end: Point | None = None    # None for a single date, or an open/unknown end
    interval: bool = False
    missing_start: str = ""     # OPEN or UNKNOWN when the interval has no start
    missing_end: str = ""
    one_of: bool = False        # one of several dates (EDTF sets), shown as 'a or b'
    extra: bool = False         # read by the edtf package (a form the fast path does not know)

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for p in (self.start, self.end) if p is not None)

    def lower(self) -> tuple[int, int, int] | None:
        return self.start.lower() if self.start else None

    def upper(self) -> tuple[int, int, int] | None:
        if self.interval or self.one_of:
            return self.end.upper() if self.end else None
        return self.start.upper() if self.start else None

    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        lo = self.lower() or (self.upper() or (-10**9, 1, 1))
        hi = self.upper() or lo
        return (lo, hi)

    @property
    def unit(self) -> str:
        """The finest precision among its points."""
        units = [p.unit for p in self.points]
        return max(units, key=UNITS.index) if units else YEAR

    @property
    def single_day(self) -> bool:
        return not self.interval and not self.one_of and self.start is not None and self.start.unit in (DAY, MINUTE)


class DateError(ValueError):
    """Not a date in EDTF; the message says why, for staff."""


_POINT = re.compile(
    r"(?P<year>-?\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX)"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
    r"(?P<q>[?~%])?"
)


def _point(text: str) -> Point:
    m = _POINT.fullmatch(text)
    if not m:
        raise DateError(text)
    y, mo, d, q = m["year"], m["month"], m["day"], m["q"]
    if "X" in y:
        if mo:
            raise DateError("a decade or century (197X, 19XX) has no month")
        unit = DECADE if y.endswith("X") and not y.endswith("XX") else CENTURY
        year = int(y.replace("X", "0"))
        return Point(year, unit=unit, approximate=q in ("~", "%"), uncertain=q in ("?", "%"))
    year = int(y)
    if year == 0 and y.startswith("-"):
        raise DateError("there is no year -0000; write 0000 for 1 BCE")
    month = day = 0
    hour, minute = -1, 0
    unit, season = YEAR, 0
    if mo and mo != "XX":
        value = int(mo)
        if 21 <= value <= 24:
            if d:
                raise DateError("a season (21 to 24) has no day")
            unit, season = SEASON, value
        elif 1 <= value <= 12:
            month, unit = value, MONTH
        else:
            raise DateError(f"there is no month {mo} (01 to 12; 21 to 24 for the seasons)")
    elif mo == "XX" and d and d != "XX":
        raise DateError("a day needs its month (write 1898-XX-XX, or the month)")
    if d and d != "XX" and month:
        value = int(d)
        if not 1 <= value <= _month_days(year, month):
            raise DateError(f"there is no day {d} in {year:04d}-{month:02d}")
        day, unit = value, DAY
        if m["hour"] is not None:
            hour, minute = int(m["hour"]), int(m["minute"])
            second = int(m["second"] or 0)
            if hour > 23 or minute > 59 or second > 59:
                raise DateError(f"there is no time {m['hour']}:{m['minute']}")
            unit = MINUTE
    elif d == "XX" and m["hour"] is not None:
        raise DateError("a time needs its day")
    return Point(year, month, day, hour, minute, unit, season, approximate=q in ("~", "%"),
                 uncertain=q in ("?", "%"))


def parse(text: str) -> When:
    """The date *text* means, or :class:`DateError` saying why it is none."""
    text = text.strip()
    if not text:
        raise DateError("the date is empty")
    try:
        return _parse_fast(text)
    except DateError as fast_error:
        if str(fast_error) != text or not _maybe_extended(text):
            # a date of the forms read here that is wrong (no day 30 in February) is said so, never retried
            raise DateError(_explain(text, fast_error)) from None
        return _parse_library(text, fast_error)


def _parse_fast(text: str) -> When:
    if "/" not in text:
        return When(text, _point(text))
    if text.count("/") != 1:
        raise DateError(text)
    left, right = text.split("/")
    start = end = None
    missing_start = missing_end = ""
    if left in ("..", ""):
        missing_start = OPEN if left == ".." else UNKNOWN
    else:
        start = _point(left)
    if right in ("..", ""):
        missing_end = OPEN if right == ".." else UNKNOWN
    else:
        end = _point(right)
    if start is None and end is None:
        raise DateError("an interval needs at least one end")
    if start is not None and end is not None and start.lower() > end.upper():
        raise DateError(f"the interval ends ({right}) before it starts ({left})")
    return When(text, start, end, interval=True, missing_start=missing_start, missing_end=missing_end)


def _maybe_extended(text: str) -> bool:
    """Whether *text* looks like a form only the full EDTF grammar reads (sets, level-2 qualifiers, long years)."""
    return bool(re.search(r"[\[\]{}]|^Y|[0-9X][?~%]-|E\d|S\d|^\d{4}-(2[5-9]|3\d|4[01])$|^[?~%]", text))


def _parse_library(text: str, fast_error: DateError) -> When:
    try:
        from edtf import parse_edtf
        from edtf.parser.edtf_exceptions import EDTFParseException
    except ImportError:  # pragma: no cover - a dependency; a broken install still gets a message
        raise DateError(_explain(text, fast_error)) from None
    try:
        value = parse_edtf(text)
    except (EDTFParseException, ValueError, TypeError, AttributeError, OverflowError):
        raise DateError(_explain(text, fast_error)) from None
    try:
        lo, hi = value.lower_strict(), value.upper_strict()
    except (ValueError, TypeError, AttributeError, OverflowError):
        raise DateError(_explain(text, fast_error)) from None
    if not hasattr(lo, "tm_year") or not hasattr(hi, "tm_year"):
        raise DateError(f"'{text}' has no end the kiosk can place on a timeline")
    approx = bool(getattr(value, "is_approximate", False))
    uncertain = bool(getattr(value, "is_uncertain", False))
    start = _point_between((lo.tm_year, lo.tm_mon, lo.tm_mday), None, approx, uncertain)
    end = _point_between(None, (hi.tm_year, hi.tm_mon, hi.tm_mday), approx, uncertain)
    one_of = type(value).__name__ == "OneOfASet"
    if start == end or (start.lower() == end.lower() and start.upper() == end.upper()):
        return When(text, start, extra=True)
    return When(text, start, end, interval=not one_of, one_of=one_of, extra=True)


def _point_between(lo: tuple[int, int, int] | None, hi: tuple[int, int, int] | None, approximate: bool,
                   uncertain: bool) -> Point:
    """The coarsest point that starts at *lo* (or ends at *hi*): a year when it is 1 January (31 December) ..."""
    if lo is not None:
        y, m, d = lo
        if (m, d) == (1, 1):
            return Point(y, unit=YEAR, approximate=approximate, uncertain=uncertain)
        if d == 1:
            return Point(y, m, unit=MONTH, approximate=approximate, uncertain=uncertain)
    elif hi is not None:
        y, m, d = hi
        if (m, d) == (12, 31):
            return Point(y, unit=YEAR, approximate=approximate, uncertain=uncertain)
        if d == _month_days(y, m):
            return Point(y, m, unit=MONTH, approximate=approximate, uncertain=uncertain)
    else:
        raise TypeError("a point between needs a start or an end")
    return Point(y, m, d, unit=DAY, approximate=approximate, uncertain=uncertain)


EXAMPLES = "e.g. 1898, 1967-08, 1898-09-12, 1898/1902, 1954~ (about), 1954? (uncertain), 197X (the 1970s)"


def _explain(text: str, error: DateError) -> str:
    reason = str(error)
    if reason and reason != text:
        return f"'{text}' is not a date: {reason}"
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}", text):
        return f"'{text}' is not an EDTF date: write the year first (YYYY-MM-DD)"
    if re.fullmatch(r"\d{4}\s*[-–—]\s*\d{4}", text):
        return f"'{text}' is not an EDTF date: write an interval with a slash ({text[:4]}/{text[-4:]})"
    if re.search(r"\b(ca?\.?|circa|about|vers|um)\b", text, re.IGNORECASE):
        return f"'{text}' is not an EDTF date: write an approximate date with '~' after it (1954~)"
    return f"'{text}' is not an EDTF date"
