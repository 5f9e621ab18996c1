"""The event store: a queue, one writer thread, SQLite in WAL mode, retention and recovery (Qt-free).

What is recorded (and what never is) is described in :mod:`kiosk.core.analytics`.

Writing never blocks the caller: :meth:`EventStore.record` only puts a tuple on a
:class:`queue.SimpleQueue`. One daemon thread owns the only write connection and commits in small
transactions (every 0.5 s or 100 events). The database runs in WAL mode with ``synchronous=NORMAL``:
a kiosk killed at any moment (power cut aside) keeps every committed event and an intact file. A
damaged file is moved aside as ``analytics.sqlite3.corrupt-<time>`` and a fresh one started; a file
that cannot be written at all turns analytics off with a warning in the log, and the kiosk carries on.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import queue
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from kiosk.core.machine import dirs

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


def default_db_path() -> Path:
    return dirs.data_dir() / DB_FILE


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


def is_corrupt(exc: BaseException) -> bool:
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

# one event on its way to the database: ts, kind, page, lang, value, detail
_Pending = tuple[float, str, str | None, str | None, float | None, str | None]


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
        pending: list[_Pending] = []
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
            if is_corrupt(exc) and self._move_aside(exc):
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

    def _insert(self, batch: list[_Pending]) -> None:
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

    def _write(self, batch: list[_Pending]) -> None:
        if self._conn is None:
            self._dropped += len(batch)
            return
        try:
            self._insert(batch)
        except sqlite3.Error as exc:
            self._rollback()
            error: BaseException = exc
            if is_corrupt(exc) and self._move_aside(exc):
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


