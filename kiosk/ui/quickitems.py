"""The one walker of a window's item tree: proof sheets, ``kiosk bench``, the soak and the tests find,
count and wait for QML items through it.

Every walk takes a snapshot of an item's children before it descends, and passes over any child that
is not a live ``QQuickItem``: a page may be destroyed while a test or the soak walks the window (a
``deleteLater`` that runs in a nested event loop), and PySide then hands out wrappers whose C++ object
is gone, or, when the freed address has been reused, a wrapper of another type registered for that
address (a flaky ``AttributeError: 'QMetaObject' object has no attribute 'metaObject'`` was seen in
``images_loading``). Class checks use ``QObject.inherits``, which asks the C++ object and creates no
``QMetaObject`` wrappers of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QPointF, QTimer
from PySide6.QtQuick import QQuickItem, QQuickWindow


def alive(obj: object) -> bool:
    """True when *obj* is a QQuickItem whose C++ object still exists."""
    return isinstance(obj, QQuickItem) and shiboken6.isValid(obj)


def children(item: QQuickItem) -> list[QQuickItem]:
    """The live child items of *item*, as a list taken now."""
    return [child for child in list(item.childItems()) if alive(child)]


def walk(root: QQuickItem, prune: Callable[[QQuickItem], bool] | None = None) -> Iterator[QQuickItem]:
    """*root* and every item under it, parents before children, in stacking order (the last is on top).

    *prune(item)* true leaves out the item and everything under it (e.g. whatever is invisible).
    """
    stack = [root] if alive(root) else []
    while stack:
        item = stack.pop()
        if not alive(item) or (prune is not None and prune(item)):
            continue
        yield item
        stack.extend(reversed(children(item)))


def items(window: QQuickWindow) -> Iterator[QQuickItem]:
    """Every item of *window*."""
    return walk(window.contentItem())


def named(root: QQuickItem | QQuickWindow, name: str) -> list[QQuickItem]:
    """The items called *name* (their objectName) under *root*, in stacking order."""
    start = root.contentItem() if isinstance(root, QQuickWindow) else root
    return [item for item in walk(start) if item.objectName() == name]


def prop(obj: QObject, name: str, default=None):
    """obj.property(name), without asking for properties the object does not have.

    (On Python 3.11, PySide6 6.12 drops a reference to None each time property() returns an
    invalid QVariant; thousands of such calls crash the interpreter with 'none_dealloc'.)
    """
    if obj.metaObject().indexOfProperty(name) < 0:
        return default
    return obj.property(name)


def effectively_visible(item: QQuickItem | None) -> bool:
    """Visible and not faded out, itself and every item above it."""
    while item is not None:
        if not alive(item) or not item.isVisible() or item.opacity() <= 0.01:
            return False
        item = item.parentItem()
    return True


def scene_center(item: QQuickItem) -> QPointF:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2))


def on_screen(window: QQuickWindow, item: QQuickItem) -> bool:
    """Whether *item*'s centre lies inside the window."""
    c = scene_center(item)
    return 0 <= c.x() < window.width() and 0 <= c.y() < window.height()


def find(window: QQuickWindow, name: str, visible: bool = True) -> QQuickItem | None:
    """The item called *name* that a visitor would mean: visible (unless *visible* is false), on the
    screen if one is, and of several the one on top (the page above the pages beneath it)."""
    found = [i for i in named(window, name) if not visible or effectively_visible(i)]
    shown = [i for i in found if on_screen(window, i)]
    return (shown or found or [None])[-1]


def images_loading(window: QQuickWindow) -> int:
    """How many visible Image items are still loading."""
    n = 0
    for item in items(window):
        if item.inherits("QQuickImageBase") and item.isVisible():
            # The Status enum has no Python converter; progress < 1 with a source means loading.
            source = item.property("source")
            if source is not None and source.toString() and (item.property("progress") or 0) < 1.0:
                n += 1
    return n


def wait(ms: int) -> None:
    """Run the event loop for *ms* milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until *condition()* holds (True) or *timeout* seconds have passed (False)."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QTimer.singleShot(1, loop.quit)
        loop.exec()
    return True


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
