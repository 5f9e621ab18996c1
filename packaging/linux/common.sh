# Shell functions shared by the Debian postinst and the tarball's install.sh (build.py pastes
# this file into both in place of their COMMON marker). Every path is under $ROOT, which is empty on a
# real installation and a scratch folder when dpkg installs into one (--root with
# --force-script-chrootless sets DPKG_ROOT) or install.sh runs with --root DIR.

KIOSK_USER=kiosk
KIOSK_HOME=/var/lib/kiosk
KIOSK_BUNDLE=/opt/kiosk
KIOSK_SAMPLE="$KIOSK_BUNDLE/_internal/kiosk/_content"

# The kiosk user's uid and gid from $ROOT/etc/passwd (names are looked up there, not through
# the running system's NSS, so that a scratch root works too).
kiosk_ids() {
    KIOSK_UID=$(awk -F: -v u="$KIOSK_USER" '$1 == u { print $3 }' "$ROOT/etc/passwd")
    KIOSK_GID=$(awk -F: -v u="$KIOSK_USER" '$1 == u { print $4 }' "$ROOT/etc/passwd")
}

group_exists() {
    grep -q "^$1:" "$ROOT/etc/group"
}

# The system user the kiosk runs as: no password, no shell, in the groups that may use the GPU
# (video, render) and the touchscreen (input).
kiosk_create_user() {
    set --
    [ -n "$ROOT" ] && set -- --root "$ROOT"
    if ! grep -q "^$KIOSK_USER:" "$ROOT/etc/passwd"; then
        if ! group_exists "$KIOSK_USER"; then
            groupadd "$@" --system "$KIOSK_USER"
        fi
        useradd "$@" --system --gid "$KIOSK_USER" --home-dir "$KIOSK_HOME" --no-create-home \
            --shell /usr/sbin/nologin --comment "Museum kiosk" "$KIOSK_USER"
    fi
    groups=""
    for g in video input render audio; do
        if group_exists "$g"; then
            groups="${groups:+$groups,}$g"
        fi
    done
    if [ -n "$groups" ]; then
        usermod "$@" --append --groups "$groups" "$KIOSK_USER"
    fi
    kiosk_ids
}

# Folders the kiosk writes, with their owners. /etc/kiosk is writable by the kiosk's group so
# that `kiosk set-pin` (run as the kiosk user) can save settings.json there.
kiosk_folders() {
    kiosk_ids
    install -d -m 0755 -o "$KIOSK_UID" -g "$KIOSK_GID" "$ROOT$KIOSK_HOME"
    install -d -m 0750 -o "$KIOSK_UID" -g "$KIOSK_GID" "$ROOT$KIOSK_HOME/data"
    install -d -m 0755 -o "$KIOSK_UID" -g "$KIOSK_GID" "$ROOT/var/log/kiosk"
    install -d -m 0755 -o "$KIOSK_UID" -g "$KIOSK_GID" "$ROOT/var/cache/kiosk"
    install -d -m 2775 -o 0 -g "$KIOSK_GID" "$ROOT/etc/kiosk"
    chown 0:"$KIOSK_GID" "$ROOT/etc/kiosk"
    chmod 2775 "$ROOT/etc/kiosk"
    if [ -e "$ROOT/etc/kiosk/settings.json" ]; then
        chown "$KIOSK_UID:$KIOSK_GID" "$ROOT/etc/kiosk/settings.json"
        chmod 0600 "$ROOT/etc/kiosk/settings.json"
    fi
}

# The exhibit: a copy of the sample shipped in the bundle, made only when there is no content
# folder yet. An existing folder (the museum's own exhibit) is never touched.
kiosk_seed_content() {
    kiosk_ids
    content="$ROOT$KIOSK_HOME/content"
    if [ -e "$content" ] || [ -L "$content" ]; then
        return 0
    fi
    if [ ! -d "$ROOT$KIOSK_SAMPLE" ]; then
        echo "kiosk: the sample exhibit $KIOSK_SAMPLE is missing; $KIOSK_HOME/content not created" >&2
        return 0
    fi
    tmp="$ROOT$KIOSK_HOME/.content.seeding"
    rm -rf "$tmp"
    cp -R "$ROOT$KIOSK_SAMPLE" "$tmp"
    chown -R "$KIOSK_UID:$KIOSK_GID" "$tmp"
    find "$tmp" -type d -exec chmod 0755 {} +
    find "$tmp" -type f -exec chmod 0644 {} +
    mv "$tmp" "$content"
    echo "kiosk: installed the sample exhibit in $KIOSK_HOME/content (replace it with the museum's)"
}
