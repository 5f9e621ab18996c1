#!/bin/sh
# /usr/bin/kiosk: the installed kiosk's command line (the program is in /opt/kiosk).
# It reads /etc/kiosk/kiosk.env like the kiosk service does, so that `kiosk status`,
# `kiosk validate` and `kiosk set-pin` work on the running kiosk's folders. A variable that is
# already set in the environment wins over the file.
ENV_FILE=/etc/kiosk/kiosk.env
if [ -r "$ENV_FILE" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            ''|'#'*) continue ;;
        esac
        name=${line%%=*}
        value=${line#*=}
        case "$name" in
            KIOSK_CONTENT|KIOSK_CONFIG_DIR|KIOSK_DATA_DIR|KIOSK_CACHE_DIR|KIOSK_STATE_DIR)
                if eval "[ -z \"\${$name+set}\" ]"; then
                    export "$name=$value"
                fi ;;
        esac
    done < "$ENV_FILE"
fi
# The staff PIN must be written by the kiosk's user, who reads it (settings.json is private).
if [ "${1:-}" = "set-pin" ] && [ "$(id -u)" = 0 ] && id kiosk >/dev/null 2>&1; then
    exec runuser -u kiosk -- /opt/kiosk/kiosk "$@"
fi
exec /opt/kiosk/kiosk "$@"
