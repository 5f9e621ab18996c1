"""``kiosk run``: show the exhibit on this screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.cli.common import CONTENT_HELP, EXIT_USAGE, load_for_ui, seconds, size
from kiosk.core.machine import dirs


def add_parsers(sub) -> None:
    run = sub.add_parser("run", help="show the exhibit (fullscreen unless --windowed)",
                         description="Show the exhibit on this screen.")
    run.add_argument("--content", metavar="DIR", help=CONTENT_HELP)
    run.add_argument("--windowed", action="store_true", help="a normal window with a cursor, for trying things out")
    run.add_argument("--size", type=size, metavar="WxH", help="window size, e.g. 1080x1920 (with --windowed)")
    run.add_argument("--lang", metavar="CODE", help="start language (default: the exhibit's default language)")
    run.add_argument("--idle-timeout", type=seconds, metavar="SECONDS",
                     help="seconds without a touch before 'Are you still there?' (default: from exhibit.yaml)")

    run.add_argument("--state-dir", metavar="DIR",
                     help="where status.json is kept (default: the platform's state folder, e.g. ~/.local/state/kiosk)")
    run.add_argument("--no-watch", action="store_true", help="do not watch the content folder for changes")
    run.set_defaults(handler=cmd_run)


def _countdown(text: str) -> float | None:
    """$KIOSK_IDLE_COUNTDOWN in seconds, or None (the exhibit's) when unset or not a finite number of seconds."""
    try:
        value = float(text) if text.strip() else None
    except ValueError:
        value = None
    if value is not None and not 1 <= value <= 3600:  # NaN fails this too
        value = None
    if text.strip() and value is None:
        print(f"kiosk: warning: KIOSK_IDLE_COUNTDOWN={text!r} is not a number of seconds (1 to 3600); "
              "the exhibit's countdown is used", file=sys.stderr)
    return value


def cmd_run(args) -> int:
    from kiosk.core.machine import logs

    logs.setup(dirs.state_dir())
    result = load_for_ui(args.content)
    if args.lang and args.lang not in result.content.exhibit.languages:
        print(f"kiosk: error: language '{args.lang}' is not one of the exhibit's languages "
              f"({', '.join(result.content.exhibit.languages)})", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.ui import app, backend

    config = backend.SessionConfig(
        content=result.content, problems=result.problems, language=args.lang or "",
        idle_timeout=args.idle_timeout, windowed=args.windowed,
        idle_countdown=_countdown(os.environ.get("KIOSK_IDLE_COUNTDOWN", "")),
    )
    from kiosk.core.content import revision

    # named when the content was validated (and kept in the cache with it): not read again at every start
    config.revision = result.revision or revision.content_revision(result.content.root)
    config.fingerprint = result.fingerprint
    return app.run(config, args.size, state_dir=Path(args.state_dir) if args.state_dir else None,
                   watch=not args.no_watch)
