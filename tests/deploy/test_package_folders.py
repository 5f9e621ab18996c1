"""The kiosk, run with the Debian package's own settings, writes only where that package lets it.

The unit (packaging/linux/kiosk.service) runs with ``ProtectSystem=strict``: the kiosk may write in its
RuntimeDirectory, LogsDirectory, CacheDirectory, StateDirectory, the ReadWritePaths and its private
/tmp, and nowhere else. This test builds that machine's folders inside a temporary root, runs the real
kiosk (offscreen) with the environment of kiosk.service + kiosk.env (every path moved under the root),
records every file it opens for writing, creates, renames or removes (strace, on the whole process
tree), and checks each one against the folders the package owns. It also checks that the validated
content is cached where the package keeps caches (the defect that put it in /var/cache/content).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND")
# syscall(…"path"…) lines strace prints with -y off; the first quoted string is the path (the second, for
# renames and links, the target)
PATH_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"')
SYSCALLS = ("openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir,link,linkat,symlink,"
            "symlinkat,truncate,chmod,fchmodat,utimensat")


def unit_settings() -> tuple[dict[str, str], list[str], str]:
    """kiosk.service's environment (with kiosk.env), the folders it may write, and its working folder."""
    env: dict[str, str] = {}
    for line in (LINUX / "kiosk.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name.strip()] = value.strip()
    writable: list[str] = ["/tmp", "/var/tmp"]  # PrivateTmp=yes gives the service its own
    workdir = "/"
    bases = {"RuntimeDirectory": "/run", "StateDirectory": "/var/lib", "CacheDirectory": "/var/cache",
             "LogsDirectory": "/var/log", "ConfigurationDirectory": "/etc"}
    for line in (LINUX / "kiosk.service").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("Environment="):
            name, _, value = line.removeprefix("Environment=").partition("=")
            env[name] = value.strip('"')
        key, _, value = line.partition("=")
        if key in bases:
            writable += [f"{bases[key]}/{name}" for name in value.split()]
        elif key == "ReadWritePaths":
            writable += [p.lstrip("-") for p in value.split()]
        elif key == "WorkingDirectory":
            workdir = value
    return env, writable, workdir


def traced_writes(trace_dir: Path, cwd: str) -> list[tuple[str, str]]:
    """(syscall, absolute path) of every write-like call in the strace output files (relative paths are
    relative to *cwd*: the kiosk never changes its working folder)."""
    out = []
    for f in trace_dir.glob("trace*"):
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"(\d+\s+)?(\w+)\((.*)", line)
            if not m or "= -1" in line:  # failed calls wrote nothing
                continue
            call, args = m.group(2), m.group(3)
            if call.startswith("open") and not WRITE_FLAGS.search(args):
                continue
            paths = PATH_ARG.findall(args)
            if not paths:
                continue
            targets = paths[-1:] if call.startswith(("rename", "link", "symlink")) else paths[:1]
            for p in targets:
                out.append((call, p if p.startswith("/") else os.path.join(cwd, p)))
    return out


@pytest.mark.slow
def test_the_kiosk_writes_only_in_the_folders_the_debian_package_owns(tmp_path: Path):
    assert shutil.which("strace"), "this test needs strace (Debian package strace; .ci/run installs it)"
    unit_env, writable, workdir = unit_settings()
    root = tmp_path / "machine"

    def moved(path: str) -> str:
        return str(root / path.lstrip("/")) if path.startswith("/") else path

    env = {k: moved(v) if v.startswith("/") else v for k, v in unit_env.items()}
    for folder in [*writable, workdir, unit_env["KIOSK_CONFIG_DIR"]]:
        Path(moved(folder)).mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", moved(unit_env["KIOSK_CONTENT"]))
    home = root / "var" / "lib" / "kiosk"  # the kiosk user's home (packaging/linux/postinst)
    env.update(
        HOME=str(home), PATH=os.environ.get("PATH", "/usr/bin:/bin"), LANG="C.UTF-8",
        QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",  # no compositor here
        PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1",  # the installed bundle writes no bytecode
        KIOSK_IDLE_COUNTDOWN="20",
    )
    env.pop("QT_WAYLAND_DISABLE_WINDOWDECORATION", None)
    trace = tmp_path / "trace"
    trace.mkdir()
    state = Path(env["KIOSK_STATE_DIR"])
    proc = subprocess.Popen(
        ["strace", "-f", "-ff", "-qq", "-s", "4096", "-e", f"trace={SYSCALLS}", "-o", str(trace / "trace"),
         sys.executable, "-m", "kiosk", "run"],
        cwd=moved(workdir), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        status: dict = {}
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status = json.loads((state / "status.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                status = {}
            if status.get("state") == "running":
                break
            time.sleep(0.5)
        assert status.get("state") == "running", f"the kiosk did not start: {proc.poll()} {status}"
        time.sleep(5)  # let the derivative builds and the statistics writer run
    finally:
        # SIGTERM the kiosk itself (as systemd does); strace would only detach on a signal of its own
        if status.get("pid"):
            os.kill(int(status["pid"]), signal.SIGTERM)
        else:
            proc.kill()
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err[-3000:]

    allowed = [Path(moved(w)) for w in writable]
    writes = traced_writes(trace, moved(workdir))
    assert any(Path(p).is_relative_to(state) for _, p in writes), "no write was traced: is strace working?"
    outside = sorted({f"{call} {p}" for call, p in writes
                      if not p.startswith("/dev/") and not p.startswith("/proc/")
                      and not any(Path(p).is_relative_to(a) or Path(p) == a.parent for a in allowed)
                      # the kiosk's own temporary files live in /tmp, which the unit makes private
                      and not p.startswith(("/tmp/", "/var/tmp/"))})
    assert not outside, "the kiosk wrote outside the package's folders:\n" + "\n".join(outside[:40])
    cache = Path(env["KIOSK_CACHE_DIR"])
    assert list((cache / "content").glob("*.pickle")), "the validated content was not cached in the cache folder"
    # the trace sees the cache's writes too (so a write elsewhere would have been seen)
    assert any(Path(p).is_relative_to(cache / "content") for _, p in writes), "the cache's writes were not traced"
    assert not any(home.glob(".*")), f"the kiosk wrote into its user's home: {sorted(home.glob('.*'))}"
