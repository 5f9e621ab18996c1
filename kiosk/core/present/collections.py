"""Long collections: how a timeline of any span is labelled and grouped, and how hundreds of people are indexed.

Nothing here knows an exhibit: the scale comes from the chapters' own dates (a night, a month, a century),
the groups from the exhibit's eras and people groups or, without them, from the calendar (months, years,
decades, centuries) and the alphabet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.core.content import model
from kiosk.core.content.when import CENTURY, DECADE, MINUTE, MONTH, YEAR, Point, When

# a timeline longer than this is grouped (its groups are a quick way to jump); a people list too
TIMELINE_GROUPING = 12
PEOPLE_INDEX = 24
MAX_GROUPS = 16


@dataclass(frozen=True)
class Scale:
    """How a timeline's labels are written: with the year (chapters in several years) or without it, and
    the time alone (every chapter a moment of the same day)."""

    with_year: bool = True
    time_only: bool = False


def timeline_scale(chapters: tuple[model.Chapter, ...]) -> Scale:
    dated = [c.date for c in chapters if c.kind == model.CHAPTER and c.date is not None and c.date.lower()]
    if not dated:
        return Scale()
    years = {_lower(d)[0] for d in dated} | {upper[0] for d in dated if (upper := d.upper())}
    days = {d.lower() for d in dated}
    time_only = all(d.unit == MINUTE and not d.interval for d in dated) and len(days) == 1
    return Scale(with_year=len(years) > 1, time_only=time_only)


@dataclass(frozen=True)
class Group:
    """A run of items (chapters or people) shown under one heading."""

    first: int                       # index of its first item in the list
    count: int
    kind: str                        # era, prologue, epilogue, themes, calendar, group, letter
    era: model.Era | None = None
    when: When | None = None         # calendar groups: the month, year, decade or century
    title: model.Localized | None = None  # people groups
    key: str = ""                    # letters: the letter


def timeline_groups(chapters: tuple[model.Chapter, ...], story: model.Section | None) -> list[Group]:
    """The timeline's groups: the exhibit's eras when it declares them, else (for a long timeline) the
    calendar unit that makes at most :data:`MAX_GROUPS` groups. Prologues, epilogues and undated chapters
    (themes) get groups of their own. A short timeline without eras has no groups."""
    eras = story.eras if story else ()
    if not eras and len(chapters) <= TIMELINE_GROUPING:
        return []
    # a chapter's group: (prologue,), (epilogue,), (themes,), (era, the Era) or (calendar, None)
    keys: list[tuple[str, *tuple[Any, ...]]] = []
    for c in chapters:
        if c.kind in (model.PROLOGUE, model.EPILOGUE):
            keys.append((c.kind,))
        elif c.date is None or c.date.lower() is None:
            keys.append(("themes",))
        elif eras:
            era = _era_of(c.date, eras)
            keys.append(("era", era) if era is not None else ("calendar", None))
        else:
            keys.append(("calendar", None))
    # a chapter is in the calendar only when it has a date with a start
    dated = [c.date for c, k in zip(chapters, keys, strict=True) if k[0] == "calendar" and c.date is not None]
    unit = _calendar_unit(dated)
    keyed: list[tuple[str, *tuple[Any, ...]]] = []
    for c, k in zip(chapters, keys, strict=True):
        keyed.append(("calendar", _bucket(c.date, unit)) if k[0] == "calendar" and c.date is not None else k)
    out: list[Group] = []
    for i, k in enumerate(keyed):
        if out and _same(out[-1], k):
            out[-1] = Group(out[-1].first, out[-1].count + 1, out[-1].kind, out[-1].era, out[-1].when)
            continue
        if k[0] == "era":
            out.append(Group(i, 1, "era", era=k[1]))
        elif k[0] == "calendar":
            out.append(Group(i, 1, "calendar", when=k[1]))
        else:
            out.append(Group(i, 1, k[0]))
    # groups help only when the chapters themselves fall into several (not one month between a prologue
    # and an epilogue)
    return out if sum(1 for g in out if g.kind not in (model.PROLOGUE, model.EPILOGUE)) > 1 else []


def _same(group: Group, key: tuple[str, *tuple[Any, ...]]) -> bool:
    if key[0] == "era":
        return group.kind == "era" and group.era is key[1]
    if key[0] == "calendar":
        return group.kind == "calendar" and group.when == key[1]
    return group.kind == key[0]


def _lower(when: When) -> tuple[int, int, int]:
    """The start of a date that has one (the callers keep only those)."""
    lo = when.lower()
    if lo is None:
        raise ValueError(f"the date {when.text} has no start")
    return lo


def _era_of(when: When, eras: tuple[model.Era, ...]) -> model.Era | None:
    lo = _lower(when)
    for era in eras:
        start, end = era.dates.lower(), era.dates.upper()
        if (start is None or lo >= start) and (end is None or lo <= end):
            return era
    return None


def _calendar_unit(dated: list[When]) -> str:
    """The finest calendar unit that makes at most MAX_GROUPS groups of these dates."""
    for unit in (MONTH, YEAR, DECADE, CENTURY):
        if len({_bucket(d, unit) for d in dated}) <= MAX_GROUPS:
            return unit
    return CENTURY


def _bucket(when: When, unit: str) -> When:
    y, m, _ = _lower(when)
    if unit == MONTH:
        return When(f"{y:04d}-{m:02d}", Point(y, m, unit=MONTH))
    if unit == YEAR:
        return When(f"{y:04d}", Point(y, unit=YEAR))
    if unit == DECADE:
        start = y - y % 10
        return When(f"{start // 10:03d}X", Point(start, unit=DECADE))
    start = y - y % 100
    return When(f"{start // 100:02d}XX", Point(start, unit=CENTURY))


# -- people ---------------------------------------------------------------------------------------

def index_letter(w: model.Witness) -> str:
    """The letter a person is indexed under: the first letter of how the name is sorted, without accents
    ('Ð' and 'Đ' as D); a name that does not start with a letter is under '#'."""
    key = w.sort_key
    if not key or not key[0].isalpha():
        return "#"
    return key[0].upper()


def people_groups(people: tuple[model.Witness, ...], section: model.Section | None) -> list[Group]:
    """The people list's groups: the section's own groups when it declares them (people in none under
    'Others'), else, for a long list, one group per initial letter."""
    declared = {g.id: g for g in (section.groups if section else ())}
    if declared:
        out: list[Group] = []
        for i, w in enumerate(people):
            group = declared.get(w.group)
            key = group.id if group else ""
            if out and out[-1].key == key:
                out[-1] = Group(out[-1].first, out[-1].count + 1, "group", title=out[-1].title, key=key)
            else:
                out.append(Group(i, 1, "group", title=group.title if group else None, key=key))
        return out
    if len(people) <= PEOPLE_INDEX:
        return []
    out = []
    for i, w in enumerate(people):
        letter = index_letter(w)
        if out and out[-1].key == letter:
            out[-1] = Group(out[-1].first, out[-1].count + 1, "letter", key=letter)
        else:
            out.append(Group(i, 1, "letter", key=letter))
    return out

