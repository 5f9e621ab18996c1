"""The newcomer tests build a fresh Debian (or Ubuntu) root with debootstrap and run the README's two
commands in it, downloading Debian packages and Qt (~25 minutes, network needed), so they are opt-in:
KIOSK_NEWCOMER_TESTS=1 runs them. Without it they are deselected, and the terminal summary says so
(they are never silently skipped).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
OPT_IN = "KIOSK_NEWCOMER_TESTS"
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
    terminalreporter.section("newcomer tests not run", sep="-", yellow=True)
    terminalreporter.write_line(
        f"{len(_deselected)} tests in tests/newcomer/ were deselected: they run ./run and ./test on a fresh "
        f"Debian 12 made with debootstrap (~25 min, network). Run them with {OPT_IN}=1 as root "
        f"(e.g. {OPT_IN}=1 python -m pytest tests/newcomer).", yellow=True)
