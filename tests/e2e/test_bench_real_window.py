"""`kiosk bench --real-window`: the shape of what it reports (the figures themselves are printed, never asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.bench import realwindow
from tests.conftest import SAMPLE_CONTENT
from tests.e2e.conftest import REPO, REQUIRED_TOOLS, require_tools

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_process_tree_cpu_and_pss_of_this_process():
    tree = realwindow.process_tree(os.getpid())
    assert tree[0] == os.getpid()
    assert 5 < realwindow.pss_mb([os.getpid()]) < 10_000
    busy = realwindow.cpu_series(os.getpid(), 1.0, step=0.5)  # this process sleeps meanwhile
    assert len(busy["tree"]) == 2 and all(0 <= v < 50 for v in busy["tree"])


def test_real_window_mode_reports_both_programs_for_each_renderer():
    require_tools({**REQUIRED_TOOLS})
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for key in ("QT_QPA_PLATFORM", "QT_QUICK_BACKEND"):
        env.pop(key, None)  # the bench picks these itself for the programs it starts
    out = subprocess.run([sys.executable, "-m", "kiosk", "bench", "--real-window", "--json", "--seconds", "2",
                          "--content", str(SAMPLE_CONTENT)], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    results = json.loads(out.stdout)
    assert results["screen"] == "1920x1080"
    for renderer, api in (("opengl", "OpenGL"), ("software", "Software")):
        kiosk, bare = results[renderer]["kiosk"], results[renderer]["bare_qml"]
        assert kiosk["renderer"] == api and bare["renderer"] == api  # what Qt actually used
        for prog in (kiosk, bare):
            assert prog["pss_mb"] > 20 and prog["first_frame_ms"] > 0 and prog["processes"] >= 1
            assert len(prog["page_cpu_pct_per_s"]) == 2 and prog["page_cpu_pct"] >= 0
        assert len(kiosk["attract_cpu_pct_per_s"]) == 2 and kiosk["attract_cpu_pct"] >= 0
        assert results[renderer]["kiosk_to_bare"]["pss"] == round(kiosk["pss_mb"] / bare["pss_mb"], 2)
    print(realwindow.format_table(results))
