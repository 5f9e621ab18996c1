"""The content format: every file, key and rule, declared once with the checks of
:mod:`kiosk.core.content.types`.

The loader validates and builds the model from these declarations, ``kiosk schema`` derives the JSON
Schema for editors from them (:mod:`kiosk.core.content.jsonschema`), and ``docs/content-format.md``
describes the same format for people.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.core.content import model, textcheck
from kiosk.core.content.types import (
    INVALID,
    Bool,
    Color,
    Context,
    Date,
    DateOrText,
    DateOrYear,
    Enum,
    FigureValue,
    Key,
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
from kiosk.core.media import derivatives, files, probe
from kiosk.core.problems import Location

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

    def __init__(self, needed: tuple[int, int] = (1280, 720)) -> None:
        # the smallest screen box the image should fill without being enlarged (the full-screen viewer)
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
        for problem in derivatives.image_problems(info, *self.needed, max_bytes=derivatives.max_image_bytes(),
                                                  file_bytes=size, location=loc):
            ctx.warning(loc, f"'{value}': {problem.message}", problem.hint)
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
        "file": Key(ImageFile(), required=True, doc="path of the image, e.g. media/maps/hanoi.png"),
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


MEDIA = Obj(
    {
        "file": Key(MediaFile(), required=True,
                    doc="audio or video file, e.g. media/audio/testimony.ogg; "
                        "captions are WebVTT files beside it: testimony.vi.vtt, testimony.en.vtt"),
        "title": Key(Text(), required=True, doc="what it is, e.g. 'Audio guide: the first night'"),
        "credit": Key(Text(), doc="who recorded it, when, and the archive reference"),
        "narration": Key(Bool(), doc="true for a guide's voice (recorded or synthetic), not a witness's testimony"),
        "synthetic": Key(Bool(), doc="true for a text-to-speech voice: the kiosk labels it 'synthetic voice'"),
        "speech": Key(Bool(), doc="false when nobody speaks (no captions needed); default true"),
        "poster": Key(ImageFile(needed=(0, 0)), doc="an image shown before a video plays"),
        "language": Key(Str(LANG_CODE, "use a language code such as 'vi' or 'en'"),
                        doc="the language spoken: visitors get the recording in their language when there is one"),
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
        "by": Key(Text(), required=True, doc="whose figure this is, e.g. 'Vietnamese sources'"),
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
    return model.Figure(label=values["label"], claims=tuple(claims), unit=values.get("unit", model.EMPTY))


FIGURE = Obj(
    {
        "label": Key(Text(), required=True, doc="what is counted"),
        "value": Key(FigureValue(), doc="the number (or a short text)"),
        "unit": Key(Text()),
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
        "when": Key(DateOrText(), required=True, doc="date or year of the source"),
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
    if "end_date" in values and values["end_date"] < values["date"]:
        ctx.error(loc, f"'end_date' ({values['end_date'].isoformat()}) is before 'date' ({values['date'].isoformat()})")
        del values["end_date"]
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
        "kind": Key(Enum("day", "prologue", "epilogue"), doc="day (default), prologue or epilogue"),
        "date": Key(Date(), required=True, doc="ISO date, e.g. 1972-12-18"),
        "end_date": Key(Date(), doc="last day, for chapters that span several days"),
        "title": Key(Text(), required=True),
        "summary": Key(Text(), doc="one or two sentences"),
        "body": Key(Text(markdown=True), required=True, doc="Markdown text"),
        "images": Key(ListOf(IMAGE, max_items=40)),
        "figures": Key(ListOf(FIGURE, max_items=20)),
        "witnesses": Key(ListOf(Ref("witness"), max_items=50), doc="ids of witnesses"),
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
        "born": Key(DateOrYear()),
        "died": Key(DateOrYear()),
        "portrait": Key(IMAGE),
        "summary": Key(Text()),
        "biography": Key(Text(markdown=True), required=True, doc="Markdown text"),
        "quotes": Key(ListOf(QUOTE, max_items=30)),
        "days": Key(ListOf(Ref("chapter"), max_items=50), doc="ids of story chapters"),
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

THEME = Obj(
    {name: Key(Color()) for name in ("background", "surface", "text", "muted", "accent", "on_accent",
                                     "correct", "wrong")}
    | {"font": Key(Str(max_length=100, visible=False), doc="font family shipped in assets/fonts or content/fonts")},
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

    def check(self, value, loc, ctx):
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

    def json_schema(self):
        from kiosk.core.limits import LIMITS
        return {"type": "object", "additionalProperties": False,
                "properties": {n: {"type": "integer", "minimum": 1, "maximum": lim.ceiling, "description": lim.what}
                               for n, lim in LIMITS.items() if not lim.fixed}}


EXHIBIT = Obj(
    {
        "title": Key(Text(), required=True),
        "subtitle": Key(Text()),
        "languages": Key(ListOf(Str(LANG_CODE, "use a language code such as 'vi' or 'en'"), min_items=1, max_items=10)),
        "default_language": Key(Str(LANG_CODE, "use a language code such as 'vi' or 'en'")),
        "idle_timeout": Key(Number(10, 3600), doc="seconds without a touch before the kiosk asks"),
        "idle_countdown": Key(Number(20, 300), doc="seconds the question stays before the reset"),
        "theme": Key(THEME),
        "attract": Key(ATTRACT),
        "limits": Key(LimitsType(), doc="raise a limit of the content guide's 'Limits' table, up to its ceiling"),
    },
    lambda v, loc, ctx: v,
)
