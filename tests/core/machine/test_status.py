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
