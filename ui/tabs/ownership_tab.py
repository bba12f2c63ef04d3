"""The Ownership tab: the diagram of who owns the target, and why a party is blocked.

Left, the layered diagram (top owners down to the target) with a legend; right, the figures
for the case (adversary, state and unresolved shares) or, when a party or an edge is
clicked, its details and the path of stakes and list entries behind each regime's status.
Edges can be added, changed and removed (validated, audited), and the ownership links the
lists record for a confirmed party can be pulled in.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from screener.models import Case, OwnershipLink
from screener.ownership import OwnershipReport
from screener.ownership.edit import (
    EdgeError,
    EdgeInput,
    add_edge,
    check_edge,
    remove_edge,
    update_edge,
)
from screener.ownership.links import list_link_candidates, pull_list_links
from screener.ownership.regimes import RegimeSettingsError
from screener.ownership.service import case_report
from screener.ownership.words import status_word
from screener.reference import ReferenceError
from screener.store import Store
from ui.edge_dialogs import EdgeDialog, ListLinksDialog
from ui.i18n import shown_language
from ui.ownership_diagram import ROLE, Legend, OwnershipScene, marks_for

# Labels translated inside f-strings (`self.tr('…')`), where pyside6-lupdate does not look.
IN_F_STRINGS = (
    QT_TRANSLATE_NOOP("OwnershipTab", "No case selected."),
    QT_TRANSLATE_NOOP("OwnershipTab", "Ownership of the target"),
    QT_TRANSLATE_NOOP("OwnershipTab", "Ultimate owners"),
    QT_TRANSLATE_NOOP("OwnershipTab", "Unresolved"),
    QT_TRANSLATE_NOOP("OwnershipTab", "missing above"),
    QT_TRANSLATE_NOOP("OwnershipTab", "nobody listed or blocked"),
    QT_TRANSLATE_NOOP("OwnershipTab", "nobody listed or reached"),
    QT_TRANSLATE_NOOP("OwnershipTab", "none"),
    QT_TRANSLATE_NOOP("OwnershipTab", "Owners over 100 %:"),
    QT_TRANSLATE_NOOP("OwnershipTab", "Click a party or an edge for details."),
    QT_TRANSLATE_NOOP("OwnershipTab", "(look-through)"),
    QT_TRANSLATE_NOOP("OwnershipTab", "not in force"),
)


class OwnershipView(QGraphicsView):
    """The diagram, zoomed with Ctrl + wheel; it fits itself until the reviewer zooms."""

    auto_fit = True

    MIN_FIT = 0.9  # 10 pt text never reads under 9 pt: a larger graph scrolls instead

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect() if self.scene() else None
        if rect is None or rect.isEmpty() or self.viewport().width() < 50:
            return
        rect = rect.adjusted(-20, -20, 20, 20)
        port = self.viewport().rect()
        scale = min(port.width() / rect.width(), port.height() / rect.height(), 1.0)
        scale = max(scale, self.MIN_FIT)
        self.resetTransform()
        self.scale(scale, scale)
        visible_height = port.height() / scale
        self.centerOn(rect.center().x(), rect.top() + min(visible_height, rect.height()) / 2)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        self.scale(factor, factor)

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            return
        super().wheelEvent(event)


class OwnershipTab(QWidget):
    title = "Ownership"
    case_changed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Ownership")
        self._store = store
        self.case_id: str | None = None
        self.report: OwnershipReport | None = None
        self.links: dict[int, OwnershipLink] = {}
        self.parties: list[tuple[str, str]] = []
        self.selected: tuple[str, object] | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        self.figures = QLabel()
        self.figures.setObjectName("ownershipFigures")
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.figures)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.scene = OwnershipScene(self)
        self.scene.selectionChanged.connect(self._on_selection)
        self.view = OwnershipView(self.scene, left)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setBackgroundBrush(Qt.GlobalColor.white)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(Legend(left))
        self.details = QTextBrowser(splitter)
        self.details.setOpenExternalLinks(False)
        self.details.setMinimumWidth(320)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 420])
        layout.addWidget(splitter, 1)

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Regimes as of")))
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        bar.addWidget(self.as_of)
        bar.addSpacing(12)
        for text, key, slot in (
            (self.tr("Fit"), None, self.fit),
            (
                self.tr("+"),
                QKeySequence.StandardKey.ZoomIn,
                lambda: self.view.scale(1.2, 1.2),
            ),
            (
                self.tr("−"),
                QKeySequence.StandardKey.ZoomOut,
                lambda: self.view.scale(1 / 1.2, 1 / 1.2),
            ),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(36)
            button.setMaximumWidth(max(56, button.fontMetrics().horizontalAdvance(text) + 24))
            if key is not None:
                button.setShortcut(QKeySequence(key))
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        self.add_button = QPushButton(self.tr("Add edge…"))
        self.add_button.clicked.connect(self.add_edge_dialog)
        self.edit_button = QPushButton(self.tr("Change edge…"))
        self.edit_button.clicked.connect(self.edit_edge_dialog)
        self.remove_button = QPushButton(self.tr("Remove edge"))
        self.remove_button.clicked.connect(self.remove_selected_edge)
        self.pull_button = QPushButton(self.tr("Links from lists…"))
        self.pull_button.setToolTip(
            self.tr("Ownership links the lists record for the selected party's confirmed entries")
        )
        self.pull_button.clicked.connect(self.pull_links_dialog)
        for button in (self.add_button, self.edit_button, self.remove_button, self.pull_button):
            bar.addWidget(button)
        return bar

    # ----- loading ----------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.reload()
        self.fit()

    def reload(self) -> None:
        self.report = None
        self.links = {}
        self.parties = []
        roles: dict[str, str] = {}
        pending: set[str] = set()
        error = ""
        if self.case_id is not None:
            with self._store.session() as session:
                case = session.get(Case, self.case_id)
                if case is not None:
                    self.links = {link.id: link for link in case.ownership_links}
                    self.parties = [(p.key, p.name) for p in case.parties]
                    roles = {p.key: p.role for p in case.parties if p.role not in ("owner", "")}
                    pending = {m.party_key for m in case.matches if m.status == "pending"}
                    try:
                        self.report = case_report(session, self.case_id, self._as_of())
                    except (RegimeSettingsError, ReferenceError) as exc:
                        error = str(exc)
        link_ids = {(link.holder_key, link.held_key): i for i, link in self.links.items()}
        self.selected = None
        self.scene.show_report(self.report, link_ids, roles, pending)
        self.figures.setText(self._figures_html() if not error else html.escape(error))
        self.details.setHtml(self._overview_html())
        self._update_buttons()

    def _as_of(self) -> date:
        value = self.as_of.date()
        return date(value.year(), value.month(), value.day())

    def fit(self) -> None:
        self.view.auto_fit = True
        self.view.fit()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        if self.view.auto_fit:
            self.view.fit()

    # ----- selection and details --------------------------------------------------------
    def _on_selection(self) -> None:
        items = self.scene.selectedItems()
        self.selected = items[0].data(ROLE) if items else None
        if self.selected and self.selected[0] == "node":
            self.details.setHtml(self._node_html(str(self.selected[1])))
        elif self.selected and self.selected[0] == "edge" and self.selected[1] in self.links:
            self.details.setHtml(self._edge_html(self.links[self.selected[1]]))
        else:
            self.details.setHtml(self._overview_html())
        self._update_buttons()

    def select_node(self, key: str) -> None:
        self.scene.clearSelection()
        if key in self.scene.node_items:
            self.scene.node_items[key].setSelected(True)

    def select_edge(self, link_id: int) -> None:
        self.scene.clearSelection()
        if link_id in self.scene.edge_items:
            self.scene.edge_items[link_id].setSelected(True)

    def _update_buttons(self) -> None:
        has_case = self.case_id is not None and self.report is not None
        edge = bool(self.selected and self.selected[0] == "edge")
        node = bool(self.selected and self.selected[0] == "node")
        self.add_button.setEnabled(has_case)
        self.edit_button.setEnabled(has_case and edge)
        self.remove_button.setEnabled(has_case and edge)
        self.pull_button.setEnabled(has_case and node)

    def _figures_html(self) -> str:
        report = self.report
        if report is None or report.target_view is None:
            return self.tr("No target entity in this case: the ownership figures need one.")
        view = report.target_view
        parts = [
            self.tr("Held through foreign-adversary jurisdictions: <b>%s %%</b>")
            % f"{view.adversary_share:.2f}",
            self.tr("Governments: <b>%s</b>") % _shares(view.government_share),
            self.tr("Unresolved: <b>%s %%</b>") % f"{view.unresolved_share:.2f}",
        ]
        if report.acquirer_view is not None:
            parts.append(
                self.tr("Acquirer held by one foreign state: <b>%s</b> (parent rule: %s)")
                % (
                    _shares(report.acquirer_view.government_share),
                    _shares(report.acquirer_state_share_deemed),
                )
            )
        counts = {
            effect: ", ".join(
                f"{r.regime.short} {len(r.blocked())}"
                for r in report.regimes.values()
                if r.blocked() and r.regime.effect == effect
            )
            for effect in ("blocked", "licence")
        }
        if counts["blocked"]:
            parts.append(self.tr("Listed or blocked: <b>%s</b>") % counts["blocked"])
        if counts["licence"]:  # the BIS rule blocks nothing: licence requirements reach
            parts.append(self.tr("Listed or reached by licence requirements: <b>%s</b>")
                         % counts["licence"])
        return " &nbsp;·&nbsp; ".join(parts)

    def _overview_html(self) -> str:
        report = self.report
        if report is None:
            return f"<p>{self.tr('No case selected.')}</p>"
        lines = [f"<h3>{self.tr('Ownership of the target')}</h3>"]
        if report.target_view is not None:
            lines.append(f"<p><b>{self.tr('Ultimate owners')}</b></p><table>")
            for owner in report.target_view.ultimate_owners:
                lines.append(
                    f"<tr><td align='right'>{owner.pct:.2f} %</td><td>&nbsp;"
                    f"{html.escape(owner.name)} ({owner.country or '?'})</td></tr>"
                )
            lines.append("</table>")
            if report.target_view.unresolved_at:
                lines.append(f"<p><b>{self.tr('Unresolved')}</b></p><ul>")
                for key, share in report.target_view.unresolved_at.items():
                    lines.append(
                        f"<li>{share:.2f} % {self.tr('missing above')} "
                        f"{html.escape(_label(report, key))}</li>"
                    )
                lines.append("</ul>")
        for result in report.regimes.values():
            state = self.tr("in force") if result.in_force else self.tr("not in force")
            if result.suspended_reason:
                state += f": {html.escape(result.suspended_reason_in(shown_language()))}"
            names = ", ".join(html.escape(_label(report, k)) for k in result.blocked())
            if names and not result.in_force:  # a suspended rule reaches nobody today
                names = self.tr("would reach, were it in force: %s") % names
            nobody = (
                self.tr("nobody listed or reached")
                if result.regime.effect == "licence"
                else self.tr("nobody listed or blocked")
            )
            lang = shown_language()
            lines.append(
                f"<p><b>{html.escape(result.regime.title_in(lang))}</b> ({state}) "
                f"{html.escape(result.regime.rule_in(lang))}: {names or nobody}"
                "</p>"
            )
        if report.over_full:
            totals = ", ".join(f"{_label(report, k)} {v:g} %" for k, v in report.over_full.items())
            lines.append(
                f"<p style='color:#b42318'>{self.tr('Owners over 100 %:')} "
                f"{html.escape(totals)}</p>"
            )
        lines.append(
            f"<p style='color:#5b6778'>{self.tr('Click a party or an edge for details.')}</p>"
        )
        return "".join(lines)

    def _node_html(self, key: str) -> str:
        report = self.report
        assert report is not None
        node = report.graph.nodes[key]
        marks = marks_for(report, key)
        with self._store.session() as session:
            case = session.get(Case, self.case_id)
            party = next((p for p in case.parties if p.key == key), None) if case else None
        rows = [
            (self.tr("Key"), key),
            (self.tr("Type"), node.party_type),
            (self.tr("Country"), node.country or "—"),
        ]
        if party is not None:
            if party.name_original:
                rows.append((self.tr("Original script"), party.name_original))
            if party.name_romanised:
                rows.append((self.tr("Romanised"), party.name_romanised))
            if party.identifiers:
                rows.append(
                    (
                        self.tr("Identifiers"),
                        "; ".join(f"{k}={v}" for k, v in party.identifiers.items()),
                    )
                )
            if party.notes:
                rows.append((self.tr("Notes"), party.notes))
        if node.state:
            rows.append((self.tr("State"), f"{node.state}"))
        if marks.adversary:
            rows.append((self.tr("Adversary"), self.tr("foreign-adversary jurisdiction")))
        for title, view in (
            (self.tr("Of the target"), report.target_view),
            (self.tr("Of the acquirer"), report.acquirer_view),
        ):
            if view is not None and key in view.effective:
                rows.append((title, f"{view.effective[key]:.4g} % {self.tr('(look-through)')}"))
        if marks.unresolved_pct:
            rows.append(
                (
                    self.tr("Unresolved"),
                    f"{marks.unresolved_pct:.4g} % "
                    + self.tr("of the target has no recorded owner above this party"),
                )
            )
        if not node.described:
            rows.append((self.tr("Warning"), self.tr("named by an edge but not described")))
        body = "".join(
            f"<tr><td><b>{html.escape(a)}</b></td><td>{html.escape(str(b))}</td></tr>"
            for a, b in rows
        )
        parts = [f"<h3>{html.escape(node.label)}</h3><table>{body}</table>"]
        for rid, result in report.regimes.items():
            status = result.statuses.get(key)
            state = status_word(status.status, shown_language()) if status else self.tr("clear")
            parts.append(
                f"<p><b>{html.escape(result.regime.title_in(shown_language()))}</b>: {state}"
                + ("" if result.in_force else f" ({self.tr('not in force')})")
                + "</p>"
            )
            if status is not None:
                path = "\n".join(report.explain(rid, key, shown_language()))
                parts.append(f"<pre style='white-space:pre-wrap'>{html.escape(path)}</pre>")
        return "".join(parts)

    def _edge_html(self, link: OwnershipLink) -> str:
        report = self.report
        holder = _label(report, link.holder_key) if report else link.holder_key
        held = _label(report, link.held_key) if report else link.held_key
        rows = [
            (self.tr("Equity"), "—" if link.equity_pct is None else f"{link.equity_pct:g} %"),
            (self.tr("Votes"), "—" if link.voting_pct is None else f"{link.voting_pct:g} %"),
            (self.tr("Control"), link.control_type or "—"),
            (
                self.tr("Joint arrangement"),
                self.tr("yes") if link.joint_arrangement else self.tr("no"),
            ),
            (self.tr("As of"), link.as_of.isoformat() if link.as_of else "—"),
            (self.tr("Source"), link.source),
            (self.tr("Confidence"), link.confidence),
        ]
        body = "".join(
            f"<tr><td><b>{html.escape(a)}</b></td><td>{html.escape(str(b))}</td></tr>"
            for a, b in rows
        )
        return f"<h3>{html.escape(holder)} → {html.escape(held)}</h3><table>{body}</table>"

    # ----- editing ----------------------------------------------------------------------
    def _check(self, replacing_id: int | None):  # type: ignore[no-untyped-def]
        def check(edge: EdgeInput) -> tuple[list[str], list[str]]:
            with self._store.session() as session:
                case = session.get(Case, self.case_id)
                if case is None:
                    return [self.tr("the case no longer exists")], []
                replacing = next((x for x in case.ownership_links if x.id == replacing_id), None)
                return check_edge(case, edge, replacing)

        return check

    def add_edge_dialog(self) -> None:
        dialog = EdgeDialog(self.parties, self._check(None), parent=self)
        if dialog.exec() and dialog.result_edge is not None:
            self.save_edge(dialog.result_edge)

    def edit_edge_dialog(self) -> None:
        if not self.selected or self.selected[0] != "edge":
            return
        link = self.links[int(self.selected[1])]  # type: ignore[call-overload]
        current = EdgeInput(
            link.holder_key,
            link.held_key,
            link.equity_pct,
            link.voting_pct,
            link.control_type,
            link.joint_arrangement,
            link.as_of,
            link.source,
            link.confidence,
        )
        dialog = EdgeDialog(self.parties, self._check(link.id), current, parent=self)
        if dialog.exec() and dialog.result_edge is not None:
            self.save_edge(dialog.result_edge, link.id)

    def save_edge(self, edge: EdgeInput, link_id: int | None = None) -> list[str]:
        """Add (or change) an edge; returns warnings. Errors are shown, not raised."""
        assert self.case_id is not None
        try:
            case_id = self.case_id

            def save(session: Session) -> list[str]:
                if link_id is None:
                    return add_edge(session, case_id, edge)[1]
                return update_edge(session, case_id, link_id, edge)[1]

            warnings = self._store.write(save)
        except EdgeError as exc:
            QMessageBox.warning(self, self.tr("Edge not saved"), "\n".join(exc.problems))
            return []
        self.reload()
        self.case_changed.emit(self.case_id)
        return warnings

    def remove_selected_edge(self, confirm: bool = True) -> None:
        if not self.selected or self.selected[0] != "edge" or self.case_id is None:
            return
        link = self.links[int(self.selected[1])]  # type: ignore[call-overload]
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Remove edge"),
                self.tr("Remove %s → %s? The change is recorded in the case history.")
                % (link.holder_key, link.held_key),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        case_id, link_id = self.case_id, link.id
        self._store.write(lambda session: remove_edge(session, case_id, link_id))
        self.reload()
        self.case_changed.emit(self.case_id)

    def pull_links_dialog(self) -> None:
        if not self.selected or self.selected[0] != "node" or self.case_id is None:
            return
        key = str(self.selected[1])
        with self._store.session() as session:
            candidates = list_link_candidates(session, self.case_id, key)
        if not candidates:
            QMessageBox.information(
                self,
                self.tr("Links from lists"),
                self.tr(
                    "No ownership links: the party has no confirmed list entry, or the "
                    "lists record no links for it."
                ),
            )
            return
        dialog = ListLinksDialog(candidates, self)
        if dialog.exec() and dialog.chosen():
            case_id, chosen = self.case_id, dialog.chosen()
            self._store.write(lambda session: pull_list_links(session, case_id, key, chosen))
            self.reload()
            self.case_changed.emit(self.case_id)


def _label(report: OwnershipReport | None, key: str) -> str:
    if report is None or key not in report.graph.nodes:
        return key
    return report.graph.nodes[key].label


def _shares(values: dict[str, float]) -> str:
    shares = ", ".join(f"{k} {v:.2f} %" for k, v in values.items())
    return shares or QCoreApplication.translate("OwnershipTab", "none")

