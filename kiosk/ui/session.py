"""The visitor's session for QML (``Kiosk.session``): language, accessibility options and quizzes.

It wraps the Qt-free :class:`~kiosk.core.present.visit.Visit`, the one owner of what a visitor
chose, and says what changed. :meth:`Session.reset` is the one reset: the idle guard's countdown
ends in it, and so do tests and the soak that end a visit by hand.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.content import model
from kiosk.core.present.strings import LANGUAGE_LABELS
from kiosk.core.present.visit import Visit

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("Kiosk.session is made by the Kiosk backend")
class Session(QObject):
    languageChanged = Signal()
    languagesChanged = Signal()    # new content with other languages
    accessChanged = Signal()       # an accessibility option changed (by the visitor, or the reset)
    optionChosen = Signal(str, bool)  # the visitor turned an accessibility option on or off
    quizStarted = Signal(str)      # a fresh order for this quiz id
    ending = Signal()              # the visit is about to be forgotten: pages go first, then the state

    def __init__(self, content: model.Content, wanted_language: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._wanted = wanted_language
        self.visit = Visit.of(content.exhibit, wanted_language)

    # -- language ----------------------------------------------------------------------------
    def _get_language(self) -> str:
        return self.visit.language

    def _set_language(self, lang: str) -> None:
        if self.visit.choose_language(lang):
            log.info("language: %s", lang)
            self.languageChanged.emit()

    language = Property(str, _get_language, _set_language, notify=languageChanged)

    @Property("QVariantList", notify=languagesChanged)
    def languages(self) -> list[dict]:
        """The exhibit's languages: [{code, label}], each label in its own language."""
        return [{"code": c, "label": LANGUAGE_LABELS.get(c, c.upper())} for c in self.visit.languages]

    # -- accessibility ------------------------------------------------------------------------
    @Property("QVariantMap", notify=accessChanged)
    def access(self) -> dict[str, bool]:
        """Each accessibility option: on or off."""
        return dict(self.visit.access)

    @Property(bool, notify=accessChanged)
    def accessActive(self) -> bool:
        return any(self.visit.access.values())

    @Slot(str, bool)
    def setAccess(self, name: str, on: bool) -> None:
        if self.visit.set_access(name, on):
            log.info("accessibility: %s %s", name, "on" if on else "off")
            self.optionChosen.emit(name, bool(on))
            self.accessChanged.emit()

    # -- quizzes ------------------------------------------------------------------------------
    @Slot(str)
    def startQuiz(self, quiz_id: str) -> None:
        """A fresh question and choice order for this visitor's attempt at the quiz."""
        quiz = self._content.quiz(quiz_id)
        if quiz is not None:
            self.visit.start_quiz(quiz)
            self.quizStarted.emit(quiz_id)

    # -- the end of a visit, and new content ------------------------------------------------------
    @Slot()
    def reset(self) -> None:
        """End the visit: QML drops its pages, then the language, options and quiz orders start afresh."""
        log.info("idle reset")
        self.ending.emit()  # first, so that nothing re-reads the old visit
        language, access = self.visit.language, dict(self.visit.access)
        self.visit.reset()
        if self.visit.language != language:
            log.info("language: %s", self.visit.language)
            self.languageChanged.emit()
        if self.visit.access != access:
            self.accessChanged.emit()

    def new_content(self, content: model.Content) -> None:
        """New content went live (only between visits): its languages and quizzes."""
        self._content = content
        languages, language = self.visit.languages, self.visit.language
        self.visit.new_exhibit(content.exhibit, self._wanted)
        if self.visit.languages != languages:
            self.languagesChanged.emit()
        if self.visit.language != language:
            self.languageChanged.emit()
