"""Every route renders in both languages, landscape and portrait: not blank, nothing overflowing,
targets big enough for a finger and text big enough to read."""

from __future__ import annotations

from collections import Counter

import pytest

from kiosk.core.content.loader import load_content
from kiosk.core.content.routes import all_routes
from kiosk.ui.quickitems import effectively_visible, prop, walk
from tests.conftest import SAMPLE_CONTENT

pytestmark = [pytest.mark.qml, pytest.mark.slow]

ROUTES = all_routes(load_content(SAMPLE_CONTENT).content)
SIZES = [(1920, 1080), (1080, 1920), (1280, 720)]


def _horizontally_scrolled(item) -> bool:
    p = item.parentItem()
    while p is not None:
        cw = prop(p, "contentWidth")  # a horizontally scrolling list is wider inside than outside
        if isinstance(cw, float) and cw > p.width() + 1:
            return True
        p = p.parentItem()
    return False


def _scene_rect(item):
    return item.mapRectToScene(item.boundingRect())


def check_page(ui, route: str) -> list[str]:
    """Problems a visitor would see on the current page."""
    w, h = ui.window.width(), ui.window.height()
    unit = min(w, h) / 1080
    problems = []
    for item in walk(ui.window.contentItem()):
        if not effectively_visible(item) or item.width() <= 0 or item.height() <= 0:
            continue  # hidden, or an empty box being laid out (a neighbour page built in the background)
        rect = _scene_rect(item)
        if rect.bottom() < 0 or rect.top() > h or rect.right() < 0 or rect.left() > w:
            continue  # off screen (scrolled away)
        cls = item.metaObject().className()
        if item.inherits("QQuickText"):  # Text and every QML type made of one (KText); not TextEdit/TextInput
            text = item.property("text") or ""
            if not text.strip():
                continue
            where = f"{route}: text {text[:40]!r}"
            size = item.property("font").pixelSize()
            if size < 24 * unit - 0.5:
                problems.append(f"{where} is {size}px, smaller than {24 * unit:.1f}px")
            if item.property("contentWidth") > item.width() + 1.5 and not item.property("truncated"):
                wide = item.property("contentWidth")
                problems.append(f"{where} is wider ({wide:.0f}) than its box ({item.width():.0f})")
            if not _horizontally_scrolled(item) and (rect.left() < -1 or rect.right() > w + 1):
                problems.append(f"{where} runs off the screen ({rect.left():.0f}..{rect.right():.0f} of {w})")
        elif "Button" in cls or "Button" in item.metaObject().superClass().className():
            if not item.isEnabled() or (_horizontally_scrolled(item) and (rect.left() < 0 or rect.right() > w)):
                continue
            if min(item.width(), item.height()) < 64 * unit - 0.5:
                size = f"{item.width():.0f}x{item.height():.0f}"
                problems.append(f"{route}: button {item.objectName() or cls} is {size}, under {64 * unit:.0f}px")
    return problems


def not_blank(image) -> bool:
    small = image.scaled(96, 54)
    colours = Counter(small.pixel(x, y) for x in range(small.width()) for y in range(small.height()))
    most_common_share = colours.most_common(1)[0][1] / (small.width() * small.height())
    return len(colours) > 12 and most_common_share < 0.95


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_route_renders(make_ui, size, lang):
    ui = make_ui(size=size, lang=lang)
    problems = []
    for route in ROUTES:
        ui.go(route)
        assert ui.route == route
        image = ui.window.grabWindow()
        assert image.width() == size[0] and image.height() == size[1]
        if not not_blank(image):
            problems.append(f"{route}: the page looks blank")
        problems += check_page(ui, route)
    assert not problems, "\n".join(problems)
    assert not ui.warnings
