"""The Matches tab and the search panel on a real database with a small test list."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from screener.matching.db_index import INDEX_CACHE
from screener.models import MatchResult
from screener.store import Store
from screener.workflow.screening import screen_case
from tests.integration.test_screening import _seed
from ui.case_view import CASE_TABS
from ui.search_panel import SearchPanel
from ui.tabs.matches_tab import ID_ROLE, MatchesTab

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_matches_tab_is_a_case_tab() -> None:
    assert MatchesTab in CASE_TABS
    assert CASE_TABS.index(MatchesTab) > 0


def test_matches_tab_shows_matches_side_by_side(qtbot: QtBot, store: Store) -> None:
    _seed(store)
    screen_case(store, "C-9", INDEX_CACHE.get(store))
    tab = MatchesTab(store)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.match_selected):
        tab.show_case("C-9")
    assert tab.proxy.rowCount() == 2
    selected = tab.selected_match_id()
    with store.session() as session:
        ids = set(session.execute(select(MatchResult.id)).scalars())
    assert selected in ids
    labels = [tab.fields.item(row, 0).text() for row in range(tab.fields.rowCount())]
    assert {
        "Name",
        "Other names",
        "Countries",
        "Birth / incorporation",
        "Identifiers",
        "Programmes",
    } <= set(labels)
    why = tab.explanation.toPlainText()  # sentences a reviewer can sign, no figures
    assert why and not why.startswith("Score ") and "0." not in why
    assert why.endswith(".")
    assert tab.features.rowCount() >= 10
    assert tab.proxy.index(0, 0).data(ID_ROLE) == selected


def test_screen_now_runs_off_the_ui_thread_and_reloads(qtbot: QtBot, store: Store) -> None:
    _seed(store)
    tab = MatchesTab(store)
    qtbot.addWidget(tab)
    tab.show_case("C-9")
    assert tab.proxy.rowCount() == 0
    with qtbot.waitSignal(tab.screened, timeout=60000) as blocker:
        tab.screen_now()
    assert blocker.args[0].new_matches == 2
    assert tab.proxy.rowCount() == 2 and tab.screen_button.isEnabled()


def test_search_panel_shows_hits_as_you_type(qtbot: QtBot, store: Store) -> None:
    _seed(store)
    panel = SearchPanel(store)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.searched, timeout=60000) as blocker:
        qtbot.keyClicks(panel.box, "Selvik Borislav")
    assert blocker.args == ["Selvik Borislav", 1]
    assert panel.model.rowCount() == 1
    row = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert row[1] == "TEST-SANCTIONS" and "T-2" in row[2]
    # why, in a sentence a reviewer can sign; the figures only in the detail's technical note
    assert row[5].startswith("'Selvik Borislav' and 'SELVIK, Borislav' are the same name")
    assert "0." not in row[5] and "[" not in row[5]
    detail = panel.detail.toPlainText()
    assert row[5] in detail and "Score detail: Score 1.00" in detail


def test_search_panel_drops_stale_results(qtbot: QtBot, store: Store) -> None:
    _seed(store)
    panel = SearchPanel(store)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.searched, timeout=60000) as blocker:
        panel.box.setText("Kestrel Rare Earth")
        panel.run_search()
        panel.box.setText("Quellmar Dunmore")
    assert blocker.args[0] == "Quellmar Dunmore"
