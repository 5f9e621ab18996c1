"""The layers hold: import-linter's contracts are kept, and the core really runs without Qt.

Two independent checks: import-linter reads the source (every ``import`` statement, lazy ones
included), and a fresh interpreter imports the core and runs ``kiosk validate`` and then looks at
``sys.modules`` (what actually gets loaded, dynamic imports included). Each has a negative control
that shows it can fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
QT_PACKAGES = ("PySide6", "shiboken6")
TIMEOUT = 120


def _lint_imports() -> str:
    script = Path(sys.executable).with_name("lint-imports")
    found = str(script) if script.exists() else shutil.which("lint-imports")
    assert found, "lint-imports is not installed (pip install -e .[test])"
    return found


def run_lint_imports(*args: str) -> subprocess.CompletedProcess:
    # --no-cache: leave no .import_linter_cache behind in the working tree
    return subprocess.run([_lint_imports(), "--no-cache", "--no-logo", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=TIMEOUT)


def contracts() -> list[dict]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


# -- import-linter ----------------------------------------------------------------------------------

def test_import_linter_contracts_are_kept():
    proc = run_lint_imports()
    output = f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    assert proc.returncode == 0, output
    n = len(contracts())
    assert f"Contracts: {n} kept, 0 broken." in proc.stdout, output


def test_the_contracts_forbid_qt_in_the_core():
    """The contracts that matter are there: kiosk.core may not import Qt or the layers above it, and
    the core's wings keep their floors."""
    forbidden = [c for c in contracts() if c["type"] == "forbidden"]
    assert any("kiosk.core" in c["source_modules"] and {*QT_PACKAGES, "kiosk.ui"} <= set(c["forbidden_modules"])
               for c in forbidden), forbidden
    layers = [c["layers"] for c in contracts() if c["type"] == "layers"]
    assert ["kiosk.cli", "kiosk.bench", "kiosk.ui", "kiosk.core"] in layers, layers
    assert ["present", "content", "i18n | media | analytics", "machine"] in layers, layers


def test_import_linter_reports_a_broken_contract(tmp_path: Path):
    """Negative control: with a contract the code does break, lint-imports exits 1 and names it."""
    config = tmp_path / "broken.toml"
    config.write_text(textwrap.dedent("""\
        [tool.importlinter]
        root_packages = ["kiosk"]

        [[tool.importlinter.contracts]]
        name = "Control: the loader may not read YAML"
        type = "forbidden"
        source_modules = ["kiosk.core.content.loader"]
        forbidden_modules = ["kiosk.core.content.yamlfile"]
        """), encoding="utf-8")
    proc = run_lint_imports(str(config))
    output = f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    assert proc.returncode == 1, output
    assert "Control: the loader may not read YAML BROKEN" in proc.stdout, output
    assert "kiosk.core.content.loader -> kiosk.core.content.yamlfile" in proc.stdout, output


# -- what a fresh interpreter actually loads --------------------------------------------------------

_REPORT = """
import json as _json, sys as _sys
_json.dump({
    "qt": sorted(m for m in _sys.modules if m.split(".")[0] in QT_PACKAGES),
    "kiosk": sorted(m for m in _sys.modules if m == "kiosk" or m.startswith("kiosk.")),
}, _sys.__stdout__)
""".replace("QT_PACKAGES", repr(QT_PACKAGES))

CORE_AND_VALIDATE = """
import contextlib, io, pkgutil, importlib
import kiosk.core
for info in pkgutil.walk_packages(kiosk.core.__path__, "kiosk.core."):
    importlib.import_module(info.name)
import kiosk.core.resources, kiosk.core.machine.logs, kiosk.cli
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = kiosk.cli.main(["validate", %r])
assert code == 0, out.getvalue()
assert "no problems found" in out.getvalue(), out.getvalue()
"""


def modules_after(snippet: str) -> dict[str, list[str]]:
    """Run *snippet* in a fresh interpreter; the Qt and kiosk modules it left in sys.modules."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONSTARTUP", "KIOSK_CONTENT")}
    proc = subprocess.run([sys.executable, "-c", snippet + _REPORT], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_core_and_validate_load_no_qt():
    found = modules_after(CORE_AND_VALIDATE % str(REPO / "content"))
    # the snippet did import the whole core and the command line, so the check below means something
    core = {m for m in found["kiosk"] if m.startswith("kiosk.core.")}
    assert {"kiosk.core.content.loader", "kiosk.core.content.yamlfile", "kiosk.core.content.types",
            "kiosk.core.content.format", "kiosk.core.media.files", "kiosk.cli",
            "kiosk.core.resources"} <= set(found["kiosk"])
    core_dir = REPO / "kiosk" / "core"
    on_disk = {".".join(p.relative_to(core_dir).with_suffix("").parts).removesuffix(".__init__")
               for p in core_dir.rglob("*.py") if p.name != "__init__.py"}
    listed = {m.removeprefix("kiosk.core.") for m in core}
    assert listed >= on_disk, on_disk - listed
    assert found["qt"] == [], f"the core or 'kiosk validate' loaded Qt: {found['qt']}"
    assert not any(m == "kiosk.ui" or m.startswith("kiosk.ui.") for m in found["kiosk"]), found["kiosk"]


def test_the_qt_check_sees_a_qt_import():
    """Negative control: the same check reports PySide6 when a snippet imports it."""
    found = modules_after("import PySide6.QtCore\n")
    assert "PySide6" in found["qt"] and "PySide6.QtCore" in found["qt"], found["qt"]
    assert "shiboken6" in found["qt"], found["qt"]


@pytest.mark.parametrize("module", ["kiosk.ui.backend", "kiosk.ui.app"])
def test_the_qt_check_sees_the_ui_layer(module):
    """Negative control: the ui layer does pull in Qt, so a core module importing it would be caught."""
    found = modules_after(f"import {module}\n")
    assert "PySide6" in found["qt"], found
