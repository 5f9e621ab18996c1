"""A Debian 12 virtual machine for testing the kiosk package as an installer would (stdlib only).

- :func:`build_image` makes a bootable Debian 12 disk image with debootstrap (no loop mount: the
  file system is written with ``mkfs.ext4 -d``), with a kernel, systemd, udev, D-Bus, OpenSSH and,
  optionally, the packages a .deb depends on (so that ``apt install ./kiosk.deb`` inside the machine
  needs no network and takes a minute, not six). The image is kept and reused: each run boots a
  copy-on-write overlay of it (``qemu-img create -b``), so a run can never spoil the next one.
- :class:`Machine` boots it under QEMU (KVM when it works here, else TCG emulation) with a virtio-vga
  screen of 1920x1080 and no 3D, a USB keyboard and a USB tablet, and drives it from outside: SSH for
  commands, QMP for screenshots (``screendump``), keys (``send-key``) and absolute pointer taps
  (``input-send-event``), the serial console's log for the kernel and systemd.

Needs (Debian): debootstrap qemu-system-x86 qemu-utils e2fsprogs openssh-client, and root.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

IMAGE_FORMAT = 3  # bump when build_image changes what goes into an image
SUITE = "bookworm"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
# What a minimal Debian server has, plus kbd (fgconsole, chvt) for the checks.
BASE_PACKAGES = ["linux-image-amd64", "systemd-sysv", "udev", "dbus", "openssh-server", "kbd", "procps",
                 "iproute2", "ca-certificates", "less"]
ROOT_PASSWORD = "kiosk-test"
# The kernel command line docs/deploying.md recommends, plus a serial console for the test's log.
KERNEL_ARGS = ("root=/dev/vda rw console=tty0 console=ttyS0,115200 consoleblank=0 quiet loglevel=3 "
               "vt.global_cursor_default=0")
HOST_TOOLS = {"debootstrap": "debootstrap", "qemu-system-x86_64": "qemu-system-x86", "qemu-img": "qemu-utils",
              "mkfs.ext4": "e2fsprogs", "ssh": "openssh-client", "ssh-keygen": "openssh-client",
              "scp": "openssh-client"}


def log(msg: str) -> None:
    print(f"vm: {msg}", flush=True)


def run(cmd: list[Any], timeout: float = 3600, check: bool = True, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    done = subprocess.run([str(c) for c in cmd], timeout=timeout, **kw)
    if check and done.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {done.returncode}\n"
                           f"{(done.stdout or '')[-3000:]}\n{(done.stderr or '')[-3000:]}")
    return done


def missing_host_tools() -> dict[str, str]:
    found = {}
    for exe, pkg in HOST_TOOLS.items():
        if not (shutil.which(exe) or Path("/usr/sbin", exe).exists() or Path("/sbin", exe).exists()):
            found[exe] = pkg
    return found


def ensure_host_tools() -> None:
    missing = missing_host_tools()
    if not missing:
        return
    packages = sorted(set(missing.values()))
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"installing {' '.join(packages)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-q"], env=env, timeout=900)
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages], env=env, timeout=1800)
        return
    raise SystemExit(f"vm: needs {', '.join(missing)}: apt-get install {' '.join(packages)}")


# -- the image -------------------------------------------------------------------------------------------

def deb_dependencies(deb: Path) -> list[str]:
    """The package names of a .deb's Depends and Recommends (first choice of each alternative)."""
    fields = run(["dpkg-deb", "--field", deb, "Depends", "Recommends"]).stdout
    names = []
    for line in fields.splitlines():
        _, _, value = line.partition(":")
        for item in value.split(","):
            first = item.split("|")[0].strip()
            name = re.split(r"[\s(:]", first, maxsplit=1)[0]
            if name:
                names.append(name)
    return sorted(set(names))


class Image:
    """A built image: the raw disk, the kernel and initrd outside it, the SSH key to log in."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.disk = folder / "disk.raw"
        self.kernel = folder / "vmlinuz"
        self.initrd = folder / "initrd.img"
        self.key = folder / "id_ed25519"
        self.info = folder / "image.json"

    def ready(self) -> bool:
        return all(p.is_file() for p in (self.disk, self.kernel, self.initrd, self.key, self.info))


def build_image(work: Path, packages: list[str] = (), mirror: str = DEFAULT_MIRROR, size: str = "6G",
                rebuild: bool = False) -> Image:
    """A Debian 12 image with BASE_PACKAGES and *packages*, built once per set of packages."""
    key = hashlib.sha256(json.dumps([IMAGE_FORMAT, SUITE, mirror, size, sorted(BASE_PACKAGES),
                                     sorted(packages)]).encode()).hexdigest()[:12]
    image = Image(work / f"image-{key}")
    if image.ready() and not rebuild:
        log(f"reusing the image {image.folder}")
        return image
    ensure_host_tools()
    if os.geteuid() != 0:
        raise SystemExit("vm: building an image needs root (debootstrap)")
    t0 = time.monotonic()
    if image.folder.exists():
        shutil.rmtree(image.folder)
    image.folder.mkdir(parents=True)
    if not image.key.exists():
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kiosk-boot-test", "-f", image.key])
    base = _base_tree(work, mirror)
    tree = image.folder / "tree"
    log(f"copying the base system {base.name}")
    run(["cp", "-a", base, tree])
    _personalise(tree, image)
    if packages:
        log(f"installing {len(packages)} packages the .deb needs (as apt would)")
        _in_chroot(tree, ["apt-get", "install", "-y", "-q", *packages], timeout=3600)
        _in_chroot(tree, ["apt-get", "clean"])
    # kernel and initrd, for QEMU's -kernel/-initrd (no boot loader needed)
    kernels = sorted((tree / "boot").glob("vmlinuz-*"))
    initrds = sorted((tree / "boot").glob("initrd.img-*"))
    if not kernels or not initrds:
        raise RuntimeError("vm: no kernel or initrd in the image")
    shutil.copy(kernels[-1], image.kernel)
    shutil.copy(initrds[-1], image.initrd)
    log(f"writing the {size} file system (mkfs.ext4 -d)")
    run(["mkfs.ext4", "-q", "-F", "-L", "root", "-d", tree, image.disk, size], timeout=1800)
    installed = _in_chroot(tree, ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n"]).stdout
    image.info.write_text(json.dumps({
        "suite": SUITE, "mirror": mirror, "packages": sorted(packages), "kernel": kernels[-1].name,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "build_s": round(time.monotonic() - t0), "installed_packages": len(installed.splitlines()),
    }, indent=2) + "\n")
    shutil.rmtree(tree)
    log(f"image {image.folder} built in {time.monotonic() - t0:.0f} s")
    return image


def _base_tree(work: Path, mirror: str) -> Path:
    """debootstrap + configuration, kept as a folder and copied for each set of packages."""
    key = hashlib.sha256(json.dumps([IMAGE_FORMAT, SUITE, mirror, sorted(BASE_PACKAGES)]).encode()).hexdigest()[:12]
    base = work / f"base-{key}"
    if (base / ".complete").exists():
        return base
    if base.exists():
        shutil.rmtree(base)
    t0 = time.monotonic()
    log(f"debootstrap {SUITE} from {mirror} (a few minutes)")
    run(["debootstrap", "--variant=minbase", f"--include={','.join(BASE_PACKAGES)}", "--components=main",
         SUITE, base, mirror], timeout=3600)
    _configure(base, mirror)
    (base / ".complete").write_text(f"{time.monotonic() - t0:.0f} s\n")
    log(f"base system built in {time.monotonic() - t0:.0f} s")
    return base


def _in_chroot(tree: Path, cmd: list[str], timeout: float = 1800) -> subprocess.CompletedProcess:
    mounts = []
    try:
        for fs, target, opts in (("proc", "proc", []), ("sysfs", "sys", []), ("devtmpfs", "dev", []),
                                 ("devpts", "dev/pts", ["-o", "gid=5,mode=620"])):
            run(["mount", "-t", fs, *opts, fs, tree / target])
            mounts.append(tree / target)
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive", "LANG": "C.UTF-8"}
        return run(["chroot", tree, *cmd], env=env, timeout=timeout)
    finally:
        for m in reversed(mounts):
            run(["umount", "-l", m], check=False)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)


def _configure(tree: Path, mirror: str) -> None:
    _write(tree / "etc/hostname", "kiosk-test\n")
    _write(tree / "etc/hosts", "127.0.0.1 localhost\n127.0.1.1 kiosk-test\n")
    _write(tree / "etc/fstab", "/dev/vda / ext4 errors=remount-ro 0 1\n")
    _write(tree / "etc/apt/sources.list", f"deb {mirror} {SUITE} main\ndeb {mirror} {SUITE}-updates main\n")
    # QEMU's user network: fixed address, its DNS proxy
    _write(tree / "etc/systemd/network/20-wired.network",
           "[Match]\nName=en* eth*\n\n[Network]\nAddress=10.0.2.15/24\nGateway=10.0.2.2\nDNS=10.0.2.3\n")
    (tree / "etc/resolv.conf").unlink(missing_ok=True)
    _write(tree / "etc/resolv.conf", "nameserver 10.0.2.3\n")
    _in_chroot(tree, ["sh", "-c", f"echo 'root:{ROOT_PASSWORD}' | chpasswd"])
    # nothing running by itself during a test (the machine is emulated and slow)
    _in_chroot(tree, ["systemctl", "enable", "systemd-networkd.service"])
    _in_chroot(tree, ["systemctl", "mask", "apt-daily.timer", "apt-daily-upgrade.timer", "e2scrub_all.timer",
                      "fstrim.timer", "systemd-networkd-wait-online.service"])
    _in_chroot(tree, ["apt-get", "update", "-q"], timeout=1800)
    (tree / ".complete").unlink(missing_ok=True)


def _personalise(tree: Path, image: Image) -> None:
    """root logs in over SSH with the image's own key (and on the console with ROOT_PASSWORD)."""
    _write(tree / "root/.ssh/authorized_keys", Path(str(image.key) + ".pub").read_text(), 0o600)
    (tree / "root/.ssh").chmod(0o700)


# -- the machine -----------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QMP:
    """QEMU's machine protocol over a unix socket: one command at a time."""

    def __init__(self, path: Path, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(str(path))
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        self.sock.settimeout(120)
        self.buffer = b""
        self._read()  # greeting
        self.command("qmp_capabilities")

    def _read(self) -> dict:
        while b"\n" not in self.buffer:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("QMP closed")
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def command(self, name: str, **arguments) -> Any:
        msg = {"execute": name, **({"arguments": arguments} if arguments else {})}
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self._read()
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError(f"QMP {name}: {reply['error']}")
            # an event ({"event": ...}): skip

    def close(self) -> None:
        self.sock.close()


KVM_VERDICT = "accel.json"


def choose_accel(work: Path, image: Image) -> str:
    """'kvm' when a stock Debian kernel boots under KVM here, else 'tcg' (remembered per host kernel)."""
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "tcg"
    verdict_file = work / KVM_VERDICT
    host = os.uname().release
    try:
        verdict = json.loads(verdict_file.read_text())
        if verdict.get("host") == host and verdict.get("kernel") == image.kernel.stat().st_size:
            return verdict["accel"]
    except (OSError, ValueError):
        pass
    log("checking whether KVM can boot a stock kernel here (up to 60 s)")
    probe = work / "kvm-probe.log"
    proc = subprocess.Popen(["qemu-system-x86_64", "-accel", "kvm", "-cpu", "host", "-m", "512", "-display", "none",
                             "-kernel", image.kernel, "-initrd", image.initrd, "-append", "console=ttyS0 panic=-1",
                             "-serial", f"file:{probe}", "-no-reboot"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    accel = "tcg"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            text = probe.read_text(errors="replace") if probe.exists() else ""
            if "Run /init" in text or "initramfs" in text.lower():
                accel = "kvm"
                break
            time.sleep(1)
    finally:
        proc.kill()
        proc.wait()
    verdict_file.write_text(json.dumps({"host": host, "kernel": image.kernel.stat().st_size, "accel": accel}))
    log(f"KVM {'works' if accel == 'kvm' else 'cannot boot a stock kernel here: TCG emulation'}")
    return accel


class Machine:
    """One running virtual machine on a copy-on-write overlay of an image."""

    def __init__(self, image: Image, work: Path, accel: str = "auto", memory_mb: int = 3072, cpus: int = 2) -> None:
        self.image = image
        self.work = work
        self.work.mkdir(parents=True, exist_ok=True)
        self.accel = choose_accel(work.parent, image) if accel == "auto" else accel
        self.memory_mb = memory_mb
        self.cpus = cpus
        self.overlay = work / "disk.qcow2"
        self.serial = work / "serial.log"
        self.qmp_path = work / "qmp.sock"
        self.proc: subprocess.Popen | None = None
        self.qmp: QMP | None = None
        self.port = 0
        self.started = 0.0

    # -- power -------------------------------------------------------------------------------
    def create_overlay(self) -> None:
        self.overlay.unlink(missing_ok=True)
        run(["qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", self.image.disk.resolve(), self.overlay])

    def start(self) -> None:
        if not self.overlay.exists():
            self.create_overlay()
        self.port = _free_port()
        self.qmp_path.unlink(missing_ok=True)
        accel = ["-accel", "kvm", "-cpu", "host"] if self.accel == "kvm" else \
            ["-accel", "tcg,thread=multi,tb-size=512", "-cpu", "max"]
        cmd = ["qemu-system-x86_64", "-machine", "q35", *accel, "-smp", str(self.cpus), "-m", str(self.memory_mb),
               "-kernel", self.image.kernel, "-initrd", self.image.initrd, "-append", KERNEL_ARGS,
               "-drive", f"file={self.overlay},if=virtio,format=qcow2,cache=unsafe,discard=unmap",
               # a screen without 3D (like a GPU-less machine), a keyboard and a touch-like absolute pointer
               "-vga", "none", "-device", "virtio-vga,xres=1920,yres=1080", "-display", "none",
               "-device", "qemu-xhci", "-device", "usb-kbd", "-device", "usb-tablet",
               "-netdev", f"user,id=n0,hostfwd=tcp:127.0.0.1:{self.port}-:22", "-device", "virtio-net-pci,netdev=n0",
               "-qmp", f"unix:{self.qmp_path},server=on,wait=off",
               "-serial", f"file:{self.serial}", "-monitor", "none"]
        self.started = time.monotonic()
        self.proc = subprocess.Popen([str(c) for c in cmd], stdout=open(self.work / "qemu.log", "w"),
                                     stderr=subprocess.STDOUT)
        self.qmp = QMP(self.qmp_path)
        log(f"booting ({self.accel}, {self.cpus} CPUs, {self.memory_mb} MB, ssh port {self.port})")

    def stop(self) -> None:
        if self.qmp is not None:
            try:
                self.qmp.command("quit")
            except (OSError, RuntimeError, ConnectionError):
                pass
            self.qmp.close()
            self.qmp = None
        if self.proc is not None:
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    # -- commands ----------------------------------------------------------------------------
    def _ssh_args(self) -> list[str]:
        return ["-i", str(self.image.key), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=15",
                "-o", "BatchMode=yes"]

    def ssh(self, command: str, timeout: float = 600, check: bool = True, input: str | None = None
            ) -> subprocess.CompletedProcess:
        cmd = ["ssh", *self._ssh_args(), "-p", str(self.port), "root@127.0.0.1", command]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, input=input)
        if check and done.returncode:
            raise AssertionError(f"in the machine: {command}\nexit {done.returncode}\n{done.stdout[-3000:]}"
                                 f"\n{done.stderr[-3000:]}")
        return done

    def out(self, command: str, timeout: float = 600) -> str:
        return self.ssh(command, timeout=timeout).stdout.strip()

    def copy_in(self, src: Path, dest: str, timeout: float = 900) -> None:
        run(["scp", *self._ssh_args(), "-P", str(self.port), src, f"root@127.0.0.1:{dest}"], timeout=timeout)

    def copy_out(self, src: str, dest: Path, timeout: float = 300) -> None:
        run(["scp", *self._ssh_args(), "-P", str(self.port), f"root@127.0.0.1:{src}", dest], timeout=timeout)

    def wait_ssh(self, timeout: float = 600) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise AssertionError(f"QEMU ended; see {self.serial}")
            try:
                if self.ssh("true", timeout=30, check=False).returncode == 0:
                    return time.monotonic() - self.started
            except subprocess.TimeoutExpired:
                pass
            time.sleep(2)
        raise AssertionError(f"no SSH within {timeout:.0f} s; see {self.serial}")

    def reboot(self) -> None:
        """Reboot from inside (as an installer would) and wait until QEMU has reset the machine."""
        self.ssh("systemctl reboot", check=False, timeout=30)
        self.started = time.monotonic()
        # the old SSH server goes away first
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if self.ssh("true", timeout=10, check=False).returncode != 0:
                    break
            except subprocess.TimeoutExpired:
                break
            time.sleep(1)

    def wait_for(self, command: str, timeout: float, interval: float = 2.0, what: str = "") -> str:
        """Run *command* until it exits 0; return its output."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.ssh(command, timeout=60, check=False)
                if last.returncode == 0:
                    return last.stdout.strip()
            except subprocess.TimeoutExpired:
                pass
            time.sleep(interval)
        detail = f"{last.stdout[-1500:]}{last.stderr[-1500:]}" if last else ""
        raise AssertionError(f"{what or command}: not within {timeout:.0f} s\n{detail}")

    # -- screen and input --------------------------------------------------------------------
    def screendump(self, path: Path):
        """The screen as a PIL image (QMP screendump writes a PPM)."""
        from PIL import Image as PILImage

        ppm = path.with_suffix(".ppm")
        assert self.qmp is not None
        self.qmp.command("screendump", filename=str(ppm))
        with PILImage.open(ppm) as img:
            rgb = img.convert("RGB")
        ppm.unlink(missing_ok=True)
        if path.suffix == ".png":
            rgb.save(path)
        return rgb

    def keys(self, *names: str, hold_ms: int = 200) -> None:
        """Press keys together, e.g. keys('ctrl', 'alt', 'f2') (QEMU qcodes)."""
        assert self.qmp is not None
        self.qmp.command("send-key", keys=[{"type": "qcode", "data": n} for n in names], **{"hold-time": hold_ms})

    def type_text(self, text: str) -> None:
        names = {" ": "spc", "\n": "ret", "-": "minus", ".": "dot", "/": "slash"}
        for ch in text:
            if ch.isupper():
                self.keys("shift", ch.lower(), hold_ms=60)
            else:
                self.keys(names.get(ch, ch), hold_ms=60)
            time.sleep(0.05)

    def tap(self, x: float, y: float, size: tuple[int, int] = (1920, 1080)) -> None:
        """Press and release the tablet at pixel (x, y) of the screen."""
        assert self.qmp is not None
        ax, ay = int(x * 0x7FFF / (size[0] - 1)), int(y * 0x7FFF / (size[1] - 1))
        move = [{"type": "abs", "data": {"axis": "x", "value": ax}},
                {"type": "abs", "data": {"axis": "y", "value": ay}}]
        self.qmp.command("input-send-event", events=move)
        time.sleep(0.1)
        self.qmp.command("input-send-event", events=[{"type": "btn", "data": {"down": True, "button": "left"}}])
        time.sleep(0.12)
        self.qmp.command("input-send-event", events=[{"type": "btn", "data": {"down": False, "button": "left"}}])


def quote(text: str) -> str:
    return shlex.quote(text)


def scratch(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
