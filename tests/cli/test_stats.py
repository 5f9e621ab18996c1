"""``kiosk stats`` through argparse: the text summary, CSV and HTML files, merging, and clear usage errors."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import stats as stats_cli
from kiosk.core import analytics


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    stats_cli.add_parser(sub)
    return parser.parse_args(list(argv))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    args = parse(*argv)
    assert args.command == "stats"
    code = stats_cli.run(args)
    out, err = capsys.readouterr()
    return code, out, err


def make_db(path: Path, kiosk: str, visits: list[tuple[str, str, list[str]]]) -> Path:
    """A database with one visit per (local start time, language, pages), each page 10 s, each visit 100 s."""
    store = analytics.EventStore(path, retention_days=100_000, kiosk=kiosk)
    try:
        for start, lang, pages in visits:
            ts = datetime.strptime(start, "%Y-%m-%d %H:%M").timestamp()
            store.record("session_start", lang=lang, ts=ts)
            for i, page in enumerate(pages, 1):
                store.record("page_view", page=page, value=10.0, lang=lang, ts=ts + i)
            store.record("quiz_answer", page="basics", detail="0", value=0.0, ts=ts + 50)
            store.record("session_end", value=100.0, ts=ts + 100)
    finally:
        assert store.close(10)
    return path


@pytest.fixture
def db_a(tmp_path) -> Path:
    return make_db(tmp_path / "a.sqlite3", "hall-a", [
        ("2024-05-01 10:00", "vi", ["story/1", "story/2"]),
        ("2024-05-02 11:00", "en", ["story/1"]),
    ])


@pytest.fixture
def db_b(tmp_path) -> Path:
    return make_db(tmp_path / "b.sqlite3", "hall-b", [("2024-05-03 15:00", "en", ["witnesses/x"])])


def test_help_lists_the_options():
    parser = argparse.ArgumentParser(prog="kiosk")
    stats = stats_cli.add_parser(parser.add_subparsers(dest="command"))
    text = stats.format_help()
    for option in ("--since", "--until", "--csv", "--html", "--merge", "--db"):
        assert option in text


def test_text_summary(capsys, db_a):
    code, out, err = run(capsys, "stats", "--db", str(db_a))
    assert code == 0, err
    assert err == ""
    assert out.startswith("Visitor statistics: 2024-05-01 to 2024-05-02 (kiosks: hall-a)\n")
    assert "Visits: 2 (median length 1 min 40 s); page views: 3" in out
    assert "story/1      2         10 s" in out
    assert "basics         1      2        2    100 %" in out


def test_default_database_comes_from_kiosk_data_dir(capsys, monkeypatch, tmp_path, db_a):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run(capsys, "stats")
    assert code == 2
    assert f"kiosk stats: error: no analytics database at {tmp_path / 'data' / analytics.DB_FILE}" in err
    assert "--db FILE" in err and out == ""
    (tmp_path / "data").mkdir()
    db_a.rename(tmp_path / "data" / analytics.DB_FILE)
    code, out, err = run(capsys, "stats")
    assert code == 0, err
    assert "Visits: 2" in out


def test_merge(capsys, db_a, db_b):
    code, out, err = run(capsys, "stats", "--merge", str(db_a), str(db_b))
    assert code == 0, err
    assert out.startswith("Visitor statistics: 2024-05-01 to 2024-05-03 (kiosks: hall-a, hall-b)\n")
    assert "Visits: 3" in out
    # --db and --merge together read all the files
    code, out, err = run(capsys, "stats", "--db", str(db_a), "--merge", str(db_b))
    assert code == 0 and "Visits: 3" in out


def test_since_and_until(capsys, db_a, db_b):
    code, out, err = run(capsys, "stats", "--merge", str(db_a), str(db_b), "--since", "2024-05-02",
                         "--until", "2024-05-02")
    assert code == 0, err
    assert out.startswith("Visitor statistics: 2024-05-02 (kiosks: hall-a)\n")
    assert "Visits: 1" in out
    code, out, err = run(capsys, "stats", "--db", str(db_a), "--since", "2025-01-01")
    assert code == 0, err
    assert "Visits: 0" in out and "No events recorded in this period." in out


def test_csv_and_html(capsys, tmp_path, db_a):
    code, out, err = run(capsys, "stats", "--db", str(db_a), "--csv", str(tmp_path / "tables"),
                         "--html", str(tmp_path / "report.html"))
    assert code == 0, err
    assert f"8 CSV files written to {tmp_path / 'tables'}" in out
    assert f"HTML report written to {tmp_path / 'report.html'}" in out
    assert (tmp_path / "tables" / "pages.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "page,views,median_dwell_s", "story/1,2,10.0", "story/2,1,10.0"]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "2024-05-01 to 2024-05-02" in page


@pytest.mark.parametrize("argv, message", [
    (["--since", "yesterday"], "--since: expected a date as YYYY-MM-DD, got 'yesterday'"),
    (["--until", "2024-02-30"], "--until: day is out of range for month"),
    (["--since", "2024-05-01", "--until", "2024-04-01"], "--since 2024-05-01 is after --until 2024-04-01"),
])
def test_bad_dates_exit_2(capsys, db_a, argv, message):
    code, out, err = run(capsys, "stats", "--db", str(db_a), *argv)
    assert code == 2
    assert err == f"kiosk stats: error: {message}\n"
    assert out == ""


def test_missing_files_exit_2_and_are_all_named(capsys, tmp_path, db_a):
    code, out, err = run(capsys, "stats", "--merge", str(db_a), str(tmp_path / "x.db"), str(tmp_path / "y.db"))
    assert code == 2 and out == ""
    assert err.splitlines() == [f"kiosk stats: error: no analytics database at {tmp_path / 'x.db'}",
                                f"kiosk stats: error: no analytics database at {tmp_path / 'y.db'}"]


def test_a_file_that_is_not_an_analytics_database_exits_1(capsys, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 500)
    code, out, err = run(capsys, "stats", "--db", str(junk))
    assert code == 1 and out == ""
    assert err.startswith(f"kiosk stats: error: {junk} is damaged or not a database")


def test_unwritable_report_exits_1(capsys, tmp_path, db_a):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(capsys, "stats", "--db", str(db_a), "--html", str(blocker / "report.html"))
    assert code == 1
    assert "Visits: 2" in out
    assert err.startswith("kiosk stats: error: cannot write the report:")
