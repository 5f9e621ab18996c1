"""The kiosk as it is shipped: the PyInstaller bundle, the Debian package and the tarball.

Builds with ``python packaging/build.py --reuse`` (nothing is rebuilt when dist/ is up to date with
the sources) and checks:

- the bundle runs with no Python on PATH and opens no file of the build machine's Python;
  it validates the sample and renders every route in every language, with QtMultimedia working;
- the .deb's files, permissions, control fields and maintainer scripts; the unit passes
  ``systemd-analyze verify``; lintian reports no error;
- an upgrade from an older .deb keeps the museum's edited content, settings and staff PIN
  (dpkg installs into a scratch root, running the real maintainer scripts with DPKG_ROOT);
  remove and purge keep the content unless KIOSK_PURGE_CONTENT=1;
- the tarball's install.sh installs, upgrades without overwriting, and uninstalls;
- the bundle runs inside headless cage as an unprivileged user: systemd's READY=1 and WATCHDOG=1
  arrive through cage, a grim screenshot shows the exhibit, and the unit's ExecStop ends it cleanly.

Programs they need (Debian packages): dpkg-dev, lintian, systemd, cage, xwayland, grim, binutils,
strace, util-linux. As root with apt-get they are installed when missing; otherwise the tests fail
and say what to install.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.core.content.routes import all_routes

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
BUILD = REPO / "packaging" / "build.py"
NOBODY = 65534

# program -> Debian package
TOOLS = {
    "dpkg-deb": "dpkg", "dpkg": "dpkg", "lintian": "lintian", "systemd-analyze": "systemd",
    "cage": "cage", "Xwayland": "xwayland", "grim": "grim", "readelf": "binutils", "strip": "binutils",
    "strace": "strace", "setpriv": "util-linux", "useradd": "passwd",
}
# Warnings the bundle may print on a machine without a sound server or a UTF-8 locale; any other
# warning from Qt or QML fails the render test.
HARMLESS = re.compile(
    r"pipewire|PulseAudio|pa_context_connect|locale|UTF-8|C\.UTF-8|reconfigure your locale|"
    r"No audio device|qt\.multimedia")


def _run(cmd, timeout: float = 300, check: bool = True, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    done = subprocess.run([str(c) for c in cmd], timeout=timeout, **kw)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {done.returncode}\n"
                             f"--- stdout\n{(done.stdout or '')[-4000:]}\n--- stderr\n{(done.stderr or '')[-4000:]}")
    return done


def _clean_env(**extra: str) -> dict[str, str]:
    """An environment like a kiosk machine's: no Python, no virtualenv, no test settings."""
    env = {"HOME": extra.pop("HOME", "/nonexistent"), "LANG": "C.UTF-8", "PATH": extra.pop("PATH", "/usr/bin:/bin")}
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def tools() -> None:
    missing = {exe: pkg for exe, pkg in TOOLS.items() if shutil.which(exe) is None
               and not Path("/usr/sbin", exe).exists() and not Path("/sbin", exe).exists()}
    if not missing:
        return
    packages = sorted(set(missing.values()))
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        _run(["apt-get", "update", "-q"], timeout=600, env=env)
        _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages], timeout=900, env=env)
        return
    pytest.fail("the packaging tests need: " + ", ".join(f"{e} ({p})" for e, p in missing.items())
                + f"\n  apt-get install {' '.join(packages)}", pytrace=False)


@pytest.fixture(scope="session")
def dist(tools) -> dict:
    """Build (or reuse) dist/: the bundle, the .deb and the tarball."""
    t0 = time.monotonic()
    _run([sys.executable, BUILD, "--reuse"], timeout=1800, capture_output=False)
    report = json.loads((DIST / "build-report.json").read_text(encoding="utf-8"))
    report["build_seconds"] = round(time.monotonic() - t0, 1)
    print(f"\npackaging: bundle {report['bundle_bytes'] / 1e6:.0f} MB, {report['deb']} "
          f"{report['deb_bytes'] / 1e6:.0f} MB, {report['tarball']} {report['tarball_bytes'] / 1e6:.0f} MB "
          f"(build step {report['build_seconds']:.0f} s)")
    return report


@pytest.fixture(scope="session")
def bundle(dist) -> Path:
    return DIST / dist["bundle"]


@pytest.fixture(scope="session")
def deb(dist) -> Path:
    return DIST / dist["deb"]


@pytest.fixture(scope="session")
def public_tmp():
    """A folder the unprivileged user of the cage test can read (pytest's tmp_path is 0700)."""
    path = Path(tempfile.mkdtemp(prefix="kiosk-packaging-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def deb_tree(deb, public_tmp) -> Path:
    tree = public_tmp / "deb-tree"
    _run(["dpkg", "-x", deb, tree])
    tree.chmod(0o755)
    return tree


def _sample_routes() -> tuple[list[str], list[str]]:
    sys.path.insert(0, str(REPO))
    from kiosk.core.content.loader import load_content

    content = load_content(REPO / "content").content
    return all_routes(content), list(content.exhibit.languages)


# -- the bundle -------------------------------------------------------------------------------------

def test_the_bundle_leaves_out_unused_qt_modules_and_keeps_multimedia(bundle, dist):
    internal = bundle / "_internal"
    names = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    unused = re.compile(r"WebEngine|Qt3D|Quick3D|QtCharts|DataVisualization|QtPdf|libQt6Pdf|QtDesigner|"
                        r"Bluetooth|QtNfc|Positioning|QtLocation|QtSensors|SerialPort|WebSockets|"
                        r"libQt6Sql|qml/QtQuick/Controls/Material|translations/")
    assert not [n for n in names if unused.search(n)][:10]
    for needed in ("PySide6/Qt/qml/QtQuick/Controls/Basic", "PySide6/Qt/qml/QtQuick/Layouts",
                   "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                   "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqeglfs.so",
                   "PySide6/Qt/plugins/generic/libqevdevtouchplugin.so",
                   "kiosk/qml/Kiosk/qmldir", "kiosk/_content/exhibit.yaml", "kiosk/_assets/fonts"):
        assert (internal / needed).exists(), needed
    import importlib.util

    if importlib.util.find_spec("PySide6.QtMultimedia") is not None:  # PySide6-Addons in the build
        assert (internal / "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so").is_file()
        assert (internal / "PySide6/Qt/qml/QtMultimedia/qmldir").is_file()
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    # the size is measured and kept in the report (docs/deploying.md quotes it)
    assert 50e6 < dist["bundle_bytes"] < 400e6
    info = json.loads((bundle / "BUILD-INFO.json").read_text(encoding="utf-8"))
    assert info["version"] and re.fullmatch(r"[0-9a-f]{12}", info["sample_content_revision"])


def test_the_bundle_runs_without_python_and_opens_nothing_of_the_build_python(bundle, public_tmp):
    empty_bin = public_tmp / "bin-without-python"
    empty_bin.mkdir(exist_ok=True)
    env = _clean_env(PATH=str(empty_bin), QT_QPA_PLATFORM="offscreen", HOME=str(public_tmp))
    assert shutil.which("python3", path=env["PATH"]) is None and shutil.which("python", path=env["PATH"]) is None

    version = _run([bundle / "kiosk", "--version"], env=env, timeout=60)
    assert re.fullmatch(r"kiosk \S+\n", version.stdout)

    trace = public_tmp / "validate.strace"
    validate = _run([shutil.which("strace"), "-f", "-qq", "-e", "trace=openat,open,execve", "-o", trace,
                     bundle / "kiosk", "validate", "--strict"], env=env, timeout=120)
    assert "no problems found" in validate.stdout
    build_python = {str(Path(sys.base_prefix).resolve()), str(Path(sys.prefix).resolve()), "/usr/lib/python3"}
    opened = re.findall(r'(?:openat|open|execve)\((?:AT_FDCWD, )?"([^"]+)"', trace.read_text())
    assert opened, "strace saw no file being opened"
    leaked = sorted({p for p in opened if any(p.startswith(b + "/") for b in build_python)})
    assert not leaked, f"the bundle opened files of the build machine's Python: {leaked[:10]}"


def test_the_bundle_validates_and_renders_every_route_offscreen(bundle, public_tmp):
    routes, languages = _sample_routes()
    out = public_tmp / "render"
    env = _clean_env(PATH=str(public_tmp / "bin-without-python"), QT_QPA_PLATFORM="offscreen",
                     HOME=str(public_tmp), KIOSK_CACHE_DIR=str(public_tmp / "cache"))
    done = _run([bundle / "kiosk", "render", "--out", out], env=env, timeout=600)
    expected = {route.replace("/", "__") + f".{lang}.png" for route in routes for lang in languages}
    assert {p.name for p in out.glob("*.png")} == expected
    assert f"{len(expected)} pages rendered" in done.stdout
    problems = [line for line in done.stderr.splitlines()
                if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line) and not HARMLESS.search(line)]
    assert not problems, "the bundle's render printed warnings:\n" + "\n".join(problems[:20])

    from PIL import Image, ImageStat

    for png in sorted(out.glob("*.png")):
        with Image.open(png) as img:
            rgb = img.convert("RGB")
            assert rgb.size == (1920, 1080), png.name
            assert max(ImageStat.Stat(rgb).stddev) > 8, f"{png.name} is blank"


def test_the_staff_proof_sheet_and_bench_helpers_run_in_the_bundle(bundle, public_tmp):
    """The kiosk starts itself as `sys.executable -m kiosk render` (proof sheet) and
    `-m kiosk.bench.measure` (kiosk bench): in the bundle sys.executable is the kiosk itself."""
    out = public_tmp / "proof"
    env = _clean_env(QT_QPA_PLATFORM="offscreen", HOME=str(public_tmp), KIOSK_CACHE_DIR=str(public_tmp / "cache"))
    _run([bundle / "kiosk", "-m", "kiosk", "render", "--route", "home", "--lang", "en", "--size", "1080x1920",
          "--out", out], env=env, timeout=120)
    assert (out / "home.en.png").is_file()
    probe = _run([bundle / "kiosk", "-m", "kiosk.bench.measure", "--first-frame", bundle / "_internal/kiosk/_content",
                  "800x600"], env=env, timeout=120)
    assert "KIOSK-BENCH-FIRST-FRAME" in probe.stdout
    refused = _run([bundle / "kiosk", "-m", "os"], env=env, timeout=60, check=False)
    assert refused.returncode == 2 and "only kiosk" in refused.stderr


# -- the Debian package -----------------------------------------------------------------------------

def _control(deb: Path) -> dict[str, str]:
    text = _run(["dpkg-deb", "--field", deb]).stdout
    fields, key = {}, None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def _unit(path: Path) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            k, v = line.split("=", 1)
            keys.setdefault(k.strip(), []).append(v.strip())
    return keys


def test_the_deb_has_the_right_files_permissions_and_fields(deb, deb_tree, dist):
    version = dist["package_version"]
    assert deb.name == f"kiosk_{version}_amd64.deb"
    control = _control(deb)
    assert control["Package"] == "kiosk" and control["Version"] == version and control["Architecture"] == "amd64"
    depends = {d.strip().split(" ")[0] for d in control["Depends"].split(",")}
    for pkg in ("cage", "xwayland", "libgl1", "libegl1", "fonts-noto-core", "libpulse0", "libxkbcommon0",
                "libc6", "libwayland-client0", "passwd"):
        assert pkg in depends, pkg

    listing = _run(["dpkg-deb", "--contents", deb]).stdout.splitlines()
    assert listing and all(" root/root " in line for line in listing), "every file belongs to root"
    modes = {line.split()[-1].lstrip("."): line.split()[0] for line in listing if " -> " not in line}
    assert modes["/opt/kiosk/kiosk"] == "-rwxr-xr-x"
    assert modes["/usr/bin/kiosk"] == "-rwxr-xr-x"
    assert modes["/etc/kiosk/kiosk.env"] == "-rw-r--r--"
    assert modes["/lib/systemd/system/kiosk.service"] == "-rw-r--r--"
    assert not [f for f, m in modes.items() if m[5] == "w" or m[8] == "w"], "nothing group- or world-writable"
    assert not [f for f in modes if f.startswith(("/var/", "/home/"))], "content is made by postinst, not shipped"

    for rel in ("usr/share/doc/kiosk/copyright", "usr/share/doc/kiosk/changelog.gz",
                "usr/share/man/man1/kiosk.1.gz", "usr/share/lintian/overrides/kiosk",
                "opt/kiosk/_internal/kiosk/_content/exhibit.yaml", "opt/kiosk/VERSION"):
        assert (deb_tree / rel).is_file(), rel
    assert (deb_tree / "opt/kiosk/VERSION").read_text().strip() == version
    sample = {p.relative_to(REPO / "content").as_posix() for p in (REPO / "content").rglob("*") if p.is_file()}
    shipped = {p.relative_to(deb_tree / "opt/kiosk/_internal/kiosk/_content").as_posix()
               for p in (deb_tree / "opt/kiosk/_internal/kiosk/_content").rglob("*") if p.is_file()}
    assert shipped == sample

    with tempfile.TemporaryDirectory() as ctrl:
        _run(["dpkg-deb", "--control", deb, ctrl])
        ctrl = Path(ctrl)
        assert (ctrl / "conffiles").read_text().split() == ["/etc/kiosk/kiosk.env"]
        for script in ("postinst", "prerm", "postrm"):
            mode = (ctrl / script).stat().st_mode
            assert mode & stat.S_IXUSR and (ctrl / script).read_text().startswith("#!/bin/sh")
            _run(["sh", "-n", ctrl / script])
        postinst = (ctrl / "postinst").read_text()
        assert "@COMMON@" not in postinst and "useradd" in postinst and "deb-systemd-helper enable" in postinst
        assert "KIOSK_PURGE_CONTENT" in (ctrl / "postrm").read_text()

    env = (deb_tree / "etc/kiosk/kiosk.env").read_text()
    assert "KIOSK_CONTENT=/var/lib/kiosk/content" in env and "KIOSK_CONFIG_DIR=/etc/kiosk" in env
    unit = _unit(deb_tree / "lib/systemd/system/kiosk.service")
    expected = {"Type": "notify", "NotifyAccess": "all", "Restart": "always", "StartLimitIntervalSec": "0",
                "Conflicts": "getty@tty1.service", "User": "kiosk", "Wants": "seatd.service",
                "EnvironmentFile": "/etc/kiosk/kiosk.env", "WantedBy": "graphical.target",
                "ExecStart": "/usr/libexec/kiosk/kiosk-session"}
    for key, value in expected.items():
        assert value in unit.get(key, []), (key, unit.get(key))
    assert "PAMName" not in unit, "a logind session moves the kiosk out of the service (tests/deploy)"
    assert int(unit["WatchdogSec"][0]) > 10, "the kiosk pings every 10 s: the watchdog must allow more"
    assert int(unit["RestartSec"][0]) >= 1
    session = deb_tree / "usr/libexec/kiosk/kiosk-session"
    assert session.stat().st_mode & stat.S_IXOTH
    assert session.read_text() == (REPO / "packaging/linux/kiosk-session").read_text()
    assert "KIOSK_STATE_DIR=/var/log/kiosk" in env and "KIOSK_RENDERER=auto" in env and "XDG_STATE_HOME" not in env
    depends = _control(deb)["Depends"]
    assert "seatd" in depends and "fontconfig" in depends


def test_systemd_analyze_verify_accepts_the_unit(deb_tree, public_tmp):
    # systemd is not PID 1 here; `verify` still loads the unit, checks every key and the programs
    folder = public_tmp / "unit"
    folder.mkdir(exist_ok=True)
    # (verify checks that the programs exist: kiosk-session is taken from the package's tree)
    unit = (deb_tree / "lib/systemd/system/kiosk.service").read_text(encoding="utf-8")
    (folder / "kiosk.service").write_text(unit.replace("/usr/libexec/kiosk/", f"{deb_tree}/usr/libexec/kiosk/"))
    done = _run(["systemd-analyze", "verify", folder / "kiosk.service"], check=False, timeout=120, cwd=folder)
    about_us = [line for line in (done.stdout + done.stderr).splitlines() if "kiosk.service" in line]
    assert done.returncode == 0 and not about_us, done.stdout + done.stderr


def test_lintian_reports_no_errors(deb):
    done = _run(["lintian", "--fail-on", "error", "--tag-display-limit", "0", deb], check=False, timeout=600)
    errors = [line for line in done.stdout.splitlines() if line.startswith("E:")]
    assert done.returncode == 0 and not errors, done.stdout[-5000:] + done.stderr[-2000:]


# -- install, upgrade, remove, purge in a scratch root ---------------------------------------------

def _scratch_root(path: Path) -> Path:
    """A system tree dpkg can install into: its own dpkg database and user database."""
    for d in ("etc", "var/lib/dpkg/updates", "var/lib/dpkg/info", "usr/sbin"):
        (path / d).mkdir(parents=True, exist_ok=True)
    (path / "var/lib/dpkg/status").touch()
    for f in ("passwd", "group", "shadow", "gshadow", "login.defs"):
        if Path("/etc", f).exists():
            shutil.copy2(Path("/etc", f), path / "etc" / f)
    (path / "usr/sbin/nologin").symlink_to("/bin/false")
    return path


def _dpkg(root: Path, *args, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for name in ("DPKG_ROOT", "KIOSK_PURGE_CONTENT"):
        env.pop(name, None)
    env.update(env_extra or {})
    return _run(["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends", "--log=/dev/null",
                 *args], env=env, timeout=300)


def _passwd_entry(root: Path, name: str) -> list[str] | None:
    for line in (root / "etc/passwd").read_text().splitlines():
        if line.split(":")[0] == name:
            return line.split(":")
    return None


def _members(root: Path, group: str) -> list[str]:
    for line in (root / "etc/group").read_text().splitlines():
        parts = line.split(":")
        if parts[0] == group:
            return [m for m in parts[3].split(",") if m]
    return []


def test_an_upgrade_keeps_edited_content_settings_and_pin(deb, bundle, dist, tmp_path):
    old_dir = tmp_path / "old"
    _run([sys.executable, BUILD, "--only", "deb", "--deb-version", f"{dist['package_version']}~old1", "--fast",
          "--bundle", bundle, "--out", old_dir], timeout=600)
    old_deb = next(old_dir.glob("kiosk_*~old1_amd64.deb"))
    root = _scratch_root(tmp_path / "root")

    first = _dpkg(root, "-i", old_deb)
    assert "installed the sample exhibit" in first.stdout
    user = _passwd_entry(root, "kiosk")
    assert user and user[5] == "/var/lib/kiosk" and int(user[2]) < 1000
    uid, gid = int(user[2]), int(user[3])
    assert "kiosk" in _members(root, "video")
    content = root / "var/lib/kiosk/content"
    assert (content / "exhibit.yaml").is_file() and content.stat().st_uid == uid
    etc = root / "etc/kiosk"
    assert etc.stat().st_gid == gid and stat.S_IMODE(etc.stat().st_mode) == 0o2775
    assert (root / "var/log/kiosk").stat().st_uid == uid
    assert (root / "etc/systemd/system/graphical.target.wants/kiosk.service").is_symlink()
    assert (root / "opt/kiosk/VERSION").read_text().strip().endswith("~old1")

    # The museum edits its exhibit and the settings, and sets the staff PIN.
    exhibit = content / "exhibit.yaml"
    exhibit.write_text(exhibit.read_text(encoding="utf-8") + "# the museum's own edit\n", encoding="utf-8")
    (content / "witnesses" / "added-by-the-museum.yaml").write_text("# new\n", encoding="utf-8")
    next((content / "quizzes").glob("*.yaml")).unlink()
    env_file = etc / "kiosk.env"
    env_file.write_text(env_file.read_text().replace("KIOSK_RUN_ARGS=\n", "KIOSK_RUN_ARGS=--lang en\n"))
    _run([bundle / "kiosk", "set-pin"], input="4826\n", env=_clean_env(KIOSK_CONFIG_DIR=str(etc)), timeout=60)
    pin = (etc / "settings.json").read_text()
    edited = {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()}

    upgrade = _dpkg(root, "-i", deb)
    assert "installed the sample exhibit" not in upgrade.stdout
    assert (root / "opt/kiosk/VERSION").read_text().strip() == dist["package_version"]
    assert {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()} == edited
    assert "KIOSK_RUN_ARGS=--lang en" in env_file.read_text()
    assert (etc / "settings.json").read_text() == pin
    assert (etc / "settings.json").stat().st_uid == uid, "the PIN file belongs to the kiosk user after the upgrade"
    assert stat.S_IMODE((etc / "settings.json").stat().st_mode) == 0o600
    status = (root / "var/lib/dpkg/status").read_text()
    assert f"Version: {dist['package_version']}\n" in status and "/etc/kiosk/kiosk.env " in status

    # remove: the program goes, everything of the museum stays, the unit is masked
    _dpkg(root, "-r", "kiosk")
    assert not (root / "opt/kiosk").exists()
    assert exhibit.read_text(encoding="utf-8").endswith("# the museum's own edit\n")
    assert (etc / "settings.json").exists() and env_file.exists()
    assert os.readlink(root / "etc/systemd/system/kiosk.service") == "/dev/null"

    # purge: settings, PIN, log go; the exhibit, the statistics and the user stay
    purge = _dpkg(root, "--purge", "kiosk")
    assert "kept the exhibit" in purge.stdout
    assert not etc.exists() and not (root / "var/log/kiosk").exists()
    assert not (root / "etc/systemd/system/kiosk.service").exists()
    assert exhibit.read_text(encoding="utf-8").endswith("# the museum's own edit\n")
    assert _passwd_entry(root, "kiosk")

    # installing again never puts the sample over the museum's content
    again = _dpkg(root, "-i", deb)
    assert "installed the sample exhibit" not in again.stdout
    assert exhibit.read_text(encoding="utf-8").endswith("# the museum's own edit\n")

    # KIOSK_PURGE_CONTENT=1 removes everything, the user too
    _dpkg(root, "--purge", "kiosk", env_extra={"KIOSK_PURGE_CONTENT": "1"})
    assert not (root / "var/lib/kiosk").exists() and not (root / "opt/kiosk").exists()
    assert _passwd_entry(root, "kiosk") is None and "kiosk" not in _members(root, "video")


def test_the_kiosk_command_reads_the_service_settings(deb_tree, tmp_path):
    """/usr/bin/kiosk takes KIOSK_CONTENT etc. from /etc/kiosk/kiosk.env; the environment wins."""
    env_file = tmp_path / "kiosk.env"
    env_file.write_text("# comment\nKIOSK_CONTENT=/srv/exhibit\nKIOSK_STATE_DIR=/var/log/kiosk\n"
                        "KIOSK_RUN_ARGS=--lang en\nLD_PRELOAD=/evil.so\n")
    fake = tmp_path / "fake-kiosk"
    fake.write_text('#!/bin/sh\necho "CONTENT=$KIOSK_CONTENT STATE=$KIOSK_STATE_DIR PRELOAD=${LD_PRELOAD:-} ARGS=$*"\n')
    fake.chmod(0o755)
    wrapper = tmp_path / "kiosk"
    wrapper.write_text((deb_tree / "usr/bin/kiosk").read_text()
                       .replace("/etc/kiosk/kiosk.env", str(env_file)).replace("/opt/kiosk/kiosk", str(fake)))
    wrapper.chmod(0o755)
    out = _run([wrapper, "status", "--json"], env=_clean_env()).stdout
    assert out.strip() == "CONTENT=/srv/exhibit STATE=/var/log/kiosk PRELOAD= ARGS=status --json"
    out = _run([wrapper, "validate"], env=_clean_env(KIOSK_CONTENT="/mine")).stdout
    assert out.startswith("CONTENT=/mine ")


# -- the tarball ------------------------------------------------------------------------------------

def test_the_tarball_installs_upgrades_and_uninstalls(dist, tmp_path):
    with tarfile.open(DIST / dist["tarball"]) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = list((tmp_path / "unpacked").iterdir())
    assert (top / "install.sh").stat().st_mode & stat.S_IXUSR and (top / "kiosk/kiosk").is_file()
    root = _scratch_root(tmp_path / "root")

    first = _run(["sh", top / "install.sh", "--root", root], timeout=300)
    assert "installed the sample exhibit" in first.stdout
    assert (root / "opt/kiosk/kiosk").stat().st_mode & stat.S_IXOTH
    assert (root / "usr/local/bin/kiosk").is_file() and (root / "etc/kiosk/kiosk.env").is_file()
    assert (root / "etc/systemd/system/kiosk.service").is_file()
    assert ("ExecStart=/usr/local/libexec/kiosk/kiosk-session\n"
            in (root / "etc/systemd/system/kiosk.service").read_text())
    assert (root / "usr/local/libexec/kiosk/kiosk-session").stat().st_mode & stat.S_IXOTH
    if shutil.which("systemctl"):
        assert (root / "etc/systemd/system/graphical.target.wants/kiosk.service").is_symlink()
    exhibit = root / "var/lib/kiosk/content/exhibit.yaml"
    exhibit.write_text(exhibit.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    env_file = root / "etc/kiosk/kiosk.env"
    env_file.write_text(env_file.read_text() + "KIOSK_EXTRA=1\n")

    second = _run(["sh", top / "install.sh", "--root", root], timeout=300)
    assert "installed the sample exhibit" not in second.stdout and "kiosk.env.new" not in second.stdout
    assert exhibit.read_text(encoding="utf-8").endswith("# edited\n")
    assert env_file.read_text().endswith("KIOSK_EXTRA=1\n")
    assert not (root / "opt/kiosk.old").exists() and not (root / "opt/kiosk.new").exists()

    _run(["sh", top / "install.sh", "--root", root, "--uninstall"], timeout=300)
    assert not (root / "opt/kiosk").exists() and not (root / "etc/systemd/system/kiosk.service").exists()
    assert not (root / "usr/local/libexec/kiosk").exists()
    assert exhibit.is_file() and env_file.is_file()


# -- the bundle in cage, as on a kiosk machine -----------------------------------------------------

class _Notify:
    """A stand-in for systemd's notification socket: collects READY=1, WATCHDOG=1 ..."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "notify.sock"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(self.path))
        self.path.chmod(0o777)
        self.messages: list[tuple[float, str]] = []

    def wait_for(self, text: str, count: int = 1, timeout: float = 60.0) -> list[float]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = [t for t, m in self.messages if text in m.split("\n")]
            if len(seen) >= count:
                return seen
            self.sock.settimeout(max(0.05, min(1.0, deadline - time.monotonic())))
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            self.messages.append((time.monotonic(), data.decode(errors="replace")))
        raise AssertionError(f"no {count} x {text!r} within {timeout:.0f} s; got {self.messages}")

    def close(self) -> None:
        self.sock.close()


def _as_nobody(cmd, env) -> list[str]:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "env", "-i",
            *[f"{k}={v}" for k, v in env.items()], *map(str, cmd)]


def _exec_stop(unit: Path) -> str:
    """The unit's ExecStop command line as the shell sees it ($$ is systemd's escape for $)."""
    line = _unit(unit)["ExecStop"][0]
    m = re.fullmatch(r"/bin/sh -c '(.*)'", line)
    assert m, line
    return m.group(1).replace("$$", "$")


def test_the_bundle_runs_in_headless_cage_as_an_unprivileged_user(deb_tree, public_tmp):
    home = public_tmp / "cage-home"
    runtime = public_tmp / "cage-runtime"
    for d, mode in ((home, 0o755), (runtime, 0o700)):
        d.mkdir(exist_ok=True)
        os.chown(d, NOBODY, NOBODY)
        d.chmod(mode)
    notify = _Notify(home)
    state = home / "state"
    env = _clean_env(
        HOME=str(home), XDG_RUNTIME_DIR=str(runtime), NOTIFY_SOCKET=str(notify.path),
        # as systemd sets them for a Type=notify unit with WatchdogSec=30 (cage is the main process)
        WATCHDOG_USEC="30000000",
        WLR_BACKENDS="headless", WLR_RENDERER="pixman", WLR_LIBINPUT_NO_DEVICES="1",
        QT_QPA_PLATFORM="wayland", QT_WAYLAND_DISABLE_WINDOWDECORATION="1",
        KIOSK_STATE_DIR=str(state / "kiosk"), KIOSK_DATA_DIR=str(home / "data"), KIOSK_CACHE_DIR=str(home / "cache"),
        KIOSK_CONFIG_DIR=str(home / "config"),
        # through kiosk-session, as the service starts it: it runs the bundle's GPU probe (no DRM
        # device here: software), then becomes cage. cage 0.1.4's headless output shows only its
        # first frame unless rotated: -r -r (180 degrees)
        KIOSK_PROGRAM=str(deb_tree / "opt/kiosk/kiosk"), KIOSK_CAGE=shutil.which("cage"),
        KIOSK_CAGE_ARGS="-d -r -r", SEATD_SOCK=str(home / "seatd.sock"),
    )
    seat = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # (headless cage needs no seat)
    seat.bind(str(home / "seatd.sock"))
    seat.close()
    log = open(home / "cage.log", "w")
    cage = subprocess.Popen(_as_nobody(["sh", deb_tree / "usr/libexec/kiosk/kiosk-session"], env), stdout=log,
                            stderr=subprocess.STDOUT)
    kiosk_pid = None
    try:
        ready = notify.wait_for("READY=1", timeout=90)
        beats = notify.wait_for("WATCHDOG=1", count=2, timeout=25)
        assert beats[1] - beats[0] < 15, "WATCHDOG=1 must come well within WatchdogSec=30"
        status = json.loads((state / "kiosk" / "status.json").read_text(encoding="utf-8"))
        kiosk_pid = status["pid"]
        assert status["state"] == "running" and status["content_errors"] == 0
        assert ready[0] <= beats[0]
        time.sleep(1.5)

        shot = home / "screen.png"
        _run(_as_nobody(["grim", shot], _clean_env(XDG_RUNTIME_DIR=str(runtime), WAYLAND_DISPLAY="wayland-0")),
             timeout=60)
        from PIL import Image, ImageStat

        with Image.open(shot) as img:
            rgb = img.convert("RGB")
            colours = rgb.getcolors(maxcolors=1 << 20) or []
            assert rgb.size[0] >= 640 and rgb.size[1] >= 480
            assert len(colours) > 100 and max(ImageStat.Stat(rgb).stddev) > 20, "the screen is blank"
        shutil.copy(shot, Path(tempfile.gettempdir()) / "kiosk-in-cage.png")  # for a human to look at

        # systemctl stop: the unit's ExecStop, as the kiosk user, with $MAINPID = cage
        stop = _run(_as_nobody(["sh", "-c", _exec_stop(deb_tree / "lib/systemd/system/kiosk.service")],
                               _clean_env(MAINPID=str(cage.pid))), timeout=30)
        assert stop.returncode == 0
        assert cage.wait(timeout=20) == 0, "cage leaves cleanly once the kiosk has gone"
        status = json.loads((state / "kiosk" / "status.json").read_text(encoding="utf-8"))
        assert status["state"] == "stopped"
        said = (home / "cage.log").read_text(errors="replace")
        assert "kiosk-session: renderer: software" in said and "no DRM display device" in said, said[-3000:]
    finally:
        if cage.poll() is None:
            cage.kill()
            cage.wait(10)
        if kiosk_pid:
            try:
                os.kill(kiosk_pid, 9)
            except ProcessLookupError:
                pass
        log.close()
        notify.close()
