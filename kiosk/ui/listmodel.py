"""A list model of plain dicts, the shape QML views (ListView, GridView) want."""

from __future__ import annotations

from PySide6.QtCore import Property, QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.present import rows

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

_ROLE0 = Qt.ItemDataRole.UserRole + 1


@QmlElement
@QmlUncreatable("the list models are made by the Kiosk backend")
class DictListModel(QAbstractListModel):
    """Rows of one declared shape (a ``TypedDict`` of :mod:`kiosk.core.present.rows`); each key is a role."""

    countChanged = Signal()

    def __init__(self, shape: type, parent=None) -> None:
        super().__init__(parent)
        self._keys = rows.keys(shape)
        self._rows: list[dict] = []

    def roleNames(self) -> dict[int, QByteArray]:
        return {_ROLE0 + i: QByteArray(k.encode()) for i, k in enumerate(self._keys)}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        i = role - _ROLE0
        if 0 <= i < len(self._keys):
            return self._rows[index.row()].get(self._keys[i])
        return None

    def set_rows(self, rows: list[dict]) -> None:
        """Replace the rows; same length means a language switch, so views keep their position."""
        if len(rows) == len(self._rows) and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.countChanged.emit()

    def _count(self) -> int:
        return len(self._rows)

    count = Property(int, _count, notify=countChanged)
