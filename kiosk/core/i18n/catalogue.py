"""The kiosk's label catalogues: gettext PO files, read with Babel.

Why gettext PO: it is what translators and their tools (Poedit, Weblate, Transifex, Lokalize) already
use, it carries a comment per message and the language's plural rule, and it needs no compiler at run
time (Babel reads the text files; the handful of catalogues reads in milliseconds). Qt Linguist's TS/QM
would tie the texts to Qt and to QML's own ``qsTr``, which the Qt-free core could not test or use.

Three layers, first match wins, for a visitor's language *L* with the exhibit's fallback chain
``L → f1 → f2 …`` (:meth:`kiosk.core.content.model.Exhibit.chain`):

1. the exhibit's own ``labels/<L>.po`` (a museum overrides any label, or adds a language),
2. the catalogue shipped with the kiosk, ``kiosk/core/i18n/po/<L>.po``,
3. the same for ``f1``, ``f2`` …, and finally the English source text (:mod:`kiosk.core.i18n.labels`).

A fuzzy or empty translation counts as missing. Pattern labels (CLDR date formats) and the language's
own name are never borrowed from another language (see :mod:`kiosk.core.i18n.labels`).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.i18n.labels import LABELS, PLACEHOLDER, Label
from kiosk.core.i18n.locales import babel_locale, english_name

if TYPE_CHECKING:  # Babel's message catalogues are imported when a catalogue is written
    from babel.messages.catalog import Catalog

PO_DIR = Path(__file__).with_name("po")
TEMPLATE = PO_DIR / "kiosk.pot"
PROJECT = "museum-kiosk"
# the header's dates are fixed so that the files change only when a text changes
_FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class CatalogueProblem:
    """Something wrong in a catalogue file: where (1-based line), what, and a hint."""

    line: int
    message: str
    hint: str = ""
    error: bool = False


@dataclass
class Catalogue:
    """One language's translations: label key -> its forms (one, or one per plural form)."""

    lang: str
    path: str  # as shown in messages
    messages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    plural_expr: str = "(n != 1)"
    nplurals: int = 2
    problems: list[CatalogueProblem] = field(default_factory=list)

    @functools.cached_property
    def plural(self) -> Callable[[int], int]:
        try:
            return gettext.c2py(self.plural_expr)
        except (ValueError, SyntaxError):
            return lambda n: 0 if n == 1 else 1

    def form(self, key: str, n: int | None) -> str:
        forms = self.messages[key]
        if n is None or len(forms) == 1:
            return forms[0] if n is None or len(forms) == 1 else forms[-1]
        index = self.plural(abs(int(n)))
        return forms[index] if 0 <= index < len(forms) and forms[index] else forms[-1]

    def __getstate__(self) -> dict[str, Any]:  # the compiled plural rule is made again after unpickling
        state = dict(self.__dict__)
        state.pop("plural", None)
        return state


def read_catalogue(data: bytes, lang: str, path: str) -> Catalogue:
    """The labels of a PO file's bytes; problems (bad syntax, unknown keys, lost placeholders) are kept in it."""
    from babel.core import UnknownLocaleError
    from babel.messages.pofile import PoFileError, read_po

    cat = Catalogue(lang, path)
    syntax = _syntax_problem(data)
    if syntax is not None:
        cat.problems.append(syntax)
        return cat
    try:
        po = read_po(io.BytesIO(data), locale=_babel_locale(lang), abort_invalid=True)
    except (PoFileError, UnknownLocaleError, ValueError, UnicodeDecodeError) as exc:
        line = _error_line(str(exc))
        cat.problems.append(CatalogueProblem(line, f"cannot read the catalogue: {_short(exc)}",
                                             "check the quotes and msgctxt/msgid/msgstr lines near there", error=True))
        return cat
    except Exception:
        import logging

        logging.getLogger(__name__).exception("reading %s", path)
        cat.problems.append(CatalogueProblem(1, "cannot read the catalogue", "is it a gettext .po file?", error=True))
        return cat
    try:
        cat.plural_expr, cat.nplurals = po.plural_expr, po.num_plurals
    except (ValueError, AttributeError, KeyError):
        pass
    for message in po:
        if not message.id:
            continue  # the header
        key = message.context or ""
        line = message.lineno or 1
        label = LABELS.get(key)
        if label is None:
            from kiosk.core.problems import did_you_mean

            hint = did_you_mean(key, LABELS) if key else "each entry needs msgctxt \"<label key>\""
            cat.problems.append(CatalogueProblem(line, f"unknown label '{key}'" if key else "an entry has no msgctxt",
                                                 hint or "kiosk labels --pot lists every label"))
            continue
        forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        forms = tuple(f or "" for f in forms)
        if message.fuzzy or not any(forms):
            continue
        if label.plural and not isinstance(message.id, (tuple, list)):
            forms = (forms[0],)
        if label.plural and "" in forms and any(forms):
            cat.problems.append(CatalogueProblem(line, f"the label '{key}' has an empty plural form",
                                                 "fill in every msgstr[N] line"))
            forms = tuple(f or next(x for x in forms if x) for f in forms)
        wrong = _placeholder_problem(label, forms)
        if wrong:
            cat.problems.append(CatalogueProblem(line, f"the label '{key}': {wrong}",
                                                 f"the English text is: {label.text}"))
            continue
        cat.messages[key] = forms
        cat.lines[key] = line
    return cat


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_QUOTED}")


def _syntax_problem(data: bytes) -> CatalogueProblem | None:
    """The first line that is not PO syntax. Babel's reader is lenient: it would read `msgstr "Accueil` (no
    closing quote) as 'Accuei' and `msgstr Accueil` as 'ccuei'; a museum's typo must be said, not shown."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data[:exc.start].count(b"\n") + 1
        return CatalogueProblem(bad_line, "the catalogue is not UTF-8 text", "save it as UTF-8", error=True)
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _LINE.fullmatch(stripped):
            hint = ("a text is written in double quotes, and a quote inside it as \\\""
                    if '"' in stripped or stripped.startswith("msg") else
                    "each line is a comment (#), a keyword (msgctxt, msgid, msgstr) with a quoted text, "
                    "or a quoted text")
            return CatalogueProblem(number, f"this line is not gettext PO syntax: {stripped[:60]}", hint, error=True)
    return None


def _placeholder_problem(label: Label, forms: Sequence[str]) -> str:
    if label.pattern:
        return ""
    wanted = label.placeholders()
    for text in forms:
        found = set(PLACEHOLDER.findall(text))
        unknown = found - wanted
        if unknown:
            return "unknown placeholder " + ", ".join("{" + u + "}" for u in sorted(unknown))
        # a plural form may leave {n} out ("un seul" for one), every other placeholder must stay
        lost = wanted - found - ({"n"} if label.plural else set())
        if lost:
            return "the translation lost " + ", ".join("{" + x + "}" for x in sorted(lost))
        try:
            text.format(**dict.fromkeys(found, ""))
        except (ValueError, IndexError, KeyError):
            return "braces that are not a placeholder (write {{ and }} for a brace)"
    return ""


def _error_line(text: str) -> int:
    match = re.search(r"line (\d+)", text)
    return int(match.group(1)) if match else 1


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _babel_locale(lang: str) -> str | None:
    return babel_locale(lang)


def catalogue_file_names(lang: str) -> list[str]:
    """The shipped catalogue names that may serve *lang*: ``pt-BR`` → pt-BR.po, pt.po; ``zh-Hans`` → zh.po.

    A script subtag other than the one the base catalogue is written in is never served by it (the shipped
    ``zh.po`` is Simplified Chinese; ``zh-Hant`` needs its own).
    """
    parts = lang.replace("_", "-").split("-")
    base = parts[0].lower()
    names = [lang]
    scripts = [p for p in parts[1:] if len(p) == 4]
    if not scripts or (base, scripts[0].title()) in _BASE_SCRIPTS:
        names.append(base)
    return list(dict.fromkeys(names))


# the script each shipped base catalogue is written in, where the language has several
_BASE_SCRIPTS = {("zh", "Hans")}


@functools.lru_cache(maxsize=32)
def shipped(lang: str) -> Catalogue | None:
    """The catalogue shipped with the kiosk for *lang*, or None."""
    for name in catalogue_file_names(lang):
        path = PO_DIR / f"{name}.po"
        if path.is_file():
            return read_catalogue(path.read_bytes(), lang, f"kiosk/core/i18n/po/{name}.po")
    return None


def shipped_languages() -> list[str]:
    return sorted(p.stem for p in PO_DIR.glob("*.po"))


def _is_source(lang: str) -> bool:
    return lang.replace("_", "-").split("-")[0].lower() == SOURCE_LANGUAGE


class Labels:
    """The kiosk's labels for one visitor language, with the exhibit's fallback chain and overrides."""

    def __init__(self, lang: str, chain: Sequence[str] = (), overrides: dict[str, Catalogue] | None = None) -> None:
        self.lang = lang
        self.chain = tuple(dict.fromkeys((lang, *chain)))
        overrides = overrides or {}
        self._layers: list[tuple[str, Catalogue | None]] = []  # (language, catalogue); None = English source
        for code in self.chain:
            if code in overrides:
                self._layers.append((code, overrides[code]))
            if _is_source(code):
                self._layers.append((code, None))
                continue
            cat = shipped(code)
            if cat is not None:
                self._layers.append((code, cat))
        self._own = [(code, cat) for code, cat in self._layers if code == lang]
        self._cache: dict[str, tuple[str, Catalogue | None]] = {}

    def _find(self, key: str) -> tuple[str, Catalogue | None]:
        """(the language that supplies *key*, its catalogue or None for the English source)."""
        found = self._cache.get(key)
        if found is not None:
            return found
        label = LABELS[key]
        layers = self._own if (label.pattern or label.own_name) else self._layers
        found = next(((code, cat) for code, cat in layers if cat is None or key in cat.messages),
                     ("", None) if (label.pattern or label.own_name) else (SOURCE_LANGUAGE, None))
        self._cache[key] = found
        return found

    def source_of(self, key: str) -> str:
        """The language whose text is shown for *key* ("" for a pattern or name left to CLDR)."""
        return self._find(key)[0]

    def raw(self, key: str, n: int | None = None) -> str:
        """The label's text (the form for *n* when it has plurals), placeholders not filled in."""
        label = LABELS[key]
        code, cat = self._find(key)
        if cat is None:
            if label.pattern:
                return ""  # the locale's CLDR format (see pattern())
            if label.own_name:
                return label.text if code else ""
            return label.text if (n is None or n == 1 or not label.plural) else label.plural
        return cat.form(key, n)

    def pattern(self, key: str) -> str:
        """The explicit CLDR date pattern this language's catalogue gives for *key*, or "" for the skeleton."""
        return self.raw(key)

    def text(self, key: str, **values: object) -> str:
        """The label with its placeholders filled in; ``n`` chooses the plural form."""
        n = values.get("n")
        raw = self.raw(key, int(n) if isinstance(n, (int, float)) else None)
        if not values:
            return raw
        try:
            return raw.format(**{k: str(v) for k, v in values.items()})
        except (KeyError, IndexError, ValueError):
            return raw

    def table(self) -> dict[str, str]:
        """Every text label (not the patterns), as QML reads them: plural labels in their general form."""
        out = {}
        for key, label in LABELS.items():
            if label.pattern:
                continue
            out[key] = self.raw(key, 2 if label.plural else None)
        return out

    def missing(self) -> list[tuple[str, str]]:
        """(key, the language shown instead) for every text label this language does not have itself."""
        out = []
        for key, label in LABELS.items():
            if label.pattern or label.own_name:
                continue
            code = self.source_of(key)
            if code != self.lang:
                out.append((key, code))
        return out


# -- writing the template and updating catalogues (kiosk labels) ------------------------------------

def _new_catalog(locale: str | None) -> Catalog:
    from babel.messages.catalog import Catalog

    what = f"{english_name(locale)} labels" if locale else "Labels (the English source, a template)"
    return Catalog(locale=locale, project=PROJECT, version="1", creation_date=_FIXED_DATE,
                   revision_date=_FIXED_DATE, fuzzy=False, msgid_bugs_address="", charset="utf-8",
                   header_comment=f"# {what} of the museum kiosk: every text the kiosk itself shows.\n"
                                  "# Each entry's msgctxt is the label's key; keep every {placeholder}.\n"
                                  "# docs/translations.md says who wrote and who checked each language.",
                   last_translator="see docs/translations.md", language_team="")


def template() -> Catalog:
    """The Babel catalogue of every label, English only (the .pot)."""
    cat = _new_catalog(None)
    for key, label in LABELS.items():
        flags = ["python-brace-format"] if label.placeholders() else []
        msgid = (label.text, label.plural) if label.plural else label.text
        cat.add(msgid, context=key, auto_comments=[label.comment] if label.comment else [], flags=flags)
    return cat


def dumps(catalog: Catalog, omit_header: bool = False) -> bytes:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=omit_header, sort_output=False, include_lineno=False)
    # Babel's placeholders for an address and a team: the kiosk has neither
    return re.sub(rb'"(Report-Msgid-Bugs-To|Language-Team): [^"]*"\n', b"", buf.getvalue())


def write_template(path: Path = TEMPLATE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(template()))
    return path


def updated(po_bytes: bytes | None, lang: str, prefill: Catalogue | None = None) -> bytes:
    """A catalogue for *lang* with every current label: translations kept, new labels empty (or taken
    from *prefill*, e.g. the shipped catalogue a museum starts its own from), removed labels dropped."""
    from babel.messages.pofile import read_po

    locale = _babel_locale(lang)
    if po_bytes:
        cat = read_po(io.BytesIO(po_bytes), locale=locale)
    else:
        cat = _new_catalog(locale)
    tmpl = template()
    cat.update(tmpl, no_fuzzy_matching=True, update_header_comment=False, keep_user_comments=True)
    cat.obsolete.clear()
    if prefill is not None:
        for message in cat:
            key = message.context
            if message.id and key in prefill.messages and not any(_forms(message.string)):
                forms = prefill.messages[key]
                message.string = forms if isinstance(message.id, (tuple, list)) else forms[0]
    return dumps(cat)


def _forms(value: str | tuple[str, ...] | list[str] | None) -> Iterable[str | None]:
    return value if isinstance(value, (tuple, list)) else (value,)
