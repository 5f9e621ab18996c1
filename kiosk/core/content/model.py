"""The exhibit as plain, validated Python values (no Qt, no YAML)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.content.when import When

if TYPE_CHECKING:
    from kiosk.core.i18n.catalogue import Catalogue


@dataclass(frozen=True)
class Localized:
    """A text given once per language. ``"*"`` holds a text that is the same in all languages."""

    values: dict[str, str]

    def get(self, lang: str, chain: Sequence[str] = ()) -> str:
        """The text in *lang*, else in the first language of *chain* that has it (the exhibit's fallback
        chain, :meth:`Exhibit.chain`), else "". Never "whichever language happens to be there"."""
        v = self.values
        if lang in v:
            return v[lang]
        if "*" in v:
            return v["*"]
        for code in (chain,) if isinstance(chain, str) else chain:
            if code in v:
                return v[code]
        return ""

    def source(self, lang: str, chain: Sequence[str] = ()) -> str:
        """The language whose text :meth:`get` returns ("*" for a text written once for all, "" for none)."""
        v = self.values
        if lang in v:
            return lang
        if "*" in v:
            return "*"
        return next((code for code in chain if code in v), "")

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

    def short(self, lang: str = "", chain: Sequence[str] = ()) -> str:
        """A short credit line in *lang* (else along *chain*): publisher (year), or the title."""
        who = self.publisher.get(lang, chain) if self.publisher.values else self.title.get(lang, chain)
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
    synthetic: bool = False  # a text-to-speech (computer) voice, labelled as such on the card (never a person's)
    speech: bool = True      # has spoken words, so it needs captions
    captions: tuple[tuple[str, str], ...] = ()  # (language, caption file) found beside the media
    poster: str = ""
    language: str = ""  # the language spoken; visitors get the recording in their language when there is one
    role: str = ""      # narration, testimony, interview, film, music, sound, reading, speech ("" = from the rest)

    @property
    def what(self) -> str:
        """What the recording is, for its card: the exhibit's ``role``, else judged from the file and flags."""
        if self.role:
            return self.role
        if self.narration:
            return "narration"
        if not self.speech:
            return "film" if self.kind == "video" else "sound"
        return "testimony"


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
    measure: str = ""  # a CLDR unit (e.g. 'length-millimeter'): value and unit formatted by the visitor's locale

    @property
    def disputed(self) -> bool:
        return len(self.claims) > 1


@dataclass(frozen=True)
class QuoteSource:
    who: Localized
    where: Localized
    when: When | Localized  # a date in EDTF, or a text per language
    ref: str = ""


@dataclass(frozen=True)
class Quote:
    text: Localized
    source: QuoteSource
    kind: str = "verbatim"  # verbatim | paraphrase
    language: str = ""      # the language the words were published in; other languages show a translation


CHAPTER, PROLOGUE, EPILOGUE = "chapter", "prologue", "epilogue"


@dataclass(frozen=True)
class Chapter:
    id: str
    title: Localized
    body: Localized
    date: When | None = None  # None: a theme, not a moment
    kind: str = CHAPTER       # chapter, prologue or epilogue
    label: Localized = EMPTY  # the exhibit's own short name on the timeline, e.g. "Night 9"
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
    born: When | None = None
    died: When | None = None
    portrait: Image | None = None
    summary: Localized = EMPTY
    sort_as: str = ""  # the key a long list is sorted and indexed by (family name first, a reading ...)
    group: str = ""    # one of the people section's groups
    quotes: tuple[Quote, ...] = ()
    days: tuple[str, ...] = ()
    media: tuple[Media, ...] = ()
    sources: tuple[str, ...] = ()  # source ids for the text (role, summary, biography, dates)
    file: str = ""

    @property
    def sort_key(self) -> str:
        """How the person is sorted in a long list: ``sort_as``, else the name in plain letters, without accents
        and case ('Đ' as 'd')."""
        return plain(self.sort_as or self.name_ascii or self.name)


def plain(text: str) -> str:
    import unicodedata

    text = text.strip().replace("đ", "d").replace("Đ", "D").replace("Ð", "D").replace("ð", "d")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


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


COLOR_ROLES = ("background", "surface", "text", "muted", "accent", "on_accent", "correct", "wrong")


@dataclass(frozen=True)
class Palette:
    """The colours of one mode (normal, or the visitor's high contrast)."""

    background: str = "#15120f"
    surface: str = "#231e1a"
    text: str = "#f4ede3"
    muted: str = "#cbbfae"
    accent: str = "#e0a93b"
    on_accent: str = "#15120f"
    correct: str = "#6cc08a"
    wrong: str = "#ef7a6f"


# The accessibility mode's colours unless the exhibit gives its own: every pair the kiosk draws at least 7:1.
HIGH_CONTRAST = Palette(background="#000000", surface="#141414", text="#ffffff", muted="#e6e6e6",
                        accent="#ffd84d", on_accent="#000000", correct="#7dffa0", wrong="#ffb0a8")


@dataclass(frozen=True)
class Theme(Palette):
    font: str = "Noto Sans"
    fonts: dict[str, str] = field(default_factory=dict)  # language -> font family (e.g. ja: Noto Sans JP)
    high_contrast: Palette = HIGH_CONTRAST

    def palette(self) -> Palette:
        return Palette(**{k: getattr(self, k) for k in COLOR_ROLES})

    def font_for(self, lang: str) -> str:
        return self.fonts.get(lang) or self.fonts.get(lang.split("-")[0]) or self.font


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


STORY, PEOPLE, QUIZ = "story", "people", "quiz"
SECTION_KINDS = (STORY, PEOPLE, QUIZ)


@dataclass(frozen=True)
class Era:
    """A named period of the story's timeline; chapters whose date falls in it are grouped under it."""

    title: Localized
    dates: When


@dataclass(frozen=True)
class Group:
    """A group of the people section (the exhibit's own categories)."""

    id: str
    title: Localized


@dataclass(frozen=True)
class Section:
    """One of the exhibit's sections on the home screen: story, people or quiz."""

    kind: str                     # story, people or quiz
    title: Localized = EMPTY      # EMPTY: the kiosk's own label
    subtitle: Localized = EMPTY
    icon: str = ""                # a kiosk icon name, or an SVG/PNG file of the content
    chapter_label: Localized = EMPTY  # story: a template such as "Day {n} of {total}"
    eras: tuple[Era, ...] = ()        # story
    groups: tuple[Group, ...] = ()    # people

    @property
    def route(self) -> str:
        return {STORY: "story", PEOPLE: "witnesses", QUIZ: "quiz"}[self.kind]


@dataclass(frozen=True)
class Screen:
    """The screen the exhibit is designed for."""

    orientation: str = "both"   # landscape, portrait or both
    width: int = 1920           # the design size, in the orientation given
    height: int = 1080

    def sizes(self) -> list[tuple[int, int]]:
        """The window sizes to check and render: one per orientation the exhibit supports."""
        long, short = max(self.width, self.height), min(self.width, self.height)
        if self.orientation == "landscape":
            return [(long, short)]
        if self.orientation == "portrait":
            return [(short, long)]
        return [(self.width, self.height), (self.height, self.width)]


@dataclass(frozen=True)
class Exhibit:
    title: Localized = Localized({"*": "Exhibit"})
    subtitle: Localized = EMPTY
    languages: tuple[str, ...] = ("vi", "en")
    default_language: str = "vi"
    fallback: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> languages to try after it
    locales: dict[str, str] = field(default_factory=dict)  # language -> the CLDR locale of its dates and numbers
    idle_timeout: float = 60.0
    idle_countdown: float = 20.0
    theme: Theme = field(default_factory=Theme)
    attract: Attract = field(default_factory=Attract)
    limits: dict[str, int] = field(default_factory=dict)  # the budgets exhibit.yaml raised (kiosk.core.limits)
    sections: tuple[Section, ...] = ()  # () until the loader fills in the sections that have content
    screen: Screen | None = None        # None: not declared (any screen)

    def chain(self, lang: str) -> tuple[str, ...]:
        """The languages a missing text in *lang* is looked for in, in order: the exhibit's ``fallback`` for
        *lang*, then the default language, then ``languages`` in their order (each once, *lang* first)."""
        return chain(lang, self.languages, self.default_language, self.fallback)

    def locale(self, lang: str) -> str:
        """The CLDR locale (BCP 47 tag) whose formats *lang* uses."""
        return self.locales.get(lang, lang)

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)


def chain(lang: str, languages: Sequence[str], default: str, fallback: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((lang, *fallback.get(lang, ()), default, *languages)))


@dataclass(frozen=True)
class Content:
    """Everything the kiosk shows: only items that loaded without errors are here."""

    root: Path
    exhibit: Exhibit
    sources: dict[str, Source]
    chapters: tuple[Chapter, ...]
    witnesses: tuple[Witness, ...]
    quizzes: tuple[Quiz, ...]
    # language -> the exhibit's own label catalogue (labels/*.po)
    labels: dict[str, Catalogue] = field(default_factory=dict)

    @functools.cached_property
    def _by_id(self) -> dict[tuple[str, str], object]:
        """Every item by (kind, id): collections of hundreds are looked up, not searched."""
        return {("chapter", c.id): c for c in self.chapters} | {("witness", w.id): w for w in self.witnesses} \
            | {("quiz", q.id): q for q in self.quizzes}

    def chapter(self, chapter_id: str) -> Chapter | None:
        return self._by_id.get(("chapter", chapter_id))  # type: ignore[return-value]

    def witness(self, witness_id: str) -> Witness | None:
        return self._by_id.get(("witness", witness_id))  # type: ignore[return-value]

    def quiz(self, quiz_id: str) -> Quiz | None:
        return self._by_id.get(("quiz", quiz_id))  # type: ignore[return-value]

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
        for section in ex.sections:
            add(section.title, section.subtitle, section.chapter_label)
            for era in section.eras:
                add(era.title)
            for group in section.groups:
                add(group.title)
        for src in self.sources.values():
            add(src.title, src.publisher)
        for c in self.chapters:
            add(c.title, c.summary, c.body, c.label)
            for im in c.images:
                add(im.caption, im.credit, im.alt)
            for f in c.figures:
                add(f.label, f.unit, *[cl.by for cl in f.claims],
                    *[cl.value if isinstance(cl.value, Localized) else str(cl.value) for cl in f.claims])
        for w in self.witnesses:
            add(w.name, w.name_ascii, w.role, w.unit, w.summary, w.biography)
            for q in w.quotes:
                add(q.text, q.source.who, q.source.where, q.source.when)
            if w.portrait:
                add(w.portrait.caption, w.portrait.credit, w.portrait.alt)
        for qz in self.quizzes:
            add(qz.title, qz.description)
            for question in qz.questions:
                add(question.question, question.explanation, *[c.text for c in question.choices])
        return out
