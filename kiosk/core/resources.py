"""Read-only files that ship with the kiosk: the bundled sample exhibit, the assets (fonts, icons) and
the QML module; and which content folder to show. Folders the kiosk writes are in
:mod:`kiosk.core.machine.dirs`."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # kiosk/
QML_DIR = PACKAGE_DIR / "qml"


def _bundled(name: str) -> Path:
    # Installed wheel: shipped inside the package as kiosk/_<name>; source checkout: <repo>/<name>.
    inside = PACKAGE_DIR / f"_{name}"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def bundled_content() -> Path:
    return _bundled("content")


def assets_dir() -> Path:
    return _bundled("assets")


def content_dir(option: str | None) -> Path:
    """--content, else $KIOSK_CONTENT, else the bundled sample exhibit."""
    chosen = option or os.environ.get("KIOSK_CONTENT") or ""
    return Path(chosen).expanduser() if chosen else bundled_content()
