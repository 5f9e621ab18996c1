"""A newcomer's two commands on a fresh Debian 12 (issue 18), run before a release.

As root, debootstrap makes a minimal Debian 12 root (``--variant=minbase``, with ``python3`` added and
nothing else), the checkout is copied in (the files git knows, as they are in the working tree), and
in a chroot, as a newcomer who follows the README word for word:

1. ``./run`` installs what it needs by itself (Debian packages, the virtual environment .venv, the kiosk)
   and shows the kiosk's first frame in a window on an Xvfb of the host: status.json says it is running
   and a screenshot of that screen shows the exhibit;
2. ``./run`` again installs nothing and shows the window again;
3. ``./test --fast`` (ruff, mypy, the fast lane with coverage) passes, and ``./test tests/e2e`` (the real
   kiosk on the chroot's own Xvfb, touched through TUIO, read through AT-SPI) passes. The whole suite is
   left out to keep the time sane: the slow tests need nothing from the system the fast ones do not.

Settings: ``KIOSK_NEWCOMER_SUITE`` is ``bookworm`` (default) or ``noble`` (Ubuntu 24.04, from
``KIOSK_NEWCOMER_UBUNTU_MIRROR``, default http://archive.ubuntu.com/ubuntu); ``KIOSK_NEWCOMER_CACHE=DIR``
keeps debootstrap's packages and pip's downloads between runs (the same steps, faster). Logs and the
screenshots go to out/newcomer/SUITE/. Needs root, debootstrap, chroot, mount, Xvfb and imagemagick on
the host, and the network (a Debian or Ubuntu mirror and PyPI). Behind a TLS-inspecting proxy, the
certificate authorities the host's pip is given (``PIP_CERT``) are given to pip in the chroot too;
nothing else of the host's set-up goes in.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SUITE = os.environ.get("KIOSK_NEWCOMER_SUITE", "bookworm")
UBUNTU = SUITE == "noble"
MIRROR = (os.environ.get("KIOSK_NEWCOMER_UBUNTU_MIRROR", "http://archive.ubuntu.com/ubuntu") if UBUNTU
          else os.environ.get("KIOSK_NEWCOMER_DEBIAN_MIRROR", "http://deb.debian.org/debian"))
CACHE = Path(os.environ["KIOSK_NEWCOMER_CACHE"]).resolve() if os.environ.get("KIOSK_NEWCOMER_CACHE") else None
OUT = REPO / "out" / "newcomer" / SUITE
HOST_TOOLS = {"debootstrap": "debootstrap", "chroot": "coreutils", "mount": "mount", "umount": "mount",
              "Xvfb": "xvfb", "import": "imagemagick"}
HOST_CA = os.environ.get("PIP_CERT") or ""  # a proxy's certificate authority, when the network has one
CHECKOUT = "/root/kiosk"  # where the newcomer cloned the project, inside the chroot
STATUS = "root/.local/state/kiosk/status.json"  # the kiosk's status file, in the chroot's root's home

timings: dict[str, float] = {}


def _log(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return text[-6000:]


def _sources(suite: str) -> str:
    """The apt sources of a default installation (debootstrap writes only the release's main)."""
    if UBUNTU:
        parts = "main restricted universe multiverse"
        return "".join(f"deb {MIRROR} {s} {parts}\n" for s in (suite, f"{suite}-updates", f"{suite}-security"))
    return (f"deb {MIRROR} {suite} main\ndeb {MIRROR} {suite}-updates main\n"
            f"deb http://security.debian.org/debian-security {suite}-security main\n")


def _mounts_under(root: Path) -> list[str]:
    with open("/proc/self/mountinfo", encoding="utf-8") as f:
        points = [line.split()[4] for line in f]
    prefix = str(root) + "/"
    return sorted((p for p in points if p.startswith(prefix) or p == str(root)), key=len, reverse=True)


def _kill_inside(root: Path) -> None:
    """Every process whose root directory is the chroot (a kiosk, Xvfb, dbus left by a test)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.readlink(f"/proc/{pid}/root") == str(root):
                os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass


class Chroot:
    """A Debian root made by debootstrap, with /proc, /sys and /dev mounted, entered with chroot."""

    def __init__(self, root: Path, display: str) -> None:
        self.root = root
        self.display = display

    def command(self, script: str) -> list[str]:
        env = ["HOME=/root", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
               "LANG=C.UTF-8", "TERM=dumb", f"DISPLAY={self.display}"]
        if HOST_CA:
            env.append("PIP_CERT=/etc/ssl/host-ca.pem")
        shell = f"cd {CHECKOUT} && exec {script}"  # exec: a signal reaches the kiosk itself
        return ["chroot", str(self.root), "/usr/bin/env", "-i", *env, "/bin/sh", "-c", shell]

    def run(self, script: str, log: Path, timeout: float) -> int:
        start = time.monotonic()
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(self.command(script), stdout=out, stderr=subprocess.STDOUT, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        timings[script] = time.monotonic() - start
        return done.returncode

    def start(self, script: str, log: Path) -> subprocess.Popen[bytes]:
        out = log.open("w", encoding="utf-8")
        try:
            return subprocess.Popen(self.command(script), stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            out.close()


def _debootstrap(root: Path, log: Path) -> None:
    cmd = ["debootstrap", "--variant=minbase", "--include=python3"]
    if CACHE:
        (CACHE / f"debootstrap-{SUITE}").mkdir(parents=True, exist_ok=True)
        cmd.append(f"--cache-dir={CACHE / f'debootstrap-{SUITE}'}")
    if UBUNTU:
        keyring = Path("/usr/share/keyrings/ubuntu-archive-keyring.gpg")
        cmd.append(f"--keyring={keyring}" if keyring.exists() else "--no-check-gpg")
        cmd += [SUITE, str(root), MIRROR, "/usr/share/debootstrap/scripts/gutsy"]  # noble's script is gutsy's
    else:
        cmd += [SUITE, str(root), MIRROR]
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, timeout=1800)
    timings["debootstrap"] = time.monotonic() - start
    if done.returncode != 0:
        pytest.fail(f"debootstrap {SUITE} from {MIRROR} failed ({done.returncode}):\n{_log(log)}", pytrace=False)


def _copy_checkout(dest: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = REPO / rel
        if not src.is_file():
            continue  # deleted in the working tree
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24",
                             "-nolisten", "tcp", "-s", "0", "-dpms", "-noreset"],
                            pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 20
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], 1)
        if ready:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
    os.close(read_fd)
    if not number.strip().isdigit():
        proc.kill()
        pytest.fail("Xvfb did not start on the host", pytrace=False)
    return proc, f":{int(number)}"


@pytest.fixture(scope="module")
def chroot(tmp_path_factory: pytest.TempPathFactory):
    missing = {exe: pkg for exe, pkg in HOST_TOOLS.items() if shutil.which(exe) is None}
    if missing:
        pytest.fail("the newcomer tests need these programs on the host: "
                    + ", ".join(f"{exe} (Debian package {pkg})" for exe, pkg in missing.items()), pytrace=False)
    if os.geteuid() != 0:
        pytest.fail("the newcomer tests need root (debootstrap, chroot and mount)", pytrace=False)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    root = tmp_path_factory.mktemp(f"newcomer-{SUITE}") / "root"
    root.mkdir()
    xvfb, display = _start_xvfb()
    try:
        _debootstrap(root, OUT / "debootstrap.log")
        (root / "etc/apt/sources.list").write_text(_sources(SUITE), encoding="utf-8")
        shutil.copy2("/etc/resolv.conf", root / "etc/resolv.conf")
        if HOST_CA:
            (root / "etc/ssl").mkdir(exist_ok=True)
            shutil.copy2(HOST_CA, root / "etc/ssl/host-ca.pem")
        _copy_checkout(root / CHECKOUT.lstrip("/"))
        subprocess.run(["mount", "-t", "proc", "proc", str(root / "proc")], check=True)
        for fs in ("sys", "dev"):
            subprocess.run(["mount", "--rbind", f"/{fs}", str(root / fs)], check=True)
            subprocess.run(["mount", "--make-rslave", str(root / fs)], check=True)
        if CACHE:
            pip_cache = CACHE / "pip"
            pip_cache.mkdir(parents=True, exist_ok=True)
            (root / "root/.cache/pip").mkdir(parents=True)
            subprocess.run(["mount", "--bind", str(pip_cache), str(root / "root/.cache/pip")], check=True)
        yield Chroot(root, display)
    finally:
        _kill_inside(root)
        for point in _mounts_under(root):
            subprocess.run(["umount", "-l", point], check=False)
        xvfb.terminate()
        xvfb.wait(timeout=20)
        left = _mounts_under(root)
        if left:  # never delete through a mount (it would reach the host's /dev or /sys)
            print(f"newcomer test: {root} still has mounts ({left}); not deleted")
        else:
            shutil.rmtree(root, ignore_errors=True)
        print("\nnewcomer test timings (s): " + ", ".join(f"{k}: {v:.0f}" for k, v in timings.items()))


def _first_frame(chroot: Chroot, log: Path, name: str, timeout: float) -> subprocess.Popen[bytes]:
    """Starts ./run and waits until the kiosk has drawn its first frame (it writes status.json then)."""
    status = chroot.root / STATUS
    status.unlink(missing_ok=True)
    start = time.monotonic()
    proc = chroot.start("./run", log)
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            pytest.fail(f"./run exited ({proc.returncode}) before the kiosk showed a frame:\n{_log(log)}",
                        pytrace=False)
        try:
            if json.loads(status.read_text(encoding="utf-8")).get("state") == "running":
                break
        except (OSError, ValueError):
            pass
        time.sleep(1)
    else:
        _stop(proc)
        pytest.fail(f"no first frame within {timeout:.0f} s of ./run:\n{_log(log)}", pytrace=False)
    timings[name] = time.monotonic() - start
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> int:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.wait(timeout=10)


def _screenshot(display: str, path: Path) -> int:
    """Takes a screenshot of the host's Xvfb and returns how many colours it has."""
    from PIL import Image

    time.sleep(3)  # the attract loop's first slide fades in
    subprocess.run(["import", "-display", display, "-window", "root", str(path)], check=True, timeout=60)
    with Image.open(path) as im:
        return len(im.convert("RGB").getcolors(maxcolors=1 << 20) or [])


def test_run_sets_everything_up_and_shows_the_kiosk(chroot: Chroot):
    log = OUT / "run-first.log"
    proc = _first_frame(chroot, log, "./run (first, with set-up)", timeout=1800)
    colours = _screenshot(chroot.display, OUT / "run-first.png")
    code = _stop(proc)
    assert colours > 200, f"the screen shows {colours} colours: no exhibit drawn (see {OUT / 'run-first.png'})"
    assert code == 0, f"the kiosk did not stop cleanly on SIGTERM ({code}):\n{_log(log)}"
    text = log.read_text(encoding="utf-8")
    assert "Installing the Debian packages that are missing" in text and "Making the virtual environment" in text


def test_run_again_installs_nothing(chroot: Chroot):
    log = OUT / "run-again.log"
    proc = _first_frame(chroot, log, "./run (again)", timeout=300)
    colours = _screenshot(chroot.display, OUT / "run-again.png")
    _stop(proc)
    text = log.read_text(encoding="utf-8")
    assert "Installing" not in text and "Making" not in text, text[-3000:]
    assert colours > 200, f"the screen shows {colours} colours (see {OUT / 'run-again.png'})"


def test_the_test_command_passes(chroot: Chroot):
    log = OUT / "test-fast.log"
    code = chroot.run("./test --fast", log, timeout=3600)
    assert code == 0, f"./test --fast failed ({code}):\n{_log(log)}"
    assert "all passed" in log.read_text(encoding="utf-8")


def test_the_end_to_end_tests_pass(chroot: Chroot):
    log = OUT / "test-e2e.log"
    code = chroot.run("./test tests/e2e", log, timeout=3600)
    assert code == 0, f"./test tests/e2e failed ({code}):\n{_log(log)}"
