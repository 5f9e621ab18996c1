"""Logging: a rotating file in the platform's log folder, and stderr (Qt-free)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Send log records to stderr and, when possible, to ``log_dir/kiosk.log`` (5 x 2 MB)."""
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(logging.Formatter(FORMAT))
    stream._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(stream)
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "kiosk.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write the log file in %s: %s", log_dir, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
