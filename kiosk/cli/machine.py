"""Commands for the machine the kiosk runs on: ``status`` and ``set-pin``."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from kiosk.core.machine import dirs


def add_parsers(sub) -> None:
    sta = sub.add_parser("status", help="is the kiosk running, and which content does it show?",
                         description="Print the running kiosk's status.json: version, content folder and revision, "
                                     "the problems of a rejected content update, uptime and last heartbeat. "
                                     "Exit 0 when it is running and responding, 1 when not.")
    sta.add_argument("--state-dir", metavar="DIR", help="the kiosk's state folder (default: the platform's)")
    sta.add_argument("--json", action="store_true", help="print the status as JSON, for monitoring tools")
    sta.set_defaults(handler=cmd_status)
    pin = sub.add_parser("set-pin", help="set the PIN that opens the hidden staff menu",
                         description="Set the staff PIN (4 to 12 digits). It is stored only as a salted scrypt hash "
                                     "in the kiosk's settings file, outside the content folder. The PIN is read "
                                     "from the terminal, or from standard input when that is not a terminal.")
    pin.add_argument("--settings-dir", metavar="DIR", help="folder of settings.json (default: $KIOSK_CONFIG_DIR, "
                                                           "/etc/kiosk, else ~/.config/kiosk)")
    pin.set_defaults(handler=cmd_set_pin)


def cmd_status(args) -> int:
    import json

    from kiosk.core.machine import status

    state_dir = Path(args.state_dir) if args.state_dir else dirs.state_dir()
    data = status.read_status(state_dir)
    if data is None:
        if args.json:
            print(json.dumps({"state": "unknown", "error": f"no status in {state_dir}"}))
        else:
            print(f"kiosk: no status in {state_dir} (has the kiosk run with --state-dir {state_dir}?)", file=sys.stderr)
        return EXIT_PROBLEMS
    age = status.heartbeat_age(data)
    alive = data.get("state") == "running" and age <= 60
    if args.json:
        print(json.dumps({**data, "heartbeat_age_s": round(age, 1), "responding": alive}, ensure_ascii=False))
    else:
        print(status.format_status(data))
    from kiosk.core.machine import build_info

    installed = build_info.package_version()
    if alive and installed and data.get("package_version") and installed != data["package_version"]:
        print(f"kiosk: version {installed} is installed but {data['package_version']} is running: "
              "restart it (sudo systemctl restart kiosk)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK if alive else EXIT_PROBLEMS


def cmd_set_pin(args) -> int:
    import getpass

    from kiosk.core.machine.settings import PinError, Settings

    settings = Settings.load(Path(args.settings_dir) if args.settings_dir else None)
    if sys.stdin.isatty():
        first = getpass.getpass("New staff PIN (4-12 digits): ")
        if getpass.getpass("Once more: ") != first:
            print("kiosk: error: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_USAGE
    else:
        first = sys.stdin.readline().strip()
    try:
        settings.set_pin(first)
    except PinError as exc:
        print(f"kiosk: error: {exc}; nothing changed", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"kiosk: error: cannot write {settings.path}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"staff PIN saved (as a salted hash) in {settings.path}")
    return EXIT_OK
