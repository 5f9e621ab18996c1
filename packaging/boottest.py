#!/usr/bin/env python3
"""The kiosk package on a booted Debian 12, checked from outside as an installer would see it.

    sudo python3 packaging/boottest.py                 build what is missing, run every check
    sudo python3 packaging/boottest.py --deb dist/kiosk_0.1.0_amd64.deb
    sudo python3 packaging/boottest.py --only install,boot,tap   (a subset, in order)

It builds (once, then reuses) a Debian 12 image with debootstrap holding the packages the .deb
depends on, boots a throw-away overlay of it under QEMU (packaging/vm.py: KVM when it works here,
else TCG emulation), and then, over SSH, QMP and the serial console:

  install    apt install ./kiosk_*.deb, set the staff PIN, edit kiosk.env
  boot       reboot; the kiosk's first frame; READY and WATCHDOG reach systemd; cage's and the
             kiosk's lines are in `journalctl -u kiosk`
  screen     the screen (QMP screendump) against offscreen renders of the same pages
  tap        a tap on the attract loop opens the home page (status.json's route)
  escape     Ctrl+Alt+F2, Alt+F4, Ctrl+Alt+Backspace, Alt+Tab, Super: nothing happens
  noise      none of the lines that used to come at every start (Fontconfig, cursor, "invalid
             width: 0" as a warning), after the boot, a tap and the keys
  edit       a valid content edit goes live
  broken     a broken edit is refused with its file:line, the last good content stays
  crash      SIGSEGV to the kiosk: systemd starts it again
  hang       SIGSTOP to the kiosk: the watchdog restarts it
  frozen     a scene that stops drawing (Qt's software scene graph under cage): the frame
             watchdog stops feeding systemd, which restarts the kiosk
  fallback   the GPU probe made to say "hardware" on this GPU-less machine: cage crashes in Mesa's
             kms_swrast, and the next start draws in software by itself
  cache      after a restart the kiosk starts from its validated-content cache in /var/cache/kiosk/content
  upgrade    apt install of a newer .deb keeps content, settings and PIN, restarts the kiosk, and
             `kiosk status` reports the new version
  remove     apt remove: tty1 has a login prompt at once, and root can log in there
  purge      apt purge, reboot: a login prompt on tty1, the exhibit kept

Figures (seconds, under the accelerator used) go to WORK/report.json and the screenshots to
WORK/screens/. Exit 0 when every check passed. Needs root, and the packages vm.py names.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import vm  # noqa: E402

STEPS = ["install", "boot", "screen", "tap", "escape", "noise", "edit", "broken", "crash", "hang", "frozen", "fallback",
         "cache", "upgrade", "remove", "purge"]
PIN = "4826"
SIZE = (1920, 1080)
# Lines that used to appear at every start; none may come back (the kiosk's INFO lines may name them)
NOISE = re.compile(r"Fontconfig error|invalid width|invalid height|[Cc]ursor|shader cache|Operation not permitted")
# a screen this close (mean grey difference, 0-255) to a render shows that page; pages differ by 14+
SAME_PAGE = 8.0


def log(msg: str) -> None:
    print(f"boottest: {msg}", flush=True)


class Failed(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


# -- pictures --------------------------------------------------------------------------------------------

def difference(a, b) -> float:
    """Mean absolute difference (0-255) of two screens, grey and scaled to 192x108."""
    from PIL import ImageChops, ImageStat

    small = (192, 108)
    ga = a.convert("L").resize(small, resample=2)
    gb = b.convert("L").resize(small, resample=2)
    return ImageStat.Stat(ImageChops.difference(ga, gb)).mean[0]


def is_blank(img) -> bool:
    from PIL import ImageStat

    return max(ImageStat.Stat(img.convert("RGB")).stddev) < 6


class Renders:
    """Offscreen renders of the pages the test looks at, made with the bundle on this machine."""

    def __init__(self, bundle: Path, folder: Path, lang: str = "vi") -> None:
        self.folder = folder
        self.lang = lang
        routes = ["attract", "home", "story", "witnesses", "quiz"]
        if not all((folder / f"{r}.{lang}.png").is_file() for r in routes):
            folder.mkdir(parents=True, exist_ok=True)
            env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                   "KIOSK_CACHE_DIR": str(folder / "cache")}
            vm.run([bundle / "kiosk", "render", "--route", *routes, "--lang", lang, "--size", f"{SIZE[0]}x{SIZE[1]}",
                    "--out", folder], env=env, timeout=900)
        from PIL import Image

        self.images = {}
        for png in sorted(folder.glob(f"*.{lang}.png")):
            with Image.open(png) as img:
                self.images[png.name[: -len(f".{lang}.png")]] = img.convert("RGB")

    def nearest(self, screen) -> tuple[str, dict[str, float]]:
        scores = {route: round(difference(screen, img), 1) for route, img in self.images.items()}
        return min(scores, key=scores.get), scores


# -- the test ----------------------------------------------------------------------------------------------

class BootTest:
    def __init__(self, work: Path, deb: Path, deb2: Path, bundle: Path, accel: str = "auto") -> None:
        self.work = work
        self.deb = deb
        self.deb2 = deb2
        self.bundle = bundle
        self.screens = work / "screens"
        self.screens.mkdir(parents=True, exist_ok=True)
        self.results: dict[str, dict] = {}
        self.image = vm.build_image(work / "images", vm.deb_dependencies(deb))
        self.machine = vm.Machine(self.image, work / "run", accel=accel)
        self.renders: Renders | None = None
        self.shot_no = 0

    # helpers ------------------------------------------------------------------------------
    @property
    def m(self) -> vm.Machine:
        return self.machine

    def shot(self, name: str):
        self.shot_no += 1
        return self.m.screendump(self.screens / f"{self.shot_no:02d}-{name}.png")

    def status(self) -> dict:
        done = self.m.ssh("kiosk status --json", check=False, timeout=120)
        try:
            return json.loads(done.stdout)
        except ValueError:
            return {"state": "unknown", "raw": done.stdout[-500:] + done.stderr[-500:]}

    def wait_status(self, predicate, timeout: float, what: str, interval: float = 2.0) -> dict:
        deadline = time.monotonic() + timeout
        data: dict = {}
        while time.monotonic() < deadline:
            data = self.status()
            if predicate(data):
                return data
            time.sleep(interval)
        raise Failed(f"{what}: not within {timeout:.0f} s; status: {json.dumps(data)[:1500]}")

    def running_pid(self) -> int:
        data = self.status()
        check(data.get("responding") is True, f"the kiosk is not responding: {json.dumps(data)[:800]}")
        return int(data["pid"])

    def wait_screen(self, route: str, timeout: float, name: str) -> tuple[float, dict]:
        """Poll the screen until it shows the render of *route*; seconds waited and the scores.
        (self.first_drawn: seconds until the screen was first not blank.)"""
        t0 = time.monotonic()
        deadline = t0 + timeout
        scores: dict = {}
        self.first_drawn = None
        while time.monotonic() < deadline:
            screen = self.m.screendump(self.screens / "poll.png")
            if not is_blank(screen):
                if self.first_drawn is None:
                    self.first_drawn = time.monotonic() - t0
                best, scores = self.renders.nearest(screen)
                if best == route and scores[route] <= SAME_PAGE:
                    self.shot(name)
                    return time.monotonic() - t0, scores
            time.sleep(1)
        self.shot(name + "-timeout")
        raise Failed(f"the screen did not show {route} within {timeout:.0f} s (last scores {scores})")

    def journal(self, args: str = "-b") -> str:
        return self.m.ssh(f"journalctl -u kiosk --no-pager -o short-monotonic {args}", check=False).stdout

    def restarts(self) -> int:
        return int(self.m.out("systemctl show -p NRestarts --value kiosk"))

    # steps ----------------------------------------------------------------------------------
    def step_install(self) -> dict:
        self.m.create_overlay()
        self.m.start()
        t_ssh = self.m.wait_ssh()
        self.m.copy_in(self.deb, "/root/")
        t0 = time.monotonic()
        done = self.m.ssh(f"DEBIAN_FRONTEND=noninteractive apt-get install -y ./{self.deb.name}", timeout=1800)
        t_apt = time.monotonic() - t0
        check("installed the sample exhibit" in done.stdout, done.stdout[-2000:])
        newly = re.search(r"(\d+) newly installed", done.stdout)
        self.m.ssh(f"printf '{PIN}\\n' | kiosk set-pin")
        # an installer's own settings: a shorter idle timeout (and the upgrade must keep it)
        self.m.ssh("sed -i 's/^KIOSK_RUN_ARGS=.*/KIOSK_RUN_ARGS=--idle-timeout 25/' /etc/kiosk/kiosk.env")
        enabled = self.m.out("systemctl is-enabled kiosk")
        check(enabled == "enabled", f"kiosk.service is {enabled}")
        return {"ssh_after_power_on_s": round(t_ssh), "apt_install_s": round(t_apt),
                "packages_installed": int(newly.group(1)) if newly else None}

    def step_boot(self) -> dict:
        self.m.reboot()
        t0 = time.monotonic()
        # the first frame: the attract loop, from the QEMU side
        t_frame, scores = self.wait_screen("attract", 600, "first-frame")
        self.m.wait_ssh()
        active = self.m.wait_for("systemctl is-active kiosk", 120, what="kiosk.service active (READY=1 received)")
        check(active == "active", active)
        # the kiosk's heartbeat reaches systemd: the watchdog timestamp moves
        first = self.m.out("systemctl show -p WatchdogTimestampMonotonic --value kiosk")
        time.sleep(12)
        second = self.m.out("systemctl show -p WatchdogTimestampMonotonic --value kiosk")
        check(first not in ("", "0") and second != first, f"no WATCHDOG=1 reached systemd ({first!r}, {second!r})")
        # cage and the kiosk stay in kiosk.service's cgroup (no session scope)
        pid = self.running_pid()
        cgroup = self.m.out(f"cat /proc/{pid}/cgroup")
        check("kiosk.service" in cgroup, f"the kiosk runs in {cgroup}")
        journal = self.journal()
        check("kiosk-session: renderer:" in journal, "kiosk-session's renderer line is not in journalctl -u kiosk")
        check("kiosk running:" in journal, "the kiosk's own log is not in journalctl -u kiosk")
        cage_pid = self.m.out("systemctl show -p MainPID --value kiosk")
        comm = self.m.out(f"cat /proc/{cage_pid}/comm")
        check(comm == "cage", f"the main process is {comm}, not cage")
        uptime = float(self.m.out("cut -d' ' -f1 /proc/uptime"))
        ready = self.m.out("systemctl show -p ActiveEnterTimestampMonotonic --value kiosk")
        renderer = re.search(r"kiosk-session: (renderer: .*)", journal)
        return {"first_slide_after_reboot_s": round(t_frame + (t0 - self.m.started)),
                "kiosk_active_s_after_kernel_start": round(int(ready) / 1e6, 1) if ready.isdigit() else None,
                "uptime_at_check_s": round(uptime),
                "screen_scores": scores, "renderer": renderer.group(1) if renderer else None}

    def step_noise(self) -> dict:
        journal = self.journal()
        noise = [line for line in journal.splitlines() if NOISE.search(line) and " INFO kiosk." not in line]
        warnings = self.m.ssh("journalctl -u kiosk -b --no-pager -p warning -o cat", check=False).stdout
        check(not noise, "noise in the journal:\n" + "\n".join(noise[:20]))
        return {"warnings_at_boot": warnings.strip().splitlines()[:40], "journal_lines": len(journal.splitlines())}

    def step_screen(self) -> dict:
        screen = self.shot("attract")
        best, scores = self.renders.nearest(screen)
        check(best == "attract", f"the screen looks most like {best}, not the attract loop: {scores}")
        home = self.renders.images["home"]
        check(difference(screen, home) > 2 * SAME_PAGE, "the comparison cannot tell pages apart")
        return {"nearest": best, "scores": scores}

    def step_tap(self) -> dict:
        before = self.status().get("route")
        t0 = time.monotonic()
        self.m.tap(SIZE[0] / 2, SIZE[1] / 2)
        data = self.wait_status(lambda d: d.get("route") not in (None, "attract"), 60, "a tap leaves the attract loop",
                                interval=0.5)
        t_route = time.monotonic() - t0
        t_screen, scores = self.wait_screen("home", 60, "home-after-tap")
        return {"route_before": before, "route_after": data.get("route"), "tap_to_route_s": round(t_route, 1),
                "tap_to_screen_s": round(t_screen + t_route, 1), "scores": scores}

    def step_escape(self) -> dict:
        pid = self.running_pid()
        route = self.status().get("route")
        combos = [("ctrl", "alt", "f2"), ("alt", "f4"), ("ctrl", "alt", "backspace"), ("alt", "tab"), ("meta_l",),
                  ("ctrl", "alt", "f3")]
        seen = {}
        for combo in combos:
            self.m.keys(*combo)
            time.sleep(3)
            vt = self.m.out("cat /sys/class/tty/tty0/active")
            now = self.status()
            screen = self.m.screendump(self.screens / "poll.png")
            best, _ = self.renders.nearest(screen)
            seen["+".join(combo)] = {"vt": vt, "pid": now.get("pid"), "route": now.get("route"), "screen": best}
            check(vt == "tty1", f"{'+'.join(combo)} switched to {vt}")
            check(now.get("pid") == pid and now.get("responding"), f"{'+'.join(combo)}: the kiosk changed: {now}")
            check(now.get("route") == route, f"{'+'.join(combo)} changed the page to {now.get('route')}")
            check(best == "home", f"{'+'.join(combo)}: the screen now looks like {best}")
        return seen

    def step_edit(self) -> dict:
        before = self.status()
        self.m.ssh("sed -i 's/Kỷ niệm 50 năm (1972–2022)/Kỷ niệm 50 năm (1972–2022) · thử nghiệm/' "
                   "/var/lib/kiosk/content/exhibit.yaml")
        t0 = time.monotonic()
        # the new content is checked, then swapped in at the next attract loop (idle timeout 25 s here)
        data = self.wait_status(lambda d: d.get("content_revision") != before.get("content_revision")
                                and not d.get("pending_update"), 240, "the edit goes live")
        t_live = time.monotonic() - t0
        check(not data.get("rejected_update"), f"the valid edit was refused: {data.get('rejected_update')}")
        self.shot("after-edit")
        return {"edit_to_live_s": round(t_live), "revision": data.get("content_revision"),
                "route_when_live": data.get("route")}

    def step_broken(self) -> dict:
        good = self.status().get("content_revision")
        self.m.ssh("cp /var/lib/kiosk/content/exhibit.yaml /root/exhibit.yaml.good && "
                   "sed -i 's/^idle_timeout: 60 /idle_timeout: soon /' /var/lib/kiosk/content/exhibit.yaml && "
                   "grep -n '^idle_timeout: soon' /var/lib/kiosk/content/exhibit.yaml")
        line = int(self.m.out("grep -n '^idle_timeout: soon' /var/lib/kiosk/content/exhibit.yaml").split(":")[0])
        t0 = time.monotonic()
        data = self.wait_status(lambda d: bool(d.get("rejected_update")), 240, "the broken edit is refused")
        t_refused = time.monotonic() - t0
        problems = data["rejected_update"].get("problems", [])
        check(any(p.startswith(f"exhibit.yaml:{line}:") for p in problems),
              f"no problem at exhibit.yaml:{line}: {problems}")
        check(data.get("content_revision") == good and data.get("responding"), f"the last good content left: {data}")
        text = self.m.ssh("kiosk status", check=False).stdout
        check("REJECTED" in text and f"exhibit.yaml:{line}:" in text, text)
        self.m.ssh("cp /root/exhibit.yaml.good /var/lib/kiosk/content/exhibit.yaml && "
                   "chown kiosk:kiosk /var/lib/kiosk/content/exhibit.yaml")
        return {"edit_to_refused_s": round(t_refused),
                "problem": next(p for p in problems if p.startswith("exhibit.yaml:")),
                "kiosk_status": text.splitlines()[:12]}

    def _restart_after(self, signal_name: str, timeout: float, name: str) -> tuple[float, int, int]:
        pid = self.running_pid()
        restarts = self.restarts()
        t0 = time.monotonic()
        self.m.ssh(f"kill -{signal_name} {pid}")
        if signal_name == "SEGV":
            # between two runs of cage (the restart gap) no text console is reachable either
            gap_end = time.monotonic() + 15
            while time.monotonic() < gap_end:
                self.m.keys("ctrl", "alt", "f2")
                vt = self.m.out("cat /sys/class/tty/tty0/active")
                check(vt == "tty1", f"Ctrl+Alt+F2 during the restart reached {vt}")
                time.sleep(0.5)
        self.wait_status(lambda d: d.get("responding") and d.get("pid") != pid, timeout, f"back after SIG{signal_name}")
        t_back = time.monotonic() - t0
        self.wait_screen("attract", 120, name)
        t_screen = time.monotonic() - t0
        return t_back, t_screen, self.restarts() - restarts

    def step_crash(self) -> dict:
        since = self.m.out("date +%s")
        t_back, t_screen, n = self._restart_after("SEGV", 240, "after-crash")
        check(n >= 1, "systemd did not count a restart")
        journal = self.journal(f"--since=@{since}")
        check("Fatal Python error: Segmentation fault" in journal,
              "the crash is not in the journal:\n" + journal[-2000:])
        return {"crash_to_status_s": round(t_back), "crash_to_screen_s": round(t_screen)}

    def step_hang(self) -> dict:
        since = self.m.out("date +%s")
        t_back, t_screen, _n = self._restart_after("STOP", 300, "after-hang")
        journal = self.journal(f"--since=@{since}")
        check("Watchdog timeout" in journal, "no 'Watchdog timeout' in the journal:\n" + journal[-2000:])
        check("Fatal Python error: Aborted" in journal, "the hung kiosk's stack is not in the journal")
        return {"sigstop_to_status_s": round(t_back), "sigstop_to_screen_s": round(t_screen)}

    def step_frozen(self) -> dict:
        """Qt's software scene graph under cage stops drawing when a frame changes nothing (the frame
        watchdog's own frame request is such a frame): the frame watchdog must notice."""
        self.m.ssh("mkdir -p /etc/systemd/system/kiosk.service.d && printf '[Service]\\n"
                   "Environment=QT_QUICK_BACKEND=software\\n' > /etc/systemd/system/kiosk.service.d/frozen.conf && "
                   "systemctl daemon-reload && systemctl restart kiosk")
        try:
            self.m.wait_for("systemctl is-active kiosk", 180, what="kiosk active with the software scene graph")
            since = self.m.out("date +%s")
            pid = self.running_pid()
            t0 = time.monotonic()
            self.wait_status(lambda d: d.get("pid") not in (None, pid), 400, "a restart of the frozen kiosk")
            t_restart = time.monotonic() - t0
            journal = self.journal(f"--since=@{since}")
            check("the screen is frozen" in journal, "the frame watchdog said nothing:\n" + journal[-3000:])
            check("Watchdog timeout" in journal, "systemd's watchdog did not fire:\n" + journal[-3000:])
            frozen = re.search(r"ERROR kiosk.ui.framewatch: (the screen is frozen.*)", journal)
        finally:
            self.m.ssh("rm -f /etc/systemd/system/kiosk.service.d/frozen.conf && systemctl daemon-reload && "
                       "systemctl restart kiosk")
            self.m.wait_for("systemctl is-active kiosk", 180, what="kiosk active again")
        self.wait_screen("attract", 120, "after-frozen")
        return {"frozen_to_restart_s": round(t_restart), "log_line": frozen.group(1) if frozen else None}

    def step_fallback(self) -> dict:
        fake = "/usr/local/lib/kiosk-test/kiosk"
        self.m.ssh(f"mkdir -p {fake.rsplit('/', 1)[0]} && printf '#!/bin/sh\\n"
                   f"[ \"$1\" = -m ] && {{ echo \"card0 (test): a probe that says hardware\"; exit 0; }}\\n"
                   f"exec /opt/kiosk/kiosk \"$@\"\\n' > {fake} && chmod 755 {fake} && "
                   "mkdir -p /etc/systemd/system/kiosk.service.d && printf '[Service]\\n"
                   f"Environment=KIOSK_PROGRAM={fake}\\n' > /etc/systemd/system/kiosk.service.d/fallback.conf && "
                   "systemctl daemon-reload")
        since = self.m.out("date +%s")
        t0 = time.monotonic()
        try:
            self.m.ssh("systemctl restart --no-block kiosk")
            self.m.wait_for(f"journalctl -u kiosk --since=@{since} -o cat | grep -q 'earlier in this boot'", 600,
                            what="a start in software after cage crashed with the GPU renderer", interval=5)
            self.m.wait_for("systemctl is-active kiosk", 300, what="kiosk active in software")
            t_back = time.monotonic() - t0
            journal = self.journal(f"--since=@{since}")
            check("kiosk-session: renderer: GPU (card0 (test)" in journal, journal[-3000:])
            crash = re.search(r"kiosk\.service: Main process exited, code=\w+, status=\d+/(SEGV|ABRT|BUS|ILL)", journal)
            check(crash is not None, "cage did not crash with the GPU renderer:\n" + journal[-3000:])
            said = re.search(r"kiosk-session: (cage crashed .*)", journal)
            check(said is not None, journal[-3000:])
        finally:
            self.m.ssh("rm -f /etc/systemd/system/kiosk.service.d/fallback.conf && systemctl daemon-reload && "
                       "systemctl stop kiosk && systemctl start --no-block kiosk")
        self.wait_screen("attract", 300, "after-fallback")
        journal = self.journal(f"--since=@{since}")
        check("renderer: software" in journal.rsplit("Starting kiosk.service", 1)[-1],
              "after a stop and start the probe decides again")
        return {"gpu_crash_to_software_s": round(t_back), "crash": crash.group(0), "log_line": said.group(1)}

    def step_cache(self) -> dict:
        # (needed the house refactor of main: before it the cache went to /var/cache/content and failed)
        journal = self.journal()
        used = re.findall(r"content from the cache \((/var/cache/kiosk/content)\)", journal)
        files = self.m.ssh("ls /var/cache/kiosk/content/", check=False).stdout.split()
        refused = [line for line in journal.splitlines() if "cannot keep the validated content" in line]
        check(not refused, "\n".join(refused[:3]))
        check(any(f.endswith(".pickle") for f in files), f"no validated content in /var/cache/kiosk/content: {files}")
        check(len(used) >= 1, "no start of this boot took its content from the cache in /var/cache/kiosk/content")
        return {"starts_from_cache": len(used), "cache_files": files}

    def _fingerprint(self) -> dict:
        return {
            "content": self.m.out("cd /var/lib/kiosk/content && find . -type f | sort | xargs sha256sum | sha256sum"),
            "settings.json": self.m.out("sha256sum /etc/kiosk/settings.json"),
            "kiosk.env": self.m.out("sha256sum /etc/kiosk/kiosk.env"),
        }

    def step_upgrade(self) -> dict:
        new_version = vm.run(["dpkg-deb", "--field", self.deb2, "Version"]).stdout.strip()
        before = self._fingerprint()
        pid = self.running_pid()
        self.m.copy_in(self.deb2, "/root/")
        t0 = time.monotonic()
        self.m.ssh(f"DEBIAN_FRONTEND=noninteractive apt-get install -y ./{self.deb2.name}", timeout=1800)
        t_apt = time.monotonic() - t0
        data = self.wait_status(lambda d: d.get("responding") and d.get("pid") != pid, 240, "the upgraded kiosk runs")
        t_back = time.monotonic() - t0
        text = self.m.ssh("kiosk status", check=False)
        check(text.returncode == 0 and text.stdout.startswith(f"kiosk {new_version}: running"),
              f"kiosk status after the upgrade:\n{text.stdout}{text.stderr}")
        check(data.get("package_version") == new_version, f"status.json says {data.get('package_version')}")
        after = self._fingerprint()
        check(after == before, f"the upgrade changed {[k for k in before if before[k] != after[k]]}")
        check("--idle-timeout 25" in self.m.out("grep ^KIOSK_RUN_ARGS /etc/kiosk/kiosk.env"), "settings lost")
        return {"apt_upgrade_s": round(t_apt), "upgrade_to_running_s": round(t_back), "version": new_version}

    def _console_login(self, name: str) -> None:
        """Log in as root on tty1 with the keyboard, as someone at the machine would."""
        self.m.keys("ret")
        time.sleep(2)
        self.m.type_text("root\n")
        time.sleep(3)
        self.m.type_text(vm.ROOT_PASSWORD + "\n")
        self.m.wait_for("who | grep -q '^root *tty1'", 90, what="root logged in on tty1")
        self.shot(name)

    def step_remove(self) -> dict:
        t0 = time.monotonic()
        self.m.ssh("DEBIAN_FRONTEND=noninteractive apt-get remove -y kiosk", timeout=900)
        t_apt = time.monotonic() - t0
        self.m.wait_for("systemctl is-active getty@tty1", 60, what="getty@tty1 after apt remove")
        check(self.m.out("cat /sys/class/tty/tty0/active") == "tty1", "tty1 is not in front")
        self.shot("after-remove")
        self._console_login("logged-in-after-remove")
        # VT switching works again for the person at the console
        self.m.keys("ctrl", "alt", "f2")
        self.m.wait_for("test $(cat /sys/class/tty/tty0/active) = tty2", 30, what="Ctrl+Alt+F2 after removal")
        self.m.keys("ctrl", "alt", "f1")
        self.m.wait_for("test $(cat /sys/class/tty/tty0/active) = tty1", 30, what="back to tty1")
        kept = self.m.out("test -f /var/lib/kiosk/content/exhibit.yaml && test -f /etc/kiosk/settings.json "
                          "&& echo kept")
        check(kept == "kept", "remove lost the exhibit or the settings")
        return {"apt_remove_s": round(t_apt)}

    def step_purge(self) -> dict:
        self.m.ssh("pkill -KILL -t tty1 -u root || true; DEBIAN_FRONTEND=noninteractive apt-get purge -y kiosk",
                   timeout=900)
        check(self.m.out("test -e /etc/kiosk && echo yes || echo no") == "no", "/etc/kiosk is still there")
        check(self.m.out("test -f /var/lib/kiosk/content/exhibit.yaml && echo yes") == "yes", "purge took the exhibit")
        self.m.reboot()
        self.m.wait_ssh()
        self.m.wait_for("systemctl is-active getty@tty1", 120, what="getty@tty1 after purge and reboot")
        self._console_login("logged-in-after-purge")
        return {}

    # running ------------------------------------------------------------------------------
    def run(self, steps: list[str]) -> dict:
        self.renders = Renders(self.bundle, self.work / "renders")
        t_all = time.monotonic()
        try:
            for name in steps:
                log(f"-- {name}")
                t0 = time.monotonic()
                try:
                    figures = getattr(self, f"step_{name}")()
                    self.results[name] = {"ok": True, "seconds": round(time.monotonic() - t0), **(figures or {})}
                    log(f"   ok in {time.monotonic() - t0:.0f} s: {json.dumps(figures, ensure_ascii=False)[:600]}")
                    (self.work / "report.json").write_text(
                        json.dumps(self.results, indent=2, ensure_ascii=False) + "\n")
                except Exception as exc:  # noqa: BLE001 (every step is reported; later ones go on if they can)
                    self.results[name] = {"ok": False, "seconds": round(time.monotonic() - t0),
                                          "error": f"{type(exc).__name__}: {exc}"[:4000]}
                    log(f"   FAILED: {exc}")
                    traceback.print_exc()
                    (self.work / "report.json").write_text(
                        json.dumps(self.results, indent=2, ensure_ascii=False) + "\n")
                    if name == "install" or not self.m.running() or (
                            name == "boot" and self.m.ssh("systemctl is-active kiosk", check=False).returncode):
                        break
        finally:
            try:
                if self.m.running():
                    self.m.copy_out("/var/log/kiosk/kiosk.log", self.work / "kiosk.log") if \
                        self.m.ssh("test -f /var/log/kiosk/kiosk.log", check=False).returncode == 0 else None
                    (self.work / "journal.txt").write_text(
                        self.m.ssh("journalctl -b --no-pager -o short-monotonic", check=False).stdout)
            except Exception:  # noqa: BLE001
                pass
            self.m.stop()
        self.results["_run"] = {"accel": self.m.accel, "total_s": round(time.monotonic() - t_all),
                                "image": json.loads(self.image.info.read_text()), "deb": self.deb.name,
                                "deb2": self.deb2.name}
        (self.work / "report.json").write_text(json.dumps(self.results, indent=2, ensure_ascii=False) + "\n")
        return self.results


def prepare_debs(work: Path, deb: str | None, deb2: str | None, bundle: str | None) -> tuple[Path, Path, Path]:
    """The .deb to install, a newer one for the upgrade (same bundle, version +boot2), the bundle."""
    dist = work / "dist"
    if deb:
        deb_path = Path(deb).resolve()
        bundle_path = Path(bundle).resolve() if bundle else None
    else:
        vm.run([sys.executable, ROOT / "packaging" / "build.py", "--only", "bundle", "--only", "deb", "--fast",
                "--out", dist], timeout=3600, capture_output=False)
        deb_path = next(dist.glob("kiosk_*_amd64.deb"))
        bundle_path = dist / "kiosk"
    if bundle_path is None or not (bundle_path / "kiosk").is_file():
        bundle_path = work / "bundle-of-deb"
        if not (bundle_path / "kiosk").is_file():
            tree = work / "deb-tree"
            vm.run(["dpkg-deb", "-x", deb_path, tree])
            bundle_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tree / "opt" / "kiosk", bundle_path)
    if deb2:
        deb2_path = Path(deb2).resolve()
    else:
        version = vm.run(["dpkg-deb", "--field", deb_path, "Version"]).stdout.strip()
        out = work / "dist-upgrade"
        deb2_path = out / f"kiosk_{version}+boot2_amd64.deb"
        if not deb2_path.is_file() or deb2_path.stat().st_mtime < deb_path.stat().st_mtime:
            vm.run([sys.executable, ROOT / "packaging" / "build.py", "--only", "deb", "--fast", "--bundle", bundle_path,
                    "--deb-version", f"{version}+boot2", "--out", out], timeout=1800, capture_output=False)
    return deb_path, deb2_path, bundle_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default=os.environ.get("KIOSK_BOOT_WORK", str(ROOT / "build" / "boottest")),
                        help="images, screenshots and the report (default: build/boottest or $KIOSK_BOOT_WORK)")
    parser.add_argument("--deb", help="the .deb to test (default: build one with packaging/build.py)")
    parser.add_argument("--deb2", help="a newer .deb for the upgrade (default: the same bundle as +boot2)")
    parser.add_argument("--bundle", help="the bundle inside --deb, for the offscreen renders (default: from the .deb)")
    parser.add_argument("--only", help=f"comma-separated steps, in this order: {','.join(STEPS)}")
    parser.add_argument("--accel", choices=["auto", "kvm", "tcg"], default="auto")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        raise SystemExit("boottest: run it as root (debootstrap, and the image's files belong to root)")
    vm.ensure_host_tools()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    steps = STEPS if not args.only else [s for s in STEPS if s in args.only.split(",")]
    deb, deb2, bundle = prepare_debs(work, args.deb, args.deb2, args.bundle)
    results = BootTest(work, deb, deb2, bundle, accel=args.accel).run(steps)
    failed = [k for k, v in results.items() if not k.startswith("_") and not v.get("ok")]
    log(f"report: {work / 'report.json'}; screenshots: {work / 'screens'}")
    log(f"{len(steps) - len(failed)} passed, {len(failed)} failed" + (f": {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
