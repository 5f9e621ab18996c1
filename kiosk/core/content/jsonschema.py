"""JSON Schemas of the content files, generated from the declarations in :mod:`kiosk.core.content.format`.

Editors such as VS Code (with the YAML extension) read them through the comment at the top of each
file, ``# yaml-language-server: $schema=../schema/witness.schema.json``, and then offer completion and
underline mistakes while staff type. ``kiosk schema`` writes them; the sample exhibit ships them in
``content/schema/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.core.content import format as content_format

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# kind -> (title, schema of one file)
KINDS: dict[str, tuple[str, Any]] = {
    "exhibit": ("The exhibit file (exhibit.yaml)", content_format.EXHIBIT),
    "sources": ("The bibliography (sources.yaml): source id -> title, publisher, url", content_format.SOURCE),
    "chapter": ("A story chapter (story/<date>.yaml, story/prologue.yaml, story/epilogue.yaml)",
                content_format.CHAPTER),
    "witness": ("A witness profile (witnesses/<name>.yaml)", content_format.WITNESS),
    "quiz": ("A quiz (quizzes/<name>.yaml)", content_format.QUIZ),
}

# the folder of each kind, relative to the content folder (for the modeline of a file)
FOLDERS = {"exhibit": "", "sources": "", "chapter": "story", "witness": "witnesses", "quiz": "quizzes"}


def schema_for(kind: str) -> dict[str, Any]:
    title, obj = KINDS[kind]
    body = obj.json_schema()
    if kind == "sources":
        body = {"type": "object", "additionalProperties": body}
    return {"$schema": DRAFT, "$id": f"{kind}.schema.json", "title": title, **body}


def combined_schema() -> dict[str, Any]:
    """One schema accepting any content file (for editors that take a single schema)."""
    defs = {kind: {k: v for k, v in schema_for(kind).items() if not k.startswith("$")} for kind in KINDS}
    return {"$schema": DRAFT, "$id": "content.schema.json", "title": "Museum kiosk content file",
            "$defs": defs, "anyOf": [{"$ref": f"#/$defs/{kind}"} for kind in KINDS]}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path) -> list[Path]:
    """One ``<kind>.schema.json`` per kind of file, plus ``content.schema.json``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(dumps(schema_for(kind)), encoding="utf-8")
        written.append(path)
    path = folder / "content.schema.json"
    path.write_text(dumps(combined_schema()), encoding="utf-8")
    written.append(path)
    return written


def modeline(kind: str) -> str:
    """The first line of a content file of *kind* that points editors at its schema."""
    prefix = "../" if FOLDERS[kind] else ""
    return f"# yaml-language-server: $schema={prefix}schema/{kind}.schema.json"
