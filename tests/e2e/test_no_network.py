"""Nothing leaves the machine: opening every page of a hostile exhibit makes no network connection.

The exhibit asks for the network every way a content folder can: Markdown images on web servers
(http, https, protocol-relative), a caption and a witness role written as HTML with remote pictures,
a source whose URL is a web address, links in the texts. ``kiosk render`` then opens every route in every
language (the same QML pages a visitor sees, with their images, recordings' cards and captions) under
``strace``, which records every ``connect()`` and ``sendto()`` the process and its threads make. Local
(AF_UNIX) sockets are allowed (D-Bus, fontconfig); any AF_INET or AF_INET6 one fails the test, whether or
not it could have reached anything.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.conftest import CHAPTER, WITNESS, build_valid

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow]


@pytest.fixture(autouse=True)
def _strace_installed():
    # fails, never skips: a missing tool must not pass the check silently (./test installs strace)
    assert shutil.which("strace"), "strace watches the connect() calls: apt-get install strace"

HOSTILE_BODY = """body:
  vi: |
    Ảnh: ![tracker](https://example.org/pixel.png) ![cdn](//cdn.example.org/a.png) ![ftp](ftp://example.org/b.png)

    <img src="http://example.org/raw.png"> <iframe src="https://example.org"></iframe>
    [a link](https://example.org/page) and <https://example.org/auto>
  en: "<img src='https://example.org/caption.png'> written as HTML"
"""


def hostile_exhibit(root: Path) -> Path:
    build_valid(root)
    (root / "story/1972-12-18.yaml").write_text(
        CHAPTER.replace('body:\n  vi: "Nội dung."\n  en: "Body text."\n', HOSTILE_BODY), encoding="utf-8")
    (root / "witnesses/pham-tuan.yaml").write_text(
        WITNESS.replace('en: "MiG-21 pilot"', "en: \"<img src='https://example.org/role.png'><h1>PILOT</h1>\""),
        encoding="utf-8")
    return root


def isolated(command: list[str]) -> list[str]:
    """*command* in a network namespace of its own, with no route anywhere, when this machine allows it:
    even an attempt the watch missed could not leave the machine."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n", *command]
    return command


def connections(log: Path) -> list[str]:
    """The connect/sendto lines of an strace log that reach for a network address."""
    out = []
    for line in log.read_text(errors="replace").splitlines():
        if re.search(r"\b(connect|sendto|sendmsg)\(", line) and re.search(r"AF_INET6?\b", line):
            out.append(line)
    return out


def test_opening_every_route_of_a_hostile_exhibit_makes_no_network_connection(tmp_path: Path):
    content = hostile_exhibit(tmp_path / "content")
    log = tmp_path / "strace.log"
    env = {**{k: v for k, v in os.environ.items() if k != "KIOSK_CONTENT"},
           "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "home"),
           "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run(isolated(
        ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log),
         sys.executable, "-m", "kiosk", "render", "--content", str(content), "--out", str(tmp_path / "shots")]),
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    shots = sorted(p.name for p in (tmp_path / "shots").rglob("*.png"))
    for page in ("1972-12-18", "pham-tuan", "attract", "basics"):
        assert any(page in s for s in shots), f"{page} was not rendered: {shots}"
    reached = connections(log)
    assert reached == [], "network connections:\n" + "\n".join(reached[:20])


def test_validating_a_hostile_exhibit_makes_no_network_connection(tmp_path: Path):
    content = hostile_exhibit(tmp_path / "content")
    log = tmp_path / "strace.log"
    env = {**os.environ, "KIOSK_HOME": str(tmp_path / "home"),
           "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run(isolated(["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log),
                                    sys.executable, "-m", "kiosk", "validate", str(content)]),
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr  # the remote pictures are errors
    assert "is not a file of the content folder (a web address)" in done.stdout
    assert connections(log) == []


def test_the_watch_would_see_a_connection(tmp_path: Path):
    # the test above can fail: a process that does connect to a network address is caught
    log = tmp_path / "strace.log"
    code = ("import socket\ns = socket.socket()\ns.settimeout(0.2)\ntry:\n    s.connect(('127.0.0.1', 9))\n"
            "except OSError:\n    pass\n")  # loopback, a closed port: refused at once, nothing leaves
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(log), sys.executable, "-c", code],
                   check=True, timeout=60)
    assert len(connections(log)) == 1
