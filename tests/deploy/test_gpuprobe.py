"""kiosk.core.machine.gpuprobe: which DRM device cage will draw on, and what Mesa says about it (a fake sysfs here;
the real probe runs on the booted machine of tests/boot)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kiosk.core.machine import gpuprobe


def _card(drm: Path, name: str, driver: str, render: str | None = None, boot_vga: str | None = None) -> None:
    device = drm.parent / "devices" / name
    (device / "drm").mkdir(parents=True)
    drivers = drm.parent / "drivers" / driver
    drivers.mkdir(parents=True, exist_ok=True)
    (device / "driver").symlink_to(drivers)
    if render:
        (device / "drm" / render).mkdir()
    if boot_vga is not None:
        (device / "boot_vga").write_text(boot_vga + "\n")
    (drm / name).mkdir(parents=True)
    (drm / name / "device").symlink_to(device)


@pytest.fixture
def drm(tmp_path, monkeypatch):
    monkeypatch.delenv("WLR_DRM_DEVICES", raising=False)
    folder = tmp_path / "class" / "drm"
    folder.mkdir(parents=True)
    return folder


def _never(node):
    raise AssertionError(f"no probe expected (asked for {node})")


def test_no_drm_device_means_software(drm):
    assert gpuprobe.verdict(drm, probe=_never) == (False, "no DRM display device (/sys/class/drm/card*)")


def test_a_display_only_driver_means_software_without_asking_mesa(drm):
    _card(drm, "card0", "bochs-drm")
    hardware, line = gpuprobe.verdict(drm, probe=_never)
    assert not hardware and line == "card0 (bochs-drm) has no render node: a display-only driver, no 3D"


@pytest.mark.parametrize("answer, hardware", [
    (("iris", "Mesa Intel(R) UHD Graphics 620 (KBL GT2)"), True),
    (("radeonsi", "AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49)"), True),
    (("virtio_gpu", "virgl (Mesa 22.3.6)"), True),
    (("kms_swrast", "llvmpipe (LLVM 15.0.6, 256 bits)"), False),
    (("swrast", "softpipe"), False),
    ("Mesa crashed (SIGSEGV) creating an OpenGL ES context on /dev/dri/renderD128", False),
    ("eglInitialize failed (0x3001)", False),
])
def test_mesa_decides(drm, answer, hardware):
    _card(drm, "card0", "virtio_gpu", render="renderD128")
    asked = []

    def probe(node):
        asked.append(node)
        return answer

    result, line = gpuprobe.verdict(drm, probe=probe)
    assert asked == ["/dev/dri/renderD128"]
    assert result is hardware
    assert line.startswith("card0 (virtio_gpu)")
    if not hardware and isinstance(answer, tuple):
        assert line.endswith("is a software rasteriser")


def test_the_boot_vga_card_is_the_one_cage_draws_on(drm, monkeypatch):
    _card(drm, "card0", "simpledrm")
    _card(drm, "card1", "amdgpu", render="renderD129", boot_vga="1")
    (drm / "card1-HDMI-A-1").mkdir()  # a connector, not a card
    assert gpuprobe.display_card(drm).name == "card1"
    monkeypatch.setenv("WLR_DRM_DEVICES", "/dev/dri/card0")
    assert gpuprobe.display_card(drm).name == "card0"


def test_a_crash_inside_mesa_is_an_answer(monkeypatch):
    monkeypatch.setattr(gpuprobe, "egl_renderer", lambda node: os.kill(os.getpid(), signal.SIGSEGV))
    assert gpuprobe._egl_in_child("/dev/dri/renderD128") == (
        "Mesa crashed (SIGSEGV) creating an OpenGL ES context on /dev/dri/renderD128")


def test_a_probe_that_never_ends_is_an_answer(monkeypatch):
    monkeypatch.setattr(gpuprobe, "TIMEOUT_S", 0.5)
    monkeypatch.setattr(gpuprobe, "egl_renderer", lambda node: time.sleep(30))
    t0 = time.monotonic()
    assert (gpuprobe._egl_in_child("/dev/dri/renderD128")
            == "the OpenGL ES probe on /dev/dri/renderD128 did not finish in 0.5 s")
    assert time.monotonic() - t0 < 5


def test_the_answer_of_the_child_comes_back(monkeypatch):
    monkeypatch.setattr(gpuprobe, "egl_renderer", lambda node: ("iris", f"Mesa Intel on {node}"))
    for _ in range(20):  # the child's exit races with the end of its answer: never "did not finish"
        assert gpuprobe._egl_in_child("/dev/dri/renderD128") == ("iris", "Mesa Intel on /dev/dri/renderD128")
    monkeypatch.setattr(gpuprobe, "egl_renderer", lambda node: (_ for _ in ()).throw(OSError("no gbm")))
    assert gpuprobe._egl_in_child("/dev/dri/renderD128") == "no gbm"
