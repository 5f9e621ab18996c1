"""The QML-facing API: one singleton, ``Kiosk`` (``import Kiosk.Backend``).

It holds the visitor's session (language, quiz order, idle state) and hands QML
localized plain data made by :class:`kiosk.core.present.presenter.Presenter`.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Property, QEvent, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.core.content import model, routes
from kiosk.core.machine import memory
from kiosk.core.present.presenter import Presenter
from kiosk.core.present.strings import LANGUAGE_LABELS, strings

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

_START_EVENTS = {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress}
_END_EVENTS = {QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.MouseButtonRelease, QEvent.Type.KeyRelease}
_INPUT_EVENTS = _START_EVENTS | _END_EVENTS | {
    QEvent.Type.TouchUpdate, QEvent.Type.MouseMove, QEvent.Type.MouseButtonDblClick}
_ACTIVITY_EVENTS = {
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.KeyPress, QEvent.Type.Wheel,
}


# The visitor's accessibility options; the idle reset turns them all off again.
ACCESS_OFF = {
    "largeText": False,      # text 1.5x
    "highContrast": False,   # white on black, every pair >= 7:1
    "reducedMotion": False,  # no slides or fades
    "captions": False,       # captions forced on for every testimony
    "moreTime": False,       # the idle timeout ten times longer
    "reach": False,          # every control in the lower part of the screen (wheelchair reach)
}
MORE_TIME_FACTOR = 10


@dataclass
class SessionConfig:
    """What the running kiosk shows and how; set before the QML engine is created."""

    content: model.Content
    problems: list
    language: str = ""
    idle_timeout: float | None = None  # seconds; None = from the exhibit
    idle_countdown: float | None = None
    windowed: bool = True
    allow_exit: bool = False
    revision: str = ""
    fingerprint: str = ""  # of the folder the content was loaded from: the watcher's starting point
    settings_dir: Path | None = None  # where settings.json (the staff PIN) lives; None = the platform's


_config: SessionConfig | None = None


def configure(config: SessionConfig) -> None:
    global _config
    _config = config


_current_root: Path | None = None


def current_root() -> Path:
    """The content folder on screen now (the image provider serves from it)."""
    if _current_root is not None:
        return _current_root
    return _config.content.root if _config is not None else Path(".")


def media_url(root: Path, rel: str) -> str:
    return QUrl.fromLocalFile(str(root / rel)).toString()


@functools.lru_cache(maxsize=32)
def _cues(path: str, rel: str, size: int, mtime_ns: int, limits: tuple) -> list[dict]:
    """The cues of a captions file, read once per version of the file, within the exhibit's caption budget
    (its size, number of cues and length of a cue are bounded: a page never waits on a huge file)."""
    from kiosk.core.limits import Limits
    from kiosk.core.media import webvtt

    cues, _ = webvtt.read_vtt(Path(path), rel, webvtt.CaptionBudget.of(Limits(dict(limits))))
    return [{"start": int(c.start * 1000), "end": int(c.end * 1000), "text": c.text} for c in cues]


@QmlElement
@QmlSingleton
class Kiosk(QObject):
    revisionChanged = Signal()  # language or content changed: every localized binding re-reads
    contentChanged = Signal()   # new content swapped in (theme, languages ...)
    staffChanged = Signal()     # the staff menu's information changed
    staffPinRequested = Signal()  # the hidden gesture: QML shows the PIN pad
    proofReady = Signal(str)    # file URL of a proof sheet of the current page, or "" on failure
    reloadRequested = Signal()  # staff asked for a reload now (the watcher does it)
    routeChanged = Signal()     # the visitor went somewhere (status.json follows)
    accessChanged = Signal()    # the visitor's accessibility options changed
    themeChanged = Signal()     # new content, or high contrast on/off
    languageChanged = Signal()
    idleChanged = Signal()
    resetRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        if _config is None:
            raise RuntimeError("kiosk.ui.backend.configure() must be called before the QML engine loads")
        self._config = _config
        content = _config.content
        self._revision = _config.revision
        global _current_root
        _current_root = content.root
        self._presenter = Presenter(content, self._image_url, file_url=lambda rel, root=content.root: media_url(root, rel))
        if _config.language in content.exhibit.languages:
            self._presenter.lang = _config.language
        self._start_language = self._presenter.lang
        self._turn_memo: dict = {}
        self._route = ""
        self._problems = list(_config.problems)
        self._loaded_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self._pending: tuple | None = None
        self._rejected: dict | None = None
        from kiosk.core.machine.settings import PinGuard, Settings
        self._settings = Settings.load(_config.settings_dir)
        self._pin_guard = PinGuard(self._settings)
        self._staff_open = False
        self._access = dict(ACCESS_OFF)
        self._analytics = None
        self._page_since = time.monotonic()
        self._in_session = False
        self.contentChanged.connect(self.themeChanged)
        self.accessChanged.connect(self.themeChanged)
        from kiosk.ui.listmodel import DictListModel
        self._chapters = DictListModel(["chapterId", "kind", "short", "shortDate", "dateLabel", "dayLabel",
                                        "title", "summary", "image"], self)
        self._witnesses = DictListModel(["witnessId", "name", "nameAscii", "role", "summary", "portrait"], self)
        self._quizzes = DictListModel(["quizId", "title", "description", "count", "countLabel"], self)
        self._refresh_models()

        ex = content.exhibit
        self._idle_timeout = _config.idle_timeout or ex.idle_timeout
        self._idle_countdown = _config.idle_countdown or ex.idle_countdown
        self._idle_enabled = False
        self._phase = "active"
        self._seconds_left = 0
        self._holds = 0
        self._swallow_until = 0.0
        self._idle_timer = QTimer(self, singleShot=True, interval=int(self._idle_timeout * 1000))
        self._idle_timer.timeout.connect(self._on_idle)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- content and language ----------------------------------------------------------------
    def _refresh_models(self) -> None:
        p, c = self._presenter, self._presenter.content
        self._chapters.set_rows([p.chapter_card(x) for x in c.chapters])
        self._witnesses.set_rows([p.witness_card(x) for x in c.witnesses])
        self._quizzes.set_rows([p.quiz_card(x) for x in c.quizzes])

    def _get_language(self) -> str:
        return self._presenter.lang

    def _set_language(self, lang: str) -> None:
        if lang == self._presenter.lang or lang not in self._presenter.content.exhibit.languages:
            return
        self._presenter.lang = lang
        log.info("language: %s", lang)
        if self._analytics is not None and self._in_session:
            self._analytics.language(lang)
        self._refresh_models()
        self.languageChanged.emit()
        self.revisionChanged.emit()

    language = Property(str, _get_language, _set_language, notify=languageChanged)

    @Property("QVariantList", notify=contentChanged)
    def languages(self):
        return [{"code": c, "label": LANGUAGE_LABELS.get(c, c.upper())}
                for c in self._presenter.content.exhibit.languages]

    @Property("QVariantMap", notify=revisionChanged)
    def ui(self):
        return strings(self._presenter.lang)

    @Property("QVariantMap", notify=revisionChanged)
    def exhibit(self):
        return self._presenter.exhibit()

    @Property("QVariantMap", notify=themeChanged)
    def theme(self):
        from kiosk.core.content.theme import high_contrast

        t = self._presenter.content.exhibit.theme
        if self._access["highContrast"]:
            t = high_contrast(t)
        return {k: getattr(t, k) for k in t.__dataclass_fields__}

    # -- accessibility ------------------------------------------------------------------------
    @Property("QVariantMap", notify=accessChanged)
    def access(self):
        return dict(self._access)

    @Slot(str, bool)
    def setAccess(self, name: str, on: bool) -> None:
        if name not in self._access or self._access[name] == bool(on):
            return
        self._access[name] = bool(on)
        log.info("accessibility: %s %s", name, "on" if on else "off")
        if self._analytics is not None:
            self._analytics.a11y_mode(name, on)
        if name == "moreTime":
            factor = MORE_TIME_FACTOR if on else 1
            self._idle_timer.setInterval(int(self._idle_timeout * factor * 1000))
            self.poke()
        self.accessChanged.emit()

    @Property(bool, notify=accessChanged)
    def accessActive(self):
        return any(self._access.values())

    @Property("QVariantList", notify=revisionChanged)
    def attractSlides(self):
        return self._presenter.attract_slides()

    @Property(str, notify=contentChanged)
    def attractVideo(self):
        video = self._presenter.content.exhibit.attract.video
        return media_url(self._presenter.content.root, video) if video else ""

    @Property(float, notify=contentChanged)
    def attractSeconds(self):
        return float(self._presenter.content.exhibit.attract.seconds_per_slide)

    @Property(QObject, constant=True)
    def chapters(self):
        return self._chapters

    @Property(QObject, constant=True)
    def witnesses(self):
        return self._witnesses

    @Property(QObject, constant=True)
    def quizzes(self):
        return self._quizzes

    @Property(str, constant=True)
    def assetsUrl(self):
        from kiosk.core import resources
        return QUrl.fromLocalFile(str(resources.assets_dir())).toString()

    @Property(bool, constant=True)
    def windowed(self):
        return self._config.windowed

    @Property(bool, constant=True)
    def allowExit(self):
        return self._config.allow_exit

    def _once_per_turn(self, kind: str, key: str, make):
        """*make()*, remembered until control returns to the event loop.

        Opening a page evaluates several bindings that ask for the same chapter or witness (the page, its
        breadcrumb, the current card); each answer builds image URLs (a stat of every file). The memory is
        dropped at the next turn of the event loop, so a language change, a content swap or a derivative
        built in the meantime is seen at once.
        """
        memo_key = (kind, key, self._presenter.lang)
        found = self._turn_memo.get(memo_key)
        if found is None:
            if not self._turn_memo:
                QTimer.singleShot(0, self._turn_memo.clear)
            found = self._turn_memo[memo_key] = make()
        return found

    @Slot(str, result="QVariantMap")
    def chapter(self, chapter_id: str):
        return self._once_per_turn("chapter", chapter_id, lambda: self._presenter.chapter(chapter_id))

    @Slot(str, result="QVariantMap")
    def witness(self, witness_id: str):
        return self._once_per_turn("witness", witness_id, lambda: self._presenter.witness(witness_id))

    @Slot(str, result="QVariantMap")
    def quiz(self, quiz_id: str):
        return self._presenter.quiz(quiz_id)

    @Slot(str)
    def startQuiz(self, quiz_id: str) -> None:
        self._presenter.start_quiz(quiz_id)

    @Slot(str, result=int)
    def chapterIndex(self, chapter_id: str) -> int:
        ids = [c.id for c in self._presenter.content.chapters]
        return ids.index(chapter_id) if chapter_id in ids else -1

    @Slot(str)
    def noteRoute(self, route: str) -> None:
        """QML reports every page change; logged so that staff and end-to-end tests can follow."""
        previous, now = self._route, time.monotonic()
        self._route = route
        log.info("route: %s", route)
        self.routeChanged.emit()
        if self._analytics is not None:
            if previous and previous != "attract":
                self._analytics.page_view(previous, now - self._page_since, lang=self._presenter.lang)
            if route != "attract" and not self._in_session:
                self._in_session = True
                self._analytics.start_session(lang=self._presenter.lang)
            elif route == "attract" and self._in_session:
                self._in_session = False
                self._analytics.end_session()
        self._page_since = now
        if route == "attract" and self._pending is not None:
            QTimer.singleShot(0, self._apply_pending)
        if route == "attract" and previous != "attract":
            # the visitor has gone: give the memory their pages used back (after the fade to the loop)
            QTimer.singleShot(1000, memory.release_free_memory)

    @Slot(str, result="QVariantList")
    def captions(self, rel: str):
        """The cues of a captions file of the content: [{start, end, text}] in milliseconds."""
        from kiosk.core.media.files import PathError, resolve_media

        path = resolve_media(self._presenter.content.root, rel) if rel else None
        if path is None or isinstance(path, PathError):
            return []
        try:
            st = path.stat()
        except OSError:
            return []
        limits = tuple(sorted(self._presenter.content.exhibit.limits.items()))
        return _cues(str(path), rel, st.st_size, st.st_mtime_ns, limits)

    # -- analytics (anonymous; see kiosk.core.analytics) -----------------------------------------
    def set_analytics(self, store) -> None:
        self._analytics = store

    @Slot(str, int, bool)
    def noteAnswer(self, quiz_id: str, question: int, correct: bool) -> None:
        if self._analytics is not None:
            self._analytics.quiz_answer(quiz_id, question, correct)

    @Slot(str, float, str)
    def noteMediaPlayed(self, page: str, fraction: float, file: str) -> None:
        if self._analytics is not None:
            self._analytics.media_play(page, fraction, file)

    @Slot(result="QStringList")
    def routes(self):
        return routes.all_routes(self._presenter.content)

    @Slot(str, result=str)
    def zoomUrl(self, rel: str) -> str:
        """A larger copy of a content image, for the zoomed viewer (the original until it is built)."""
        from kiosk.ui.images import image_url

        return image_url(current_root(), rel, "zoom") if rel else ""

    def _image_url(self, rel: str) -> str:
        from kiosk.ui.images import image_url

        return image_url(current_root(), rel)

    # -- live content ------------------------------------------------------------------------
    def adopt_content(self, result, revision: str) -> None:
        """New content without errors: swap it in now if nobody is using the screen, else at the attract loop."""
        self._pending = (result, revision)
        log.info("content %s validated (%d warnings); it goes live %s", revision, len(result.warnings),
                 "now" if self._route == "attract" else "at the next attract loop")
        if self._route == "attract":
            self._apply_pending()

    def reject_content(self, result, revision: str) -> None:
        """New content with errors: keep the last good content, and say why."""
        errors = [p.format() for p in result.errors]
        log.error("content update %s rejected (%d errors); still showing %s", revision, len(errors), self._revision)
        for line in errors:
            log.error("%s", line)
        self._rejected = {"at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "revision": revision,
                          "problems": errors[:200]}
        self.staffChanged.emit()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        result, revision = self._pending
        self._pending = None
        content = result.content
        global _current_root
        _current_root = content.root
        self._revision = revision
        lang = self._presenter.lang
        self._turn_memo.clear()
        self._presenter = Presenter(content, self._image_url, file_url=lambda rel, root=content.root: media_url(root, rel))
        self._start_language = (self._config.language if self._config.language in content.exhibit.languages
                                else self._presenter.lang)
        if lang in content.exhibit.languages:
            self._presenter.lang = lang
        self._revision = revision
        self._problems = list(result.problems)
        self._rejected = None
        self._loaded_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.resetRequested.emit()  # QML drops its pages before the models change under them
        self._refresh_models()
        self.contentChanged.emit()
        self.revisionChanged.emit()
        self.languageChanged.emit()
        self.staffChanged.emit()
        log.info("content %s is live: %d chapters, %d witnesses, %d quizzes", revision, len(content.chapters),
                 len(content.witnesses), len(content.quizzes))

    def snapshot(self) -> dict:
        """What status.json says about the content and the screen."""
        errors = sum(1 for p in self._problems if p.is_error)
        return {
            "content_dir": str(self._presenter.content.root),
            "content_revision": self._revision,
            "loaded_at": self._loaded_at,
            "content_errors": errors,
            "content_warnings": len(self._problems) - errors,
            "content_problems": [p.format() for p in sorted(self._problems, key=lambda p: not p.is_error)[:200]],
            "rejected_update": self._rejected,
            "pending_update": self._pending[1] if self._pending else None,
            "route": self._route,
            "language": self._presenter.lang,
        }

    # -- staff menu ---------------------------------------------------------------------------
    @Slot()
    def staffGesture(self) -> None:
        """The hidden long-press: ask for the PIN (QML shows the pad)."""
        log.info("staff: PIN pad opened")
        self.staffPinRequested.emit()

    @Property(bool, notify=staffChanged)
    def staffPinSet(self):
        return self._settings.has_pin

    @Slot(str, result="QVariantMap")
    def checkPin(self, pin: str):
        ok, wait = self._pin_guard.attempt(pin, time.monotonic())
        log.info("staff: PIN %s", "accepted" if ok else f"refused (wait {wait:.0f} s)")
        if ok:
            self.holdIdle(True)
            self._staff_open = True
        return {"ok": ok, "wait": int(round(wait))}

    @Slot()
    def closeStaff(self) -> None:
        if self._staff_open:
            self._staff_open = False
            self.holdIdle(False)
        log.info("staff: menu closed")

    @Property("QVariantMap", notify=staffChanged)
    def staffInfo(self):
        from kiosk import __version__
        snap = self.snapshot()
        return {
            "version": __version__,
            "contentDir": snap["content_dir"],
            "revision": snap["content_revision"],
            "loadedAt": snap["loaded_at"],
            "problems": snap["content_problems"],
            "errors": snap["content_errors"],
            "warnings": snap["content_warnings"],
            "rejected": self._rejected or {},
        }

    @Slot()
    def reloadContent(self) -> None:
        log.info("staff: reload requested")
        self.reloadRequested.emit()

    @Slot(str, int, int)
    def makeProofSheet(self, route: str, width: int, height: int) -> None:
        """Render *route* at width x height in a separate process (the screen never blocks)."""
        import subprocess
        import sys
        import tempfile
        import threading

        out = Path(tempfile.mkdtemp(prefix="kiosk-proof-"))
        me = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kiosk"]  # a bundle
        args = [*me, "render", "--content", str(self._presenter.content.root),
                "--size", f"{width}x{height}", "--lang", self._presenter.lang, "--route", route, "--out", str(out)]
        env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen")

        def work() -> None:
            try:
                done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
                files = sorted(out.glob("*.png"))
                url = QUrl.fromLocalFile(str(files[0])).toString() if done.returncode == 0 and files else ""
                if not url:
                    log.error("proof sheet failed: %s", done.stderr[-500:])
            except (OSError, subprocess.SubprocessError) as exc:
                log.error("proof sheet failed: %s", exc)
                url = ""
            self.proofReady.emit(url)

        threading.Thread(target=work, name="proof-sheet", daemon=True).start()

    @Slot()
    def exitKiosk(self) -> None:
        log.info("staff: exit requested")
        app = QGuiApplication.instance()
        if app is not None:
            app.exit(0)

    # -- idle handling ---------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        t = event.type()
        if self._swallow_until > 0:
            # The touch that dismissed "Are you still there?" must not also press what lies beneath.
            if time.monotonic() > self._swallow_until:
                self._swallow_until = 0
            elif t in _INPUT_EVENTS:
                if t in _END_EVENTS:
                    self._swallow_until = 0
                return True
        if t in _ACTIVITY_EVENTS:
            if self._phase == "warning" and t in _START_EVENTS:
                self.poke()
                self._swallow_until = time.monotonic() + 3
                return True
            self.poke()
        return False

    @Slot()
    def poke(self) -> None:
        """A visitor did something: restart the idle timer and cancel a warning."""
        if not self._idle_enabled:
            return
        if self._phase == "warning":
            self._tick.stop()
            self._phase = "active"
            self.idleChanged.emit()
        if self._holds == 0:
            self._idle_timer.start()

    def _on_idle(self) -> None:
        if not self._idle_enabled or self._holds:
            return
        self._phase = "warning"
        self._seconds_left = int(round(self._idle_countdown))
        self._tick.start()
        log.info("idle: asking whether the visitor is still there")
        self.idleChanged.emit()

    def _on_tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._tick.stop()
            self._phase = "active"
            self.idleChanged.emit()
            self.reset()
        else:
            self.idleChanged.emit()

    @Slot()
    def reset(self) -> None:
        """End the visitor's session: default language, quiz state cleared; QML resets its pages."""
        log.info("idle reset")
        self._holds = 0
        self.resetRequested.emit()  # QML drops its pages first, so nothing re-reads the old session
        self._presenter.quiz_orders.clear()
        self._set_language(self._start_language)
        if any(self._access.values()):
            self._access = dict(ACCESS_OFF)
            self._idle_timer.setInterval(int(self._idle_timeout * 1000))
            self.accessChanged.emit()

    def _get_idle_enabled(self) -> bool:
        return self._idle_enabled

    def _set_idle_enabled(self, on: bool) -> None:
        if on == self._idle_enabled:
            return
        self._idle_enabled = on
        self._tick.stop()
        self._phase = "active"
        if on:
            self._idle_timer.start()
        else:
            self._idle_timer.stop()
        self.idleChanged.emit()

    idleEnabled = Property(bool, _get_idle_enabled, _set_idle_enabled, notify=idleChanged)

    @Slot(bool)
    def holdIdle(self, hold: bool) -> None:
        """Pause the idle timer (e.g. while testimony plays); calls nest."""
        self._holds = max(0, self._holds + (1 if hold else -1))
        if self._holds:
            self._idle_timer.stop()
        elif self._idle_enabled:
            self._idle_timer.start()

    @Property(str, notify=idleChanged)
    def idlePhase(self):
        return self._phase

    @Property(int, notify=idleChanged)
    def idleSecondsLeft(self):
        return self._seconds_left

    @Property(float, constant=True)
    def idleTimeout(self):
        return float(self._idle_timeout)

    @Property(float, constant=True)
    def idleCountdown(self):
        return float(self._idle_countdown)
