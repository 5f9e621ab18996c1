"""Every folder the kiosk writes has one owner: kiosk.core.machine.dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.machine import dirs

OWN = ("KIOSK_CONFIG_DIR", "KIOSK_DATA_DIR", "KIOSK_CACHE_DIR", "KIOSK_STATE_DIR")
XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture
def bare(monkeypatch, tmp_path):
    """No kiosk or XDG variables; HOME in a temporary folder; no writable /etc/kiosk."""
    for name in (*OWN, *XDG, dirs.ENV_HOME, "APPDATA", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(dirs.os, "access", lambda *_: False)
    return tmp_path


def test_linux_defaults_follow_xdg(bare):
    home = bare / "home"
    assert dirs.all_dirs() == {
        "config": home / ".config" / "kiosk",
        "data": home / ".local" / "share" / "kiosk",
        "cache": home / ".cache" / "kiosk",
        "state": home / ".local" / "state" / "kiosk",
    }
    assert dirs.images_cache_dir() == home / ".cache" / "kiosk" / "images"
    assert dirs.content_cache_dir() == home / ".cache" / "kiosk" / "content"


def test_xdg_variables_move_each_folder(bare, monkeypatch):
    for name in XDG:
        monkeypatch.setenv(name, str(bare / name.lower()))
    assert dirs.config_dir() == bare / "xdg_config_home" / "kiosk"
    assert dirs.data_dir() == bare / "xdg_data_home" / "kiosk"
    assert dirs.cache_dir() == bare / "xdg_cache_home" / "kiosk"
    assert dirs.state_dir() == bare / "xdg_state_home" / "kiosk"


def test_kiosk_home_moves_them_all_and_a_folders_own_variable_wins(bare, monkeypatch):
    monkeypatch.setenv("KIOSK_HOME", str(bare / "k"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(bare / "ignored"))
    assert dirs.all_dirs() == {name: bare / "k" / name for name in ("config", "data", "cache", "state")}
    monkeypatch.setenv("KIOSK_STATE_DIR", str(bare / "logs"))
    assert dirs.state_dir() == bare / "logs"
    assert dirs.cache_dir() == bare / "k" / "cache"


def test_each_own_variable(bare, monkeypatch):
    for name in OWN:
        monkeypatch.setenv(name, str(bare / name))
    kinds = ("config", "data", "cache", "state")
    assert dirs.all_dirs() == {kind: bare / var for kind, var in zip(kinds, OWN, strict=True)}


def test_a_writable_etc_kiosk_holds_the_settings(bare, monkeypatch):
    monkeypatch.setattr(dirs.os, "access", lambda *_: True)
    monkeypatch.setattr(Path, "is_dir", lambda self: str(self) == "/etc/kiosk")
    assert dirs.config_dir() == Path("/etc/kiosk")


def test_windows_defaults(bare, monkeypatch):
    monkeypatch.setattr(dirs, "_is_windows", lambda: True)
    monkeypatch.setenv("APPDATA", "C:/Users/guide/AppData/Roaming")
    monkeypatch.setenv("LOCALAPPDATA", "C:/Users/guide/AppData/Local")
    local = Path("C:/Users/guide/AppData/Local") / "kiosk"
    assert dirs.all_dirs() == {
        "config": Path("C:/Users/guide/AppData/Roaming") / "kiosk",
        "data": local,
        "cache": local / "cache",
        "state": local / "logs",
    }


def test_the_caches_of_the_debian_package_stay_in_its_cache_folder(bare, monkeypatch):
    """The defect this module fixed: the validated content went to /var/cache/content."""
    monkeypatch.setenv("KIOSK_CACHE_DIR", "/var/cache/kiosk")
    assert dirs.content_cache_dir() == Path("/var/cache/kiosk/content")
    assert dirs.images_cache_dir() == Path("/var/cache/kiosk/images")
