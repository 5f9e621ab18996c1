"""Compatibility for the Qt bridge of before the label catalogues (kiosk/ui/backend.py reads these two names).

The bridge is being rewritten; once it reads ``Presenter.ui()`` and ``Presenter.languages()`` (which follow
the exhibit's fallback chains and its own labels/), this module goes. Meanwhile it answers from the same
catalogues, with English as the only fallback.
"""

from __future__ import annotations

import re

from kiosk.core.i18n import locales
from kiosk.core.i18n.catalogue import Labels, shipped_languages


def strings(lang: str) -> dict[str, str]:
    table = Labels(lang, (lang, "en")).table()
    # the QML of before the bridge's rewrite reads snake_case keys (Kiosk.ui.story_hint)
    return table | {re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), k): v for k, v in table.items()}


class _Names(dict):
    def get(self, code, default=None):  # type: ignore[override]
        own = Labels(code, (code,)).raw("languageName")
        return own or locales.autonym(code) or default


LANGUAGE_LABELS = _Names({code: Labels(code, (code,)).raw("languageName") for code in ["en", *shipped_languages()]})
