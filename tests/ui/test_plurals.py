"""Counts read as people write them: "1 party", "17 parties", "当事者 17 件", never "party(ies)".

English is the source language, so its plural forms come from resources/i18n/screener_en.ts
(plural forms only, made by scripts/update_translations.sh), loaded as the app starts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from screener.models import Party
from ui import i18n
from ui.deal_import import DealImport
from ui.review_actions import ReviewActions
from ui.tabs.parties_tab import PartiesTab


@pytest.fixture
def language(qapp: QApplication) -> Iterator[object]:
    def switch(code: str) -> None:
        assert i18n.install_translators(qapp, code) == code

    yield switch
    i18n.install_translators(qapp, "en")  # as the other window tests expect (tests/ui/conftest.py)


def _count_text(tab: PartiesTab, n: int) -> str:
    tab.model.load([Party(key=f"P{i}", name=f"Party {i}") for i in range(n)])
    tab.count.setText(tab.tr("%n party(ies)", "", n))
    return tab.count.text()


def test_english_counts_use_real_plurals(qtbot, store, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    tab = PartiesTab(store)
    qtbot.addWidget(tab)
    tab.show_case(None)
    assert tab.count.text() == "0 parties"
    assert _count_text(tab, 1) == "1 party"
    assert _count_text(tab, 17) == "17 parties"
    messages = DealImport()
    assert messages.not_imported("deal.xlsx", 1).startswith("<b>deal.xlsx was not imported</b>: 1 error.")
    assert "with 3 warnings:" in messages.imported_with_warnings("deal.xlsx", "C-1 created", 3)
    assert ReviewActions().audit_intact(1).startswith("The audit trail is intact: 1 record,")


def test_japanese_counts(qtbot, store, language) -> None:  # type: ignore[no-untyped-def]
    language("ja")
    tab = PartiesTab(store)
    qtbot.addWidget(tab)
    assert _count_text(tab, 17) == "当事者 17 件"
    assert "エラー 2 件" in DealImport().not_imported("deal.xlsx", 2)


def test_no_english_source_string_is_left_with_a_parenthesised_plural() -> None:
    from defusedxml import ElementTree

    from tests.conftest import REPO

    root = ElementTree.parse(REPO / "resources" / "i18n" / "screener_en.ts").getroot()
    for message in root.iter("message"):
        forms = [f.text or "" for f in message.iter("numerusform")]
        assert len(forms) == 2, message.findtext("source")
        assert not any("(s)" in f or "(es)" in f or "(ies)" in f for f in forms), forms
