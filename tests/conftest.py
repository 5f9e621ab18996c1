"""Shared test set-up: Qt runs offscreen with the software renderer, and QML warnings fail tests."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
# Tests never read or write the machine's own kiosk settings (the staff PIN), statistics, cache or
# state: every folder the kiosk writes goes under one temporary KIOSK_HOME (kiosk.core.machine.dirs).
import tempfile

for _own in ("KIOSK_CONFIG_DIR", "KIOSK_DATA_DIR", "KIOSK_CACHE_DIR", "KIOSK_STATE_DIR"):
    os.environ.pop(_own, None)
os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="kiosk-test-home-")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests are derandomized by default, so a CI run is repeatable; explore new examples with
# HYPOTHESIS_PROFILE=explore (random seeds, more examples).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"


@pytest.fixture(scope="session")
def sample_content() -> Path:
    return SAMPLE_CONTENT
