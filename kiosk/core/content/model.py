"""The exhibit as plain, validated Python values (no Qt, no YAML)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Localized:
    """A text given once per language. ``"*"`` holds a text that is the same in all languages."""

    values: dict[str, str]

    def get(self, lang: str, fallback: str = "") -> str:
        v = self.values
        if lang in v:
            return v[lang]
        if "*" in v:
            return v["*"]
        if fallback in v:
            return v[fallback]
        return next(iter(v.values()), "")

    def texts(self) -> list[str]:
        return list(self.values.values())

    @classmethod
    def plain(cls, text: str) -> Localized:
        return cls({"*": text})


EMPTY = Localized({})

FigureValue = int | float | str | Localized


@dataclass(frozen=True)
class Source:
    id: str
    title: Localized
    publisher: Localized = EMPTY
    year: int | None = None
    url: str = ""

    def short(self, lang: str = "", fallback: str = "") -> str:
        """A short credit line in *lang*: publisher (year), or the title."""
        who = self.publisher.get(lang, fallback) if self.publisher.values else self.title.get(lang, fallback)
        return f"{who} ({self.year})" if self.year else who


@dataclass(frozen=True)
class Image:
    file: str  # relative to the content folder, posix separators
    caption: Localized = EMPTY
    credit: Localized = EMPTY
    alt: Localized = EMPTY
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Media:
    """Audio or video: testimony, or a narration (a synthetic or recorded guide voice, labelled as such)."""

    file: str
    kind: str  # "audio" or "video"
    title: Localized = EMPTY
    credit: Localized = EMPTY
    narration: bool = False  # a guide's voice, not a witness's
    synthetic: bool = False  # a text-to-speech voice, labelled as such (never a person's)
    speech: bool = True      # has spoken words, so it needs captions
    captions: tuple[tuple[str, str], ...] = ()  # (language, caption file) found beside the media
    poster: str = ""
    language: str = ""  # the language spoken; visitors get the recording in their language when there is one


@dataclass(frozen=True)
class Claim:
    value: FigureValue
    by: Localized
    source: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    label: Localized
    claims: tuple[Claim, ...]  # one claim for an undisputed figure, several for a disputed one
    unit: Localized = EMPTY

    @property
    def disputed(self) -> bool:
        return len(self.claims) > 1


@dataclass(frozen=True)
class QuoteSource:
    who: Localized
    where: Localized
    when: str | Localized  # ISO date, month or year as written; or a text per language
    ref: str = ""


@dataclass(frozen=True)
class Quote:
    text: Localized
    source: QuoteSource
    kind: str = "verbatim"  # verbatim | paraphrase
    language: str = ""      # the language the words were published in; other languages show a translation


@dataclass(frozen=True)
class Chapter:
    id: str
    date: dt.date
    title: Localized
    body: Localized
    kind: str = "day"
    end_date: dt.date | None = None
    summary: Localized = EMPTY
    images: tuple[Image, ...] = ()
    figures: tuple[Figure, ...] = ()
    witnesses: tuple[str, ...] = ()
    media: tuple[Media, ...] = ()
    sources: tuple[str, ...] = ()  # source ids for the text (title, summary, body)
    file: str = ""


@dataclass(frozen=True)
class Witness:
    id: str
    name: str
    name_ascii: str
    role: Localized
    biography: Localized
    unit: Localized = EMPTY
    born: str = ""
    died: str = ""
    portrait: Image | None = None
    summary: Localized = EMPTY
    quotes: tuple[Quote, ...] = ()
    days: tuple[str, ...] = ()
    media: tuple[Media, ...] = ()
    sources: tuple[str, ...] = ()  # source ids for the text (role, summary, biography, dates)
    file: str = ""


@dataclass(frozen=True)
class Choice:
    text: Localized
    correct: bool = False


@dataclass(frozen=True)
class Question:
    question: Localized
    choices: tuple[Choice, ...]
    explanation: Localized = EMPTY
    source: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quiz:
    id: str
    title: Localized
    questions: tuple[Question, ...]
    description: Localized = EMPTY
    shuffle: bool = True
    file: str = ""


@dataclass(frozen=True)
class Theme:
    background: str = "#15120f"
    surface: str = "#231e1a"
    text: str = "#f4ede3"
    muted: str = "#cbbfae"
    accent: str = "#e0a93b"
    on_accent: str = "#15120f"
    correct: str = "#6cc08a"
    wrong: str = "#ef7a6f"
    font: str = "Noto Sans"


@dataclass(frozen=True)
class Slide:
    image: str = ""
    chapter: str = ""
    caption: Localized = EMPTY


@dataclass(frozen=True)
class Attract:
    slides: tuple[Slide, ...] = ()
    seconds_per_slide: float = 8.0
    video: str = ""  # a silent film played in a loop instead of the slides


@dataclass(frozen=True)
class Exhibit:
    title: Localized = Localized({"*": "Exhibit"})
    subtitle: Localized = EMPTY
    languages: tuple[str, ...] = ("vi", "en")
    default_language: str = "vi"
    idle_timeout: float = 60.0
    idle_countdown: float = 20.0
    theme: Theme = field(default_factory=Theme)
    attract: Attract = field(default_factory=Attract)
    limits: dict[str, int] = field(default_factory=dict)  # the budgets exhibit.yaml raised (kiosk.core.limits)


@dataclass(frozen=True)
class Content:
    """Everything the kiosk shows: only items that loaded without errors are here."""

    root: Path
    exhibit: Exhibit
    sources: dict[str, Source]
    chapters: tuple[Chapter, ...]
    witnesses: tuple[Witness, ...]
    quizzes: tuple[Quiz, ...]

    def chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def witness(self, witness_id: str) -> Witness | None:
        return next((w for w in self.witnesses if w.id == witness_id), None)

    def quiz(self, quiz_id: str) -> Quiz | None:
        return next((q for q in self.quizzes if q.id == quiz_id), None)

    def image_files(self) -> list[str]:
        """Every image file the content shows (paths relative to the content folder), once each."""
        out: list[str] = []
        for s in self.exhibit.attract.slides:
            if s.image:
                out.append(s.image)
        for c in self.chapters:
            out.extend(im.file for im in c.images)
        for w in self.witnesses:
            if w.portrait:
                out.append(w.portrait.file)
        return list(dict.fromkeys(out))

    def all_texts(self) -> list[str]:
        """Every visible string of the content (for font-coverage checks)."""
        out: list[str] = []

        def add(*items: object) -> None:
            for item in items:
                if isinstance(item, Localized):
                    out.extend(item.texts())
                elif isinstance(item, str):
                    out.append(item)

        ex = self.exhibit
        add(ex.title, ex.subtitle)
        for s in ex.attract.slides:
            add(s.caption)
        for src in self.sources.values():
            add(src.title, src.publisher)
        for c in self.chapters:
            add(c.title, c.summary, c.body)
            for im in c.images:
                add(im.caption, im.credit, im.alt)
            for f in c.figures:
                add(f.label, f.unit, *[cl.by for cl in f.claims],
                    *[cl.value if isinstance(cl.value, Localized) else str(cl.value) for cl in f.claims])
        for w in self.witnesses:
            add(w.name, w.name_ascii, w.role, w.unit, w.summary, w.biography, w.born, w.died)
            for q in w.quotes:
                add(q.text, q.source.who, q.source.where, q.source.when)
            if w.portrait:
                add(w.portrait.caption, w.portrait.credit, w.portrait.alt)
        for qz in self.quizzes:
            add(qz.title, qz.description)
            for question in qz.questions:
                add(question.question, question.explanation, *[c.text for c in question.choices])
        return out
