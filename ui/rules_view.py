"""The Rules view: read, question and change the rule packs, and see what a change would do.

Saving activates the pack for the office (the database) and keeps the text as the reviewer's
own copy in their data directory (`screener.risk.pack_files`): the shipped pack, in an install
directory that may be read-only, is never written. The line under the status says which text
is shown: the office's activation, the reviewer's copy, or the pack as shipped.

Left: the packs and the rules of the selected pack, with weight and enabled editable in
the table. Right: the pack's YAML in an editor that validates as you type (debounced) and
marks every line with a problem; below it, "What-if" re-scores the open case with the edited
packs against the saved ones without saving anything, and shows what changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontDatabase,
    QKeySequence,
    QPainter,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from screener.models import RulePackActivation
from screener.risk.activation import activate, latest_activations
from screener.risk.facts import fact_catalogue
from screener.risk.pack_edit import set_rule_field
from screener.risk.pack_files import PackFile, pack_file, save_user_copy
from screener.risk.packs import (
    Issue,
    PackError,
    RulePack,
    check_combination,
    parse_pack,
    shipped_pack_paths,
)
from screener.risk.service import facts_for_case
from screener.risk.whatif import WhatIf, what_if
from screener.store import Store
from ui.i18n import shown_language
from ui.role_gate import gate_rules_window
from ui.screen_fit import resize_to_fit
from ui.tabs.risk_tab import category_label, outcome_label
from ui.workflow_action import run_change

VALIDATE_DELAY_MS = 400
ERROR_BACKGROUND = QColor("#fde2e1")
_Index = QModelIndex | QPersistentModelIndex


class RulesModel(QAbstractTableModel):
    """The rules of one pack; weight and enabled are editable and reported by `edited`."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RulesModel", "Rule"),
        QT_TRANSLATE_NOOP("RulesModel", "Category"),
        QT_TRANSLATE_NOOP("RulesModel", "Score"),
        QT_TRANSLATE_NOOP("RulesModel", "Weight"),
        QT_TRANSLATE_NOOP("RulesModel", "Enabled"),
        QT_TRANSLATE_NOOP("RulesModel", "Title"),
    )
    WEIGHT, ENABLED = 3, 4
    edited = Signal(str, str, object)  # rule id, field name, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules: list[Any] = []

    def set_pack(self, pack: RulePack | None) -> None:
        self.beginResetModel()
        self.rules = list(pack.rules) if pack else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(str(self.HEADERS[section]))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.WEIGHT:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == self.ENABLED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule, column = self.rules[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ENABLED:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            outcome = ", ".join(outcome_label(o) for o in rule.outcomes)
            score = f"{rule.score:+g}" if rule.score else outcome
            title = rule.title_in(shown_language())
            category = category_label(rule.category)
            return (rule.id, category, score, f"{rule.weight:g}", "", title)[column]
        if role == Qt.ItemDataRole.EditRole and column == self.WEIGHT:
            return rule.weight
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{rule.title_in(shown_language())}\n\n{rule.when.text}\n\n{rule.source}"
        if role == Qt.ItemDataRole.ForegroundRole and not rule.enabled:
            return QColor("#98a2b3")
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        rule = self.rules[index.row()]
        if index.column() == self.WEIGHT and role == Qt.ItemDataRole.EditRole:
            try:
                weight = float(value)
            except (TypeError, ValueError):
                return False
            if weight < 0:
                return False
            self.edited.emit(rule.id, "weight", weight)
            return True
        if index.column() == self.ENABLED and role == Qt.ItemDataRole.CheckStateRole:
            self.edited.emit(rule.id, "enabled", Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        return False


class _LineNumbers(QWidget):
    def __init__(self, editor: YamlEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: Any) -> None:
        self.editor.paint_gutter(event)


class YamlEditor(QPlainTextEdit):
    """A monospaced editor with line numbers and problem lines marked in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.error_lines: set[int] = set()
        self.gutter = _LineNumbers(self)
        self.blockCountChanged.connect(lambda _count: self._update_margin())
        self.updateRequest.connect(self._scroll_gutter)
        self._update_margin()

    def gutter_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: Any) -> None:
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), QColor("#f2f4f7"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            number = block.blockNumber() + 1
            painter.setPen(QColor("#b42318") if number in self.error_lines else QColor("#98a2b3"))
            painter.drawText(
                0, top, self.gutter.width() - 5, height, Qt.AlignmentFlag.AlignRight, str(number)
            )
            block = block.next()
            top += round(self.blockBoundingRect(block).height()) if block.isValid() else height
        painter.end()

    def mark_lines(self, lines: set[int]) -> None:
        self.error_lines = lines
        selections = []
        for line in sorted(lines):
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(ERROR_BACKGROUND)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.setExtraSelections(selections)
        self.gutter.update()

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(line - 1, 0))
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()
        self.setFocus()


class RulesView(QWidget):
    """Packs, rules, the YAML editor, and what-if on the open case."""

    saved = Signal(str)  # pack id

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        open_case: Callable[[], str | None] = lambda: None,
        paths: tuple[Path, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._open_case = open_case
        self.paths = paths or shipped_pack_paths()  # the shipped files, never written
        self.files: dict[str, PackFile] = {str(path): pack_file(path) for path in self.paths}
        with store.session() as session:
            self.activated_by = {
                pack_id: (row.activated_by, row.activated_at)
                for pack_id, row in latest_activations(session).items()
            }
        self.saved_texts = _active_texts(store, self.files)
        self.texts = dict(self.saved_texts)
        self.valid: dict[str, RulePack] = {}
        self.issues: dict[str, list[Issue]] = {}
        self.current: str = str(self.paths[0])
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        self._build()
        for path in self.saved_texts:
            self._validate(path)
        self.pack_list.setCurrentRow(0)

    # ----- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Rule packs")))
        self.pack_list = QListWidget(left)
        for path in self.paths:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.pack_list.addItem(item)
        self.pack_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pack_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pack_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fit_pack_list()
        self.pack_list.currentItemChanged.connect(self._pack_selected)
        left_layout.addWidget(self.pack_list)
        left_layout.addWidget(QLabel(self.tr("Rules (weight and enabled are editable)")))
        self.rules_model = RulesModel(self)
        self.rules_model.edited.connect(self.edit_rule)
        self.rules_table = QTableView(left)
        self.rules_table.setModel(self.rules_model)
        self.rules_table.verticalHeader().setVisible(False)
        self.rules_table.setWordWrap(False)
        self.rules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.rules_table.horizontalHeader().setStretchLastSection(True)
        self.rules_table.doubleClicked.connect(self._rule_activated)
        left_layout.addWidget(self.rules_table, 1)
        splitter.addWidget(left)
        splitter.addWidget(self._build_right(splitter))
        splitter.setSizes([520, 680])

    def _build_right(self, parent: QWidget) -> QWidget:
        right = QWidget(parent)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(right)
        layout.addWidget(self.status)
        self.source = QLabel(right)
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setStyleSheet("color:#5b6778")
        layout.addWidget(self.source)
        vertical = QSplitter(Qt.Orientation.Vertical, right)
        self.editor = YamlEditor(vertical)
        self.editor.textChanged.connect(self._text_changed)
        self.panels = QTabWidget(vertical)
        self.problems = QListWidget(self.panels)
        self.problems.itemActivated.connect(self._problem_activated)
        self.problems.itemClicked.connect(self._problem_activated)
        self.whatif_view = QTextBrowser(self.panels)
        self.whatif_view.setPlaceholderText(
            self.tr("Press “What-if on open case” to re-score the case with the edited rules.")
        )
        self.facts_view = QTextBrowser(self.panels)
        self.panels.addTab(self.problems, self.tr("Problems"))
        self.panels.addTab(self.whatif_view, self.tr("What-if"))
        self.panels.addTab(self.facts_view, self.tr("Facts you can use"))
        vertical.setSizes([470, 230])
        layout.addWidget(vertical, 1)
        row = QHBoxLayout()
        self.whatif_button = QPushButton(self.tr("What-if on open case"), right)
        self.whatif_button.setToolTip(
            self.tr("Re-score the open case with the edited rules, without saving")
        )
        self.whatif_button.clicked.connect(self.run_what_if)
        self.revert_button = QPushButton(self.tr("Revert"), right)
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"), right)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.whatif_button)
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        return right

    # ----- selection and editing ------------------------------------------------------------
    def _pack_selected(
        self, item: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if item is None:
            return
        self.validate_now()
        self.current = str(item.data(Qt.ItemDataRole.UserRole))
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.texts[self.current])
        self.editor.blockSignals(False)
        self._show_state()

    def _text_changed(self) -> None:
        self.texts[self.current] = self.editor.toPlainText()
        self._timer.start()
        self._update_buttons()

    def validate_now(self) -> None:
        """Validate the open pack at once (the debounce timer calls this after typing)."""
        self._timer.stop()
        self._validate(self.current)
        self._show_state()

    def _validate(self, path: str) -> None:
        try:
            self.valid[path] = parse_pack(self.texts[path], path)
            self.issues[path] = []
        except PackError as exc:
            self.valid.pop(path, None)
            self.issues[path] = exc.issues

    def _show_state(self) -> None:
        issues = self.issues.get(self.current, [])
        pack = self.valid.get(self.current)
        self.editor.mark_lines({i.line for i in issues if i.line})
        had_problems = self.problems.count() > 0
        self.problems.clear()
        for issue in issues:
            item = QListWidgetItem(problem_text(issue))
            item.setData(Qt.ItemDataRole.UserRole, issue.line or 0)
            item.setForeground(QColor("#b42318"))
            self.problems.addItem(item)
        self._label_packs()
        self.panels.setTabText(
            0, self.tr("Problems (%d)") % len(issues) if issues else self.tr("Problems")
        )
        if issues and not had_problems:
            self.panels.setCurrentWidget(self.problems)
        self.facts_view.setHtml(facts_html(pack))
        self.source.setText(self._source_text(pack))
        if pack is not None:
            self.rules_model.set_pack(pack)
            self.status.setText(
                self.tr("<b>%s</b> %s · %s · %d rules · valid")
                % (
                    html.escape(pack.id),
                    html.escape(pack.version),
                    html.escape(pack.jurisdiction),
                    len(pack.rules),
                )
            )
        else:
            self.status.setText(
                "<span style='color:#b42318'>"
                + self.tr("%n problem(s): fix them to use this pack", "", len(issues))
                + "</span>"
            )
        self._update_buttons()

    def _source_text(self, pack: RulePack | None) -> str:
        """Which text the editor holds: the office's activation, the user's copy, or shipped."""
        file = self.files[self.current]
        activation = self.activated_by.get(pack.id) if pack is not None else None
        if activation is not None:
            who, when = activation
            text = (
                self.tr("The office's active version, activated by %1 on %2 UTC.")
                .replace("%1", who)
                .replace("%2", f"{when:%Y-%m-%d %H:%M}")
            )
            if file.is_user_copy:
                text += " " + self.tr("Your copy: %1.").replace("%1", str(file.user_copy))
            return text
        if file.is_user_copy:
            return self.tr("Your copy: %1 (the shipped pack is unchanged).").replace(
                "%1", str(file.user_copy)
            )
        return self.tr("As shipped: %1. Save keeps your edits in your own copy.").replace(
            "%1", str(file.shipped)
        )

    def _label_packs(self) -> None:
        for row in range(self.pack_list.count()):
            item = self.pack_list.item(row)
            path = str(item.data(Qt.ItemDataRole.UserRole))
            pack = self.valid.get(path)
            name = Path(path).name
            if self.files[path].is_user_copy:
                name += "  ·  " + self.tr("your copy")
            title = pack.title_in(shown_language()) if pack else self.tr("(has problems)")
            item.setText(f"{name}  ·  {title}")
            item.setToolTip(str(self.files[path].in_use))
        self._fit_pack_list()

    def _fit_pack_list(self) -> None:
        """Every pack on show, no scroll bar: the list is as tall as its rows, measured with
        their labels (a Japanese title sets a taller row than the file name alone)."""
        rows = sum(self.pack_list.sizeHintForRow(row) for row in range(self.pack_list.count()))
        self.pack_list.setFixedHeight(rows + 2 * self.pack_list.frameWidth() + 4)

    def _update_buttons(self) -> None:
        modified = self.texts[self.current] != self.saved_texts[self.current]
        self.save_button.setEnabled(
            modified and self.current in self.valid and not self._timer.isActive()
        )
        self.revert_button.setEnabled(modified)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        line = int(item.data(Qt.ItemDataRole.UserRole) or 0)
        if line:
            self.editor.go_to_line(line)

    def _rule_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() not in (RulesModel.WEIGHT, RulesModel.ENABLED):
            self.editor.go_to_line(self.rules_model.rules[index.row()].line)

    def edit_rule(self, rule_id: str, name: str, value: object) -> None:
        """Weight or enabled changed in the table: change that one line of the YAML."""
        pack = self.valid.get(self.current)
        if pack is None:
            return
        text = set_rule_field(self.texts[self.current], pack, rule_id, name, value)  # type: ignore[arg-type]
        self.editor.setPlainText(text)
        self.validate_now()

    def revert(self) -> None:
        self.editor.setPlainText(self.saved_texts[self.current])
        self.validate_now()

    # ----- what-if and save -----------------------------------------------------------------
    def _packs(self, texts: dict[str, str]) -> tuple[RulePack, ...]:
        packs = tuple(parse_pack(texts[str(path)], str(path)) for path in self.paths)
        check_combination(packs)
        return packs

    def run_what_if(self) -> WhatIf | None:
        """Re-score the open case with edited vs saved packs; nothing is stored."""
        self.validate_now()
        case_id = self._open_case()
        self.panels.setCurrentWidget(self.whatif_view)
        if case_id is None:
            self.whatif_view.setHtml(self.tr("Open a case in the main window first."))
            return None
        try:
            edited = self._packs(self.texts)
            saved = self._packs(self.saved_texts)
        except PackError as exc:
            self.whatif_view.setHtml(
                "<p style='color:#b42318'>" + html.escape(self.tr("The edited rules have problems:")) + "</p><pre>"
                + html.escape(str(exc)) + "</pre>"
            )  # fmt: skip
            return None
        with self._store.session() as session:
            facts = facts_for_case(session, case_id)
        result = what_if(facts, saved, edited)
        self.whatif_view.setHtml(whatif_html(case_id, result))
        self.panels.setCurrentWidget(self.whatif_view)
        return result

    def save(self) -> None:
        self.validate_now()
        pack = self.valid.get(self.current)
        if pack is None:
            return
        try:
            self._packs(self.texts)
        except PackError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        # The office's active pack is the database's (the server lets only rules admins
        # change it); the reviewer's own copy, in their data directory, is written once that
        # is done. The shipped file is never written: its directory may be read-only.
        stamp = run_change(self, self._store, lambda session: _stamp(activate(session, pack)))
        if stamp is None:
            return
        self.activated_by[pack.id] = stamp
        self.saved_texts[self.current] = self.texts[self.current]
        file = self.files[self.current]
        try:
            save_user_copy(file, self.texts[self.current])
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("Cannot write %s: %s") % (file.user_copy, exc),
            )
        self._label_packs()
        self.source.setText(self._source_text(pack))
        self._update_buttons()
        self.saved.emit(pack.id)


def _stamp(row: RulePackActivation) -> tuple[str, datetime]:
    return row.activated_by, row.activated_at


def _active_texts(store: Store, files: dict[str, PackFile]) -> dict[str, str]:
    """Each pack's text (the user's copy, else shipped), or the office's active version of
    the pack when one was activated."""
    with store.session() as session:
        latest = latest_activations(session)
    texts = {}
    for key, file in files.items():
        text = file.in_use.read_text(encoding="utf-8")
        try:
            pack_id = parse_pack(text, str(file.in_use)).id
        except PackError:
            pack_id = ""
        texts[key] = latest[pack_id].text if pack_id in latest else text
    return texts


def _tier(name: str) -> str:
    """A tier as the Risk tab says it ('High', '高')."""
    return QCoreApplication.translate("RiskTab", name)


def facts_html(pack: RulePack | None) -> str:
    """The fact paths and this pack's parameters, for writing conditions."""
    rows = "".join(
        f"<tr><td><code>{html.escape(path)}</code></td><td style='color:#5b6778'>{html.escape(kind)}</td></tr>"
        for path, kind in fact_catalogue()
    )
    params = ""
    if pack is not None and pack.parameters.values:
        params = "".join(
            f"<tr><td><code>params.{html.escape(name)}</code></td><td style='color:#5b6778'>"
            f"{html.escape(str(list(value) if isinstance(value, tuple) else value))}</td></tr>"
            for name, value in pack.parameters.values.items()
        )
        heading = html.escape(QCoreApplication.translate("RulesView", "This pack's parameters"))
        params = f"<p><b>{heading}</b></p><table>{params}</table>"
    syntax = QCoreApplication.translate(
        "RulesView",
        "Conditions use rule-engine syntax: %1, comparisons, %2, %3, %4. Function calls and %5 "
        "builtins are refused.",
    )
    for number, code in enumerate(
        ("and, or, not, in", ".length", ".to_set", "[x for x in list if ...]", "$"), start=1
    ):
        syntax = syntax.replace(f"%{number}", f"<code>{html.escape(code)}</code>")
    facts = html.escape(QCoreApplication.translate("RulesView", "Facts"))
    return f"<p>{syntax}</p>{params}<p><b>{facts}</b></p><table>{rows}</table>"


def problem_text(issue: Issue) -> str:
    """'Line 190 · rule V2 · when: unknown field ...' (the file is the one being edited)."""
    where = (
        QCoreApplication.translate("RulesView", "Line %1").replace("%1", str(issue.line))
        if issue.line
        else QCoreApplication.translate("RulesView", "File")
    )
    parts = [where]
    if issue.rule_id:
        parts.append(
            QCoreApplication.translate("RulesView", "rule %1").replace("%1", issue.rule_id)
        )
    if issue.field:
        parts.append(issue.field)
    return " · ".join(parts) + f": {issue.message}"


def whatif_html(case_id: str, result: WhatIf) -> str:
    before, after = result.before, result.after
    case = f"<b>{html.escape(case_id)}</b>"
    if not result.changed:
        return "<p>" + (
            QCoreApplication.translate("RulesView", "%1: no change — %2 points, %3.")
            .replace("%1", case).replace("%2", f"{after.total:g}")
            .replace("%3", html.escape(_tier(after.tier)))
        ) + "</p>"  # fmt: skip
    arrow = "&nbsp;→&nbsp;"
    lines = [
        "<p>"
        + QCoreApplication.translate("RulesView", "%1: %2 points (%3); tier %4")
        .replace("%1", case)
        .replace("%2", f"{before.total:g}{arrow}<b>{after.total:g}</b>")
        .replace("%3", f"{result.total_delta:+g}")
        .replace(
            "%4", f"{html.escape(_tier(before.tier))}{arrow}<b>{html.escape(_tier(after.tier))}</b>"
        )
        + "</p><ul>"
    ]
    if result.newly_firing:
        said = QCoreApplication.translate("RulesView", "Now firing: %1")
        lines.append(
            f"<li>{said.replace('%1', '<b>' + ', '.join(result.newly_firing) + '</b>')}</li>"
        )
    if result.no_longer_firing:
        said = QCoreApplication.translate("RulesView", "No longer firing: %1")
        lines.append(
            f"<li>{said.replace('%1', '<b>' + ', '.join(result.no_longer_firing) + '</b>')}</li>"
        )
    for change in result.points_changed:
        said = QCoreApplication.translate("RulesView", "%1: %2 points")
        lines.append(
            "<li>"
            + said.replace("%1", change.rule_id).replace(
                "%2", f"{change.before:+g}{arrow}{change.after:+g}"
            )
            + "</li>"
        )
    if result.outcomes_added:
        said = QCoreApplication.translate("RulesView", "New outcomes: %1")
        added = ", ".join(outcome_label(o) for o in result.outcomes_added)
        lines.append(f"<li style='color:#b42318'>{said.replace('%1', html.escape(added))}</li>")
    if result.outcomes_removed:
        said = QCoreApplication.translate("RulesView", "Outcomes removed: %1")
        removed = ", ".join(outcome_label(o) for o in result.outcomes_removed)
        lines.append(f"<li>{said.replace('%1', html.escape(removed))}</li>")
    nothing = QCoreApplication.translate("RulesView", "Nothing was saved.")
    lines.append(f"</ul><p style='color:#5b6778'>{html.escape(nothing)}</p>")
    return "".join(lines)


class RulesWindow(QMainWindow):
    def __init__(
        self, store: Store, open_case: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rule packs"))
        self.view = RulesView(store, self, open_case=open_case)
        self.setCentralWidget(self.view)
        resize_to_fit(self, 1250, 780)


def install_rules_actions(window: Any) -> None:
    """Add "Rule packs…" to the main window's Rules menu."""
    action = QAction(QCoreApplication.translate("MainWindow", "Rule &packs…"), window)

    def open_view() -> None:
        if getattr(window, "rules_window", None) is None:
            window.rules_window = RulesWindow(window.store, window.current_case_id, window)
            gate_rules_window(getattr(window, "role_gate", None), window.rules_window)
        window.rules_window.show()
        window.rules_window.raise_()

    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    action.triggered.connect(open_view)
    window.rules_menu.addAction(action)
