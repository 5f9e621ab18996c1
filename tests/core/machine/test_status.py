"""status.json and the content revision."""

from __future__ import annotations

import os
import shutil
import time

from kiosk.core.content import revision
from kiosk.core.machine import status
from tests.conftest import SAMPLE_CONTENT


def test_status_round_trip_and_human_format(tmp_path):
    now = time.time()
    data = {"version": "1.2", "state": "running", "pid": 42, "uptime_s": 93784, "heartbeat": now - 5,
            "content_dir": "/var/lib/kiosk/content", "content_revision": "abc123", "loaded_at": "2026-11-25T08:00",
            "content_errors": 0, "content_warnings": 2, "route": "home", "language": "vi",
            "rejected_update": {"at": "2026-11-25T09:00", "revision": "def456",
                                "problems": ["witnesses/x.yaml:3:1: error: unknown key 'nmae'"]}}
    status.write_status(tmp_path, data)
    assert status.read_status(tmp_path) == data
    assert not [p for p in tmp_path.iterdir() if p.name != "status.json"]  # no temporary files left
    text = status.format_status(data, now=now)
    assert "kiosk 1.2: running (last heartbeat 5 s ago, pid 42)" in text
    assert "1 d 02:03:04" in text
    assert "REJECTED" in text and "witnesses/x.yaml:3:1: error: unknown key 'nmae'" in text
    assert "NOT RESPONDING" in status.format_status(data, now=now + 600)


def test_no_status_is_none(tmp_path):
    assert status.read_status(tmp_path) is None
    (tmp_path / "status.json").write_text("{half")
    assert status.read_status(tmp_path) is None
    (tmp_path / "status.json").write_text('["valid JSON", "but no status"]')
    assert status.read_status(tmp_path) is None


def test_revision_follows_the_bytes_and_the_fingerprint_follows_any_change(tmp_path):
    root = tmp_path / "c"
    shutil.copytree(SAMPLE_CONTENT, root)
    rev, fp = revision.content_revision(root), revision.fingerprint(root)
    assert rev == revision.content_revision(SAMPLE_CONTENT)  # same bytes, same revision, wherever it is
    assert len(rev) == 12
    # editor leftovers do not count
    (root / "witnesses" / ".pham-tuan.yaml.swp").write_text("x")
    (root / "witnesses" / "pham-tuan.yaml~").write_text("x")
    assert revision.fingerprint(root) == fp and revision.content_revision(root) == rev
    f = root / "witnesses" / "pham-tuan.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Phạm Tuân", "Pham Tuan"), encoding="utf-8")
    os.utime(f, ns=(1, 1))
    assert revision.fingerprint(root) != fp
    assert revision.content_revision(root) != rev
    assert revision.fingerprint(tmp_path / "nowhere") == "missing"


# -- a kiosk that works but cannot write its status is not "hung" -------------------------------------------

def _running(now: float, **more) -> dict:
    return {"version": "1.2", "state": "running", "pid": 42, "uptime_s": 100, "heartbeat": now, **more}


def test_a_fresh_runtime_copy_with_the_error_says_running_but_cannot_write(tmp_path):
    state, run = tmp_path / "state", tmp_path / "run"
    now = time.time()
    status.write_status(state, _running(now - 900))  # written before the disk filled up
    error = {"path": str(state / "status.json"), "since": "2026-12-03T08:00:00+0700",
             "error": "No space left on device"}
    status.write_status(run, _running(now - 3, status_write_error=error))
    best = status.read_best(state, run, now=now)
    assert status.heartbeat_age(best, now) == 3
    text = status.format_status(best, now=now)
    assert text.splitlines()[0] == "kiosk 1.2: running (last heartbeat 3 s ago, pid 42)"
    assert text.splitlines()[1] == (f"WARNING: the kiosk cannot write {state / 'status.json'} since "
                                    "2026-12-03T08:00:00+0700: No space left on device (the kiosk is not hung; "
                                    "free the disk or fix the folder's permissions)")


def test_a_fresh_heartbeat_file_alone_is_enough_to_tell_it_is_alive(tmp_path):
    now = time.time()
    status.write_status(tmp_path, _running(now - 900))
    assert status.touch_heartbeat(tmp_path, now - 2)
    best = status.read_best(tmp_path, tmp_path / "no-runtime", now=now)
    assert round(status.heartbeat_age(best, now)) == 2
    assert best["status_write_error"]["error"] == "status.json is not updated, while the heartbeat file is"
    assert "running" in status.format_status(best, now=now).splitlines()[0]


def test_every_channel_old_is_not_responding(tmp_path):
    now = time.time()
    status.write_status(tmp_path, _running(now - 900))
    status.touch_heartbeat(tmp_path, now - 900)
    best = status.read_best(tmp_path, tmp_path / "run", now=now)
    assert "NOT RESPONDING" in status.format_status(best, now=now)
    assert "WARNING" not in status.format_status(best, now=now)


def test_touching_the_heartbeat_needs_no_free_space(tmp_path):
    import subprocess

    if os.geteuid() != 0:
        import pytest
        pytest.skip("mounting a small file system needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True).returncode:
        import pytest
        pytest.skip("cannot mount a tmpfs here")
    try:
        assert status.touch_heartbeat(disk, 1000.0)
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk to the last byte
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        try:
            status.write_status(disk, _running(time.time()))
            raise AssertionError("the disk is not full")
        except OSError:
            pass
        assert status.touch_heartbeat(disk, 2000.0)
        assert os.stat(disk / "heartbeat").st_mtime == 2000.0
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "heartbeat"]  # no temporary file left behind
    finally:
        subprocess.run(["umount", str(disk)], check=False)
