"""The Qt binding must not leak or drop references to None.

PySide6 6.12.0 on Python 3.11 decrements None's reference count each time a Qt call returns None
(a null parent item, an invalid QVariant). None is not immortal before Python 3.12, so a kiosk that
runs all day eventually aborts with 'Fatal Python error: none_dealloc'. pyproject.toml pins around it;
this test fails if a binding with the bug is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def _none_refs_after(call, times: int = 2000) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        call()
    return sys.getrefcount(None) - before


def test_null_parent_keeps_none_alive(qapp):
    orphan = QObject()
    assert abs(_none_refs_after(orphan.parent)) < 50


def test_invalid_property_keeps_none_alive(qapp):
    obj = QObject()
    assert abs(_none_refs_after(lambda: obj.property("no_such_property"))) < 50
