"""The real kiosk on a virtual 1920x1080 X screen, tapped through TUIO like a touch screen.

Needs Xvfb, matchbox-window-manager, xdotool, x11-utils and imagemagick: a missing one fails
these tests with the package to install (CI installs them).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from kiosk.core.content import revision
from tests.e2e.conftest import REPO, SCREEN, distinct_colours, keep_for_humans

pytestmark = pytest.mark.e2e

# Where to tap, normalised to the window (measured on the 1920x1080 landscape layout).
ANYWHERE = (0.5, 0.5)
HOME_BUTTON = (0.07, 0.05)     # top bar, left
BACK_BUTTON = (0.19, 0.05)     # top bar, right of Home
STORY_CARD = (0.17, 0.65)      # home page, left card
QUIZ_CARD = (0.83, 0.65)       # home page, right card

MIN_COLOURS = 16  # a blank or single-fill screen has one or two


def _accent(content: Path = REPO / "content") -> tuple[int, int, int]:
    value = yaml.safe_load((content / "exhibit.yaml").read_text(encoding="utf-8"))["theme"]["accent"]
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def shows_attract_band(path: Path) -> bool:
    """The attract screen's 'Touch to begin' band: the bottom strip of the screen in the accent colour."""
    from PIL import Image

    accent = _accent()
    with Image.open(path) as im:
        rgb = im.convert("RGB")
        w, h = rgb.size
        samples = [rgb.getpixel((x, y)) for x in range(10, w - 10, 37) for y in (h - 30, h - 12)]
    close = [p for p in samples if all(abs(a - b) <= 12 for a, b in zip(p, accent, strict=False))]
    return len(close) >= 0.6 * len(samples)


def wait_for_screen(kiosk, name: str, predicate, timeout: float = 5.0) -> Path:
    """Screenshots until *predicate(path)* holds: a route is logged before its frame is drawn."""
    deadline = time.monotonic() + timeout
    while True:
        path = kiosk.screenshot(name)
        if predicate(path):
            return path
        if time.monotonic() >= deadline:
            keep_for_humans(path)
            pytest.fail(f"the screen did not show the expected page within {timeout} s; see {path.name} "
                        f"in /tmp/e2e-shots", pytrace=False)
        time.sleep(0.2)


def _collapse(routes: list[str]) -> list[str]:
    """Routes without immediate repeats (the kiosk logs its first route twice at start)."""
    return [r for i, r in enumerate(routes) if i == 0 or routes[i - 1] != r]


def _problems(lines: list[str]) -> list[str]:
    """Log lines that show the UI went wrong: errors, and QML warnings (ReferenceError, binding loops)."""
    return [line for line in lines
            if re.search(r" (ERROR|CRITICAL) ", line) or re.search(r" WARNING kiosk\.(qml|ui)\b", line)]


def _status(kiosk) -> dict:
    """`kiosk status --json`, as a monitoring tool would run it."""
    done = subprocess.run([sys.executable, "-m", "kiosk", "status", "--json", "--state-dir",
                           str(kiosk.state_dir)], capture_output=True, text=True, timeout=30, cwd=REPO)
    return json.loads(done.stdout)


def test_kiosk_starts_fullscreen_and_navigates_by_touch(start_kiosk):
    kiosk = start_kiosk()

    kiosk.wait_route("attract", timeout=15)
    attract = kiosk.screenshot_when_drawn("01-attract", min_colours=MIN_COLOURS)
    assert distinct_colours(attract) >= MIN_COLOURS, f"the attract screen looks blank: {attract}"
    assert shows_attract_band(attract), f"no 'Touch to begin' band on the attract screen: {attract}"

    wid = kiosk.wait_focus()
    x, y, w, h = kiosk.geometry(wid)
    assert (x, y, w, h) == (0, 0, *SCREEN), f"the kiosk window is {w}x{h}+{x}+{y}, not fullscreen {SCREEN}"
    # Main.qml's own default size is also 1920x1080: the window manager's state is the real proof.
    assert kiosk.wait_fullscreen(wid), f"the kiosk window is not fullscreen: {kiosk.wm_state(wid).strip()}"

    kiosk.tap(*ANYWHERE, expect_route="home")
    kiosk.tap(*STORY_CARD, expect_route="story")
    kiosk.tap(*HOME_BUTTON, expect_route="home")
    kiosk.tap(*QUIZ_CARD, expect_route="quiz")
    kiosk.tap(*BACK_BUTTON, expect_route="home")

    # the page transition lasts 220 ms; then the home page is what the screen shows
    home = kiosk.screenshot_when_drawn("02-home", min_colours=MIN_COLOURS)
    assert distinct_colours(home) >= MIN_COLOURS, f"the home page looks blank: {home}"
    assert not shows_attract_band(home), f"the attract screen is still showing: {home}"
    assert _collapse(kiosk.routes()) == ["attract", "home", "story", "home", "quiz", "home"], kiosk.routes()

    log_file = kiosk.state_dir / "kiosk.log"
    assert log_file.is_file(), f"no log file in KIOSK_STATE_DIR ({log_file})"
    assert "route: quiz" in log_file.read_text(encoding="utf-8")

    status = _status(kiosk)
    assert status["responding"] and status["state"] == "running", status
    assert status["route"] == "home" and status["content_revision"] == revision.content_revision(REPO / "content")

    code = kiosk.close()
    assert code is not None, "the kiosk did not exit within 10 s of SIGTERM"
    assert code == 0, f"the kiosk exited with code {code}"
    assert _status(kiosk)["state"] == "stopped"
    assert not _problems(kiosk.lines), "\n".join(_problems(kiosk.lines))

    for shot in (attract, home):
        keep_for_humans(shot)


def test_idle_timeout_returns_to_attract(start_kiosk):
    kiosk = start_kiosk("--idle-timeout", "3", env={"KIOSK_IDLE_COUNTDOWN": "2"})
    kiosk.wait_route("attract", timeout=15)
    kiosk.wait_focus()
    # a visitor taps what is on the screen: a tap sent before the first frame is drawn may be dropped
    # (seen on a loaded machine), so wait for the attract screen to be drawn, as the first test does
    kiosk.screenshot_when_drawn("02-attract-before-idle", min_colours=MIN_COLOURS)

    since = kiosk.mark()
    kiosk.tap(*ANYWHERE, expect_route="home")
    kiosk.wait_for_line(r"idle: asking whether the visitor is still there", since, timeout=6)
    time.sleep(0.3)
    keep_for_humans(kiosk.screenshot("03-idle-warning"))  # "Are you still there?" with its countdown
    kiosk.wait_route("attract", since, timeout=10)
    kiosk.wait_for_line(r"INFO kiosk\.ui\.session: idle reset", since, timeout=1)

    shot = wait_for_screen(kiosk, "04-attract-after-idle", shows_attract_band)
    keep_for_humans(shot)
    assert not _problems(kiosk.lines), "\n".join(_problems(kiosk.lines))


def test_content_edited_while_running_goes_live_and_broken_content_is_refused(start_kiosk, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    kiosk = start_kiosk(content=content)
    kiosk.wait_route("attract", timeout=15)
    kiosk.wait_focus()

    exhibit = content / "exhibit.yaml"
    good = exhibit.read_text(encoding="utf-8")
    since = kiosk.mark()
    exhibit.write_text(good.replace("Hanoi – Dien Bien Phu in the Air", "Hanoi – Dien Bien Phu in the Sky"),
                       encoding="utf-8")
    line = kiosk.wait_for_line(r"content (\w+) is live", since, timeout=20)  # at the attract loop: at once
    assert revision.content_revision(content) in line
    assert _status(kiosk)["content_revision"] == revision.content_revision(content)

    since = kiosk.mark()
    exhibit.write_text("title: [broken\n", encoding="utf-8")
    kiosk.wait_for_line(r"content update \w+ rejected", since, timeout=20)
    kiosk.wait_for_line(r"exhibit\.yaml:\d+:\d+: error: ", since, timeout=2)
    status = _status(kiosk)
    assert status["responding"] and status["rejected_update"]["problems"][0].startswith("exhibit.yaml:")
    assert status["content_revision"] != status["rejected_update"]["revision"]  # still the last good one
    # and the kiosk still works
    kiosk.tap(*ANYWHERE, expect_route="home")
    assert kiosk.close() == 0
