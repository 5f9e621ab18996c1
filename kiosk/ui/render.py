"""Render pages offscreen to PNG: the staff's proof sheet, and how tests and docs get screenshots."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.quickitems import effectively_visible, items, on_screen, prop, settle

if TYPE_CHECKING:
    from kiosk.ui.backend import Kiosk

log = logging.getLogger(__name__)


def go_to(window: QQuickWindow, route: str) -> bool:
    """Call Main.qml's goTo(route); True when the route exists."""
    return bool(QMetaObject.invokeMethod(window, "goTo", Q_RETURN_ARG(bool), Q_ARG(str, route)))


def route_file_name(route: str, lang: str, scroll: str = "") -> str:
    return route.replace("/", "__") + (f".{scroll}" if scroll else "") + f".{lang}.png"


def scroll_to_end(window: QQuickWindow) -> int:
    """Scroll every vertically scrolling page on screen to its end (what is below the fold: a page's
    figures and sources); returns how many were scrolled."""
    n = 0
    for item in items(window):
        if not item.inherits("QQuickFlickable") or not effectively_visible(item) or not on_screen(window, item):
            continue
        end = prop(item, "originY", 0.0) + prop(item, "contentHeight", 0.0) - item.height()
        if end > prop(item, "contentY", 0.0) + 1:
            item.setProperty("contentY", end)
            n += 1
    return n


def render_routes(window: QQuickWindow, kiosk: Kiosk, routes: list[str], languages: list[str],
                  out_dir: Path, scroll: str = "") -> list[Path]:
    """Show each route in each language and save a PNG per pair; returns the files written.

    *scroll* "end" shows each page scrolled to its end (the file name says ``.end``)."""
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
            if scroll == "end" and scroll_to_end(window):
                settle(window)
            image = window.grabWindow()
            path = out_dir / route_file_name(route, lang, scroll)
            image.save(str(path))
            written.append(path)
    return written
