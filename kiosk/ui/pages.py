"""Page data for QML, declared: the list models and one notifying object per chapter, witness and quiz.

A page asks ``Kiosk.pages`` for the object of what it shows, and binds to its ``data``::

    readonly property ChapterInfo chapter: Kiosk.pages.chapter(view.chapterId)
    KText { text: view.chapter.data.title }

``data`` has the shape declared in :mod:`kiosk.core.present.rows` (every key present, empty for an
id the content does not have). It is made when first read and made again when the visitor's language
or the content changes (``dataChanged``), so no binding has to pretend to depend on the language.

Why the backend makes these objects, and QML does not (``ChapterInfo { chapterId: ... }``): PySide6
(6.11) never releases a Python object that QML instantiated, even after QML destroyed it (its
``createInto`` keeps the new reference); every page opened would leak one, with its data. Here there
is one object per id, owned by ``Kiosk.pages`` (so QML never deletes it), and their data is dropped
when a visit ends.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlAnonymous, QmlElement, QmlUncreatable

from kiosk.core.present import rows
from kiosk.core.present.presenter import Presenter
from kiosk.ui.listmodel import DictListModel

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlAnonymous
class _PageInfo(QObject):
    """What ChapterInfo, WitnessInfo and QuizInfo share: ``data``, made on demand for one id."""

    dataChanged = Signal()
    shape: type = dict

    def __init__(self, make, item_id: str, parent: QObject) -> None:
        super().__init__(parent)
        self._make = make
        self._id = item_id
        self._data: dict | None = None

    @Property("QVariantMap", notify=dataChanged)
    def data(self) -> dict:
        """The page's data: every key of its shape (empty when the content has no such item)."""
        if self._data is None:
            self._data = dict(self._make(self._id)) if self._id else rows.blank(self.shape)
        return self._data

    def changed(self) -> None:
        """Its texts changed: whoever shows it reads it again."""
        self._data = None
        self.dataChanged.emit()

    def forget(self) -> None:
        """Drop the data (the visit ended); it is made again when next read."""
        self._data = None


@QmlElement
@QmlUncreatable("ask Kiosk.pages.chapter(id)")
class ChapterInfo(_PageInfo):
    """A story chapter's page: ``data`` is a :class:`~kiosk.core.present.rows.ChapterPage`."""

    shape = rows.ChapterPage


@QmlElement
@QmlUncreatable("ask Kiosk.pages.witness(id)")
class WitnessInfo(_PageInfo):
    """A witness's page: ``data`` is a :class:`~kiosk.core.present.rows.WitnessPage`."""

    shape = rows.WitnessPage


@QmlElement
@QmlUncreatable("ask Kiosk.pages.quiz(id)")
class QuizInfo(_PageInfo):
    """A quiz in the order this visitor sees it: ``data`` is a :class:`~kiosk.core.present.rows.QuizPage`."""

    shape = rows.QuizPage


@QmlElement
@QmlUncreatable("Kiosk.pages is made by the Kiosk backend")
class PageData(QObject):
    def __init__(self, presenter: Presenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._chapters = DictListModel(rows.ChapterCard, self)
        self._witnesses = DictListModel(rows.WitnessCard, self)
        self._quizzes = DictListModel(rows.QuizCard, self)
        self._infos: dict[tuple[type, str], _PageInfo] = {}
        self._fill()

    def use(self, presenter: Presenter) -> None:
        """Pages of other content from the next :meth:`refresh` on."""
        self._presenter = presenter

    def refresh(self) -> None:
        """The language or the content changed: every list and page is read again."""
        self._fill()
        for info in self._infos.values():
            info.changed()

    def forget(self) -> None:
        """The visit ended: let go of the pages' data (the next visitor's are made afresh)."""
        for info in self._infos.values():
            info.forget()

    def quiz_started(self, quiz_id: str) -> None:
        """A new order for this quiz: its page shows it."""
        info = self._infos.get((QuizInfo, quiz_id))
        if info is not None:
            info.changed()

    def _fill(self) -> None:
        p, c = self._presenter, self._presenter.content
        self._chapters.set_rows([p.chapter_card(x) for x in c.chapters])
        self._witnesses.set_rows([p.witness_card(x) for x in c.witnesses])
        self._quizzes.set_rows([p.quiz_card(x) for x in c.quizzes])

    @Property(DictListModel, constant=True)
    def chapters(self) -> DictListModel:
        """The story's chapters in date order (rows: :class:`~kiosk.core.present.rows.ChapterCard`)."""
        return self._chapters

    @Property(DictListModel, constant=True)
    def witnesses(self) -> DictListModel:
        """Rows: :class:`~kiosk.core.present.rows.WitnessCard`."""
        return self._witnesses

    @Property(DictListModel, constant=True)
    def quizzes(self) -> DictListModel:
        """Rows: :class:`~kiosk.core.present.rows.QuizCard`."""
        return self._quizzes

    @Slot(str, result=int)
    def chapterIndex(self, chapter_id: str) -> int:
        """The chapter's row in ``chapters``, -1 when there is none."""
        ids = [c.id for c in self._presenter.content.chapters]
        return ids.index(chapter_id) if chapter_id in ids else -1

    # -- one object per page -----------------------------------------------------------------------
    def _info(self, kind: type, item_id: str, make) -> _PageInfo:
        info = self._infos.get((kind, item_id))
        if info is None:
            info = self._infos[(kind, item_id)] = kind(make, item_id, self)
        return info

    @Slot(str, result=ChapterInfo)
    def chapter(self, chapter_id: str) -> ChapterInfo:
        """The chapter's page (the same object for the same id, for as long as the kiosk runs)."""
        return self._info(ChapterInfo, chapter_id, lambda i: self._presenter.chapter(i))

    @Slot(str, result=WitnessInfo)
    def witness(self, witness_id: str) -> WitnessInfo:
        return self._info(WitnessInfo, witness_id, lambda i: self._presenter.witness(i))

    @Slot(str, result=QuizInfo)
    def quiz(self, quiz_id: str) -> QuizInfo:
        return self._info(QuizInfo, quiz_id, lambda i: self._presenter.quiz(i))
