"""The image provider: derivatives at the size asked for, off the UI thread, never outside the content."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QSize

from kiosk.ui.images import image_url, load_image
from tests.conftest import SAMPLE_CONTENT
from tests.ui.conftest import prop, walk

pytestmark = pytest.mark.qml


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    root = tmp_path_factory.mktemp("content")
    (root / "media").mkdir()
    Image.new("RGB", (6000, 4000), "#884422").save(root / "media" / "scan.jpg", quality=90)
    return root


def test_a_huge_scan_is_served_at_screen_size_or_less(qapp, huge):
    image, error = load_image(huge, "media/scan.jpg?r=1", QSize(300, 200))
    assert error == "" and max(image.width(), image.height()) == 480  # the thumbnail
    image, error = load_image(huge, "media/scan.jpg", QSize(1600, 900))
    assert error == "" and max(image.width(), image.height()) == 1920
    image, error = load_image(huge, "media/scan.jpg", QSize(-1, -1))
    assert error == "" and image.width() == 1920


@pytest.mark.parametrize("image_id", ["../etc/passwd", "/etc/passwd", "media/nothing.png"])
def test_paths_outside_or_missing_are_errors_not_files(qapp, huge, image_id):
    image, error = load_image(huge, image_id, QSize(100, 100))
    assert image.isNull() and error


def test_urls_are_quoted_and_carry_the_revision():
    assert image_url("media/ảnh đẹp.jpg", "abc") == "image://kiosk/media/%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg?r=abc"


def test_every_image_on_a_page_comes_through_the_provider_and_loads(make_ui):
    ui = make_ui()
    ui.go("story/1972-12-26")
    images = [i for i in walk(ui.window.contentItem())
              if i.metaObject().className().startswith("QQuickImage") and str(prop(i, "source").toString()).startswith("image://kiosk/")]
    assert len(images) >= 3
    assert all(prop(i, "progress") == 1.0 and prop(i, "implicitWidth") > 0 for i in images if i.isVisible())
