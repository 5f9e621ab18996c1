"""The JSON Schemas for editors: shipped up to date, valid, accepting the sample and catching mistakes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kiosk.core.content import jsonschema as js

CONTENT = Path(__file__).resolve().parents[3] / "content"


def files_of(kind: str) -> list[Path]:
    folder = js.FOLDERS[kind]
    return [CONTENT / f"{kind}.yaml"] if not folder else sorted((CONTENT / folder).glob("*.yaml"))


def as_editor_sees(value):
    """YAML as an editor's schema check sees it: dates are strings, keys are strings."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", list(js.KINDS))
def test_the_shipped_schema_is_up_to_date(kind):
    shipped = json.loads((CONTENT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert shipped == js.schema_for(kind), "run: kiosk schema --out content/schema"


def test_the_combined_schema_is_up_to_date_and_valid():
    shipped = json.loads((CONTENT / "schema" / "content.schema.json").read_text(encoding="utf-8"))
    assert shipped == js.combined_schema()
    jsonschema.Draft202012Validator.check_schema(shipped)


@pytest.mark.parametrize("kind", list(js.KINDS))
def test_every_sample_file_points_at_its_schema_and_satisfies_it(kind):
    schema = js.schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = files_of(kind)
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == js.modeline(kind), path
        target = (path.parent / js.modeline(kind).split("$schema=")[1]).resolve()
        assert target.is_file(), f"{path}: the schema comment points at {target}, which does not exist"
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(as_editor_sees(yaml.safe_load(text)))]
        assert not errors, f"{path.relative_to(CONTENT)}:\n" + "\n".join(errors)


def test_the_schema_catches_a_misspelt_key_and_a_missing_one():
    validator = jsonschema.Draft202012Validator(js.schema_for("witness"))
    sample = as_editor_sees(yaml.safe_load((CONTENT / "witnesses" / "pham-tuan.yaml").read_text(encoding="utf-8")))
    sample["portriat"] = sample.pop("portrait")
    del sample["name"]
    messages = " ".join(e.message for e in validator.iter_errors(sample))
    assert "'portriat' was unexpected" in messages
    assert "'name' is a required property" in messages
