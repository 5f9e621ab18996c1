"""The packaging tests build the real bundle, .deb and tarball (python packaging/build.py) and take
about 3.5 minutes on a 2-core machine with an empty dist/ (about 2 minutes when dist/ is up to date),
so they are opt-in: KIOSK_PACKAGING_TESTS=1 runs them. Without it they are deselected, and the
terminal summary says so (they are never silently skipped).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
OPT_IN = "KIOSK_PACKAGING_TESTS"
_deselected: list[str] = []


def _wanted() -> bool:
    return os.environ.get(OPT_IN, "").strip() not in ("", "0", "no", "false")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _wanted():
        return
    keep, drop = [], []
    for item in items:
        (drop if HERE in Path(str(item.path)).resolve().parents else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
        _deselected[:] = [item.nodeid for item in drop]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not _deselected:
        return
    terminalreporter.section("packaging tests not run", sep="-", yellow=True)
    terminalreporter.write_line(
        f"{len(_deselected)} packaging tests in tests/packaging/ were deselected: they build the "
        f"bundle, the .deb and the tarball (~3.5 min). Run them with {OPT_IN}=1 "
        f"(e.g. {OPT_IN}=1 python -m pytest tests/packaging).", yellow=True)
