"""The Debian package on a booted Debian 12 with systemd, checked from outside (QMP, SSH, serial).

One virtual machine runs every step of packaging/boottest.py in order (install, reboot, the screen
against offscreen renders, a tap, escape keys, content edits, crash, hang, frozen scene, upgrade,
remove, purge); each step is one test here, failing with what the step saw. The figures and
screenshots stay in $KIOSK_BOOT_WORK (default build/boottest): report.json, screens/, journal.txt.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))

import boottest  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def report() -> dict:
    if os.geteuid() != 0:
        pytest.fail("the boot tests need root (debootstrap, QEMU's image files)", pytrace=False)
    work = Path(os.environ.get("KIOSK_BOOT_WORK", REPO / "build" / "boottest")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    boottest.vm.ensure_host_tools()
    deb, deb2, bundle = boottest.prepare_debs(work, os.environ.get("KIOSK_BOOT_DEB"), None, None)
    results = boottest.BootTest(work, deb, deb2, bundle).run(boottest.STEPS)
    print("\nboot test figures:\n" + json.dumps({k: v for k, v in results.items() if k != "_run"}, indent=1,
                                                  ensure_ascii=False)[:6000])
    return results


@pytest.mark.parametrize("step", boottest.STEPS)
def test_step(report, step):
    result = report.get(step)
    assert result is not None, f"the step {step} did not run (an earlier step stopped the machine)"
    assert result["ok"], result.get("error")
