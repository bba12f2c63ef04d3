"""The Summary tab: where the case stands and what to do next.

State, decision, assignee and the lifecycle actions (move, assign, sign off); the statutory
clocks with overdue ones in red; match counts and a banner when new list hits arrived since
the last review; the latest risk tier; the summary and recommendation texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, object_session

from screener.models import Case
from screener.store import Store
from screener.workflow import clocks, lifecycle, rescreen, signoff
from screener.workflow.entity_hits import case_entity_hits, status_counts
from screener.workflow.obligation import next_obligation
from screener.workflow.screening_state import Assessed, ScreeningState, screening_state
from ui.obligation_text import colour as obligation_colour
from ui.obligation_text import long_text
from ui.signoff_dialog import SignOffDialog
from ui.workflow_action import label, run_change


class SummaryTab(QWidget):
    title = "Summary"
    case_changed = Signal(str)  # the window refreshes its case list
    screen_requested = Signal()  # "Screen now": the case view runs it in the Matches tab

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Summary")
        self._store = store
        self.case_id: str | None = None
        self.version: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self._layout = QVBoxLayout(body)
        self._build_banner()
        self._build_review()
        row = QHBoxLayout()
        row.addWidget(self._build_clocks(), 3)
        row.addWidget(self._build_screening(), 2)
        self._layout.addLayout(row)
        self._build_texts()
        self._layout.addStretch(1)

    # ----- layout ----------------------------------------------------------------------
    def _value(self) -> QLabel:
        value = QLabel("—")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setWordWrap(True)
        return value

    def _build_banner(self) -> None:
        self.new_hits_banner = QLabel(self)
        self.new_hits_banner.setObjectName("newHitsBanner")
        self.new_hits_banner.setStyleSheet(
            "background: #fdecea; color: #8a1c14; border: 1px solid #f0a9a2; padding: 6px;"
            " border-radius: 3px; font-weight: 600;"
        )
        self.new_hits_banner.setWordWrap(True)
        self.mark_reviewed_button = QPushButton(self.tr("Mark as reviewed"), self)
        self.mark_reviewed_button.setToolTip(
            self.tr("Clear the 'new' flags once you have looked at the new hits")
        )
        self.mark_reviewed_button.clicked.connect(self.mark_reviewed)
        row = QHBoxLayout()
        row.addWidget(self.new_hits_banner, 1)
        row.addWidget(self.mark_reviewed_button)
        self._layout.addLayout(row)

    def _build_review(self) -> None:
        box = QGroupBox(self.tr("Review"), self)
        grid = QGridLayout(box)
        self.state_value, self.decision_value = self._value(), self._value()
        self.assignee_value, self.signoff_value = self._value(), self._value()
        for row, (caption, value) in enumerate(
            (
                (self.tr("Status"), self.state_value),
                (self.tr("Decision"), self.decision_value),
                (self.tr("Assigned to"), self.assignee_value),
                (self.tr("Sign-off"), self.signoff_value),
            )
        ):
            grid.addWidget(QLabel(f"<b>{caption}</b>"), row, 0)
            grid.addWidget(value, row, 1)
        actions = QVBoxLayout()
        self.move_button = QPushButton(self.tr("Move to…"), box)
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.assign_button = QPushButton(self.tr("Assign…"), box)
        self.assign_button.clicked.connect(self.ask_assignee)
        self.sign_button = QPushButton(self.tr("Sign off…"), box)
        self.sign_button.clicked.connect(self.open_sign_off)
        for button in (self.move_button, self.assign_button, self.sign_button):
            actions.addWidget(button)
        actions.addStretch(1)
        grid.addLayout(actions, 0, 2, 4, 1)
        grid.setColumnStretch(1, 1)
        self._layout.addWidget(box)

    def _build_clocks(self) -> QGroupBox:
        box = QGroupBox(self.tr("Statutory clocks"), self)
        self.clock_layout = QVBoxLayout(box)
        return box

    def _build_screening(self) -> QGroupBox:
        box = QGroupBox(self.tr("Screening and risk"), self)
        form = QFormLayout(box)
        self.matches_value, self.tier_value = self._value(), self._value()
        self.dates_value = self._value()
        self.screening_value = self._value()
        self.screening_value.setObjectName("screeningState")
        self.screen_now_button = QPushButton(self.tr("Screen now"), box)
        self.screen_now_button.setToolTip(
            self.tr("Screen every party against all active list versions")
        )
        self.screen_now_button.clicked.connect(self.screen_requested)
        screening_row = QHBoxLayout()
        screening_row.addWidget(self.screening_value, 1)
        screening_row.addWidget(self.screen_now_button)
        form.addRow(self.tr("Screening"), screening_row)
        form.addRow(self.tr("Matches"), self.matches_value)
        form.addRow(self.tr("Risk tier"), self.tier_value)
        form.addRow(self.tr("Dates"), self.dates_value)
        return box

    def _build_texts(self) -> None:
        box = QGroupBox(self.tr("Summary and recommendation"), self)
        form = QFormLayout(box)
        self.summary_value, self.recommendation_value = self._value(), self._value()
        form.addRow(self.tr("Summary"), self.summary_value)
        form.addRow(self.tr("Recommendation"), self.recommendation_value)
        self._layout.addWidget(box)

    # ----- data ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the tab shows the case as it is now (screening may have changed it)."""
        super().showEvent(event)
        if self.case_id is not None:
            self.show_case(self.case_id)

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        with self._store.session() as session:
            case = session.get(Case, case_id) if case_id else None
            self._show(case)

    def _show(self, case: Case | None) -> None:
        for button in (self.move_button, self.assign_button, self.sign_button):
            button.setEnabled(case is not None)
        self._clear_clocks()
        if case is None:
            self.version = None
            self.new_hits_banner.setVisible(False)
            self.mark_reviewed_button.setVisible(False)
            for value in self.findChildren(QLabel):
                if value.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
                    value.setText("—")
            return
        self.version = case.version
        self.state_value.setText(label(case.status))
        self.decision_value.setText(label(case.decision))
        self.assignee_value.setText(case.assignee or self.tr("Unassigned"))
        self.signoff_value.setText(self._sign_offs(case))
        self._fill_move_menu(case.status)
        signable = case.status in signoff.SIGNABLE_STATUSES
        self.sign_button.setEnabled(signable)
        self.sign_button.setToolTip(
            ""
            if signable
            else self.tr(
                "The case is %1: only a case in review or escalated can be signed. "
                "Move it to In review first."
            ).replace("%1", label(case.status))
        )
        self._show_clocks(case)
        self._show_screening(case)
        self.summary_value.setText(case.summary or "—")
        self.recommendation_value.setText(case.recommendation or "—")

    def _sign_offs(self, case: Case) -> str:
        if not case.sign_offs:
            return self.tr("Not signed")
        return "; ".join(
            f"{label(s.role)} {s.user} ({label(s.outcome)}, {s.signed_at:%Y-%m-%d})"
            for s in case.sign_offs[-2:]
        )

    def _fill_move_menu(self, status: str) -> None:
        self.move_menu.clear()
        targets = sorted(
            lifecycle.ALLOWED_TRANSITIONS.get(status, frozenset()) - {"decided"},
            key=lambda s: list(lifecycle.STATUS_LABELS).index(s),
        )
        for target in targets:
            action = self.move_menu.addAction(label(target))
            action.triggered.connect(lambda _=False, t=target: self.move_to(t))
        self.move_button.setEnabled(bool(targets))

    def _clear_clocks(self) -> None:
        while self.clock_layout.count():
            item = self.clock_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _show_clocks(self, case: Case) -> None:
        """The next obligation first (as the header, case list, Dashboard and memo say it),
        then each statutory clock's dates for reference."""
        obligation = next_obligation(case)
        self.obligation_label = QLabel(
            self.tr("Next: %1").replace("%1", long_text(obligation))
        )
        self.obligation_label.setObjectName("nextObligation")
        self.obligation_label.setWordWrap(True)
        self.obligation_label.setToolTip(obligation.source)
        colour = obligation_colour(obligation)
        self.obligation_label.setStyleSheet(
            f"color: {colour}; font-weight: 600;" if colour else "font-weight: 600;"
        )
        self.clock_layout.addWidget(self.obligation_label)
        found = clocks.clocks_for_case(case)
        if not found:
            self.clock_layout.addWidget(
                QLabel(self.tr("No statutory clock for these jurisdictions."))
            )
        for clock in found:
            self.clock_layout.addWidget(self._clock_label(clock))
        self.clock_layout.addStretch(1)

    def _clock_label(self, clock: clocks.ClockStatus) -> QLabel:
        if clock.due is None:
            text = self.tr("%1: not started (no filing date)").replace("%1", self.tr(clock.title))
        else:
            text = (
                self.tr("%1: filed %2, due %3")
                .replace("%1", self.tr(clock.title))
                .replace("%2", clock.start.isoformat() if clock.start else "")
                .replace("%3", clock.due.isoformat())
            )
        clock_label = QLabel(text)
        clock_label.setObjectName(f"clock_{clock.clock_id}")
        clock_label.setToolTip(clock.source)
        clock_label.setStyleSheet("color: #5b6778;")
        return clock_label

    def _show_screening(self, case: Case) -> None:
        state = screening_state(case)
        self._show_screening_state(state)
        session = object_session(case)
        hits = case_entity_hits(session, case) if session is not None else []
        counts = status_counts(hits)  # one per listed entity, as the Matches tab shows them
        self.matches_value.setText(
            ", ".join(f"{n} {label(s).lower()}" for s, n in sorted(counts.items()))
            or (self.tr("Not screened yet") if state.never_screened else self.tr("No matches"))
        )
        new_hits = sum(1 for hit in hits if hit.is_new_pending)
        self.new_hits_banner.setVisible(case.has_new_hits)
        self.mark_reviewed_button.setVisible(case.has_new_hits)
        self.new_hits_banner.setText(
            self.tr(
                "New list hits since the last review: %n match(es) to look at in Matches.",
                "",
                new_hits,
            )
        )
        latest = case.assessments[-1] if case.assessments else None
        tier = (
            f"{QCoreApplication.translate('RiskTab', latest.tier)} ({latest.total_score:.0f})"
            f" · {latest.created_at:%Y-%m-%d}"
            if latest
            else self.tr("Not assessed: assess it in the Risk tab")
        )
        if state.assessed == Assessed.OUTDATED:
            tier += " · " + self.tr("out of date: assess again in the Risk tab")
        self.tier_value.setText(tier)
        self.tier_value.setStyleSheet(
            "" if state.assessed == Assessed.CURRENT else "color: #b42318; font-weight: 600;"
        )
        dates = [
            (self.tr("received"), case.received_date),
            (self.tr("filed"), case.filing_date),
            (self.tr("filing deadline"), case.filing_deadline),
        ]
        self.dates_value.setText(
            "; ".join(f"{name} {day.isoformat()}" for name, day in dates if day) or "—"
        )

    def _show_screening_state(self, state: ScreeningState) -> None:
        """Where the match counts are: was the case screened, against the lists active now?"""
        if state.no_lists:
            text = self.tr("No list is loaded: import the sanctions lists, then screen")
        elif state.never_screened:
            text = self.tr("Not screened yet")
        elif state.unscreened:
            text = self.tr("%n party(ies) not screened since added or changed: %1", "",
                           len(state.unscreened)).replace("%1", ", ".join(state.unscreened))
        elif state.newer_lists:
            text = self.tr("Screened against old lists: %1 have a newer version").replace(
                "%1", ", ".join(state.newer_lists)
            )
        else:
            screened_at = state.screened_at
            text = self.tr("Screened %1 against the lists now active").replace(
                "%1", f"{screened_at:%Y-%m-%d %H:%M}" if screened_at else ""
            )
        self.screening_value.setText(text)
        self.screening_value.setStyleSheet(
            "" if state.is_screened else "color: #b42318; font-weight: 600;"
        )
        self.screen_now_button.setVisible(not state.is_screened and not state.no_lists)

    # ----- actions ---------------------------------------------------------------------
    def _changed(self) -> None:
        if self.case_id:
            self.case_changed.emit(self.case_id)
            self._refresh_window()

    def _refresh_window(self) -> None:
        """Reload the whole case view (header and every tab) after a change."""
        view = self.parent()
        while view is not None and not hasattr(view, "show_case"):
            view = view.parent()
        if view is not None and view is not self:
            view.show_case(self.case_id)  # type: ignore[attr-defined]
        else:
            self.show_case(self.case_id)

    def move_to(self, target: str) -> None:
        if self.case_id is None:
            return
        reason = ""
        if target in ("escalated", "in_review", "new"):
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Move case"),
                self.tr("Reason for moving to %1:").replace("%1", label(target)),
            )
            if not ok:
                return
        case_id, version = self.case_id, self.version

        def change(session: Session) -> object:
            return lifecycle.change_status(
                session, case_id, target, reason=reason, expected_version=version
            )

        run_change(self, self._store, change)
        self._changed()

    def ask_assignee(self) -> None:
        if self.case_id is None:
            return
        reviewer, ok = QInputDialog.getText(self, self.tr("Assign case"), self.tr("Reviewer:"))
        if not ok:
            return
        case_id, version = self.case_id, self.version
        run_change(
            self,
            self._store,
            lambda session: lifecycle.assign(session, case_id, reviewer, expected_version=version),
        )
        self._changed()

    def mark_reviewed(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        run_change(self, self._store, lambda session: rescreen.mark_reviewed(session, case_id))
        self._changed()

    def open_sign_off(self) -> None:
        if self.case_id is None:
            return
        SignOffDialog(self._store, self.case_id, self).exec()
        self._changed()
