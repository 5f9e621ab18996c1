"""Live content updates (watch, settle, validate off the UI thread) and status/watchdog reporting."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time

import pytest

from kiosk.core.content.loader import load_content
from kiosk.core.machine.systemd import watchdog_interval
from kiosk.ui.reporter import StatusReporter
from kiosk.ui.watcher import ContentWatcher
from tests.conftest import SAMPLE_CONTENT


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    return root


def test_a_good_change_is_loaded_once_it_settles(qtbot, content):
    calls = []

    def loader(root):
        calls.append(threading.current_thread().name)
        return load_content(root)

    watcher = ContentWatcher(content, poll_ms=40, settle_polls=2, loader=loader)
    watcher.start()
    with qtbot.waitSignal(watcher.loaded, timeout=10_000) as blocker:
        f = content / "witnesses" / "joan-baez.yaml"
        f.write_text(f.read_text(encoding="utf-8").replace("Joan Baez", "Joan C. Baez"), encoding="utf-8")
    result, rev = blocker.args
    watcher.stop()
    assert [w.name for w in result.content.witnesses if w.id == "joan-baez"] == ["Joan C. Baez"]
    assert len(rev) == 12
    assert calls == ["content-reload"]  # validated on a worker thread, once


def test_an_edit_made_while_the_kiosk_starts_is_not_missed(qtbot, content):
    """The running content was loaded from the folder as it was when loading began; an edit made after
    that but before the watcher existed (the window, the fonts, the analytics store) still goes live."""
    from kiosk.core.content import revision

    before_load = revision.fingerprint(content)
    f = content / "witnesses" / "joan-baez.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Joan Baez", "Joan C. Baez"), encoding="utf-8")
    late = ContentWatcher(content, poll_ms=40, settle_polls=1)  # without the load's fingerprint: blind to it
    watcher = ContentWatcher(content, poll_ms=40, settle_polls=1, baseline=before_load)
    missed = []
    late.loaded.connect(lambda r, rev: missed.append(rev))
    late.start()
    watcher.start()
    with qtbot.waitSignal(watcher.loaded, timeout=10_000) as blocker:
        pass
    watcher.stop()
    late.stop()
    result, _ = blocker.args
    assert [w.name for w in result.content.witnesses if w.id == "joan-baez"] == ["Joan C. Baez"]
    assert missed == []


def test_a_copy_in_progress_is_not_loaded_until_it_stops_changing(qtbot, content):
    loaded = []
    watcher = ContentWatcher(content, poll_ms=40, settle_polls=3)
    watcher.loaded.connect(lambda r, rev: loaded.append(rev))
    watcher.rejected.connect(lambda r, rev: loaded.append("rejected " + rev))
    watcher.start()
    f = content / "witnesses" / "new-person.yaml"
    deadline = time.monotonic() + 0.5
    i = 0
    while time.monotonic() < deadline:  # a file that keeps growing, as during a slow copy
        f.write_text("# copying\n" * (i + 1), encoding="utf-8")
        i += 1
        qtbot.wait(15)
    assert loaded == [], f"loaded while the file was still changing ({i} writes)"
    qtbot.waitUntil(lambda: bool(loaded), timeout=10_000)
    watcher.stop()
    assert len(loaded) == 1


def test_broken_content_and_a_vanished_folder_are_rejected(qtbot, content):
    watcher = ContentWatcher(content, poll_ms=40, settle_polls=1)
    watcher.start()
    with qtbot.waitSignal(watcher.rejected, timeout=10_000) as blocker:
        (content / "exhibit.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result, _ = blocker.args
    assert any(p.location.path == "exhibit.yaml" for p in result.errors)
    with qtbot.waitSignal(watcher.rejected, timeout=10_000) as blocker:
        shutil.rmtree(content)
    result, rev = blocker.args
    watcher.stop()
    assert rev == "missing" and "is gone" in result.errors[0].message


def test_status_and_watchdog(qtbot, tmp_path, monkeypatch):
    sock_path = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(sock_path))
    server.settimeout(2)
    monkeypatch.setenv("NOTIFY_SOCKET", str(sock_path))
    monkeypatch.setenv("WATCHDOG_USEC", "400000")  # systemd's WatchdogSec=0.4: ping every 0.2 s
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert watchdog_interval() == pytest.approx(0.5)  # never faster than twice a second
    reporter = StatusReporter(tmp_path / "state", lambda: {"route": "home"}, heartbeat_s=10)
    reporter.start()
    messages = {server.recv(100).decode() for _ in range(2)}
    assert messages == {"READY=1", "WATCHDOG=1"}
    qtbot.wait(700)  # the event loop runs: the heartbeat keeps coming
    assert server.recv(100) == b"WATCHDOG=1"
    data = json.loads((tmp_path / "state" / "status.json").read_text())
    assert data["state"] == "running" and data["route"] == "home" and data["heartbeat"] > 0
    reporter.stop()
    server.close()
    assert json.loads((tmp_path / "state" / "status.json").read_text())["state"] == "stopped"
