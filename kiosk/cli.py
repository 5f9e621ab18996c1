"""The ``kiosk`` command line: run, validate, render.

``kiosk`` alone (or with run options only) is ``kiosk run``. Qt is imported only by the
commands that need it, so ``kiosk validate`` starts fast and runs without a display.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from kiosk import __version__, paths, stats_cli

COMMANDS = ("run", "validate", "render", "bench", "schema", "new", "status", "set-pin", "stats", "prepare")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1920x1080, got '{text}'")
    w, h = int(m.group(1)), int(m.group(2))
    if not (320 <= w <= 7680 and 320 <= h <= 7680):
        raise argparse.ArgumentTypeError(f"size {w}x{h} is out of range (320 to 7680 pixels a side)")
    return w, h


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got '{text}'") from None
    if not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError("seconds must be between 1 and 86400")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with a clear message
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kiosk",
        description="Museum touchscreen kiosk. Without a command, runs the kiosk (same as 'kiosk run').",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = sub.add_parser("run", help="show the exhibit (fullscreen unless --windowed)",
                         description="Show the exhibit on this screen.")
    run.add_argument("--content", metavar="DIR", help="content folder (default: $KIOSK_CONTENT, else the bundled exhibit)")
    run.add_argument("--windowed", action="store_true", help="a normal window with a cursor, for trying things out")
    run.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1080x1920 (with --windowed)")
    run.add_argument("--lang", metavar="CODE", help="start language (default: the exhibit's default language)")
    run.add_argument("--idle-timeout", type=_seconds, metavar="SECONDS",
                     help="seconds without a touch before 'Are you still there?' (default: from exhibit.yaml)")

    run.add_argument("--state-dir", metavar="DIR",
                     help="where status.json is kept (default: the platform's state folder, e.g. ~/.local/state/kiosk)")
    run.add_argument("--no-watch", action="store_true", help="do not watch the content folder for changes")

    sta = sub.add_parser("status", help="is the kiosk running, and which content does it show?",
                         description="Print the running kiosk's status.json: version, content folder and revision, "
                                     "the problems of a rejected content update, uptime and last heartbeat. "
                                     "Exit 0 when it is running and responding, 1 when not.")
    sta.add_argument("--state-dir", metavar="DIR", help="the kiosk's state folder (default: the platform's)")
    sta.add_argument("--json", action="store_true", help="print the status as JSON, for monitoring tools")

    pin = sub.add_parser("set-pin", help="set the PIN that opens the hidden staff menu",
                         description="Set the staff PIN (4 to 12 digits). It is stored only as a salted scrypt hash "
                                     "in the kiosk's settings file, outside the content folder. The PIN is read "
                                     "from the terminal, or from standard input when that is not a terminal.")
    pin.add_argument("--settings-dir", metavar="DIR", help="folder of settings.json (default: $KIOSK_CONFIG_DIR, "
                                                           "/etc/kiosk, else ~/.config/kiosk)")

    val = sub.add_parser("validate", help="check a content folder and list every problem",
                         description="Check a content folder; print every problem as path:line:col: severity: message.")
    val.add_argument("content", nargs="?", metavar="DIR", help="content folder (default: $KIOSK_CONTENT, else the bundled exhibit)")
    val.add_argument("--strict", action="store_true", help="treat warnings as errors")

    ren = sub.add_parser("render", help="render pages to PNG files (the proof sheet)",
                         description="Render pages offscreen to PNG, one file per route and language.")
    ren.add_argument("--content", metavar="DIR", help="content folder (default: $KIOSK_CONTENT, else the bundled exhibit)")
    ren.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH", help="page size (default 1920x1080)")
    ren.add_argument("--lang", metavar="CODE", action="extend", nargs="+", help="language(s) to render (default: all)")
    ren.add_argument("--route", metavar="ROUTE", action="extend", nargs="+", help="route(s) to render, e.g. story/1972-12-18 (default: all)")
    ren.add_argument("--out", metavar="DIR", required=True, help="folder for the PNG files")

    pre = sub.add_parser("prepare", help="build the screen-sized copies of every image ahead of time",
                         description="Build the thumbnail and screen-sized copies of every image the content uses "
                                     "(installers run this after a content update, so the first visitor never waits). "
                                     "Unchanged images are reused. The kiosk also builds missing ones by itself.")
    pre.add_argument("--content", metavar="DIR", help="content folder (default: $KIOSK_CONTENT, else the bundled exhibit)")

    sch = sub.add_parser("schema", help="write the JSON Schema of the content files, for editors",
                         description="Write the JSON Schema of the content files. Editors such as VS Code (YAML "
                                     "extension) then complete keys and underline mistakes as you type. With a "
                                     "folder, one schema per kind of file (exhibit, sources, chapter, witness, "
                                     "quiz) and content.schema.json; with a .json file, the combined schema; "
                                     "without --out, the combined schema on standard output.")
    sch.add_argument("--out", metavar="PATH", help="a folder (e.g. CONTENT/schema) or a .json file")

    new = sub.add_parser("new", help="start a new witness, day or quiz from a commented skeleton file",
                         description="Write a commented skeleton file in the right folder of the content: "
                                     "'kiosk new witness \"Nguyễn Văn An\"' writes witnesses/nguyen-van-an.yaml, "
                                     "'kiosk new day 1972-12-18' writes story/1972-12-18.yaml. Existing files are "
                                     "never overwritten.")
    new.add_argument("kind", choices=["witness", "day", "quiz"], help="what to add")
    new.add_argument("name", help="the person's name, the day's date (YYYY-MM-DD, or prologue/epilogue), or the quiz title")
    new.add_argument("--content", metavar="DIR", help="content folder (default: $KIOSK_CONTENT, else the bundled exhibit)")

    ben = sub.add_parser("bench", help="measure start-up, page changes and memory on this machine",
                         description="Measure how fast this machine runs the kiosk: start-up to the first frame, "
                                     "tap to the next frame, memory after every route, content loading. "
                                     "Without a display it runs offscreen.")
    ben.add_argument("--content", metavar="DIR", help="content folder (default: $KIOSK_CONTENT, else the bundled exhibit)")
    ben.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH", help="window size (default 1920x1080)")
    ben.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ben.add_argument("--scale", type=int, default=1, metavar="N",
                     help="also load the content replicated N times, to show how loading grows with size")
    ben.add_argument("--runs", type=int, default=5, metavar="N", help="start-up runs to take the median of (default 5)")
    ben.add_argument("--soak-events", type=int, default=20000, metavar="N",
                     help="random events in the soak that measures memory growth (default 20000, ~3 minutes; 0 skips it)")
    stats_cli.add_parser(sub)
    return parser


def _normalize(argv: list[str]) -> list[str]:
    if not argv:
        return ["run"]
    if argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["run", *argv]


def _content_root(option: str | None) -> Path | None:
    """The content folder to work on, or None (after saying why) when it is not a folder."""
    root = paths.content_dir(option)
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        print(f"kiosk: error: the content folder {root} {what}", file=sys.stderr)
        return None
    return root


def cmd_validate(args) -> int:
    from kiosk.core.loader import load_content
    from kiosk.core.problems import summary

    root = _content_root(args.content)
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


def _load_for_ui(content_option: str | None):
    from kiosk.core.loader import load_content_cached as load_content
    import logging

    log = logging.getLogger("kiosk.content")
    root = paths.content_dir(content_option)
    result = load_content(root)
    for problem in result.problems:
        (log.error if problem.is_error else log.warning)("%s", problem.format())
    return result


def cmd_run(args) -> int:
    from kiosk import logs

    logs.setup(paths.log_dir())
    result = _load_for_ui(args.content)
    if args.lang and args.lang not in result.content.exhibit.languages:
        print(f"kiosk: error: language '{args.lang}' is not one of the exhibit's languages "
              f"({', '.join(result.content.exhibit.languages)})", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.ui import app, backend

    config = backend.SessionConfig(
        content=result.content, problems=result.problems, language=args.lang or "",
        idle_timeout=args.idle_timeout, windowed=args.windowed,
        idle_countdown=float(os.environ["KIOSK_IDLE_COUNTDOWN"]) if os.environ.get("KIOSK_IDLE_COUNTDOWN") else None,
    )
    from kiosk.core import revision

    config.revision = revision.content_revision(result.content.root)
    return app.run(config, args.size, state_dir=Path(args.state_dir) if args.state_dir else None,
                   watch=not args.no_watch)


def cmd_render(args) -> int:
    from kiosk import logs

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logs.setup(None)
    result = _load_for_ui(args.content)
    content = result.content
    languages = args.lang or list(content.exhibit.languages)
    for lang in languages:
        if lang not in content.exhibit.languages:
            print(f"kiosk: error: language '{lang}' is not one of the exhibit's languages "
                  f"({', '.join(content.exhibit.languages)})", file=sys.stderr)
            return EXIT_USAGE
    known = content.routes()
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
    files = render.render_routes(window, app.kiosk_singleton(engine), routes, languages, Path(args.out))
    for f in files:
        print(f)
    print(f"{len(files)} page{'s' if len(files) != 1 else ''} rendered at {args.size[0]}x{args.size[1]}")
    del engine
    return EXIT_OK


def cmd_prepare(args) -> int:
    from kiosk.core import derivatives
    from kiosk.core.loader import load_content

    root = _content_root(args.content)
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
          f"({len(images)} images, cache {derivatives.cache_dir()})")
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def cmd_schema(args) -> int:
    from kiosk.core import jsonschema

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
    from kiosk.core import skeleton

    if not (args.content or os.environ.get("KIOSK_CONTENT")):
        print("kiosk: error: say which content folder to add to: --content DIR (or set $KIOSK_CONTENT)",
              file=sys.stderr)
        return EXIT_USAGE
    root = _content_root(args.content)
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


def cmd_status(args) -> int:
    import json

    from kiosk.core import status

    state_dir = Path(args.state_dir) if args.state_dir else paths.log_dir()
    data = status.read_status(state_dir)
    if data is None:
        if args.json:
            print(json.dumps({"state": "unknown", "error": f"no status in {state_dir}"}))
        else:
            print(f"kiosk: no status in {state_dir} (has the kiosk run with --state-dir {state_dir}?)", file=sys.stderr)
        return EXIT_PROBLEMS
    age = status.heartbeat_age(data)
    alive = data.get("state") == "running" and age <= 60
    if args.json:
        print(json.dumps({**data, "heartbeat_age_s": round(age, 1), "responding": alive}, ensure_ascii=False))
    else:
        print(status.format_status(data))
    from kiosk import build_info

    installed = build_info.package_version()
    if alive and installed and data.get("package_version") and installed != data["package_version"]:
        print(f"kiosk: version {installed} is installed but {data['package_version']} is running: "
              "restart it (sudo systemctl restart kiosk)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK if alive else EXIT_PROBLEMS


def cmd_set_pin(args) -> int:
    import getpass

    from kiosk.core.settings import PinError, Settings

    settings = Settings.load(Path(args.settings_dir) if args.settings_dir else None)
    if sys.stdin.isatty():
        first = getpass.getpass("New staff PIN (4-12 digits): ")
        if getpass.getpass("Once more: ") != first:
            print("kiosk: error: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_USAGE
    else:
        first = sys.stdin.readline().strip()
    try:
        settings.set_pin(first)
    except PinError as exc:
        print(f"kiosk: error: {exc}; nothing changed", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"kiosk: error: cannot write {settings.path}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"staff PIN saved (as a salted hash) in {settings.path}")
    return EXIT_OK


def cmd_bench(args) -> int:
    import json

    from kiosk.ui import bench

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale < 1 or args.runs < 1 or args.soak_events < 0:
        print("kiosk: error: --scale and --runs must be at least 1, --soak-events at least 0", file=sys.stderr)
        return EXIT_USAGE
    results = bench.bench(paths.content_dir(args.content), args.size, scale=args.scale, startup_runs=args.runs,
                          soak_events=args.soak_events)
    print(json.dumps(results, ensure_ascii=False) if args.json else bench.format_table(results))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a file name that is not valid UTF-8 (from a Windows zip) must not crash the printing of a problem
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(_normalize(argv))
    handler = {"run": cmd_run, "validate": cmd_validate, "render": cmd_render, "bench": cmd_bench, "schema": cmd_schema, "new": cmd_new, "status": cmd_status, "set-pin": cmd_set_pin, "stats": stats_cli.run, "prepare": cmd_prepare}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
