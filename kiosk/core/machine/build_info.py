"""Which package of the kiosk is this? (Qt-free)

The packaged kiosk (the PyInstaller bundle in /opt/kiosk) carries VERSION, the package's version
(e.g. ``0.1.0`` or ``0.2.0~rc1``), written by packaging/build.py. ``kiosk.__version__`` is the
program's version, which two packages of the same program share: status.json and ``kiosk status``
report the package's, so that an upgrade can be seen to have taken effect.
"""

from __future__ import annotations

import sys
from pathlib import Path


def package_version(executable: str | None = None) -> str | None:
    """The VERSION file beside the frozen program, or None when running from source or a wheel."""
    if executable is None:
        if not getattr(sys, "frozen", False):
            return None
        executable = sys.executable
    try:
        text = (Path(executable).resolve().parent / "VERSION").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text[:100] or None
