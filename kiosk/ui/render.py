"""Render pages offscreen to PNG: the staff's proof sheet, and how tests and docs get screenshots."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QCoreApplication, QEventLoop, QMetaObject, QObject, QTimer
from PySide6.QtQuick import QQuickItem, QQuickWindow

log = logging.getLogger(__name__)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _items(item: QQuickItem):
    yield item
    for child in item.childItems():
        yield from _items(child)


def images_loading(window: QQuickWindow) -> int:
    """How many Image items are still loading."""
    n = 0
    for item in _items(window.contentItem()):
        if "Image" in item.metaObject().className() and item.isVisible():
            # The Status enum has no Python converter; progress < 1 with a source means loading.
            if item.metaObject().indexOfProperty("source") < 0:
                continue
            source = item.property("source")
            if source is not None and source.toString() and (item.property("progress") or 0) < 1.0:
                n += 1
    return n


def settle(window: QQuickWindow, timeout: float = 5.0) -> None:
    """Let transitions finish and asynchronous images load."""
    deadline = time.monotonic() + timeout
    wait(50)
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if images_loading(window) == 0:
            break
        wait(30)
    wait(260)  # let the last transitions and fades finish


def go_to(window: QQuickWindow, route: str) -> bool:
    """Call Main.qml's goTo(route); True when the route exists."""
    ok = QMetaObject.invokeMethod(window, "goTo", Q_RETURN_ARG("QVariant"), Q_ARG("QVariant", route))
    return bool(ok)


def route_file_name(route: str, lang: str) -> str:
    return route.replace("/", "__") + f".{lang}.png"


def render_routes(window: QQuickWindow, kiosk: QObject, routes: list[str], languages: list[str],
                  out_dir: Path) -> list[Path]:
    """Show each route in each language and save a PNG per pair; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages:
        kiosk.setProperty("language", lang)
        for route in routes:
            ok = go_to(window, route)
            if not ok:
                log.warning("unknown route %s", route)
                continue
            settle(window)
            image = window.grabWindow()
            path = out_dir / route_file_name(route, lang)
            image.save(str(path))
            written.append(path)
    return written
