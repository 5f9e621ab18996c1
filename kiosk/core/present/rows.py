"""The shapes of the plain data the presenter hands the user interface, declared once.

Each page, card and list row the QML shows is one of these ``TypedDict``\\ s: the presenter builds
them (:mod:`kiosk.core.present.presenter`), the bridge derives its list models' roles from them
(``DictListModel(rows.ChapterCard)``), and a page asked for something that does not exist gets
:func:`blank` of its shape: every key present, empty. So QML never meets a missing key.

Keys are camelCase, the style of every key QML reads. To show something new on a page, add its key
here and fill it in the presenter.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any, TypedDict, TypeVar

T = TypeVar("T")


class Image(TypedDict):
    url: str      # the screen-sized copy (or the original until that is built)
    file: str     # the content file, for the zoomed copy
    caption: str
    credit: str
    alt: str      # what a screen reader says (the caption when the file gives none)


class Claim(TypedDict):
    value: str    # formatted in the visitor's language
    by: str       # whose figure it is
    source: str   # the short credits of its sources, on one line
    sourceIds: list[str]


class Figure(TypedDict):
    label: str
    unit: str
    disputed: bool
    claims: list[Claim]


class Media(TypedDict):
    file: str
    url: str
    kind: str     # "audio" or "video"
    title: str
    credit: str
    label: str    # narration, testimony or film
    captions: str  # the captions file for the visitor's language ("" without captions)
    speech: bool
    poster: str
    duration: int  # milliseconds; 0 when it cannot be read without playing it


class Source(TypedDict):
    id: str
    short: str      # "Author, year" or the title's short form
    title: str
    publisher: str
    year: int       # 0 when unknown
    url: str


# A source in a page's list of every source it cites; "for" (a Python keyword, hence the functional form)
# says what it is cited for: "text", "figures", "quotes". The page's Sources panel shows "short" in bold,
# then "detail" (title, publisher and year, leaving out what "short" already says), "site" (the address's
# host, as plain text: nothing on the kiosk opens a link) and "citedFor" ("Cited for: the text, the figures").
PageSource = TypedDict("PageSource", {"id": str, "short": str, "title": str, "publisher": str, "year": int,
                                      "url": str, "for": list[str], "detail": str, "site": str,
                                      "citedFor": str})


class ChapterCard(TypedDict):
    chapterId: str
    kind: str       # "day", "prologue" or "epilogue"
    short: str      # the day strip's label
    shortDate: str
    dateLabel: str
    dayLabel: str   # the exhibit's chapter label ("Day 3 of 12"), "" when it declares none
    chapterLabel: str  # the same (dayLabel is its older name)
    title: str
    summary: str
    image: str      # the first image's URL ("" without images)


class WitnessCard(TypedDict):
    witnessId: str
    name: str
    nameAscii: str
    role: str
    summary: str
    portrait: str   # URL ("" without a portrait)
    letter: str     # the index letter of the people list


class ChapterPage(ChapterCard):
    body: str       # rich text: the Markdown subset of kiosk.core.content.markdown, escaped
    images: list[Image]
    figures: list[Figure]
    witnesses: list[WitnessCard]
    media: list[Media]
    sources: list[Source]          # what the text cites
    pageSources: list[PageSource]  # every source of the page, once each


class Quote(TypedDict):
    text: str
    kind: str       # "verbatim" or "paraphrase"
    kindLabel: str
    translated: bool  # a verbatim quote shown in a language it was not said in
    language: str   # the language it was said or written in ("" when not given)
    who: str
    where: str
    when: str
    source: str
    sourceIds: list[str]


class WitnessPage(WitnessCard):
    unit: str
    dates: str
    biography: str  # rich text, as the body
    portraitInfo: Image
    quotes: list[Quote]
    days: list[ChapterCard]
    media: list[Media]
    sources: list[Source]
    pageSources: list[PageSource]


class QuizCard(TypedDict):
    quizId: str
    title: str
    description: str
    count: int
    countLabel: str


class Question(TypedDict):
    fileIndex: int   # its place in the quiz file (the order on screen may be shuffled)
    question: str
    choices: list[str]
    correctIndex: int
    explanation: str
    source: str


class QuizPage(QuizCard):
    questions: list[Question]


class Exhibit(TypedDict):
    title: str
    subtitle: str


class Slide(TypedDict):
    image: str
    title: str
    kicker: str
    caption: str


class Group(TypedDict):
    """A group of a long timeline or people list (an era, a year, a letter): its title, first row, size."""
    title: str
    first: int
    count: int


class Section(TypedDict):
    name: str       # the section's route
    kind: str
    title: str
    hint: str
    icon: str       # a kiosk icon's name, or the content file of the exhibit's own


class BandText(TypedDict):
    lang: str
    text: str       # "Touch to begin" in that language


class Language(TypedDict):
    code: str
    label: str      # in its own language


class Cue(TypedDict):
    start: int      # milliseconds
    end: int
    text: str


def keys(shape: type) -> list[str]:
    """The keys of *shape*, in the order they are declared (a card's keys before its page's)."""
    return list(typing.get_type_hints(shape))


def blank(shape: Callable[..., T]) -> T:
    """*shape* with every key present and empty: "" , 0, False, [] or a blank of its own shape."""
    out: dict[str, Any] = {}
    for key, kind in typing.get_type_hints(shape).items():
        origin = typing.get_origin(kind) or kind
        if origin is list:
            out[key] = []
        elif typing.is_typeddict(kind):
            out[key] = blank(kind)
        else:
            out[key] = origin()  # str(), int(), bool()
    return out  # type: ignore[return-value]  # a dict with every key of the TypedDict *shape*
