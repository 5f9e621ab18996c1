"""``kiosk new``: a commented skeleton file in the right place, or a whole starter exhibit.

``kiosk new person|chapter|quiz NAME`` writes one item in the exhibit's own languages (read from its
exhibit.yaml); ``kiosk new exhibit DIR --languages fr,vi,en`` writes a complete exhibit to start from:
every file commented, every kind of item once, neutral examples. Both load without errors (so a running
kiosk keeps running the moment they are saved), and every text in them says "TODO", so the validator
points at each one until the real text is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.content import when
from kiosk.core.content.jsonschema import modeline

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
KINDS = {"person": "witnesses", "witness": "witnesses", "chapter": "story", "day": "story", "quiz": "quizzes"}
LANG_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2,4})?")


class SkeletonError(ValueError):
    """A name that cannot become a file, or a file that already exists."""


def slug(name: str) -> str:
    """'Nguyễn Văn An' -> 'nguyen-van-an' (file names and ids are plain lowercase letters, digits and '-')."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(name).lower()).strip("-")


def ascii_name(name: str) -> str:
    text = name.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@dataclass(frozen=True)
class Skeleton:
    path: Path
    text: str


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(languages: tuple[str, ...], what: str, indent: int = 0, block: bool = False) -> str:
    """One TODO line per language: 'fr: "TODO: the title"'."""
    pad = " " * indent
    if block:
        return "".join(f"{pad}{lang}: |\n{pad}  TODO: {what}\n" for lang in languages)
    return "".join(f"{pad}{lang}: {_q('TODO: ' + what)}\n" for lang in languages)


def _inline(languages: tuple[str, ...], text: str = "...") -> str:
    return "{" + ", ".join(f"{lang}: {_q(text)}" for lang in languages) + "}"


def exhibit_languages(root: Path) -> tuple[str, ...]:
    """The languages of the exhibit in *root* (its exhibit.yaml), default language first."""
    from kiosk.core.content.yamlfile import YMap, read_yaml
    from kiosk.core.problems import Problems

    path = root / "exhibit.yaml"
    raw = read_yaml(path, "exhibit.yaml", Problems()) if path.is_file() else None
    languages: tuple[str, ...] = ()
    if isinstance(raw, YMap) and isinstance(raw.get("languages"), list):
        languages = tuple(x for x in raw["languages"] if isinstance(x, str) and LANG_PATTERN.fullmatch(x))
    if not languages:
        raise SkeletonError(f"{path} does not say the exhibit's languages (languages: [..])")
    default = raw.get("default_language") if isinstance(raw, YMap) else None
    if default in languages:
        languages = (default, *[x for x in languages if x != default])
    return tuple(dict.fromkeys(languages))


# -- one item ------------------------------------------------------------------------------------------

def _person(name: str, langs: tuple[str, ...]) -> str:
    role = _text(langs, "role (for example: engineer, 1898-1902)", 2)
    biography = _text(langs, "the biography (you can use **bold** and *italics*).", 2, block=True)
    return f'''{modeline("witness")}
# A person: {name}.
# Only documented people; only documented words. A quote is either the person's exact words
# ("kind: verbatim") or a faithful summary in your own words ("kind: paraphrase"), and always says
# who, where and when (and which source in sources.yaml). Never invent a quotation.
name: {_q(name)}
name_ascii: {_q(ascii_name(name))}          # the name in plain letters (for the index of a long list)
# sort_as: "Family name, Given name"   # how the name is sorted in the index, when not by its first letter
# group: example-group                 # one of the groups of the people section (exhibit.yaml)
role:
{role}# born: 1950                           # in EDTF: 1950-05-19, 1950-05, 1950, 1950~ (about)
# died: 2010
# unit:                                # a team, company or organisation
{"".join(f"#   {lang}: {_q('...')}" + chr(10) for lang in langs)}summary:
{_text(langs, "one or two sentences about this person.", 2)}biography:
{biography}# portrait:                            # put the photo in media/portraits/
#   file: media/portraits/{slug(name)}.jpg
#   caption: {_inline(langs)}
#   credit: {_inline(langs)}           # who made the photo, and the museum's archive number
#   alt: {_inline(langs)}              # what a screen reader says
# sources: [S1, S2]                    # ids in sources.yaml for the biography and the dates
# quotes:
#   - kind: paraphrase
#     text: {_inline(langs)}
#     source: {{who: "...", where: {_inline(langs)}, when: 1950, ref: S1}}
# days: [chapter-id]                   # the story chapters this person appears in (their file names)
'''


def _chapter(name: str, langs: tuple[str, ...], date: when.When | None, kind: str) -> str:
    if date is not None:
        dated = f"date: {date.text}            # in EDTF: 1898, 1967-08, 1898-09-12, 1898/1902, 1954~ (about)\n"
    elif kind == "chapter":
        dated = ("# date: 1898/1902     # no date: a theme, shown after the dated chapters. In EDTF: 1898,\n"
                 "#                     # 1967-08, 1898-09-12, 1898/1902 (a period), 1954~ (about), 197X (1970s)\n")
    else:
        dated = "# date: 1898/1902     # a prologue or epilogue may have a date too (in EDTF)\n"
    kind_line = "kind: " + kind + chr(10) if kind != "chapter" else ""
    body = _text(langs, "the text. Leave an empty line between paragraphs. Say whose figure each number is.", 2,
                 block=True)
    return f'''{modeline("chapter")}
# Story chapter: {name}.
# The file name is the chapter's id. Chapters are shown in the order of their dates; a prologue first,
# an epilogue last, and chapters without a date (themes) after the dated ones, in file-name order.
{kind_line}{dated}# label: {_inline(langs)}    # its short name on the timeline, if not its date
title:
{_text(langs, "title", 2)}summary:
{_text(langs, "one sentence.", 2)}body:
{body}# sources: [S1, S2]                   # ids in sources.yaml for the text: the page shows them as its sources
# images:
#   - file: media/photos/example.jpg
#     caption: {_inline(langs)}
#     credit: {_inline(langs)}
#     alt: {_inline(langs)}
# figures:
#   - label: {_inline(langs)}
#     value: 1000
#     measure: meter                   # or unit: {_inline(langs)} in your own words
#     source: S1
# media:
#   - file: media/audio/example.ogg    # captions beside it: example.{langs[0]}.vtt ...
#     title: {_inline(langs)}
#     role: testimony                  # narration, testimony, interview, film, music, sound, reading, speech
#     credit: {_inline(langs)}
# witnesses: [person-id]               # the people of this chapter (their file names)
'''


def _quiz(name: str, langs: tuple[str, ...]) -> str:
    right = _inline(langs, "TODO: the right answer")
    wrong = _inline(langs, "TODO: a wrong answer")
    return f'''{modeline("quiz")}
# Quiz: {name}.
# Each question has 2 to 6 choices and exactly one "correct: true".
title:
{_text(langs, "quiz title", 2)}description:
{_text(langs, "one sentence.", 2)}shuffle: true          # questions and choices in a new order for every visitor
questions:
  - question:
{_text(langs, "the question?", 6)}    choices:
      - text: {right}
        correct: true
      - text: {wrong}
    explanation:
{_text(langs, "the explanation, shown after answering.", 6)}    # source: [S1]
'''


def make(kind: str, name: str, root: Path, languages: tuple[str, ...] | None = None) -> Skeleton:
    """The skeleton for a new *kind* (person, chapter or quiz) called *name* in content folder *root*, in the
    exhibit's languages."""
    if kind not in KINDS:
        raise SkeletonError(f"unknown kind '{kind}': use one of person, chapter, quiz")
    langs = languages or exhibit_languages(root)
    name = name.strip()
    date = None
    chapter_kind = "chapter"
    if KINDS[kind] == "story":
        if name in ("prologue", "epilogue"):
            item_id, chapter_kind = name, name
        else:
            try:
                date = when.parse(name)
            except when.DateError as exc:
                if re.fullmatch(r"[-\d/.X~?%]+", name):
                    raise SkeletonError(f"{exc} (write it in EDTF, {when.EXAMPLES})") from None
            item_id = slug(name)
    else:
        item_id = slug(name)
    if not item_id or not ID_PATTERN.fullmatch(item_id):
        raise SkeletonError(f"'{name}' does not make a file name; use letters and digits")
    path = root / KINDS[kind] / f"{item_id}.yaml"
    if path.exists():
        raise SkeletonError(f"{path} already exists; edit it, or choose another name")
    folder = KINDS[kind]
    if folder == "witnesses":
        text = _person(name, langs)
    elif folder == "story":
        text = _chapter(name if date is None else date.text, langs, date, chapter_kind)
    else:
        text = _quiz(name, langs)
    return Skeleton(path, text)


def write(skeleton: Skeleton) -> Path:
    skeleton.path.parent.mkdir(parents=True, exist_ok=True)
    with open(skeleton.path, "x", encoding="utf-8") as f:  # never overwrite
        f.write(skeleton.text)
    return skeleton.path


# -- a whole exhibit --------------------------------------------------------------------------------------

def parse_languages(text: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
    bad = [x for x in langs if not LANG_PATTERN.fullmatch(x)]
    if bad or not langs:
        raise SkeletonError(f"'{text}' is not a list of language codes: write them like fr,vi,en (or pt-BR)")
    if len(langs) > 10:
        raise SkeletonError("an exhibit has at most 10 languages")
    return langs


def _exhibit(langs: tuple[str, ...]) -> str:
    from kiosk.core.i18n.catalogue import Labels

    def section(key: str) -> str:
        return "{" + ", ".join(f"{lang}: {_q(Labels(lang, (lang,)).text(key))}" for lang in langs) + "}"

    others = list(langs[1:])
    return f'''{modeline("exhibit")}
#
# The exhibit: its title, languages, sections, colours, screen, attract loop and idle timeout.
# Every text a visitor sees is written once per language ({", ".join(f"{x}: ..." for x in langs)}).
# After editing, check your work with:   kiosk validate <this folder>
# The reference of every key: docs/content-format.md; a walk-through: docs/content-guide.md.

title:
{_text(langs, "the exhibit's title", 2)}subtitle:
{_text(langs, "one line under the title", 2)}
languages: [{", ".join(langs)}]
default_language: {langs[0]}       # the language the kiosk returns to after a visitor leaves
# When a text is missing in a language, the kiosk shows it in the default language, then in the order of
# 'languages'. Say otherwise per language:
# fallback:
#   {langs[-1]}: [{", ".join(others[:1] or [langs[0]])}]
# Dates and numbers are written each language's way (CLDR). To choose a region's way:
# locales:
#   {langs[0]}: {langs[0]}-XX            # e.g. en: en-GB (12 September 1898), en: en-US (September 12, 1898)

sections:                  # the home screen's buttons, in this order (leave out what you do not have)
  - section: story         # chapters on a timeline (story/)
    title: {section("story")}
    subtitle: {section("storyHint")}
    icon: story
    # chapter_label: {_inline(langs, "Chapter {n} of {total}")}
    # eras:                # named periods that group a long timeline
    #   - title: {_inline(langs)}
    #     dates: 1898/1945
  - section: people        # profiles of people (witnesses/)
    title: {section("witnesses")}
    subtitle: {section("witnessesHint")}
    icon: people
    # groups:              # a long list of people, grouped your way (a person says group: <id>)
    #   - id: example-group
    #     title: {_inline(langs)}
  - section: quiz          # quizzes (quizzes/)
    title: {section("quiz")}
    subtitle: {section("quizHint")}
    icon: quiz

screen:                    # the screen the exhibit is made for: landscape, portrait or both
  orientation: landscape
  size: 1920x1080

idle_timeout: 60           # seconds without a touch before the kiosk asks "Are you still there?"
idle_countdown: 20         # seconds the question stays on screen before the kiosk resets

theme:                     # colours as "#rrggbb"; kiosk validate checks every pair the kiosk draws (4.5:1)
  background: "#15120f"
  surface: "#2a231d"
  text: "#f4ede3"
  muted: "#cdc1b1"
  accent: "#e8b04a"
  on_accent: "#15120f"
  correct: "#7fd19a"
  wrong: "#ff8f84"
  font: "Noto Sans"        # shipped with the kiosk; put another font in fonts/ and name it here
  # fonts:                 # a font per language, e.g. for Chinese, Japanese or Korean:
  #   ja: "Noto Sans JP"   # (its .otf/.ttf file in fonts/)

attract:                   # what the screen shows while nobody is using it
  seconds_per_slide: 8
  slides:
    - chapter: example-chapter
    # - image: media/attract/welcome.jpg
    #   caption: {_inline(langs)}
'''


def _sources() -> str:
    return f'''{modeline("sources")}
# Sources: every source the exhibit cites, by a short id. Figures, quotes and quiz questions refer to these
# ids; an id used in the content but missing here is an error.
S1:
  title: "TODO: the title of a book, article, archive or interview"
  publisher: "TODO: who published it"
  # year: 1998
  # url: "https://..."
'''


def new_exhibit(root: Path, languages: tuple[str, ...]) -> list[Path]:
    """Write a starter exhibit in the empty (or new) folder *root*; returns the files written."""
    from kiosk.core.content import jsonschema
    from kiosk.core.i18n import catalogue

    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise SkeletonError(f"{root} is not an empty folder: a new exhibit starts in a new folder")
    files = {
        "exhibit.yaml": _exhibit(languages),
        "sources.yaml": _sources(),
        "story/example-chapter.yaml": _chapter("example-chapter", languages, when.parse("1900/1910"), "chapter"),
        "story/example-theme.yaml": _chapter("example-theme (a chapter without a date)", languages, None, "chapter"),
        "witnesses/example-person.yaml": _person("Example Person", languages).replace(
            "# days: [chapter-id]", "days: [example-chapter]"),
        "quizzes/example-quiz.yaml": _quiz("example-quiz", languages),
    }
    written = []
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
    for folder in ("media/photos", "media/portraits", "media/audio", "fonts"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    written += jsonschema.write_all(root / "schema")
    for lang in languages:
        if lang.split("-")[0] != catalogue.SOURCE_LANGUAGE and catalogue.shipped(lang) is None:
            path = root / "labels" / f"{lang}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(catalogue.updated(None, lang))
            written.append(path)
    return written
