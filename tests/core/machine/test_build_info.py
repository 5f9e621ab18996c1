"""Which package is running: status.json and `kiosk status` report the package's version, and say
when the installed package is not the one running (an upgrade that did not restart the kiosk)."""

from __future__ import annotations

import json
import time

from kiosk import cli
from kiosk.core.machine import build_info, status


def test_the_package_version_is_read_beside_the_frozen_program(tmp_path, monkeypatch):
    program = tmp_path / "kiosk"
    program.write_text("")
    assert build_info.package_version(str(program)) is None
    (tmp_path / "VERSION").write_text("0.2.0~rc1\n")
    assert build_info.package_version(str(program)) == "0.2.0~rc1"
    # from source or a wheel there is no package
    monkeypatch.delattr("sys.frozen", raising=False)
    assert build_info.package_version() is None


def test_status_names_the_package_version_when_there_is_one():
    now = time.time()
    data = {"version": "0.1.0", "state": "running", "heartbeat": now, "pid": 7}
    assert status.format_status(data, now=now).startswith("kiosk 0.1.0: running")
    data["package_version"] = "0.1.0+boot2"
    assert status.format_status(data, now=now).startswith("kiosk 0.1.0+boot2: running")


def _status_dir(tmp_path, running: str):
    status.write_status(tmp_path, {"version": "0.1.0", "package_version": running, "state": "running",
                                   "heartbeat": time.time(), "pid": 7})
    return tmp_path


def test_kiosk_status_says_when_the_installed_package_is_not_the_running_one(tmp_path, monkeypatch, capsys):
    state = _status_dir(tmp_path, "0.1.0")
    monkeypatch.setattr(build_info, "package_version", lambda executable=None: "0.2.0")
    assert cli.main(["status", "--state-dir", str(state)]) == 1
    err = capsys.readouterr().err
    assert "version 0.2.0 is installed but 0.1.0 is running: restart it" in err
    monkeypatch.setattr(build_info, "package_version", lambda executable=None: "0.1.0")
    assert cli.main(["status", "--state-dir", str(state)]) == 0
    assert cli.main(["status", "--json", "--state-dir", str(state)]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["package_version"] == "0.1.0"
