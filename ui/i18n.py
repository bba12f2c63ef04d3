"""The interface language: English (the source) or Japanese, chosen in Tools > Language.

Every string in ui/ goes through Qt's translation system (`self.tr`, `QT_TRANSLATE_NOOP` +
`QCoreApplication.translate`); resources/i18n/screener_<code>.ts holds the translations and
scripts/update_translations.sh refreshes the .ts from the code and compiles the .qm that is
loaded here. The choice is stored in the user's QSettings and applies at the next start,
because widgets translate their text when they are built. `SCREENER_LANG` overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from screener.paths import resources_dir

LANGUAGES = {"en": "English", "ja": "日本語"}

# Labels other modules translate from a variable (`self.tr(label)`), which pyside6-lupdate
# cannot see; declaring them here, in the context where they are looked up, puts them in
# the .ts files.
DECLARED_ELSEWHERE = (
    QT_TRANSLATE_NOOP("CaseHeader", "Status"),
    QT_TRANSLATE_NOOP("CaseHeader", "Target"),
    QT_TRANSLATE_NOOP("CaseHeader", "Acquirer"),
    QT_TRANSLATE_NOOP("CaseHeader", "Jurisdictions"),
    QT_TRANSLATE_NOOP("CaseHeader", "Marking"),
    QT_TRANSLATE_NOOP("CaseHeader", "Next due"),
    QT_TRANSLATE_NOOP("CaseHeader", "New"),
    QT_TRANSLATE_NOOP("CaseHeader", "Screening"),
    QT_TRANSLATE_NOOP("CaseHeader", "In review"),
    QT_TRANSLATE_NOOP("CaseHeader", "Escalated"),
    QT_TRANSLATE_NOOP("CaseHeader", "Decided"),
    QT_TRANSLATE_NOOP("CaseListModel", "Case"),
    QT_TRANSLATE_NOOP("CaseListModel", "Title"),
    QT_TRANSLATE_NOOP("CaseListModel", "Status"),
    QT_TRANSLATE_NOOP("CaseListModel", "Jurisdictions"),
    QT_TRANSLATE_NOOP("CaseListModel", "Assignee"),
    QT_TRANSLATE_NOOP("CaseListModel", "Next due"),
    QT_TRANSLATE_NOOP("CaseListModel", "New"),
    QT_TRANSLATE_NOOP("CaseListModel", "Screening"),
    QT_TRANSLATE_NOOP("CaseListModel", "In review"),
    QT_TRANSLATE_NOOP("CaseListModel", "Escalated"),
    QT_TRANSLATE_NOOP("CaseListModel", "Decided"),
    QT_TRANSLATE_NOOP("MainWindow", "New"),
    QT_TRANSLATE_NOOP("MainWindow", "Screening"),
    QT_TRANSLATE_NOOP("MainWindow", "In review"),
    QT_TRANSLATE_NOOP("MainWindow", "Escalated"),
    QT_TRANSLATE_NOOP("MainWindow", "Decided"),
    QT_TRANSLATE_NOOP("SummaryTab", "CFIUS review period"),
    QT_TRANSLATE_NOOP("SummaryTab", "FEFTA prior-notification waiting period"),
    # screener.matching.match_fields.FieldRow labels (the Matches tab's comparison)
    QT_TRANSLATE_NOOP("MatchesTab", "Name"),
    QT_TRANSLATE_NOOP("MatchesTab", "Names compared"),
    QT_TRANSLATE_NOOP("MatchesTab", "Other names"),
    QT_TRANSLATE_NOOP("MatchesTab", "Type"),
    QT_TRANSLATE_NOOP("MatchesTab", "Countries"),
    QT_TRANSLATE_NOOP("MatchesTab", "Birth / incorporation"),
    QT_TRANSLATE_NOOP("MatchesTab", "Identifiers"),
    QT_TRANSLATE_NOOP("MatchesTab", "Role / list"),
    QT_TRANSLATE_NOOP("MatchesTab", "Programmes"),
    QT_TRANSLATE_NOOP("MatchesTab", "Addresses"),
    QT_TRANSLATE_NOOP("MatchesTab", "Listed on"),
    QT_TRANSLATE_NOOP("MatchesTab", "Listing ends"),
    QT_TRANSLATE_NOOP("MatchesTab", "State ownership"),
    QT_TRANSLATE_NOOP("MatchesTab", "Remarks / notes"),
    QT_TRANSLATE_NOOP("MatchesTab", "Entry key"),
    # screener.batch.side_by_side.ComparedField labels (a batch hit side by side)
    QT_TRANSLATE_NOOP("BatchHitDialog", "Name"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Matched name"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Other names"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Type"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Country"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Date"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Identifiers"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Source"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Programmes"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Addresses"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Listed on"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Listing ends"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Remarks"),
    QT_TRANSLATE_NOOP("BatchHitDialog", "Score"),
    # risk categories (screener.risk.packs.CATEGORIES, capitalised)
    QT_TRANSLATE_NOOP("RiskTab", "Gate"),
    QT_TRANSLATE_NOOP("RiskTab", "Threat"),
    QT_TRANSLATE_NOOP("RiskTab", "Vulnerability"),
    QT_TRANSLATE_NOOP("RiskTab", "Consequence"),
    # party types and roles as stored (screener.deals.fields), shown in the Parties tab and diagram
    QT_TRANSLATE_NOOP("PartyTerms", "company"),
    QT_TRANSLATE_NOOP("PartyTerms", "person"),
    QT_TRANSLATE_NOOP("PartyTerms", "government"),
    QT_TRANSLATE_NOOP("PartyTerms", "fund"),
    QT_TRANSLATE_NOOP("PartyTerms", "trust"),
    QT_TRANSLATE_NOOP("PartyTerms", "dispersed"),
    QT_TRANSLATE_NOOP("PartyTerms", "other"),
    QT_TRANSLATE_NOOP("PartyTerms", "target"),
    QT_TRANSLATE_NOOP("PartyTerms", "acquirer"),
    QT_TRANSLATE_NOOP("PartyTerms", "seller"),
    QT_TRANSLATE_NOOP("PartyTerms", "owner"),
    QT_TRANSLATE_NOOP("PartyTerms", "lender"),
    # deal-file import outcomes (screener.deals.importer)
    QT_TRANSLATE_NOOP("MainWindow", "created"),
    QT_TRANSLATE_NOOP("MainWindow", "updated"),
    QT_TRANSLATE_NOOP("MainWindow", "unchanged"),
)
SETTING_KEY = "ui/language"
SYSTEM = "system"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def settings() -> QSettings:
    return QSettings("Screener", "Screener")


def stored_choice() -> str:
    """'system', 'en' or 'ja' as the user chose it."""
    value = settings().value(SETTING_KEY, SYSTEM)
    return value if value in (SYSTEM, *LANGUAGES) else SYSTEM


def store_choice(choice: str) -> None:
    if choice not in (SYSTEM, *LANGUAGES):
        raise ValueError(f"Unknown language {choice!r}; expected one of {', '.join(LANGUAGES)}")
    settings().setValue(SETTING_KEY, choice)
    settings().sync()


def shown_language() -> str:
    """The language the window speaks now ('ja' once the Japanese translator is installed):
    for words kept outside Qt's translations (fact labels, match sentences)."""
    probe = QCoreApplication.translate("RiskTab", "Threat")
    return "ja" if probe != "Threat" else "en"


def effective_language() -> str:
    """The language to load now: SCREENER_LANG, else the stored choice, else the system's."""
    forced = os.environ.get("SCREENER_LANG", "").strip().lower()
    choice = forced or stored_choice()
    if choice == SYSTEM:
        choice = QLocale.system().name().split("_")[0]
    return choice if choice in LANGUAGES else "en"


def install_translators(app: QApplication, language: str | None = None) -> str:
    """Load our .qm and Qt's own (dialog buttons) for `language`; returns what is in effect."""
    language = language or effective_language()
    for old in getattr(app, "_screener_translators", []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    if language == "en":  # only the plural forms: "1 party", "17 parties"
        plurals = QTranslator(app)
        if plurals.load("screener_en", str(translations_dir())):
            app.installTranslator(plurals)
            installed.append(plurals)
    else:
        ours = QTranslator(app)
        if ours.load(f"screener_{language}", str(translations_dir())):
            app.installTranslator(ours)
            installed.append(ours)
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt_own)
            installed.append(qt_own)
    app._screener_translators = installed  # type: ignore[attr-defined]
    return language if installed or language == "en" else "en"
