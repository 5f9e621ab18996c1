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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.core import limits as budget
from kiosk.core import walk
from kiosk.core.content import format as content_format
from kiosk.core.content import labels as exhibit_labels
from kiosk.core.content import model, revision, theme
from kiosk.core.content.types import INVALID, Context, Obj
from kiosk.core.content.yamlfile import YMap, read_yaml
from kiosk.core.i18n import locales
from kiosk.core.problems import Location, Problem, Problems, did_you_mean

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
YAML_SUFFIXES = (".yaml", ".yml")
SECTIONS = ("story", "witnesses", "quizzes")
KNOWN_TOP_LEVEL = {"exhibit.yaml", "sources.yaml", *SECTIONS, "media", "fonts", "schema", "labels"}


@dataclass(frozen=True)
class LoadResult:
    content: model.Content
    problems: list[Problem]
    revision: str = ""  # kiosk.core.content.revision.content_revision of the folder that was read
    fingerprint: str = ""  # kiosk.core.content.revision.fingerprint, taken before it was read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _item_files(root: Path, folder: str, problems: Problems, max_items: int = budget.DEFAULT.item_files
                ) -> list[tuple[str, Path]]:
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
    if len(entries) > max_items:
        problems.error(Location(folder), f"too many files ({len(entries):,}; at most {max_items:,}): only the first "
                       f"{max_items:,} by name are read", budget.raise_hint("item_files"))
        entries = entries[:max_items]
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
        langs = tuple(str(x) for x in raw["languages"]
                      if isinstance(x, str) and re.fullmatch(content_format.LANG_CODE, x))
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


def _read(path: Path, rel: str, ctx: Context) -> Any:
    """:func:`read_yaml` within the file and total budgets (the total: all YAML files of the folder)."""
    limits = ctx.limits
    left = limits.yaml_total_bytes - ctx.yaml_bytes
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0
    if size > left and size <= limits.yaml_file_bytes:
        ctx.error(Location(rel),
                  f"the YAML files together are larger than {budget.amount(limits.yaml_total_bytes, 'bytes')}"
                  ": this one is not read", budget.raise_hint("yaml_total_bytes"))
        return None
    ctx.yaml_bytes += min(size, limits.yaml_file_bytes)
    return read_yaml(path, rel, ctx.problems, limits.yaml_file_bytes)


def _exhibit_limits(raw: Any, ctx: Context) -> None:
    """Apply exhibit.yaml's ``limits:`` before anything else is checked (its images, the other files)."""
    if isinstance(raw, YMap) and "limits" in raw:
        raised = content_format.LimitsType().check(raw["limits"], raw.value_locations["limits"], Context(
            root=ctx.root, problems=Problems()))
        if raised is not INVALID:
            ctx.limits = budget.Limits(raised)


def _load_exhibit(root: Path, ctx: Context) -> model.Exhibit:
    rel = "exhibit.yaml"
    path = root / rel
    if not os.path.lexists(path):
        ctx.error(Location(rel), "exhibit.yaml is missing",
                  "every content folder needs an exhibit.yaml with at least a title")
        return model.Exhibit()
    raw = _read(path, rel, ctx)
    if raw is None:
        return model.Exhibit()
    ctx.languages, ctx.default_language = _exhibit_languages(raw, rel, ctx.problems)
    _exhibit_limits(raw, ctx)
    _prepare_context(raw, ctx)
    theme_raw = raw.get("theme") if isinstance(raw, YMap) else None
    if isinstance(theme_raw, YMap) and "font" in theme_raw:
        ctx.font_location = theme_raw.value_locations["font"]
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
    if not os.path.lexists(path):
        return {}
    raw = _read(path, rel, ctx)
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


def _load_items(root: Path, folder: str, obj: Obj, ctx: Context) -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for item_id, path in _item_files(root, folder, ctx.problems, ctx.limits.item_files):
        rel = _rel(root, path)
        raw = _read(path, rel, ctx)
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
def collector_paused() -> Iterator[None]:
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


def load_content(root: Path | str, with_revision: bool = False) -> LoadResult:
    """Load the content folder *root*: the valid content and every problem found.

    *with_revision*: also name the content (:func:`kiosk.core.content.revision.content_revision`), for the
    running kiosk (``kiosk validate`` does not need it).
    """
    root = Path(root).absolute()
    found = revision.walk_folder(root) if with_revision and root.is_dir() else None
    with collector_paused():
        result = _load_content(root)
    if found is not None:
        result = replace(result, revision=revision.content_revision(root, found),
                         fingerprint=revision.fingerprint(root, found))
    return result


def _census(root: Path, ctx: Context) -> None:
    """Warn about what the kiosk skips in the folder: links out, pipes, devices, loops, too deep, too many."""
    limits = ctx.limits
    found = walk.walk(root, limits.folder_files, limits.folder_depth)
    reported_elsewhere = {"exhibit.yaml", "sources.yaml", *SECTIONS}  # read_yaml and the item files say it
    skipped_here = [s for s in found.skipped if s.rel not in reported_elsewhere and not (
        s.rel.count("/") == 1 and s.rel.split("/")[0] in SECTIONS and s.rel.endswith(YAML_SUFFIXES))]
    for skipped in skipped_here[:50]:
        ctx.warning(Location(skipped.rel), skipped.reason,
                    "remove it from the content folder" if "link" in skipped.reason or "this is" in skipped.reason
                    else "move the files nearer the top of the content folder" if "deeper" in skipped.reason else "")
    if len(skipped_here) > 50:
        ctx.warning(Location("."), f"{len(skipped_here) - 50} more entries of the content folder are skipped "
                                   "for the same reasons")
    if found.truncated:
        ctx.warning(Location("."), f"the content folder holds more than {limits.folder_files:,} files and folders: "
                                   "the kiosk looks at the first ones only, and may not notice edits to the others",
                    "remove files the exhibit does not use (old versions, originals, exports); "
                    + budget.raise_hint("folder_files"))


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
    _census(root, ctx)
    sources = _load_sources(root, ctx)

    chapters = [
        model.Chapter(id=i, file=rel, **v)
        for i, rel, v in _load_items(root, "story", content_format.CHAPTER, ctx)
    ]
    witnesses = [model.Witness(id=i, file=rel, **v)
                 for i, rel, v in _load_items(root, "witnesses", content_format.WITNESS, ctx)]
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
    _check_fonts(root, ctx, list(dict.fromkeys([exhibit.theme.font, *exhibit.theme.fonts.values()])))
    if not chapters and not witnesses and not quizzes:
        problems.warning(Location("."), "the exhibit has no story chapters, people or quizzes yet")
    content = model.Content(root, exhibit, sources, tuple(chapters), tuple(witnesses), tuple(quizzes),
                            labels=overrides)
    return LoadResult(content, problems.sorted())


def _check_fonts(root: Path, ctx: Context, families: list[str]) -> None:
    """The exhibit's fonts are real fonts, the theme's families exist, and they draw every character of every text.

    *families* is a list so that an exhibit may name several (e.g. one per script or language): a character
    counts as drawn when any of them has it.
    """
    from kiosk.core import chars, resources
    from kiosk.core.media import fonts

    own = root / "fonts"
    infos = []
    for path in fonts.font_files([resources.assets_dir() / "fonts", own], ctx.limits):
        info = fonts.read_font(path, ctx.limits.font_file_bytes)
        if info.error and path.parent == own:
            ctx.error(Location(f"fonts/{path.name}"), info.error, "replace it with the .ttf or .otf file itself")
        infos.append(info)
    known = sorted({family for info in infos for family in info.families})
    chosen = [info for info in infos if not info.error and set(info.families) & set(families)]
    where = ctx.font_location or Location("exhibit.yaml")
    absent = [family for family in families if family not in known]
    for family in absent:
        ctx.error(where, f"the theme's font '{family}' is not among the fonts shipped with the kiosk or in fonts/ "
                         f"({', '.join(known) or 'none'})",
                  did_you_mean(family, known) or "put its .ttf or .otf files in the content folder's fonts/")
    if not chosen:
        return
    reported: dict[str, None] = {}
    covered = frozenset().union(*(info.codepoints for info in chosen))
    drawn = fonts.FontInfo("", codepoints=covered)
    for text, loc in ctx.texts:
        for ch in fonts.missing(text, [drawn]):
            if ch in reported or chars.is_invisible(ch):
                continue
            reported[ch] = None
            if len(reported) <= 10:
                ctx.warning(loc, f"the character '{ch}' ({chars.name(ch)}) is not in the font "
                                 f"'{', '.join(families)}': it shows as an empty box or in another font",
                            "write the text without it, or add a font that has it to fonts/ and name it in "
                            "exhibit.yaml (theme: font: ...)")
    if len(reported) > 10:
        ctx.warning(where, f"{len(reported) - 10} more characters of the texts are not in the font "
                           f"'{', '.join(families)}'", "see the warnings above")


def chapter_order(c: model.Chapter) -> tuple[int, tuple[tuple[int, int, int], ...], str]:
    """Prologues first and epilogues last; between them dated chapters by date, then undated ones (themes)
    in file-name order."""
    rank = {model.PROLOGUE: 0, model.EPILOGUE: 3}.get(c.kind, 1 if c.date is not None else 2)
    return (rank, c.date.sort_key() if c.date is not None else (), c.id)


def person_order(w: model.Witness, exhibit: model.Exhibit) -> tuple[int, str, str]:
    """By the people section's groups (in their order, people in none last), then by name."""
    people = exhibit.section(model.PEOPLE)
    groups = [g.id for g in people.groups] if people else []
    rank = groups.index(w.group) if w.group in groups else len(groups)
    return (rank, w.sort_key, w.id)


def _sections(exhibit: model.Exhibit, chapters: list[model.Chapter], witnesses: list[model.Witness],
              quizzes: list[model.Quiz], ctx: Context) -> tuple[model.Section, ...]:
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


def _resolve_refs(ctx: Context, exhibit: model.Exhibit, sources: dict[str, model.Source],
                  chapters: list[model.Chapter], witnesses: list[model.Witness],
                  ) -> tuple[list[model.Chapter], list[model.Witness], model.Exhibit]:
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
