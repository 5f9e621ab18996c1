"""The ``kiosk`` command line: run, validate, render, and the tools staff and installers use.

``kiosk`` alone (or with run options only) is ``kiosk run``. Each command lives in a module of this
package (:mod:`.run`, :mod:`.content`, :mod:`.machine`, :mod:`.stats`, :mod:`.bench`) with its parser and
its handler. Qt is imported only by the commands that need it, so ``kiosk validate`` starts fast and
runs without a display.
"""

from __future__ import annotations

import argparse
import sys

from kiosk import __version__
from kiosk.cli import bench, content, machine, run, stats
from kiosk.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Parser

__all__ = ["COMMANDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kiosk",
        description="Museum touchscreen kiosk. Without a command, runs the kiosk (same as 'kiosk run').",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    run.add_parsers(sub)
    machine.add_parsers(sub)
    content.add_parsers(sub)
    bench.add_parsers(sub)
    stats.add_parser(sub).set_defaults(handler=stats.run)
    return parser


COMMANDS = ("run", "validate", "render", "bench", "schema", "new", "labels", "status", "set-pin", "stats", "prepare")


def _normalize(argv: list[str]) -> list[str]:
    if not argv:
        return ["run"]
    if argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["run", *argv]


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a file name that is not valid UTF-8 (from a Windows zip) must not crash the printing of a problem
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(_normalize(argv))
    handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
