"""Shared test set-up: Qt runs offscreen with the software renderer, and QML warnings fail tests."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
# Tests never read or write the machine's own kiosk settings (the staff PIN) or state.
import tempfile  # noqa: E402

os.environ["KIOSK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="kiosk-test-config-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="kiosk-test-state-")
os.environ["KIOSK_CACHE_DIR"] = tempfile.mkdtemp(prefix="kiosk-test-cache-")
os.environ["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-test-data-")

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
