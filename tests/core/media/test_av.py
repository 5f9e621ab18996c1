"""Audio and video in the content: playable files, captions beside them, checked by the validator."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SAMPLE_CONTENT
from tests.core.conftest import CHAPTER, Folder, the

STORY = "story/1972-12-18.yaml"
OGG = SAMPLE_CONTENT / "media" / "audio" / "1972-12-18.en.ogg"
VTT = SAMPLE_CONTENT / "media" / "audio" / "1972-12-18.en.vtt"
ITEM_LINE = CHAPTER.count("\n") + 2  # the line of '- title:' in the block below
MEDIA_LINE = ITEM_LINE + 1  # the line of 'file:'


def with_media(extra: str = "") -> str:
    return CHAPTER + f"""media:
  - title: {{vi: "Lời kể", en: "Testimony"}}
    file: media/talk.ogg
    credit: {{vi: "Bảo tàng", en: "Museum"}}
{extra}"""


def put(valid: Folder, *, audio: bool = True, vtt: str | None = None, name: str = "talk.ogg") -> None:
    if audio:
        shutil.copyfile(OGG, valid.root / "media" / name)
    if vtt is not None:
        (valid.root / "media" / "talk.vi.vtt").write_text(vtt, encoding="utf-8")
        (valid.root / "media" / "talk.en.vtt").write_text(vtt, encoding="utf-8")


def test_audio_with_captions_in_every_language_is_fine(valid: Folder):
    put(valid, vtt=VTT.read_text(encoding="utf-8"))
    valid.write(STORY, with_media())
    result = valid.load()
    assert [p.format() for p in result.problems] == []
    (m,) = result.content.chapter("1972-12-18").media
    assert m.kind == "audio" and dict(m.captions) == {"vi": "media/talk.vi.vtt", "en": "media/talk.en.vtt"}


def test_speech_without_captions_is_a_warning_that_names_the_file_to_add(valid: Folder):
    put(valid)
    valid.write(STORY, with_media())
    result = valid.load()
    p = the(result.problems, STORY, "no captions")
    assert not p.is_error and p.location.line == ITEM_LINE
    assert p.message == "'media/talk.ogg' has spoken words but no captions"
    assert "media/talk.vi.vtt" in p.hint
    assert result.content.chapter("1972-12-18").media  # still played


def test_no_captions_needed_when_nobody_speaks(valid: Folder):
    put(valid)
    valid.write(STORY, with_media("    speech: false\n"))
    assert valid.load().problems == []


def test_a_malformed_captions_file_is_an_error_on_its_line(valid: Folder):
    put(valid, vtt="WEBVTT\n\n00:00:01.000 --> 00:00:02,500\nHello\n")
    valid.write(STORY, with_media())
    result = valid.load()
    p = the(result.problems, "media/talk.vi.vtt", error=True)
    assert p.location.line == 3 and "WebVTT uses '.'" in p.hint
    assert not [q for q in result.problems if q.location.path == STORY]  # no "no captions" on top


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"this is not a recording at all", "not an audio or video file"),
])
def test_a_file_that_cannot_be_played_is_an_error(valid: Folder, content, message):
    (valid.root / "media" / "talk.ogg").write_bytes(content)
    valid.write(STORY, with_media())
    result = valid.load()
    p = the(result.problems, STORY, message)
    assert p.is_error and p.location.line == MEDIA_LINE
    assert not result.content.chapter("1972-12-18").media
    assert result.content.chapter("1972-12-18").title  # the day itself still shows


def test_a_missing_or_wrongly_typed_media_file(valid: Folder):
    (valid.root / "media" / "talk.txt").write_text("x")
    valid.write(STORY, with_media().replace("talk.ogg", "talk.txt"))
    p = the(valid.load().problems, STORY, "talk.txt")
    assert p.is_error and "is not audio or video" in p.message


@pytest.mark.parametrize(("extra", "label"), [
    ("    narration: true\n    synthetic: true\n", "Audio guide (synthetic voice)"),
    ("    narration: true\n", "Audio guide"),  # a recorded narrator: no "synthetic" on the label
    ("", "Testimony"),
])
def test_a_synthetic_voice_is_labelled_and_a_recorded_narrator_is_not(valid: Folder, extra, label):
    import random

    from kiosk.core.present.presenter import Presenter

    put(valid, vtt=VTT.read_text(encoding="utf-8"))
    valid.write(STORY, with_media(extra))
    result = valid.load()
    assert [p.format() for p in result.problems] == []
    page = Presenter(result.content, url_for=lambda f: f, lang="en", rng=random.Random(1)).chapter("1972-12-18")
    assert [m["label"] for m in page["media"]] == [label]


def test_a_synthetic_voice_that_is_not_narration_is_warned(valid: Folder):
    put(valid, vtt=VTT.read_text(encoding="utf-8"))
    valid.write(STORY, with_media("    synthetic: true\n"))
    p = the(valid.load().problems, STORY, "synthetic voice but not marked as narration")
    assert not p.is_error and p.location.line == ITEM_LINE
