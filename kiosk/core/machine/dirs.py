"""Every folder the kiosk writes, decided in one place (Qt-free).

=========  ==========================================  ===================  ==============================
folder     what the kiosk keeps there                  its own override     default (Linux; Windows)
=========  ==========================================  ===================  ==============================
config     ``settings.json`` (the staff PIN's hash)    ``KIOSK_CONFIG_DIR``  ``$XDG_CONFIG_HOME/kiosk``
                                                                            (``/etc/kiosk`` when it exists
                                                                            and is writable);
                                                                            ``%APPDATA%\\kiosk``
data       visitor statistics (``analytics.sqlite3``)  ``KIOSK_DATA_DIR``    ``$XDG_DATA_HOME/kiosk``;
                                                                            ``%LOCALAPPDATA%\\kiosk``
cache      screen-sized images (``images/``) and the   ``KIOSK_CACHE_DIR``   ``$XDG_CACHE_HOME/kiosk``;
           validated content (``content/``)                                 ``%LOCALAPPDATA%\\kiosk\\cache``
state      ``kiosk.log`` and ``status.json``           ``KIOSK_STATE_DIR``   ``$XDG_STATE_HOME/kiosk``;
                                                                            ``%LOCALAPPDATA%\\kiosk\\logs``
=========  ==========================================  ===================  ==============================

One override moves them all: ``KIOSK_HOME=DIR`` puts them in ``DIR/config``, ``DIR/data``, ``DIR/cache``
and ``DIR/state`` (tests use it; a folder's own variable still wins). Packagers set the four variables
(the Debian package: /etc/kiosk, /var/lib/kiosk/data, /var/cache/kiosk, /var/log/kiosk). Nothing else in
the kiosk decides where a file is written: every module asks here.

The kiosk never writes inside the content folder, the package or the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "kiosk"
ENV_HOME = "KIOSK_HOME"

# folder name -> (its own variable, the sub-folder of KIOSK_HOME)
_OVERRIDES = {
    "config": "KIOSK_CONFIG_DIR",
    "data": "KIOSK_DATA_DIR",
    "cache": "KIOSK_CACHE_DIR",
    "state": "KIOSK_STATE_DIR",
}


def _is_windows() -> bool:
    return os.name == "nt"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def _overridden(kind: str) -> Path | None:
    own = _env_path(_OVERRIDES[kind])
    if own is not None:
        return own
    home = _env_path(ENV_HOME)
    return home / kind if home is not None else None


def _xdg(variable: str, fallback: str) -> Path:
    return (_env_path(variable) or Path.home() / fallback) / APP


def _local_appdata() -> Path:
    return (_env_path("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP


def config_dir() -> Path:
    """Settings (the staff PIN's hash)."""
    found = _overridden("config")
    if found is not None:
        return found
    if _is_windows():
        return (_env_path("APPDATA") or Path.home() / "AppData" / "Roaming") / APP
    system = Path("/etc") / APP  # an installed kiosk whose user may write there
    if system.is_dir() and os.access(system, os.W_OK):
        return system
    return _xdg("XDG_CONFIG_HOME", ".config")


def data_dir() -> Path:
    """Data worth keeping: the visitor statistics."""
    found = _overridden("data")
    if found is not None:
        return found
    return _local_appdata() if _is_windows() else _xdg("XDG_DATA_HOME", ".local/share")


def cache_dir() -> Path:
    """Everything that can be rebuilt: screen-sized images, the validated content."""
    found = _overridden("cache")
    if found is not None:
        return found
    return _local_appdata() / "cache" if _is_windows() else _xdg("XDG_CACHE_HOME", ".cache")


def state_dir() -> Path:
    """The log file and status.json: what an installer reads to see how the kiosk is doing."""
    found = _overridden("state")
    if found is not None:
        return found
    return _local_appdata() / "logs" if _is_windows() else _xdg("XDG_STATE_HOME", ".local/state")


def runtime_dir() -> Path:
    """Where the kiosk says it is alive when the state folder cannot take a byte more (a full disk).

    A RAM-backed folder on another file system than the state folder: ``KIOSK_RUNTIME_DIR``, else
    ``$XDG_RUNTIME_DIR/kiosk``, else ``/dev/shm/kiosk-UID``, else the system's temporary folder. Only a
    copy of status.json is kept there, written when status.json itself cannot be.
    """
    own = _env_path("KIOSK_RUNTIME_DIR")
    if own is not None:
        return own
    home = _env_path(ENV_HOME)
    if home is not None:
        return home / "run"
    runtime = _env_path("XDG_RUNTIME_DIR")
    if runtime is not None:
        return runtime / APP
    uid = os.getuid() if hasattr(os, "getuid") else 0
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / f"{APP}-{uid}"
    import tempfile
    return Path(tempfile.gettempdir()) / f"{APP}-{uid}"


def images_cache_dir() -> Path:
    """Screen-sized and thumbnail copies of the content's images."""
    return cache_dir() / "images"


def content_cache_dir() -> Path:
    """The validated content of the folder on screen, for a fast start when nothing changed."""
    return cache_dir() / "content"


def all_dirs() -> dict[str, Path]:
    """Every folder the kiosk may write, by name (for ``kiosk status``, the docs and the tests)."""
    return {"config": config_dir(), "data": data_dir(), "cache": cache_dir(), "state": state_dir()}
