"""The dashboard: every case by state, risk tier and the next statutory due date.

Counts per state across the top; then pictures (ui/dashboard_charts.py): cases by state and
by risk tier as bars (a click shows only those cases in the table) and the statutory deadlines
of the coming weeks on a timeline (a click opens the case); below, a table of cases sorted by
the nearest due date, overdue rows in red and due-soon rows in amber, new list hits flagged.
Double-clicking a row opens the case (`case_activated`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from screener.models import Case, CaseStatus
from screener.store import Store
from screener.workflow.obligation import Obligation, Standing, next_obligation
from ui.dashboard_charts import Bar, CountBars, Deadline, DeadlineTimeline
from ui.obligation_text import standing_text
from ui.obligation_text import title as obligation_title
from ui.row_table_model import RowTableModel
from ui.workflow_action import label

_Index = QModelIndex | QPersistentModelIndex
ROW_COLOURS = {Standing.OVERDUE: "#fde2e0", Standing.DUE_SOON: "#fff1d6"}
TIER_ORDER = {"High": 0, "Elevated": 1, "Low": 2}
NOT_ASSESSED = "not_assessed"
TIER_COLOURS = {"High": "#b42318", "Elevated": "#b54708", "Low": "#2e7d32", NOT_ASSESSED: "#98a2b3"}


@dataclass(frozen=True)
class DashboardRow:
    case_id: str
    title: str
    status: str
    decision: str | None
    tier: str | None
    score: float | None
    assignee: str
    obligation: Obligation
    has_new_hits: bool

    @property
    def due(self) -> date | None:
        return self.obligation.due

    @property
    def standing(self) -> str:
        return self.obligation.standing


def load_rows(session: Any, today: date | None = None) -> list[DashboardRow]:
    cases = session.execute(
        select(Case)
        .options(selectinload(Case.assessments),
            selectinload(Case.matches),
            selectinload(Case.status_changes),)
        .order_by(Case.id)
    ).scalars()
    rows = []
    for case in cases:
        latest = case.assessments[-1] if case.assessments else None
        rows.append(
            DashboardRow(
                case.id,
                case.title,
                case.status,
                case.decision,
                latest.tier if latest else None,
                latest.total_score if latest else None,
                case.assignee or "",
                next_obligation(case, today=today),
                case.has_new_hits,
            )
        )
    return rows


class DashboardModel(RowTableModel):
    CONTEXT = "Dashboard"
    HEADERS = (
        QT_TRANSLATE_NOOP("Dashboard", "Case"),
        QT_TRANSLATE_NOOP("Dashboard", "Title"),
        QT_TRANSLATE_NOOP("Dashboard", "Status"),
        QT_TRANSLATE_NOOP("Dashboard", "Tier"),
        QT_TRANSLATE_NOOP("Dashboard", "Assignee"),
        QT_TRANSLATE_NOOP("Dashboard", "Next due"),
        QT_TRANSLATE_NOOP("Dashboard", "Standing"),
        QT_TRANSLATE_NOOP("Dashboard", "Obligation"),
    )
    CASE_ID_ROLE = Qt.ItemDataRole.UserRole
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == self.CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and row.standing in ROW_COLOURS:
            return QBrush(QColor(ROW_COLOURS[row.standing]))
        if role == Qt.ItemDataRole.FontRole and (
            row.has_new_hits
            and column == 0
            or row.standing == Standing.OVERDUE
            and column in (5, 6)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.has_new_hits:
            return QCoreApplication.translate("Dashboard", "New list hits since the last review")
        return None

    def _display(self, row: DashboardRow, column: int) -> str:
        state = label(row.status) + (f" ({label(row.decision)})" if row.decision else "")
        values = (
            row.case_id + (" ●" if row.has_new_hits else ""),
            row.title,
            state,
            f"{QCoreApplication.translate('RiskTab', row.tier)} ({row.score:.0f})"
            if row.tier and row.score is not None
            else "—",
            row.assignee or "—",
            row.due.isoformat() if row.due else "—",
            standing_text(row.obligation),
            obligation_title(row.obligation) if row.due else "—",
        )
        return values[column]

    def _sort_key(self, row: DashboardRow, column: int) -> Any:
        if column == 3:
            return TIER_ORDER.get(row.tier or "", 9)
        if column in (5, 6):
            return row.due.toordinal() if row.due else 10**7
        if column == 2:
            return list(CaseStatus.ALL).index(row.status) if row.status in CaseStatus.ALL else 9
        return self._display(row, column)


class OpenCasesFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.open_only = True
        self.status_pick: str | None = None  # a bar clicked in "Cases by state"
        self.tier_pick: str | None = None  # a bar clicked in "Cases by risk tier"
        self.setSortRole(DashboardModel.SORT_ROLE)

    def pick(self, status: str | None = None, tier: str | None = None) -> None:
        self.beginFilterChange()
        self.status_pick, self.tier_pick = status, tier
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_open_only(self, value: bool) -> None:
        self.beginFilterChange()
        self.open_only = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, DashboardModel):
            return True
        row = model.rows[source_row]
        if self.status_pick is not None and row.status != self.status_pick:
            return False
        if self.tier_pick is not None and (row.tier or NOT_ASSESSED) != self.tier_pick:
            return False
        return not self.open_only or row.status != CaseStatus.DECIDED


class Dashboard(QWidget):
    case_activated = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dashboard"))
        self._store = store
        layout = QVBoxLayout(self)
        self.cards = QHBoxLayout()
        self.count_labels: dict[str, QLabel] = {}
        for status in CaseStatus.ALL:
            self.cards.addWidget(self._card(status))
        self.cards.addWidget(self._card("overdue"))
        layout.addLayout(self.cards)
        pictures = QHBoxLayout()
        self.by_state = CountBars(self.tr("Cases by state"), self)
        self.by_tier = CountBars(self.tr("Cases by risk tier"), self)
        self.timeline = DeadlineTimeline(parent=self)
        self.by_state.picked.connect(self._pick_state)
        self.by_tier.picked.connect(self._pick_tier)
        self.timeline.case_picked.connect(self.case_activated.emit)
        for chart, stretch in ((self.by_state, 2), (self.by_tier, 2), (self.timeline, 5)):
            pictures.addWidget(chart, stretch, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(pictures)
        options = QHBoxLayout()
        self.open_only = QCheckBox(self.tr("Open cases only"), self)
        self.open_only.setChecked(True)
        options.addWidget(self.open_only)
        options.addStretch(1)
        layout.addLayout(options)
        self.model = DashboardModel(self)
        self.proxy = OpenCasesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.open_only.toggled.connect(self.proxy.set_open_only)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._activate)
        layout.addWidget(self.table, 1)
        self.reload()

    def _card(self, key: str) -> QFrame:
        card = QFrame(self)
        card.setObjectName("dashboardCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        colour = "#b42318" if key == "overdue" else "#1b2a41"
        card.setStyleSheet(
            "#dashboardCard { background: white; border: 1px solid #d5d9e0; border-radius: 4px; }"
        )
        box = QVBoxLayout(card)
        count = QLabel("0", card)
        count.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {colour};")
        caption = QLabel(label(key), card)
        caption.setStyleSheet("color: #5b6778;")
        box.addWidget(count)
        box.addWidget(caption)
        self.count_labels[key] = count
        return card

    def reload(self, today: date | None = None) -> None:
        with self._store.session() as session:
            rows = load_rows(session, today)
        self.model.load(rows)
        for key, count_label in self.count_labels.items():
            if key == "overdue":
                value = sum(1 for r in rows if r.obligation.is_overdue)
            else:
                value = sum(1 for r in rows if r.status == key)
            count_label.setText(str(value))
        self._draw_pictures(rows, today or date.today())
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)

    def _draw_pictures(self, rows: list[DashboardRow], today: date) -> None:
        self.by_state.set_bars([
            Bar(status, label(status), sum(1 for r in rows if r.status == status), "#1f4e9c")
            for status in CaseStatus.ALL
        ])
        tiers = [*TIER_ORDER, NOT_ASSESSED]
        self.by_tier.set_bars([
            Bar(tier, self._tier_label(tier), sum(1 for r in rows if (r.tier or NOT_ASSESSED) == tier),
                TIER_COLOURS[tier])
            for tier in tiers
        ])
        self.timeline.set_deadlines(
            [
                Deadline(r.case_id, r.due, r.standing, obligation_title(r.obligation))
                for r in rows
                if r.due is not None and r.status != CaseStatus.DECIDED
                and r.standing in (Standing.RUNNING, Standing.DUE_SOON, Standing.OVERDUE)
            ],
            today,
        )

    def _tier_label(self, tier: str) -> str:
        if tier == NOT_ASSESSED:
            return self.tr("Not assessed")
        return QCoreApplication.translate("RiskTab", tier)

    def _pick_state(self, status: str | None) -> None:
        self.by_tier.selected = None
        self.by_tier.update()
        if status == CaseStatus.DECIDED:
            self.open_only.setChecked(False)
        self.proxy.pick(status=status)

    def _pick_tier(self, tier: str | None) -> None:
        self.by_state.selected = None
        self.by_state.update()
        self.proxy.pick(tier=tier)

    def _activate(self, index: QModelIndex) -> None:
        case_id = self.proxy.data(index, DashboardModel.CASE_ID_ROLE)
        if case_id:
            self.case_activated.emit(case_id)
