"""Load and validate a content folder.

:func:`load_content` never raises on bad content. It returns the :class:`Content`
made of every item that loaded, and every :class:`Problem` found; an item with an
error in a required field is left out, an invalid optional part (an image, a figure,
a link) is dropped from its item, and the rest of the exhibit runs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.core.content import format as content_format
from kiosk.core.content import labels as exhibit_labels
from kiosk.core.content import model, theme
from kiosk.core.content.types import INVALID, Context
from kiosk.core.content.yamlfile import YMap, read_yaml
from kiosk.core.i18n import locales
from kiosk.core.problems import Location, Problem, Problems, did_you_mean

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILES_PER_FOLDER = 2000
SECTIONS = ("story", "witnesses", "quizzes")
KNOWN_TOP_LEVEL = {"exhibit.yaml", "sources.yaml", *SECTIONS, "media", "fonts", "schema", "labels"}


@dataclass(frozen=True)
class LoadResult:
    content: model.Content
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _item_files(root: Path, folder: str, problems: Problems) -> list[tuple[str, Path]]:
    """(id, path) of each YAML file in a section folder, in name order; bad names are reported."""
    base = root / folder
    if not base.exists():
        return []
    if not base.is_dir():
        problems.error(Location(folder), f"'{folder}' should be a folder")
        return []
    try:
        entries = sorted(base.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.error(Location(folder), f"cannot read the folder: {exc.strerror or exc}")
        return []
    if len(entries) > MAX_FILES_PER_FOLDER:
        problems.error(Location(folder), f"too many files ({len(entries)}; at most {MAX_FILES_PER_FOLDER})")
        entries = entries[:MAX_FILES_PER_FOLDER]
    seen: dict[str, str] = {}
    out = []
    for path in entries:
        rel = _rel(root, path)
        if path.name.startswith(".") or path.name.endswith("~"):
            continue
        if path.suffix.lower() not in YAML_SUFFIXES:
            if path.is_file():
                problems.warning(Location(rel), "this file is not a .yaml file and is ignored",
                                 "exhibit items are .yaml files; media belongs in media/")
            continue
        item_id = path.stem
        if path.is_symlink():
            try:
                inside = path.resolve().is_relative_to(root.resolve())
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                problems.error(Location(rel), f"'{path.name}' is a link that leads out of the content folder",
                               "copy the file into the content folder")
                continue
        if not ID_PATTERN.fullmatch(item_id):
            suggestion = re.sub(r"[^a-z0-9-]+", "-", item_id.lower()).strip("-") or "item"
            problems.error(Location(rel), f"'{path.name}' is not a valid file name for an item",
                           f"use lowercase letters, digits and '-', e.g. '{suggestion}{path.suffix}'")
            continue
        if item_id in seen:
            problems.error(Location(rel), f"duplicate id '{item_id}': '{seen[item_id]}' has the same name",
                           "rename or remove one of the two files")
            continue
        seen[item_id] = rel
        out.append((item_id, path))
    return out


def _exhibit_languages(raw: Any, rel: str, problems: Problems) -> tuple[tuple[str, ...], str]:
    languages: tuple[str, ...] = ("vi", "en")
    if isinstance(raw, YMap) and isinstance(raw.get("languages"), list):
        langs = tuple(str(x) for x in raw["languages"] if isinstance(x, str) and re.fullmatch(content_format.LANG_CODE, x))
        if langs:
            languages = tuple(dict.fromkeys(langs))
    default = languages[0]
    if isinstance(raw, YMap) and "default_language" in raw:
        value = raw["default_language"]
        if value in languages:
            default = value
        else:
            problems.error(raw.value_locations["default_language"],
                           f"the default language '{value}' is not in 'languages' ({', '.join(languages)})",
                           did_you_mean(str(value), languages))
    return languages, default


def _load_exhibit(root: Path, ctx: Context) -> model.Exhibit:
    rel = "exhibit.yaml"
    path = root / rel
    if not path.exists():
        ctx.error(Location(rel), "exhibit.yaml is missing", "every content folder needs an exhibit.yaml with at least a title")
        return model.Exhibit()
    raw = read_yaml(path, rel, ctx.problems)
    if raw is None:
        return model.Exhibit()
    ctx.languages, ctx.default_language = _exhibit_languages(raw, rel, ctx.problems)
    _prepare_context(raw, ctx)
    values = content_format.EXHIBIT.check(raw, getattr(raw, "location", Location(rel, 1, 1)), ctx)
    if values is INVALID:
        return model.Exhibit(languages=ctx.languages, default_language=ctx.default_language,
                             fallback=dict(ctx.fallback))
    values["languages"] = ctx.languages
    values["default_language"] = ctx.default_language
    for lang in ctx.languages:
        tag = values.get("locales", {}).get(lang, lang)
        if locales.babel_locale(tag) is None:
            ctx.warning(raw.key_locations.get("languages", Location(rel)) if isinstance(raw, YMap) else Location(rel),
                        f"CLDR has no data for '{lang}': its dates and numbers are written the English way",
                        f"say which locale formats it, e.g. locales: {{{lang}: ...}}")
    exhibit = model.Exhibit(**values)
    if "theme" in values and isinstance(raw.get("theme"), YMap):
        normal_ok, hc_ok = theme.check_theme(exhibit.theme, raw["theme"], ctx)
        kept = exhibit.theme
        if not normal_ok:
            kept = replace(model.Theme(), font=kept.font, fonts=kept.fonts, high_contrast=kept.high_contrast)
        if not hc_ok:
            kept = replace(kept, high_contrast=model.HIGH_CONTRAST)
        exhibit = replace(exhibit, theme=kept)
    return exhibit


def _prepare_context(raw: Any, ctx: Context) -> None:
    """What the checks of every text and image need from exhibit.yaml before any is checked (the order of
    the keys in the file does not matter): the fallback chains and the screen sizes."""
    if not isinstance(raw, YMap):
        return
    quiet = Context(ctx.root, Problems(), ctx.languages, ctx.default_language)
    if "fallback" in raw:
        fallback = content_format.Fallback().check(raw["fallback"], raw.value_locations["fallback"], quiet)
        if fallback is not INVALID:
            ctx.fallback = fallback
    if "screen" in raw:
        screen = content_format.SCREEN.check(raw["screen"], raw.value_locations["screen"], quiet)
        if screen is not INVALID:
            ctx.image_boxes = tuple(screen.sizes())


def _load_sources(root: Path, ctx: Context) -> dict[str, model.Source]:
    rel = "sources.yaml"
    path = root / rel
    if not path.exists():
        return {}
    raw = read_yaml(path, rel, ctx.problems)
    if raw is None:
        return {}
    if not isinstance(raw, YMap):
        ctx.error(Location(rel, 1, 1), "sources.yaml should list sources as 'ID:' followed by their title, url ...")
        return {}
    out = {}
    for key, value in raw.items():
        checked = content_format.SOURCE.check(value, raw.value_locations[key], ctx)
        if checked is not INVALID:
            out[key] = model.Source(id=key, **checked)
    return out


def _load_items(root: Path, folder: str, obj, ctx: Context) -> list[tuple[str, str, dict]]:
    out = []
    for item_id, path in _item_files(root, folder, ctx.problems):
        rel = _rel(root, path)
        raw = read_yaml(path, rel, ctx.problems)
        if raw is None:
            if not ctx.problems.errors or ctx.problems.errors[-1].location.path != rel:
                ctx.error(Location(rel), "the file is empty")
            continue
        values = obj.check(raw, getattr(raw, "location", Location(rel, 1, 1)), ctx)
        if values is INVALID:
            ctx.problems.warning(Location(rel), f"'{item_id}' is left out of the exhibit until its errors are fixed")
            continue
        out.append((item_id, rel, values))
    return out


def _check_top_level(root: Path, problems: Problems) -> None:
    try:
        names = sorted(p.name for p in root.iterdir())
    except OSError:
        return
    for name in names:
        if name.startswith(".") or name in KNOWN_TOP_LEVEL:
            continue
        if name.endswith(YAML_SUFFIXES) or (root / name).is_dir():
            problems.warning(Location(name), f"'{name}' is not part of the content format and is ignored",
                             did_you_mean(name, KNOWN_TOP_LEVEL))


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while content is built.

    A load makes hundreds of thousands of small objects and no cycles; meanwhile the collector would run
    again and again over everything built so far, more often the bigger the exhibit (a quarter of the time
    for an exhibit a hundred times the sample's). It runs again, as usual, afterwards.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_content(root: Path | str) -> LoadResult:
    """Load the content folder *root*: the valid content and every problem found."""
    with collector_paused():
        return _load_content(Path(root).absolute())


def _load_content(root: Path) -> LoadResult:
    problems = Problems()
    ctx = Context(root=root, problems=problems)
    try:
        trouble = ("the content folder does not exist" if not root.exists() else
                   "the content path is not a folder" if not root.is_dir() else "")
        if not trouble:
            os.listdir(root)
    except OSError as exc:
        trouble = f"cannot read the content folder: {exc.strerror or exc}"
    if trouble:
        problems.error(Location(str(root)), trouble)
        empty = model.Content(root, model.Exhibit(), {}, (), (), ())
        return LoadResult(empty, problems.sorted())
    _check_top_level(root, problems)
    exhibit = _load_exhibit(root, ctx)
    sources = _load_sources(root, ctx)

    chapters = [
        model.Chapter(id=i, file=rel, **v)
        for i, rel, v in _load_items(root, "story", content_format.CHAPTER, ctx)
    ]
    witnesses = [model.Witness(id=i, file=rel, **v) for i, rel, v in _load_items(root, "witnesses", content_format.WITNESS, ctx)]
    quizzes = [model.Quiz(id=i, file=rel, **v) for i, rel, v in _load_items(root, "quizzes", content_format.QUIZ, ctx)]

    chapters.sort(key=chapter_order)
    by_date: dict[Any, list[model.Chapter]] = defaultdict(list)
    for c in chapters:
        if c.kind == model.CHAPTER and c.date is not None and c.date.single_day:
            by_date[c.date.text].append(c)
    for date, same in by_date.items():
        if len(same) > 1:
            problems.warning(Location(same[1].file), f"{len(same)} chapters for the same day {date}: "
                             + ", ".join(c.id for c in same),
                             hint="the timeline shows them side by side; give each day one file")
    witnesses.sort(key=lambda w: person_order(w, exhibit))

    chapters, witnesses, exhibit = _resolve_refs(ctx, exhibit, sources, chapters, witnesses)
    exhibit = replace(exhibit, sections=_sections(exhibit, chapters, witnesses, quizzes, ctx))
    overrides = exhibit_labels.load(root, exhibit, problems)
    if not chapters and not witnesses and not quizzes:
        problems.warning(Location("."), "the exhibit has no story chapters, people or quizzes yet")
    content = model.Content(root, exhibit, sources, tuple(chapters), tuple(witnesses), tuple(quizzes),
                            labels=overrides)
    return LoadResult(content, problems.sorted())


def chapter_order(c: model.Chapter) -> tuple:
    """Prologues first and epilogues last; between them dated chapters by date, then undated ones (themes)
    in file-name order."""
    rank = {model.PROLOGUE: 0, model.EPILOGUE: 3}.get(c.kind, 1 if c.date is not None else 2)
    return (rank, c.date.sort_key() if c.date is not None else (), c.id)


def person_order(w: model.Witness, exhibit: model.Exhibit) -> tuple:
    """By the people section's groups (in their order, people in none last), then by name."""
    people = exhibit.section(model.PEOPLE)
    groups = [g.id for g in people.groups] if people else []
    rank = groups.index(w.group) if w.group in groups else len(groups)
    return (rank, w.sort_key, w.id)


def _sections(exhibit: model.Exhibit, chapters, witnesses, quizzes, ctx: Context) -> tuple[model.Section, ...]:
    """The exhibit's sections: as declared, else every section that has something to show."""
    has = {model.STORY: bool(chapters), model.PEOPLE: bool(witnesses), model.QUIZ: bool(quizzes)}
    if exhibit.sections:
        for section in exhibit.sections:
            if not has[section.kind]:
                folder = {model.STORY: "story/", model.PEOPLE: "witnesses/", model.QUIZ: "quizzes/"}[section.kind]
                ctx.warning(Location("exhibit.yaml"), f"the {section.kind} section is listed but {folder} has "
                            "nothing to show yet", "its button on the home screen leads to an empty page")
        for kind, there in has.items():
            if there and exhibit.section(kind) is None:
                ctx.warning(Location("exhibit.yaml"), f"the exhibit has {kind} content, but 'sections' does "
                            f"not list the {kind} section", "visitors cannot reach it; add it to 'sections'")
        return exhibit.sections
    return tuple(model.Section(kind) for kind in model.SECTION_KINDS if has[kind]) or \
        tuple(model.Section(kind) for kind in model.SECTION_KINDS)


def _yaml_files(root: Path, folder: str) -> set[str]:
    try:
        return {f"{folder}/{name}" for name in os.listdir(root / folder) if name.endswith(".yaml")}
    except OSError:
        return set()


def _resolve_refs(ctx: Context, exhibit, sources, chapters, witnesses):
    """Report dangling references and drop them, so no link leads nowhere."""
    people = exhibit.section(model.PEOPLE)
    known = {
        "source": set(sources),
        "witness": {w.id for w in witnesses},
        "chapter": {c.id for c in chapters},
        "group": {g.id for g in people.groups} if people else set(),
    }
    dangling: set[tuple[str, str]] = set()
    folders = {"witness": "witnesses", "chapter": "story"}
    for kind, ref, loc in ctx.refs:
        if ref not in known[kind]:
            dangling.add((kind, ref))
            rel = f"{folders[kind]}/{ref}.yaml" if kind in folders else ""
            # Only an id that is a file of its folder, spelled exactly (case-insensitive file systems,
            # '../' in a link), counts as "left out for its own errors".
            if rel and ID_PATTERN.fullmatch(ref) and rel in _yaml_files(ctx.root, folders[kind]):
                # The file is there but was left out for its own errors (reported there): a follow-on.
                ctx.problems.warning(loc, f"the {kind} '{ref}' is left out because of the errors in {rel}, "
                                          "so this link is not shown", f"fix {rel}")
                continue
            where = {"source": "sources.yaml", "witness": "witnesses/", "chapter": "story/",
                     "group": "the groups of the people section in exhibit.yaml"}[kind]
            hint = did_you_mean(ref, known[kind]) or f"no {kind} '{ref}' in {where}"
            ctx.error(loc, f"unknown {kind} '{ref}'", hint)

    def keep(kind: str, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(i for i in ids if (kind, i) not in dangling)

    chapters = [replace(c, witnesses=keep("witness", c.witnesses), sources=keep("source", c.sources))
                for c in chapters]
    witnesses = [replace(w, days=keep("chapter", w.days), sources=keep("source", w.sources),
                         group=w.group if ("group", w.group) not in dangling else "") for w in witnesses]
    slides = tuple(s for s in exhibit.attract.slides if not s.chapter or ("chapter", s.chapter) not in dangling)
    exhibit = replace(exhibit, attract=replace(exhibit.attract, slides=slides))
    return chapters, witnesses, exhibit
