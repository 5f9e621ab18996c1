"""Visitor analytics: recording never blocks, survives damage and SIGKILL, and reports exact numbers."""

from __future__ import annotations

import contextlib
import csv
import html.parser
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kiosk.core import analytics
from kiosk.core.analytics import Event, EventStore

REPO = Path(__file__).resolve().parents[3]
DAY = 86400.0


@pytest.fixture
def open_store(tmp_path):
    """EventStore factory; every store is closed after the test."""
    stores: list[EventStore] = []

    def make(path: Path | None = None, **kwargs) -> EventStore:
        store = EventStore(path or tmp_path / analytics.DB_FILE, **kwargs)
        stores.append(store)
        return store

    yield make
    for store in stores:
        assert store.close(10)


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def local_ts(text: str) -> float:
    """Unix time of a local wall-clock time such as '2024-05-01 10:15'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").timestamp()


# -- where the file lives ------------------------------------------------------------------------------

def test_the_database_lives_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert analytics.default_db_path() == tmp_path / "data" / "analytics.sqlite3"


# -- writing -------------------------------------------------------------------------------------------

def test_recording_never_blocks_even_while_the_database_is_locked(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path)
    assert store.flush(10)  # opened, schema made
    blocker = sqlite3.connect(path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # the writer now cannot write anything
        start = time.perf_counter()
        for i in range(10_000):
            store.record("page_view", page=f"story/{i % 7}", value=1.5)
        recording = time.perf_counter() - start
        assert not store.flush(0.3), "the writer cannot have written while the database was locked"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    start = time.perf_counter()
    assert store.flush(30)
    writing = time.perf_counter() - start
    assert query(path, "SELECT COUNT(*) FROM events") == [(10_000,)]
    # Generous bound: 10,000 calls that only queue a tuple take milliseconds, not seconds.
    assert recording < 2.0, f"recording 10,000 events took {recording:.3f} s (writing them {writing:.3f} s)"
    print(f"record x10000: {recording * 1000:.1f} ms; flush after the lock: {writing * 1000:.1f} ms")


def test_events_round_trip(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path, kiosk="hall-a")
    store.start_session(lang="vi")
    store.page_view("story/1972-12-18", 12.5)
    store.language("en")
    store.media_play("story/1972-12-18", 1.2, "media/video/khâm thiên.mp4")
    store.quiz_answer("basics", 2, correct=False)
    store.quiz_answer("basics", 0, correct=True)
    store.a11y_mode("large-text")
    store.end_session(95.0)
    store.page_view("attract", 3.0)  # outside any visit
    assert store.flush(10)
    events = analytics.load_events(path)
    got = [(e.session, e.kind, e.page, e.lang, e.value, e.detail, e.source) for e in events]
    assert got == [
        (1, "session_start", None, "vi", None, None, "hall-a"),
        (1, "page_view", "story/1972-12-18", "vi", 12.5, None, "hall-a"),
        (1, "language", None, "en", None, None, "hall-a"),
        (1, "media_play", "story/1972-12-18", "en", 1.0, "khâm thiên.mp4", "hall-a"),  # clamped; name only
        (1, "quiz_answer", "basics", "en", 0.0, "2", "hall-a"),
        (1, "quiz_answer", "basics", "en", 1.0, "0", "hall-a"),
        (1, "a11y_mode", None, "en", 1.0, "large-text", "hall-a"),
        (1, "session_end", None, "en", 95.0, None, "hall-a"),
        (None, "page_view", "attract", "en", 3.0, None, "hall-a"),
    ]
    assert all(e.day == time.strftime("%Y-%m-%d", time.localtime(e.ts)) for e in events)
    assert [e.ts for e in events] == sorted(e.ts for e in events)

    # Sessions are numbered by a counter kept in the database, across restarts.
    store.close()
    again = open_store(path)
    again.start_session()
    again.end_session()  # measured duration
    again.start_session()
    assert again.flush(10)
    rows = query(path, "SELECT session, kind, value FROM events WHERE kind LIKE 'session_%' ORDER BY id")
    assert [r[:2] for r in rows] == [(1, "session_start"), (1, "session_end"), (2, "session_start"),
                                     (2, "session_end"), (3, "session_start")]
    assert 0 <= rows[3][2] < 5
    assert query(path, "SELECT value FROM meta WHERE key = 'next_session'") == [("4",)]


def test_unknown_kind_is_a_programming_error(open_store):
    store = open_store()
    with pytest.raises(ValueError, match="unknown analytics event kind 'click'"):
        store.record("click")


def test_wal_mode_schema_version_and_indexes(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path)
    store.record("page_view", page="home", value=1.0)
    assert store.flush(10)
    assert query(path, "PRAGMA journal_mode") == [("wal",)]
    assert query(path, "PRAGMA user_version") == [(analytics.SCHEMA_VERSION,)]
    columns = [(row[1], row[2]) for row in query(path, "PRAGMA table_info(events)")]
    assert columns == [("id", "INTEGER"), ("ts", "REAL"), ("day", "TEXT"), ("session", "INTEGER"), ("kind", "TEXT"),
                       ("page", "TEXT"), ("lang", "TEXT"), ("value", "REAL"), ("detail", "TEXT")]
    indexes = {row[0] for row in query(path, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_ts", "events_day_kind", "events_session"} <= indexes
    assert Path(f"{path}-wal").exists()  # the writer is still open
    store.close()
    assert not Path(f"{path}-wal").exists()  # checkpointed and removed on close


def test_close_writes_what_is_queued_and_later_events_are_ignored(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path, batch_seconds=60, batch_size=10_000)  # nothing written before close
    for _ in range(5):
        store.record("page_view", page="home", value=2.0)
    assert store.close(10)
    store.record("page_view", page="home", value=2.0)
    assert store.flush(1)
    assert query(path, "SELECT COUNT(*) FROM events") == [(5,)]
    assert store.written == 5 and store.dropped == 0


def test_retention_purge(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    now = time.time()
    store = open_store(path, retention_days=30)
    for age_days in (400, 31, 29, 1):
        store.record("page_view", page=f"age/{age_days}", value=1.0, ts=now - age_days * DAY)
    assert store.flush(10)
    assert query(path, "SELECT COUNT(*) FROM events") == [(4,)]
    store.purge(now)
    assert store.flush(10)
    assert query(path, "SELECT page FROM events ORDER BY ts") == [("age/29",), ("age/1",)]
    store.purge(now + 10 * DAY)  # a later day: age/29 is now 39 days old
    assert store.flush(10)
    assert query(path, "SELECT page FROM events") == [("age/1",)]


def test_old_events_are_purged_when_the_store_opens(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    now = time.time()
    first = open_store(path)  # the default keeps a year
    first.record("page_view", page="old", value=1.0, ts=now - 400 * DAY)
    first.record("page_view", page="recent", value=1.0, ts=now - 100 * DAY)
    assert first.close(10)
    assert query(path, "SELECT page FROM events ORDER BY ts") == [("old",), ("recent",)]
    second = open_store(path, retention_days=365)
    assert second.flush(10)
    assert query(path, "SELECT page FROM events") == [("recent",)]


def test_a_corrupt_file_is_moved_aside_and_a_fresh_one_works(open_store, tmp_path, caplog):
    path = tmp_path / analytics.DB_FILE
    garbage = b"this is not an SQLite database, it is a damaged file\n" * 100
    path.write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="kiosk.core.analytics"):
        store = open_store(path)
        store.start_session(lang="en")
        store.page_view("home", 4.0)
        assert store.flush(10)
    aside = list(tmp_path.glob(f"{analytics.DB_FILE}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert "damaged" in caplog.text and aside[0].name in caplog.text
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    assert [(e.session, e.kind, e.page) for e in analytics.load_events(path)] == [
        (1, "session_start", None), (1, "page_view", "home")]
    assert store.healthy


def test_damage_found_by_quick_check_is_moved_aside(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path)
    for i in range(2000):
        store.record("page_view", page=f"page/{i}", value=float(i), detail="x" * 150)
    assert store.close(10)
    data = bytearray(path.read_bytes())
    page_size = query(path, "PRAGMA page_size")[0][0]
    for offset in range(2 * page_size, len(data) - page_size, 3 * page_size):  # scribble over pages
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    again = open_store(path)
    again.record("page_view", page="home", value=1.0)
    assert again.flush(10)
    assert len(list(tmp_path.glob(f"{analytics.DB_FILE}.corrupt-*"))) == 1
    assert [e.page for e in analytics.load_events(path)] == ["home"]


def test_an_unusable_path_does_not_crash_and_drops_events(open_store, tmp_path, caplog):
    folder = tmp_path / "is-a-folder"
    folder.mkdir()
    with caplog.at_level(logging.WARNING, logger="kiosk.core.analytics"):
        store = open_store(folder)
        store.start_session()
        store.page_view("home", 1.0)
        store.end_session()
        assert store.flush(10)
    assert "visitor analytics are off" in caplog.text
    assert store.dropped == 3 and store.written == 0 and not store.healthy
    assert list(folder.iterdir()) == []


def test_a_file_from_a_newer_kiosk_is_left_alone(open_store, tmp_path, caplog):
    path = tmp_path / analytics.DB_FILE
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {analytics.SCHEMA_VERSION + 1}")
        conn.execute("CREATE TABLE future (x)")
    with caplog.at_level(logging.WARNING, logger="kiosk.core.analytics"):
        store = open_store(path)
        store.record("page_view", page="home", value=1.0)
        assert store.flush(10)
    assert "schema version" in caplog.text and store.dropped == 1
    assert query(path, "PRAGMA user_version") == [(analytics.SCHEMA_VERSION + 1,)]


CHILD = textwrap.dedent("""\
    import sys, time
    from kiosk.core.analytics import EventStore

    store = EventStore(sys.argv[1], batch_seconds=0.02)
    store.start_session(lang="vi")
    for i in range(500):
        store.page_view(f"page/{i}", float(i))
    assert store.flush(30)
    print("committed", flush=True)
    i = 500
    while True:  # keep the writer busy until SIGKILL
        store.page_view(f"page/{i}", float(i))
        i += 1
        if i % 20 == 0:
            time.sleep(0.0005)
    """)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_mid_write_the_file_is_intact_and_committed_events_remain(tmp_path):
    path = tmp_path / analytics.DB_FILE
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line == "committed\n", f"child: {line!r} {proc.stderr.read() if proc.poll() is not None else ''}"
        time.sleep(0.5)
        assert proc.poll() is None, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert Path(f"{path}-wal").exists()  # killed without a clean close
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    rows = query(path, "SELECT page, value FROM events WHERE kind = 'page_view' ORDER BY id")
    assert len(rows) > 500, "the child was killed while still writing"
    assert rows[:500] == [(f"page/{i}", float(i)) for i in range(500)]
    assert [r[0] for r in rows] == [f"page/{i}" for i in range(len(rows))]  # no gaps, no half batches
    # and the kiosk starts again on the same file
    store = EventStore(path)
    try:
        store.start_session()
        assert store.flush(10)
    finally:
        store.close()
    assert query(path, "SELECT MAX(session) FROM events") == [(2,)]


# -- reading and merging -----------------------------------------------------------------------------------

def test_reports_read_a_file_the_kiosk_is_still_writing(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path)
    store.page_view("home", 1.0)
    assert store.flush(10)
    assert [e.page for e in analytics.load_events(path)] == ["home"]
    store.page_view("story/1", 2.0)
    assert store.flush(10)
    assert [e.page for e in analytics.load_events([path])] == ["home", "story/1"]


def test_reading_a_closed_file_leaves_nothing_behind(open_store, tmp_path):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path)
    store.page_view("home", 1.0)
    assert store.close(10)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert len(analytics.load_events(path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before == [analytics.DB_FILE]


def test_load_events_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no analytics database at"):
        analytics.load_events(tmp_path / "missing.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"x" * 4096)
    with pytest.raises(analytics.ReportError, match="damaged or not a database"):
        analytics.load_events(junk)
    other = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(analytics.ReportError, match="not a kiosk analytics database"):
        analytics.load_events(other)


def fill(store: EventStore, start: str, lang: str, pages: list[tuple[str, float]], length: float) -> None:
    ts = local_ts(start)
    store.record("session_start", lang=lang, ts=ts)
    for i, (page, dwell) in enumerate(pages, 1):
        store.record("page_view", page=page, value=dwell, lang=lang, ts=ts + i)
    store.record("session_end", value=length, ts=ts + length)


def test_merge_two_databases(open_store, tmp_path):
    a, b = tmp_path / "a" / analytics.DB_FILE, tmp_path / "b" / analytics.DB_FILE
    first, second = open_store(a, kiosk="hall-a", retention_days=100_000), open_store(b, retention_days=100_000)
    fill(first, "2024-05-01 10:00", "vi", [("story/1", 10.0)], 60.0)
    fill(first, "2024-05-03 11:00", "en", [("story/2", 20.0)], 90.0)
    fill(second, "2024-05-02 15:00", "en", [("story/1", 30.0), ("story/2", 5.0)], 120.0)
    assert first.flush(10) and second.flush(10)

    events = analytics.load_events([a, b])
    assert [e.ts for e in events] == sorted(e.ts for e in events)
    assert {e.source for e in events} == {"hall-a", analytics.DB_FILE}
    # both files number their sessions from 1; merged, they stay three different visits
    assert sorted((e.source, e.session) for e in events if e.kind == "session_start") == [
        (analytics.DB_FILE, 1), ("hall-a", 1), ("hall-a", 2)]
    summary = analytics.summarize(events)
    assert summary["totals"]["sessions"] == 3
    assert summary["period"] == {"from": "2024-05-01", "to": "2024-05-03"}
    assert summary["sessions_per_day"] == [{"day": "2024-05-01", "sessions": 1}, {"day": "2024-05-02", "sessions": 1},
                                           {"day": "2024-05-03", "sessions": 1}]
    assert summary["median_session_s"] == 90.0
    assert [(r["lang"], r["sessions"]) for r in summary["languages"]] == [("en", 2), ("vi", 1)]
    assert [(r["page"], r["views"], r["median_dwell_s"]) for r in summary["pages"]] == [
        ("story/1", 2, 20.0), ("story/2", 2, 12.5)]

    # since/until are days, both included
    only = analytics.load_events([a, b], since="2024-05-02", until="2024-05-02")
    assert {e.day for e in only} == {"2024-05-02"} and len(only) == 4
    assert len(analytics.load_events([a, b], since="2024-05-02")) == 7

    # the same kiosk name twice (two copies of one file) still keeps the sessions apart
    twice = analytics.load_events([a, a])
    assert {e.source for e in twice} == {"hall-a", "hall-a (2)"}
    assert analytics.summarize(twice)["totals"]["sessions"] == 4


# -- the summary, on a hand-made set of events ----------------------------------------------------------------

def hand_made() -> list[Event]:
    events: list[Event] = []

    def add(at: str, seconds: float, session: int | None, kind: str, **fields) -> None:
        ts = local_ts(at) + seconds
        events.append(Event(ts=ts, day=at[:10], session=session, kind=kind, source="A", **fields))

    s1 = "2024-05-01 10:15"
    add(s1, 0, 1, "session_start", lang="vi")
    add(s1, 30, 1, "page_view", page="story/1", value=30.0, lang="vi")
    add(s1, 40, 1, "page_view", page="witnesses/x", value=10.0, lang="vi")
    add(s1, 41, 1, "language", lang="en")
    add(s1, 60, 1, "media_play", page="story/1", value=1.0, detail="a.mp4", lang="en")
    add(s1, 70, 1, "quiz_answer", page="basics", detail="0", value=1.0, lang="en")
    add(s1, 80, 1, "quiz_answer", page="basics", detail="1", value=0.0, lang="en")
    add(s1, 90, 1, "a11y_mode", detail="large-text", value=1.0)
    add(s1, 120, 1, "session_end", value=120.0)

    s2 = "2024-05-01 14:05"
    add(s2, 0, 2, "session_start", lang="vi")
    add(s2, 50, 2, "page_view", page="story/1", value=50.0, lang="vi")
    add(s2, 55, 2, "media_play", page="story/1", value=0.5, detail="a.mp4", lang="vi")
    add(s2, 56, 2, "quiz_answer", page="basics", detail="1", value=0.0, lang="vi")
    add(s2, 57, 2, "quiz_answer", page="basics", detail="0", value=1.0, lang="vi")
    add(s2, 60, 2, "session_end", value=60.0)

    s3 = "2024-05-03 10:40"
    add(s3, 0, 3, "session_start", lang="en")
    add(s3, 20, 3, "page_view", page="story/1", value=20.0, lang="en")
    add(s3, 60, 3, "page_view", page="quiz/basics", value=40.0, lang="en")
    add(s3, 70, 3, "media_play", page="story/1", value=0.95, detail="b.mp4", lang="en")
    add(s3, 80, 3, "quiz_answer", page="basics", detail="1", value=1.0, lang="en")
    add(s3, 90, 3, "a11y_mode", detail="large-text", value=1.0)
    add(s3, 91, 3, "a11y_mode", detail="high-contrast", value=1.0)
    add(s3, 92, 3, "a11y_mode", detail="high-contrast", value=0.0)  # switched off: not a use
    add(s3, 300, 3, "session_end", value=300.0)
    add(s3, 400, None, "page_view", page="attract", value=8.0)  # between visits
    return events


def test_summary_numbers_on_a_hand_made_event_set():
    events = hand_made()
    s = analytics.summarize(list(reversed(events)), pages=["story/1", "story/2", "witnesses/x", "quiz/basics"])
    assert s["period"] == {"from": "2024-05-01", "to": "2024-05-03"}
    assert s["totals"] == {"events": 25, "sessions": 3, "page_views": 6, "media_plays": 3, "quiz_answers": 5,
                           "kiosks": ["A"]}
    assert s["sessions_per_day"] == [{"day": "2024-05-01", "sessions": 2}, {"day": "2024-05-02", "sessions": 0},
                                     {"day": "2024-05-03", "sessions": 1}]
    hours = {r["hour"]: r["sessions"] for r in s["sessions_per_hour"]}
    assert list(hours) == list(range(24))
    assert {h: n for h, n in hours.items() if n} == {10: 2, 14: 1}
    assert s["median_session_s"] == 120.0

    assert s["pages"] == [
        {"page": "story/1", "views": 3, "median_dwell_s": 30.0},
        {"page": "attract", "views": 1, "median_dwell_s": 8.0},
        {"page": "quiz/basics", "views": 1, "median_dwell_s": 40.0},
        {"page": "witnesses/x", "views": 1, "median_dwell_s": 10.0},
        {"page": "story/2", "views": 0, "median_dwell_s": None},  # in the exhibit, never opened
    ]
    assert s["most_visited"][0]["page"] == "story/1"
    assert [r["page"] for r in s["least_visited"]] == ["story/2", "attract", "quiz/basics", "witnesses/x", "story/1"]

    assert s["media"] == [
        {"media": "a.mp4", "plays": 2, "median_fraction": 0.75, "completed_share": 0.5},
        {"media": "b.mp4", "plays": 1, "median_fraction": 0.95, "completed_share": 1.0},
    ]
    assert s["media_overall"] == {"plays": 3, "median_fraction": 0.95, "completed_share": 2 / 3}

    assert s["questions"] == [
        {"quiz": "basics", "question_index": 1, "question_number": 2, "answers": 3, "wrong": 2, "wrong_share": 2 / 3},
        {"quiz": "basics", "question_index": 0, "question_number": 1, "answers": 2, "wrong": 0, "wrong_share": 0.0},
    ]
    assert s["missed_questions"] == s["questions"][:1]

    # visit 1 switched from vi to en: it counts for en, the language it ended in
    assert s["languages"] == [
        {"lang": "en", "sessions": 2, "share": 2 / 3, "choices": 1},
        {"lang": "vi", "sessions": 1, "share": 1 / 3, "choices": 0},
    ]
    assert s["a11y"] == [
        {"mode": "large-text", "uses": 2, "sessions": 2, "share_of_sessions": 2 / 3},
        {"mode": "high-contrast", "uses": 1, "sessions": 1, "share_of_sessions": 1 / 3},
    ]


def test_summary_of_nothing():
    s = analytics.summarize([])
    assert s["period"] == {"from": None, "to": None}
    assert s["totals"]["sessions"] == 0 and s["median_session_s"] is None
    assert s["sessions_per_day"] == [] and s["pages"] == [] and s["media_overall"]["median_fraction"] is None
    assert "No events recorded" in analytics.format_summary(s)
    assert "<h1>" in analytics.render_html(s)
    s = analytics.summarize([], since="2024-01-01", until="2024-01-31")
    assert s["period"] == {"from": "2024-01-01", "to": "2024-01-31"}


def test_text_summary():
    text = analytics.format_summary(analytics.summarize(hand_made()))
    assert text.startswith("Visitor statistics: 2024-05-01 to 2024-05-03 (kiosks: A)\n")
    assert "Visits: 3 (median length 2 min 00 s)" in text
    assert "  2024-05-02      0  \n" in text
    assert "basics         2      2        3     67 %" in text
    text.encode("ascii")  # prints on any console


# -- CSV and HTML -------------------------------------------------------------------------------------------

def test_csv_files(tmp_path):
    summary = analytics.summarize(hand_made())
    written = analytics.write_csv(summary, tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(
        f"{name}.csv" for name in ("overview", "sessions_per_day", "sessions_per_hour", "pages", "media",
                                   "questions", "languages", "a11y"))

    def read(name: str) -> list[list[str]]:
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))

    assert read("sessions_per_day") == [["day", "sessions"], ["2024-05-01", "2"], ["2024-05-02", "0"],
                                        ["2024-05-03", "1"]]
    assert read("questions")[:2] == [["quiz", "question_number", "question_index", "answers", "wrong", "wrong_share"],
                                     ["basics", "2", "1", "3", "2", "0.6667"]]
    assert ["median_session_s", "120.0"] in read("overview")
    assert len(read("sessions_per_hour")) == 25
    assert (tmp_path / "csv" / "pages.csv").read_bytes().startswith(b"\xef\xbb\xbfpage,views")


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_one_self_contained_page(tmp_path):
    events = hand_made()
    events.append(Event(ts=events[-1].ts + 1, day="2024-05-03", session=None, kind="page_view",
                        page="<script>alert(1)</script>", value=1.0, source="A"))
    path = analytics.write_html(analytics.summarize(events), tmp_path / "out" / "report.html")
    text = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(text)
    parser.close()
    assert text.startswith("<!DOCTYPE html>")
    assert parser.tags.count("svg") >= 4 and "rect" in parser.tags and "table" in parser.tags
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert not [v for k, v in parser.attrs if k in ("src", "href")]
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text
    words = " ".join(parser.text)
    assert "Visitor statistics" in words and "2024-05-01 to 2024-05-03" in words
    for heading in ("Visits per day", "Most visited pages", "Least visited pages", "Languages",
                    "Quiz questions most often answered wrongly", "Accessibility modes"):
        assert heading in words
    assert "<script>alert(1)</script>" in words  # shown as text, escaped in the file
    charts = re.findall(r"<svg\b.*?</svg>", text, re.S)
    assert len(charts) == parser.tags.count("svg")
    for chart in charts:  # each chart is well-formed SVG on its own
        root = ElementTree.fromstring(chart)
        svg = "{http://www.w3.org/2000/svg}"
        assert root.tag == f"{svg}svg" and root.find(f"{svg}title") is not None


def test_an_unexpected_error_in_the_writer_drops_the_batch_and_writing_goes_on(open_store, tmp_path, caplog,
                                                                              monkeypatch):
    path = tmp_path / analytics.DB_FILE
    store = open_store(path)
    assert store.flush(10)

    def broken(batch):
        store._conn.execute("BEGIN IMMEDIATE")
        raise RuntimeError("a bug")  # mid-transaction

    with caplog.at_level(logging.ERROR, logger="kiosk.core.analytics"):
        monkeypatch.setattr(store, "_insert", broken)
        store.page_view("lost", 1.0)
        assert store.flush(10)
        monkeypatch.undo()
    assert "unexpected error in the writer" in caplog.text and store.dropped == 1
    store.page_view("kept", 1.0)
    assert store.flush(10)
    assert query(path, "SELECT page FROM events") == [("kept",)]
    with pytest.raises(ValueError, match="finite"):
        store.record("page_view", ts=float("nan"))
