"""Endurance: a monkey taps, swipes, pinches, types and switches languages at random.

The short run here is part of every CI run; docs/performance.md describes the long run. Any QML
warning fails it (the make_ui fixture), as does an exception or memory growth beyond a bound.
"""

from __future__ import annotations

import os

import pytest

from kiosk.ui.soak import run_soak

pytestmark = [pytest.mark.qml, pytest.mark.slow]

EVENTS = int(os.environ.get("KIOSK_SOAK_EVENTS", "20000"))
MAX_GROWTH_MB = 10
# Warm-up: the first half. By then every route has been seen in both languages and Qt's image and
# glyph caches have filled (the curve printed below rises, then stays flat); growth after that is a leak.
WARMUP_SHARE = 0.5


def test_random_use_keeps_working_and_memory_flat(make_ui, capsys):
    ui = make_ui(idle_timeout=3600)
    report = run_soak(ui.window, ui.kiosk, EVENTS, sample_every=max(50, EVENTS // 20))
    with capsys.disabled():
        print(f"\nsoak: {report.events} events in {report.seconds:.0f} s, {len(report.routes)} routes, "
              f"actions {report.actions}")
        print("soak: RSS MB over events: " + ", ".join(f"{n}:{m:.0f}" for n, m in report.samples))
        print(f"soak: growth after warm-up {report.growth_after_warmup(WARMUP_SHARE):.1f} MB")
    assert len(report.routes) >= 8, f"the monkey saw too little of the kiosk: {sorted(report.routes)}"
    assert {"tap_control", "swipe", "pinch", "key", "language"} <= set(report.actions)
    assert report.growth_after_warmup(WARMUP_SHARE) <= MAX_GROWTH_MB
    assert not ui.warnings
