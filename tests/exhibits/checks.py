"""What belongs to one language and not another: the check that a page in one language shows nothing of another.

Every text a page can show is either a kiosk label (the catalogues) or a text of the exhibit (its Localized
values). :func:`foreign` gives, for a visitor language, every string that only another language of the exhibit
uses; a page in that language must show none of them. (A name, a number or a word the languages share, such as
"Quiz" in French and English, belongs to both and is never foreign.)
"""

from __future__ import annotations

from kiosk.core.content import model
from kiosk.core.i18n.catalogue import Labels
from kiosk.core.i18n.labels import LABELS


def _label_strings(content: model.Content, lang: str) -> set[str]:
    labels = Labels(lang, content.exhibit.chain(lang), content.labels)
    out = set()
    for key, label in LABELS.items():
        if label.pattern or label.own_name:
            continue
        for n in (1, 2):
            text = labels.raw(key, n)
            if "{" not in text:
                out.add(text)
    return out


def _content_strings(content: model.Content, lang: str) -> set[str]:
    out: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, model.Localized):
            text = value.values.get(lang) or value.values.get("*")
            if text:
                out.add(text.strip())
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(content.exhibit)
    walk(tuple(content.sources.values()))  # a publication's title is in its own language, on every page
    for items in (content.chapters, content.witnesses, content.quizzes):
        walk(items)
    return out


def own(content: model.Content, lang: str) -> set[str]:
    return _label_strings(content, lang) | _content_strings(content, lang)


def foreign(content: model.Content, lang: str) -> set[str]:
    """Strings of the other languages of the exhibit that *lang* does not use itself."""
    mine = own(content, lang)
    others: set[str] = set()
    for other in content.exhibit.languages:
        if other != lang:
            others |= own(content, other)
    return {s for s in others - mine if s.strip()}
