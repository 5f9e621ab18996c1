"""packaging/build.py's quick parts: the pre-flight check's package names and the inputs' hash."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("kiosk_build", REPO / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["kiosk_build"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("soname, package", [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"), ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libdbus-1.so.3", "libdbus-1-3"), ("libEGL.so.1", "libegl1"), ("libX11.so.6", "libx11-6"),
    ("libwayland-cursor.so.0", "libwayland-cursor0"), ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libpulse.so.0", "libpulse0"), ("libgssapi_krb5.so.2", "libgssapi-krb5-2"),
    ("libbrotlidec.so.1", "libbrotli1"), ("libnss3.so", "libnss3"),
])
def test_a_missing_library_is_named_by_its_debian_package(build, soname, package):
    assert build.debian_package_of(soname) == package


def test_installing_pyinstaller_mid_build_is_not_a_change_of_the_sources(build, monkeypatch):
    monkeypatch.setattr(build, "_tool_version", lambda dist: "6.22.0")
    first = build.inputs_hash()
    assert build.inputs_hash() == first
    monkeypatch.setattr(build, "_tool_version", lambda dist: "6.23.0")
    assert build.inputs_hash() != first, "another PyInstaller builds another bundle"


def test_the_bundle_filter_is_the_one_kiosk_spec_uses(build):
    spec = (REPO / "packaging" / "kiosk.spec").read_text(encoding="utf-8")
    assert "from bundle_filter import dropped" in spec
    sys.path.insert(0, str(REPO / "packaging"))
    from bundle_filter import dropped

    assert dropped("PySide6/Qt/lib/libQt6Pdf.so.6") and dropped("PySide6/Qt/qml/QtWebEngine/qmldir")
    assert not dropped("PySide6/Qt/lib/libQt6Quick.so.6")
    assert not dropped("PySide6/Qt/plugins/platforms/libqwayland.so")
    from bundle_filter import kept

    # the pre-flight check looks only at what can end up in the bundle
    assert not kept("PySide6/QtWebEngineCore.abi3.so") and not kept("PySide6/Qt/lib/libQt6CanvasPainter.so.6")
    assert kept("PySide6/QtQuick.abi3.so") and kept("PySide6/Qt/lib/libQt6Quick.so.6")
    assert kept("PySide6/Qt/plugins/platforms/libqxcb.so")
