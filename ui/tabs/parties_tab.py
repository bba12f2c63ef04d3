"""The Parties tab: everyone in the ownership graph, with the facts screening relies on.

Names in original script and romanised, type, role, countries, identifiers and the state
flags; sortable and searchable. Read-only here: parties change by re-importing the deal file,
so the audit trail shows exactly what changed and from which file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget
from sqlalchemy import select

from screener.models import Party
from screener.store import Store
from ui.row_table_model import RowTableModel

_Index = QModelIndex | QPersistentModelIndex


def _flags(party: Party) -> str:
    flags = []
    if party.is_government:
        flags.append(QCoreApplication.translate("PartiesTab", "government"))
    if party.is_state_owned:
        flags.append(
            QCoreApplication.translate("PartiesTab", "state-owned (%1, %2)")
            .replace("%1", party.state_country or "?")
            .replace("%2", party.state_level or "?")
        )
    if party.excepted_investor:
        flags.append(QCoreApplication.translate("PartiesTab", "excepted investor"))
    if party.type_a_investor:
        flags.append(QCoreApplication.translate("PartiesTab", "Type-A"))
    if party.listed_company:
        flags.append(QCoreApplication.translate("PartiesTab", "listed"))
    return ", ".join(flags)


# identifier types with a word of their own in Japanese; others are read as written (LEI)
TRANSLATED_IDENTIFIER_TYPES = frozenset(
    {
        QT_TRANSLATE_NOOP("PartyTerms", "JP corporate number"),
        QT_TRANSLATE_NOOP("PartyTerms", "company number"),
        QT_TRANSLATE_NOOP("PartyTerms", "passport"),
        QT_TRANSLATE_NOOP("PartyTerms", "registration"),
        QT_TRANSLATE_NOOP("PartyTerms", "tax id"),
        QT_TRANSLATE_NOOP("PartyTerms", "CN USCC"),
    }
)
_ACRONYMS = frozenset("lei uscc ein imo isin duns cik vat tin ogrn inn bic swift".split())
_COUNTRY_PREFIXES = frozenset("cn hk jp us uk gb eu sg ru kr au ca".split())


def identifier_type_label(code: str) -> str:
    """'cn_uscc' -> 'CN USCC', 'hk_company_no' -> 'HK company no': no snake_case on screen."""
    words = [
        w.upper() if w in _ACRONYMS or (i == 0 and w in _COUNTRY_PREFIXES) else w
        for i, w in enumerate(code.lower().split("_"))
    ]
    label = " ".join(words)
    return _term(label) if label in TRANSLATED_IDENTIFIER_TYPES else label


def _term(text: str) -> str:
    """A stored party type or role in the interface language (declared in ui/i18n.py)."""
    return QCoreApplication.translate("PartyTerms", text) if text else text


class PartyTableModel(RowTableModel):
    CONTEXT = "PartiesTab"
    HEADERS = (
        QT_TRANSLATE_NOOP("PartiesTab", "Key"),
        QT_TRANSLATE_NOOP("PartiesTab", "Name"),
        QT_TRANSLATE_NOOP("PartiesTab", "Original script"),
        QT_TRANSLATE_NOOP("PartiesTab", "Type"),
        QT_TRANSLATE_NOOP("PartiesTab", "Role"),
        QT_TRANSLATE_NOOP("PartiesTab", "Incorporated"),
        QT_TRANSLATE_NOOP("PartiesTab", "Head office"),
        QT_TRANSLATE_NOOP("PartiesTab", "Identifiers"),
        QT_TRANSLATE_NOOP("PartiesTab", "Flags"),
    )

    def load(self, parties: Iterable[Party]) -> None:
        super().load(
            [
                (
                    p.key,
                    p.name,
                    p.name_original or "",
                    _term(p.party_type),
                    _term(p.role),
                    p.country_incorporation or p.nationality or "",
                    p.country_headoffice or "",
                    "; ".join(
                        f"{identifier_type_label(k)}: {v}"
                        for k, v in sorted((p.identifiers or {}).items())
                        if v
                    ),
                    _flags(p),
                )
                for p in parties
            ]
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


class PartiesTab(QWidget):
    title = "Parties"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Parties")
        self._store = store
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Filter parties…"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = PartyTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(
            300
        )  # long names elide (full text in the tooltip): identifiers stay in view
        header.setStretchLastSection(True)
        header.setMaximumSectionSize(
            300
        )  # long names elide (tooltip has them); identifiers in view
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # deal-file order until asked
        layout.addWidget(self.table, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)

    @staticmethod
    def translated_header(text: str) -> str:
        return QCoreApplication.translate("PartiesTab", str(text))

    def show_case(self, case_id: str | None) -> None:
        parties: list[Party] = []
        if case_id is not None:
            with self._store.session() as session:
                parties = list(
                    session.execute(
                        select(Party).where(Party.case_id == case_id).order_by(Party.id)
                    ).scalars()
                )
        self.model.load(parties)
        self.count.setText(self.tr("%n party(ies)", "", len(parties)))
