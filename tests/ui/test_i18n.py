"""Japanese translation: the shipped .ts is complete, the .qm loads, the window speaks Japanese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import REPO
from ui import i18n

TS = REPO / "resources" / "i18n" / "screener_ja.ts"
# The main screens, by translation context: the main window and case list, the case view's
# tabs (summary, parties, ownership, matches, risk, notes, history), adjudication and sign-off,
# the dashboard, the memo preview, the Lists window and its column mapping, the rule packs,
# list search and batch screening. Every context in the .ts must be listed here, so a new
# screen cannot slip in untranslated: add its context and translate it.
MAIN_SCREENS = {
    "AdjudicationPanel",
    "BatchColumnMappingDialog",
    "BatchHitDialog",
    "BatchResultsModel",
    "BatchScreenWindow",
    "CaseHeader",
    "CaseListModel",
    "ColumnMappingDialog",
    "Dashboard",
    "DatabaseFailure",
    "DeadlineTimeline",
    "DealImport",
    "Desktop",
    "DeltaModel",
    "DemoCompletion",
    "EdgeDialog",
    "EntriesModel",
    "HistoryTab",
    "HitsModel",
    "IssuesDialog",
    "Legend",
    "ListLabels",
    "ListLinksDialog",
    "ListsWindow",
    "MainWindow",
    "ObligationText",
    "MatchesTab",
    "MemoActions",
    "MemoPreviewDialog",
    "NotesTab",
    "OwnershipScene",
    "OwnershipTab",
    "PartiesTab",
    "PartyTerms",
    "ReasonDialog",
    "ReviewActions",
    "RoleGate",
    "SignIn",
    "RiskTab",
    "RulesModel",
    "RulesView",
    "RulesWindow",
    "SearchDialog",
    "ScoreHistogram",
    "ScreenerErrors",
    "SearchPanel",
    "SignOffDialog",
    "SummaryTab",
    "UnlinkButton",
    "VersionsModel",
    "VersionsTimeline",
    "Workflow",
}
# Labels the code translates from a variable or inside an f-string; lupdate cannot see those
# calls, so each needs a QT_TRANSLATE_NOOP where it is defined (or in ui/i18n.py).
LOOKED_UP_FROM_VARIABLES = [
    ("MainWindow", "&Lists…", "リスト(&L)…"),
    ("MainWindow", "&Import deal file…", "取引ファイルを取り込む(&I)…"),
    ("MainWindow", "updated", "更新"),
    ("MatchesTab", "Names compared", "照合した名称"),
    ("BatchHitDialog", "Matched name", "一致した名称"),
    ("BatchResultsModel", "Name screened", "照合した名称"),
    ("BatchScreenWindow", "All sources", "すべての出典"),
    ("HitsModel", "Outcomes", "判定結果"),
    ("RulesModel", "Weight", "重み"),
    ("RiskTab", "High", "高"),
    ("RiskTab", "Vulnerability", "脆弱性"),
    ("Legend", "Foreign-adversary jurisdiction", "敵対的外国の管轄"),
    ("OwnershipTab", "Ultimate owners", "最終所有者"),
    ("NotesTab", "No notes yet.", "メモはまだありません。"),
    ("PartyTerms", "acquirer", "取得者"),
    ("IssuesDialog", "Severity", "重大度"),
    ("ListLinksDialog", "Counterparty", "相手方"),
    ("EdgeDialog", "verified", "確認済み"),
    ("VersionsModel", "✓ active", "✓ 使用中"),
]


class MissLog(QTranslator):
    """Wraps the Japanese translator and records every lookup in our contexts that it misses."""

    def __init__(self, real: QTranslator) -> None:
        super().__init__()
        self.real = real
        self.misses: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def,override]
        found = self.real.translate(context, source, disambiguation, n)
        if not found and context in MAIN_SCREENS and source.strip():
            self.misses.add((context, source))
        return found or None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


@pytest.fixture
def japanese(qapp: QApplication):  # type: ignore[no-untyped-def]
    assert i18n.install_translators(qapp, "ja") == "ja"
    yield qapp
    i18n.install_translators(qapp, "en")


def test_every_context_in_the_translation_is_a_known_screen() -> None:
    contexts = {c.findtext("name") for c in ElementTree.parse(TS).getroot().iter("context")}
    assert contexts - MAIN_SCREENS == set(), "a new screen: add its context to MAIN_SCREENS"


def test_every_message_of_the_main_screens_is_translated() -> None:
    """Nothing unfinished, vanished or empty (scripts/update_translations.sh refreshes the .ts)."""
    root = ElementTree.parse(TS).getroot()
    untranslated = [
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        if context.findtext("name") in MAIN_SCREENS
        for message in context.iter("message")
        if (message.find("translation") is None)
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not "".join(message.find("translation").itertext()).strip()  # type: ignore[union-attr]
    ]
    assert untranslated == []


def test_the_main_screens_have_no_string_missing_from_the_japanese_file(tmp_path: Path) -> None:
    """Running lupdate on today's code adds nothing to the main screens' contexts."""
    # PySide6-Essentials installs lupdate beside the interpreter of the environment under test.
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    assert lupdate.exists(), f"{lupdate} is missing: PySide6-Essentials ships it"
    copy = tmp_path / "check_ja.ts"
    copy.write_bytes(TS.read_bytes())
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    subprocess.run(
        [str(lupdate), "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
        check=True,
        cwd=REPO,
    )
    unfinished = [
        (context.findtext("name"), m.findtext("source"))
        for context in ElementTree.parse(copy).getroot().iter("context")
        if context.findtext("name") in MAIN_SCREENS
        for m in context.iter("message")
        if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == [], "run scripts/update_translations.sh and translate these"


def test_the_compiled_translation_loads_and_translates(japanese: QApplication) -> None:
    assert QCoreApplication.translate("SummaryTab", "Summary") == "概要"
    assert QCoreApplication.translate("Workflow", "Recommend block") == "阻止を勧告"
    assert QCoreApplication.translate("MainWindow", "&File") == "ファイル(&F)"


def test_the_main_window_is_japanese(qtbot, japanese: QApplication, store) -> None:  # type: ignore[no-untyped-def]
    from ui.app import build_window

    window = build_window(store)
    qtbot.addWidget(window)
    titles = [window.case_view.tabs.tabText(i) for i in range(window.case_view.tabs.count())]
    assert "概要" in titles and "履歴" in titles
    assert window.file_menu.title() == "ファイル(&F)"
    assert window.verify_audit_action.text() == "監査証跡を検証(&V)"


def test_the_ownership_tab_names_the_regimes_in_japanese(qtbot, japanese: QApplication, store) -> None:  # type: ignore[no-untyped-def]
    """Their titles come from ownership-regimes.yaml (`title_ja`), not from the .qm."""
    from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
    from ui.tabs.ownership_tab import OwnershipTab

    ensure_demo_case(store)
    tab = OwnershipTab(store)
    qtbot.addWidget(tab)
    tab.show_case(DEMO_CASE_ID)
    text = tab.details.toPlainText()
    assert "OFAC 50 %ルール" in text and "BIS関連会社ルール" in text, text
    assert "OFAC 50 % rule" not in text
    # and each regime's rule (it read ">= 50 %, different owners' stakes added")
    assert "50 %以上、異なる所有者の持分を合算" in text.replace("\u00a0", " "), text
    assert "different owners" not in text
    # nobody confirmed on the Entity List: the BIS rule reaches nobody, and blocks nobody
    assert "リスト掲載・許可要件の該当なし" in text, text


def test_the_language_choice_is_stored_and_read(monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SCREENER_LANG", raising=False)
    i18n.store_choice("ja")
    assert i18n.stored_choice() == "ja" and i18n.effective_language() == "ja"
    i18n.store_choice("en")
    assert i18n.effective_language() == "en"
    monkeypatch.setenv("SCREENER_LANG", "ja")
    assert i18n.effective_language() == "ja"
    with pytest.raises(ValueError, match="klingon"):
        i18n.store_choice("klingon")


@pytest.mark.parametrize(("context", "source", "expected"), LOOKED_UP_FROM_VARIABLES)
def test_labels_looked_up_from_variables_are_translated(
    japanese: QApplication, context: str, source: str, expected: str
) -> None:
    assert QCoreApplication.translate(context, source) == expected


def test_no_lookup_on_the_main_screens_misses_the_japanese_file(qtbot, qapp, store) -> None:  # type: ignore[no-untyped-def]
    """Open the demo case on every tab, the dashboard, the Lists, rule-pack, batch and search
    windows in Japanese: every string they look up is in the .qm (a `self.tr(variable)` whose
    label lupdate never saw shows up here)."""
    from ui.app import build_window
    from ui.review_actions import show_dashboard

    real = QTranslator(qapp)
    assert real.load("screener_ja", str(i18n.translations_dir()))
    log = MissLog(real)
    qapp.installTranslator(log)
    try:
        window = build_window(store)
        qtbot.addWidget(window)
        if window.demo_completion is not None:
            window.demo_completion.wait()
        tabs = window.case_view.tabs
        for number in range(tabs.count()):
            tabs.setCurrentIndex(number)
            qapp.processEvents()
        show_dashboard(window)
        for menu in (window.lists_menu, window.rules_menu):
            menu.actions()[0].trigger()
        window.show_batch_screen()
        window.show_list_search()
        qapp.processEvents()
        shown: list[QWidget] = [
            window.lists_window,
            window.rules_window,
            window.batch_window,
            window.search_dialog,
        ]
        for widget in shown:
            widget.close()
    finally:
        qapp.removeTranslator(log)
    assert sorted(log.misses) == []
