"""The content format: every file, key and rule, declared once with the checks of
:mod:`kiosk.core.content.types`.

The loader validates and builds the model from these declarations, ``kiosk schema`` derives the JSON
Schema for editors from them (:mod:`kiosk.core.content.jsonschema`), and ``docs/content-format.md``
describes the same format for people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kiosk.core.content import model, textcheck, when
from kiosk.core.content.types import (
    INVALID,
    Bool,
    Color,
    Context,
    Date,
    DateOrText,
    EDTFDate,
    Enum,
    FigureValue,
    Key,
    LanguageMap,
    ListOf,
    Number,
    Obj,
    Ref,
    Refs,
    Str,
    Text,
    Type,
    describe,
    text_location,
)
from kiosk.core.content.yamlfile import YMap
from kiosk.core.i18n import locales
from kiosk.core.media import derivatives, files, probe
from kiosk.core.problems import Location, did_you_mean

# -- files the content names ----------------------------------------------------------------------

def _resolve_path(value: str, loc: Location, ctx: Context) -> Any:
    """The file *value* names inside the content folder, or INVALID (reported) when it is not safe or not there."""
    resolved = files.resolve_media(ctx.root, value.strip())
    if isinstance(resolved, files.PathError):
        ctx.error(loc, resolved.message, resolved.hint)
        return INVALID
    return resolved


class ImageFile(Type):
    """A path to an image inside the content folder, checked to exist and decode."""

    expected = "the path of an image file inside the content folder"

    def __init__(self, needed: tuple[int, int] | None = None) -> None:
        # the smallest screen box the image should fill without being enlarged; None: the full-screen viewer
        # on every screen size the exhibit declares (Context.image_boxes)
        self.needed = needed

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.mismatch(value, loc, ctx)
        resolved = _resolve_path(value, loc, ctx)
        if resolved is INVALID:
            return INVALID
        if resolved.suffix.lower() not in files.IMAGE_SUFFIXES:
            ctx.error(loc, f"'{value}' is not an image file ({resolved.suffix or 'no extension'})",
                      "use a PNG or JPEG file")
            return INVALID
        key = str(resolved)
        if key not in ctx.images_seen and len(ctx.images_seen) >= ctx.limits.image_files:
            if len(ctx.images_seen) == ctx.limits.image_files:
                from kiosk.core.limits import raise_hint
                ctx.error(loc, f"the exhibit shows more than {ctx.limits.image_files:,} different images: this one "
                               "and the ones after it are not shown", raise_hint("image_files"))
                ctx.images_seen[""] = False
            return INVALID
        try:
            size = resolved.stat().st_size
        except OSError:
            size = 0
        if key not in ctx.images_seen:
            if ctx.image_bytes + size > ctx.limits.image_total_bytes:
                from kiosk.core.limits import amount, raise_hint
                ctx.error(loc, f"'{value}': the exhibit's images together are larger than "
                               f"{amount(ctx.limits.image_total_bytes, 'bytes')}: this one is not shown",
                          "save the images at the size they are shown; " + raise_hint("image_total_bytes"))
                return INVALID
            ctx.image_bytes += size
        decode = ctx.decoded_bytes + size <= ctx.limits.image_decode_bytes
        info = probe.probe_image(resolved, probe.ImageBudget.of(ctx.limits), decode=decode)
        if key not in ctx.images_seen and decode:
            ctx.decoded_bytes += size
        ctx.images_seen[key] = not info.error
        if info.error:
            ctx.error(loc, f"'{value}': {info.error}", info.hint)
            return INVALID
        boxes = [self.needed] if self.needed is not None else list(ctx.image_boxes)
        found: dict[bool, tuple[str, str]] = {}
        for box in boxes:  # one warning per kind of problem, for the first screen size it concerns
            for problem in derivatives.image_problems(info, *box, max_bytes=derivatives.max_image_bytes(),
                                                      file_bytes=size, location=loc):
                found.setdefault(problem.message.startswith("the image file"), (problem.message, problem.hint))
        for message, hint in found.values():
            ctx.warning(loc, f"'{value}': {message}", hint)
        return value.strip()

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[^/\\].*\.(png|jpe?g|webp|gif|bmp|tiff?)$"}


class MediaFile(Type):
    """A path to an audio or video file inside the content folder, checked to exist and look playable."""

    expected = "the path of an audio or video file inside the content folder"

    def __init__(self, kinds: tuple[str, ...] = ("audio", "video")) -> None:
        self.kinds = kinds

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.mismatch(value, loc, ctx)
        resolved = _resolve_path(value, loc, ctx)
        if resolved is INVALID:
            return INVALID
        suffix = resolved.suffix.lower()
        allowed = (files.AUDIO_SUFFIXES if "audio" in self.kinds else set()) | \
            (files.VIDEO_SUFFIXES if "video" in self.kinds else set())
        if suffix not in allowed:
            ctx.error(loc, f"'{value}' is not {' or '.join(self.kinds)} ({suffix or 'no extension'})",
                      "use " + ", ".join(sorted(allowed)))
            return INVALID
        key = str(resolved)
        if key not in ctx.media_seen and len(ctx.media_seen) >= ctx.limits.media_files:
            if len(ctx.media_seen) == ctx.limits.media_files:
                from kiosk.core.limits import raise_hint
                ctx.error(loc, f"the exhibit plays more than {ctx.limits.media_files:,} different recordings: this "
                               "one and the ones after it are left out", raise_hint("media_files"))
                ctx.media_seen[""] = False
            return INVALID
        info = probe.probe_media(resolved, probe.MediaBudget.of(ctx.limits), video="video" in self.kinds)
        ctx.media_seen[key] = not info.error
        if info.error:
            ctx.error(loc, f"'{value}': {info.error}", info.hint)
            return INVALID
        return value.strip()

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string",
                "pattern": r"^[^/\\].*\.(ogg|oga|opus|mp3|m4a|aac|wav|flac|mp4|m4v|webm|mkv|mov|ogv)$"}



LANG_CODE = r"[a-z]{2,3}(-[A-Za-z]{2,4})?"


def _dataclass(cls: Callable[..., Any]) -> Callable[[dict[str, Any], Location, Context], Any]:
    def build(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
        return cls(**values)
    return build


IMAGE = Obj(
    {
        "file": Key(ImageFile(), required=True, doc="path of the image, e.g. media/photos/opening.jpg"),
        "caption": Key(Text(), required=True, doc="what the image shows"),
        "credit": Key(Text(), doc="who made it or where it comes from"),
        "alt": Key(Text(), doc="description read aloud by screen readers"),
    },
    _dataclass(model.Image),
)


def _build_media(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    from pathlib import Path

    from kiosk.core.media import webvtt

    rel = values["file"]
    path = ctx.root / rel
    kind = "video" if Path(rel).suffix.lower() in files.VIDEO_SUFFIXES else "audio"
    speech = values.get("speech", True)
    captions = []
    broken = False
    seen: set[Path] = set()
    for lang in ctx.languages:
        vtt = webvtt.captions_for(path, lang, root=ctx.root)
        if vtt is None:
            continue
        vtt_rel = vtt.relative_to(ctx.root).as_posix()
        if vtt not in seen:  # a file shared by several languages is checked once
            seen.add(vtt)
            media_info = probe.probe_media(path, probe.MediaBudget.of(ctx.limits))
            cues, problems = webvtt.read_vtt(vtt, vtt_rel, webvtt.CaptionBudget.of(ctx.limits),
                                             duration=media_info.duration or None)
            ctx.problems.extend(problems)
            if not cues and not problems:
                ctx.error(Location(vtt_rel, 1, 1), "the captions file has no cues")
            if any(p.is_error for p in problems) or not cues:
                broken = True  # reported in the captions file itself
                continue
        captions.append((lang, vtt_rel))
    if speech and not broken:
        stem = Path(rel).with_suffix("").as_posix()
        if not captions:
            ctx.warning(loc, f"'{rel}' has spoken words but no captions",
                        f"add {stem}.{ctx.default_language}.vtt (WebVTT) beside it, "
                        "or 'speech: false' if nobody speaks")
        else:
            missing = [lang for lang in ctx.languages if lang not in dict(captions)]
            if missing:
                ctx.warning(loc, f"'{rel}' has no captions in {', '.join(missing)}",
                            f"add {stem}.{missing[0]}.vtt; meanwhile the {captions[0][0]} captions are shown")
    if values.get("synthetic") and not values.get("narration"):
        ctx.warning(loc, f"'{rel}' is a synthetic voice but not marked as narration",
                    "a text-to-speech voice is a guide's voice: add 'narration: true'")
    if "credit" not in values and not values.get("narration"):
        ctx.warning(loc, f"the recording '{rel}' has no credit", "say who recorded it, and when (credit: ...)")
    return model.Media(kind=kind, captions=tuple(captions), **values)


MEDIA_ROLES = ("narration", "testimony", "interview", "film", "music", "sound", "reading", "speech")


MEDIA = Obj(
    {
        "file": Key(MediaFile(), required=True,
                    doc="audio or video file, e.g. media/audio/testimony.ogg; "
                        "captions are WebVTT files beside it: testimony.fr.vtt, testimony.en.vtt"),
        "title": Key(Text(), required=True, doc="what it is, e.g. 'Interview with the engineer, 1961'"),
        "credit": Key(Text(), doc="who recorded it, when, and the archive reference"),
        "narration": Key(Bool(), doc="true for a guide's voice (recorded or synthetic), not a witness's testimony"),
        "synthetic": Key(Bool(), doc="true for a text-to-speech voice: the kiosk labels it 'synthetic voice'"),
        "speech": Key(Bool(), doc="false when nobody speaks (no captions needed); default true"),
        "poster": Key(ImageFile(needed=(0, 0)), doc="an image shown before a video plays"),
        "language": Key(Str(LANG_CODE, "use a language code such as 'fr', 'en' or 'pt-BR'"),
                        doc="the language spoken: visitors get the recording in their language when there is one"),
        "role": Key(Enum(*MEDIA_ROLES), doc="what it is, said on its card: " + ", ".join(MEDIA_ROLES) +
                    " (default: narration for 'narration: true', film or sound when nobody speaks, else testimony)"),
    },
    _build_media,
)


def _build_image(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    for key, what in (("credit", "a credit"), ("alt", "an alt text")):
        if key not in values:
            ctx.warning(loc, f"the image '{values['file']}' has no {key}", f"add {what} ({key}: ...)")
    return model.Image(**values)


IMAGE.build = _build_image

CLAIM = Obj(
    {
        "value": Key(FigureValue(), required=True),
        "by": Key(Text(), required=True, doc="whose figure this is, e.g. 'the city archive' or 'the builder's report'"),
        "source": Key(Refs("source"), required=True, doc="source id(s) from sources.yaml"),
    },
    lambda v, loc, ctx: model.Claim(v["value"], v["by"], v["source"]),
)


def _build_figure(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    single = "value" in values or "source" in values
    if single and "values" in values:
        ctx.error(loc, "a figure has either 'value' and 'source', or 'values' (for a disputed figure), not both")
        return INVALID
    if "values" in values:
        claims = values["values"]
    elif "value" in values and values.get("source"):
        claims = (model.Claim(values["value"], values.get("by", model.EMPTY), values["source"]),)
    else:
        missing = "source" if "value" in values else "value"
        ctx.error(loc, f"the figure '{values['label'].get(ctx.default_language)}' has no '{missing}'",
                  "every figure needs its value and its source")
        return INVALID
    measure = values.get("measure", "")
    if measure and "unit" in values:
        ctx.error(loc, "a figure has either a 'measure' (formatted for each language) or a 'unit' (your own words), "
                       "not both")
        return INVALID
    if measure and any(not isinstance(c.value, (int, float)) for c in claims):
        ctx.error(loc, f"a figure with 'measure: {measure}' needs numbers as values", "write the number alone: 1000")
        return INVALID
    return model.Figure(label=values["label"], claims=tuple(claims), unit=values.get("unit", model.EMPTY),
                        measure=measure)


class Measure(Type):
    """A CLDR unit of measurement, by name: ``millimeter``, ``length-kilometer``, ``mass-tonne``, ``percent``."""

    expected = "a CLDR unit name such as millimeter, kilometer, tonne, hour, percent"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, str) or not value.strip():
            return self.mismatch(value, loc, ctx)
        from babel.units import get_unit_name

        name = value.strip()
        try:  # Babel finds 'millimeter' as well as 'length-millimeter'
            found = get_unit_name(name, locale="en")
        except (ValueError, KeyError, LookupError):
            found = None
        if not found:
            ctx.error(loc, f"'{name}' is not a unit CLDR knows", did_you_mean(name, _common_units()) or
                      "e.g. meter, kilometer, millimeter, kilogram, tonne, hour, day, year, percent, celsius")
            return INVALID
        return name

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": self.expected}


def _common_units() -> list[str]:
    return ["meter", "kilometer", "centimeter", "millimeter", "kilogram", "gram", "tonne", "liter", "hour",
            "minute", "second", "day", "week", "month", "year", "percent", "celsius", "kilometer-per-hour",
            "square-kilometer", "hectare", "foot", "mile", "pound", "ton"]


FIGURE = Obj(
    {
        "label": Key(Text(), required=True, doc="what is counted"),
        "value": Key(FigureValue(), doc="the number (or a short text)"),
        "unit": Key(Text(), doc="the unit in your own words, per language (or use 'measure')"),
        "measure": Key(Measure(), doc="a CLDR unit (millimeter, kilometer, tonne, hour, percent ...): the number "
                                      "and its unit are written the way each visitor's language writes them"),
        "by": Key(Text(), doc="whose figure this is"),
        "source": Key(Refs("source"), doc="source id(s) from sources.yaml"),
        "values": Key(ListOf(CLAIM, min_items=2, max_items=6), doc="a disputed figure: one entry per claim"),
    },
    _build_figure,
    all_or_nothing=True,  # a figure with a broken value, source or claim is left out, not shown half
)

QUOTE_SOURCE = Obj(
    {
        "who": Key(Text(max_length=200), required=True, doc="the person quoted"),
        "where": Key(Text(), required=True, doc="publication, interview or archive"),
        "when": Key(DateOrText(), required=True, doc="date of the source in EDTF (1961-05-04, 1961-05, 1961, "
                                                     "1961~ ...), or a text per language"),
        "ref": Key(Ref("source"), doc="source id from sources.yaml"),
    },
    _dataclass(model.QuoteSource),
)


def _build_quote(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    quote = model.Quote(**values)
    texts = {lang: t for lang, t in quote.text.values.items() if lang != "*"}
    if quote.kind == "verbatim":
        if not quote.source.ref:
            ctx.warning(loc, "a verbatim quote without the source that prints these words",
                        "add 'ref:' with the id in sources.yaml of the publication the words are copied from")
        if quote.language and texts and quote.language not in texts:
            ctx.warning(loc, f"the quote was published in '{quote.language}' but has no '{quote.language}' text",
                        f"give the exact published words under '{quote.language}:'")
        elif not quote.language and len(set(texts.values())) > 1:
            ctx.warning(loc, "a verbatim quote in several languages without 'language:'",
                        "say which language the words were published in (language: en); the other texts are "
                        "then shown as translations")
    return quote


QUOTE = Obj(
    {
        "text": Key(Text(), required=True),
        "kind": Key(Enum("verbatim", "paraphrase"), required=True,
                    doc="verbatim: the exact published words; paraphrase: reported in the exhibit's words"),
        "language": Key(Str(LANG_CODE, "use a language code such as 'vi' or 'en'"),
                        doc="the language the words were published in; the other languages show a translation"),
        "source": Key(QUOTE_SOURCE, required=True, doc="who said it, where and when"),
    },
    _build_quote,
)


def _first_number(raw: Any, keys: tuple[str, ...]) -> tuple[Location, str] | None:
    """Where the first number of the texts *keys* of the YAML mapping *raw* is, and the number."""
    if not isinstance(raw, YMap):
        return None
    for key in keys:
        value = raw.get(key)
        places = ([(value, lang) for lang in value if isinstance(value[lang], str)] if isinstance(value, YMap)
                  else [(raw, key)] if isinstance(value, str) else [])
        for where, k in places:
            found = textcheck.numbers(where[k])
            if found:
                return text_location(where, k, found[0].start), found[0].text
    return None


def _warn_unsourced(raw: Any, keys: tuple[str, ...], cited: bool, what: str, ctx: Context) -> None:
    """A page that gives numbers in its text but cites no source anywhere."""
    if cited:
        return
    found = _first_number(raw, keys)
    if found:
        loc, number = found
        ctx.warning(loc, f"the {what} gives figures (such as {number}) but the page cites no source",
                    "add 'sources: [S1, S2]' with the ids in sources.yaml that support the text")


def _build_chapter(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    kind = values.pop("kind", model.CHAPTER)
    values["kind"] = model.CHAPTER if kind == "day" else kind
    end = values.pop("end_date", None)
    date = values.get("date")
    if end is not None:
        # the first format's 'date' + 'end_date' (days): the same as the EDTF interval date/end_date
        if date is None or date.interval or date.one_of or date.start is None or date.start.unit != "day":
            ctx.error(loc, "'end_date' goes with a 'date' that is one day",
                      "write the whole span as 'date' in EDTF instead, e.g. date: 1898/1902")
        else:
            text = f"{date.text}/{end.isoformat()}"
            try:
                values["date"] = when.parse(text)
            except when.DateError as exc:
                ctx.error(loc, f"'end_date' ({end.isoformat()}) is before 'date' ({date.text})"
                          if "before" in str(exc) else str(exc))
    cited = bool(values.get("sources")) or any(c.source for f in values.get("figures", ()) for c in f.claims)
    _warn_unsourced(ctx.current, ("summary", "body"), cited, "text", ctx)
    return values  # the loader adds id and file


def _build_witness(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    cited = bool(values.get("sources")) or any(q.source.ref for q in values.get("quotes", ()))
    _warn_unsourced(ctx.current, ("summary", "biography"), cited, "biography", ctx)
    return values  # the loader adds id and file


SOURCES = Key(Refs("source"), doc="ids in sources.yaml of the sources for the text, shown on the page")


CHAPTER = Obj(
    {
        "kind": Key(Enum("chapter", "day", "prologue", "epilogue"),
                    doc="chapter (the default; 'day' means the same), prologue (shown first) or epilogue (last)"),
        "date": Key(EDTFDate(), vital=True, doc="when, in EDTF: 1898, 1967-08, 1898-09-12, 1898/1902, 1954~, "
                                                "197X; no date for a theme"),
        "end_date": Key(Date(), doc="last day, for a chapter of several days (the same as date: first/last)"),
        "label": Key(Text(), doc="the chapter's short name on the timeline (default: its date, or its title)"),
        "title": Key(Text(), required=True),
        "summary": Key(Text(), doc="one or two sentences"),
        "body": Key(Text(markdown=True), required=True, doc="Markdown text"),
        "images": Key(ListOf(IMAGE, max_items=40)),
        "figures": Key(ListOf(FIGURE, max_items=20)),
        "witnesses": Key(ListOf(Ref("witness"), max_items=50), doc="ids of people (files in witnesses/)"),
        "media": Key(ListOf(MEDIA, max_items=10), doc="audio or video with captions"),
        "sources": SOURCES,
    },
    _build_chapter,
)

WITNESS = Obj(
    {
        "name": Key(Str(max_length=120), required=True, doc="name with diacritics"),
        "name_ascii": Key(Str(max_length=120), required=True, doc="the name in plain letters"),
        "role": Key(Text(), required=True),
        "unit": Key(Text()),
        "born": Key(EDTFDate(), doc="in EDTF: 1898-09-12, 1898, 1898~ ..."),
        "died": Key(EDTFDate(), doc="in EDTF"),
        "portrait": Key(IMAGE),
        "summary": Key(Text()),
        "sort_as": Key(Str(max_length=120), doc="how the name is sorted and indexed in a long list, e.g. "
                                                "'Eiffel, Gustave' or a name's reading"),
        "group": Key(Ref("group"), doc="one of the groups of the people section (exhibit.yaml)"),
        "biography": Key(Text(markdown=True), required=True, doc="Markdown text"),
        "quotes": Key(ListOf(QUOTE, max_items=30)),
        "days": Key(ListOf(Ref("chapter"), max_items=50), doc="ids of the story chapters this person appears in"),
        "media": Key(ListOf(MEDIA, max_items=10), doc="testimony: audio or video with captions"),
        "sources": SOURCES,
    },
    _build_witness,
)

CHOICE = Obj(
    {"text": Key(Text(), required=True), "correct": Key(Bool())},
    _dataclass(model.Choice),
)


def _build_question(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    from kiosk.core.content.types import same_text

    right = sum(1 for c in values["choices"] if c.correct)
    if right != 1:
        ctx.error(loc, f"a question needs exactly one choice with 'correct: true', found {right}")
        return INVALID
    choices = values["choices"]
    for lang in ctx.languages:
        shown = [c.text.get(lang, ctx.default_language) for c in choices]
        for j in range(len(shown)):
            for i in range(j):
                if same_text(shown[i], shown[j]):
                    ctx.error(loc, f"choices {i + 1} and {j + 1} read the same in '{lang}' ('{shown[j][:40]}'): "
                                   "a visitor cannot tell them apart",
                              "make every choice different, in every language")
                    return INVALID
    return model.Question(**values)


QUESTION = Obj(
    {
        "question": Key(Text(), required=True),
        "choices": Key(ListOf(CHOICE, min_items=2, max_items=6), required=True, doc="2 to 6 choices"),
        "explanation": Key(Text(), doc="shown after answering"),
        "source": Key(Refs("source")),
    },
    _build_question,
)

QUIZ = Obj(
    {
        "title": Key(Text(), required=True),
        "description": Key(Text()),
        "shuffle": Key(Bool(), doc="shuffle questions and choices per visitor (default true)"),
        "questions": Key(ListOf(QUESTION, min_items=1, max_items=100), required=True),
    },
    lambda v, loc, ctx: v,
)

SOURCE = Obj(
    {
        "title": Key(Text(max_length=500), required=True,
                     doc="the title as published; a description in [brackets] may be given per language"),
        "publisher": Key(Text(max_length=200), doc="who published it, per language: {vi: TTXVN, en: VNA}"),
        "year": Key(Number(1000, 2999, integer=True)),
        "url": Key(Str(max_length=2000)),
    },
    lambda v, loc, ctx: v,
)

PALETTE = Obj(
    {name: Key(Color()) for name in model.COLOR_ROLES},
    # colours the exhibit does not give keep the kiosk's own high-contrast ones
    lambda v, loc, ctx: replace(model.HIGH_CONTRAST, **v),
)

# the keys of a theme that are colours, with what the kiosk draws with each (docs and the JSON Schema)
COLOR_DOCS = {
    "background": "the page",
    "surface": "cards, bars and panels on the page",
    "text": "text and icons",
    "muted": "secondary text (captions, credits, subtitles)",
    "accent": "buttons that matter, the focus ring, highlights, dates",
    "on_accent": "text and icons on an accent button",
    "correct": "a right answer's mark and outline",
    "wrong": "a wrong answer's mark and outline",
}


THEME = Obj(
    {name: Key(Color(), doc=COLOR_DOCS[name]) for name in model.COLOR_ROLES}
    | {"font": Key(Str(max_length=100), doc="font family shipped in assets/fonts or the exhibit's fonts/"),
       "fonts": Key(LanguageMap(Str(max_length=100)),
                    doc="a font family per language, e.g. ja: Noto Sans JP (default: 'font')"),
       "high_contrast": Key(PALETTE, doc="the colours of the visitor's high-contrast mode (every pair at least "
                                         "7:1); the kiosk's own white-on-black when not given")},
    _dataclass(model.Theme),
)

def _build_slide(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    if "image" not in values and "chapter" not in values:
        ctx.error(loc, "a slide needs an 'image' or a 'chapter'")
        return INVALID
    return model.Slide(**values)


SLIDE = Obj(
    {
        "image": Key(ImageFile()),
        "chapter": Key(Ref("chapter")),
        "caption": Key(Text()),
    },
    _build_slide,
    all_or_nothing=True,  # a slide whose image is broken is left out (reported once, where the image is)
)

ATTRACT = Obj(
    {
        "slides": Key(ListOf(SLIDE, max_items=50)),
        "seconds_per_slide": Key(Number(2, 120)),
        "video": Key(MediaFile(("video",)), doc="a silent film played in a loop instead of the slides"),
    },
    _dataclass(model.Attract),
)

class LimitsType(Type):
    """``limits:`` in exhibit.yaml: raise (or lower) a budget of :mod:`kiosk.core.limits`, within its ceiling."""

    expected = "a group of 'limit_name: number' lines"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        import math

        from kiosk.core.limits import LIMITS, amount
        from kiosk.core.problems import did_you_mean

        if not isinstance(value, YMap):
            return self.mismatch(value, loc, ctx)
        out: dict[str, int] = {}
        for name, raw in value.items():
            kloc = value.key_locations.get(name, loc)
            vloc = value.value_locations.get(name, kloc)
            limit = LIMITS.get(name)
            if limit is None:
                ctx.error(kloc, f"unknown limit '{name}'", did_you_mean(name, LIMITS) or
                          "the limits are listed in the content guide, section 'Limits'")
                continue
            if isinstance(raw, bool) or not isinstance(raw, (int, float)) or \
                    (isinstance(raw, float) and not (math.isfinite(raw) and raw.is_integer())):
                ctx.error(vloc, f"expected a whole number of {limit.unit} for '{name}', found {describe(raw)}")
                continue
            if limit.fixed:
                ctx.error(kloc, f"the limit '{name}' cannot be changed", "it protects the kiosk itself")
                continue
            if raw < 1:
                ctx.error(vloc, f"'{name}' must be at least 1")
                continue
            if raw > limit.ceiling:
                ctx.error(vloc, f"'{name}' is at most {amount(limit.ceiling, limit.unit)} (a hard ceiling); "
                                f"{amount(limit.default, limit.unit)} is used",
                          "the ceilings keep validation and the kiosk within the machine's time and memory")
                continue
            out[name] = int(raw)
        return out

    def json_schema(self) -> dict[str, Any]:
        from kiosk.core.limits import LIMITS
        return {"type": "object", "additionalProperties": False,
                "properties": {n: {"type": "integer", "minimum": 1, "maximum": lim.ceiling, "description": lim.what}
                               for n, lim in LIMITS.items() if not lim.fixed}}


class Icon(Type):
    """One of the kiosk's icons by name (assets/icons), or an SVG or PNG file of the content."""

    expected = "an icon name (story, people, quiz ...) or the path of an SVG or PNG file in the content folder"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        if not isinstance(value, str) or not value.strip():
            return self.mismatch(value, loc, ctx)
        value = value.strip()
        names = kiosk_icons()
        if "/" not in value and "." not in value:
            if value not in names:
                ctx.error(loc, f"the kiosk has no icon '{value}'", did_you_mean(value, names) or
                          "icons: " + ", ".join(names) + "; or give the path of your own SVG or PNG file")
                return INVALID
            return value
        resolved = _resolve_path(value, loc, ctx)
        if resolved is INVALID:
            return INVALID
        if resolved.suffix.lower() not in (".svg", ".png"):
            ctx.error(loc, f"'{value}' is not an SVG or PNG file", "an icon is drawn in the theme's colours: "
                      "use an SVG (or a PNG whose shape is its transparency)")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": self.expected}


def kiosk_icons() -> list[str]:
    from kiosk.core import resources

    try:
        return sorted(p.stem for p in (resources.assets_dir() / "icons").glob("*.svg"))
    except OSError:
        return []


class Template(Text):
    """A text with placeholders, per language (e.g. a chapter label 'Day {n} of {total}')."""

    def __init__(self, placeholders: tuple[str, ...]) -> None:
        super().__init__(max_length=200)
        self.placeholders = placeholders

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        import re

        text = super().check(value, loc, ctx)
        if text is INVALID:
            return INVALID
        for lang, template in text.values.items():
            for name in re.findall(r"\{([^{}]*)\}", template):
                if name not in self.placeholders:
                    ctx.error(loc, f"unknown placeholder {{{name}}} in the '{lang}' text",
                              "use " + ", ".join("{" + p + "}" for p in self.placeholders))
                    return INVALID
        return text


def _build_era(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    if values["dates"].lower() is None and values["dates"].upper() is None:
        ctx.error(loc, "an era needs a start or an end")
        return INVALID
    return model.Era(**values)


ERA = Obj(
    {
        "title": Key(Text(max_length=200), required=True, doc="the era's name, e.g. 'The construction'"),
        "dates": Key(EDTFDate(), required=True, doc="its span in EDTF, e.g. 1898/1902 (chapters in it are "
                                                    "grouped under its name)"),
    },
    _build_era,
    all_or_nothing=True,
)

GROUP = Obj(
    {
        "id": Key(Str(r"[a-z0-9][a-z0-9-]*", "use lowercase letters, digits and '-'", max_length=60),
                  required=True, doc="what a person's 'group:' says"),
        "title": Key(Text(max_length=200), required=True, doc="the group's name"),
    },
    _dataclass(model.Group),
    all_or_nothing=True,
)

SECTION_KEYS = {"story": {"chapter_label", "eras"}, "people": {"groups"}, "quiz": set()}


def _build_section(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    kind = values.pop("section")
    kind = model.PEOPLE if kind == "witnesses" else kind
    for key in ("chapter_label", "eras", "groups"):
        if key in values and key not in SECTION_KEYS[kind]:
            owner = next(k for k, keys in SECTION_KEYS.items() if key in keys)
            ctx.error(loc, f"'{key}' belongs to the {owner} section, not the {kind} section")
            del values[key]
    ids = [g.id for g in values.get("groups", ())]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        ctx.error(loc, f"two groups have the id '{dup}'")
    return model.Section(kind=kind, **values)


SECTION = Obj(
    {
        "section": Key(Enum("story", "people", "quiz", "witnesses"), required=True,
                       doc="story (chapters on a timeline), people (the profiles in witnesses/) or quiz"),
        "title": Key(Text(max_length=200), doc="its name on the home screen (default: the kiosk's)"),
        "subtitle": Key(Text(max_length=300), doc="one line under the name"),
        "icon": Key(Icon(), doc="a kiosk icon (" + ", ".join(kiosk_icons()) + ") or your own SVG file"),
        "chapter_label": Key(Template(("n", "total")),
                             doc="story: each numbered chapter's label, e.g. 'Day {n} of {total}' (default: none)"),
        "eras": Key(ListOf(ERA, max_items=60), doc="story: named periods that group the timeline"),
        "groups": Key(ListOf(GROUP, max_items=60), doc="people: the groups people are sorted into (a person "
                                                       "says 'group: <id>')"),
    },
    _build_section,
)


def _build_sections(values: tuple[model.Section, ...], loc: Location, ctx: Context) -> tuple[model.Section, ...]:
    seen: set[str] = set()
    out = []
    for section in values:
        if section.kind in seen:
            ctx.error(loc, f"the {section.kind} section is listed twice")
            continue
        seen.add(section.kind)
        out.append(section)
    return tuple(out)


class Sections(ListOf):
    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        checked = super().check(value, loc, ctx)
        return INVALID if checked is INVALID else _build_sections(checked, loc, ctx)


def _build_screen(values: dict[str, Any], loc: Location, ctx: Context) -> Any:
    orientation = values["orientation"]
    width, height = values.get("size", (1080, 1920) if orientation == "portrait" else (1920, 1080))
    if (orientation == "portrait" and width > height) or (orientation == "landscape" and height > width):
        ctx.error(loc, f"a {orientation} screen of {width}x{height}: the size says the other orientation",
                  f"write it as {height}x{width}")
        width, height = height, width
    return model.Screen(orientation, width, height)


class Size(Type):
    expected = "a size written WIDTHxHEIGHT in pixels, e.g. 1080x1920"

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        import re

        m = re.fullmatch(r"\s*(\d{3,5})\s*[x×]\s*(\d{3,5})\s*", str(value)) if isinstance(value, str) else None
        if not m:
            return self.mismatch(value, loc, ctx)
        w, h = int(m.group(1)), int(m.group(2))
        if not (480 <= w <= 8192 and 480 <= h <= 8192):
            ctx.error(loc, f"{w}x{h} is not a screen size the kiosk supports (480 to 8192 pixels a side)")
            return INVALID
        return (w, h)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{3,5}x\d{3,5}$"}


SCREEN = Obj(
    {
        "orientation": Key(Enum("landscape", "portrait", "both"), required=True,
                           doc="how the screen is mounted: landscape, portrait, or both (it may be turned)"),
        "size": Key(Size(), doc="the size the exhibit is designed for, e.g. 1080x1920 (default 1920x1080, "
                                "or 1080x1920 for portrait)"),
    },
    _build_screen,
)

LANGUAGE = Str(LANG_CODE, "use a language code such as 'fr', 'ja' or 'pt-BR'")


class Fallback(LanguageMap):
    """``fallback: {fr: [en, vi]}``: where a missing text in a language is looked for."""

    def __init__(self) -> None:
        super().__init__(ListOf(LANGUAGE, min_items=1, max_items=10))

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        checked = super().check(value, loc, ctx)
        if checked is INVALID:
            return INVALID
        out = {}
        for lang, chain in checked.items():
            keep = []
            for code in chain:
                if code not in ctx.languages:
                    ctx.error(value.value_locations.get(lang, loc),
                              f"the fallback of '{lang}' names '{code}', which is not one of the exhibit's languages",
                              did_you_mean(code, ctx.languages))
                elif code != lang:
                    keep.append(code)
            out[lang] = tuple(dict.fromkeys(keep))
        return out


class Locales(LanguageMap):
    """``locales: {en: en-GB}``: the CLDR locale whose dates and numbers a language uses."""

    def __init__(self) -> None:
        super().__init__(LANGUAGE)

    def check(self, value: Any, loc: Location, ctx: Context) -> Any:
        checked = super().check(value, loc, ctx)
        if checked is INVALID:
            return INVALID
        for lang, tag in list(checked.items()):
            if locales.babel_locale(tag) is None:
                ctx.error(value.value_locations.get(lang, loc), f"CLDR has no locale '{tag}'",
                          "use a language and region such as en-GB, en-US, fr-CA, pt-BR")
                del checked[lang]
        return checked


EXHIBIT = Obj(
    {
        "title": Key(Text(), required=True),
        "subtitle": Key(Text()),
        "languages": Key(ListOf(Str(LANG_CODE, "use a language code such as 'fr', 'en' or 'pt-BR'"),
                                min_items=1, max_items=10)),
        "default_language": Key(Str(LANG_CODE, "use a language code such as 'fr', 'en' or 'pt-BR'")),
        "fallback": Key(Fallback(), doc="where a missing text is looked for, per language, e.g. fr: [en, vi] "
                                        "(default: the default language, then 'languages' in order)"),
        "locales": Key(Locales(), doc="the CLDR locale of each language's dates and numbers, e.g. en: en-GB "
                                      "(default: the language itself)"),
        "sections": Key(Sections(SECTION, min_items=1, max_items=6),
                        doc="the sections on the home screen, in order (default: every section that has content)"),
        "screen": Key(SCREEN, doc="the screen the exhibit is made for: orientation and size"),
        "idle_timeout": Key(Number(10, 3600), doc="seconds without a touch before the kiosk asks"),
        "idle_countdown": Key(Number(20, 300), doc="seconds the question stays before the reset"),
        "theme": Key(THEME),
        "attract": Key(ATTRACT),
        "limits": Key(LimitsType(), doc="raise a limit of the content guide's 'Limits' table, up to its ceiling"),
    },
    lambda v, loc, ctx: v,
)
