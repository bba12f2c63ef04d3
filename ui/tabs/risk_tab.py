"""The Risk tab: the case's latest assessment and why each rule fired.

Shows the tier first (and whether a hard outcome set it), then what drove the score (threat,
vulnerability and consequence points as bars, ui/score_drivers.py), then the points and the
tier bands they are read against, the outcomes with the rules that produced them, and every hit with the facts its
condition read, its rationale and its legal source. "Assess" scores the case again with
the shipped packs on a worker thread; "Reproduce" re-evaluates the stored facts with the
stored packs and says whether the stored result still follows.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from screener.memo.labels import labels_for
from screener.models import Assessment as AssessmentRow
from screener.models import Case
from screener.risk.fact_labels import fact_label, fact_sentences, fact_value, with_party_names
from screener.risk.hit_text import hit_notes, hit_rationale, hit_title
from screener.risk.packs import PackError
from screener.risk.service import (
    AssessmentError,
    assess_case,
    latest_assessment,
    reproduce,
    stored_packs,
)
from screener.store import Store
from ui.i18n import shown_language
from ui.row_table_model import RowTableModel
from ui.score_drivers import ScoreDrivers
from ui.workers import Worker

TIER_COLOURS = {"Low": "#2e7d32", "Elevated": "#b54708", "High": "#b42318"}
# The tier names as the risk engine stores them, shown through self.tr(tier).
TIER_LABELS = (
    QT_TRANSLATE_NOOP("RiskTab", "Low"),
    QT_TRANSLATE_NOOP("RiskTab", "Elevated"),
    QT_TRANSLATE_NOOP("RiskTab", "High"),
)
_Index = QModelIndex | QPersistentModelIndex


class HitsModel(RowTableModel):
    """The rule hits of one stored assessment (dicts as stored in Assessment.hits)."""

    CONTEXT = "HitsModel"

    HEADERS = (
        QT_TRANSLATE_NOOP("HitsModel", "Rule"),
        QT_TRANSLATE_NOOP("HitsModel", "Category"),
        QT_TRANSLATE_NOOP("HitsModel", "Points"),
        QT_TRANSLATE_NOOP("HitsModel", "Outcomes"),
        QT_TRANSLATE_NOOP("HitsModel", "Title"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hard_outcomes: set[str] = set()

    def set_hits(self, hits: list[dict[str, Any]], hard_outcomes: set[str] | None = None) -> None:
        self.hard_outcomes = hard_outcomes or set()
        self.load(hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                hit["rule_id"],
                category_label(hit["category"]),
                f"{hit['points']:+g}" if hit["points"] or not hit["outcomes"] else "",
                ", ".join(outcome_label(o) for o in hit["outcomes"]),
                hit_title(hit, shown_language()),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            hard = any(o in self.hard_outcomes for o in hit["outcomes"])
            return QColor("#b42318" if hard else "#1b2a41")
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole title, however narrow the column
            return f"{hit_title(hit, shown_language())}\n{hit.get('source', '')}".strip()
        return None


# Labels translated inside f-strings, where pyside6-lupdate does not look.
FACTS = QT_TRANSLATE_NOOP("RiskTab", "Facts that made it fire")
WHY = QT_TRANSLATE_NOOP("RiskTab", "Why")
SOURCE = QT_TRANSLATE_NOOP("RiskTab", "Source")
POINTS = QT_TRANSLATE_NOOP("RiskTab", "%1 points")


def category_label(category: str) -> str:
    """A rule category as a word in the interface language ('Threat', '脅威'), never the
    stored lower-case code; the captions above the table are declared in ui/i18n.py."""
    return QCoreApplication.translate("RiskTab", category.capitalize())


def outcome_label(code: str) -> str:
    """'mandatory_cfius_declaration' as the memo prints it ('Mandatory CFIUS declaration',
    'CFIUSへの義務的申告'): the window and the printed memo use one wording."""
    return labels_for(shown_language()).get(f"v_{code}", code.replace("_", " "))


def fact_cell(path: str, value: Any, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A fact's value as HTML; a list of reasons one bullet a line, and parties by name, as
    the memo prints them."""
    value = with_party_names(path, value, names)
    sentences = fact_sentences(path, value, lang)
    if sentences:
        return "<br/>".join(f"• {html.escape(sentence)}" for sentence in sentences)
    return html.escape(fact_value(value, lang))


def hit_html(hit: dict[str, Any], names: Mapping[str, str] | None = None) -> str:
    """The explanation of one hit: facts read, notes, rationale, source; `names` gives the
    parties' names for their keys."""
    lang = shown_language()
    rows = "".join(
        f"<tr><td style='padding-right:12px'><a href='fact:{html.escape(path)}' "
        f"style='color:#5b6778;text-decoration:none'>{html.escape(fact_label(path, lang))}</a></td>"
        f"<td>{fact_cell(path, value, lang, names)}</td></tr>"
        for path, value in hit["facts"].items()
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in hit_notes(hit, lang))
    category = html.escape(category_label(hit["category"]))
    if hit["points"] or not hit["outcomes"]:
        headline = QCoreApplication.translate("RiskTab", "<b>%1</b> points (%2)").replace(
            "%1", f"{hit['points']:+g}"
        )
    else:
        headline = QCoreApplication.translate("RiskTab", "No points (%2)")
    headline = headline.replace("%2", category)
    if hit["outcomes"]:
        labels = ", ".join(outcome_label(o) for o in hit["outcomes"])
        headline += QCoreApplication.translate("RiskTab", " · outcomes: <b>%1</b>").replace(
            "%1", html.escape(labels)
        )
    return (
        f"<h3>{html.escape(hit['rule_id'])} · {html.escape(hit_title(hit, lang))}</h3>"
        f"<p>{headline}</p>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + f"<p><b>{QCoreApplication.translate('RiskTab', str(FACTS))}</b></p><table>{rows}</table>"
        f"<p><b>{QCoreApplication.translate('RiskTab', str(WHY))}</b><br>{html.escape(hit_rationale(hit, lang))}</p>"
        f"<p><b>{QCoreApplication.translate('RiskTab', str(SOURCE))}</b><br>{html.escape(hit.get('source', ''))}</p>"
    )


class FactBrowser(QTextBrowser):
    """The hit's explanation; hovering a fact's label shows its key (what the rule reads)."""

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            anchor = self.anchorAt(event.pos())
            if anchor.startswith("fact:"):
                QToolTip.showText(event.globalPos(), anchor.removeprefix("fact:"), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class RiskTab(QWidget):
    title = "Risk"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Risk")
        self._store = store
        self.case_id: str | None = None
        self.party_names: dict[str, str] = {}  # key -> name, for the facts the rules read
        self.assessment_id: int | None = None
        self.worker: Worker | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top())
        self.drivers = ScoreDrivers(self)
        self.category_labels = self.drivers.values
        layout.addWidget(self.drivers)
        self.points = QLabel(self)
        self.points.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.points)
        self.outcomes = QLabel(self)
        self.outcomes.setWordWrap(True)
        self.outcomes.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.outcomes)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = HitsModel(self)
        self.table = QTableView(splitter)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long title elides
        self.table.selectionModel().currentRowChanged.connect(self._show_hit)
        self.details = FactBrowser(splitter)
        self.details.setOpenLinks(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.show_case(None)

    def _build_top(self) -> QHBoxLayout:
        row = QHBoxLayout()
        text = QVBoxLayout()
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.meta = QLabel(self)
        self.meta.setStyleSheet("color:#5b6778")
        self.meta.setWordWrap(True)
        self.meta.setMinimumHeight(
            2 * self.meta.fontMetrics().lineSpacing() + 2
        )  # wraps: never cut
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.headline)
        text.addWidget(self.meta)
        row.addLayout(text, 1)
        self.reproduce_button = QPushButton(self.tr("Reproduce"), self)
        self.reproduce_button.setToolTip(
            self.tr("Re-evaluate the stored facts with the stored rule packs")
        )
        self.reproduce_button.clicked.connect(self.check_reproduction)
        self.assess_button = QPushButton(self.tr("Assess"), self)
        self.assess_button.setToolTip(self.tr("Score the case now with the current rule packs"))
        self.assess_button.clicked.connect(self.assess)
        row.addWidget(self.reproduce_button)
        row.addWidget(self.assess_button)
        return row

    # ----- loading --------------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        row = None
        self.party_names = {}
        if case_id is not None:
            with self._store.session() as session:
                row = latest_assessment(session, case_id)
                case = session.get(Case, case_id)
                self.party_names = case.party_names if case is not None else {}
        self._show_assessment(row)
        busy = self.worker is not None
        self.assess_button.setEnabled(case_id is not None and not busy)
        self.reproduce_button.setEnabled(row is not None and not busy)

    def _show_assessment(self, row: AssessmentRow | None) -> None:
        self.assessment_id = row.id if row else None
        hard = {o["outcome"] for o in row.outcomes if o["overrides_score"]} if row else set()
        hard_labels = sorted(  # in the interface language, as the table and the memo say them
            outcome_label(o["outcome"])
            for o in (row.outcomes if row else ())
            if o["overrides_score"]
        )
        self.model.set_hits(row.hits if row else [], hard)
        self.details.clear()
        if row is None:
            message = (
                self.tr("Not assessed yet. Press Assess to score this case.")
                if self.case_id
                else ""
            )
            self.headline.setText(f"<span style='font-size:15px'>{html.escape(message)}</span>")
            self.meta.setText("")
            self.outcomes.setText("")
            self.points.setText("")
            self.drivers.show_scores(None)
            return
        colour = TIER_COLOURS.get(row.tier, "#1b2a41")
        reason = (
            self.tr("set by an outcome the score cannot outweigh: %1").replace(
                "%1", ", ".join(hard_labels)
            )
            if hard_labels
            else self.tr("from the score")
        )
        self.headline.setText(
            f"<span style='font-size:18px;background:{colour};color:white;"
            f"font-weight:600'>&nbsp;{html.escape(self.tr(row.tier))}&nbsp;</span>"
            f"&nbsp;&nbsp;<span style='color:#344054'>{html.escape(reason)}</span>"
        )
        self.drivers.show_scores(row.category_scores)
        self.points.setText(self._points_text(row))
        packs = ", ".join(f"{p['id']} {p['version']}" for p in row.packs)
        self.meta.setText(
            self.tr("Assessment %s · %s by %s · packs %s · hash %s · as of %s")
            % (
                row.id,
                row.created_at.strftime("%Y-%m-%d %H:%M"),
                row.created_by or "?",
                packs,
                row.pack_hash[:12],
                row.facts.get("as_of", "?"),
            )  # fmt: skip
        )
        self.outcomes.setText(_outcomes_html(row.outcomes))
        if row.hits:
            self.table.selectRow(0)

    def _points_text(self, row: AssessmentRow) -> str:
        """The points second: the total, then the bands of the packs it was read against."""
        points = self.tr("%1 points").replace("%1", f"{row.total_score:g}")
        try:
            packs = stored_packs(row)
        except (AssessmentError, PackError):  # unreadable stored packs: the points alone
            packs = ()
        bands = list(
            dict.fromkeys(
                (band.name, band.min_score)
                for pack in packs
                for band in pack.tiers
                if band.min_score
            )
        )
        if not bands:
            return f"<b>{html.escape(points)}</b>"
        read = ", ".join(
            self.tr("%1 from %2").replace("%1", self.tr(name)).replace("%2", f"{low:g}")
            for name, low in bands
        )
        bands_text = self.tr("tiers: %1").replace("%1", read)
        return (
            f"<b>{html.escape(points)}</b> <span style='color:#5b6778'>· "
            f"{html.escape(bands_text)}</span>"
        )

    def _show_hit(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.model.rows):
            self.details.setHtml(hit_html(self.model.rows[current.row()], self.party_names))

    # ----- actions --------------------------------------------------------------------------
    def assess(self) -> None:
        case_id, store = self.case_id, self._store
        if case_id is None or self.worker is not None:
            return
        self.assess_button.setEnabled(False)
        self.reproduce_button.setEnabled(False)
        self.worker = Worker(lambda _progress, _cancelled: assess_case(store, case_id))
        self.worker.signals.finished.connect(self._assessed)
        self.worker.signals.failed.connect(self._failed)
        self.worker.start()

    def _assessed(self, _result: object) -> None:
        self.worker = None
        self.show_case(self.case_id)

    def _failed(self, message: str, _trace: str) -> None:
        self.worker = None
        self.show_case(self.case_id)
        QMessageBox.warning(self, self.tr("Assessment failed"), message)

    def check_reproduction(self) -> None:
        if self.assessment_id is None:
            return
        outcome = reproduce(self._store, self.assessment_id)
        if outcome.reproduced:
            QMessageBox.information(
                self,
                self.tr("Reproduced"),
                self.tr("The stored facts and rule packs give the same result: %s points, %s.")
                % (f"{outcome.result.total:g}", outcome.result.tier),
            )
        else:
            QMessageBox.warning(self, self.tr("Not reproduced"), "\n".join(outcome.differences))


def _outcomes_html(outcomes: list[dict[str, Any]]) -> str:
    if not outcomes:
        note = QCoreApplication.translate("RiskTab", "No outcomes: the tier follows the score.")
        return f"<span style='color:#5b6778'>{note}</span>"
    parts = []
    for outcome in outcomes:
        colour = "#b42318" if outcome["overrides_score"] else "#1b2a41"
        rules = ", ".join(outcome["rule_ids"])
        parts.append(
            f"<span style='color:{colour};font-weight:600'>"
            f"{html.escape(outcome_label(outcome['outcome']))}</span>"
            f" <span style='color:#5b6778'>({html.escape(rules)})</span>"
        )
    note = (
        QCoreApplication.translate("RiskTab", " — outcomes in red override the score")
        if any(o["overrides_score"] for o in outcomes)
        else ""
    )
    return (
        QCoreApplication.translate("RiskTab", "Outcomes: ")
        + " · ".join(parts)
        + f"<span style='color:#5b6778'>{note}</span>"
    )
