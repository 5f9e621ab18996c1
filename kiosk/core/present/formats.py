"""Dates, numbers and units in the visitor's language: CLDR through Babel, with the catalogue's own words.

One :class:`Formats` per visitor language: ``Formats("fr", labels)`` writes "12 septembre 1898",
"vers 1954", "1898–1902", "1 000 mm"; ``Formats("vi", labels)`` "ngày 18 tháng 12 năm 1972" (the
Vietnamese catalogue's own day pattern). The words around dates (circa, since, seasons, decades) are
labels of the catalogue (:mod:`kiosk.core.i18n.labels`); the calendar's words and orders are CLDR's.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from kiosk.core.content.when import CENTURY, DAY, DECADE, MINUTE, MONTH, SEASON, SEASONS, YEAR, Point, When
from kiosk.core.i18n import locales
from kiosk.core.i18n.catalogue import Labels

# the catalogue's pattern label for each precision (full, and short without the year)
_FULL = {YEAR: "patternYear", MONTH: "patternMonth", DAY: "patternDay", MINUTE: "patternDay"}
_SHORT = {MONTH: "patternMonthShort", DAY: "patternDayShort", MINUTE: "patternDayShort"}


class Formats:
    """How one visitor language writes dates and numbers."""

    def __init__(self, locale_tag: str, labels: Labels) -> None:
        self.locale = locales.locale(locale_tag)
        self.labels = labels

    # -- numbers -----------------------------------------------------------------------------------
    def number(self, value: int | float | str) -> str:
        """1000 -> '1 000' (fr), '1.000' (vi, de), '1,000' (en); a text is left as it is."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        from babel.numbers import format_decimal

        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def measure(self, value: int | float, unit: str) -> str:
        """1000, 'millimeter' -> '1 000 mm' (fr); the unit's short form and plural from CLDR."""
        from babel.units import UnknownUnitError, format_unit

        try:
            return format_unit(value, unit, length="short", locale=self.locale)
        except (UnknownUnitError, ValueError, KeyError):
            return f"{self.number(value)} {unit}"

    # -- dates ---------------------------------------------------------------------------------------
    def date(self, when: When | None) -> str:
        """The whole date, as a caption says it: '12 septembre 1898', 'vers 1954', '1898–1902'."""
        if when is None:
            return ""
        if when.one_of and when.start and when.end:
            return self.labels.text("dateOneOf", first=self.point(when.start), second=self.point(when.end))
        if not when.interval:
            return self.point(when.start) if when.start else ""
        return self._interval(when, short=False)

    def short(self, when: When | None, *, with_year: bool = True, time_only: bool = False) -> str:
        """A timeline's label: '18 Dec' (the year said elsewhere), '1898', 'c. 1954', '13–17 Dec'."""
        if when is None:
            return ""
        if when.one_of and when.start and when.end:
            return self.labels.text("dateOneOf", first=self.point(when.start, short=True, with_year=with_year),
                                    second=self.point(when.end, short=True, with_year=with_year))
        if not when.interval:
            if when.start is None:
                return ""
            return self.point(when.start, short=True, with_year=with_year, time_only=time_only)
        return self._interval(when, short=True, with_year=with_year)

    def point(self, p: Point, *, short: bool = False, with_year: bool = True, time_only: bool = False) -> str:
        text = self._bare(p, short=short, with_year=with_year, time_only=time_only)
        if p.approximate and p.uncertain:
            return self.labels.text("dateCircaUncertain", date=text)
        if p.approximate:
            return self.labels.text("dateCirca", date=text)
        if p.uncertain:
            return self.labels.text("dateUncertain", date=text)
        return text

    def year(self, year: int) -> str:
        """A year alone: '1898', '1898年', '44 BCE'."""
        if year <= 0:
            return self.labels.text("dateBce", year=str(1 - year))
        return self._pattern("patternYear", dt.date(year, 1, 1))

    def _bare(self, p: Point, *, short: bool, with_year: bool, time_only: bool = False) -> str:
        if p.unit == CENTURY:
            return self.labels.text("dateRange", start=self.year(p.year), end=self.year(p.year + 99))
        if p.unit == DECADE:
            return self.labels.text("dateDecade", year=str(p.year))
        if p.unit == SEASON:
            return self.labels.text("season" + SEASONS[p.season].capitalize(),
                                    year=self.year(p.year) if p.year <= 0 else str(p.year))
        if p.year <= 0 or p.unit == YEAR:
            return self.year(p.year)
        day = dt.date(p.year, p.month or 1, p.day or 1)
        if p.unit == MINUTE:
            time = self._pattern("patternTime", dt.time(p.hour, p.minute))
            if time_only:
                return time
            date = self._pattern(_SHORT[DAY] if short and not with_year else _FULL[DAY], day)
            return self.labels.text("dateAtTime", date=date, time=time)
        key = _SHORT[p.unit] if short and not with_year else _FULL[p.unit]
        return self._pattern(key, day)

    def _pattern(self, key: str, value: dt.date | dt.time) -> str:
        from babel.dates import format_date, format_skeleton, format_time

        explicit = self.labels.pattern(key)
        skeleton = _skeleton(key)
        try:
            if explicit:
                if isinstance(value, dt.time):
                    return format_time(value, explicit, locale=self.locale)
                return format_date(value, explicit, locale=self.locale)
            return format_skeleton(skeleton, value, locale=self.locale)
        except (ValueError, KeyError, TypeError, AttributeError):
            return value.isoformat()

    def _interval(self, when: When, *, short: bool, with_year: bool = True) -> str:
        s, e = when.start, when.end
        if s is None:
            if e is None:
                return ""
            key = "dateUntil" if when.missing_start == "open" else "dateUnknownStart"
            return self.labels.text(key, date=self.point(e, short=short, with_year=with_year))
        if e is None:
            key = "dateSince" if when.missing_end == "open" else "dateUnknownEnd"
            return self.labels.text(key, date=self.point(s, short=short, with_year=with_year))
        calendar = self._calendar_interval(s, e, short=short, with_year=with_year)
        if calendar:
            return calendar
        a = self.point(s, short=short, with_year=with_year)
        b = self.point(e, short=short, with_year=with_year)
        return _collapse(a, b, self.labels.raw("dateRange"))

    def _calendar_interval(self, s: Point, e: Point, *, short: bool, with_year: bool) -> str:
        """CLDR's own interval ('18–29 déc. 1972', '1898–1902'), when both ends are plain dates of one
        precision and the catalogue does not write that precision its own way."""
        if s.unit != e.unit or s.unit not in (YEAR, MONTH, DAY) or any(
                p.approximate or p.uncertain or p.year <= 0 for p in (s, e)):
            return ""
        key = _SHORT.get(s.unit, _FULL[s.unit]) if short and not with_year else _FULL[s.unit]
        if self.labels.pattern(key):
            return ""
        skeleton = _skeleton(key)
        if short and with_year and s.unit in (MONTH, DAY):
            skeleton = skeleton.replace("MMMM", "MMM")
        from babel.dates import format_interval

        try:
            a = dt.date(s.year, s.month or 1, s.day or 1)
            b = dt.date(e.year, e.month or 1, e.day or 1)
            return format_interval(a, b, skeleton, locale=self.locale)
        except (ValueError, KeyError, TypeError, AttributeError):
            return ""


@functools.cache
def _skeleton(key: str) -> str:
    from kiosk.core.i18n.labels import LABELS

    return LABELS[key].text


def _collapse(a: str, b: str, template: str) -> str:
    """Two dates as a range, the words they share said once: 'ngày 18 tháng 12 năm 1972' and 'ngày 29 tháng
    12 năm 1972' give 'ngày 18 – 29 tháng 12 năm 1972'. Only whole words are shared (never '197' of 1972 and
    1973); writing without spaces (Chinese, Japanese) shares nothing."""
    wa, wb = a.split(" "), b.split(" ")
    head = 0
    while head < min(len(wa), len(wb)) - 1 and wa[head] == wb[head] and not re.search(r"\d", wa[head]):
        head += 1
    tail = 0
    while tail < min(len(wa), len(wb)) - head - 1 and wa[-1 - tail] == wb[-1 - tail]:
        tail += 1
    if tail == 0:
        head = 0  # the ends differ in their last word (the year): each is said whole
    mid_a = " ".join(wa[head:len(wa) - tail])
    mid_b = " ".join(wb[head:len(wb) - tail])
    if not mid_a or not mid_b:
        return template.format(start=a, end=b)
    ranged = template.format(start=mid_a, end=mid_b)
    return " ".join(part for part in (" ".join(wa[:head]), ranged, " ".join(wa[len(wa) - tail:])) if part)
