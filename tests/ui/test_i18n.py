"""Japanese translation: the shipped .ts is complete, the .qm loads, the window speaks Japanese."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from tests.conftest import REPO
from ui import i18n

TS = REPO / "resources" / "i18n" / "screener_ja.ts"
# The main screens: the case view's review tabs, the dashboard, adjudication and sign-off.
MAIN_SCREENS = {
    "AdjudicationPanel",
    "Dashboard",
    "HistoryTab",
    "NotesTab",
    "PartiesTab",
    "ReasonDialog",
    "ReviewActions",
    "SignOffDialog",
    "SummaryTab",
    "Workflow",
}


@pytest.fixture
def japanese(qapp: QApplication):  # type: ignore[no-untyped-def]
    assert i18n.install_translators(qapp, "ja") == "ja"
    yield qapp
    i18n.install_translators(qapp, "en")


def test_every_message_of_the_main_screens_is_translated() -> None:
    """Other screens are translated as they land (scripts/update_translations.sh)."""
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
    lupdate = Path("/work/venv/bin/pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
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
