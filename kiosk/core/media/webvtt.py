"""WebVTT captions for audio and video testimony: a parser that reports problems (Qt-free).

:func:`parse_vtt` follows the WebVTT file format (https://www.w3.org/TR/webvtt1/) closely
enough to show the cues a browser would show, and is stricter than a browser in what it
reports: every problem is a :class:`~kiosk.core.problems.Problem` on the line (and column)
where it is, so a content editor can fix all of them at once.

* errors: a missing or wrong ``WEBVTT`` first line, a malformed timestamp (with a hint for
  the usual mistakes, e.g. the ``,`` of SRT files), a cue that ends before it starts, a cue
  without a blank line before it, text outside any cue, a file that is not UTF-8;
* warnings: cues out of time order or overlapping the previous one, an empty cue, an unknown
  cue setting, a repeated cue identifier, a STYLE/REGION block after the first cue.

Cues with an error in their timing are left out; the others are returned, sorted by start.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.core import limits, walk
from kiosk.core.problems import Location, Problem, Problems, did_you_mean

CUE_SETTINGS = ("vertical", "line", "position", "size", "align", "region")
EXAMPLE_TIMING = "00:00:01.000 --> 00:00:04.000"


@dataclass(frozen=True)
class Cue:
    """One caption: shown from *start* to *end* (seconds), *text* without tags (lines joined by newlines)."""

    start: float
    end: float
    text: str
    line: int  # of the timing line, 1-based
    id: str = ""
    voice: str = ""  # the speaker of the first <v Name> tag, if any
    settings: str = ""  # as written after the end time, e.g. 'align:start line:90%'

    def contains(self, t: float) -> bool:
        return self.start <= t < self.end


def format_time(seconds: float) -> str:
    """``hh:mm:ss.ttt``, as in WebVTT files."""
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


# -- timestamps ----------------------------------------------------------------------------------

_STRICT = re.compile(r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})")
_LOOSE = re.compile(r"(?:(\d+):)?(\d+):(\d+)(?:([.,:])(\d*))?")


def parse_timestamp(token: str) -> tuple[float | None, str, str]:
    """(seconds, '', '') for a valid WebVTT timestamp, else (None, message, hint)."""
    m = _STRICT.fullmatch(token)
    if m:
        h = int(m.group(1) or 0)
        ms = ((h * 60 + int(m.group(2))) * 60 + int(m.group(3))) * 1000 + int(m.group(4))
        return ms / 1000, "", ""
    bad = f"'{token}' is not a valid time"
    example = "write times as mm:ss.ttt or hh:mm:ss.ttt, e.g. 01:05.250 or 00:01:05.250"
    m = _LOOSE.fullmatch(token)
    if not m:
        return None, bad, example
    hours, minutes, seconds, sep, frac = m.groups()
    if sep == ",":
        return None, f"{bad}: the milliseconds are after ',' (as in SRT files)", \
            f"WebVTT uses '.', e.g. {token.replace(',', '.')}"
    if sep is None:
        return None, f"{bad}: the milliseconds are missing", f"write e.g. {token}.000"
    if sep == ":":
        return None, f"{bad}: the milliseconds are after ':'", f"use '.', e.g. {token[:m.start(4)]}.{frac}"
    if len(frac) != 3:
        return None, f"{bad}: the milliseconds must have exactly 3 digits", example
    if hours is not None and len(hours) < 2:
        return None, f"{bad}: the hours must have at least 2 digits", f"write e.g. 0{token}"
    if len(minutes) != 2 or len(seconds) != 2:
        return None, f"{bad}: minutes and seconds must have 2 digits", example
    if int(seconds) > 59:
        return None, f"{bad}: the seconds must be 00 to 59", example
    if int(minutes) > 59:
        return None, f"{bad}: the minutes must be 00 to 59", "write the hours too, e.g. 01:05:00.000"
    return None, bad, example  # pragma: no cover - every loose match that is not strict is handled above


# -- cue text ------------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>\n]*>")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]*)>")


def strip_tags(text: str) -> str:
    """Cue text without tags (<i>, <b>, <c.x>, <v Name>, <00:00:01.000>, ...) and with entities decoded."""
    return html.unescape(_TAG.sub("", text))


# -- the parser ----------------------------------------------------------------------------------

_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_ROUGH_TIMING = re.compile(r"\s*(?:\d+:)?\d+:\d+(?:[.,]\d+)?\s*(?:->|—>|–>|-{3,}>|=>|>)\s*\S")
_STARTS_LIKE_TIMING = re.compile(r"[ \t]*\d")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _is_blank(line: str) -> bool:
    return not line.strip()


@dataclass(frozen=True)
class CaptionBudget:
    file_bytes: int = limits.DEFAULT.caption_file_bytes
    cues: int = limits.DEFAULT.caption_cues
    cue_characters: int = limits.DEFAULT.caption_cue_characters

    @classmethod
    def of(cls, budget: limits.Limits) -> CaptionBudget:
        return cls(budget.caption_file_bytes, budget.caption_cues, budget.caption_cue_characters)


class _TooMany(Exception):
    pass


class _Parser:
    def __init__(self, text: str, rel: str, budget: CaptionBudget | None = None) -> None:
        if text.startswith("\ufeff"):
            text = text[1:]
        self.lines = _NEWLINE.split(text.replace("\0", "\ufffd"))
        self.budget = budget or CaptionBudget()
        self.rel = rel
        self.problems = Problems()
        self.cues: list[Cue] = []
        self.ids: dict[str, int] = {}
        self.last: Cue | None = None  # the previous valid cue in file order

    def loc(self, index: int, col: int = 0) -> Location:
        return Location(self.rel, index + 1, col)

    def run(self) -> tuple[list[Cue], list[Problem]]:
        i = self.header()
        n = len(self.lines)
        try:
            while i < n:
                if _is_blank(self.lines[i]):
                    i += 1
                    continue
                i = self.block(i)
        except _TooMany:
            pass
        cues = sorted(self.cues, key=lambda c: c.start)
        return cues, _capped(self.problems.sorted(), self.rel)

    def header(self) -> int:
        first = self.lines[0]
        if _HEADER.fullmatch(first):
            pass
        elif first.strip().upper().startswith("WEBVTT"):
            self.problems.error(self.loc(0, 1), f"the first line must be exactly 'WEBVTT', not '{first.strip()}'",
                                "text after WEBVTT needs a space in between, e.g. 'WEBVTT captions'")
        else:
            self.problems.error(self.loc(0, 1), "the file does not start with 'WEBVTT'",
                                "the first line of a WebVTT file must be WEBVTT")
            return 0  # parse the whole file as cues, to report what else is wrong
        # header lines (metadata) up to the first blank line
        i = 1
        while i < len(self.lines) and not _is_blank(self.lines[i]):
            if "-->" in self.lines[i]:
                self.problems.error(self.loc(i, 1), "a cue right under the WEBVTT line",
                                    "leave an empty line after the WEBVTT line")
                return i
            i += 1
        return i

    def block(self, i: int) -> int:
        lines = self.lines
        first = lines[i]
        word = first.split(None, 1)[0] if first.strip() else ""
        if word == "NOTE" and first.startswith("NOTE"):
            return self.skip(i + 1, "a NOTE")
        if word in ("STYLE", "REGION") and first.strip() == word:
            if self.cues:
                self.problems.warning(self.loc(i, 1), f"a {word} block after the first cue is ignored",
                                      f"put {word} blocks before the first cue")
            return self.skip(i + 1, f"a {word} block")
        if "-->" in first:
            return self.cue(i, "", i)
        if i + 1 < len(lines) and "-->" in lines[i + 1] and not _is_blank(lines[i + 1]):
            return self.cue(i + 1, first.strip(), i)
        # a block without a timing line
        timing_like = next((j for j in (i, i + 1) if j < len(lines) and _ROUGH_TIMING.match(lines[j])), None)
        if timing_like is not None:
            self.problems.error(self.loc(timing_like, 1), "the arrow between the start and end times must be '-->'",
                                f"write e.g. {EXAMPLE_TIMING}")
        else:
            self.problems.error(self.loc(i, 1), "this text is not part of a cue",
                                f"a cue starts with a timing line such as {EXAMPLE_TIMING}; "
                                "cues are separated by an empty line")
        j = i
        while j < len(lines) and not _is_blank(lines[j]):
            j += 1
        return j

    def arrow_in_block(self, j: int, what: str) -> bool:
        """Report a '-->' inside a block; True when the line is a timing line, i.e. a new cue starts there."""
        line = self.lines[j]
        if _STARTS_LIKE_TIMING.match(line):
            self.problems.error(self.loc(j, 1), "a new cue starts without an empty line before it",
                                "leave an empty line between cues")
            return True
        self.problems.error(self.loc(j, line.index("-->") + 1), f"'-->' is not allowed in {what}",
                            "write '--&gt;' instead" if what == "cue text" else "remove it or write '->'")
        return False

    def skip(self, j: int, what: str) -> int:
        """Skip a NOTE/STYLE/REGION block's lines; a timing line in it starts a cue (with an error)."""
        while j < len(self.lines) and not _is_blank(self.lines[j]):
            if "-->" in self.lines[j] and self.arrow_in_block(j, what):
                return j
            j += 1
        return j

    def cue(self, t: int, cue_id: str, start_line: int) -> int:
        """Parse the cue whose timing line is at index *t*; return the index after its payload."""
        line = self.lines[t]
        payload: list[str] = []
        j = t + 1
        while j < len(self.lines) and not _is_blank(self.lines[j]):
            if "-->" in self.lines[j] and self.arrow_in_block(j, "cue text"):
                break
            payload.append(self.lines[j])
            j += 1
        timing = self.timing(t, line)
        if timing is None:
            return j
        start, end, settings = timing
        if cue_id:
            if cue_id in self.ids:
                self.problems.warning(self.loc(start_line, 1), f"the cue identifier '{cue_id}' is used twice "
                                      f"(also on line {self.ids[cue_id]})", "each cue identifier must be unique")
            else:
                self.ids[cue_id] = start_line + 1
        if len(self.cues) >= self.budget.cues:
            self.problems.error(self.loc(t, 1), f"more than {self.budget.cues:,} cues: this one and the ones after it "
                                "are left out", limits.raise_hint("caption_cues"))
            raise _TooMany
        raw = "\n".join(payload)
        text = "\n".join(s.strip() for s in strip_tags(raw).split("\n")).strip()
        if len(text) > self.budget.cue_characters:
            self.problems.error(self.loc(t + 1, 1), f"this cue's text is {len(text):,} characters long, more than "
                                f"{self.budget.cue_characters:,}: it is left out",
                                "a caption is one or two short lines; split it into several cues")
            return j
        voice = _VOICE.search(raw)
        if not text:
            self.problems.warning(self.loc(t, 1), "this cue has no text", "write the caption under the timing line, "
                                  "or remove the cue")
        start_col = len(line) - len(line.lstrip()) + 1
        prev = self.last
        if prev is not None:
            if start < prev.start:
                self.problems.warning(self.loc(t, start_col), f"this cue starts at {format_time(start)}, before the "
                                      f"previous cue (line {prev.line}, at {format_time(prev.start)})",
                                      "put the cues in time order")
            elif start < prev.end:
                self.problems.warning(self.loc(t, start_col), f"this cue starts at {format_time(start)}, while the "
                                      f"previous cue (line {prev.line}) is shown until {format_time(prev.end)}",
                                      "overlapping captions are shown together; make the previous one end earlier")
        cue = Cue(start, end, text, t + 1, cue_id, voice.group(1).strip() if voice else "", settings)
        self.cues.append(cue)
        self.last = cue
        return j

    def timing(self, t: int, line: str) -> tuple[float, float, str] | None:
        arrow = line.index("-->")
        left = line[:arrow]
        start_tok = left.strip()
        start_col = len(left) - len(left.lstrip()) + 1
        rest = line[arrow + 3:]
        end_col = arrow + 4 + (len(rest) - len(rest.lstrip()))
        parts = rest.split(None, 1)
        end_tok = parts[0] if parts else ""
        settings = parts[1].strip() if len(parts) > 1 else ""
        ok = True
        if not start_tok:
            self.problems.error(self.loc(t, 1), "the start time is missing before '-->'",
                                f"write e.g. {EXAMPLE_TIMING}")
            ok = False
        elif " " in start_tok or "\t" in start_tok:
            self.problems.error(self.loc(t, start_col), f"'{start_tok}' is not a valid time",
                                f"a timing line is only start --> end and settings, e.g. {EXAMPLE_TIMING}")
            ok = False
        if not end_tok:
            self.problems.error(self.loc(t, arrow + 1), "the end time is missing after '-->'",
                                f"write e.g. {EXAMPLE_TIMING}")
            return None
        start = end = None
        if ok:
            start, message, hint = parse_timestamp(start_tok)
            if start is None:
                self.problems.error(self.loc(t, start_col), f"start time {message}", hint)
        end, message, hint = parse_timestamp(end_tok)
        if end is None:
            self.problems.error(self.loc(t, end_col), f"end time {message}", hint)
        if start is None or end is None:
            return None
        if end < start:
            self.problems.error(self.loc(t, end_col), f"the cue ends at {format_time(end)}, before it starts "
                                f"({format_time(start)})", "swap the times, or correct the end time")
            return None
        if end == start:
            self.problems.error(self.loc(t, end_col), f"the cue ends when it starts ({format_time(start)}): "
                                "it is never shown", "correct the end time")
            return None
        self.check_settings(t, line, arrow + 3 + len(rest) - len(rest.lstrip()) + len(end_tok), settings)
        return start, end, settings

    def check_settings(self, t: int, line: str, after: int, settings: str) -> None:
        pos = after
        for token in settings.split():
            pos = line.index(token, pos)
            name = token.split(":", 1)[0]
            if ":" not in token or name not in CUE_SETTINGS:
                hint = did_you_mean(name, CUE_SETTINGS) or f"known settings: {', '.join(CUE_SETTINGS)}"
                self.problems.warning(self.loc(t, pos + 1), f"unknown cue setting '{token}' is ignored", hint)
            pos += len(token)


MAX_PROBLEMS_PER_FILE = 50


def _capped(problems: list[Problem], rel: str) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems (errors first), then one line that counts the rest: a file of a
    million overlapping cues must not print a million warnings."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    errors = [p for p in problems if p.is_error]
    kept = (errors + [p for p in problems if not p.is_error])[:MAX_PROBLEMS_PER_FILE]
    extra = Problems()
    (extra.error if len(errors) > len([p for p in kept if p.is_error]) else extra.warning)(
        Location(rel), f"{len(problems) - len(kept):,} more problems in this file are not listed",
        "fix the ones above and validate again")
    return sorted(kept, key=lambda p: (p.location, p.severity.value, p.message)) + list(extra)


def parse_vtt(text: str, rel: str, budget: CaptionBudget | None = None) -> tuple[list[Cue], list[Problem]]:
    """The cues of a WebVTT file (valid ones, sorted by start time) and its problems (located in *rel*)."""
    return _Parser(text, rel, budget).run()


def read_vtt(path: Path, rel: str, budget: CaptionBudget | None = None,
             duration: float | None = None) -> tuple[list[Cue], list[Problem]]:
    """:func:`parse_vtt` of a file; a file that cannot be read or is not UTF-8 is reported too.

    The file is read only if it is a regular file within the budget's size; with the recording's *duration*
    (seconds), cues that start after the recording ends (never shown) are reported too.
    """
    budget = budget or CaptionBudget()
    try:
        data = walk.read_bounded(path, budget.file_bytes)
    except walk.TooLarge as exc:
        too_large = Problems()
        too_large.error(Location(rel), f"the captions file is {limits.amount(exc.size, 'bytes')}, more than the limit "
                                       f"of {limits.amount(budget.file_bytes, 'bytes')}: it is not read",
                        "captions for an hour of speech take about 100 kB; "
                        + limits.raise_hint("caption_file_bytes"))
        return [], list(too_large)
    except walk.NotRegular as exc:
        not_regular = Problems()
        not_regular.error(Location(rel), f"{exc}: the captions are not read", "replace it with a WebVTT text file")
        return [], list(not_regular)
    except OSError as exc:
        unreadable = Problems()
        unreadable.error(Location(rel), f"cannot read the captions: {exc.strerror or exc}")
        return [], list(unreadable)
    try:
        text = data.decode("utf-8")
        decode_problem = None
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        decode_problem = (Location(rel, line, col), "the captions are not UTF-8 text",
                          "save the file as UTF-8 (WebVTT files must be UTF-8)")
        text = data.decode("utf-8", "replace")
    cues, problems = parse_vtt(text, rel, budget)
    if duration and duration > 0:
        late = [c for c in cues if c.start >= duration + 0.5]
        if late:
            extra = Problems()
            extra.warning(Location(rel, late[0].line, 1),
                          f"{'this cue starts' if len(late) == 1 else f'{len(late):,} cues start'} after the "
                          f"recording ends ({format_time(duration)}): never shown",
                          "check the times, or whether these captions belong to another recording")
            problems = [*problems, *extra]
            cues = [c for c in cues if c.start < duration + 0.5]
    if decode_problem is not None:
        extra = Problems()
        extra.error(*decode_problem)
        problems = sorted([*problems, *extra], key=lambda p: (p.location, p.severity.value, p.message))
    return cues, problems


# -- finding and using captions ------------------------------------------------------------------

def _language_tags(lang: str) -> list[str]:
    tags = [lang] if lang else []
    if "-" in lang:
        tags.append(lang.split("-", 1)[0])  # vi-VN -> vi
    return tags


def captions_for(media_path: Path, lang: str, *, root: Path | None = None) -> Path | None:
    """The captions beside a media file: ``name.<lang>.vtt`` (``vi-VN`` also tries ``vi``), else ``name.vtt``.

    With *root* (the content folder), a captions file that is a link leading out of it is not used.
    """
    media_path = Path(media_path)
    stem = media_path.stem
    for candidate in [*(f"{stem}.{tag}.vtt" for tag in _language_tags(lang)), f"{stem}.vtt"]:
        path = media_path.with_name(candidate)
        if not path.is_file():
            continue
        if root is not None:
            try:
                if not path.resolve().is_relative_to(Path(root).resolve()):
                    continue
            except (OSError, RuntimeError):
                continue
        return path
    return None


def cues_at(cues: list[Cue], t: float) -> list[Cue]:
    """Every cue shown at time *t* (seconds), in start order.

    *cues* must be sorted by start (as parse_vtt returns them)."""
    i = bisect.bisect_right(cues, t, key=lambda c: c.start)
    return [c for c in cues[:i] if c.end > t]


def cue_at(cues: list[Cue], t: float) -> Cue | None:
    """The cue shown at time *t* (the one that started last, when several overlap), or None.

    *cues* must be sorted by start, as :func:`parse_vtt` returns them.
    """
    i = bisect.bisect_right(cues, t, key=lambda c: c.start)
    for j in range(i - 1, -1, -1):
        if cues[j].end > t:
            return cues[j]
    return None
