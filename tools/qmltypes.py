"""The QML type description of the Python backend, so that qmllint checks QML against it; and qmllint.

    python tools/qmltypes.py            write tools/qmllint/Kiosk/Backend/ (qmldir + kiosk-backend.qmltypes)
    python tools/qmltypes.py --check    exit 1 when the committed description is out of date
    python tools/qmltypes.py --lint     run pyside6-qmllint on every QML file with it: exit 1 on any finding

How: PySide6's own tools, as ``pyside6-project qmllint`` uses them. ``pyside6-metaobjectdump`` reads
the Python files that register ``Kiosk.Backend`` types (``QML_IMPORT_NAME``) and writes what moc would;
``pyside6-qmltyperegistrar`` turns that into a ``.qmltypes`` file. metaobjectdump reads the source
text only, so what it cannot see is taken from the classes' own QMetaObject: which properties are
constant, the C++ type of each property and slot result (one of our QObjects is held by pointer), and
the slots' parameter names. The description lives outside the QML import path the kiosk runs with
(kiosk/qml): at run time the types come from Python; only qmllint reads this folder
(``-I tools/qmllint``).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULE = "Kiosk.Backend"
OUT = REPO / "tools" / "qmllint" / "Kiosk" / "Backend"
QMLTYPES = "kiosk-backend.qmltypes"
QML_ROOT = REPO / "kiosk" / "qml"
BRIDGE = REPO / "kiosk" / "ui"
QT_MODULES = ("core", "qml")  # the Qt modules our types derive from (QObject, QAbstractListModel)


def backend_files() -> list[Path]:
    """The Python files that register QML types of the backend module."""
    pattern = re.compile(rf'^QML_IMPORT_NAME = "{re.escape(MODULE)}"$', re.MULTILINE)
    return sorted(p for p in BRIDGE.glob("*.py") if pattern.search(p.read_text(encoding="utf-8")))


def _tool(name: str) -> str:
    """A PySide6 command-line tool, from the same installation as this interpreter's PySide6."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def _metatypes_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "metatypes"


def dump(files: list[Path]) -> list[dict]:
    """What moc would say about the classes in *files* (metaobjectdump), completed from the live classes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dump.json"
        subprocess.run([_tool("pyside6-metaobjectdump"), "--quiet", "-o", str(out), *map(str, files)], check=True)
        entries = json.loads(out.read_text(encoding="utf-8"))
    ours = {c["className"] for e in entries for c in e["classes"] if c.get("object")}
    for entry in entries:
        path = Path(entry["inputFile"])
        entry["inputFile"] = path.relative_to(REPO).as_posix()  # the same text on every machine
        module = importlib.import_module(".".join(path.relative_to(REPO).with_suffix("").parts))
        for cls_entry in entry["classes"]:
            if cls_entry.get("object"):
                _complete(cls_entry, getattr(module, cls_entry["className"]), ours)
    return entries


def _complete(entry: dict, cls: type, ours: set[str]) -> None:
    meta = cls.staticMetaObject
    for prop in entry.get("properties", []):
        found = meta.property(meta.indexOfProperty(prop["name"]))
        prop["type"] = found.typeName()  # e.g. "double" for float, "Session*" for a QObject of ours
        if found.isConstant():
            prop["constant"] = True
    returns = {bytes(meta.method(i).name()).decode(): meta.method(i).typeName() for i in range(meta.methodCount())}
    for slot in entry.get("slots", []):
        if slot["returnType"] in ours:
            slot["returnType"] += "*"  # one of our QObjects (PySide registers it as a plain QObject*)
        else:
            slot["returnType"] = returns.get(slot["name"], slot["returnType"])
        params = [p for p in inspect.signature(getattr(cls, slot["name"])).parameters if p != "self"]
        for arg, name in zip(slot["arguments"], params, strict=False):
            arg["name"] = name


def generate(out_dir: Path) -> list[Path]:
    """Write the qmldir and the .qmltypes of the backend module into *out_dir*; returns the files."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    entries = dump(backend_files())
    out_dir.mkdir(parents=True, exist_ok=True)
    qmltypes = out_dir / QMLTYPES
    meta_dir = _metatypes_dir()
    foreign = ",".join(str(next(meta_dir.glob(f"qt6{m}_*metatypes.json"))) for m in QT_MODULES)
    with tempfile.TemporaryDirectory() as tmp:
        dumped = Path(tmp) / "kiosk_backend_metatypes.json"
        dumped.write_text(json.dumps(entries, indent=1), encoding="utf-8")
        subprocess.run([_tool("pyside6-qmltyperegistrar"), "--generate-qmltypes", str(qmltypes),
                        "-o", str(Path(tmp) / "registrations.cpp"), "--import-name", MODULE,
                        "--major-version", "1", "--minor-version", "0", f"--foreign-types={foreign}",
                        str(dumped)], check=True, cwd=REPO)
    qmldir = out_dir / "qmldir"
    qmldir.write_text(f"module {MODULE}\ntypeinfo {QMLTYPES}\n", encoding="utf-8")
    return [qmldir, qmltypes]


def stale(committed: Path = OUT) -> list[str]:
    """The files of the *committed* description that differ from a fresh one (empty when up to date)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp))
        return [f.name for f in fresh
                if not (committed / f.name).is_file() or (committed / f.name).read_bytes() != f.read_bytes()]


def qml_files() -> list[Path]:
    return sorted(QML_ROOT.rglob("*.qml"))


def lint(files: list[Path] | None = None) -> list[str]:
    """Every qmllint finding (warnings and informational notes alike) over *files*, as text lines."""
    files = files or qml_files()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "qmllint.json"
        subprocess.run([_tool("pyside6-qmllint"), "-I", str(QML_ROOT), "-I", str(OUT.parents[1]),
                        "--json", str(report), *map(str, files)], cwd=REPO, capture_output=True, text=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for f in data.get("files", []):
        path = Path(f["filename"]).resolve()
        rel = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        for w in f.get("warnings", []):
            where = f"{rel}:{w.get('line', 0)}:{w.get('column', 0)}"
            found.append(f"{where}: {w.get('type', '')}: {w.get('message', '')} [{w.get('id', '')}]")
        if not f.get("success", True) and not f.get("warnings"):
            found.append(f"{rel}: qmllint could not check this file")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/qmltypes.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed description is stale")
    parser.add_argument("--lint", action="store_true", help="run qmllint on every QML file; exit 1 on any finding")
    args = parser.parse_args(argv)
    if args.check:
        changed = stale()
        for name in changed:
            print(f"{OUT.relative_to(REPO)}/{name} is out of date: run python tools/qmltypes.py", file=sys.stderr)
        return 1 if changed else 0
    if args.lint:
        findings = lint()
        for line in findings:
            print(line)
        print(f"qmllint: {len(findings)} finding{'s' if len(findings) != 1 else ''} in {len(qml_files())} QML files")
        return 1 if findings else 0
    for path in generate(OUT):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
