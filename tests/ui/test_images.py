"""Images reach QML as screen-sized derivatives built off the UI thread (the original only until then)."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QUrl

from kiosk.core.machine import dirs
from kiosk.ui import images
from tests.ui.conftest import prop, walk

pytestmark = pytest.mark.qml


@pytest.fixture
def huge(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    (root / "media").mkdir(parents=True)
    Image.new("RGB", (6000, 4000), "#884422").save(root / "media" / "scan.jpg", quality=90)
    return root


def local(url: str):
    return QUrl(url).toLocalFile()


def test_the_original_is_used_only_until_its_derivative_is_built(huge):
    first = local(images.image_url(huge, "media/scan.jpg"))
    assert first == str(huge / "media" / "scan.jpg")
    assert images.drain(30)
    second = local(images.image_url(huge, "media/scan.jpg"))
    assert second.startswith(str(dirs.images_cache_dir()))
    with Image.open(second) as im:
        assert max(im.size) == 1920
    # an edited original gets a new derivative
    Image.new("RGB", (3000, 2000), "#224488").save(huge / "media" / "scan.jpg", quality=90)
    assert local(images.image_url(huge, "media/scan.jpg")) == str(huge / "media" / "scan.jpg")
    assert images.drain(30)
    third = local(images.image_url(huge, "media/scan.jpg"))
    assert third != second and third.startswith(str(dirs.images_cache_dir()))


@pytest.mark.parametrize("rel", ["../etc/passwd", "/etc/passwd", "media/nothing.png"])
def test_paths_outside_or_missing_give_no_url(huge, rel):
    assert images.image_url(huge, rel) == ""


def test_every_image_on_a_page_loads(make_ui):
    ui = make_ui()
    ui.go("story/1972-12-26")

    def shown():
        return [i for i in walk(ui.window.contentItem())
                if i.metaObject().className().startswith("QQuickImage") and i.isVisible()
                and prop(i, "source").toString().startswith("file:") and "/icons/" not in prop(i, "source").toString()]

    assert len(shown()) >= 3
    # the neighbouring days' pictures are asked for once the page stands still, so some may still be on their
    # way when the page has settled: each must arrive (a broken one never does), within a bound
    ui.qtbot.waitUntil(lambda: all(prop(i, "progress") == 1.0 and prop(i, "implicitWidth") > 0 for i in shown()),
                       timeout=5000)
