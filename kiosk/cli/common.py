"""What every ``kiosk`` command shares: exit codes, argument types, the content folder to work on."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kiosk.core import resources

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
CONTENT_HELP = "content folder (default: $KIOSK_CONTENT, else the bundled exhibit)"


def size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1920x1080, got '{text}'")
    w, h = int(m.group(1)), int(m.group(2))
    if not (320 <= w <= 7680 and 320 <= h <= 7680):
        raise argparse.ArgumentTypeError(f"size {w}x{h} is out of range (320 to 7680 pixels a side)")
    return w, h


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got '{text}'") from None
    if not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError("seconds must be between 1 and 86400")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with a clear message
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with a clear message
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def content_root(option: str | None) -> Path | None:
    """The content folder to work on, or None (after saying why) when it is not a folder."""
    root = resources.content_dir(option)
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        print(f"kiosk: error: the content folder {root} {what}", file=sys.stderr)
        return None
    return root


def load_for_ui(content_option: str | None):
    import logging

    from kiosk.core.content.cache import load_content_cached as load_content

    log = logging.getLogger("kiosk.content")
    root = resources.content_dir(content_option)
    result = load_content(root)
    for problem in result.problems:
        (log.error if problem.is_error else log.warning)("%s", problem.format())
    return result
