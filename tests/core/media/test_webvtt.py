"""kiosk.core.media.webvtt: captions parsed like a browser would, every mistake reported on its line."""

from __future__ import annotations

import pytest

from kiosk.core.media.webvtt import (
    Cue,
    captions_for,
    cue_at,
    cues_at,
    format_time,
    parse_timestamp,
    parse_vtt,
    read_vtt,
)

REL = "media/ba-lan.vtt"

VALID = """\
\ufeffWEBVTT - Bà Lan's testimony
Kind: captions
Language: vi

NOTE recorded in Hanoi, 2019
The siren --> the shelter

STYLE
::cue { color: yellow }

intro
00:00.000 --> 00:03.500
<v Bà Lan>The sirens started</v> at <i>seven</i>,
we ran &amp; hid.

00:00:03.500 --> 00:00:07.250 align:start line:90%
<c.quiet>Then</c> <00:00:05.000>silence.

01:00:00.000 --> 01:00:02.000
One hour later.
"""


def problems_of(text: str) -> list[tuple[int, int, str, str]]:
    _, problems = parse_vtt(text, REL)
    assert all(p.location.path == REL for p in problems)
    return [(p.location.line, p.location.col, p.severity.value, p.message) for p in problems]


def test_a_valid_file_gives_its_cues():
    text = VALID.replace("The siren --> the shelter\n", "")
    cues, problems = parse_vtt(text, REL)
    assert problems == []
    assert cues == [
        Cue(0.0, 3.5, "The sirens started at seven,\nwe ran & hid.", 11, "intro", "Bà Lan"),
        Cue(3.5, 7.25, "Then silence.", 15, settings="align:start line:90%"),
        Cue(3600.0, 3602.0, "One hour later.", 18),
    ]


def test_crlf_and_cr_line_ends():
    cues, problems = parse_vtt("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nA\r\nB\r\n", REL)
    assert problems == [] and cues[0].text == "A\nB" and cues[0].line == 3
    cues, problems = parse_vtt("WEBVTT\r\r00:01.000 --> 00:02.000\rA", REL)
    assert problems == [] and cues[0].text == "A"


def test_an_arrow_in_a_note_is_an_error_on_its_line():
    assert problems_of(VALID) == [(6, 11, "error", "'-->' is not allowed in a NOTE")]
    text = VALID.replace("The siren --> the shelter", "00:00.000 --> 00:01.000")
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.severity.value, p.message) for p in problems] == [
        (6, "error", "a new cue starts without an empty line before it"),
        (6, "warning", "this cue has no text"),
        (8, "warning", "a STYLE block after the first cue is ignored"),
        (12, "warning", "this cue starts at 00:00:00.000, while the previous cue (line 6) is shown until 00:00:01.000"),
    ]
    assert len(cues) == 4


def test_an_arrow_in_cue_text():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nfrom Hanoi --> Hai Phong\n"
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.location.col, p.message, p.hint) for p in problems] == [
        (4, 12, "'-->' is not allowed in cue text", "write '--&gt;' instead")]
    assert cues[0].text == "from Hanoi --> Hai Phong"


@pytest.mark.parametrize(("token", "seconds"), [
    ("00:01.000", 1.0), ("59:59.999", 3599.999), ("00:00:00.001", 0.001), ("123:00:00.000", 442800.0),
])
def test_valid_timestamps(token, seconds):
    assert parse_timestamp(token) == (seconds, "", "")


@pytest.mark.parametrize(("token", "message", "hint"), [
    ("00:00:01,000", "the milliseconds are after ',' (as in SRT files)", "WebVTT uses '.', e.g. 00:00:01.000"),
    ("00:01", "the milliseconds are missing", "write e.g. 00:01.000"),
    ("00:01.5", "the milliseconds must have exactly 3 digits", ""),
    ("0:00:01.000", "the hours must have at least 2 digits", "write e.g. 00:00:01.000"),
    ("0:01.000", "minutes and seconds must have 2 digits", ""),
    ("00:61.000", "the seconds must be 00 to 59", ""),
    ("75:00.000", "the minutes must be 00 to 59", "write the hours too, e.g. 01:05:00.000"),
    ("00:01:02:500", "the milliseconds are after ':'", "use '.', e.g. 00:01:02.500"),
    ("soon", "", ""),
])
def test_malformed_timestamps_say_what_is_wrong(token, message, hint):
    seconds, got_message, got_hint = parse_timestamp(token)
    assert seconds is None
    assert got_message.startswith(f"'{token}' is not a valid time")
    assert got_message.endswith(message)
    if hint:
        assert got_hint == hint


def test_missing_header():
    cues, problems = parse_vtt("00:01.000 --> 00:02.000\nHello\n", REL)
    assert [(p.location.line, p.location.col, p.message) for p in problems] == [
        (1, 1, "the file does not start with 'WEBVTT'")]
    assert problems[0].is_error
    assert [c.text for c in cues] == ["Hello"]  # still parsed, to report what else is wrong


def test_an_empty_file_has_no_header():
    assert problems_of("") == [(1, 1, "error", "the file does not start with 'WEBVTT'")]


@pytest.mark.parametrize("first", ["WEBVTTcaptions", "webvtt", "WEBVTT-FILE"])
def test_a_wrong_header_line(first):
    assert problems_of(f"{first}\n\n00:01.000 --> 00:02.000\nHi\n") == [
        (1, 1, "error", f"the first line must be exactly 'WEBVTT', not '{first}'")]


def test_an_srt_file_renamed_to_vtt():
    srt = "1\n00:00:01,000 --> 00:00:02,500\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n"
    why = "is not a valid time: the milliseconds are after ',' (as in SRT files)"
    assert problems_of(srt) == [
        (1, 1, "error", "the file does not start with 'WEBVTT'"),
        (2, 1, "error", f"start time '00:00:01,000' {why}"),
        (2, 18, "error", f"end time '00:00:02,500' {why}"),
        (6, 1, "error", f"start time '00:00:03,000' {why}"),
        (6, 18, "error", f"end time '00:00:04,000' {why}"),
    ]


def test_a_malformed_timestamp_is_located_on_its_line_and_column():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nfine\n\nid-2\n  00:03.000 -->   00:4.000\nbad end\n"
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.location.col) for p in problems] == [(7, 19)]
    assert problems[0].message == "end time '00:4.000' is not a valid time: minutes and seconds must have 2 digits"
    assert [c.text for c in cues] == ["fine"]  # the bad cue is left out


def test_end_before_start():
    text = "WEBVTT\n\n00:05.000 --> 00:02.000\nbackwards\n\n00:06.000 --> 00:06.000\nnever shown\n"
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.location.col, p.message) for p in problems] == [
        (3, 15, "the cue ends at 00:00:02.000, before it starts (00:00:05.000)"),
        (6, 15, "the cue ends when it starts (00:00:06.000): it is never shown"),
    ]
    assert all(p.is_error for p in problems) and cues == []


def test_out_of_order_and_overlapping_cues_are_warnings():
    text = ("WEBVTT\n\n"
            "00:10.000 --> 00:12.000\nsecond\n\n"   # line 3
            "00:01.000 --> 00:02.000\nfirst\n\n"    # line 6: starts before the previous cue
            "00:01.500 --> 00:03.000\noverlap\n")   # line 9: starts while the previous is shown
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.location.col, p.severity.value, p.message) for p in problems] == [
        (6, 1, "warning", "this cue starts at 00:00:01.000, before the previous cue (line 3, at 00:00:10.000)"),
        (9, 1, "warning",
         "this cue starts at 00:00:01.500, while the previous cue (line 6) is shown until 00:00:02.000"),
    ]
    assert [c.text for c in cues] == ["first", "overlap", "second"]  # sorted by start, as a player does


def test_a_cue_without_text_is_a_warning():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\n<i></i>\n\n00:05.000 --> 00:06.000"
    assert problems_of(text) == [
        (3, 1, "warning", "this cue has no text"),
        (5, 1, "warning", "this cue has no text"),
        (8, 1, "warning", "this cue has no text"),
    ]


def test_a_missing_blank_line_between_cues():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\none\n00:02.000 --> 00:03.000\ntwo\n"
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.message) for p in problems] == [
        (5, "a new cue starts without an empty line before it")]
    assert [c.text for c in cues] == ["one", "two"]


def test_a_cue_right_under_the_header():
    text = "WEBVTT\n00:01.000 --> 00:02.000\none\n"
    cues, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.message, p.hint) for p in problems] == [
        (2, "a cue right under the WEBVTT line", "leave an empty line after the WEBVTT line")]
    assert [c.text for c in cues] == ["one"]


def test_text_outside_cues_and_a_wrong_arrow():
    text = "WEBVTT\n\nstray words\n\n00:01.000 -> 00:02.000\nbad arrow\n\n7\n00:03.000 — 00:04.000\nno arrow\n"
    assert problems_of(text) == [
        (3, 1, "error", "this text is not part of a cue"),
        (5, 1, "error", "the arrow between the start and end times must be '-->'"),
        (8, 1, "error", "this text is not part of a cue"),
    ]


def test_unknown_settings_and_repeated_ids_are_warnings():
    text = "WEBVTT\n\na\n00:01.000 --> 00:02.000 allign:start size:50%\nx\n\na\n00:03.000 --> 00:04.000\ny\n"
    _, problems = parse_vtt(text, REL)
    assert [(p.location.line, p.location.col, p.message, p.hint) for p in problems] == [
        (4, 25, "unknown cue setting 'allign:start' is ignored", "did you mean 'align'?"),
        (7, 1, "the cue identifier 'a' is used twice (also on line 3)", "each cue identifier must be unique"),
    ]


def test_a_style_block_after_a_cue_is_ignored_with_a_warning():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\nSTYLE\n::cue { color: red }\n"
    assert problems_of(text) == [(6, 1, "warning", "a STYLE block after the first cue is ignored")]


def test_read_vtt_reports_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "old.vtt"
    path.write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\nBà ".encode() + "Lan".encode("utf-16-le") + b"\xe0\n")
    cues, problems = read_vtt(path, "media/old.vtt")
    assert [(p.location.line, p.message) for p in problems] == [(4, "the captions are not UTF-8 text")]
    assert len(cues) == 1
    cues, problems = read_vtt(tmp_path / "missing.vtt", "media/missing.vtt")
    assert cues == [] and problems[0].message.startswith("cannot read the captions")


def test_captions_for_picks_the_language_file(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    video = media / "ba-lan.mp4"
    video.write_bytes(b"")
    assert captions_for(video, "vi") is None
    (media / "ba-lan.vtt").write_text("WEBVTT\n")
    assert captions_for(video, "vi") == media / "ba-lan.vtt"
    (media / "ba-lan.vi.vtt").write_text("WEBVTT\n")
    (media / "ba-lan.en.vtt").write_text("WEBVTT\n")
    assert captions_for(video, "vi") == media / "ba-lan.vi.vtt"
    assert captions_for(video, "en") == media / "ba-lan.en.vtt"
    assert captions_for(video, "vi-VN") == media / "ba-lan.vi.vtt"
    assert captions_for(video, "fr") == media / "ba-lan.vtt"


def test_captions_for_refuses_a_link_out_of_the_content_folder(tmp_path):
    root = tmp_path / "content"
    (root / "media").mkdir(parents=True)
    outside = tmp_path / "secret.vtt"
    outside.write_text("WEBVTT\n")
    video = root / "media" / "a.mp4"
    video.write_bytes(b"")
    (root / "media" / "a.en.vtt").symlink_to(outside)
    assert captions_for(video, "en") == root / "media" / "a.en.vtt"
    assert captions_for(video, "en", root=root) is None


def test_cue_at():
    cues, _ = parse_vtt("WEBVTT\n\n00:01.000 --> 00:03.000\na\n\n00:02.000 --> 00:04.000\nb\n\n"
                        "00:10.000 --> 00:20.000\nc\n", REL)
    texts = lambda t: [c.text for c in cues_at(cues, t)]
    assert cue_at(cues, 0.5) is None and texts(0.5) == []
    assert cue_at(cues, 1.0).text == "a"
    assert cue_at(cues, 2.5).text == "b" and texts(2.5) == ["a", "b"]
    assert cue_at(cues, 3.0).text == "b"  # a cue ends just before its end time
    assert cue_at(cues, 4.0) is None
    assert cue_at(cues, 15).text == "c" and cue_at(cues, 20) is None
    assert cue_at([], 1) is None


def test_format_time():
    assert format_time(3725.25) == "01:02:05.250"
