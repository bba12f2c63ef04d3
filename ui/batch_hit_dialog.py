"""A batch hit side by side: the screened name on the left, the list entry on the right.

Rows come from `screener.batch.side_by_side.compare`; fields that only the entry has stay
blank on the party's side so the eye reads across; the sentences saying why it matched sit
above the table, the scorer's figures in their tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
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
from ui.i18n import shown_language


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
        why = QLabel(hit.reason(query.name, shown_language()), self)
        why.setToolTip(hit.why)  # the scorer's figures stay one hover away
        why.setObjectName("hitWhy")
        why.setWordWrap(True)
        why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        why.setStyleSheet(
            "#hitWhy { background: #fbf6e6; border: 1px solid #e6d9a8; border-radius: 3px;"
            " padding: 6px; }"
        )
        layout.addWidget(why)
        with store.session() as session:
            rows = [
                row
                for row in compare(session, query, hit, shown_language())
                if row.label != "Why"
            ]
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
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Row heights follow the wrapped text once the columns have their real width."""
        super().showEvent(event)
        self.table.resizeRowsToContents()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
