"""The running kiosk on a hostile content folder: start-up, a page opened, the attract loop.

The classes of issue 13 that only show on screen: numbers that are not finite (the kiosk used to exit at
start, never reset, or freeze its attract loop), plain fields that look like HTML (drawn as HTML), Markdown
with remote or outside pictures and raw HTML, captions written as HTML, a named pipe in media/ (start-up
blocked for ever), and a recording that fails at play time (the card showed Play and 0:00, and nothing).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtQuick import QQuickItem

from kiosk.ui import images
from kiosk.ui.quickitems import prop, walk
from tests.conftest import SAMPLE_CONTENT
from tests.core.conftest import CHAPTER, EXHIBIT, WITNESS, build_valid

pytestmark = pytest.mark.qml


def text_format(item: QQuickItem) -> str:
    """'plain', 'rich' or 'other': the item's textFormat, asked in QML (PySide cannot convert the enum)."""
    from PySide6.QtQml import QQmlExpression, qmlContext

    expr = QQmlExpression(qmlContext(item), item,
                          "textFormat === Text.PlainText ? 'plain' : textFormat === Text.RichText ? 'rich' : 'other'")
    value, undefined = expr.evaluate()
    assert not undefined, expr.error().toString()
    return value


def with_text(ui, text: str) -> QQuickItem:
    found = [i for i in walk(ui.window.contentItem())
             if i.metaObject().indexOfProperty("text") >= 0 and isinstance(prop(i, "text"), str)
             and prop(i, "text") == text]
    assert found, f"nothing shows {text!r}"
    return found[0]

ROLE = "<img src='https://example.org/x.png'><h1>PILOT</h1>"
BODY = """body:
  vi: |
    Trước ảnh. <h1>HUGE</h1> **đậm**

    ![Bản đồ](media/photo.png) ![xa](https://example.org/t.png) ![ngoài](file:///etc/hostname) ![lên](../../x.png)

    [một liên kết](https://example.org)
  en: Body text.
"""


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    root = build_valid(tmp_path / "content")
    (root / "exhibit.yaml").write_text(EXHIBIT.replace("idle_timeout: 60", "idle_timeout: .nan")
                                       .replace("idle_countdown: 20", "idle_countdown: .inf")
                                       .replace("seconds_per_slide: 8", "seconds_per_slide: .nan"), encoding="utf-8")
    (root / "witnesses/pham-tuan.yaml").write_text(WITNESS.replace('en: "MiG-21 pilot"', f'en: "{ROLE}"'),
                                                   encoding="utf-8")
    audio = (SAMPLE_CONTENT / "media/audio/1972-12-19.en.ogg").read_bytes()
    (root / "media/audio").mkdir()
    (root / "media/audio/t.ogg").write_bytes(audio)
    (root / "media/audio/t.vi.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:07.000\n<img src=x> &lt;b&gt;not bold&lt;/b&gt; <b>bold</b>\n", encoding="utf-8")
    chapter = CHAPTER.replace('body:\n  vi: "Nội dung."\n  en: "Body text."\n', BODY)
    chapter += "media:\n  - file: media/audio/t.ogg\n    title: Testimony\n    credit: Archive\n"
    (root / "story/1972-12-18.yaml").write_text(chapter, encoding="utf-8")
    os.mkfifo(root / "media" / "stream.png")  # nothing refers to it; start-up must not open it
    return root


def fifo_guard(root: Path) -> threading.Event:
    """If anything opens the pipe for reading, a writer released after 20 s lets the test fail instead of hang."""
    stop = threading.Event()

    def release():
        if not stop.wait(20):
            try:
                os.close(os.open(root / "media" / "stream.png", os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
    threading.Thread(target=release, daemon=True).start()
    return stop


def texts(ui, name: str) -> list[QQuickItem]:
    return [i for i in ui.items(name) if prop(i, "text")]


def test_start_up_page_and_attract_loop_on_a_hostile_folder(make_ui, hostile: Path, qtbot):
    stop = fifo_guard(hostile)
    try:
        ui = make_ui(hostile, lang="en")
    finally:
        stop.set()
    # numbers that are not finite were refused: the defaults run, the idle reset will happen
    assert ui.kiosk.idle.timeout == 60.0
    assert ui.kiosk.idle.countdown == 20.0

    ui.go("witnesses/pham-tuan")
    assert text_format(with_text(ui, ROLE)) == "plain"  # shown as typed, never drawn as HTML

    ui.kiosk.session.language = "vi"  # the Markdown body is written in Vietnamese
    ui.go("story/1972-12-18")
    body = ui.item("chapterBody")
    assert text_format(body) == "rich"
    shown = prop(body, "text")
    assert "&lt;h1&gt;HUGE&lt;/h1&gt;" in shown and "<b>đậm</b>" in shown
    assert shown.count("<img") == 1 and 'alt="Bản đồ"' in shown  # only the content folder's picture
    for far in ("example.org", "file:///etc", "../"):
        assert far not in shown
    assert "<a " not in shown and "một liên kết" in shown

    ui.go("attract")
    qtbot.wait(300)
    assert ui.route == "attract"


def test_captions_written_as_html_are_plain_text(make_ui, hostile: Path):
    stop = fifo_guard(hostile)
    try:
        ui = make_ui(hostile)
    finally:
        stop.set()
    cues = ui.kiosk.captions("media/audio/t.vi.vtt")
    assert [c["text"] for c in cues] == ["<b>not bold</b> bold"]
    ui.go("story/1972-12-18")
    lines = ui.items("captionLine")
    assert lines and all(text_format(item) == "plain" for item in lines)


@pytest.mark.qt_log_ignore("^cannot play ")  # the kiosk's own log line for staff: expected here
def test_a_recording_that_fails_at_play_time_says_so(make_ui, hostile: Path, qtbot):
    stop = fifo_guard(hostile)
    try:
        ui = make_ui(hostile)
    finally:
        stop.set()
    ui.go("story/1972-12-18")
    # validated, then damaged on the disk while the kiosk runs (a content share written to under it)
    (hostile / "media/audio/t.ogg").write_bytes(b"OggS" + b"\0" * 60)
    error = ui.items("mediaError")[0]
    assert not error.isVisible()
    ui.tap("playButton")
    qtbot.waitUntil(lambda: error.isVisible(), timeout=15_000)
    assert prop(error, "text") == "Hiện không phát được bản ghi này."
    assert ui.kiosk.idle.holds == 0  # a dead player does not keep the idle reset away


def test_a_huge_png_original_is_never_handed_to_qml(tmp_path: Path, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("KIOSK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    (root / "media").mkdir(parents=True)
    Image.new("1", (5000, 4000)).save(root / "media" / "scan.png")  # 20 Mpx: 80 MB once decoded by Qt
    assert images.image_url(root, "media/scan.png") == ""  # the placeholder until the derivative exists
    assert images.drain(60)
    assert images.image_url(root, "media/scan.png").endswith(".jpg")


def test_a_full_disk_under_the_state_folder_is_not_a_hung_kiosk(qtbot, tmp_path: Path, monkeypatch):
    import json
    import subprocess
    import sys
    import time

    from kiosk.ui.reporter import StatusReporter

    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    state = tmp_path / "state"
    state.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(state)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    monkeypatch.setenv("KIOSK_RUNTIME_DIR", str(tmp_path / "run"))
    try:
        reporter = StatusReporter(state, lambda: {"route": "home", "language": "vi"})
        reporter.write()  # a healthy start: status.json and the heartbeat file exist
        assert reporter.write_error is None
        fd = os.open(state / "filler", os.O_WRONLY | os.O_CREAT)
        try:  # then the disk fills up
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        time.sleep(1.1)
        reporter.write()
        assert reporter.write_error is not None and reporter.write_error["error"] == "No space left on device"
        env = {**os.environ, "KIOSK_RUNTIME_DIR": str(tmp_path / "run"),
               "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                              *filter(None, [os.environ.get("PYTHONPATH")])])}
        done = subprocess.run([sys.executable, "-m", "kiosk", "status", "--state-dir", str(state), "--json"],
                              capture_output=True, text=True, env=env, timeout=60)
        answer = json.loads(done.stdout)
        assert done.returncode == 0 and answer["responding"] is True, done.stdout + done.stderr
        assert answer["problem"] == "cannot-write-status"
        human = subprocess.run([sys.executable, "-m", "kiosk", "status", "--state-dir", str(state)],
                               capture_output=True, text=True, env=env, timeout=60).stdout.splitlines()
        assert ": running (last heartbeat" in human[0]
        assert human[1].startswith(f"WARNING: the kiosk cannot write {state / 'status.json'} since ")
        assert human[1].endswith(": No space left on device (the kiosk is not hung; free the disk or fix the "
                                 "folder's permissions)")
    finally:
        subprocess.run(["umount", str(state)], check=False)
