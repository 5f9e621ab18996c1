"""The staff PIN: stored only as a salted scrypt hash; wrong PINs slowed down."""

from __future__ import annotations

import json
import stat

import pytest

from kiosk.core.machine import settings
from kiosk.core.machine.settings import PinError, PinGuard, Settings


def test_the_pin_is_stored_only_as_a_salted_hash(tmp_path):
    s = Settings.load(tmp_path)
    assert not s.has_pin
    s.set_pin("27121972")
    text = (tmp_path / "settings.json").read_text()
    assert "27121972" not in text
    stored = json.loads(text)["staff_pin"]
    assert stored["scheme"] == "scrypt" and len(stored["salt"]) >= 16
    assert stat.S_IMODE((tmp_path / "settings.json").stat().st_mode) == 0o600
    again = Settings.load(tmp_path)
    assert again.verify("27121972") and not again.verify("27121973")
    # the same PIN twice gives different hashes (the salt)
    assert settings.hash_pin("4826")["hash"] != settings.hash_pin("4826")["hash"]


@pytest.mark.parametrize("pin", ["123", "abcd", "1111", "1234", "4321", "1234567890123"])
def test_weak_or_malformed_pins_are_refused(tmp_path, pin):
    with pytest.raises(PinError):
        Settings.load(tmp_path).set_pin(pin)
    assert not (tmp_path / "settings.json").exists()


def test_a_broken_settings_file_means_no_pin_not_a_crash(tmp_path):
    (tmp_path / "settings.json").write_text("{not json")
    s = Settings.load(tmp_path)
    assert not s.has_pin and not s.verify("1234")
    assert not settings.verify_pin("1234", {"scheme": "scrypt", "salt": "!!", "hash": "x", "n": 2, "r": 1, "p": 1})


def test_wrong_pins_wait_longer_and_longer(tmp_path):
    s = Settings.load(tmp_path)
    s.set_pin("4826")
    guard = PinGuard(s)
    t = 1000.0
    assert guard.attempt("0000", t) == (False, 0.0)
    assert guard.attempt("0001", t) == (False, 0.0)
    assert guard.attempt("0002", t) == (False, 2.0)
    assert guard.attempt("4826", t + 1) == (False, 1.0)  # still locked: even the right PIN waits
    assert guard.attempt("0003", t + 2) == (False, 4.0)
    assert guard.attempt("0004", t + 6) == (False, 8.0)
    assert guard.attempt("4826", t + 14) == (True, 0.0)
    assert guard.failures == 0
    for i in range(30):
        guard.attempt("9999", t + 10_000 * (i + 1))
    assert guard.wait(t + 10_000 * 30) <= PinGuard.MAX_DELAY
