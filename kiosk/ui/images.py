"""``image://kiosk/<path>``: content images at the size the item asks for, decoded off the UI thread.

QML never opens an original photo: the provider hands it a cached derivative (thumbnail, screen or
zoom size, see :mod:`kiosk.core.derivatives`) built on a worker thread the first time it is needed.
A grid of fifty portraits therefore decodes fifty thumbnails, not fifty 24-megapixel scans.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from PySide6.QtCore import QRunnable, QSize, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickAsyncImageProvider, QQuickImageResponse, QQuickTextureFactory

from kiosk.core import derivatives
from kiosk.core.media import PathError, resolve_media

log = logging.getLogger(__name__)

PROVIDER_ID = "kiosk"


def image_url(rel: str, revision: str = "") -> str:
    """The QML source for the content image *rel* (the revision makes an edited image reload)."""
    from urllib.parse import quote

    return f"image://{PROVIDER_ID}/{quote(rel)}" + (f"?r={revision}" if revision else "")


def load_image(root: Path, image_id: str, requested: QSize) -> tuple[QImage, str]:
    """(image, error) for *image_id* (a content-relative path, optionally with '?...') at *requested* size."""
    rel = unquote(image_id.split("?", 1)[0])
    source = resolve_media(root, rel)
    if isinstance(source, PathError):
        return QImage(), source.message
    w, h = (requested.width(), requested.height()) if requested.isValid() else (-1, -1)
    try:
        path = derivatives.derivative(source, derivatives.pick_size(w, h))
    except derivatives.DerivativeError as exc:
        if str(exc).startswith("cannot write the image cache"):
            path = source  # a full or read-only cache: show the original rather than nothing
        else:
            return QImage(), str(exc)
    image = QImage(str(path))
    if image.isNull():
        return image, f"cannot decode {rel}"
    return image, ""


class _Response(QQuickImageResponse):
    def __init__(self) -> None:
        super().__init__()
        self._image = QImage()
        self._error = ""

    def deliver(self, image: QImage, error: str) -> None:
        self._image, self._error = image, error
        self.finished.emit()

    def textureFactory(self) -> QQuickTextureFactory:  # noqa: N802 (Qt name)
        return QQuickTextureFactory.textureFactoryForImage(self._image)

    def errorString(self) -> str:  # noqa: N802 (Qt name)
        return self._error


class _Job(QRunnable):
    def __init__(self, root: Path, image_id: str, requested: QSize, response: _Response) -> None:
        super().__init__()
        self.root, self.image_id, self.requested, self.response = root, image_id, QSize(requested), response

    def run(self) -> None:
        try:
            image, error = load_image(self.root, self.image_id, self.requested)
        except Exception as exc:  # noqa: BLE001 (a bad image must never take the kiosk down)
            log.exception("image %s failed", self.image_id)
            image, error = QImage(), f"the image could not be shown: {exc}"
        if error:
            log.warning("image %s: %s", self.image_id, error)
        self.response.deliver(image, error)


class DerivativeProvider(QQuickAsyncImageProvider):
    def __init__(self, root: Callable[[], Path]) -> None:
        super().__init__()
        self._root = root  # the content folder of the moment (it changes with live updates)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(2)

    def requestImageResponse(self, image_id: str, requested: QSize) -> QQuickImageResponse:  # noqa: N802
        response = _Response()
        self._pool.start(_Job(self._root(), image_id, requested, response))
        return response
