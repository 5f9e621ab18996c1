"""Commands for the content folder: ``validate``, ``render``, ``prepare``, ``schema``, ``new``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.cli.common import (
    CONTENT_HELP,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    content_root,
    load_for_ui,
    size,
)
from kiosk.core.machine import dirs


def add_parsers(sub) -> None:
    val = sub.add_parser("validate", help="check a content folder and list every problem",
                         description="Check a content folder; print every problem as path:line:col: severity: message.")
    val.add_argument("content", nargs="?", metavar="DIR", help=CONTENT_HELP)
    val.add_argument("--strict", action="store_true", help="treat warnings as errors")
    val.set_defaults(handler=cmd_validate)
    ren = sub.add_parser("render", help="render pages to PNG files (the proof sheet)",
                         description="Render pages offscreen to PNG, one file per route and language.")
    ren.add_argument("--content", metavar="DIR", help=CONTENT_HELP)
    ren.add_argument("--size", type=size, metavar="WxH",
                     help="page size (default: the exhibit's screen, each orientation it declares; else 1920x1080)")
    ren.add_argument("--lang", metavar="CODE", action="extend", nargs="+", help="language(s) to render (default: all)")
    ren.add_argument("--route", metavar="ROUTE", action="extend", nargs="+",
                     help="route(s) to render, e.g. story/<chapter id> or home (default: all)")
    ren.add_argument("--out", metavar="DIR", required=True, help="folder for the PNG files")
    ren.add_argument("--scroll", choices=["top", "end"], default="top",
                     help="show each page at its top (default) or scrolled to its end (files named ROUTE.end.LANG.png)")
    ren.set_defaults(handler=cmd_render)
    pre = sub.add_parser("prepare", help="build the screen-sized copies of every image ahead of time",
                         description="Build the thumbnail and screen-sized copies of every image the content uses "
                                     "(installers run this after a content update, so the first visitor never waits). "
                                     "Unchanged images are reused. The kiosk also builds missing ones by itself.")
    pre.add_argument("--content", metavar="DIR", help=CONTENT_HELP)
    pre.set_defaults(handler=cmd_prepare)
    sch = sub.add_parser("schema", help="write the JSON Schema of the content files, for editors",
                         description="Write the JSON Schema of the content files. Editors such as VS Code (YAML "
                                     "extension) then complete keys and underline mistakes as you type. With a "
                                     "folder, one schema per kind of file (exhibit, sources, chapter, witness, "
                                     "quiz) and content.schema.json; with a .json file, the combined schema; "
                                     "without --out, the combined schema on standard output.")
    sch.add_argument("--out", metavar="PATH", help="a folder (e.g. CONTENT/schema) or a .json file")
    sch.set_defaults(handler=cmd_schema)
    new = sub.add_parser("new", help="start a new exhibit, person, chapter or quiz from commented files",
                         description="Write commented skeleton files: 'kiosk new exhibit DIR --languages fr,vi,en' "
                                     "a whole starter exhibit; 'kiosk new person \"Nguyễn Văn An\"' writes "
                                     "witnesses/nguyen-van-an.yaml, 'kiosk new chapter 1898/1902' story/1898-1902.yaml "
                                     "(a date in EDTF; a title makes a chapter without a date), each in the exhibit's "
                                     "languages. Existing files are never overwritten.")
    new.add_argument("kind", choices=["exhibit", "person", "chapter", "quiz", "witness", "day"],
                     help="what to add (witness and day are the older names of person and chapter)")
    new.add_argument("name", help="the folder of a new exhibit, the person's name, the chapter's date (EDTF: 1898, "
                                  "1898/1902, 1898-09-12), title, or prologue/epilogue, or the quiz title")
    new.add_argument("--content", metavar="DIR", help=CONTENT_HELP)
    new.add_argument("--languages", metavar="CODES", help="new exhibit: its languages, default first, e.g. fr,vi,en")
    new.set_defaults(handler=cmd_new)
    lab = sub.add_parser("labels", help="the kiosk's own labels: a catalogue to translate, or the template",
                         description="Write a gettext catalogue of the kiosk's own labels (Home, Back, Play ...) for "
                                     "one language of an exhibit, in DIR/labels/<lang>.po, ready for a translator "
                                     "(Poedit, Weblate ...): the kiosk's own translation where it has one, empty "
                                     "where not. An existing catalogue keeps its translations and gains the labels "
                                     "it lacks. --pot writes the template of every label (for the kiosk's developers).")
    lab.add_argument("--content", metavar="DIR", help="content folder (default: $KIOSK_CONTENT)")
    lab.add_argument("--lang", metavar="CODE", help="the language of the catalogue, one of the exhibit's")
    lab.add_argument("--pot", metavar="FILE", nargs="?", const="", help="write the template (default: the kiosk's own "
                                                                         "kiosk/core/i18n/po/kiosk.pot)")
    lab.add_argument("--update-shipped", action="store_true",
                     help="bring the kiosk's own catalogues up to the template")
    lab.set_defaults(handler=cmd_labels)


def cmd_validate(args) -> int:
    from kiosk.core.content.loader import load_content
    from kiosk.core.problems import summary

    root = content_root(args.content)
    if root is None:
        return EXIT_USAGE
    result = load_content(root)
    for problem in result.problems:
        print(problem.format())
    failing = result.errors or (args.strict and result.warnings)
    c = result.content
    print(f"{root}: {summary(result.problems)} "
          f"({len(c.chapters)} chapters, {len(c.witnesses)} witnesses, {len(c.quizzes)} quizzes loaded)")
    if args.strict and result.warnings and not result.errors:
        print("failed: --strict counts warnings as errors")
    return EXIT_PROBLEMS if failing else EXIT_OK


def cmd_render(args) -> int:
    from kiosk.core.machine import logs

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logs.setup(None)
    result = load_for_ui(args.content)
    content = result.content
    languages = args.lang or list(content.exhibit.languages)
    for lang in languages:
        if lang not in content.exhibit.languages:
            print(f"kiosk: error: language '{lang}' is not one of the exhibit's languages "
                  f"({', '.join(content.exhibit.languages)})", file=sys.stderr)
            return EXIT_USAGE
    from kiosk.core.content.routes import all_routes

    known = all_routes(content)
    routes = args.route or known
    unknown = [r for r in routes if r not in known]
    if unknown:
        from kiosk.core.problems import did_you_mean
        for r in unknown:
            hint = did_you_mean(r, known)
            print(f"kiosk: error: unknown route '{r}'" + (f" ({hint})" if hint else ""), file=sys.stderr)
        return EXIT_USAGE
    from kiosk.ui import app, backend, render

    app.install_qt_logging()
    config = backend.SessionConfig(content=content, problems=result.problems, windowed=True)
    engine, window = app.create_engine(config)
    if window is None:
        print("kiosk: error: the user interface could not be loaded", file=sys.stderr)
        return EXIT_PROBLEMS
    screen = content.exhibit.screen
    sizes = [args.size] if args.size else (screen.sizes() if screen else [(1920, 1080)])
    for width, height in sizes:
        window.resize(width, height)
        out = Path(args.out) if len(sizes) == 1 else Path(args.out) / f"{width}x{height}"
        files = render.render_routes(window, app.kiosk_singleton(engine), routes, languages, out,
                                     scroll="" if args.scroll == "top" else args.scroll)
        for f in files:
            print(f)
        print(f"{len(files)} page{'s' if len(files) != 1 else ''} rendered at {width}x{height}")
    del engine
    return EXIT_OK


def cmd_prepare(args) -> int:
    from kiosk.core.content.loader import load_content
    from kiosk.core.media import derivatives

    root = content_root(args.content)
    if root is None:
        return EXIT_USAGE
    images = load_content(root).content.image_files()
    tty = sys.stdout.isatty()

    def progress(done: int, total: int, rel: str) -> None:
        if tty:
            width = 30
            filled = width * done // max(1, total)
            sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {rel[-40:]:<40}")
            sys.stdout.flush()
        elif done == total or done % 25 == 0:
            print(f"{done}/{total} images")

    report = derivatives.prepare(root, images, progress=progress)
    if tty:
        print()
    for rel, message in report.failed:
        print(f"{rel}: error: {message}")
    print(f"{report.built} built, {report.reused} reused, {len(report.failed)} failed "
          f"({len(images)} images, cache {dirs.images_cache_dir()})")
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def cmd_schema(args) -> int:
    from kiosk.core.content import jsonschema

    if not args.out:
        sys.stdout.write(jsonschema.dumps(jsonschema.combined_schema()))
        return EXIT_OK
    out = Path(args.out)
    if out.suffix == ".json":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(jsonschema.dumps(jsonschema.combined_schema()), encoding="utf-8")
        print(out)
    else:
        for path in jsonschema.write_all(out):
            print(path)
    return EXIT_OK


def cmd_new(args) -> int:
    from kiosk.core.content import skeleton

    if args.kind == "exhibit":
        try:
            languages = skeleton.parse_languages(args.languages or "")
            files = skeleton.new_exhibit(Path(args.name), languages)
        except skeleton.SkeletonError as exc:
            print(f"kiosk: error: {exc}" if args.languages else
                  "kiosk: error: say the exhibit's languages, default first: --languages fr,vi,en", file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:
            print(f"kiosk: error: cannot write the exhibit: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        for path in files:
            print(path)
        print(f"Next: write your texts where they say TODO, then run: kiosk validate {args.name}")
        return EXIT_OK
    if not (args.content or os.environ.get("KIOSK_CONTENT")):
        print("kiosk: error: say which content folder to add to: --content DIR (or set $KIOSK_CONTENT)",
              file=sys.stderr)
        return EXIT_USAGE
    root = content_root(args.content)
    if root is None:
        return EXIT_USAGE
    try:
        path = skeleton.write(skeleton.make(args.kind, args.name, root))
    except (skeleton.SkeletonError, FileExistsError) as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"kiosk: error: cannot write the file: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(path)
    print(f"Next: fill in the TODO texts, then run: kiosk validate {root}")
    return EXIT_OK


def cmd_labels(args) -> int:
    from kiosk.core.i18n import catalogue

    if args.pot is not None:
        print(catalogue.write_template(Path(args.pot) if args.pot else catalogue.TEMPLATE))
        return EXIT_OK
    if args.update_shipped:
        for lang in catalogue.shipped_languages():
            path = catalogue.PO_DIR / f"{lang}.po"
            path.write_bytes(catalogue.updated(path.read_bytes(), lang))
            print(path)
        return EXIT_OK
    if not args.lang:
        print("kiosk: error: say which language: --lang CODE (or --pot for the template)", file=sys.stderr)
        return EXIT_USAGE
    root = content_root(args.content)
    if root is None:
        return EXIT_USAGE
    from kiosk.core.content.skeleton import SkeletonError, exhibit_languages

    try:
        languages = exhibit_languages(root)
    except SkeletonError as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.lang not in languages:
        print(f"kiosk: error: '{args.lang}' is not one of the exhibit's languages ({', '.join(languages)})",
              file=sys.stderr)
        return EXIT_USAGE
    path = root / "labels" / f"{args.lang}.po"
    try:
        old = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(catalogue.updated(old, args.lang, prefill=catalogue.shipped(args.lang)))
    except OSError as exc:
        print(f"kiosk: error: cannot write {path}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(path)
    print(f"Next: translate the empty msgstr lines (Poedit, Weblate ...), then run: kiosk validate {root}")
    return EXIT_OK
