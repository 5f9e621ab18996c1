"""The kiosk's own texts for one language, without an exhibit: for tools and tests that need them outside a
:class:`~kiosk.core.present.presenter.Presenter` (which follows the exhibit's fallback chains and its own
``labels/``: what the running kiosk shows is ``Presenter.ui()``).
"""

from __future__ import annotations

from kiosk.core.i18n import locales
from kiosk.core.i18n.catalogue import Labels, shipped_languages


def strings(lang: str) -> dict[str, str]:
    """Every label in *lang*, from the kiosk's catalogues, English where the catalogue lacks one."""
    return Labels(lang, (lang, "en")).table()


class _Names(dict[str, str]):
    """A language's own name ('Tiếng Việt', '日本語'), for any code: the catalogue's, else CLDR's."""

    def get(self, code: str, default: str | None = None) -> str | None:  # type: ignore[override]
        own = Labels(code, (code,)).raw("languageName")
        return own or locales.autonym(code) or default

    def __missing__(self, code: str) -> str:
        return self.get(code) or code


LANGUAGE_LABELS = _Names({code: Labels(code, (code,)).raw("languageName") for code in ["en", *shipped_languages()]})
