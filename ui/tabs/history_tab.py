"""The History tab: everything that happened to a case, in order, from the database.

Status changes, match decisions and sign-offs come from their own tables (with the reason
as written); the rest of the case's audit trail (imports, edits, notes, screenings,
dismissals from memory) comes from the audit log. A filter narrows it to one kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from screener import audit
from screener.audit_state import STATE_KEY
from screener.models import Decision, MatchResult, SignOff, StatusChange
from screener.store import Store
from ui.row_table_model import RowTableModel
from ui.tabs.risk_tab import outcome_label
from ui.workflow_action import label

_Index = QModelIndex | QPersistentModelIndex

KINDS = {
    "status": QT_TRANSLATE_NOOP("HistoryTab", "Status"),
    "decision": QT_TRANSLATE_NOOP("HistoryTab", "Match decision"),
    "signoff": QT_TRANSLATE_NOOP("HistoryTab", "Sign-off"),
    "audit": QT_TRANSLATE_NOOP("HistoryTab", "Audit record"),
}
COVERED_ACTIONS = (
    "case.status_changed",
    "match.confirmed",
    "match.dismissed",
    "match.unsure",
    "case.signed_reviewer",
    "case.signed_approver",
    "case.returned_to_reviewer",
)


AUDIT_ACTIONS = {
    "assessment.create": QT_TRANSLATE_NOOP("HistoryTab", "Risk assessed"),
    "batch.screen": QT_TRANSLATE_NOOP("HistoryTab", "Batch screened"),
    "case.assigned": QT_TRANSLATE_NOOP("HistoryTab", "Case assigned"),
    "case.imported": QT_TRANSLATE_NOOP("HistoryTab", "Case imported"),
    "case.new_hits_reviewed": QT_TRANSLATE_NOOP("HistoryTab", "New list hits marked as reviewed"),
    "case.rescreened": QT_TRANSLATE_NOOP("HistoryTab", "Case re-screened"),
    "case.screened": QT_TRANSLATE_NOOP("HistoryTab", "Case screened"),
    "case.updated_from_file": QT_TRANSLATE_NOOP("HistoryTab", "Case updated from a deal file"),
    "demo.prepared": QT_TRANSLATE_NOOP("HistoryTab", "Demo prepared"),
    "list.import": QT_TRANSLATE_NOOP("HistoryTab", "List imported"),
    "list.rescreened": QT_TRANSLATE_NOOP("HistoryTab", "Re-screened on a new list version"),
    "list.use_version": QT_TRANSLATE_NOOP("HistoryTab", "List version made active"),
    "match.dismissed_from_memory": QT_TRANSLATE_NOOP(
        "HistoryTab", "Match dismissed from decision memory"
    ),
    "note.added": QT_TRANSLATE_NOOP("HistoryTab", "Note added"),
    "ownership.edge_added": QT_TRANSLATE_NOOP("HistoryTab", "Ownership link added"),
    "ownership.edge_changed": QT_TRANSLATE_NOOP("HistoryTab", "Ownership link changed"),
    "ownership.edge_removed": QT_TRANSLATE_NOOP("HistoryTab", "Ownership link removed"),
    "ownership.list_link_pulled": QT_TRANSLATE_NOOP(
        "HistoryTab", "Ownership link taken from a list"
    ),
    "rules.pack_saved": QT_TRANSLATE_NOOP("HistoryTab", "Rule pack saved"),
    "rules.pack_activated": QT_TRANSLATE_NOOP("HistoryTab", "Rule pack activated"),
}
_CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")

# The keys of the audit details a case's records hold, as the History tab says them; a key
# not listed reads as recorded, underscores as spaces.
DETAIL_KEYS = {
    "activation": QT_TRANSLATE_NOOP("HistoryTab", "activation"),
    "as_of": QT_TRANSLATE_NOOP("HistoryTab", "as of"),
    "assessment_id": QT_TRANSLATE_NOOP("HistoryTab", "assessment"),
    "auto_dismissed": QT_TRANSLATE_NOOP("HistoryTab", "dismissed from memory"),
    "changed_since_dismissed": QT_TRANSLATE_NOOP("HistoryTab", "changed since dismissed"),
    "changes": QT_TRANSLATE_NOOP("HistoryTab", "changes"),
    "comment": QT_TRANSLATE_NOOP("HistoryTab", "comment"),
    "confidence": QT_TRANSLATE_NOOP("HistoryTab", "confidence"),
    "control_type": QT_TRANSLATE_NOOP("HistoryTab", "control type"),
    "decision": QT_TRANSLATE_NOOP("HistoryTab", "decision"),
    "demo_lists": QT_TRANSLATE_NOOP("HistoryTab", "demo lists"),
    "dissent": QT_TRANSLATE_NOOP("HistoryTab", "dissent"),
    "edge": QT_TRANSLATE_NOOP("HistoryTab", "ownership link"),
    "edges": QT_TRANSLATE_NOOP("HistoryTab", "ownership links"),
    "entry": QT_TRANSLATE_NOOP("HistoryTab", "list entry"),
    "entry_key": QT_TRANSLATE_NOOP("HistoryTab", "list entry"),
    "equity_pct": QT_TRANSLATE_NOOP("HistoryTab", "equity %"),
    "file": QT_TRANSLATE_NOOP("HistoryTab", "file"),
    "format": QT_TRANSLATE_NOOP("HistoryTab", "format"),
    "from": QT_TRANSLATE_NOOP("HistoryTab", "from"),
    "held": QT_TRANSLATE_NOOP("HistoryTab", "held"),
    "held_key": QT_TRANSLATE_NOOP("HistoryTab", "held"),
    "holder": QT_TRANSLATE_NOOP("HistoryTab", "holder"),
    "holder_key": QT_TRANSLATE_NOOP("HistoryTab", "holder"),
    "joint_arrangement": QT_TRANSLATE_NOOP("HistoryTab", "joint arrangement"),
    "link_id": QT_TRANSLATE_NOOP("HistoryTab", "link"),
    "list_version": QT_TRANSLATE_NOOP("HistoryTab", "list version"),
    "list_versions": QT_TRANSLATE_NOOP("HistoryTab", "list versions"),
    "matches": QT_TRANSLATE_NOOP("HistoryTab", "matches"),
    "memory": QT_TRANSLATE_NOOP("HistoryTab", "decision memory"),
    "memory_id": QT_TRANSLATE_NOOP("HistoryTab", "decision memory"),
    "new_matches": QT_TRANSLATE_NOOP("HistoryTab", "new matches"),
    "new_pending": QT_TRANSLATE_NOOP("HistoryTab", "new to review"),
    "outcome": QT_TRANSLATE_NOOP("HistoryTab", "outcome"),
    "outcomes": QT_TRANSLATE_NOOP("HistoryTab", "outcomes"),
    "pack_hash": QT_TRANSLATE_NOOP("HistoryTab", "rule packs hash"),
    "packs": QT_TRANSLATE_NOOP("HistoryTab", "rule packs"),
    "parties": QT_TRANSLATE_NOOP("HistoryTab", "parties"),
    "party_key": QT_TRANSLATE_NOOP("HistoryTab", "party"),
    "percentage": QT_TRANSLATE_NOOP("HistoryTab", "percentage"),
    "reason": QT_TRANSLATE_NOOP("HistoryTab", "reason"),
    "relation": QT_TRANSLATE_NOOP("HistoryTab", "relation"),
    "removed": QT_TRANSLATE_NOOP("HistoryTab", "removed"),
    "role": QT_TRANSLATE_NOOP("HistoryTab", "role"),
    "rules_fired": QT_TRANSLATE_NOOP("HistoryTab", "rules fired"),
    "source": QT_TRANSLATE_NOOP("HistoryTab", "source"),
    "source_text": QT_TRANSLATE_NOOP("HistoryTab", "source text"),
    "strong_matches": QT_TRANSLATE_NOOP("HistoryTab", "strong matches"),
    "text": QT_TRANSLATE_NOOP("HistoryTab", "text"),
    "tier": QT_TRANSLATE_NOOP("HistoryTab", "tier"),
    "to": QT_TRANSLATE_NOOP("HistoryTab", "to"),
    "total": QT_TRANSLATE_NOOP("HistoryTab", "total"),
    "voting_pct": QT_TRANSLATE_NOOP("HistoryTab", "voting %"),
    "warnings": QT_TRANSLATE_NOOP("HistoryTab", "warnings"),
}
# why a re-screen reopened a match (screener.workflow.rescreen), said like a status
REOPENED_WHY = {"new membership": QT_TRANSLATE_NOOP("HistoryTab", "new list membership")}
# 'P1 ~ OFAC-123 (pending)': a match a list version touched, in a case.rescreened record
_RESCREENED_MATCH = re.compile(r"^(?P<pair>.+ ~ .+) \((?P<code>[a-z_ ]+)\)$")


# reasons Screener itself writes on a status change (screener.workflow.lifecycle, signoff)
SCREENED_REASON = "Screened against the active lists"
_DECIDED_REASON = re.compile(
    r"^(?P<outcome>.+): reviewed by (?P<reviewer>.+), approved by (?P<approver>.+)$"
)


def reason_text(reason: str) -> str:
    """A status change's reason; the ones Screener writes itself, in the interface language."""
    if reason == SCREENED_REASON:
        return QCoreApplication.translate("HistoryTab", "Screened against the active lists")
    decided = _DECIDED_REASON.match(reason)
    if decided is None:
        return reason  # an officer's own words, as written
    return (
        QCoreApplication.translate("HistoryTab", "%1: reviewed by %2, approved by %3")
        .replace("%1", QCoreApplication.translate("Workflow", decided["outcome"]))
        .replace("%2", decided["reviewer"])
        .replace("%3", decided["approver"])
    )


def detail_key_label(key: Any) -> str:
    """An audit detail's key in the interface language."""
    known = DETAIL_KEYS.get(key) if isinstance(key, str) else None
    return QCoreApplication.translate("HistoryTab", str(known)) if known else _words(key)


def audit_action_label(action: str) -> str:
    """What an audit action means in words; an unknown action is shown as recorded."""
    known = AUDIT_ACTIONS.get(action)
    return QCoreApplication.translate("HistoryTab", str(known)) if known else action


def _words(value: Any) -> str:
    """One detail value as a reviewer reads it: no Python lists, dicts, None or snake_case."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("HistoryTab", "yes" if value else "no")
    if isinstance(value, list | tuple):
        return ", ".join(_words(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{detail_key_label(k)} {_words(v)}" for k, v in value.items())
    text = str(value)
    return text.replace("_", " ") if _CODE.match(text) else text


# stored codes under these keys, said as the Risk tab and the memo say them ('Mandatory CFIUS
# declaration') and as the case list says states, decisions and sign-off roles ('Recommend block')
RISK_OUTCOME_KEYS = frozenset({"outcomes", "hard_outcomes"})
WORKFLOW_CODE_KEYS = frozenset(
    {"outcome", "decision", "status", "from_status", "to_status", "role", "roles"}
)


def _rescreened_match(text: str) -> str:
    """'P1 ~ OFAC-123 (pending)' with the status (or why it was reopened) as its label."""
    found = _RESCREENED_MATCH.match(text)
    if found is None:
        return text
    code = found["code"]
    why = REOPENED_WHY.get(code)
    said = QCoreApplication.translate("HistoryTab", str(why)) if why else label(code)
    return f"{found['pair']} ({said})"


def _coded(key: str, value: Any) -> Any:
    """A stored code (or list of codes) under a key known to hold them, as its label."""
    if isinstance(value, list | tuple):
        return [_coded(key, item) for item in value]
    if not isinstance(value, str) or not value:
        return value
    if key == "matches":
        return _rescreened_match(value)
    if key in RISK_OUTCOME_KEYS:
        return outcome_label(value)
    if key == "tier":  # the risk engine's tier names, as the Risk tab says them
        return QCoreApplication.translate("RiskTab", value)
    if key in WORKFLOW_CODE_KEYS:
        return label(value)
    return value


def format_details(details: dict[str, Any] | None) -> str:
    """The audit details in words; left out: the case id (the tab is that case's) and the
    rows' state the record carries for `audit verify` (the other columns say it in words)."""
    return ", ".join(
        f"{detail_key_label(key)}: {_words(_coded(key, value))}"
        for key, value in (details or {}).items()
        if key not in ("case_id", STATE_KEY)
    )


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    who: str
    kind: str
    what: str
    details: str


def load_history(session: Any, case_id: str) -> list[HistoryRow]:
    rows: list[HistoryRow] = []
    for change in session.execute(
        select(StatusChange).where(StatusChange.case_id == case_id)
    ).scalars():
        what = f"{label(change.from_status)} → {label(change.to_status)}"
        reason = reason_text(change.reason)
        rows.append(HistoryRow(change.changed_at, change.changed_by, "status", what, reason))
    decisions = session.execute(
        select(Decision, MatchResult).join(MatchResult).where(MatchResult.case_id == case_id)
    )
    for decision, match in decisions:
        what = f"{label(decision.outcome)}: {match.query_name} ↔ {match.matched_name} ({match.source_name})"
        rows.append(
            HistoryRow(decision.decided_at, decision.decided_by, "decision", what, decision.reason)
        )
    for sign in session.execute(select(SignOff).where(SignOff.case_id == case_id)).scalars():
        what = f"{label(sign.role)}: {label(sign.outcome)}"
        details = sign.comment + (f" — dissent: {sign.dissent}" if sign.dissent else "")
        rows.append(HistoryRow(sign.signed_at, sign.user, "signoff", what, details))
    for event in audit.events_for_case(session, case_id):
        if event.action in COVERED_ACTIONS:
            continue
        rows.append(
            HistoryRow(
                event.at,
                event.actor,
                "audit",
                f"{audit_action_label(event.action)} (#{event.id})",
                format_details(event.details),
            )
        )
    rows.sort(key=lambda row: row.at)
    return rows


class HistoryModel(RowTableModel):
    CONTEXT = "HistoryTab"
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryTab", "When (UTC)"),
        QT_TRANSLATE_NOOP("HistoryTab", "Who"),
        QT_TRANSLATE_NOOP("HistoryTab", "Kind"),
        QT_TRANSLATE_NOOP("HistoryTab", "What"),
        QT_TRANSLATE_NOOP("HistoryTab", "Reason / details"),
    )
    KIND_ROLE = Qt.ItemDataRole.UserRole + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == self.KIND_ROLE:
            return row.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                row.at.strftime("%Y-%m-%d %H:%M:%S"),
                row.who,
                QCoreApplication.translate("HistoryTab", str(KINDS[row.kind])),
                row.what,
                row.details,
            )
            return values[index.column()]
        return None


class HistoryTab(QWidget):
    title = "History"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("History")
        self._store = store
        self.case_id: str | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(self.tr("Everything"), "")
        for kind, text in KINDS.items():
            self.kind_filter.addItem(QCoreApplication.translate("HistoryTab", str(text)), kind)
        top.addWidget(self.kind_filter)
        top.addStretch(1)
        self.count = QLabel(self)
        top.addWidget(self.count)
        layout.addLayout(top)
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(HistoryModel.KIND_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.kind_filter.currentIndexChanged.connect(
            lambda: self.proxy.setFilterFixedString(self.kind_filter.currentData())
        )
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(420)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # "What": elides
        header.resizeSection(3, 260)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the reason reads whole
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the tab shows what happened since it was last filled."""
        super().showEvent(event)
        if self.case_id is not None:
            self.show_case(self.case_id)

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        rows: list[HistoryRow] = []
        if case_id is not None:
            with self._store.session() as session:
                rows = load_history(session, case_id)
        self.model.load(rows)
        self.count.setText(self.tr("%n event(s)", "", len(rows)))
