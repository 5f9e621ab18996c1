"""Logging: a rotating file in the platform's log folder, and stderr (Qt-free)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# stderr connected to systemd's journal (kiosk.service): the journal adds the time; a <N> prefix
# gives each line its syslog priority, so `journalctl -u kiosk -p warning` shows what matters
JOURNAL_FORMAT = "<%(priority)d>%(levelname)s %(name)s: %(message)s"
_PRIORITIES = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4, logging.INFO: 6, logging.DEBUG: 7}


def stderr_is_journal() -> bool:
    """True when stderr is the journal stream systemd gave this service ($JOURNAL_STREAM = dev:inode)."""
    import os

    stream = os.environ.get("JOURNAL_STREAM", "")
    try:
        st = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return stream == f"{st.st_dev}:{st.st_ino}"


class _JournalFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        priority = _PRIORITIES.get(record.levelno, 6)
        record.priority = priority  # type: ignore[attr-defined]
        # one journal entry per record: continuation lines (a traceback) keep the same priority
        return super().format(record).replace("\n", f"\n<{priority}>  ")


def setup(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Send log records to stderr and, when possible, to ``log_dir/kiosk.log`` (5 x 2 MB)."""
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(_JournalFormatter(JOURNAL_FORMAT) if stderr_is_journal() else logging.Formatter(FORMAT))
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
