"""Reading the event files back: :func:`load_events` (one or several files, read-only) and
:func:`summarize` (events to plain, JSON-able tables)."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.analytics.store import BUSY_TIMEOUT_S, COMPLETE, TOP, is_corrupt

# -- reports ---------------------------------------------------------------------------------------------

class ReportError(Exception):
    """A file that cannot be read as an analytics database."""


@dataclass(frozen=True, slots=True)
class Event:
    ts: float
    day: str
    session: int | None
    kind: str
    page: str | None = None
    lang: str | None = None
    value: float | None = None
    detail: str | None = None
    source: str = ""  # which kiosk (its name, else its file name): sessions are numbered per source


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_day(value: date | str) -> str:
    """A date as YYYY-MM-DD; ValueError for anything else."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not _DAY.fullmatch(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got '{value}'")
    return date.fromisoformat(text).isoformat()  # also rejects 2024-02-30


def _read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)


# one row of the events table: ts, day, session, kind, page, lang, value, detail
_Row = tuple[float, str, int | None, str, str | None, str | None, float | None, str | None]


def _read_file(path: Path, since: str | None, until: str | None) -> tuple[str | None, list[_Row]]:
    sql = "SELECT ts, day, session, kind, page, lang, value, detail FROM events"
    where, params = [], []
    if since:
        where.append("day >= ?")
        params.append(since)
    if until:
        where.append("day <= ?")
        params.append(until)
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY ts, id"
    last: sqlite3.Error | None = None
    # Without -wal and -shm files no kiosk has the file open (its writer keeps both while it runs):
    # read it as immutable, which leaves no -wal/-shm behind next to a copied file. Otherwise read
    # through the WAL; should that fail (a read-only folder cannot hold the -shm index), immutable.
    idle = not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))
    for immutable in ((True,) if idle else (False, True)):
        try:
            with contextlib.closing(_read_only(path, immutable)) as conn:
                tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if "events" not in tables:
                    raise ReportError(f"{path} is not a kiosk analytics database (it has no events table)")
                kiosk = None
                if "meta" in tables:
                    row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk'").fetchone()
                    kiosk = row[0] if row else None
                return kiosk, conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            if is_corrupt(exc):
                raise ReportError(f"{path} is damaged or not a database ({exc})") from None
            last = exc
    raise ReportError(f"cannot read {path}: {last}")


def load_events(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
                since: date | str | None = None, until: date | str | None = None) -> list[Event]:
    """The events of one or several databases between the days *since* and *until* (both included).

    Read-only: a running kiosk can keep writing. Events are ordered by time; each carries its
    ``source`` (the kiosk's name, else the file's name), because every kiosk numbers its own sessions.
    FileNotFoundError for a missing file, ReportError for one that is not an analytics database.
    """
    files = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(p) for p in paths]
    lo = as_day(since) if since else None
    hi = as_day(until) if until else None
    events: list[Event] = []
    seen: Counter[str] = Counter()
    for path in files:
        if not path.is_file():
            raise FileNotFoundError(f"no analytics database at {path}")
        kiosk, rows = _read_file(path, lo, hi)
        source = kiosk or path.name
        seen[source] += 1
        if seen[source] > 1:
            source = f"{source} ({seen[source]})"
        events.extend(Event(*row, source=source) for row in rows)
    events.sort(key=lambda e: e.ts)
    return events


def _median(values: Iterable[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return statistics.median(found) if found else None


def _days_between(first: str, last: str) -> list[str]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def summarize(events: Iterable[Event], *, since: date | str | None = None, until: date | str | None = None,
              pages: Iterable[str] = ()) -> dict[str, Any]:
    """Plain tables (lists of dicts, JSON-able) for the report.

    *pages*: every route of the exhibit, so that pages nobody opened appear among the least visited.
    Shares are fractions 0..1; times are seconds. A session's language is the last one chosen in it
    (else the one shown when it started). Hours of day are in this computer's local time.
    """
    events = sorted(events, key=lambda e: e.ts)
    days = sorted({e.day for e in events})
    period_from = as_day(since) if since else (days[0] if days else None)
    period_to = as_day(until) if until else (days[-1] if days else None)

    starts = [e for e in events if e.kind == "session_start"]
    n_sessions = len(starts)
    per_day = Counter(e.day for e in starts)
    per_hour = Counter(time.localtime(e.ts).tm_hour for e in starts)
    sessions_per_day = [{"day": d, "sessions": per_day[d]} for d in (_days_between(days[0], days[-1]) if days else [])]
    sessions_per_hour = [{"hour": h, "sessions": per_hour[h]} for h in range(24)]

    dwell: dict[str, list[float | None]] = defaultdict(list)
    for e in events:
        if e.kind == "page_view":
            dwell[e.page or "(unknown)"].append(e.value)
    for page in pages:
        dwell.setdefault(page, [])
    page_rows: list[dict[str, Any]] = [{"page": p, "views": len(v), "median_dwell_s": _median(v)}
                                       for p, v in dwell.items()]
    page_rows.sort(key=lambda r: (-r["views"], r["page"]))

    plays: dict[str, list[float]] = defaultdict(list)
    for e in events:
        if e.kind == "media_play" and e.value is not None:
            plays[e.detail or "(unknown)"].append(min(1.0, max(0.0, e.value)))

    def media_row(fractions: list[float]) -> dict[str, Any]:
        return {"plays": len(fractions), "median_fraction": _median(fractions),
                "completed_share": sum(f >= COMPLETE for f in fractions) / len(fractions) if fractions else None}

    media_rows = sorted(({"media": m, **media_row(f)} for m, f in plays.items()),
                        key=lambda r: (-r["plays"], r["media"]))
    every_play = [f for fractions in plays.values() for f in fractions]

    answers: dict[tuple[str, str], list[float]] = defaultdict(list)
    for e in events:
        if e.kind == "quiz_answer" and e.value is not None:
            answers[(e.page or "(unknown)", e.detail or "?")].append(e.value)
    question_rows: list[dict[str, Any]] = []
    for (quiz, question), values in answers.items():
        wrong = sum(v <= 0 for v in values)
        index = int(question) if question.isdigit() else None
        question_rows.append({"quiz": quiz, "question_index": index,
                              "question_number": index + 1 if index is not None else None,
                              "answers": len(values), "wrong": wrong, "wrong_share": wrong / len(values)})
    question_rows.sort(key=lambda r: (-r["wrong_share"], -r["wrong"], r["quiz"],
                                      r["question_index"] if r["question_index"] is not None else -1))

    session_lang: dict[tuple[str, int], str] = {}
    choices: Counter[str] = Counter()
    for e in events:
        if e.kind == "language" and e.lang:
            choices[e.lang] += 1
        if e.kind in ("session_start", "language") and e.lang and e.session is not None:
            session_lang[(e.source, e.session)] = e.lang
    lang_sessions = Counter(session_lang.values())
    known = sum(lang_sessions.values())
    language_rows: list[dict[str, Any]] = [
        {"lang": lang, "sessions": lang_sessions[lang], "share": lang_sessions[lang] / known if known else None,
         "choices": choices[lang]} for lang in set(lang_sessions) | set(choices)]
    language_rows.sort(key=lambda r: (-r["sessions"], -r["choices"], r["lang"]))

    a11y_uses: Counter[str] = Counter()
    a11y_sessions: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for e in events:
        if e.kind == "a11y_mode" and (e.value is None or e.value > 0):
            mode = e.detail or "(unknown)"
            a11y_uses[mode] += 1
            if e.session is not None:
                a11y_sessions[mode].add((e.source, e.session))
    a11y_rows: list[dict[str, Any]] = [
        {"mode": m, "uses": a11y_uses[m], "sessions": len(a11y_sessions[m]),
         "share_of_sessions": len(a11y_sessions[m]) / n_sessions if n_sessions else None} for m in a11y_uses]
    a11y_rows.sort(key=lambda r: (-r["uses"], r["mode"]))

    return {
        "period": {"from": period_from, "to": period_to},
        "totals": {
            "events": len(events),
            "sessions": n_sessions,
            "page_views": sum(len(v) for v in dwell.values()),
            "media_plays": len(every_play),
            "quiz_answers": sum(len(v) for v in answers.values()),
            "kiosks": sorted({e.source for e in events if e.source}),
        },
        "median_session_s": _median(e.value for e in events if e.kind == "session_end"),
        "sessions_per_day": sessions_per_day,
        "sessions_per_hour": sessions_per_hour,
        "pages": page_rows,
        "most_visited": page_rows[:TOP],
        "least_visited": sorted(page_rows, key=lambda r: (r["views"], r["page"]))[:TOP],
        "media": media_rows,
        "media_overall": media_row(every_play),
        "questions": question_rows,
        "missed_questions": [r for r in question_rows if r["wrong"]][:TOP],
        "languages": language_rows,
        "a11y": a11y_rows,
    }


