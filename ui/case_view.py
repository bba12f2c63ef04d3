"""The case detail area: a header with the facts a reviewer looks for first, then tabs.

Tabs follow the contract in docs/architecture.md: `title`, `__init__(store, parent)`,
`show_case(case_id)`. Each tab module is owned by the issue that fills it.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import selectinload

from screener.models import Case, Transaction
from screener.store import Store
from screener.workflow.obligation import next_obligation
from ui.case_list_model import STATUS_LABELS
from ui.obligation_text import colour as obligation_colour
from ui.obligation_text import long_text
from ui.tabs.history_tab import HistoryTab
from ui.tabs.matches_tab import MatchesTab
from ui.tabs.notes_tab import NotesTab
from ui.tabs.ownership_tab import OwnershipTab
from ui.tabs.parties_tab import PartiesTab
from ui.tabs.risk_tab import RiskTab
from ui.tabs.summary_tab import SummaryTab
from ui.workflow_action import label

TabT = TypeVar("TabT", bound=QWidget)

CASE_TABS: list[type] = [
    SummaryTab,
    PartiesTab,
    OwnershipTab,
    MatchesTab,
    RiskTab,
    NotesTab,
    HistoryTab,
]


class CaseHeader(QFrame):
    """Case id, title, status, target, acquirer and clock: what the reviewer checks first."""

    FIELDS = ("Status", "Target", "Acquirer", "Jurisdictions", "Marking", "Next due")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        layout.addWidget(self.title, 0, 0, 1, 6)
        self.values: dict[str, QLabel] = {}
        for column, name in enumerate(self.FIELDS):
            caption = QLabel(self.tr(name))
            caption.setObjectName("fieldCaption")
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            layout.addWidget(caption, 1, column)
            layout.addWidget(value, 2, column)
            self.values[name] = value

    def show_case(self, case: Case | None) -> None:
        if case is None:
            self.title.setText(self.tr("No case selected"))
            for value in self.values.values():
                value.setText("—")
            return
        self.title.setText(f"{case.id} · {case.title}")
        transaction = case.transaction
        target = transaction.target if transaction else None
        acquirer = _party_name(case, transaction.acquirer_key if transaction else None)
        status = self.tr(STATUS_LABELS.get(case.status, case.status))
        if case.decision:
            status += f" ({label(case.decision)})"  # as the Summary says it
        self.values["Status"].setText(status)
        self.values["Target"].setText(target.name if target else "—")
        self.values["Acquirer"].setText(acquirer or "—")
        self.values["Jurisdictions"].setText(", ".join(case.jurisdictions or []) or "—")
        self.values["Marking"].setText(case.handling_marking or "—")
        self._show_deadline(case)

    def _show_deadline(self, case: Case) -> None:
        """The next obligation (filing deadline, then the review clock) as every screen says it:
        an overdue one is the first thing a supervisor asks about, so it is red."""
        label = self.values["Next due"]
        obligation = next_obligation(case)
        label.setText(long_text(obligation))
        label.setToolTip(obligation.source)
        red_or_amber = obligation_colour(obligation)
        label.setStyleSheet(f"color: {red_or_amber}; font-weight: 600;" if red_or_amber else "")


def _party_name(case: Case, key: str | None) -> str | None:
    for party in case.parties:
        if party.key == key:
            return party.name
    return None


class CaseView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.case_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = CaseHeader(self)
        layout.addWidget(self.header)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.tab_widgets = [tab_class(store, self) for tab_class in CASE_TABS]
        for tab in self.tab_widgets:
            self.tabs.addTab(tab, tab.title if isinstance(tab.title, str) else str(tab.title))
        self.tab(SummaryTab).screen_requested.connect(self.screen_now)
        self.tab(MatchesTab).screened.connect(lambda _summary: self.show_case(self.case_id))
        self._stale: set[QWidget] = set()  # tabs to reload when next shown
        self.tab(MatchesTab).decided.connect(self._after_decision)
        self.tabs.currentChanged.connect(self._show_if_stale)
        self.show_case(None)

    def tab(self, kind: type[TabT]) -> TabT:
        return next(t for t in self.tab_widgets if isinstance(t, kind))

    def screen_now(self) -> None:
        """Summary's "Screen now": show the Matches tab, where the screening runs with progress."""
        matches = self.tab(MatchesTab)
        self.tabs.setCurrentWidget(matches)
        matches.screen_now()  # type: ignore[attr-defined]

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self._stale.clear()
        self._show_header(case_id)
        for tab in self.tab_widgets:
            tab.show_case(case_id)
        self.tabs.setEnabled(case_id is not None)

    def _after_decision(self) -> None:
        """A decision in Matches changes what the other screens say: the Summary's counts
        and blockers, the Ownership tab's listed and blocked parties, the History. The
        header is reloaded now, each other tab when it is next shown (a run of keyboard
        decisions reloads nothing else); left as they were, they contradicted the Matches
        tab until the case was opened again."""
        self._show_header(self.case_id)
        matches = self.tab(MatchesTab)
        self._stale = {tab for tab in self.tab_widgets if tab is not matches}

    def _show_if_stale(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab in self._stale:
            self._stale.discard(tab)
            tab.show_case(self.case_id)  # type: ignore[attr-defined]

    def _show_header(self, case_id: str | None) -> None:
        with self._store.session() as session:
            case = None
            if case_id is not None:
                case = session.get(
                    Case,
                    case_id,
                    options=[
                        selectinload(Case.parties),
                        selectinload(Case.transaction).selectinload(Transaction.target),
                    ],
                )
            self.header.show_case(case)
