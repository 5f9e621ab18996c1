"""kiosk.core.machine.memory: the allocator settings for a long-running picture viewer (glibc), harmless elsewhere."""

from __future__ import annotations

import sys

import pytest

from kiosk.core.machine import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator is a Linux matter")
def test_glibc_takes_the_settings_and_gives_memory_back():
    assert memory._glibc() is not None, "CI runs on glibc: the kiosk's allocator settings must apply there"
    assert memory.tune_allocator() is True
    blocks = [bytearray(64 * 1024) for _ in range(2000)]  # 128 MB in blocks below the mmap threshold
    del blocks
    assert isinstance(memory.release_free_memory(), bool)


def test_without_glibc_both_do_nothing(monkeypatch):
    monkeypatch.setattr(memory, "_libc", False)
    assert memory.tune_allocator() is False
    assert memory.release_free_memory() is False
