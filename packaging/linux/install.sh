#!/bin/sh
# Install the museum kiosk from this tarball on a Linux machine without the Debian package
# (Fedora, Arch, openSUSE, Alpine with glibc ...). Run as root from the unpacked folder:
#
#     sudo ./install.sh              install or upgrade (content and settings are kept)
#     sudo ./install.sh --uninstall  remove the program and the service (content and settings stay)
#     ./install.sh --root DIR        install into DIR instead of / (for images and tests)
#
# It installs /opt/kiosk (the self-contained program: no Python needed), /usr/local/bin/kiosk,
# /etc/kiosk/kiosk.env (never overwritten), the kiosk user, /var/lib/kiosk/content (a copy of the
# sample exhibit, only when there is none yet) and /etc/systemd/system/kiosk.service (enabled).
# The machine needs, from its own packages: cage, seatd, Xwayland, Mesa's EGL/OpenGL drivers, libxcb,
# libwayland-client/-cursor/-egl, a Noto font (see docs/deploying.md).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=""
UNINSTALL=0
while [ $# -gt 0 ]; do
    case "$1" in
        --root) ROOT=${2%/}; shift 2 ;;
        --root=*) ROOT=${1#--root=}; ROOT=${ROOT%/}; shift ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" != 0 ]; then
    echo "install.sh: run it as root (sudo ./install.sh)" >&2
    exit 1
fi
if [ -n "$ROOT" ] && [ ! -d "$ROOT/etc" ]; then
    echo "install.sh: $ROOT/etc does not exist (--root needs a system tree with etc/passwd and etc/group)" >&2
    exit 2
fi

@COMMON@

systemctl_() {
    if ! command -v systemctl >/dev/null 2>&1; then
        return 0
    fi
    if [ -n "$ROOT" ]; then
        systemctl --root="$ROOT" "$@" >/dev/null 2>&1 || true
    elif [ -d /run/systemd/system ]; then
        systemctl "$@" || true
    else
        systemctl "$@" >/dev/null 2>&1 || true
    fi
}

if [ "$UNINSTALL" = 1 ]; then
    if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
        systemctl stop kiosk.service 2>/dev/null || true
    fi
    systemctl_ disable kiosk.service
    rm -f "$ROOT/etc/systemd/system/kiosk.service" "$ROOT/usr/local/bin/kiosk" "$ROOT/etc/kiosk/.kiosk.env.default"
    rm -rf "$ROOT/usr/local/libexec/kiosk"
    rm -rf "$ROOT$KIOSK_BUNDLE"
    if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
    fi
    echo "kiosk: removed the program and the service; kept /var/lib/kiosk (content, statistics),"
    echo "kiosk: /etc/kiosk (settings, staff PIN) and the kiosk user."
    exit 0
fi

[ -x "$HERE/kiosk/kiosk" ] || { echo "install.sh: $HERE/kiosk/kiosk is missing" >&2; exit 1; }
CAGE=$(command -v cage 2>/dev/null || echo /usr/bin/cage)
if [ -z "$ROOT" ] && [ ! -x "$CAGE" ]; then
    echo "install.sh: warning: cage is not installed; install it (and Xwayland) with the system's package manager" >&2
fi
if [ -z "$ROOT" ] && ! command -v seatd >/dev/null 2>&1; then
    echo "install.sh: warning: seatd is not installed; install it and enable seatd.service (cage takes the screen through it)" >&2
fi

# The program: copied next to the old one, then swapped in (a running kiosk keeps its files).
mkdir -p "$ROOT/opt"
rm -rf "$ROOT$KIOSK_BUNDLE.new" "$ROOT$KIOSK_BUNDLE.old"
cp -R "$HERE/kiosk" "$ROOT$KIOSK_BUNDLE.new"
chown -R 0:0 "$ROOT$KIOSK_BUNDLE.new"
chmod -R u+rwX,go+rX,go-w "$ROOT$KIOSK_BUNDLE.new"
if [ -d "$ROOT$KIOSK_BUNDLE" ]; then
    mv "$ROOT$KIOSK_BUNDLE" "$ROOT$KIOSK_BUNDLE.old"
fi
mv "$ROOT$KIOSK_BUNDLE.new" "$ROOT$KIOSK_BUNDLE"
rm -rf "$ROOT$KIOSK_BUNDLE.old"

install -d -m 0755 "$ROOT/usr/local/bin" "$ROOT/usr/local/libexec/kiosk" "$ROOT/etc/systemd/system"
install -m 0755 "$HERE/files/kiosk-wrapper.sh" "$ROOT/usr/local/bin/kiosk"
sed "s|^CAGE=.*|CAGE=\${KIOSK_CAGE:-$CAGE}|" "$HERE/files/kiosk-session" > "$ROOT/usr/local/libexec/kiosk/kiosk-session"
chmod 0755 "$ROOT/usr/local/libexec/kiosk/kiosk-session"
sed "s|/usr/libexec/kiosk/|/usr/local/libexec/kiosk/|g" "$HERE/files/kiosk.service" > "$ROOT/etc/systemd/system/kiosk.service"
chmod 0644 "$ROOT/etc/systemd/system/kiosk.service"

kiosk_create_user
kiosk_folders
# Settings, handled like a Debian conffile: installed once and never overwritten. When a new
# version brings a different default, it is put beside the administrator's file as kiosk.env.new.
# (.kiosk.env.default remembers the default that was installed last.)
ENV="$ROOT/etc/kiosk/kiosk.env"
if [ ! -e "$ENV" ]; then
    install -m 0644 "$HERE/files/kiosk.env" "$ENV"
elif ! cmp -s "$HERE/files/kiosk.env" "$ENV" && ! cmp -s "$HERE/files/kiosk.env" "$ROOT/etc/kiosk/.kiosk.env.default"; then
    install -m 0644 "$HERE/files/kiosk.env" "$ENV.new"
    echo "kiosk: kept your /etc/kiosk/kiosk.env; the new default is /etc/kiosk/kiosk.env.new"
fi
install -m 0644 "$HERE/files/kiosk.env" "$ROOT/etc/kiosk/.kiosk.env.default"
kiosk_seed_content

if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi
systemctl_ enable kiosk.service
if [ -z "$ROOT" ] && [ -d /run/systemd/system ] && systemctl is-active --quiet kiosk.service; then
    systemctl restart kiosk.service
    echo "kiosk: restarted the kiosk with version $(cat "$KIOSK_BUNDLE/VERSION" 2>/dev/null || echo '?')"
else
    echo "kiosk: installed; it starts on tty1 at the next boot (now: sudo systemctl start kiosk)"
fi
