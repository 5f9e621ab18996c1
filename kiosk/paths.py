"""Where the package finds its bundled content, assets and QML (Qt-free)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
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


def log_dir() -> Path:
    """Logs and status.json: $KIOSK_STATE_DIR, else $XDG_STATE_HOME/kiosk (Linux), %LOCALAPPDATA%\\kiosk\\logs (Windows)."""
    if os.environ.get("KIOSK_STATE_DIR"):
        return Path(os.environ["KIOSK_STATE_DIR"])  # the Debian package: /var/log/kiosk
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "kiosk" / "logs"
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "kiosk"
