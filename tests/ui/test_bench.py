"""kiosk bench: its statistics, its scaled content, and its start-up probe."""

from __future__ import annotations

import math

import pytest

from kiosk.bench import measure as bench
from kiosk.core.content.loader import load_content
from tests.conftest import SAMPLE_CONTENT


def test_percentile_interpolates():
    assert bench.percentile([1, 2, 3, 4, 5], 50) == 3
    assert bench.percentile([10, 20], 95) == pytest.approx(19.5)
    assert bench.percentile([7], 95) == 7
    assert math.isnan(bench.percentile([], 50))


def test_replicated_content_has_n_times_everything_and_no_problems(tmp_path):
    original = load_content(SAMPLE_CONTENT).content
    scaled = load_content(bench.replicate_content(SAMPLE_CONTENT, tmp_path / "c", 3))
    # the only problems: the copies of a day share its date, which the validator points out
    assert not scaled.errors, [p.format() for p in scaled.errors]
    assert all("chapters for the same day" in p.message for p in scaled.problems)
    assert len(scaled.content.chapters) == 3 * len(original.chapters)
    assert len(scaled.content.witnesses) == 3 * len(original.witnesses)
    assert len(scaled.content.quizzes) == 3 * len(original.quizzes)
    images = {p.name for p in (tmp_path / "c" / "media").rglob("*.png")}
    assert any("-x2." in name for name in images)  # the copies have images of their own


def test_rss_is_plausible():
    assert 10 < bench.rss_mb() < 10_000


@pytest.mark.slow
def test_startup_probe_sees_a_first_frame():
    times = bench.measure_startup(SAMPLE_CONTENT, (800, 600), runs=1)
    assert len(times) == 1 and 0 < times[0] < 60_000


@pytest.mark.slow
def test_soak_probe_reports_memory_growth():
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    out = bench.measure_soak(SAMPLE_CONTENT, (1280, 720), 400, env)
    assert out["soak_events"] == 400
    assert out["soak_qml_warnings"] == 0
    low, last = out["soak_rss_floor_mb"]
    assert 20 < low <= last <= out["soak_rss_peak_mb"] < 10_000
    assert abs(out["soak_rss_growth_mb"]) < out["soak_rss_peak_mb"]
