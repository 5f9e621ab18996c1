"""Endurance: a monkey taps, swipes, pinches, types and switches languages at random.

It runs in a fresh kiosk process (`python -m kiosk.bench.soak`), so the memory measured is the kiosk's
alone. The short run here is part of every CI run; docs/performance.md describes the long run. A crash,
an exception, any QML warning, or memory growth beyond a bound after warm-up fails it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.bench.soak import SoakReport
from tests.conftest import REPO

pytestmark = [pytest.mark.qml, pytest.mark.slow]

EVENTS = int(os.environ.get("KIOSK_SOAK_EVENTS", "20000"))
# The floor creeps by about 0.5 MB per 1,000 events (seen 10-11 MB over 20,000 on a loaded 2-core machine,
# December 2026; docs/performance.md, "Known: a slow creep"): not yet explained, tracked there. A page kept
# per visit (several MB each) would still pass this bound within a few hundred events.
MAX_GROWTH_MB = 16
# Warm-up: the soak first shows every route in both languages, plain and in large-text high-contrast
# mode (kiosk.bench.soak.warm_up), then counts the first 20 % of its random events as warm-up too (the
# zoomed viewer, answered questions). Memory is the floor of each block of events (what the kiosk keeps
# whatever page it shows); growth of the floor after warm-up is what a leak would show.
# (docs/performance.md has the curves.)

def test_random_use_keeps_working_and_memory_flat(capsys):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               QT_LOGGING_RULES="qt.multimedia*=false")
    done = subprocess.run([sys.executable, "-m", "kiosk.bench.soak", "--events", str(EVENTS)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"the kiosk died (exit {done.returncode}):\n{done.stderr[-4000:]}"
    data = json.loads(done.stdout.strip().splitlines()[-1])
    report = SoakReport(events=data["events"], seconds=data["seconds"], samples=[tuple(s) for s in data["samples"]],
                        actions=data["actions"], routes=set(data["routes"]))
    with capsys.disabled():
        print(f"\nsoak: {report.events} events in {report.seconds:.0f} s, {len(report.routes)} routes, "
              f"actions {report.actions}")
        print("soak: RSS MB over events: " + ", ".join(f"{n}:{m:.0f}" for n, m in report.samples))
        print(f"soak: growth after warm-up {report.growth_after_warmup():.1f} MB")
    assert not data["warnings"], "\n".join(data["warnings"])
    errors = [line for line in done.stderr.splitlines() if " ERROR " in line or "Traceback" in line]
    assert not errors, "\n".join(errors[:20])
    assert data["warmup_pages"] >= 2 * len(report.routes), "the warm-up tour did not show every route"
    assert len(report.routes) >= 8, f"the monkey saw too little of the kiosk: {sorted(report.routes)}"
    assert {"tap_control", "swipe", "pinch", "key", "language"} <= set(report.actions)
    assert report.growth_after_warmup() <= MAX_GROWTH_MB
