"""Presenting a summary for museum staff: a text table, CSV files, one self-contained HTML page
with inline SVG charts."""

from __future__ import annotations

import csv
import html
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core.analytics.store import COMPLETE, TOP

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
        padded = (c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        out.append("  " + "  ".join(padded))
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
             (f"Visits: {t['sessions']} (median length {fmt_seconds(summary['median_session_s'])}); "
              f"page views: {t['page_views']}; media plays: {t['media_plays']}; quiz answers: {t['quiz_answers']}")]
    if not t["events"]:
        return "\n".join([*lines, "", "No events recorded in this period."])

    def section(title: str, body: list[str]) -> None:
        lines.extend(["", title, *(body or ["  (none)"])])

    most = max((r["sessions"] for r in summary["sessions_per_day"]), default=0)
    section("Visits per day", [f"  {r['day']}  {r['sessions']:>5}  {_bar(r['sessions'], most)}"
                               for r in summary["sessions_per_day"]])
    hours = list(summary["sessions_per_hour"])
    busy = [r["hour"] for r in hours if r["sessions"]]
    most = max((r["sessions"] for r in hours), default=0)
    section("Visits by hour of day", [f"  {r['hour']:02d}:00  {r['sessions']:>5}  {_bar(r['sessions'], most)}"
                                      for r in hours if busy and busy[0] <= r["hour"] <= busy[-1]])
    def page_row(r: dict[str, Any]) -> tuple[str, int, str]:
        return r["page"], r["views"], fmt_seconds(r["median_dwell_s"])

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
    overview: list[Sequence[Any]] = [("period_from", summary["period"]["from"]), ("period_to", summary["period"]["to"]),
                ("kiosks", " ".join(t["kiosks"])), ("sessions", t["sessions"]),
                ("median_session_s", summary["median_session_s"]), ("page_views", t["page_views"]),
                ("media_plays", t["media_plays"]), ("media_median_fraction", m["median_fraction"]),
                ("media_completed_share", m["completed_share"]), ("quiz_answers", t["quiz_answers"])]
    tables: list[tuple[str, Sequence[str], list[Sequence[Any]]]] = [("overview", ("key", "value"), overview)]
    for name, keys in _CSV_TABLES.items():
        tables.append((name, keys, [[row[k] for k in keys] for row in summary[name]]))
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
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
              f'width="{width}" height="{height}"><title>{_e(title)}</title>')]
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
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height}" '
              f'width="{width:.0f}" height="{height}"><title>{_e(title)}</title>'),
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
    by_language = [(r["lang"], r["sessions"], f"{r['sessions']} ({fmt_share(r['share'])})")
                   for r in langs if r["sessions"]]
    out.append(_svg_hbars("Visits by language", by_language))
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
