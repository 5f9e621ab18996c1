"""``kiosk bench``: measure this machine (the tools themselves live in :mod:`kiosk.bench`)."""

from __future__ import annotations

import os
import sys

from kiosk.cli.common import CONTENT_HELP, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, size
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
    ben.add_argument("--real-window", action="store_true",
                     help="measure as a museum runs it: a fresh kiosk fullscreen on a virtual 1920x1080 X screen "
                          "(Xvfb, xcb), at rest in the attract loop and on a page (CPU of the whole process tree, "
                          "PSS), beside a bare QML window with a similar home screen")
    ben.add_argument("--renderer", choices=("opengl", "software", "both"), default="both",
                     help="with --real-window: Qt Quick's OpenGL scene graph (Mesa llvmpipe under Xvfb), "
                          "its software one, or both (default)")
    ben.add_argument("--seconds", type=float, default=10.0, metavar="S",
                     help="with --real-window: how long each state is measured (default 10)")
    ben.set_defaults(handler=cmd_bench)


def cmd_bench(args) -> int:
    import json

    from kiosk.bench import measure

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.real_window:
        return _real_window(args)
    if args.scale < 1 or args.runs < 1 or args.soak_events < 0:
        print("kiosk: error: --scale and --runs must be at least 1, --soak-events at least 0", file=sys.stderr)
        return EXIT_USAGE
    results = measure.bench(resources.content_dir(args.content), args.size, scale=args.scale, startup_runs=args.runs,
                          soak_events=args.soak_events)
    print(json.dumps(results, ensure_ascii=False) if args.json else measure.format_table(results))
    return EXIT_OK


def _real_window(args) -> int:
    import json

    from kiosk.bench import realwindow

    if args.seconds < 1:
        print("kiosk: error: --seconds must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    renderers = realwindow.RENDERERS if args.renderer == "both" else (args.renderer,)
    try:
        results = realwindow.bench_real_window(resources.content_dir(args.content), args.size, renderers,
                                               seconds=args.seconds)
    except realwindow.RealWindowError as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(json.dumps(results, ensure_ascii=False) if args.json else realwindow.format_table(results))
    return EXIT_OK
