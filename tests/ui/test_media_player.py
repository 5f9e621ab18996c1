"""Testimony and narration: play, captions in the visitor's language, transcript, the idle timer waits."""

from __future__ import annotations

import pytest

from kiosk.core import analytics
from kiosk.core.media import webvtt
from kiosk.ui.quickitems import prop
from tests.conftest import SAMPLE_CONTENT

pytestmark = pytest.mark.qml


def playing_card(ui):
    return ui.items("mediaCard")


def test_play_shows_captions_holds_the_idle_timer_and_stops_when_leaving(make_ui, tmp_path):
    store = analytics.EventStore(tmp_path / "a.sqlite3")
    ui = make_ui(lang="en", idle_timeout=30)
    ui.kiosk.set_analytics(store)
    ui.tap("attract")
    ui.wait_route("home")
    ui.go("story/1972-12-23")
    # the English narration (8.6 s), not the Vietnamese one (10.6 s)
    ui.qtbot.waitUntil(lambda: ui.text_of("mediaTime").endswith("/ 0:08"), timeout=3000)
    ui.tap("playButton")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.holds == 1, timeout=5000)  # the idle timer waits while it plays
    ui.qtbot.waitUntil(lambda: ui.text_of("captionLine") != "", timeout=5000)
    first_cue = webvtt.read_vtt(SAMPLE_CONTENT / "media/audio/1972-12-23.en.vtt", "x.vtt")[0][0].text
    assert ui.text_of("captionLine") == first_cue  # the English captions from the .vtt beside the file
    ui.tap("transcriptButton")
    assert ui.text_of("transcript").count("\n") >= 1
    ui.qtbot.wait(600)
    ui.tap("homeButton")  # leaving the page stops playback and lets the idle timer run again
    ui.wait_route("home")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.holds == 0, timeout=3000)
    assert ui.kiosk.idle.counting
    assert store.flush(5)
    plays = [e for e in analytics.load_events(tmp_path / "a.sqlite3") if e.kind == "media_play"]
    assert len(plays) == 1 and plays[0].page == "story/1972-12-23" and 0 < plays[0].value < 1
    assert plays[0].detail == "1972-12-23.en.ogg"
    store.close()


def test_the_idle_reset_stops_everything(make_ui):
    ui = make_ui(lang="vi", idle_timeout=30)
    ui.tap("attract")
    ui.wait_route("home")
    ui.go("story/prologue")
    ui.tap("playButton")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.holds == 1, timeout=5000)
    ui.kiosk.session.reset()
    ui.wait_route("attract")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.holds == 0, timeout=3000)
    assert not [c for c in playing_card(ui) if c.isVisible() and prop(c, "playing")]


def test_captions_can_be_hidden_unless_the_visitor_asked_for_them(make_ui):
    ui = make_ui(lang="vi")
    ui.go("story/1972-12-20")
    ui.tap("playButton")
    line = next(i for i in ui.items("captionLine") if ui.on_screen(i))  # not a neighbouring day's
    ui.qtbot.waitUntil(line.isVisible, timeout=5000)
    ui.tap("captionsButton")
    assert not line.isVisible()
    ui.kiosk.session.setAccess("captions", True)  # forced on by the accessibility mode
    ui.qtbot.waitUntil(line.isVisible, timeout=2000)
    ui.tap("playButton")  # pause


def test_an_attract_film_plays_silently_once_per_round_of_slides(make_ui, tmp_path):
    import shutil

    from PySide6.QtCore import QMetaObject

    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    exhibit = root / "exhibit.yaml"
    film = "  seconds_per_slide: 2\n  video: media/video/twelve-nights.mp4\n"
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace("  seconds_per_slide: 8\n", film), encoding="utf-8")
    ui = make_ui(content=root)
    video = ui.item("attractVideo")
    # once, not on a loop: a looping film would keep the kiosk decoding and drawing all day
    assert prop(video, "muted") is True and prop(video, "loops") == 1
    attract = ui.item("attract")
    # (the PlaybackState enum has no Python converter: read the position instead)
    ui.qtbot.waitUntil(lambda: prop(video, "position") > 300, timeout=8000)
    assert attract.property("slide") == 0  # the slides wait while the film plays
    QMetaObject.invokeMethod(video, "stop")  # as at its end: the slides take over
    ui.qtbot.waitUntil(lambda: not video.isVisible(), timeout=3000)
    ui.qtbot.waitUntil(lambda: attract.property("slide") == 1, timeout=5000)
    # after a round of slides (six of them, 2 s each) the film comes back
    ui.qtbot.waitUntil(lambda: video.isVisible() and prop(video, "position") > 300, timeout=20000)
    ui.tap("attract")
    ui.wait_route("home")


def test_a_seek_before_the_file_is_open_waits_for_it(make_ui):
    # the scrubber dragged before the first Play: the player is made, plays, and starts where it was asked
    from PySide6.QtCore import Q_ARG, QMetaObject

    from kiosk.ui.quickitems import walk

    ui = make_ui(lang="en", idle_timeout=30)
    ui.go("story/1972-12-20")  # the English narration: 12.1 s
    card = next(c for c in playing_card(ui) if ui.on_screen(c))
    assert prop(card, "player") is None
    QMetaObject.invokeMethod(card, "prepare")
    playback = next(i for i in walk(card) if i.metaObject().className().startswith("Playback"))
    assert not prop(prop(card, "player"), "seekable")  # not open yet
    QMetaObject.invokeMethod(playback, "play")
    QMetaObject.invokeMethod(playback, "seek", Q_ARG("QVariant", 6000))
    ui.qtbot.waitUntil(lambda: prop(card, "position") >= 6000, timeout=5000)
    assert prop(card, "position") < 12000 and prop(playback, "pendingPosition") == -1
    QMetaObject.invokeMethod(card, "stop")
    ui.qtbot.waitUntil(lambda: ui.kiosk.idle.holds == 0, timeout=3000)
