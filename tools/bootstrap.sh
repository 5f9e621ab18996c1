# Set-up shared by ./run and ./test (POSIX sh, sourced; ROOT is the checkout).
#
#   bootstrap run    what the kiosk needs to show a window
#   bootstrap test   that, plus what the tests and checks need
#
# It installs only what is missing, so a second call takes about a second:
#   1. Debian/Ubuntu packages, with apt-get (through sudo when not root);
#   2. a virtual environment in $KIOSK_VENV (default: .venv in the checkout), made with python3;
#   3. the kiosk into it, editable (`pip install -e .`, or ".[test]"): the checkout is what runs.
# Remove everything it made with `rm -rf .venv` (and the Debian packages with apt-get, if wanted).

KIOSK_VENV=${KIOSK_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}

# What Qt's X11 (xcb) and Wayland platform plugins, Qt Quick (OpenGL), QtMultimedia (PulseAudio),
# QtNetwork (Kerberos, which QtQml links) and the kiosk's fonts need from the system: the PySide6 wheels
# carry Qt itself, not these. A minimal Debian 12 lacks libgl1 and libxcb-shape0 among them (issue 18), a
# minimal Ubuntu 24.04 libgssapi-krb5-2 too; python3-venv gives `python3 -m venv`.
KIOSK_RUN_DEBS="python3-venv
    libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libpulse0 libgssapi-krb5-2
    libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
    libwayland-client0 libwayland-cursor0 libwayland-egl1"

# What the tests add: a real X screen, a window manager and tools to inspect and screenshot it (the
# end-to-end tests), system fonts for Qt's fallback, ffmpeg for the playback tests' recordings, and a
# screen reader's view (AT-SPI), walked with Debian's own python3; systemd-analyze (verify and security
# of the shipped kiosk.service) and strace (the kiosk writes only in the folders its package owns).
KIOSK_TEST_DEBS="xvfb xauth xdotool x11-utils x11-xserver-utils imagemagick matchbox-window-manager
    fonts-noto-core ffmpeg
    python3 at-spi2-core dbus python3-gi gir1.2-atspi-2.0
    systemd strace"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The packages of "$@" that are not installed (a t64-renamed library of Ubuntu 24.04 counts as installed).
_missing_debs() {
    installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' 2>/dev/null | awk '$1 == "ii" {print $2}')
    for pkg in "$@"; do
        printf '%s\n' "$installed" | grep -qxF -e "$pkg" -e "${pkg}t64" || printf '%s ' "$pkg"
    done
}

_apt() {
    if [ "$(id -u)" -eq 0 ]; then
        env DEBIAN_FRONTEND=noninteractive apt-get "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@"
    else
        die "not root and no sudo: as root, run: apt-get install $*"
    fi
}

_debs() {
    # shellcheck disable=SC2086  # the lists are words
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        say "note: not a Debian or Ubuntu system: install your distribution's packages for these yourself:"
        say "      $(echo $1)"
        return 0
    fi
    missing=$(_missing_debs $1)
    [ -z "$missing" ] && return 0
    say "Installing the Debian packages that are missing: $missing"
    _apt update -q || die "apt-get update failed"
    # shellcheck disable=SC2086
    _apt install -y -q --no-install-recommends $missing || die "apt-get install failed"
}

_python_ok() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

_venv() {
    if [ -x "$KIOSK_VENV/bin/python" ] && _python_ok "$KIOSK_VENV/bin/python" \
            && "$KIOSK_VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        return 0
    fi
    command -v "$PYTHON" >/dev/null 2>&1 || die "no $PYTHON: install Python 3.11 or newer (Debian: apt-get install python3)"
    _python_ok "$PYTHON" || die "$PYTHON is $("$PYTHON" -V 2>&1); the kiosk needs Python 3.11 or newer (set PYTHON=...)"
    say "Making the virtual environment $KIOSK_VENV (with $("$PYTHON" -V 2>&1))"
    rm -rf "$KIOSK_VENV"
    "$PYTHON" -m venv "$KIOSK_VENV" || die "$PYTHON -m venv failed (Debian and Ubuntu: apt-get install python3-venv)"
}

# Installs the kiosk (editable) with the extras "$1" ("" or "test") unless the same pyproject.toml
# is already installed with them (or with more).
_install() {
    stamp="$KIOSK_VENV/.kiosk-installed"
    want=$(cksum < "$ROOT/pyproject.toml" | cut -d' ' -f1)
    if [ -f "$stamp" ]; then
        read -r have_sum have_extras < "$stamp" || true
        if [ "$have_sum" = "$want" ] && { [ -z "$1" ] || [ "$have_extras" = "$1" ]; }; then
            return 0
        fi
    fi
    spec="."; [ -n "$1" ] && spec=".[$1]"
    say "Installing the kiosk into $KIOSK_VENV (pip install -e \"$spec\"; the first time downloads ~300 MB of Qt)"
    (cd "$ROOT" && "$KIOSK_VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$spec") \
        || die "pip install failed"
    printf '%s %s\n' "$want" "$1" > "$stamp"
}

bootstrap() {
    case $1 in
        run) _debs "$KIOSK_RUN_DEBS"; _venv; _install "" ;;
        test) _debs "$KIOSK_RUN_DEBS $KIOSK_TEST_DEBS"; _venv; _install test ;;
        *) die "bootstrap run|test" ;;
    esac
}
