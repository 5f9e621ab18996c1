"""The QML-facing backend: the ``Kiosk`` singleton (``import Kiosk.Backend``).

``Kiosk`` holds the content on screen and what every page shares (the exhibit's title, the kiosk's
own texts, the theme, the attract loop, the route grammar), takes a new version of the content when
nobody is looking, and notes what visitors do for the statistics. The rest is in focused parts that
QML reaches as its constant properties:

=================  ===========================================================================
``Kiosk.session``  the visitor: language, accessibility options, quizzes; the one reset
                   (:mod:`kiosk.ui.session`, around the Qt-free :mod:`kiosk.core.present.visit`)
``Kiosk.idle``     "Are you still there?": timers, holds, the warning (:mod:`kiosk.ui.idle`)
``Kiosk.staff``    the PIN, the staff menu and its actions (:mod:`kiosk.ui.staff`)
``Kiosk.pages``    the list models, and a ChapterInfo/WitnessInfo/QuizInfo per page (:mod:`kiosk.ui.pages`)
=================  ===========================================================================

How it is made: QML creates the singleton on first use through :meth:`Kiosk.create`, with the engine
that asks for it. That engine is a :class:`kiosk.ui.app.KioskEngine`, which carries the session's
:class:`SessionConfig`. So each engine (the kiosk has one; the tests make many in one process) gets
a backend of its own, built from its own configuration, with no module-level state to set first.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.core import resources
from kiosk.core.content import model, routes
from kiosk.core.content.theme import high_contrast
from kiosk.core.machine import memory
from kiosk.core.media import webvtt
from kiosk.core.media.files import PathError, resolve_media
from kiosk.core.present.presenter import Presenter
from kiosk.ui import images
from kiosk.ui.idle import IdleGuard
from kiosk.ui.pages import PageData
from kiosk.ui.session import Session
from kiosk.ui.staff import StaffDesk

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@dataclass
class SessionConfig:
    """What the running kiosk shows and how; the engine carries it to :meth:`Kiosk.create`."""

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


def file_url(root: Path, rel: str) -> str:
    """The URL of the content file *rel* (recordings are played from their files)."""
    return QUrl.fromLocalFile(str(root / rel)).toString()


def _icon_url(root: Path, icon: str) -> str:
    """The URL of an icon: a kiosk icon's name (no '/' nor '.', as the content format says) is one of
    assets/icons; anything else is an SVG or PNG file of the content, drawn from the file itself (an icon
    is small; the image bridge makes screen-sized copies of photographs, which an SVG does not need)."""
    if not icon:
        return ""
    if "/" not in icon and "." not in icon:
        return QUrl.fromLocalFile(str(resources.assets_dir() / "icons" / f"{icon}.svg")).toString()
    path = resolve_media(root, icon)
    if isinstance(path, PathError):
        return ""
    return QUrl.fromLocalFile(str(path)).toString()


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.capitalize() for part in rest)
@functools.lru_cache(maxsize=32)
def _cues(path: str, rel: str, size: int, mtime_ns: int, limits: tuple) -> list[dict]:
    """The cues of a captions file, read once per version of the file, within the exhibit's caption budget
    (its size, number of cues and length of a cue are bounded: a page never waits on a huge file)."""
    from kiosk.core.limits import Limits

    cues, _ = webvtt.read_vtt(Path(path), rel, webvtt.CaptionBudget.of(Limits(dict(limits))))
    return [{"start": int(c.start * 1000), "end": int(c.end * 1000), "text": c.text} for c in cues]


@QmlElement
@QmlSingleton
class Kiosk(QObject):
    textsChanged = Signal()    # the language or the content changed: every localized text is read again
    contentChanged = Signal()  # new content went live (theme, attract loop ...)
    themeChanged = Signal()    # new content, or high contrast on/off
    routeChanged = Signal()    # the visitor went somewhere (status.json follows)
    statusChanged = Signal()   # what status.json and the staff menu say about the content changed
    resetRequested = Signal()  # QML drops its pages (the visit ended, or new content goes live)

    @staticmethod
    def create(engine) -> Kiosk:
        """Called by QML, once per engine, when a file first uses ``Kiosk``."""
        config = getattr(engine, "config", None)
        if not isinstance(config, SessionConfig):
            raise TypeError("the Kiosk backend is made by a kiosk.ui.app.KioskEngine, which carries its SessionConfig")
        return Kiosk(config)

    def __init__(self, config: SessionConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config
        content = config.content
        self._revision = config.revision
        self._problems = list(config.problems)
        self._loaded_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self._pending: tuple | None = None
        self._rejected: dict | None = None
        self._route = ""
        self._analytics = None
        self._page_since = time.monotonic()
        self._in_session = False

        self._session = Session(content, config.language, self)
        self._presenter = self._present(content)
        self._pages = PageData(self._presenter, self)
        ex = content.exhibit
        self._idle = IdleGuard(config.idle_timeout or ex.idle_timeout, config.idle_countdown or ex.idle_countdown, self)
        self._staff = StaffDesk(config.settings_dir, self._idle, self.snapshot, self)

        self._idle.expired.connect(self._session.reset)
        self._session.ending.connect(self.resetRequested)
        self._session.ending.connect(self._idle.release_all)
        self._session.ending.connect(self._pages.forget)
        self._session.quizStarted.connect(self._pages.quiz_started)
        self._session.languageChanged.connect(self._language_changed)
        self._session.accessChanged.connect(self._access_changed)
        self._session.optionChosen.connect(self._note_option)
        self.contentChanged.connect(self.themeChanged)
        self.statusChanged.connect(self._staff.changed)

    def _present(self, content: model.Content) -> Presenter:
        """The one place a Presenter is made: the content's pages in the session's language."""
        root = content.root
        return Presenter(content, lambda rel: images.image_url(root, rel), self._session.visit,
                         file_url=lambda rel: file_url(root, rel))

    # -- the parts ---------------------------------------------------------------------------
    @Property(Session, constant=True)
    def session(self) -> Session:
        return self._session

    @Property(IdleGuard, constant=True)
    def idle(self) -> IdleGuard:
        return self._idle

    @Property(StaffDesk, constant=True)
    def staff(self) -> StaffDesk:
        return self._staff

    @Property(PageData, constant=True)
    def pages(self) -> PageData:
        return self._pages

    # -- what every page shares ----------------------------------------------------------------
    @Property("QVariantMap", notify=textsChanged)
    def ui(self) -> dict[str, str]:
        """The kiosk's own texts in the visitor's language: the label catalogues (:mod:`kiosk.core.i18n`),
        with the exhibit's own labels/ and its fallback chain."""
        return self._presenter.ui()

    @Property("QVariantMap", notify=textsChanged)
    def exhibit(self) -> dict:
        return dict(self._presenter.exhibit())

    @Property("QVariantMap", notify=themeChanged)
    def theme(self) -> dict:
        """The exhibit's colours and font (high contrast when the visitor asked for it), camelCase keys."""
        t = self._presenter.content.exhibit.theme
        if self._session.visit.access["highContrast"]:
            t = high_contrast(t)
        return {_camel(k): getattr(t, k) for k in t.__dataclass_fields__}

    @Property("QVariantList", notify=textsChanged)
    def attractSlides(self) -> list:
        return list(self._presenter.attract_slides())

    @Property("QVariantList", notify=textsChanged)
    def attractBand(self) -> list:
        """'Touch to begin' in every language of the exhibit: [{lang, text}] (nobody has chosen one yet)."""
        return list(self._presenter.attract_band())

    @Property("QVariantList", notify=textsChanged)
    def sections(self) -> list:
        """The home screen's sections in the exhibit's order: [{name, kind, title, hint, icon, iconSource}];
        ``iconSource`` is the URL of the icon: the kiosk's own (assets/icons) or the exhibit's file."""
        root = self._presenter.content.root
        out = []
        for s in self._presenter.sections():
            out.append({**s, "iconSource": _icon_url(root, s["icon"])})
        return out

    @Property("QVariantMap", notify=textsChanged)
    def sectionTitles(self) -> dict[str, str]:
        """{route: title} of the sections (story, witnesses, quiz): the breadcrumb's name of a section's page,
        the exhibit's title for it or else the kiosk's label."""
        return {name: self._presenter.section_title(name) for name in ("story", "witnesses", "quiz")}

    @Property(str, notify=contentChanged)
    def attractVideo(self) -> str:
        video = self._presenter.content.exhibit.attract.video
        return file_url(self._presenter.content.root, video) if video else ""

    @Property(float, notify=contentChanged)
    def attractSeconds(self) -> float:
        return float(self._presenter.content.exhibit.attract.seconds_per_slide)

    @Property(str, constant=True)
    def assetsUrl(self) -> str:
        return QUrl.fromLocalFile(str(resources.assets_dir())).toString()

    @Property(bool, constant=True)
    def windowed(self) -> bool:
        return self._config.windowed

    @Property(bool, constant=True)
    def allowExit(self) -> bool:
        return self._config.allow_exit

    @Slot(str, result="QVariantList")
    def captions(self, rel: str) -> list:
        """The cues of a captions file of the content: [{start, end, text}] in milliseconds."""
        path = resolve_media(self._presenter.content.root, rel) if rel else None
        if path is None or isinstance(path, PathError):
            return []
        try:
            st = path.stat()
        except OSError:
            return []
        limits = tuple(sorted(self._presenter.content.exhibit.limits.items()))
        return _cues(str(path), rel, st.st_size, st.st_mtime_ns, limits)

    @Slot(str, result=str)
    def zoomUrl(self, rel: str) -> str:
        """A larger copy of a content image, for the zoomed viewer (the original until it is built)."""
        return images.image_url(self._presenter.content.root, rel, "zoom") if rel else ""

    def _language_changed(self) -> None:
        if self._analytics is not None and self._in_session:
            self._analytics.language(self._session.visit.language)
        self._pages.refresh()
        self.textsChanged.emit()

    def _access_changed(self) -> None:
        self._idle.set_factor(self._session.visit.idle_factor)
        self.themeChanged.emit()

    # -- routes (the grammar is kiosk.core.content.routes) ---------------------------------------
    @Property(str, constant=True)
    def attractRoute(self) -> str:
        return routes.ATTRACT

    @Slot(str, str, bool, result=str)
    def route(self, section: str, item: str, results: bool) -> str:
        """The route of a page: ``route("story", "1972-12-18", false)`` is ``"story/1972-12-18"``."""
        return routes.compose(section, item, results)

    @Slot(str, result="QVariantMap")
    def parseRoute(self, text: str) -> dict:
        """{valid, section, item, results} of the route *text* (``valid`` false when it names no page)."""
        r = routes.Route.parse(text)
        if r is None:
            return {"valid": False, "section": "", "item": "", "results": False}
        return {"valid": True, "section": r.section, "item": r.item, "results": r.results}

    @Slot(result="QStringList")
    def routes(self) -> list[str]:
        """Every route of the content on screen."""
        return routes.all_routes(self._presenter.content)

    @Slot(str)
    def noteRoute(self, route: str) -> None:
        """QML reports every page change; logged so that staff and end-to-end tests can follow."""
        previous, now = self._route, time.monotonic()
        self._route = route
        log.info("route: %s", route)
        self.routeChanged.emit()
        from_page = bool(previous) and previous != routes.ATTRACT
        arrived = route == routes.ATTRACT  # at the attract loop: the visitor has gone
        if self._analytics is not None:
            if from_page:
                self._analytics.page_view(previous, now - self._page_since, lang=self._session.visit.language)
            if not arrived and not self._in_session:
                self._in_session = True
                self._analytics.start_session(lang=self._session.visit.language)
            elif arrived and self._in_session:
                self._in_session = False
                self._analytics.end_session()
        self._page_since = now
        if arrived and self._pending is not None:
            QTimer.singleShot(0, self._apply_pending)
        if arrived and previous != routes.ATTRACT:
            # the visitor has gone: give the memory their pages used back (after the fade to the loop)
            QTimer.singleShot(1000, memory.release_free_memory)

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

    def _note_option(self, name: str, on: bool) -> None:
        if self._analytics is not None:
            self._analytics.a11y_mode(name, on)

    # -- live content ------------------------------------------------------------------------
    def adopt_content(self, result, revision: str) -> None:
        """New content without errors: swap it in now if nobody is using the screen, else at the attract loop."""
        self._pending = (result, revision)
        idle = self._route == routes.ATTRACT
        log.info("content %s validated (%d warnings); it goes live %s", revision, len(result.warnings),
                 "now" if idle else "at the next attract loop")
        if idle:
            self._apply_pending()

    def reject_content(self, result, revision: str) -> None:
        """New content with errors: keep the last good content, and say why."""
        errors = [p.format() for p in result.errors]
        log.error("content update %s rejected (%d errors); still showing %s", revision, len(errors), self._revision)
        for line in errors:
            log.error("%s", line)
        self._rejected = {"at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "revision": revision,
                          "problems": errors[:200]}
        self.statusChanged.emit()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        result, revision = self._pending
        self._pending = None
        content = result.content
        self._revision = revision
        self._problems = list(result.problems)
        self._rejected = None
        self._loaded_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.resetRequested.emit()  # QML drops its pages before the models change under them
        self._presenter = self._present(content)
        self._pages.use(self._presenter)
        self._session.new_content(content)
        self._pages.refresh()
        self.contentChanged.emit()
        self.textsChanged.emit()
        self.statusChanged.emit()
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
            "language": self._session.visit.language,
        }
