"""qmllint checks every QML file against the Python backend's own type description, and finds nothing.

The description (tools/qmllint/Kiosk/Backend) is made by ``python tools/qmltypes.py`` from the bridge's
classes; CI runs this file (and ``python tools/qmltypes.py --check`` / ``--lint`` say the same by hand).
"""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from tests.conftest import REPO

spec = importlib.util.spec_from_file_location("qmltypes_tool", REPO / "tools" / "qmltypes.py")
qmltypes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qmltypes)


def test_the_committed_type_description_is_that_of_the_backend():
    assert qmltypes.stale() == [], "the backend changed: run python tools/qmltypes.py and commit the result"


def test_a_stale_description_is_noticed(tmp_path):
    copy = tmp_path / "Backend"
    shutil.copytree(qmltypes.OUT, copy)
    described = copy / qmltypes.QMLTYPES
    described.write_text(described.read_text(encoding="utf-8").replace('name: "secondsLeft"', 'name: "secondsGone"'),
                         encoding="utf-8")
    assert qmltypes.stale(copy) == [qmltypes.QMLTYPES]


def test_every_qml_file_is_checked_and_qmllint_finds_nothing():
    files = qmltypes.qml_files()
    assert len(files) >= 30 and any(f.parent.name == "pages" for f in files)
    findings = qmltypes.lint()
    assert findings == [], "\n".join(findings)


@pytest.mark.parametrize(("line", "expected"), [
    ("property int remaining: Kiosk.idle.secondsGone", 'Member "secondsGone" not found on type "IdleGuard"'),
    ("property real size: root.width + Kiosk.idle.timeout", "Unqualified access"),
])
def test_qmllint_sees_the_backend_and_the_mistakes(tmp_path, line, expected):
    broken = tmp_path / "Broken.qml"
    broken.write_text(f"import QtQuick\nimport Kiosk.Backend\n\nItem {{\n    {line}\n}}\n", encoding="utf-8")
    findings = qmltypes.lint([broken])
    assert len(findings) == 1 and expected in findings[0], findings
