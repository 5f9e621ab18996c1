"""`kiosk bench --real-window`: the kiosk measured as a museum runs it.

A fresh ``python -m kiosk run`` (fullscreen, xcb) on a virtual X screen of its own (Xvfb 1920x1080 with
matchbox as window manager), drawing with Qt Quick's OpenGL scene graph (Mesa llvmpipe under Xvfb) or
its software scene graph, and beside it, in the same run, a bare QML window with a similar home screen
(kiosk/bench/bare_home.qml), so every figure has a ratio beside it.

Reported, from /proc, for the whole process tree:
- idle_cpu_pct in the attract loop and on an open page (CPU time over a window of seconds, in % of one
  core), with the per-second figures: a slide change shows as one busy second among quiet ones;
- pss_mb (/proc/<pid>/smaps_rollup, summed over the tree: shared libraries counted once);
- the X server's CPU over the same windows (it copies every frame the kiosk draws);
- the renderer actually in use (the kiosk's log line at its first frame; the bare window prints it).

Needs Xvfb (and matchbox-window-manager, xdotool: the click that opens a page); nothing is installed.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BARE_QML = Path(__file__).with_name("bare_home.qml")
RENDERERS = ("opengl", "software")
TOOLS = {"Xvfb": "xvfb", "matchbox-window-manager": "matchbox-window-manager", "xdotool": "xdotool"}
FIRST_FRAME_RE = re.compile(r"drawing with Qt Quick's (\S+) scene graph")
ROUTE_RE = re.compile(r" INFO kiosk\.ui\.backend: route: (\S*)\s*$")
BARE_MARK = "KIOSK-BENCH-BARE-FIRST-FRAME"
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class RealWindowError(RuntimeError):
    pass


def missing_tools() -> dict[str, str]:
    """Programs this mode needs that are not installed: {program: Debian package}."""
    return {exe: pkg for exe, pkg in TOOLS.items() if shutil.which(exe) is None}


# -- /proc ------------------------------------------------------------------------------------
def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name may hold spaces and parentheses: the fields start after its last ')'
    return text[text.rindex(")") + 2:].split()


def process_tree(root: int) -> list[int]:
    """*root* and all its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_ticks(pids: list[int]) -> dict[int, int]:
    """utime + stime of each process (all its threads), in clock ticks."""
    out = {}
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            out[pid] = int(fields[11]) + int(fields[12])  # fields 14, 15 of proc(5), counted after the name
    return out


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes, summed (each shared page split among its users), in MiB."""
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
                    break
        except OSError:
            pass
    return total_kb / 1024


def cpu_series(root: int, seconds: float, others: dict[str, int] | None = None,
               step: float = 1.0) -> dict[str, list[float]]:
    """Per-*step* CPU use (% of one core) of *root*'s process tree, and of each process in *others*."""
    def sample() -> dict[str, int]:
        now = {"tree": sum(cpu_ticks(process_tree(root)).values())}
        for name, pid in (others or {}).items():
            now[name] = sum(cpu_ticks([pid]).values())
        return now

    series: dict[str, list[float]] = {"tree": [], **{name: [] for name in (others or {})}}
    before, t_before = sample(), time.monotonic()
    end = t_before + seconds
    while time.monotonic() < end - 1e-3:
        time.sleep(max(0.0, min(step, end - time.monotonic())))
        after, t_after = sample(), time.monotonic()
        for name in series:
            series[name].append(100 * (after[name] - before[name]) / CLK_TCK / (t_after - t_before))
        before, t_before = after, t_after
    return series


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


# -- the X screen -----------------------------------------------------------------------------
def _stop(proc: subprocess.Popen | None, timeout: float = 5.0) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


@dataclass
class Screen:
    xvfb: subprocess.Popen
    name: str
    wm: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return dict(os.environ, DISPLAY=self.name)

    def run(self, *args: str, timeout: float = 10) -> str:
        done = subprocess.run(list(args), env=self.env(), capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RealWindowError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def close(self) -> None:
        _stop(self.wm)
        _stop(self.xvfb)


def start_screen(width: int, height: int) -> Screen:
    """Xvfb on a free display number (it reports the number through -displayfd), with matchbox on it."""
    read_fd, write_fd = os.pipe()
    try:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
                                 "-nolisten", "tcp", "-s", "0", "-dpms", "-noreset"],
                                pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    finally:
        os.close(write_fd)
    number = b""
    try:
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n") and time.monotonic() < deadline and xvfb.poll() is None:
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(read_fd, 16) if ready else b""
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_fd)
    if not number.strip().isdigit():
        _stop(xvfb)
        raise RealWindowError("Xvfb did not start")
    screen = Screen(xvfb, f":{int(number)}")
    # without a window manager Qt's fullscreen request is ignored on plain X
    screen.wm = subprocess.Popen(["matchbox-window-manager", "-use_titlebar", "no", "-use_cursor", "no"],
                                 env=screen.env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if "window id" in screen.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", timeout=5):
                break
        except (RealWindowError, FileNotFoundError):
            pass
        time.sleep(0.1)
    return screen


# -- a measured program -----------------------------------------------------------------------
@dataclass
class Program:
    proc: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def start_reading(self) -> None:
        def read() -> None:
            assert self.proc.stderr is not None
            for line in self.proc.stderr:
                with self.cond:
                    self.lines.append(line.rstrip("\n"))
                    self.cond.notify_all()
        threading.Thread(target=read, daemon=True).start()

    def wait_for(self, rx: re.Pattern, since: int = 0, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines[since:]:
                    if m := rx.search(line):
                        return m
                since = max(since, len(self.lines))
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    tail = "\n".join(self.lines[-30:])
                    raise RealWindowError(f"no line matching {rx.pattern!r} (exit {self.proc.poll()}):\n{tail}")
                self.cond.wait(min(left, 0.2))

    def mark(self) -> int:
        with self.cond:
            return len(self.lines)

    def close(self) -> None:
        _stop(self.proc, 10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def _program_env(screen: Screen, renderer: str, tmp: Path) -> dict[str, str]:
    env = screen.env()
    for key in ("QT_QUICK_BACKEND", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME", "KIOSK_CONTENT", "QSG_RHI_BACKEND"):
        env.pop(key, None)
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime), PYTHONUNBUFFERED="1",
               KIOSK_STATE_DIR=str(tmp / "state"),
               KIOSK_FRAME_DEADLINE="15")  # as under systemd: the frame watchdog (and its log line) on
    if renderer == "software":
        env["QT_QUICK_BACKEND"] = "software"
    else:
        env["QSG_RHI_BACKEND"] = "opengl"
    return env


def _popen(args: list[str], env: dict[str, str]) -> Program:
    program = Program(subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace"))
    # stdout and stderr in one stream: the log and the bare window's marks alike
    program.proc.stderr = program.proc.stdout
    program.proc.stdout = None
    program.start_reading()
    return program


def _figures(prefix: str, series: dict[str, list[float]]) -> dict:
    return {
        f"{prefix}_cpu_pct": round(_mean(series["tree"]), 2),
        f"{prefix}_cpu_pct_per_s": [round(v, 1) for v in series["tree"]],
        f"{prefix}_xserver_cpu_pct": round(_mean(series["xvfb"]), 2),
    }


def measure_kiosk(screen: Screen, content: Path, renderer: str, seconds: float, settle: float) -> dict:
    """The kiosk: its attract loop, then (after a click) the home page, each for *seconds*; its memory."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-rw-") as tmp:
        env = _program_env(screen, renderer, Path(tmp))
        t0 = time.monotonic()
        kiosk = _popen([sys.executable, "-m", "kiosk", "run", "--content", str(content), "--no-watch",
                        "--idle-timeout", str(int(seconds * 3 + settle * 2 + 60))], env)
        try:
            used = kiosk.wait_for(FIRST_FRAME_RE).group(1)
            first_ms = (time.monotonic() - t0) * 1000
            time.sleep(settle)
            pid = kiosk.proc.pid
            out = {"renderer": used, "first_frame_ms": round(first_ms), "processes": len(process_tree(pid))}
            out.update(_figures("attract", cpu_series(pid, seconds, {"xvfb": screen.xvfb.pid})))
            since = kiosk.mark()
            screen.run("xdotool", "mousemove", "960", "400", "click", "1")
            kiosk.wait_for(re.compile(r" INFO kiosk\.ui\.backend: route: home\s*$"), since, timeout=15)
            time.sleep(settle)
            out.update(_figures("page", cpu_series(pid, seconds, {"xvfb": screen.xvfb.pid})))
            out["pss_mb"] = round(pss_mb(process_tree(pid)), 1)
            return out
        finally:
            kiosk.close()


def measure_bare(screen: Screen, renderer: str, seconds: float, settle: float) -> dict:
    """The bare QML window with a similar home screen: its rest and its memory."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-rw-") as tmp:
        env = _program_env(screen, renderer, Path(tmp))
        t0 = time.monotonic()
        bare = _popen([sys.executable, "-m", "kiosk.bench.realwindow", "--bare"], env)
        try:
            used = bare.wait_for(re.compile(BARE_MARK + r" (\S+)")).group(1)
            first_ms = (time.monotonic() - t0) * 1000
            time.sleep(settle)
            pid = bare.proc.pid
            out = {"renderer": used, "first_frame_ms": round(first_ms), "processes": len(process_tree(pid))}
            out.update(_figures("page", cpu_series(pid, seconds, {"xvfb": screen.xvfb.pid})))
            out["pss_mb"] = round(pss_mb(process_tree(pid)), 1)
            return out
        finally:
            bare.close()


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b > 0.05 else None


def bench_real_window(content: Path, size: tuple[int, int] = (1920, 1080), renderers: tuple[str, ...] = RENDERERS,
                      seconds: float = 10.0, settle: float = 4.0) -> dict:
    """Both programs on one fresh screen per renderer; figures and the kiosk's ratios to the bare window."""
    missing = missing_tools()
    if missing:
        raise RealWindowError("the real-window bench needs: " + ", ".join(f"{e} (Debian package {p})"
                                                                         for e, p in missing.items()))
    results: dict = {"screen": f"{size[0]}x{size[1]}", "seconds_per_window": seconds}
    for renderer in renderers:
        screen = start_screen(*size)
        try:
            bare = measure_bare(screen, renderer, seconds, settle)
            kiosk = measure_kiosk(screen, content, renderer, seconds, settle)
        finally:
            screen.close()
        ratios = {
            "pss": _ratio(kiosk["pss_mb"], bare["pss_mb"]),
            "first_frame": _ratio(kiosk["first_frame_ms"], bare["first_frame_ms"]),
        }
        results[renderer] = {"kiosk": kiosk, "bare_qml": bare, "kiosk_to_bare": ratios}
    return results


def format_table(results: dict) -> str:
    rows = [("screen", results["screen"], "", ""), ("seconds per window", str(results["seconds_per_window"]), "", "")]
    for renderer in RENDERERS:
        if renderer not in results:
            continue
        k, b = results[renderer]["kiosk"], results[renderer]["bare_qml"]
        rows.append((f"[{renderer}]", "kiosk", "bare QML", "ratio"))
        rows.append(("renderer in use", k["renderer"], b["renderer"], ""))
        rows.append(("first frame ms", str(k["first_frame_ms"]), str(b["first_frame_ms"]),
                     str(_ratio(k["first_frame_ms"], b["first_frame_ms"]))))
        rows.append(("idle cpu % attract loop", f"{k['attract_cpu_pct']:.1f}", "", ""))
        rows.append(("  per second", " ".join(f"{v:.0f}" for v in k["attract_cpu_pct_per_s"]), "", ""))
        rows.append(("idle cpu % open page", f"{k['page_cpu_pct']:.1f}", f"{b['page_cpu_pct']:.1f}", ""))
        rows.append(("  X server cpu % (attract / page)",
                     f"{k['attract_xserver_cpu_pct']:.1f} / {k['page_xserver_cpu_pct']:.1f}",
                     f"{b['page_xserver_cpu_pct']:.1f}", ""))
        rows.append(("pss MiB (whole tree)", f"{k['pss_mb']:.0f} ({k['processes']} proc.)",
                     f"{b['pss_mb']:.0f} ({b['processes']} proc.)", str(_ratio(k["pss_mb"], b["pss_mb"]))))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


# -- the bare window (runs in its own process) ------------------------------------------------
def _bare_main() -> int:
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(BARE_QML)))
    if not engine.rootObjects():
        return 3
    from PySide6.QtQuick import QQuickWindow
    from shiboken6 import Shiboken

    root = engine.rootObjects()[0]  # a QML Window: a QQuickWindow that Python knows only as a QWindow
    window = Shiboken.wrapInstance(Shiboken.getCppPointer(root)[0], QQuickWindow)
    shown = []

    def swapped() -> None:
        if not shown:
            shown.append(True)
            api = window.rendererInterface().graphicsApi()
            QTimer.singleShot(0, lambda: print(f"{BARE_MARK} {api.name}", flush=True))

    window.frameSwapped.connect(swapped)
    window.showFullScreen()
    return app.exec()


def _main(argv: list[str]) -> int:
    if argv[:1] == ["--bare"]:
        return _bare_main()
    from kiosk.core import resources

    content = resources.content_dir(argv[0] if argv else None)
    results = bench_real_window(content, seconds=float(os.environ.get("KIOSK_BENCH_SECONDS", "10")))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
