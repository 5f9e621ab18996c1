"""Local, anonymous visitor analytics for the museum: what is looked at, not who looks (Qt-free).

What is recorded, and what never is
-----------------------------------
Events describe what the *exhibit* did, never who used it:

* no names, no photos, no sound, no free text typed by visitors, no IP or MAC addresses and no
  device ids; the only identifier is the kiosk name the museum may set (``EventStore(kiosk=...)``),
  so that the files of several kiosks can be merged into one report;
* a visit ("session") is a number from a counter kept in the database (1, 2, 3, ...), not a time
  stamp, a card or a person;
* pages, quiz ids, media file names and accessibility modes come from the exhibit's content and
  the kiosk's own code, never from a visitor; text fields are cut to 200 characters;
* everything stays in one SQLite file on the kiosk, ``data_dir()/analytics.sqlite3``; nothing is
  sent anywhere; events older than ``retention_days`` (365 by default) are deleted when the store
  opens and once a day.

Events (table ``events``; ``ts`` is Unix time, ``day`` the kiosk's local date, YYYY-MM-DD)
------------------------------------------------------------------------------------------
=============  ===========  ======================================  ============================
kind           page         value                                   detail
=============  ===========  ======================================  ============================
session_start  --           --                                      --
session_end    --           visit length in seconds                 --
page_view      route        seconds spent on the page               --
language       --           --                                      -- (``lang`` is the choice)
media_play     route        fraction played, 0..1                   media file name (no folder)
quiz_answer    quiz id      1 correct, 0 wrong                      question index (0 = first
                                                                    in the quiz file)
a11y_mode      --           1 switched on, 0 off                    which mode
=============  ===========  ======================================  ============================

Every event may carry ``lang``, the language shown at the time. ``session`` is filled in by the
writer: the events after a session_start belong to it until the session_end.

Writing never blocks the caller
-------------------------------
:meth:`EventStore.record` only puts a tuple on a :class:`queue.SimpleQueue`. One daemon thread owns
the only write connection and commits in small transactions (every 0.5 s or 100 events). The
database runs in WAL mode with ``synchronous=NORMAL``: a kiosk killed at any moment (power cut
aside) keeps every committed event and an intact file. A damaged file is moved aside as
``analytics.sqlite3.corrupt-<time>`` and a fresh one started; a file that cannot be written at all
turns analytics off with a warning in the log, and the kiosk carries on.

Reports
-------
:func:`load_events` reads one or several files through read-only connections (``kiosk stats
--merge A.db B.db``); :func:`summarize` turns events into plain tables (a JSON-able dict);
:func:`format_summary`, :func:`write_csv` and :func:`write_html` present them for museum staff.
"""

from __future__ import annotations

import contextlib
import csv
import html
import logging
import math
import os
import queue
import re
import sqlite3
import statistics
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DB_FILE = "analytics.sqlite3"
SCHEMA_VERSION = 1
RETENTION_DAYS = 365
KINDS = ("session_start", "session_end", "page_view", "language", "media_play", "quiz_answer", "a11y_mode")
MAX_TEXT = 200  # longest page/lang/detail kept: ids and file names, never prose
COMPLETE = 0.9  # a media file played to at least this fraction counts as watched to the end
TOP = 10  # rows of the "most/least" tables in the text and HTML reports

BATCH_SECONDS = 0.5
BATCH_SIZE = 100
BUSY_TIMEOUT_S = 10.0
PURGE_EVERY_S = 86400.0
IDLE_TICK_S = 60.0

_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    day TEXT NOT NULL,
    session INTEGER,
    kind TEXT NOT NULL,
    page TEXT,
    lang TEXT,
    value REAL,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
CREATE INDEX IF NOT EXISTS events_day_kind ON events (day, kind);
CREATE INDEX IF NOT EXISTS events_session ON events (session);
"""
_INSERT = "INSERT INTO events (ts, day, session, kind, page, lang, value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def data_dir() -> Path:
    """$KIOSK_DATA_DIR, else $XDG_DATA_HOME/kiosk (~/.local/share/kiosk); %LOCALAPPDATA%\\kiosk on Windows."""
    if os.environ.get("KIOSK_DATA_DIR"):
        return Path(os.environ["KIOSK_DATA_DIR"]).expanduser()
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "kiosk"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "kiosk"


def default_db_path() -> Path:
    return data_dir() / DB_FILE


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:MAX_TEXT] if text else None


def _day(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(ts))


class _Corrupt(Exception):
    """PRAGMA quick_check found damage."""


class _TooNew(Exception):
    """The file was written by a newer kiosk (higher schema version): leave it alone."""


def _is_corrupt(exc: BaseException) -> bool:
    if isinstance(exc, _Corrupt):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message


class _Flush:
    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = threading.Event()


class _Purge:
    __slots__ = ("now",)

    def __init__(self, now: float | None) -> None:
        self.now = now


_STOP = object()


class EventStore:
    """Records visitor events into one SQLite file without ever blocking or crashing the caller.

    Call from any thread; the UI typically calls :meth:`start_session`, :meth:`page_view`,
    :meth:`language`, :meth:`media_play`, :meth:`quiz_answer`, :meth:`a11y_mode`,
    :meth:`end_session`, and :meth:`close` when the application quits.
    """

    def __init__(self, path: str | os.PathLike[str], retention_days: int = RETENTION_DAYS, *,
                 kiosk: str | None = None, batch_seconds: float = BATCH_SECONDS, batch_size: int = BATCH_SIZE):
        if retention_days < 1:
            raise ValueError("retention_days must be at least 1")
        self.path = Path(path)
        self.retention_days = int(retention_days)
        self.kiosk = _text(kiosk)
        self._batch_seconds = max(0.0, float(batch_seconds))
        self._batch_size = max(1, int(batch_size))
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._lang: str | None = None  # the language shown now; filled into events that name none
        self._session_t0: float | None = None  # monotonic start of the open session
        # The writer thread's own state: nothing else touches these.
        self._conn: sqlite3.Connection | None = None
        self._session: int | None = None
        self._failing = False
        self._last_purge = 0.0
        self._written = 0
        self._dropped = 0
        self._thread = threading.Thread(target=self._run, name="kiosk-analytics-writer", daemon=True)
        self._thread.start()

    # -- the caller's side: cheap, never blocks -------------------------------------------------------

    def record(self, kind: str, *, page: str | None = None, lang: str | None = None, value: float | None = None,
               detail: str | None = None, ts: float | None = None) -> None:
        """Queue one event (see the module docstring for the fields of each kind); returns at once.

        An unknown *kind* is a programming error (ValueError); problems with the database file never
        reach the caller. After :meth:`close`, events are ignored.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown analytics event kind '{kind}' (one of: {', '.join(KINDS)})")
        if self._closed:
            return
        if ts is not None and not math.isfinite(ts):
            raise ValueError(f"analytics event time must be a finite number, got {ts!r}")
        self._queue.put((time.time() if ts is None else float(ts), kind, _text(page),
                         _text(lang if lang is not None else self._lang),
                         None if value is None else float(value), _text(detail)))

    def start_session(self, lang: str | None = None) -> None:
        """A visitor starts using the kiosk (first touch after the attract loop). *lang*: the language shown."""
        if lang is not None:
            self._lang = _text(lang)
        self._session_t0 = time.monotonic()
        self.record("session_start")

    def end_session(self, duration: float | None = None) -> None:
        """The visit ends (idle timeout). *duration* in seconds, else measured since :meth:`start_session`."""
        if duration is None:
            if self._session_t0 is None:
                return
            duration = time.monotonic() - self._session_t0
        self._session_t0 = None
        self.record("session_end", value=max(0.0, float(duration)))

    def page_view(self, page: str, dwell: float, lang: str | None = None) -> None:
        """The visitor left *page* (a route such as ``story/1972-12-18``) after *dwell* seconds."""
        self.record("page_view", page=page, value=max(0.0, float(dwell)), lang=lang)

    def language(self, lang: str) -> None:
        """The visitor chose the language *lang* (also filled into the following events)."""
        self._lang = _text(lang)
        self.record("language", lang=lang)

    def media_play(self, page: str, fraction: float, file: str | os.PathLike[str]) -> None:
        """A video or sound on *page* stopped after playing *fraction* (0..1) of *file* (only its name is kept)."""
        self.record("media_play", page=page, value=min(1.0, max(0.0, float(fraction))),
                    detail=Path(os.fspath(file).replace("\\", "/")).name)

    def quiz_answer(self, quiz: str, question: int, correct: bool) -> None:
        """An answer to question number *question* of *quiz*.

        *question* is the question's position in the quiz file (0 = first), not its shuffled
        position on screen.
        """
        self.record("quiz_answer", page=quiz, detail=str(int(question)), value=1.0 if correct else 0.0)

    def a11y_mode(self, mode: str, on: bool = True) -> None:
        """An accessibility mode (e.g. ``large-text``, ``high-contrast``, ``audio``) was switched on or off."""
        self.record("a11y_mode", detail=mode, value=1.0 if on else 0.0)

    def purge(self, now: float | None = None) -> None:
        """Queue the deletion of the events older than ``retention_days`` before *now* (default: now)."""
        if not self._closed:
            self._queue.put(_Purge(now))

    def flush(self, timeout: float | None = 5.0) -> bool:
        """Wait until everything queued so far is written (or dropped). False if *timeout* ran out."""
        if self._closed or not self._thread.is_alive():
            self._thread.join(timeout)  # after close(), the writer drains the queue and stops
            return not self._thread.is_alive()
        marker = _Flush()
        self._queue.put(marker)
        return marker.done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> bool:
        """Write what is queued, close the database and stop the writer. Safe to call twice."""
        if not self._closed:
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def written(self) -> int:
        """Events written since the store opened."""
        return self._written

    @property
    def dropped(self) -> int:
        """Events lost to an unusable database since the store opened."""
        return self._dropped

    @property
    def healthy(self) -> bool:
        """False while events cannot be written (for the staff menu)."""
        return self._conn is not None and not self._failing

    # -- the writer thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        self._open()
        pending: list[tuple] = []
        deadline = 0.0
        while True:
            item: Any = None
            try:
                if time.monotonic() - self._last_purge >= PURGE_EVERY_S:  # daily, busy or not
                    self._purge(None)
                wait = deadline - time.monotonic() if pending else IDLE_TICK_S
                try:
                    item = self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
                except queue.Empty:
                    item = None
                if isinstance(item, tuple):
                    if not pending:
                        deadline = time.monotonic() + self._batch_seconds
                    pending.append(item)
                    if len(pending) >= self._batch_size or time.monotonic() >= deadline:
                        self._write(pending)
                        pending = []
                    continue
                if pending:  # a timer tick or a command: first write what came before it
                    self._write(pending)
                    pending = []
                if isinstance(item, _Flush):
                    item.done.set()
                elif isinstance(item, _Purge):
                    self._purge(item.now)
                elif item is _STOP:
                    self._shutdown()
                    return
            except Exception:  # a bug must not kill the writer (flush() would then hang)
                log.exception("visitor analytics: unexpected error in the writer; %d events dropped", len(pending))
                self._rollback()  # never leave a transaction open: every later BEGIN would fail
                self._dropped += len(pending)
                pending = []
                if isinstance(item, _Flush):
                    item.done.set()
                elif item is _STOP:
                    self._close_connection()
                    return

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("visitor analytics: %s is in journal mode '%s', not WAL", self.path, mode)
            conn.execute("PRAGMA synchronous=NORMAL")
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _Corrupt("; ".join(str(row[0]) for row in check[:3]))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _TooNew(f"schema version {version}, this kiosk knows up to {SCHEMA_VERSION}")
            if version < SCHEMA_VERSION:
                conn.execute("BEGIN IMMEDIATE")
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            if self.kiosk:
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('kiosk', ?)", (self.kiosk,))
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> None:
        try:
            self._conn = self._connect()
        except Exception as exc:  # noqa: BLE001 - whatever it is, the kiosk carries on
            if _is_corrupt(exc) and self._move_aside(exc):
                try:
                    self._conn = self._connect()
                except Exception as again:  # noqa: BLE001
                    self._give_up(again)
            else:
                self._give_up(exc)
        if self._conn is not None:
            if self._session is not None:  # a fresh file mid-visit: never hand out that number again
                self._set_next_session(self._session + 1)
            self._purge(None)

    def _give_up(self, exc: BaseException) -> None:
        self._conn = None
        log.warning("visitor analytics are off: cannot use %s (%s); events will be dropped", self.path, exc)

    def _move_aside(self, reason: BaseException) -> bool:
        self._close_connection()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            if self.path.exists():
                os.replace(self.path, target)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{target}{suffix}"))
        except OSError as exc:
            log.warning("visitor analytics: %s is damaged (%s) and cannot be moved aside: %s", self.path, reason, exc)
            return False
        log.warning("visitor analytics: %s is damaged (%s); moved it aside as %s and started a fresh file",
                    self.path, reason, target.name)
        return True

    def _close_connection(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def _rollback(self) -> None:
        if self._conn is not None and self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _next_session(self) -> int:
        assert self._conn is not None
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'next_session'").fetchone()
        stored = int(row[0]) if row and str(row[0]).isdigit() else 1
        highest = self._conn.execute("SELECT MAX(session) FROM events").fetchone()[0] or 0
        return max(stored, highest + 1, 1)

    def _set_next_session(self, n: int) -> None:
        assert self._conn is not None
        try:
            if self._next_session() < n:
                self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_session', ?)", (str(n),))
        except sqlite3.Error as exc:
            log.warning("visitor analytics: cannot update the session counter in %s: %s", self.path, exc)

    def _insert(self, batch: list[tuple]) -> None:
        conn = self._conn
        assert conn is not None
        conn.execute("BEGIN IMMEDIATE")
        session, next_session, rows = self._session, None, []
        for ts, kind, page, lang, value, detail in batch:
            if kind == "session_start":
                next_session = self._next_session() if next_session is None else next_session
                session, next_session = next_session, next_session + 1
            rows.append((ts, _day(ts), session, kind, page, lang, value, detail))
            if kind == "session_end":
                session = None
        conn.executemany(_INSERT, rows)
        if next_session is not None:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_session', ?)", (str(next_session),))
        conn.execute("COMMIT")
        self._session = session

    def _write(self, batch: list[tuple]) -> None:
        if self._conn is None:
            self._dropped += len(batch)
            return
        try:
            self._insert(batch)
        except sqlite3.Error as exc:
            self._rollback()
            error: BaseException = exc
            if _is_corrupt(exc) and self._move_aside(exc):
                self._open()
                if self._conn is not None:
                    try:
                        self._insert(batch)
                    except sqlite3.Error as again:
                        self._rollback()
                        error = again
                    else:
                        self._written += len(batch)
                        return
            self._dropped += len(batch)
            self._session = None  # its session_start may be among the lost events
            if not self._failing:
                log.warning("visitor analytics: cannot write to %s (%s); dropping events until it works again",
                            self.path, error)
            self._failing = True
            return
        self._written += len(batch)
        if self._failing:
            log.warning("visitor analytics: writing to %s works again (%d events were dropped)",
                        self.path, self._dropped)
            self._failing = False

    def _purge(self, now: float | None) -> int:
        self._last_purge = time.monotonic()
        if self._conn is None:
            return 0
        cutoff = (time.time() if now is None else now) - self.retention_days * 86400
        try:
            deleted = self._conn.execute("DELETE FROM events WHERE ts < ?", (cutoff,)).rowcount
        except sqlite3.Error as exc:
            log.warning("visitor analytics: cannot delete old events from %s: %s", self.path, exc)
            return 0
        if deleted:
            log.info("visitor analytics: deleted %d events older than %d days", deleted, self.retention_days)
        return deleted

    def _shutdown(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
        self._close_connection()
        if self._dropped:
            log.warning("visitor analytics: %d events could not be written to %s", self._dropped, self.path)


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


def _read_file(path: Path, since: str | None, until: str | None) -> tuple[str | None, list[tuple]]:
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
            if _is_corrupt(exc):
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
    page_rows = sorted(({"page": p, "views": len(v), "median_dwell_s": _median(v)} for p, v in dwell.items()),
                       key=lambda r: (-r["views"], r["page"]))

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
    question_rows = []
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
    language_rows = sorted(({"lang": lang, "sessions": lang_sessions[lang],
                             "share": lang_sessions[lang] / known if known else None, "choices": choices[lang]}
                            for lang in set(lang_sessions) | set(choices)),
                           key=lambda r: (-r["sessions"], -r["choices"], r["lang"]))

    a11y_uses: Counter[str] = Counter()
    a11y_sessions: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for e in events:
        if e.kind == "a11y_mode" and (e.value is None or e.value > 0):
            mode = e.detail or "(unknown)"
            a11y_uses[mode] += 1
            if e.session is not None:
                a11y_sessions[mode].add((e.source, e.session))
    a11y_rows = sorted(({"mode": m, "uses": a11y_uses[m], "sessions": len(a11y_sessions[m]),
                         "share_of_sessions": len(a11y_sessions[m]) / n_sessions if n_sessions else None}
                        for m in a11y_uses), key=lambda r: (-r["uses"], r["mode"]))

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


# -- presentation -----------------------------------------------------------------------------------------

def fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, s = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {s:02d} s"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def fmt_share(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f} %"


def _period_text(summary: dict[str, Any]) -> str:
    period = summary["period"]
    if not period["from"]:
        return "no recorded visits"
    return period["from"] if period["from"] == period["to"] else f"{period['from']} to {period['to']}"


def _text_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for n, row in enumerate(cells):
        out.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    return out


def _bar(n: float, most: float, width: int = 30) -> str:
    return "#" * (round(width * n / most) if most else 0)


def format_summary(summary: dict[str, Any]) -> str:
    """The report as plain text (ASCII bars), for a terminal."""
    t = summary["totals"]
    lines = [f"Visitor statistics: {_period_text(summary)}"
             + (f" (kiosks: {', '.join(t['kiosks'])})" if t["kiosks"] else ""),
             f"Visits: {t['sessions']} (median length {fmt_seconds(summary['median_session_s'])}); "
             f"page views: {t['page_views']}; media plays: {t['media_plays']}; quiz answers: {t['quiz_answers']}"]
    if not t["events"]:
        return "\n".join(lines + ["", "No events recorded in this period."])

    def section(title: str, body: list[str]) -> None:
        lines.extend(["", title, *(body or ["  (none)"])])

    most = max((r["sessions"] for r in summary["sessions_per_day"]), default=0)
    section("Visits per day", [f"  {r['day']}  {r['sessions']:>5}  {_bar(r['sessions'], most)}"
                               for r in summary["sessions_per_day"]])
    hours = [r for r in summary["sessions_per_hour"]]
    busy = [r["hour"] for r in hours if r["sessions"]]
    most = max((r["sessions"] for r in hours), default=0)
    section("Visits by hour of day", [f"  {r['hour']:02d}:00  {r['sessions']:>5}  {_bar(r['sessions'], most)}"
                                      for r in hours if busy and busy[0] <= r["hour"] <= busy[-1]])
    page_row = lambda r: (r["page"], r["views"], fmt_seconds(r["median_dwell_s"]))  # noqa: E731
    section("Most visited pages", _text_table(("page", "views", "median time"),
                                              [page_row(r) for r in summary["most_visited"]]))
    section("Least visited pages", _text_table(("page", "views", "median time"),
                                               [page_row(r) for r in summary["least_visited"]]))
    if summary["media"]:
        m = summary["media_overall"]
        section(f"Media: median {fmt_share(m['median_fraction'])} played; "
                f"{fmt_share(m['completed_share'])} of plays reached {COMPLETE:.0%} or more",
                _text_table(("file", "plays", "median played", f"played >= {COMPLETE:.0%}"),
                            [(r["media"], r["plays"], fmt_share(r["median_fraction"]),
                              fmt_share(r["completed_share"])) for r in summary["media"][:TOP]]))
    if summary["questions"]:
        section("Quiz questions most often answered wrongly (question 1 = first in the quiz file)",
                _text_table(("quiz", "question", "wrong", "answers", "wrong %"),
                            [(r["quiz"], r["question_number"] or "?", r["wrong"], r["answers"],
                              fmt_share(r["wrong_share"])) for r in summary["missed_questions"]]))
    section("Languages (visits, by the language a visit ended in)",
            _text_table(("language", "visits", "share", "times chosen"),
                        [(r["lang"], r["sessions"], fmt_share(r["share"]), r["choices"])
                         for r in summary["languages"]]) if summary["languages"] else [])
    section("Accessibility modes switched on",
            _text_table(("mode", "times", "visits", "share of visits"),
                        [(r["mode"], r["uses"], r["sessions"], fmt_share(r["share_of_sessions"]))
                         for r in summary["a11y"]]) if summary["a11y"] else [])
    return "\n".join(lines)


_CSV_TABLES = {
    "sessions_per_day": ("day", "sessions"),
    "sessions_per_hour": ("hour", "sessions"),
    "pages": ("page", "views", "median_dwell_s"),
    "media": ("media", "plays", "median_fraction", "completed_share"),
    "questions": ("quiz", "question_number", "question_index", "answers", "wrong", "wrong_share"),
    "languages": ("lang", "sessions", "share", "choices"),
    "a11y": ("mode", "uses", "sessions", "share_of_sessions"),
}


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    return value


def write_csv(summary: dict[str, Any], folder: str | os.PathLike[str]) -> list[Path]:
    """One CSV file per table (UTF-8 with a BOM, so that spreadsheets show every accent), plus overview.csv."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    t, m = summary["totals"], summary["media_overall"]
    overview = [("period_from", summary["period"]["from"]), ("period_to", summary["period"]["to"]),
                ("kiosks", " ".join(t["kiosks"])), ("sessions", t["sessions"]),
                ("median_session_s", summary["median_session_s"]), ("page_views", t["page_views"]),
                ("media_plays", t["media_plays"]), ("media_median_fraction", m["median_fraction"]),
                ("media_completed_share", m["completed_share"]), ("quiz_answers", t["quiz_answers"])]
    tables: list[tuple[str, Sequence[str], list[Sequence[Any]]]] = [("overview", ("key", "value"), overview)]
    for name, columns in _CSV_TABLES.items():
        tables.append((name, columns, [[row[c] for c in columns] for row in summary[name]]))
    for name, columns, rows in tables:
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(columns)
            out.writerows([_csv_value(v) for v in row] for row in rows)
        written.append(path)
    return written


# -- HTML: one self-contained page, charts as inline SVG ----------------------------------------------------

_CSS = """
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1d2327;
       margin: 0 auto; max-width: 980px; padding: 24px; background: #fff; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 2em 0 .5em; border-bottom: 2px solid #d0d7de; padding-bottom: .2em; }
.period { color: #57606a; margin: 0 0 1.5em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.card b { display: block; font-size: 1.6em; }
.card span { color: #57606a; font-size: .9em; }
table { border-collapse: collapse; margin: .5em 0 1em; min-width: 50%; }
th, td { padding: 4px 12px; text-align: left; border-bottom: 1px solid #e5e8eb; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #f6f8fa; }
svg { display: block; max-width: 100%; height: auto; margin: .5em 0; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2327; }
.note, .empty { color: #57606a; font-size: .9em; }
footer { margin-top: 3em; color: #57606a; font-size: .85em; }
@media print { body { padding: 0; } h2 { break-after: avoid; } svg, table { break-inside: avoid; } }
"""
_BAR = "#2f6f9f"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _short(label: str, n: int = 34) -> str:
    return label if len(label) <= n else label[: n - 1] + "\u2026"


def _svg_hbars(title: str, items: Sequence[tuple[str, float, str]], *, max_value: float | None = None) -> str:
    """Horizontal bars: (label, value, value as text)."""
    if not items:
        return ""
    most = max_value if max_value is not None else max((v for _, v, _ in items), default=0) or 1
    bar_h, gap, label_w, plot_w, text_w = 22, 6, 250, 520, 90
    width, height = label_w + plot_w + text_w, len(items) * (bar_h + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}"><title>{_e(title)}</title>']
    for i, (label, value, text) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(0.0, plot_w * value / most) if most else 0.0
        parts.append(f'<g><title>{_e(label)}: {_e(text)}</title>'
                     f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end">{_e(_short(label))}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" fill="{_BAR}"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}">{_e(text)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_columns(title: str, items: Sequence[tuple[str, float]], *, label_every: int = 1) -> str:
    """Vertical columns with labels under them (days, hours)."""
    if not items:
        return ""
    most = max(v for _, v in items) or 1
    plot_h, top, bottom, left = 160, 18, 34, 36
    step = max(6.0, min(40.0, 900 / len(items)))
    width = left + step * len(items) + 10
    height = top + plot_h + bottom
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height}" '
             f'width="{width:.0f}" height="{height}"><title>{_e(title)}</title>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5:.0f}" y2="{top + plot_h}" stroke="#8c959f"/>',
             f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{_e(f"{most:g}")}</text>',
             f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, (label, value) in enumerate(items):
        h = plot_h * value / most
        x = left + i * step
        parts.append(f'<g><title>{_e(label)}: {_e(f"{value:g}")}</title>'
                     f'<rect x="{x + step * 0.12:.1f}" y="{top + plot_h - h:.1f}" width="{step * 0.76:.1f}" '
                     f'height="{h:.1f}" fill="{_BAR}"/></g>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
                         f'{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 1) -> str:
    if not rows:
        return '<p class="empty">No data in this period.</p>'
    head = "".join(f'<th{" class=n" if i >= numeric_from else ""}>{_e(h)}</th>' for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i >= numeric_from else ""}>{_e(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(summary: dict[str, Any], title: str = "Visitor statistics") -> str:
    """The report as one HTML page: inline CSS and SVG, no scripts, nothing fetched from the network."""
    t, m = summary["totals"], summary["media_overall"]
    out = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title)}: {_e(_period_text(summary))}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_e(title)}</h1>",
           f'<p class="period">Period: <b>{_e(_period_text(summary))}</b>'
           + (f" &middot; kiosks: {_e(', '.join(t['kiosks']))}" if t["kiosks"] else "")
           + f" &middot; made {_e(datetime.now().strftime('%Y-%m-%d %H:%M'))}</p>"]

    def card(value: Any, label: str) -> str:
        return f'<div class="card"><b>{_e(value)}</b><span>{_e(label)}</span></div>'

    out.append('<div class="cards">' + card(t["sessions"], "visits") +
               card(fmt_seconds(summary["median_session_s"]), "median visit length") +
               card(t["page_views"], "page views") +
               card(fmt_share(m["completed_share"]), f"media plays reaching {COMPLETE:.0%}") +
               card(t["quiz_answers"], "quiz answers") + "</div>")

    per_day = summary["sessions_per_day"]
    out.append("<h2>Visits per day</h2>")
    out.append(_svg_columns("Visits per day", [(r["day"][5:], r["sessions"]) for r in per_day],
                            label_every=max(1, len(per_day) // 15)) or '<p class="empty">No visits.</p>')
    if per_day:
        out.append("<details><summary>Table</summary>"
                   + _html_table(("day", "visits"), [(r["day"], r["sessions"]) for r in per_day]) + "</details>")

    out.append("<h2>Visits by hour of day</h2>")
    if t["sessions"]:
        out.append(_svg_columns("Visits by hour of day",
                                [(f"{r['hour']:02d}", r["sessions"]) for r in summary["sessions_per_hour"]]))
    else:
        out.append('<p class="empty">No visits.</p>')

    out.append("<h2>Most visited pages</h2>")
    most = summary["most_visited"]
    out.append(_svg_hbars("Most visited pages", [(r["page"], r["views"], str(r["views"])) for r in most]))
    out.append(_html_table(("page", "views", "median time on page"),
                           [(r["page"], r["views"], fmt_seconds(r["median_dwell_s"])) for r in most]))
    out.append("<h2>Least visited pages</h2>")
    out.append(_html_table(("page", "views", "median time on page"),
                           [(r["page"], r["views"], fmt_seconds(r["median_dwell_s"]))
                            for r in summary["least_visited"]]))

    out.append("<h2>Media: how much of each video or sound is played</h2>")
    if summary["media"]:
        out.append(f'<p>Median share played: <b>{_e(fmt_share(m["median_fraction"]))}</b>; '
                   f'plays that reached {COMPLETE:.0%} or more: <b>{_e(fmt_share(m["completed_share"]))}</b>.</p>')
        media = summary["media"][:TOP]
        out.append(_svg_hbars("Median share played", [(r["media"], r["median_fraction"] or 0.0,
                                                        fmt_share(r["median_fraction"])) for r in media],
                              max_value=1.0))
    out.append(_html_table(("file", "plays", "median share played", f"plays reaching {COMPLETE:.0%}"),
                           [(r["media"], r["plays"], fmt_share(r["median_fraction"]),
                             fmt_share(r["completed_share"])) for r in summary["media"][:TOP]]))

    out.append("<h2>Quiz questions most often answered wrongly</h2>")
    missed = summary["missed_questions"]
    out.append(_svg_hbars("Share of wrong answers", [(f"{r['quiz']} Q{r['question_number'] or '?'}",
                                                      r["wrong_share"], fmt_share(r["wrong_share"]))
                                                     for r in missed], max_value=1.0))
    out.append(_html_table(("quiz", "question", "wrong answers", "answers", "share wrong"),
                           [(r["quiz"], r["question_number"] or "?", r["wrong"], r["answers"],
                             fmt_share(r["wrong_share"])) for r in missed]))
    out.append('<p class="note">Question 1 is the first question in the quiz file, whatever order the '
               "kiosk showed the questions in.</p>")

    out.append("<h2>Languages</h2>")
    langs = summary["languages"]
    out.append(_svg_hbars("Visits by language", [(r["lang"], r["sessions"], f"{r['sessions']} ({fmt_share(r['share'])})")
                                                 for r in langs if r["sessions"]]))
    out.append(_html_table(("language", "visits", "share of visits", "times chosen"),
                           [(r["lang"], r["sessions"], fmt_share(r["share"]), r["choices"]) for r in langs]))
    out.append('<p class="note">A visit counts for the language it ended in.</p>')

    out.append("<h2>Accessibility modes</h2>")
    out.append(_html_table(("mode", "times switched on", "visits", "share of visits"),
                           [(r["mode"], r["uses"], r["sessions"], fmt_share(r["share_of_sessions"]))
                            for r in summary["a11y"]]))

    out.append("<footer>Anonymous statistics recorded by the kiosk: no names, no photos, no text typed by "
               "visitors and no device identifiers; a visit is only a number. Times are medians: half the "
               "visits were shorter, half longer.</footer></body></html>\n")
    return "\n".join(out)


def write_html(summary: dict[str, Any], file: str | os.PathLike[str], title: str = "Visitor statistics") -> Path:
    """Write :func:`render_html` to *file* (its folder is created)."""
    path = Path(file)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(summary, title), encoding="utf-8")
    return path
