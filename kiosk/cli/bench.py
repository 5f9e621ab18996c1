"""``kiosk bench``: measure this machine (the tools themselves live in :mod:`kiosk.bench`)."""

from __future__ import annotations

import os
import sys

from kiosk.cli.common import CONTENT_HELP, EXIT_OK, EXIT_USAGE, size
from kiosk.core import resources


def add_parsers(sub) -> None:
    ben = sub.add_parser("bench", help="measure start-up, page changes and memory on this machine",
                         description="Measure how fast this machine runs the kiosk: start-up to the first frame, "
                                     "tap to the next frame, memory after every route, content loading. "
                                     "Without a display it runs offscreen.")
    ben.add_argument("--content", metavar="DIR", help=CONTENT_HELP)
    ben.add_argument("--size", type=size, default=(1920, 1080), metavar="WxH", help="window size (default 1920x1080)")
    ben.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ben.add_argument("--scale", type=int, default=1, metavar="N",
                     help="also load the content replicated N times, to show how loading grows with size")
    ben.add_argument("--runs", type=int, default=5, metavar="N", help="start-up runs to take the median of (default 5)")
    ben.add_argument("--soak-events", type=int, default=20000, metavar="N",
                     help="random events in the soak that measures memory growth "
                          "(default 20000, ~3 minutes; 0 skips it)")
    ben.set_defaults(handler=cmd_bench)


def cmd_bench(args) -> int:
    import json

    from kiosk.bench import measure

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale < 1 or args.runs < 1 or args.soak_events < 0:
        print("kiosk: error: --scale and --runs must be at least 1, --soak-events at least 0", file=sys.stderr)
        return EXIT_USAGE
    results = measure.bench(resources.content_dir(args.content), args.size, scale=args.scale, startup_runs=args.runs,
                          soak_events=args.soak_events)
    print(json.dumps(results, ensure_ascii=False) if args.json else measure.format_table(results))
    return EXIT_OK
