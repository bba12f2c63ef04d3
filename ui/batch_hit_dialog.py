"""A batch hit side by side: the screened name on the left, the list entry on the right.

Rows come from `screener.batch.side_by_side.compare`; fields that only the entry has stay
blank on the party's side so the eye reads across, and the explanation spans the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.batch.model import BatchHit, BatchQuery
from screener.batch.side_by_side import compare
from screener.store import Store


class BatchHitDialog(QDialog):
    def __init__(
        self, store: Store, query: BatchQuery, hit: BatchHit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hit: %s — %s") % (query.name, hit.name))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("<b>%s</b> scored <b>%.3f</b> against <b>%s</b> on %s")
            % (_escape(query.name), hit.score, _escape(hit.name), _escape(hit.source))
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        with store.session() as session:
            rows = compare(session, query, hit)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Screened name"), self.tr("List entry")])
        self.table.setVerticalHeaderLabels([self.tr(row.label) for row in rows])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for number, row in enumerate(rows):
            for column, text in enumerate((row.party, row.entry)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(number, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
