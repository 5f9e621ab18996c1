"""Languages and their CLDR locales (Babel): names, known locales, the locale that formats a language.

An exhibit's language codes are BCP 47 tags (``vi``, ``fr``, ``zh-Hans``, ``pt-BR``); Babel's locale
identifiers use ``_``. Each language formats its dates and numbers with its own CLDR locale unless the
exhibit says otherwise (``locales: {en: en-GB}`` for day-month-year English).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported when first needed (it loads CLDR data)
    from babel.core import Locale


@functools.lru_cache(maxsize=128)
def babel_locale(tag: str) -> str | None:
    """The Babel locale identifier for the BCP 47 *tag*, or None when CLDR has no data for it."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(tag.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=128)
def locale(tag: str) -> Locale:
    """The Babel ``Locale`` for *tag*; English's (the source language) when CLDR does not know it."""
    from babel.core import Locale

    return Locale.parse(babel_locale(tag) or "en")


@functools.lru_cache(maxsize=128)
def autonym(tag: str) -> str:
    """The language's name in itself from CLDR ('Français', '日本語', 'Tiếng Việt'), first letter capitalised."""
    ident = babel_locale(tag)
    if ident is None:
        return tag
    from babel.core import Locale

    loc = Locale.parse(ident)
    name = loc.get_language_name(loc) or tag
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=128)
def english_name(tag: str) -> str:
    """The language's name in English, for messages to staff ('French', 'Chinese (Traditional)')."""
    ident = babel_locale(tag)
    if ident is None:
        return f"'{tag}'"
    from babel.core import Locale

    return Locale.parse(ident).get_display_name("en") or tag


def describe(tag: str) -> str:
    """'French (fr)' for messages."""
    return f"{english_name(tag)} ('{tag}')"
