"""kiosk.service and kiosk-session as shipped, checked in seconds (no build, no boot).

The real boot is tests/boot (KIOSK_BOOT_TESTS=1); these keep the unit's decisions from being undone
by accident: no logind session (it would take READY, WATCHDOG and the journal away from the service),
seatd for the seat, the hardening that `systemd-analyze security` scores, and what kiosk-session does
for each renderer and after each kind of stop.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
UNIT = LINUX / "kiosk.service"
SESSION = LINUX / "kiosk-session"
# the score recorded in docs/deploying.md; hardening may get better, never worse
SECURITY_SCORE_MAX = 1.6


def unit_keys(path: Path = UNIT) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            k, v = line.split("=", 1)
            keys.setdefault(k.strip(), []).append(v.strip())
    return keys


def _systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if not found:
        pytest.fail("systemd-analyze is missing: apt-get install systemd (.ci/run installs it)", pytrace=False)
    return found


def test_the_unit_keeps_the_kiosk_in_its_own_cgroup_and_journal():
    unit = unit_keys()
    # no logind session: pam_systemd would move cage and the kiosk into session-N.scope
    assert "PAMName" not in unit
    assert unit["Type"] == ["notify"] and unit["NotifyAccess"] == ["all"]
    assert unit["StandardOutput"] == ["journal"] and unit["StandardError"] == ["journal"]
    # the seat comes from seatd (cage's libseat), the Wayland socket from the service's runtime dir
    assert "seatd.service" in unit["Wants"] and "seatd.service" in unit["After"][0]
    assert "LIBSEAT_BACKEND=seatd" in unit["Environment"]
    assert unit["RuntimeDirectory"] == ["kiosk"] and "XDG_RUNTIME_DIR=/run/kiosk" in unit["Environment"]
    assert unit["RuntimeDirectoryPreserve"] == ["restart"]
    # ProtectHome=yes or tmpfs hides /run/user (cage's socket once, a sound server's socket now)
    assert unit["ProtectHome"] == ["read-only"]
    assert int(unit["WatchdogSec"][0]) >= 20, "the kiosk feeds the watchdog every 10 s"
    assert unit["Restart"] == ["always"] and unit["StartLimitIntervalSec"] == ["0"]
    assert "getty@tty1.service" in unit["Conflicts"]
    assert unit["ExecStart"] == ["/usr/libexec/kiosk/kiosk-session"]
    assert unit["ExecStartPre"] == ["+/usr/libexec/kiosk/kiosk-session --prepare"]
    assert unit["ExecStopPost"] == ["+/usr/libexec/kiosk/kiosk-session --stopped"]
    assert unit["User"] == ["kiosk"] and unit["WantedBy"] == ["graphical.target"]
    assert "MemoryDenyWriteExecute" not in unit, "Qt's QML JIT and llvmpipe need executable memory"


def _verifiable_unit(tmp_path: Path) -> Path:
    """The unit with its programs in tmp_path (verify checks that ExecStart's programs exist)."""
    libexec = tmp_path / "libexec"
    libexec.mkdir()
    shutil.copy(SESSION, libexec / "kiosk-session")
    (libexec / "kiosk-session").chmod(0o755)
    text = UNIT.read_text(encoding="utf-8").replace("/usr/libexec/kiosk/", f"{libexec}/")
    unit = tmp_path / "kiosk.service"
    unit.write_text(text, encoding="utf-8")
    return unit


def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    unit = _verifiable_unit(tmp_path)
    done = subprocess.run([_systemd_analyze(), "verify", unit], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    about_us = [line for line in (done.stdout + done.stderr).splitlines() if "kiosk.service" in line]
    assert not about_us, done.stdout + done.stderr


def test_the_hardening_score_is_kept(tmp_path):
    unit = _verifiable_unit(tmp_path)
    done = subprocess.run([_systemd_analyze(), "security", "--offline=yes", "--no-pager", unit],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    m = re.search(r"Overall exposure level for kiosk\.service: (\d+\.\d+)", done.stdout + done.stderr)
    assert m, done.stdout[-3000:] + done.stderr[-2000:]
    score = float(m.group(1))
    print(f"systemd-analyze security kiosk.service: {score}")
    assert score <= SECURITY_SCORE_MAX, f"exposure {score} (was {SECURITY_SCORE_MAX}): a hardening setting went away"


# -- kiosk-session ---------------------------------------------------------------------------------------

class Session:
    """kiosk-session with stand-ins for the kiosk program, cage, seatd's socket, systemctl and perl."""

    def __init__(self, tmp_path: Path, probe_exit: int = 0,
                 probe_line: str = "card0 (i915), Mesa driver iris: Mesa Intel(R) UHD 620", job: str = "",
                 getty_enabled: bool = True) -> None:
        self.dir = tmp_path
        self.run_dir = tmp_path / "run"
        self.run_dir.mkdir(exist_ok=True)
        self.calls = tmp_path / "calls.log"
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        self.program = self._script(bin_dir / "kiosk", f'echo "kiosk $*" >> {self.calls}\n'
                                    f'[ "$1" = -m ] && {{ echo "{probe_line}"; exit {probe_exit}; }}\nexit 0\n')
        self.cage = self._script(bin_dir / "cage", 'echo "ARGS=$*"; echo "WLR_RENDERER=${WLR_RENDERER:-}"; '
                                 'echo "LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-}"; '
                                 'echo "QT_QUICK_BACKEND=${QT_QUICK_BACKEND:-}"\n')
        jobs = f'echo "7 kiosk.service {job} running"' if job else "true"
        self._script(bin_dir / "systemctl", f'echo "systemctl $*" >> {self.calls}\ncase "$*" in\n'
                     f'  *list-jobs*) {jobs} ;;\n  *is-enabled*) exit {0 if getty_enabled else 1} ;;\nesac\nexit 0\n')
        self._script(bin_dir / "perl", f'shift 2\necho "perl $*" >> {self.calls}\nexit 0\n')  # (-e SCRIPT)
        self._script(bin_dir / "setterm", "exit 0\n")
        self.seatd = tmp_path / "seatd.sock"
        if not self.seatd.exists():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(str(self.seatd))
            s.close()
        self.path = f"{bin_dir}:/usr/bin:/bin"
        self.tty0 = tmp_path / "tty0"  # stands for /dev/tty0 (the fake perl never opens it)
        self.tty0.touch()
        self.active = tmp_path / "active"  # stands for /sys/class/tty/tty0/active

    @staticmethod
    def _script(path: Path, body: str) -> Path:
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
        return path

    def __call__(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        base = {"PATH": self.path, "XDG_RUNTIME_DIR": str(self.run_dir), "KIOSK_PROGRAM": str(self.program),
                "KIOSK_TTY0": str(self.tty0), "KIOSK_VT_ACTIVE": str(self.active),
                "KIOSK_CAGE": str(self.cage), "SEATD_SOCK": str(self.seatd), "LANG": "C.UTF-8"}
        return subprocess.run(["sh", str(SESSION), *args], env={**base, **env}, capture_output=True, text=True,
                              timeout=60)

    def called(self) -> str:
        return self.calls.read_text() if self.calls.exists() else ""


def test_a_hardware_gpu_is_used_as_it_is(tmp_path):
    session = Session(tmp_path)
    done = session(KIOSK_CAGE_ARGS="-d -r", KIOSK_RUN_ARGS="--lang en")
    assert done.returncode == 0, done.stderr
    assert f"ARGS=-d -r -- {session.program} run --lang en" in done.stdout
    assert "WLR_RENDERER=\n" in done.stdout and "LIBGL_ALWAYS_SOFTWARE=\n" in done.stdout
    assert "kiosk-session: renderer: GPU (card0 (i915), Mesa driver iris" in done.stderr
    assert (session.run_dir / "renderer").read_text().strip() == "gpu-auto"
    assert "kiosk -m kiosk.core.machine.gpuprobe" in session.called()


def test_no_hardware_driver_means_pixman_and_llvmpipe(tmp_path):
    session = Session(tmp_path, probe_exit=1,
                      probe_line="card0 (bochs-drm) has no render node: a display-only driver, no 3D")
    done = session()
    assert done.returncode == 0, done.stderr
    assert "WLR_RENDERER=pixman" in done.stdout and "LIBGL_ALWAYS_SOFTWARE=1" in done.stdout
    assert f"ARGS=-d -- {session.program} run" in done.stdout
    assert ("renderer: software, cage with pixman and Qt with OpenGL on Mesa's llvmpipe (card0 (bochs-drm)"
            in done.stderr)
    # never Qt's software scene graph
    assert "QT_QUICK_BACKEND=\n" in done.stdout


def test_the_renderer_can_be_chosen(tmp_path):
    session = Session(tmp_path, probe_exit=1)
    gpu = session(KIOSK_RENDERER="gpu")
    assert "WLR_RENDERER=\n" in gpu.stdout and "renderer: GPU (KIOSK_RENDERER=gpu)" in gpu.stderr
    soft = Session(tmp_path)(KIOSK_RENDERER="software")
    assert "WLR_RENDERER=pixman" in soft.stdout and "KIOSK_RENDERER=software" in soft.stderr
    assert "kiosk -m" not in session.called(), "an explicit choice needs no probe"
    odd = session(KIOSK_RENDERER="fast")
    assert "KIOSK_RENDERER=fast is not auto, gpu or software" in odd.stderr


def test_qt_software_scene_graph_set_by_hand_is_warned_about(tmp_path):
    done = Session(tmp_path)(QT_QUICK_BACKEND="software")
    assert "WARNING: QT_QUICK_BACKEND=software" in done.stderr
    assert "QT_QUICK_BACKEND=software" in done.stdout  # the administrator's setting is kept


def test_a_cage_crash_with_the_gpu_renderer_falls_back_to_software(tmp_path):
    session = Session(tmp_path)
    session()
    assert (session.run_dir / "renderer").read_text().strip() == "gpu-auto"
    stopped = session("--stopped", EXIT_CODE="dumped", EXIT_STATUS="SEGV", SERVICE_RESULT="core-dump")
    assert "cage crashed (SEGV) drawing with the GPU" in stopped.stderr
    again = session()
    assert "WLR_RENDERER=pixman" in again.stdout
    assert "cage crashed with the GPU renderer earlier in this boot" in again.stderr
    assert session.called().count("kiosk -m kiosk.core.machine.gpuprobe") == 1, "no probe after the fallback"
    # an explicit KIOSK_RENDERER=gpu is obeyed all the same
    assert "WLR_RENDERER=\n" in session(KIOSK_RENDERER="gpu").stdout


def test_no_fallback_after_a_watchdog_kill_or_a_kiosk_exit(tmp_path):
    session = Session(tmp_path)
    session()
    # the watchdog kills cage with SIGABRT: that is a hang, not the renderer
    session("--stopped", EXIT_CODE="dumped", EXIT_STATUS="ABRT", SERVICE_RESULT="watchdog")
    session("--stopped", EXIT_CODE="exited", EXIT_STATUS="0", SERVICE_RESULT="success")
    assert not (session.run_dir / "renderer-fallback").exists()
    # software chosen: nothing to fall back from
    (tmp_path / "soft").mkdir()
    soft = Session(tmp_path / "soft", probe_exit=1)
    soft()
    soft("--stopped", EXIT_CODE="dumped", EXIT_STATUS="SEGV", SERVICE_RESULT="core-dump")
    assert not (soft.run_dir / "renderer-fallback").exists()


def test_a_restart_keeps_vt_switching_locked_all_along(tmp_path):
    """ExecStartPre after an automatic restart: tty1 is in front and VT switching is still locked;
    unlocking it for a moment would let a Ctrl+Alt+F2 in that moment reach a text console (seen
    in the boot test under emulation)."""
    session = Session(tmp_path)
    session.active.write_text("tty1\n")
    session("--prepare")
    assert [line for line in session.called().splitlines() if line.startswith("perl")] == ["perl 560B 0"]


def test_the_first_start_brings_tty1_to_the_front_then_locks(tmp_path):
    session = Session(tmp_path)
    session.active.write_text("tty2\n")  # someone used the console before the kiosk started
    session("--prepare")
    assert [line for line in session.called().splitlines() if line.startswith("perl")] == [
        "perl 560C 0", "perl 5606 1 5607 1", "perl 560B 0"]


def test_stopping_on_purpose_gives_tty1_its_login_prompt_back(tmp_path):
    session = Session(tmp_path, job="stop")
    done = session("--stopped", EXIT_CODE="exited", EXIT_STATUS="0", SERVICE_RESULT="success")
    assert "systemctl --no-block start getty@tty1.service" in session.called()
    assert "perl 560C 0" in session.called(), "VT switching unlocked"
    assert "tty1 has its login prompt again" in done.stderr


def test_an_automatic_restart_leaves_the_console_locked(tmp_path):
    for job in ("", "restart"):
        folder = tmp_path / (job or "auto")
        folder.mkdir()
        session = Session(folder, job=job)
        done = session("--stopped", EXIT_CODE="killed", EXIT_STATUS="KILL", SERVICE_RESULT="signal")
        assert "getty@tty1" not in session.called() and "login prompt" not in done.stderr


def test_a_disabled_getty_is_not_started(tmp_path):
    session = Session(tmp_path, job="stop", getty_enabled=False)
    session("--stopped")
    assert "start getty@tty1.service" not in session.called()


def test_kiosk_session_refuses_to_run_outside_the_service(tmp_path):
    session = Session(tmp_path)
    done = session(XDG_RUNTIME_DIR=str(tmp_path / "missing"))
    assert done.returncode == 1 and "no runtime folder" in done.stderr
    assert session(*["--bogus"]).returncode == 2


def test_kiosk_session_is_valid_posix_shell():
    subprocess.run(["sh", "-n", str(SESSION)], check=True)
    if shutil.which("dash"):
        subprocess.run(["dash", "-n", str(SESSION)], check=True)
    assert os.access(SESSION, os.X_OK)
