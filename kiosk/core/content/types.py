"""A small declarative schema with typed checks.

Each :class:`Type` checks one YAML value, records problems with their location, and
returns the validated Python value, or :data:`INVALID`. Objects (:class:`Obj`) build
model dataclasses; lists drop invalid items so that one bad image or figure never
takes its whole chapter down. The content format itself is declared in
:mod:`kiosk.core.content.format`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core import chars
from kiosk.core.content import textcheck
from kiosk.core.content import when as edtf
from kiosk.core.content.model import Localized, chain
from kiosk.core.content.yamlfile import YList, YMap
from kiosk.core.i18n import locales
from kiosk.core.limits import Limits
from kiosk.core.problems import Location, Problems, did_you_mean


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()

@dataclass
class Context:
    """What checks need to know while one content folder is validated."""

    root: Path
    problems: Problems
    languages: tuple[str, ...] = ("vi", "en")
    default_language: str = "vi"
    fallback: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the window sizes an image shown full screen must fill without being enlarged
    image_boxes: tuple[tuple[int, int], ...] = ((1280, 720),)
    # (kind, id, location) of every cross-reference, checked once everything is loaded
    refs: list[tuple[str, str, Location]] = field(default_factory=list)
    # the YAML mapping of the object being built (set by Obj just before it calls its build function)
    current: Any = None
    limits: Limits = field(default_factory=Limits)
    yaml_bytes: int = 0  # read so far, against limits.yaml_total_bytes
    # every image and recording checked so far (path -> True when it passed), against the file-count limits
    images_seen: dict[str, bool] = field(default_factory=dict)
    image_bytes: int = 0  # of the distinct images checked, against limits.image_total_bytes
    decoded_bytes: int = 0  # of the images decoded, against limits.image_decode_bytes
    media_seen: dict[str, bool] = field(default_factory=dict)
    texts: list[tuple[str, Location]] = field(default_factory=list)  # every visible text, for the font check
    font_location: Location | None = None  # where exhibit.yaml names the theme's font

    _lines: dict[str, list[str]] = field(default_factory=dict)

    def file_lines(self, rel: str) -> list[str]:
        """The lines of the content file *rel* (for locating something inside a text), [] if unreadable."""
        if rel not in self._lines:
            from kiosk.core import walk
            try:
                data = walk.read_bounded(self.root / rel, self.limits.yaml_file_bytes)
                self._lines[rel] = data.decode("utf-8-sig", "replace").splitlines()
            except OSError:
                self._lines[rel] = []
        return self._lines[rel]

    def chain(self, lang: str) -> tuple[str, ...]:
        return chain(lang, self.languages, self.default_language, self.fallback)

    def error(self, loc: Location, message: str, hint: str = "") -> None:
        self.problems.error(loc, message, hint)

    def warning(self, loc: Location, message: str, hint: str = "") -> None:
        self.problems.warning(loc, message, hint)


def describe(value: Any) -> str:
    """How a found value is named in messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{'true' if value else 'false'}'"
    if isinstance(value, float) and not math.isfinite(value):
        return "'.nan' (not a number)" if math.isnan(value) else "an infinite number"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return type(value).__name__


def check_characters(text: str, loc: Location, ctx: Context, what: str = "the text") -> bool:
    """Report invisible characters in a visible *text*; False when it must not be shown (a bidi override).

    A right-to-left override reverses what follows ("Phạm Tuân (1947)" shows as "Phạm (7491) nâuT"):
    an error. Other invisible characters (a zero-width space, a word joiner, a stray byte order mark)
    change nothing visible but break searching, sorting and line breaking: a warning that names them.
    The line breaks YAML reads and editors do not show (U+2028 ...) are reported once per file by the
    YAML reader.
    """
    found = chars.overrides(text)
    if found:
        i, ch = found[0]
        ctx.error(loc, f"{what} contains a {chars.name(ch)} {chars.context(text, i)}, an invisible character that "
                       "reverses or re-orders the letters after it on screen",
                  "delete it (it comes with text pasted from elsewhere); for right-to-left languages use "
                  "U+2066..U+2069 or U+200E/U+200F instead")
        return False
    others = [(i, ch) for i, ch in chars.invisible(text) if ch not in "\x85\u2028\u2029"]
    if others:
        i, ch = others[0]
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        ctx.warning(loc, f"{what} contains an invisible {chars.name(ch)} {chars.context(text, i)}{more}",
                    "delete it: it is not seen, but it breaks searching, sorting and line breaks")
    return True


def same_text(a: str, b: str) -> bool:
    """Whether two texts look the same to a visitor (case, spaces and Unicode normalization aside)."""
    def norm(t: str) -> str:
        return " ".join(unicodedata.normalize("NFC", t).casefold().split())
    return norm(a) == norm(b)


class Type:
    """One kind of value. Subclasses implement :meth:`check` and :meth:`json_schema`."""

    expected = "a value"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        return {}

    def mismatch(self, value: Any, loc: Location, ctx: Context, hint: str = "") -> Any:
        ctx.error(loc, f"expected {self.expected}, found {describe(value)}", hint)
        return INVALID


class Str(Type):
    expected = "a text"

    def __init__(self, pattern: str | None = None, pattern_hint: str = "", max_length: int = 10_000,
                 visible: bool = True) -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.pattern_hint = pattern_hint
        self.max_length = max_length
        self.visible = visible and pattern is None  # shown to visitors (so its characters must be in the font)

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            return self.mismatch(value, loc, ctx)
        if isinstance(value, dt.date):
            value = value.isoformat()
        value = str(value).strip()
        if not value:
            ctx.error(loc, "the text is empty")
            return INVALID
        if len(value) > self.max_length:
            ctx.error(loc, f"the text is too long ({len(value)} characters; at most {self.max_length})")
            return INVALID
        if not check_characters(value, loc, ctx):
            return INVALID
        if self.pattern and not self.pattern.fullmatch(value):
            ctx.error(loc, f"'{value}' is not valid here", self.pattern_hint)
            return INVALID
        if self.visible:
            ctx.texts.append((value, loc))
        return value

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.pattern:
            out["pattern"] = f"^{self.pattern.pattern}$"
        return out


class Text(Type):
    """A visible text, per language: ``{vi: ..., en: ...}`` or one plain string for all languages."""

    expected = "a text, or one text per language (vi: ..., en: ...)"

    def __init__(self, markdown: bool = False, max_length: int | None = None) -> None:
        self.markdown = markdown
        self.max_length = max_length  # None: the exhibit's text_characters limit

    def _one(self, text: str, lang: str, loc: Location, ctx: Context) -> bool:
        """Checks shared by a single text and each language's text; False when it cannot be shown."""
        limit = self.max_length or ctx.limits.text_characters
        which = f"the '{lang}' text" if lang else "the text"
        if len(text) > limit:
            from kiosk.core.limits import raise_hint
            ctx.error(loc, f"{which} is too long ({len(text):,} characters; at most {limit:,})",
                      "split it, or shorten it" + (f"; {raise_hint('text_characters')}" if not self.max_length else ""))
            return False
        if not check_characters(text, loc, ctx, which):
            return False
        if self.markdown:
            from kiosk.core.content import markdown
            if not markdown.check(text, loc, ctx):
                return False
        ctx.texts.append((text, loc))
        return True

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return self.mismatch(value, loc, ctx, "put the text in quotes")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if not text:
                ctx.error(loc, "the text is empty")
                return INVALID
            if not self._one(text, "", loc, ctx):
                return INVALID
            if text.startswith("TODO"):
                ctx.warning(loc, "the text still says TODO", "write the real text, or remove the key")
            return Localized.plain(text)
        if not isinstance(value, YMap):
            return self.mismatch(value, loc, ctx)
        out: dict[str, str] = {}
        for lang, text in value.items():
            kloc = value.key_locations.get(lang, loc)
            if lang not in ctx.languages:
                ctx.warning(
                    kloc,
                    f"'{lang}' is not one of the exhibit's languages ({', '.join(ctx.languages)})",
                    did_you_mean(lang, ctx.languages) or "add it to 'languages' in exhibit.yaml",
                )
                continue
            vloc = value.value_locations.get(lang, kloc)
            if not isinstance(text, (str, int, float)) or isinstance(text, bool):
                ctx.error(vloc, f"expected a text for '{lang}', found {describe(text)}")
                continue
            text = str(text).strip()
            if not text:
                ctx.warning(vloc, f"the '{lang}' text is empty")
                continue
            if not self._one(text, lang, vloc, ctx):
                continue
            if text.startswith("TODO"):
                ctx.warning(vloc, f"the '{lang}' text still says TODO", "write the real text, or remove the key")
            out[lang] = text
        if not out:
            ctx.error(loc, "no text in any of the exhibit's languages")
            return INVALID
        if len(out) > 1:
            _check_numbers_match(value, out, ctx)
        localized = Localized(out)
        for lang in ctx.languages:
            if lang not in out:
                shown = localized.source(lang, ctx.chain(lang))
                ctx.warning(loc, f"no {locales.describe(lang)} text",
                            f"the {locales.describe(shown)} text is shown instead" if shown else "")
        return localized

    def json_schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "object", "additionalProperties": {"type": "string"},
                 "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z]{2,4})?$"}, "minProperties": 1},
            ],
            "description": "Markdown text" if self.markdown else "text",
        }


def text_location(value: YMap, key: str, index: int) -> Location:
    """Where the character *index* of the text ``value[key]`` (as read, before trimming) is in its file."""
    vloc = value.value_locations.get(key) or value.location
    return textcheck.position(vloc, value.key_locations.get(key), getattr(value, "value_styles", {}).get(key, ""),
                              str(value[key]), index)


def _check_numbers_match(value: YMap, texts: dict[str, str], ctx: Context) -> None:
    """Warn when one language's text gives a figure its translation lacks (see :mod:`kiosk.core.content.textcheck`)."""
    raw = {lang: str(value[lang]) for lang in texts}
    for lang, missing in textcheck.unmatched(raw).items():
        others = [o for o in raw if o != lang
                  and any(n.value not in textcheck.present(raw[o], o) for n in missing)]
        shown = ", ".join(n.text for n in missing[:4]) + (" ..." if len(missing) > 4 else "")
        ctx.warning(text_location(value, lang, missing[0].start),
                    f"the '{lang}' text gives {shown}, which the {', '.join(repr(o) for o in others)} text does not",
                    "both languages should give the same figures; write them in digits in each, or correct the one "
                    "that is wrong")


class Number(Type):
    expected = "a number"

    def __init__(self, minimum: float | None = None, maximum: float | None = None, integer: bool = False) -> None:
        self.minimum, self.maximum, self.integer = minimum, maximum, integer
        if integer:
            self.expected = "a whole number"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.mismatch(value, loc, ctx)
        if isinstance(value, float) and not math.isfinite(value):
            ctx.error(loc, f"expected {self.expected}, found {describe(value)}",
                      "write a number of seconds, e.g. 60" if self.minimum is not None else "write a number")
            return INVALID
        if self.integer and not float(value).is_integer():
            return self.mismatch(value, loc, ctx)
        if self.minimum is not None and value < self.minimum:
            ctx.error(loc, f"{value} is too small (at least {self.minimum:g})")
            return INVALID
        if self.maximum is not None and value > self.maximum:
            ctx.error(loc, f"{value} is too large (at most {self.maximum:g})")
            return INVALID
        return int(value) if self.integer else value

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


class Bool(Type):
    expected = "true or false"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, bool):
            return self.mismatch(value, loc, ctx)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Enum(Type):
    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expected = "one of " + ", ".join(f"'{c}'" for c in choices)

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, str) or value not in self.choices:
            return self.mismatch(value, loc, ctx, did_you_mean(str(value), self.choices))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class Date(Type):
    expected = "a date written as YYYY-MM-DD (e.g. 1898-09-12)"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return self.mismatch(value, loc, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


class EDTFDate(Type):
    """A date in EDTF: ``1898``, ``1967-08``, ``1898-09-12``, ``1898/1902``, ``1954~``, ``197X`` ..."""

    expected = f"a date in EDTF ({edtf.EXAMPLES})"

    def __init__(self, hint: str = "") -> None:
        self.hint = hint or f"write it in EDTF, {edtf.EXAMPLES}"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, dt.datetime):
            value = value.isoformat(timespec="seconds")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}" if value >= 0 else f"-{-value:04d}"
        if not isinstance(value, str):
            return self.mismatch(value, loc, ctx)
        try:
            return edtf.parse(value)
        except edtf.DateError as exc:
            ctx.error(loc, str(exc), self.hint)
            return INVALID

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": r"^[-0-9X./?~%\[\],{}T:Z+ Y]+$"}],
                "description": f"a date in EDTF, {edtf.EXAMPLES}"}


class LanguageMap(Type):
    """One value per language of the exhibit: ``{fr: ..., ja: ...}``."""

    expected = "one value per language (fr: ..., en: ...)"

    def __init__(self, item: Type) -> None:
        self.item = item

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, YMap):
            return self.mismatch(value, loc, ctx)
        out: dict[str, Any] = {}
        for lang, raw in value.items():
            kloc = value.key_locations.get(lang, loc)
            if lang not in ctx.languages:
                ctx.error(kloc, f"'{lang}' is not one of the exhibit's languages ({', '.join(ctx.languages)})",
                          did_you_mean(str(lang), ctx.languages) or "add it to 'languages'")
                continue
            checked = self.item.check(raw, value.value_locations.get(lang, kloc), ctx)
            if checked is not INVALID:
                out[lang] = checked
        return out

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.item.json_schema(),
                "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z]{2,4})?$"}}


class DateOrYear(Type):
    """A date (1972-12-18), a month (1972-12) or a year (1972), kept as written."""

    expected = "a date (1972-12-18), a month (1972-12) or a year (1972)"
    _pattern = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()[:10]
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
            return str(value)
        if isinstance(value, str) and self._pattern.fullmatch(value.strip()):
            text = value.strip()
            try:  # 1972-02-30 or 1972-13 match the pattern but are no dates
                dt.date.fromisoformat((text + "-01-01")[:10])
            except ValueError:
                return self.mismatch(value, loc, ctx)
            return text
        return self.mismatch(value, loc, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}]}


class DateOrText(Type):
    """When something was said or written: a date in EDTF (shown in the visitor's language), or a text per
    language for anything else (``{fr: "été 1898, carnet de chantier", en: "summer 1898, site notebook"}``)."""

    expected = f"a date in EDTF ({edtf.EXAMPLES}), or a text per language (fr: ..., en: ...)"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, YMap):
            return Text(max_length=200).check(value, loc, ctx)
        return EDTFDate(hint=f"write it in EDTF ({edtf.EXAMPLES}), or write other texts per language: "
                             "{fr: ..., en: ...}").check(value, loc, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [*EDTFDate().json_schema()["oneOf"], Text().json_schema()["oneOf"][1]]}


class Color(Type):
    expected = "a colour written as #rrggbb (e.g. #e0a93b)"
    _pattern = re.compile(r"#[0-9a-fA-F]{6}")

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, str) and self._pattern.fullmatch(value.strip()):
            return value.strip().lower()
        return self.mismatch(value, loc, ctx, "put the colour in quotes: \"#e0a93b\"" if value is None else "")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}


class FigureValue(Type):
    expected = "a number, a short text, or a short text per language (vi: ..., en: ...)"
    LARGEST = 1e15  # what a figure card shows in full; 1e308 would be a 309-digit number

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, YMap):  # "about 130" / "khoảng 130": words differ between languages
            return Text(max_length=40).check(value, loc, ctx)
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            return self.mismatch(value, loc, ctx)
        if isinstance(value, float) and not math.isfinite(value):
            return self.mismatch(value, loc, ctx, "write the number, or put a text in quotes")
        if isinstance(value, (int, float)):
            if abs(value) >= self.LARGEST:
                ctx.error(loc, f"the number {value:.3g} is too large to show",
                          f"a figure is at most {self.LARGEST:,.0f}; write a larger one as a text, e.g. \"2 billion\"")
                return INVALID
            return value
        text = str(value).strip()
        if not text or len(text) > 40:
            ctx.error(loc, "a figure's value must be a number or a short text (at most 40 characters)")
            return INVALID
        if not check_characters(text, loc, ctx, "the figure"):
            return INVALID
        ctx.texts.append((text, loc))
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "number"}, {"type": "string", "maxLength": 40},
                          {"type": "object", "additionalProperties": {"type": "string", "maxLength": 40},
                           "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z]{2,4})?$"}, "minProperties": 1}]}


class Ref(Type):
    """The id of another item (a witness, a chapter, a source); checked once all are loaded."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.expected = f"the id of a {kind}"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return self.mismatch(value, loc, ctx)
        value = str(value).strip()
        ctx.refs.append((self.kind, value, loc))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string"}


class Refs(Type):
    """One id or a list of ids."""

    def __init__(self, kind: str) -> None:
        self.ref = Ref(kind)
        self.expected = f"the id of a {kind}, or a list of them"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        items = value if isinstance(value, YList) else [value]
        locs = value.item_locations if isinstance(value, YList) else [loc]
        out = []
        for item, iloc in zip(items, locs, strict=True):
            checked = self.ref.check(item, iloc, ctx)
            if checked is not INVALID and checked in out:
                ctx.warning(iloc, f"the {self.ref.kind} '{checked}' is listed twice", "remove one of them")
            elif checked is not INVALID:
                out.append(checked)
        if items and not out:
            return INVALID  # every id was invalid (and reported); not the same as no ids at all
        return tuple(out)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


class ListOf(Type):
    def __init__(self, item: Type, min_items: int = 0, max_items: int = 1000) -> None:
        self.item = item
        self.min_items, self.max_items = min_items, max_items
        self.expected = "a list (lines starting with '- ')"
        self.unique = isinstance(item, Ref)  # the same link twice shows the same card twice

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if value is None and self.min_items == 0:
            return ()
        if not isinstance(value, YList):
            return self.mismatch(value, loc, ctx)
        if len(value) > self.max_items:
            ctx.error(loc, f"too many items ({len(value)}; at most {self.max_items})")
            return INVALID
        out = []
        for item, iloc in zip(value, value.item_locations, strict=True):
            checked = self.item.check(item, iloc, ctx)
            if checked is not INVALID and self.unique and checked in out:
                ctx.warning(iloc, f"'{checked}' is listed twice", "remove one of them; it is shown once")
            elif checked is not INVALID:
                out.append(checked)  # invalid items are left out; the rest stays
        if len(out) < self.min_items:
            items = f"{self.min_items} valid item{'s' if self.min_items > 1 else ''}"
            ctx.error(loc, f"needs at least {items}, found {len(out)}")
            return INVALID
        return tuple(out)

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        out["maxItems"] = self.max_items
        return out


@dataclass
class Key:
    type: Type
    required: bool = False
    doc: str = ""
    vital: bool = False  # optional, but a value that is given and wrong leaves the whole object out


class Obj(Type):
    """A group of keys that builds a model object.

    ``build`` receives the checked values (only keys that were given and valid) and the
    object's location, and returns the model value or ``INVALID``.
    """

    expected = "a group of 'key: value' lines"

    def __init__(self, keys: dict[str, Key], build: Callable[[dict[str, Any], Location, Context], Any],
                 title: str = "", all_or_nothing: bool = False) -> None:
        self.keys = keys
        self.build = build
        self.title = title
        # when set, an invalid optional key invalidates the whole object (already reported where it is)
        self.all_or_nothing = all_or_nothing

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, YMap):
            return self.mismatch(value, loc, ctx)
        values: dict[str, Any] = {}
        ok = True
        for key, raw in value.items():
            kloc = value.key_locations.get(key, loc)
            spec = self.keys.get(key)
            if spec is None:
                ctx.error(kloc, f"unknown key '{key}'", did_you_mean(key, self.keys) or
                          "known keys: " + ", ".join(self.keys))
                continue
            checked = spec.type.check(raw, value.value_locations.get(key, kloc), ctx)
            if checked is INVALID:
                ok = ok and not (spec.required or spec.vital or self.all_or_nothing)
                continue
            values[key] = checked
        for key, spec in self.keys.items():
            if spec.required and key not in value:
                ctx.error(loc, f"missing required key '{key}'", spec.doc)
                ok = False
        if not ok:
            return INVALID
        ctx.current = value
        return self.build(values, loc, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {k: {**s.type.json_schema(), **({"description": s.doc} if s.doc else {})}
                           for k, s in self.keys.items()},
            "required": [k for k, s in self.keys.items() if s.required],
            "additionalProperties": False,
        }
