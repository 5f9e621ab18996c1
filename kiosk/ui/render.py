"""Render pages offscreen to PNG: the staff's proof sheet, and how tests and docs get screenshots."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.quickitems import settle

if TYPE_CHECKING:
    from kiosk.ui.backend import Kiosk

log = logging.getLogger(__name__)


def go_to(window: QQuickWindow, route: str) -> bool:
    """Call Main.qml's goTo(route); True when the route exists."""
    return bool(QMetaObject.invokeMethod(window, "goTo", Q_RETURN_ARG(bool), Q_ARG(str, route)))


def route_file_name(route: str, lang: str) -> str:
    return route.replace("/", "__") + f".{lang}.png"


def render_routes(window: QQuickWindow, kiosk: Kiosk, routes: list[str], languages: list[str],
                  out_dir: Path) -> list[Path]:
    """Show each route in each language and save a PNG per pair; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages:
        kiosk.session.setProperty("language", lang)
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
