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
    ren.add_argument("--size", type=size, default=(1920, 1080), metavar="WxH", help="page size (default 1920x1080)")
    ren.add_argument("--lang", metavar="CODE", action="extend", nargs="+", help="language(s) to render (default: all)")
    ren.add_argument("--route", metavar="ROUTE", action="extend", nargs="+",
                     help="route(s) to render, e.g. story/1972-12-18 (default: all)")
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
    new = sub.add_parser("new", help="start a new witness, day or quiz from a commented skeleton file",
                         description="Write a commented skeleton file in the right folder of the content: "
                                     "'kiosk new witness \"Nguyễn Văn An\"' writes witnesses/nguyen-van-an.yaml, "
                                     "'kiosk new day 1972-12-18' writes story/1972-12-18.yaml. Existing files are "
                                     "never overwritten.")
    new.add_argument("kind", choices=["witness", "day", "quiz"], help="what to add")
    new.add_argument("name",
                     help="the person's name, the day's date (YYYY-MM-DD, or prologue/epilogue), or the quiz title")
    new.add_argument("--content", metavar="DIR", help=CONTENT_HELP)
    new.set_defaults(handler=cmd_new)


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
    window.resize(*args.size)
    files = render.render_routes(window, app.kiosk_singleton(engine), routes, languages, Path(args.out),
                                 scroll="" if args.scroll == "top" else args.scroll)
    for f in files:
        print(f)
    print(f"{len(files)} page{'s' if len(files) != 1 else ''} rendered at {args.size[0]}x{args.size[1]}")
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
