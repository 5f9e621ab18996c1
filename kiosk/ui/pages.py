"""Page data for QML, declared: the list models (``Kiosk.pages``) and one element per kind of page.

A page says what it shows and reads a notifying property::

    ChapterInfo { id: info; chapterId: view.chapterId }
    KText { text: info.data.title }

``data`` has the shape declared in :mod:`kiosk.core.present.rows` (every key present, empty for an
id the content does not have) and is made again when the visitor's language or the content changes,
so no binding has to call a slot or pretend to depend on the language.

The elements find the backend through the QML engine that made them (its ``Kiosk`` singleton), so
QML needs to hand them nothing but an id.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlAnonymous, QmlElement, QmlUncreatable, qmlEngine

from kiosk.core.present import rows
from kiosk.core.present.presenter import Presenter
from kiosk.ui.listmodel import DictListModel

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Kiosk.pages is made by the Kiosk backend")
class PageData(QObject):
    changed = Signal()  # the texts changed (language or content): every page reads its data again

    def __init__(self, presenter: Presenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._chapters = DictListModel(rows.ChapterCard, self)
        self._witnesses = DictListModel(rows.WitnessCard, self)
        self._quizzes = DictListModel(rows.QuizCard, self)
        self._fill()

    def use(self, presenter: Presenter) -> None:
        """Pages of other content from the next :meth:`refresh` on."""
        self._presenter = presenter

    def refresh(self) -> None:
        """The language changed: every list and page is read again."""
        self._fill()
        self.changed.emit()

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

    # What the page elements show (and tests read).
    def chapter(self, chapter_id: str) -> rows.ChapterPage:
        return self._presenter.chapter(chapter_id)

    def witness(self, witness_id: str) -> rows.WitnessPage:
        return self._presenter.witness(witness_id)

    def quiz(self, quiz_id: str) -> rows.QuizPage:
        return self._presenter.quiz(quiz_id)


@QmlAnonymous
class _PageInfo(QObject):
    """What ChapterInfo, WitnessInfo and QuizInfo share: ``data``, made on demand from an id.

    A subclass declares its id property (``chapterId`` ...) and says what it shows (:attr:`shape`,
    :meth:`_make`).
    """

    dataChanged = Signal()
    shape: type = dict

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._id = ""
        self._data: dict | None = None
        self._pages: PageData | None = None

    @Property("QVariantMap", notify=dataChanged)
    def data(self) -> dict:
        """The page's data: every key of its shape, empty until the id names something."""
        if self._data is None:
            pages = self._attach()
            if pages is None or not self._id:
                return rows.blank(self.shape)
            self._data = dict(self._make(pages, self._id))
        return self._data

    def _make(self, pages: PageData, item_id: str):
        raise NotImplementedError

    def _attach(self) -> PageData | None:
        """The backend's page data, found through the QML engine that made this element."""
        if self._pages is None:
            engine = qmlEngine(self)
            kiosk = engine.singletonInstance("Kiosk.Backend", "Kiosk") if engine is not None else None
            if kiosk is not None:
                self._pages = kiosk.pages
                self._pages.changed.connect(self._stale)
                self._connect(kiosk)
        return self._pages

    def _connect(self, kiosk) -> None:
        """Anything else that changes this kind of page."""

    def _stale(self) -> None:
        self._data = None
        self.dataChanged.emit()

    def _set_item(self, item_id: str) -> bool:
        if item_id == self._id:
            return False
        self._id = item_id
        self._stale()
        return True


@QmlElement
class ChapterInfo(_PageInfo):
    """A story chapter's page: ``data`` is a :class:`~kiosk.core.present.rows.ChapterPage`."""

    chapterIdChanged = Signal()
    shape = rows.ChapterPage

    def _get_id(self) -> str:
        return self._id

    def _set_id(self, chapter_id: str) -> None:
        if self._set_item(chapter_id):
            self.chapterIdChanged.emit()

    chapterId = Property(str, _get_id, _set_id, notify=chapterIdChanged)

    def _make(self, pages: PageData, item_id: str):
        return pages.chapter(item_id)


@QmlElement
class WitnessInfo(_PageInfo):
    """A witness's page: ``data`` is a :class:`~kiosk.core.present.rows.WitnessPage`."""

    witnessIdChanged = Signal()
    shape = rows.WitnessPage

    def _get_id(self) -> str:
        return self._id

    def _set_id(self, witness_id: str) -> None:
        if self._set_item(witness_id):
            self.witnessIdChanged.emit()

    witnessId = Property(str, _get_id, _set_id, notify=witnessIdChanged)

    def _make(self, pages: PageData, item_id: str):
        return pages.witness(item_id)


@QmlElement
class QuizInfo(_PageInfo):
    """A quiz in the order this visitor sees it: ``data`` is a :class:`~kiosk.core.present.rows.QuizPage`.

    A new order (the visitor starts the quiz again) is a change of its data too.
    """

    quizIdChanged = Signal()
    shape = rows.QuizPage

    def _get_id(self) -> str:
        return self._id

    def _set_id(self, quiz_id: str) -> None:
        if self._set_item(quiz_id):
            self.quizIdChanged.emit()

    quizId = Property(str, _get_id, _set_id, notify=quizIdChanged)

    def _make(self, pages: PageData, item_id: str):
        return pages.quiz(item_id)

    def _connect(self, kiosk) -> None:
        kiosk.session.quizStarted.connect(self._started)

    def _started(self, quiz_id: str) -> None:
        if quiz_id == self._id:
            self._stale()
