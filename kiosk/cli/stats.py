"""``kiosk stats``: the anonymous visitor statistics as text, CSV files or one HTML page (Qt-free).

Wired into ``kiosk.cli`` with :func:`add_parser` and :func:`run`. The analytics module is imported
only when the command runs, so that other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``stats`` on *subparsers* (what ``ArgumentParser.add_subparsers()`` returned)."""
    stats = subparsers.add_parser(
        "stats", help="visitor statistics: visits, pages, media, quiz answers, languages",
        description="Summarize the anonymous visitor statistics the kiosk records: visits per day and hour, "
                    "visit length, most and least visited pages, how much of each video is watched, the "
                    "quiz questions most often answered wrongly, languages and accessibility modes. Prints "
                    "a text summary; --csv and --html also write files for spreadsheets and for staff.")
    stats.add_argument("--since", metavar="DATE", help="first day to include, YYYY-MM-DD (default: the first recorded)")
    stats.add_argument("--until", metavar="DATE", help="last day to include, YYYY-MM-DD (default: the last recorded)")
    stats.add_argument("--db", metavar="FILE",
                       help="the analytics database (default: analytics.sqlite3 in $KIOSK_DATA_DIR, else in "
                            "the platform's data folder, e.g. ~/.local/share/kiosk)")
    stats.add_argument("--merge", metavar="DB", nargs="+", action="extend",
                       help="read these databases together, e.g. copies from several kiosks")
    stats.add_argument("--csv", metavar="DIR", help="also write one CSV file per table into this folder")
    stats.add_argument("--html", metavar="FILE", help="also write the report as one self-contained HTML page")
    return stats


def _error(message: str) -> None:
    print(f"kiosk stats: error: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Print the summary (and write the files asked for). 0 fine, 1 unreadable file, 2 usage error."""
    from kiosk.core import analytics

    try:
        since = analytics.as_day(args.since) if getattr(args, "since", None) else None
    except ValueError as exc:
        _error(f"--since: {exc}")
        return EXIT_USAGE
    try:
        until = analytics.as_day(args.until) if getattr(args, "until", None) else None
    except ValueError as exc:
        _error(f"--until: {exc}")
        return EXIT_USAGE
    if since and until and since > until:
        _error(f"--since {since} is after --until {until}")
        return EXIT_USAGE

    files = [Path(args.db)] if getattr(args, "db", None) else []
    files += [Path(p) for p in getattr(args, "merge", None) or []]
    default = not files
    if default:
        files = [analytics.default_db_path()]
    missing = [f for f in files if not f.is_file()]
    for f in missing:
        _error(f"no analytics database at {f}"
               + (" (has the kiosk recorded visits on this computer? --db FILE reads another file)" if default else ""))
    if missing:
        return EXIT_USAGE

    try:
        events = analytics.load_events(files, since, until)
    except (analytics.ReportError, OSError) as exc:
        _error(str(exc))
        return EXIT_PROBLEMS
    summary = analytics.summarize(events, since=since, until=until)
    print(analytics.format_summary(summary))

    try:
        if getattr(args, "csv", None):
            written = analytics.write_csv(summary, Path(args.csv))
            print(f"\n{len(written)} CSV files written to {Path(args.csv)}")
        if getattr(args, "html", None):
            print(f"HTML report written to {analytics.write_html(summary, Path(args.html))}")
    except OSError as exc:
        _error(f"cannot write the report: {exc}")
        return EXIT_PROBLEMS
    return EXIT_OK
