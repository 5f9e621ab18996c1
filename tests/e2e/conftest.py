"""End-to-end fixtures: a virtual X screen (Xvfb), a window manager, and the kiosk as a subprocess.

The kiosk runs exactly as on a museum machine (``python -m kiosk run``, fullscreen, xcb) and
receives real touch events through Qt's ``tuiotouch`` generic plugin, which listens for TUIO
on a UDP port of our choosing (``QT_QPA_GENERIC_PLUGINS=tuiotouch:udp=PORT``): every kiosk
gets its own free port, so tests need no serialisation.

Missing X tools FAIL the tests (CI installs them); they are never skipped silently.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e.tuio import TuioSender

REPO = Path(__file__).resolve().parents[2]
SCREEN = (1920, 1080)
SHOTS_FOR_HUMANS = Path("/tmp/e2e-shots")

# Debian package for every external program the e2e tests run.
REQUIRED_TOOLS = {
    "Xvfb": "xvfb",
    "matchbox-window-manager": "matchbox-window-manager",
    "xdotool": "xdotool",
    "xwininfo": "x11-utils",
    "xprop": "x11-utils",
    "import": "imagemagick",
}


def require_tools(tools: dict[str, str] = REQUIRED_TOOLS) -> None:
    """Fail (never skip) when a program the e2e tests need is missing."""
    missing = {exe: pkg for exe, pkg in tools.items() if shutil.which(exe) is None}
    if not missing:
        return
    lines = [f"  {exe} (Debian package {pkg})" for exe, pkg in missing.items()]
    hint = ""
    if "Xvfb" in missing:
        hint = "\nXvfb is not installed: install xvfb (CI installs it)."
    pytest.fail(
        "the end-to-end tests need these programs, which are not installed:\n" + "\n".join(lines) + hint
        + "\n  apt-get install xvfb xauth xdotool x11-utils imagemagick matchbox-window-manager "
          "libxcb-icccm4 libxcb-keysyms1",
        pytrace=False,
    )


def _stop(proc: subprocess.Popen | None, timeout: float = 5.0) -> int | None:
    """Terminate *proc* (SIGTERM, then SIGKILL) and reap it; return its exit code."""
    if proc is None:
        return None
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    return proc.returncode


def _run(args: list[str], display: str, timeout: float = 10.0) -> str:
    env = dict(os.environ, DISPLAY=display)
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _wait_until(predicate, timeout: float, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return value
        time.sleep(interval)


# -- the X display ----------------------------------------------------------------------------
@dataclass
class XDisplay:
    name: str  # ":N"
    width: int
    height: int

    def run(self, *args: str, timeout: float = 10.0) -> str:
        return _run(list(args), self.name, timeout)

    def screenshot(self, path: Path) -> Path:
        """The whole screen as a PNG (imagemagick's ``import -window root``)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run("import", "-window", "root", str(path), timeout=20)
        return path


def _start_xvfb(width: int, height: int) -> tuple[subprocess.Popen, str]:
    """Start Xvfb on a free display number (Xvfb picks it and reports it through -displayfd)."""
    read_fd, write_fd = os.pipe()
    try:
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-s", "0", "-dpms", "-noreset"],
            pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
    finally:
        os.close(write_fd)
    try:
        number = b""
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or proc.poll() is not None:
                break
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                break
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_fd)
    if not number.strip().isdigit():
        if proc.poll() is None:
            proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"Xvfb did not start (exit code {proc.returncode}): "
                    f"{err.decode(errors='replace').strip()[-2000:]}", pytrace=False)
    # Xvfb's stderr is not read from now on: send it nowhere so it can never block on a full pipe.
    proc.stderr.close()
    proc.stderr = None
    return proc, f":{int(number)}"


def _screensaver_off(display: str) -> None:
    """``xset s off -dpms``; without xset (x11-xserver-utils), the same request through libX11."""
    if shutil.which("xset"):
        _run(["xset", "s", "off", "-dpms"], display)
        return
    libname = ctypes.util.find_library("X11")
    if not libname:
        return  # Xvfb was started with -s 0 -dpms, which already disables blanking
    x11 = ctypes.CDLL(libname)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        raise RuntimeError(f"cannot open the X display {display} to turn the screen saver off")
    try:
        dpy_p = ctypes.c_void_p(dpy)
        # XSetScreenSaver(dpy, timeout=0 (off), interval=0, DontPreferBlanking, AllowExposures)
        x11.XSetScreenSaver(dpy_p, 0, 0, 0, 1)
        x11.XSync(dpy_p, 0)
        values = [ctypes.c_int() for _ in range(4)]
        x11.XGetScreenSaver(dpy_p, *[ctypes.byref(v) for v in values])
        if values[0].value != 0:
            raise RuntimeError(f"the screen saver of {display} is still on (timeout {values[0].value} s)")
    finally:
        x11.XCloseDisplay(ctypes.c_void_p(dpy))


def _start_window_manager(display: XDisplay) -> subprocess.Popen:
    """matchbox: without a window manager Qt's fullscreen request is ignored on plain X."""
    proc = subprocess.Popen(
        ["matchbox-window-manager", "-use_titlebar", "no", "-use_cursor", "no"],
        env=dict(os.environ, DISPLAY=display.name),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )

    def wm_ready() -> bool:
        if proc.poll() is not None:
            return True
        try:
            out = display.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", timeout=5)
        except RuntimeError:
            return False
        return "window id" in out

    _wait_until(wm_ready, timeout=10)
    if proc.poll() is not None:
        pytest.fail(f"matchbox-window-manager exited at start (code {proc.returncode})", pytrace=False)
    return proc


@pytest.fixture
def x_display():
    """A fresh 1920x1080 Xvfb screen with matchbox and no screen blanking; yields an XDisplay."""
    require_tools()
    xvfb, name = _start_xvfb(*SCREEN)
    wm = None
    try:
        display = XDisplay(name, *SCREEN)
        _screensaver_off(name)
        wm = _start_window_manager(display)
        yield display
    finally:
        _stop(wm)
        _stop(xvfb)


# -- the kiosk --------------------------------------------------------------------------------
def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("", 0))  # Qt binds its TUIO socket on every address
        return s.getsockname()[1]


ROUTE_RE = re.compile(r" INFO kiosk\.ui\.backend: route: (\S*)\s*$")


@dataclass
class Kiosk:
    """A running ``python -m kiosk run`` with its stderr log, a TUIO finger and screenshots."""

    proc: subprocess.Popen
    display: XDisplay
    tuio: TuioSender
    tuio_port: int
    shots: Path
    state_dir: Path
    lines: list[str] = field(default_factory=list)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _reader: threading.Thread | None = None

    # log ------------------------------------------------------------------------------------
    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._cond:
                self.lines.append(line.rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def mark(self) -> int:
        with self._cond:
            return len(self.lines)

    def routes(self, since: int = 0) -> list[str]:
        with self._cond:
            return [m.group(1) for line in self.lines[since:] if (m := ROUTE_RE.search(line))]

    def log_tail(self, n: int = 40) -> str:
        with self._cond:
            return "\n".join(self.lines[-n:])

    def wait_for_line(self, pattern: str | re.Pattern, since: int = 0, timeout: float = 10.0) -> str:
        """The first stderr line from index *since* on that matches *pattern*; fails after *timeout*."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines[since:]:
                    if rx.search(line):
                        return line
                since = max(since, len(self.lines))
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.proc.poll() is not None and not self._reader_alive()):
                    break
                self._cond.wait(min(remaining, 0.2))
        why = (f"the kiosk exited with code {self.proc.returncode}" if self.proc.poll() is not None
               else f"not within {timeout:.1f} s")
        shot = self._failure_shot()
        pytest.fail(f"expected a kiosk log line matching {rx.pattern!r}: {why}.\n"
                    f"Screenshot: {shot}\nLast log lines:\n{self.log_tail()}", pytrace=False)

    def wait_route(self, route: str, since: int = 0, timeout: float = 10.0) -> None:
        self.wait_for_line(rf" INFO kiosk\.ui\.backend: route: {re.escape(route)}\s*$", since, timeout)

    def _reader_alive(self) -> bool:
        return self._reader is not None and self._reader.is_alive()

    # input ----------------------------------------------------------------------------------
    # StackView ignores touches while a page transition runs (Style.transition = 220 ms), as a
    # visitor's finger would be: after a route change, wait for the transition before the next tap.
    SETTLE = 0.4

    def tap(self, x: float, y: float, expect_route: str | None = None, timeout: float = 10.0,
            settle: float | None = None) -> None:
        """Tap at normalised (x, y); with *expect_route*, wait for that route, then for the transition."""
        since = self.mark()
        self.tuio.tap(x, y)
        if expect_route is not None:
            self.wait_route(expect_route, since, timeout)
            time.sleep(self.SETTLE if settle is None else settle)

    def swipe(self, x0: float, y0: float, x1: float, y1: float, steps: int = 12) -> None:
        self.tuio.swipe(x0, y0, x1, y1, steps)

    # the window -----------------------------------------------------------------------------
    def window_id(self, timeout: float = 10.0) -> int:
        """The kiosk's top-level X window (found by its _NET_WM_PID), once it is mapped."""
        def find() -> int | None:
            try:
                out = self.display.run("xdotool", "search", "--onlyvisible", "--pid", str(self.proc.pid), timeout=5)
            except RuntimeError:  # xdotool exits 1 when nothing matches
                return None
            ids = [int(w) for w in out.split()]
            sized = [w for w in ids if self.geometry(w)[2:] != (1, 1)]
            return sized[0] if sized else None

        wid = _wait_until(find, timeout, 0.1)
        if not wid:
            pytest.fail(f"no visible kiosk window (pid {self.proc.pid}) on {self.display.name} after {timeout} s."
                        f"\nLast log lines:\n{self.log_tail()}", pytrace=False)
        return wid

    def geometry(self, wid: int) -> tuple[int, int, int, int]:
        """(x, y, width, height) of an X window on the root, from xwininfo."""
        out = self.display.run("xwininfo", "-id", str(wid))
        values = {}
        for key, label in (("x", "Absolute upper-left X"), ("y", "Absolute upper-left Y"),
                           ("w", "Width"), ("h", "Height")):
            m = re.search(rf"^\s*{label}:\s*(-?\d+)", out, re.MULTILINE)
            values[key] = int(m.group(1)) if m else -1
        return values["x"], values["y"], values["w"], values["h"]

    def wm_state(self, wid: int) -> str:
        return self.display.run("xprop", "-id", str(wid), "_NET_WM_STATE")

    def wait_fullscreen(self, wid: int, timeout: float = 5.0) -> bool:
        """Whether the window manager marks the window _NET_WM_STATE_FULLSCREEN (it does so after mapping)."""
        return bool(_wait_until(lambda: "_NET_WM_STATE_FULLSCREEN" in self.wm_state(wid), timeout, 0.05))

    def focused_window(self) -> int | None:
        try:
            return int(self.display.run("xdotool", "getwindowfocus").strip())
        except (RuntimeError, ValueError):
            return None

    def wait_focus(self, timeout: float = 10.0) -> int:
        """TUIO touches go to Qt's focus window: wait until the kiosk window has the X focus."""
        wid = self.window_id(timeout)
        if not _wait_until(lambda: self.focused_window() == wid, timeout, 0.05):
            pytest.fail(f"the kiosk window {wid:#x} never got the keyboard focus (focus: {self.focused_window()}); "
                        "Qt's TUIO plugin delivers touches only to the focus window", pytrace=False)
        return wid

    # screenshots ----------------------------------------------------------------------------
    def screenshot(self, name: str) -> Path:
        return self.display.screenshot(self.shots / f"{name}.png")

    def screenshot_when_drawn(self, name: str, timeout: float = 10.0, min_colours: int = 16) -> Path:
        """A screenshot once the screen shows more than a blank fill (the first frame can lag the log)."""
        path = self.shots / f"{name}.png"
        _wait_until(lambda: distinct_colours(self.display.screenshot(path)) >= min_colours, timeout, 0.2)
        return path

    def _failure_shot(self) -> str:
        try:
            path = self.display.screenshot(self.shots / f"failure-{int(time.time() * 1000)}.png")
            keep_for_humans(path)
            return str(SHOTS_FOR_HUMANS / path.name)
        except Exception as exc:  # noqa: BLE001 (diagnostics must not hide the real failure)
            return f"(none: {exc})"

    # shutdown -------------------------------------------------------------------------------
    def close(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, as systemd or a staff member would send; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                return None
        if self._reader is not None:
            self._reader.join(timeout)
        return self.proc.returncode


def distinct_colours(path: Path, limit: int = 1 << 16) -> int:
    """How many distinct RGB colours a screenshot has (capped at *limit*)."""
    from PIL import Image

    with Image.open(path) as im:
        colours = im.convert("RGB").getcolors(limit)
    return limit if colours is None else len(colours)


def keep_for_humans(path: Path) -> Path:
    SHOTS_FOR_HUMANS.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(path, SHOTS_FOR_HUMANS / path.name))


def kiosk_env(display: XDisplay, tuio_port: int, state_dir: Path, runtime_dir: Path, extra: dict[str, str]) -> dict:
    env = dict(os.environ)
    # tests/conftest.py sets these for the in-process offscreen tests; the kiosk here is a real xcb app
    # and picks its own scene-graph backend (OpenGL on Mesa llvmpipe under Xvfb), as in the museum.
    for key in ("QT_QUICK_BACKEND", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME", "KIOSK_CONTENT"):
        env.pop(key, None)
    env.update(
        DISPLAY=display.name,
        QT_QPA_PLATFORM="xcb",
        QT_QPA_GENERIC_PLUGINS=f"tuiotouch:udp={tuio_port}",
        KIOSK_STATE_DIR=str(state_dir),
        XDG_RUNTIME_DIR=str(runtime_dir),
        PYTHONUNBUFFERED="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")])),
    )
    env.update(extra)
    return env


@pytest.fixture
def start_kiosk(x_display, tmp_path):
    """A factory: ``start_kiosk(*run_args, env={...})`` starts the kiosk on the bundled content."""
    started: list[Kiosk] = []

    def start(*args: str, env: dict[str, str] | None = None, content: Path = REPO / "content") -> Kiosk:
        n = len(started)
        state_dir = tmp_path / f"state{n}"
        runtime_dir = tmp_path / f"runtime{n}"
        shots = tmp_path / "shots"
        for d in (state_dir, runtime_dir, shots):
            d.mkdir(parents=True, exist_ok=True)
        runtime_dir.chmod(0o700)
        port = free_udp_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--content", str(content), *args],
            cwd=REPO, env=kiosk_env(x_display, port, state_dir, runtime_dir, env or {}),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace",
        )
        kiosk = Kiosk(proc=proc, display=x_display, tuio=TuioSender(port=port), tuio_port=port,
                      shots=shots, state_dir=state_dir)
        kiosk._reader = threading.Thread(target=kiosk._read_stderr, name=f"kiosk-stderr-{proc.pid}", daemon=True)
        kiosk._reader.start()
        started.append(kiosk)
        return kiosk

    yield start

    for kiosk in started:
        kiosk.tuio.close()
        proc = kiosk.proc
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if kiosk._reader is not None:
            kiosk._reader.join(5)  # it ends at EOF, once the process is gone
        if proc.stderr is not None:
            proc.stderr.close()
