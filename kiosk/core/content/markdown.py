"""The Markdown the kiosk shows: a documented subset, rendered here to Qt rich text with everything else escaped.

Qt's own Markdown and HTML support does far more than an exhibit needs, and each extra is a way around
the content folder's rules: raw HTML (pictures, huge headings, a caption drawn over the player), remote
images (the kiosk would send an HTTP request when a visitor opens the page), ``file:`` and ``../`` images
(a picture from outside the content folder), links a visitor can tap. So Markdown texts (a chapter's
``body``, a witness's ``biography``) are parsed here, with markdown-it-py (CommonMark, the dialect Qt and
editors use), and rendered to the small set of tags listed in :data:`SUBSET`. Every character of the
text itself is escaped; QML shows the result with ``Text.RichText`` and every other text with
``Text.PlainText``.

The subset (docs/content-guide.md, "Markdown"):

=========================  ======================================================
written                    shown
=========================  ======================================================
paragraphs (empty line)    paragraphs
``*italic*``, ``**bold**`` italic, bold
``- item``, ``1. item``    lists (nested lists too)
``# Heading`` (any level)  a bold line (never bigger than the text around it)
``> quote``                an indented paragraph
a line ending in ``\\``    a line break
```code``` , indented code  plain text
``---``                    a horizontal line
``![alt](media/x.png)``    the picture, from the content folder only, at most
                           :data:`IMAGE_MAX_WIDTH` pixels wide
``[text](address)``        the text, without a link (nothing on a kiosk leads away)
``<b>`` and other HTML     shown as written (escaped), with a warning
=========================  ======================================================
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from markdown_it.token import Token

    from kiosk.core.content.types import Context
    from kiosk.core.problems import Location

IMAGE_MAX_WIDTH = 720  # pixels: fits the text column in landscape and in portrait
SUBSET = ("p", "b", "i", "br", "ul", "ol", "li", "blockquote", "hr", "img")



class _Markdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True  # every link and image becomes a token, and is judged here


_md = _Markdown("commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": 20})
_SCHEME = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")


@dataclass(frozen=True)
class Found:
    """Something in a Markdown text that validation reports: its kind, the text, its line (0-based) in the text."""

    kind: str  # "image", "link", "html"
    value: str
    line: int


def _walk(text: str) -> list[Token]:
    return _md.parse(text)


def scan(text: str) -> list[Found]:
    """Images, links and raw HTML in a Markdown *text*, in order."""
    out: list[Found] = []
    lines = text.split("\n")
    for token in _walk(text):
        if token.type != "inline" or not token.children:
            continue
        start = token.map[0] if token.map else 0
        for child in token.children:
            if child.type == "image":
                src = unquote(str(child.attrs.get("src", "")))
                out.append(Found("image", src, _line_of(lines, start, src)))
            elif child.type == "link_open":
                href = unquote(str(child.attrs.get("href", "")))
                out.append(Found("link", href, _line_of(lines, start, href)))
            elif child.type in ("text", "html_inline") and (found := _HTML_TAG.search(child.content)):
                tag = found.group()
                out.append(Found("html", tag, _line_of(lines, start, tag)))
    for token in _walk(text):
        if token.type in ("code_block", "fence", "html_block") and (found := _HTML_TAG.search(token.content)):
            tag = found.group()
            out.append(Found("html", tag, _line_of(lines, token.map[0] if token.map else 0, tag)))
    return out


def _line_of(lines: list[str], start: int, needle: str) -> int:
    for i in range(start, len(lines)):
        if needle and needle in lines[i]:
            return i
    return start


def is_remote(src: str) -> bool:
    """Whether *src* names something outside the content folder by its form: a URL scheme or '//host'."""
    return bool(_SCHEME.match(src))


# -- validation -------------------------------------------------------------------------------------

def check(text: str, loc: Location, ctx: Context) -> bool:
    """Report what the kiosk will not show as written; True (the text itself is always shown)."""
    from kiosk.core.content.format import ImageFile
    from kiosk.core.content.types import INVALID

    images = 0
    for found in scan(text):
        where = _locate(ctx, loc, found)
        if found.kind == "image":
            images += 1
            if images > ctx.limits.markdown_images:
                if images == ctx.limits.markdown_images + 1:
                    from kiosk.core.limits import raise_hint
                    ctx.error(where, f"more than {ctx.limits.markdown_images} pictures in one text: the rest are not "
                                     "shown", raise_hint("markdown_images"))
                continue
            if is_remote(found.value):
                scheme = found.value.split(":", 1)[0].lower() if ":" in found.value else "//"
                ctx.error(where, f"the picture '{_short(found.value)}' is not a file of the content folder "
                                 f"({'a file: address' if scheme == 'file' else 'a web address'}): it is not shown",
                          "the kiosk never fetches anything; put the picture in media/ and write its path, "
                          "e.g. ![A map](media/maps/hanoi.png)")
                continue
            ImageFile(needed=(0, 0)).check(found.value, where, ctx) is INVALID  # noqa: B015 (reported there)
        elif found.kind == "link":
            ctx.warning(where, f"links cannot be opened on the kiosk: the link to '{_short(found.value)}' is shown "
                               "as its text only",
                        "name the source in words, or cite it from sources.yaml")
        else:
            ctx.warning(where, f"HTML is not part of the kiosk's Markdown: '{_short(found.value)}' is shown as written",
                        "use **bold**, *italic*, lists and empty lines between paragraphs")
    return True


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _locate(ctx: Context, loc: Location, found: Found) -> Location:
    """Where *found* is in the YAML file: the line that holds it, at or after the text's own line."""
    from kiosk.core.problems import Location

    lines = ctx.file_lines(loc.path)
    # a link's or a picture's address right after '](' first (the same address may be part of another)
    v = found.value
    needles = [(f"]({v})", 2), (f"]({v} ", 2), (f"](<{v}>", 3), (f"<{v}>", 1), (v, 0)] if found.kind != "html" \
        else [(v, 0)]
    if lines and found.value:
        for needle, skip in needles:
            for i in range(max(0, loc.line - 1), min(len(lines), loc.line + 2000)):
                col = lines[i].find(needle)
                if col >= 0:
                    return Location(loc.path, i + 1, col + skip + 1)
    return loc


# -- rendering ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int


def render(text: str, picture: Callable[[str], Picture | None] = lambda src: None) -> str:
    """*text* as Qt rich text made only of :data:`SUBSET`; *picture(src)* gives a checked content image or None.

    Images that are remote, outside the content folder or not valid images get None from *picture* and are
    left out (validation reported them). Every text is escaped.
    """
    out: list[str] = []
    for token in _walk(text):
        t = token.type
        if t == "paragraph_open":
            if not token.hidden:
                out.append("<p>")
        elif t == "paragraph_close":
            if not token.hidden:
                out.append("</p>")
        elif t == "heading_open":
            out.append("<p><b>")
        elif t == "heading_close":
            out.append("</b></p>")
        elif t in ("bullet_list_open", "bullet_list_close"):
            out.append("<ul>" if t.endswith("open") else "</ul>")
        elif t in ("ordered_list_open", "ordered_list_close"):
            if t.endswith("open"):
                start = token.attrs.get("start")
                out.append(f'<ol start="{int(start)}">' if isinstance(start, int) and start != 1 else "<ol>")
            else:
                out.append("</ol>")
        elif t == "list_item_open":
            out.append("<li>")
        elif t == "list_item_close":
            out.append("</li>")
        elif t in ("blockquote_open", "blockquote_close"):
            out.append("<blockquote>" if t.endswith("open") else "</blockquote>")
        elif t == "hr":
            out.append("<hr/>")
        elif t in ("code_block", "fence", "html_block"):
            body = html.escape(token.content.rstrip("\n"), quote=True).replace("\n", "<br/>")
            out.append(f"<p>{body}</p>")
        elif t == "inline":
            out.append(_inline(token.children or [], picture))
    return "".join(out)


def _inline(children: list[Token], picture: Callable[[str], Picture | None]) -> str:
    out: list[str] = []
    for child in children:
        t = child.type
        if t in ("text", "html_inline", "code_inline"):
            out.append(html.escape(child.content, quote=True))
        elif t == "softbreak":
            out.append(" ")
        elif t == "hardbreak":
            out.append("<br/>")
        elif t in ("em_open", "em_close"):
            out.append("<i>" if t.endswith("open") else "</i>")
        elif t in ("strong_open", "strong_close"):
            out.append("<b>" if t.endswith("open") else "</b>")
        elif t == "image":
            src = unquote(str(child.attrs.get("src", "")))
            found = None if is_remote(src) or ".." in PurePosixPath(src).parts else picture(src)
            if found is not None and found.url.startswith(("file:", "image:", "qrc:")):
                width = min(IMAGE_MAX_WIDTH, max(1, found.width))
                height = max(1, round(found.height * width / max(1, found.width)))
                alt = html.escape(child.content or "", quote=True)
                out.append(f'<img src="{html.escape(found.url, quote=True)}" width="{width}" height="{height}" '
                           f'alt="{alt}"/>')
        # link_open / link_close: nothing; the link's text is rendered as text
    return "".join(out)


def plain(text: str) -> str:
    """The words of a Markdown *text*, without marks (what a screen reader reads)."""
    out: list[str] = []
    for token in _walk(text):
        if token.type == "inline":
            out.append("".join(c.content if c.type in ("text", "code_inline") else
                               " " if c.type in ("softbreak", "hardbreak") else "" for c in token.children or []))
        elif token.type in ("code_block", "fence"):
            out.append(token.content.strip())
    return "\n".join(x for x in out if x)
