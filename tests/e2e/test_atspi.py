"""The running kiosk as a screen reader sees it: AT-SPI on a private D-Bus session.

A session bus of our own (``dbus-daemon --session``) carries the accessibility bus
(``at-spi-bus-launcher --launch-immediately``); the kiosk runs on Xvfb with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` and registers there, and ``atspi_client.py``, run with
the system Python and ``gi.repository.Atspi`` like Orca, reads the tree and presses buttons.

Needs at-spi2-core, dbus, python3-gi and gir1.2-atspi-2.0 (plus the X tools of every e2e
test): a missing one fails the test with the package to install; it is never skipped.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.core.present.strings import LANGUAGE_LABELS, strings
from tests.e2e.conftest import SCREEN, SHOTS_FOR_HUMANS, _wait_until

STRINGS = {lang: strings(lang) for lang in ("vi", "en")}  # the sample exhibit's languages


def _section_titles(lang: str) -> dict[str, str]:
    """The home cards' names: the sample exhibit's own titles for its sections."""
    from kiosk.core.content.loader import load_content
    from kiosk.core.present.presenter import Presenter

    content = load_content(Path(__file__).resolve().parents[2] / "content").content
    p = Presenter(content, str, lang=lang)
    return {name: p.section_title(name) for name in ("story", "witnesses", "quiz")}

pytestmark = pytest.mark.e2e

CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"  # the one with python3-gi; the project's Python has no GObject bindings
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
A11Y_PACKAGES = "at-spi2-core dbus python3-gi gir1.2-atspi-2.0"

# A finger-sized target: never under 64 px on a 1080-pixel screen (Style.target is 80 there).
MIN_TARGET = 64 * min(SCREEN) / 1080
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "link", "menu item",
               "combo box", "slider", "spin button"}
NAMED = {"heading", "label"}  # not touch targets, but a reader announces them: they need a name too
ATTRACT_BUTTON = "Chạm để bắt đầu · Touch to begin"  # AttractScreen.qml: in every language at once

# Qt's AT-SPI bridge warns (through the kiosk's Qt message handler) whenever a client asks for
# something it does not implement; libatspi asks for GetApplicationBusAddress by itself.
ATSPI_BRIDGE_NOISE = re.compile(r"WARNING kiosk\.qml: AtSpiAdaptor::\w+ does not implement ")


# -- the accessibility bus --------------------------------------------------------------------
def _launcher() -> str | None:
    return next((p for p in LAUNCHERS if os.access(p, os.X_OK)), None)


def _client_env(session_address: str, runtime_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYENV", "DISPLAY"))}
    # AT_SPI_BUS_ADDRESS empty: the accessibility bus is found through org.a11y.Bus on our session bus
    env.update(DBUS_SESSION_BUS_ADDRESS=session_address, AT_SPI_BUS_ADDRESS="", XDG_RUNTIME_DIR=str(runtime_dir))
    return env


def require_a11y_tools() -> None:
    """Fail (never skip) with the Debian packages to install when the AT-SPI tools are missing."""
    missing: dict[str, str] = {}
    for exe, pkg in (("dbus-daemon", "dbus"), ("dbus-send", "dbus")):
        if shutil.which(exe) is None:
            missing[exe] = pkg
    if _launcher() is None:
        missing["at-spi-bus-launcher"] = "at-spi2-core"
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing[SYSTEM_PYTHON] = "python3"
    else:
        done = subprocess.run([SYSTEM_PYTHON, "-I", str(CLIENT), "probe"], capture_output=True, text=True,
                              timeout=30, env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
        if done.returncode != 0:
            try:
                answer = json.loads(done.stdout)
            except ValueError:
                answer = {"error": (done.stdout + done.stderr).strip()[-500:], "package": None}
            missing[f"{SYSTEM_PYTHON}: {answer['error']}"] = answer.get("package") or "python3-gi gir1.2-atspi-2.0"
    if missing:
        lines = [f"  {what} (Debian package {pkg})" for what, pkg in missing.items()]
        pytest.fail("the screen-reader test needs these AT-SPI tools, which are not installed:\n" + "\n".join(lines)
                    + f"\n  apt-get install {A11Y_PACKAGES}", pytrace=False)


def _read_line(stream, timeout: float) -> str:
    line = b""
    deadline = time.monotonic() + timeout
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([stream], [], [], remaining)[0]:
            break
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            break
        line += chunk
    return line.decode(errors="replace").strip()


def _stop_group(proc: subprocess.Popen | None, timeout: float = 5.0) -> None:
    """Stop a process started with start_new_session=True and everything in its process group."""
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the a11y dbus-daemon and registryd, if they lingered
    except ProcessLookupError:
        pass
    proc.wait(timeout)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _dbus_send(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["dbus-send", "--session", "--print-reply", *args], env=env,
                          capture_output=True, text=True, timeout=10)
    return done.stdout if done.returncode == 0 else ""


@dataclass
class A11yBus:
    session_address: str
    client_env: dict[str, str]
    kiosk_env: dict[str, str]  # the extra environment for start_kiosk(env=...)
    launcher_log: Path


@pytest.fixture
def a11y_bus(tmp_path):
    """A private D-Bus session with the AT-SPI accessibility bus on it."""
    require_a11y_tools()
    runtime = tmp_path / "a11y-runtime"  # the launcher puts the a11y bus socket in $XDG_RUNTIME_DIR/at-spi
    runtime.mkdir(mode=0o700)
    session = launcher = None
    launcher_log = tmp_path / "at-spi-bus-launcher.log"
    try:
        session = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        address = _read_line(session.stdout, timeout=10)
        if not address.startswith(("unix:", "tcp:")):
            pytest.fail(f"dbus-daemon --session did not print its address (exit code {session.poll()})",
                        pytrace=False)
        env = _client_env(address, runtime)
        with launcher_log.open("wb") as log:
            launcher = subprocess.Popen([_launcher(), "--launch-immediately"], env=env, stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 10
        while "boolean true" not in _dbus_send(env, "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                               "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"):
            if time.monotonic() > deadline or launcher.poll() is not None:
                pytest.fail(f"at-spi-bus-launcher did not own org.a11y.Bus within 10 s (exit code {launcher.poll()}):"
                            f"\n{launcher_log.read_text(errors='replace')[-2000:]}", pytrace=False)
            time.sleep(0.05)
        yield A11yBus(
            session_address=address,
            client_env=env,
            kiosk_env={"DBUS_SESSION_BUS_ADDRESS": address, "AT_SPI_BUS_ADDRESS": "",
                       "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"},
            launcher_log=launcher_log,
        )
    finally:
        _stop_group(launcher)
        _stop_group(session)


# -- the screen reader ------------------------------------------------------------------------
@dataclass
class Node:
    role: str
    name: str
    description: str
    states: list[str]
    extents: list[int] | None
    actions: list[str]
    path: list[dict]

    @property
    def showing(self) -> bool:
        return "showing" in self.states

    @property
    def interactive(self) -> bool:
        return self.role in INTERACTIVE

    def where(self) -> str:
        named = [f"{p['role']} {p['name']!r}" if p["name"] else p["role"] for p in self.path[2:]]  # below the frame
        return " > ".join(named) or "the window"

    def __str__(self) -> str:
        return f"{self.role} {self.name!r} at {self.extents} (in {self.where()})"


class Tree(list):
    def showing(self, roles=INTERACTIVE) -> list[Node]:
        return [n for n in self if n.showing and n.role in roles]

    def names(self, roles=INTERACTIVE) -> list[str]:
        return [n.name for n in self.showing(roles)]

    def has(self, name: str, roles=INTERACTIVE) -> bool:
        return name in self.names(roles)


class ScreenReader:
    """atspi_client.py, run with the system Python on the private session bus, for one application."""

    def __init__(self, bus: A11yBus, pid: int) -> None:
        self.bus, self.pid = bus, pid
        self.calls: list[tuple[str, float]] = []

    def _run(self, *args: str) -> dict:
        start = time.monotonic()
        done = subprocess.run([SYSTEM_PYTHON, "-I", str(CLIENT), *args], env=self.bus.client_env,
                              capture_output=True, text=True, timeout=30)
        self.calls.append((args[0], time.monotonic() - start))
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            pytest.fail(f"the AT-SPI client printed no JSON (exit code {done.returncode}):\n"
                        f"{done.stdout[-1000:]}\n{done.stderr[-2000:]}", pytrace=False)
        if done.returncode != 0 or "error" in answer:
            hint = f"\n  apt-get install {answer['package']}" if answer.get("package") else ""
            pytest.fail(f"the AT-SPI client failed: {answer.get('error')}{hint}", pytrace=False)
        return answer

    def tree(self) -> Tree:
        answer = self._run("tree", "--pid", str(self.pid))
        return Tree(Node(**{k: n.get(k) for k in Node.__dataclass_fields__}) for n in answer["nodes"])

    def tree_when(self, predicate, what: str, timeout: float = 5.0) -> Tree:
        """The tree, once *predicate(tree)* holds (the accessible tree follows the scene a frame or two late)."""
        deadline = time.monotonic() + timeout
        while True:
            tree = self.tree()
            if predicate(tree):
                return tree
            if time.monotonic() >= deadline:
                pytest.fail(f"the screen reader never saw {what} within {timeout} s; it sees these showing "
                            f"controls: {tree.names()}", pytrace=False)
            time.sleep(0.2)

    def press(self, name: str, first: bool = False) -> dict:
        args = ["press", "--pid", str(self.pid), "--name", name]
        answer = self._run(*args, *(["--first"] if first else []))
        assert answer["ok"], f"the Press action of {name!r} returned false: {answer}"
        return answer


# -- what every screen must satisfy ---------------------------------------------------------
def foreign_strings(lang: str) -> set[str]:
    """The kiosk's interface texts in the other languages (and not also in *lang*)."""
    own = set(STRINGS[lang].values())
    # a language's button is named in that language, by design ('English' on a Vietnamese screen)
    names = set(LANGUAGE_LABELS.values())
    return {s for code, table in STRINGS.items() if code != lang for s in table.values()} - own - names


def audit(tree: Tree, page: str, lang: str) -> list[str]:
    """Every showing control: named in *lang*, on the screen, and at least MIN_TARGET on each side."""
    problems = []
    foreign = foreign_strings(lang)
    width, height = SCREEN
    for node in tree.showing(NAMED):
        if not node.name.strip():
            problems.append(f"{page}: unnamed {node}")
    for node in tree.showing():
        if not node.name.strip():
            problems.append(f"{page}: unnamed {node}")
        elif node.name in foreign:
            problems.append(f"{page}: {node} is named in another language than {lang!r}")
        if node.extents is None:
            problems.append(f"{page}: {node} has no screen extents")
            continue
        x, y, w, h = node.extents
        if x >= width or y >= height or x + w <= 0 or y + h <= 0:
            problems.append(f"{page}: {node} is off the {width}x{height} screen")
        if w < MIN_TARGET or h < MIN_TARGET:
            problems.append(f"{page}: {node} is {w}x{h} px, under the {MIN_TARGET:.0f} px minimum target")
        if "Press" not in node.actions and node.role in ("push button", "check box", "toggle button"):
            problems.append(f"{page}: {node} has no Press action (it has {node.actions})")
    return problems


def unnamed_graphics(tree: Tree, page: str) -> list[str]:
    """Showing images without a name (not failures: they sit inside named buttons, but a reader announces them)."""
    return [f"{page}: {n}" for n in tree if n.showing and n.role == "image" and not n.name.strip()]


# -- the test ---------------------------------------------------------------------------------
def test_a_screen_reader_reads_and_drives_the_kiosk(a11y_bus, start_kiosk):
    vi, en = {**STRINGS["vi"], **_section_titles("vi")}, {**STRINGS["en"], **_section_titles("en")}
    started = time.monotonic()
    kiosk = start_kiosk("--lang", "vi", "--idle-timeout", "600", env=a11y_bus.kiosk_env)
    kiosk.wait_route("attract", timeout=15)
    kiosk.wait_focus()

    reader = ScreenReader(a11y_bus, kiosk.proc.pid)
    problems: list[str] = []
    notes: list[str] = []
    trees: dict[str, list] = {}

    def look(page: str, lang: str, predicate, what: str) -> Tree:
        tree = reader.tree_when(predicate, what)
        problems.extend(audit(tree, page, lang))
        notes.extend(unnamed_graphics(tree, page))
        trees[page] = [n.__dict__ for n in tree]
        return tree

    def press(name: str, route: str | None = None, route_re: str | None = None, first: bool = False) -> str | None:
        since = kiosk.mark()
        reader.press(name, first=first)
        if route is None and route_re is None:
            return None
        pattern = rf" INFO kiosk\.ui\.backend: route: ({re.escape(route) if route else route_re})\s*$"
        line = kiosk.wait_for_line(pattern, since, timeout=10)
        time.sleep(kiosk.SETTLE)  # the page transition: the old page fades out
        return re.search(pattern, line).group(1)

    # The attract screen: one full-screen "touch to begin" button. Its Press action must start, as a touch does;
    # if it does not, that is a problem, and Return (the keypad's Enter) goes on to the home page.
    attract = reader.tree_when(lambda t: t.has(ATTRACT_BUTTON), f"the {ATTRACT_BUTTON!r} button")
    trees["attract"] = [n.__dict__ for n in attract]
    since = kiosk.mark()
    reader.press(ATTRACT_BUTTON)
    if not _wait_until(lambda: "home" in kiosk.routes(since), 3.0):
        problems.append(f"attract: the Press action of {ATTRACT_BUTTON!r} does nothing (a MouseArea: it needs "
                        f"Accessible.onPressAction)")
        kiosk.display.run("xdotool", "key", "Return")
        kiosk.wait_route("home", since, timeout=10)
    time.sleep(kiosk.SETTLE)

    # Home, in Vietnamese: the three section cards and the top bar, named in Vietnamese.
    home = look("home (vi)", "vi", lambda t: t.has(vi["story"]), f"the {vi['story']!r} card")
    for name in (vi["story"], vi["witnesses"], vi["quiz"], vi["access"], LANGUAGE_LABELS["en"]):
        assert home.has(name), f"no showing control named {name!r} on the home page: {home.names()}"
    assert not home.has(en["story"])

    # The accessibility options: big check boxes, each named.
    press(vi["access"])
    panel = look("accessibility panel (vi)", "vi", lambda t: len(t.showing({"check box"})) >= 6,
                 "the accessibility check boxes")
    assert {vi[k] for k in ("accessLargeText", "accessHighContrast", "accessReducedMotion")} <= set(panel.names())
    boxes = panel.showing({"check box"})
    unstated = [n.name for n in boxes if "checkable" not in n.states]
    if unstated:  # Qt's Button sets its own (false) checkable over Accessible.checkable; Orca goes by role
        notes.append(f"accessibility panel (vi): check boxes without the 'checkable' state: {unstated}")
    since = kiosk.mark()
    press(vi["accessReducedMotion"])
    kiosk.wait_for_line(r" INFO kiosk\.ui\.session: accessibility: reducedMotion on\s*$", since, timeout=5)
    time.sleep(0.2)
    box = [n for n in reader.tree().showing({"check box"}) if n.name == vi["accessReducedMotion"]]
    if not box or "checked" not in box[0].states:
        problems.append(f"accessibility panel (vi): {vi['accessReducedMotion']!r} is on, but its check box "
                        f"does not say 'checked' (states: {box[0].states if box else None})")
    since = kiosk.mark()
    press(vi["accessReducedMotion"])
    kiosk.wait_for_line(r" INFO kiosk\.ui\.session: accessibility: reducedMotion off\s*$", since, timeout=5)
    press(vi["close"])
    reader.tree_when(lambda t: not t.showing({"check box"}), "the accessibility panel close")

    # The Story section card, pressed through its Action interface: the kiosk logs the route.
    press(vi["story"], route="story")
    overview_vi = look("story overview (vi)", "vi", lambda t: t.has(vi["home"]) and not t.has(vi["story"]),
                       "the story overview")
    chapters_vi = [n.name for n in overview_vi.showing() if n.path[-1]["role"] == "layered pane"]
    assert len(chapters_vi) >= 4, f"too few chapter cards on the story overview: {overview_vi.names()}"

    # A witness page, through Home and the Witnesses section.
    press(vi["home"], route="home")
    press(vi["witnesses"], route="witnesses")
    witnesses = look("witnesses (vi)", "vi", lambda t: t.has(vi["back"]) and not t.has(vi["witnesses"]),
                     "the witnesses grid")
    cards = [n.name for n in witnesses.showing() if n.path[-1]["role"] == "layered pane"]
    assert cards, f"no witness cards on the witnesses page: {witnesses.names()}"
    route = press(cards[0], route_re=r"witnesses/\S+")
    witness_vi = look("witness page (vi)", "vi", lambda t: not t.has(cards[0]), "the witness page")
    page_vi = set(witness_vi.names()) - set(LANGUAGE_LABELS.values()) - set(vi.values())

    # English, pressed like any other button: every name changes language, content included.
    since = kiosk.mark()
    press(LANGUAGE_LABELS["en"])
    kiosk.wait_for_line(r" INFO kiosk\.ui\.session: language: en\s*$", since, timeout=5)
    witness_en = look("witness page (en)", "en", lambda t: t.has(en["home"]), "the English top bar")
    for name in (en["home"], en["back"], en["access"]):
        assert witness_en.has(name), f"no {name!r} on the English witness page: {witness_en.names()}"
    still_vi = page_vi & set(witness_en.names())
    assert not still_vi, f"names still in Vietnamese on {route} after switching to English: {sorted(still_vi)}"

    press(en["home"], route="home")
    home_en = look("home (en)", "en", lambda t: t.has(en["story"]), f"the {en['story']!r} card")
    assert not home_en.has(vi["story"]), home_en.names()
    press(en["story"], route="story")
    overview_en = look("story overview (en)", "en", lambda t: t.has(en["back"]) and not t.has(en["story"]),
                       "the English story overview")
    chapters_en = [n.name for n in overview_en.showing() if n.path[-1]["role"] == "layered pane"]
    assert len(chapters_en) == len(chapters_vi) and not set(chapters_en) & set(chapters_vi), (
        f"the chapter cards did not all change language:\nvi: {chapters_vi}\nen: {chapters_en}")
    press(chapters_en[1], route_re=r"story/\S+")
    # the day strip: small chips named like the cards (a card is far taller than Style.target)
    look("story chapter (en)", "en",
         lambda t: any(n.name == chapters_en[1] and n.extents and n.extents[3] < 2 * MIN_TARGET for n in t.showing()),
         "the chapter page's day strip")

    report = SHOTS_FOR_HUMANS / "atspi-report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    noise = sum(1 for line in kiosk.lines if ATSPI_BRIDGE_NOISE.search(line))
    report.write_text(json.dumps({"problems": problems, "notes": notes, "atspi_bridge_warnings": noise, "trees": trees,
                                  "client_calls": reader.calls, "seconds": time.monotonic() - started},
                                 ensure_ascii=False, indent=1), encoding="utf-8")

    # The kiosk stays quiet and well while a screen reader is attached.
    code = kiosk.close()
    assert code == 0, f"the kiosk exited with code {code}"
    bad = [line for line in kiosk.lines if (re.search(r" (ERROR|CRITICAL) ", line)
           or re.search(r" WARNING kiosk\.(qml|ui)\b", line)) and not ATSPI_BRIDGE_NOISE.search(line)]
    assert not problems and not bad, (
        f"{len(problems)} screen-reader problems (full trees in {report}):\n" + "\n".join(problems)
        + (f"\n{len(bad)} errors or warnings in the kiosk log:\n" + "\n".join(bad) if bad else ""))


def test_missing_atspi_tools_fail_with_the_packages_to_install(monkeypatch):
    monkeypatch.setattr("tests.e2e.test_atspi.LAUNCHERS", ("/nonexistent/at-spi-bus-launcher",))
    with pytest.raises(pytest.fail.Exception, match=r"(?s)at-spi-bus-launcher \(Debian package at-spi2-core\).*"
                                                     r"apt-get install at-spi2-core dbus python3-gi gir1.2-atspi-2.0"):
        require_a11y_tools()


def test_missing_gi_bindings_fail_with_the_packages_to_install(monkeypatch):
    monkeypatch.setattr("tests.e2e.test_atspi.SYSTEM_PYTHON", "/nonexistent/python3")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)Debian package python3\b.*apt-get install"):
        require_a11y_tools()
