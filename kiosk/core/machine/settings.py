"""The kiosk's own settings (outside the content folder): the staff PIN, kept only as a salted hash."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.machine import dirs

SETTINGS_FILE = "settings.json"
# scrypt, as recommended for password storage by OWASP (N=2^14, r=8, p=1: ~16 MB, ~50 ms)
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12


class PinError(ValueError):
    pass


def check_pin_format(pin: str) -> None:
    if not pin.isdigit() or not (MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS):
        raise PinError(f"the PIN must be {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits")
    if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210":
        raise PinError("choose a PIN that is not a repeated digit or a simple sequence")


def hash_pin(pin: str, salt: bytes | None = None) -> dict[str, Any]:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **SCRYPT)
    return {"scheme": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode(),
            "hash": base64.b64encode(digest).decode()}


def verify_pin(pin: str, stored: dict[str, Any] | None) -> bool:
    if not stored or stored.get("scheme") != "scrypt":
        return False
    try:
        salt = base64.b64decode(stored["salt"])
        expected = base64.b64decode(stored["hash"])
        digest = hashlib.scrypt(pin.encode(), salt=salt, n=int(stored["n"]), r=int(stored["r"]),
                                p=int(stored["p"]), dklen=len(expected))
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


@dataclass
class Settings:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> Settings:
        path = (folder or dirs.config_dir()) / SETTINGS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                data = {}
        except (OSError, ValueError):
            data = {}
        return cls(path, data)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self.data, f, indent=2)
            f.write("\n")
        os.chmod(tmp, 0o600)  # only the kiosk's user reads it
        os.replace(tmp, self.path)

    @property
    def has_pin(self) -> bool:
        return bool(self.data.get("staff_pin"))

    def set_pin(self, pin: str) -> None:
        check_pin_format(pin)
        self.data["staff_pin"] = hash_pin(pin)
        self.save()

    def verify(self, pin: str) -> bool:
        return verify_pin(pin, self.data.get("staff_pin"))


class PinGuard:
    """Wrong PINs are rate-limited: after the 3rd wrong PIN in a row, 2 s, then 4, 8 ... up to 5 minutes."""

    FREE_TRIES = 3
    MAX_DELAY = 300.0

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.failures = 0
        self.locked_until = 0.0

    def wait(self, now: float) -> float:
        return max(0.0, self.locked_until - now)

    def attempt(self, pin: str, now: float) -> tuple[bool, float]:
        """(accepted, seconds to wait before the next try)."""
        if self.wait(now) > 0:
            return False, self.wait(now)
        if self.settings.verify(pin):
            self.failures = 0
            self.locked_until = 0.0
            return True, 0.0
        self.failures += 1
        if self.failures >= self.FREE_TRIES:
            delay = min(self.MAX_DELAY, 2.0 ** (self.failures - self.FREE_TRIES + 1))
            self.locked_until = now + delay
        return False, self.wait(now)
