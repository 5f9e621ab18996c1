"""The real-boot tests install the .deb in a Debian 12 virtual machine and check it from outside
(packaging/boottest.py). They build an image with debootstrap (once), the bundle and two .debs, and
boot under QEMU: about 25 minutes with software emulation (TCG) on a 2-core machine, so they are
opt-in: KIOSK_BOOT_TESTS=1 runs them. Without it they are deselected, and the terminal summary says
so (they are never silently skipped).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
OPT_IN = "KIOSK_BOOT_TESTS"
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
    terminalreporter.section("boot tests not run", sep="-", yellow=True)
    terminalreporter.write_line(
        f"{len(_deselected)} boot tests in tests/boot/ were deselected: they install the .deb in a Debian 12 "
        f"virtual machine (~25 min emulated). Run them as root with {OPT_IN}=1 "
        f"(e.g. sudo {OPT_IN}=1 python -m pytest tests/boot).", yellow=True)
