"""The Ownership tab and the deal-file import action, driven as a reviewer would."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem
from reportlab.graphics.shapes import Group, String

from screener import audit
from screener.demo.case import DEMO_CASE_ID, demo_case_path, ensure_demo_case
from screener.memo import load_memo_data
from screener.memo.diagram import ownership_drawing
from screener.memo.labels import labels_for
from screener.models import Case
from screener.ownership.edit import EdgeInput
from screener.store import Store
from tests.factory import confirm_listing, make_entry, make_entry_link, make_match, make_version
from ui.app import build_window
from ui.case_view import CASE_TABS
from ui.deal_import import import_path
from ui.edge_dialogs import EdgeDialog
from ui.ownership_diagram import marks_for
from ui.tabs.matches_tab import ID_ROLE, MatchesTab
from ui.tabs.ownership_tab import OwnershipTab
from ui.tabs.summary_tab import SummaryTab


def make_tab(qtbot, store: Store) -> OwnershipTab:  # type: ignore[no-untyped-def]
    ensure_demo_case(store)
    tab = OwnershipTab(store)
    qtbot.addWidget(tab)
    tab.resize(1400, 800)
    tab.show()
    tab.show_case(DEMO_CASE_ID)
    return tab


def _shapes(group: Group) -> list[object]:
    found: list[object] = []
    for shape in group.contents:
        found.extend(_shapes(shape) if isinstance(shape, Group) else [shape])
    return found


def test_ownership_tab_is_a_case_tab():
    assert OwnershipTab in CASE_TABS


def test_diagram_draws_every_party_and_edge(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, store)
    with store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        parties, links = len(case.parties), len(case.ownership_links)
    assert len(tab.scene.node_items) == parties
    assert len(tab.scene.edge_items) == links
    assert "42.00 %" in tab.figures.text()  # held through adversary jurisdictions
    assert "CN 53.90 %" in tab.figures.text()  # acquirer's single-state share
    # the target sits below its owners
    assert (
        tab.scene.node_items["RRE"].sceneBoundingRect().top()
        > tab.scene.node_items["PLH"].sceneBoundingRect().bottom()
    )
    tab.grab().save(str(tmp_path / "ownership_tab.png"))
    # a stake's control is written as the memo's diagram writes it (the memo gave none)
    labels = {i.text() for i in tab.scene.items() if isinstance(i, QGraphicsSimpleTextItem)}
    assert {"60 % · board majority", "2 % · 100 % votes · sole vote"} <= labels
    memo = load_memo_data(store, DEMO_CASE_ID)
    drawing = ownership_drawing(memo.ownership, labels_for("en"), 500)
    printed = {shape.text for shape in _shapes(drawing) if isinstance(shape, String)}
    assert {"60 % · board majority", "2 % (v 100 %) · sole vote"} <= printed


def test_clicking_a_party_shows_details_and_regime_status(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, store)
    tab.select_node("HXG")
    text = tab.details.toPlainText()
    assert "China Huaxin Rare Earth Group Co., Ltd." in text
    assert "中国华信稀土集团有限公司" in text
    assert "42 % (look-through)" in text
    assert "OFAC 50 % rule: clear" in text
    assert tab.pull_button.isEnabled() and not tab.remove_button.isEnabled()


def test_a_confirmed_listing_marks_the_chain_and_explains_it(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        confirm_listing(
            session, DEMO_CASE_ID, "HXG", "OFAC-SDN", "777", "CHINA HUAXIN RARE EARTH GROUP"
        )
    tab = make_tab(qtbot, store)
    assert tab.report is not None
    assert marks_for(tab.report, "HXG").style == "listed"
    assert marks_for(tab.report, "PLH").style == "blocked"
    tab.select_node("RRE")
    text = tab.details.toPlainText()
    assert "owned under OFAC 50 % rule (60 % counted" in text
    assert "listed - OFAC-SDN entry 777" in text


def test_a_decision_in_matches_reaches_the_other_tabs_without_opening_the_case_again(
    qtbot, store: Store
) -> None:  # type: ignore[no-untyped-def]
    """They had kept what they said before the decision: the Ownership tab still drew the
    confirmed party as an undecided possible match, and blocked nobody."""
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        entry = make_entry(
            session, make_version(session, "OFAC-SDN", label=None), "777", "CHINA HUAXIN"
        )
        match_id = make_match(session, DEMO_CASE_ID, entry, "HXG", score=0.97, is_new=True).id
        session.get_one(Case, DEMO_CASE_ID).has_new_hits = True
    others_new = _new_pending(store, exclude=match_id)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.case_view
    view.show_case(DEMO_CASE_ID)
    ownership, summary = view.tab(OwnershipTab), view.tab(SummaryTab)
    view.tabs.setCurrentWidget(ownership)
    assert ownership.report is not None and marks_for(ownership.report, "HXG").style != "listed"
    pending_before = summary.matches_value.text()

    matches = view.tab(MatchesTab)
    view.tabs.setCurrentWidget(matches)
    matches.adjudication.ask_reason = lambda outcome, count: "Same group"
    table = matches.table
    row = next(
        r for r in range(table.model().rowCount())
        if table.model().index(r, 0).data(ID_ROLE) == match_id
    )  # fmt: skip
    table.setFocus()
    table.selectRow(row)
    QTest.keyClick(table, Qt.Key.Key_C)
    assert matches.model.index(row, 6).data() == "Confirmed"

    view.tabs.setCurrentWidget(ownership)
    assert marks_for(ownership.report, "HXG").style == "listed"
    assert marks_for(ownership.report, "PLH").style == "blocked"
    view.tabs.setCurrentWidget(summary)
    assert summary.matches_value.text() != pending_before
    assert "1 confirmed" in summary.matches_value.text(), summary.matches_value.text()
    # the case list's new-hits mark goes once no new hit waits for a decision
    listed = window.case_model.index(window.case_model.row_of(DEMO_CASE_ID), 0).data()
    assert listed.startswith("● ") == bool(others_new), (listed, others_new)
    assert view.case_id == DEMO_CASE_ID and view.tabs.currentWidget() is summary


def _new_pending(store: Store, exclude: int) -> list[int]:
    with store.session() as session:
        return [
            m.id
            for m in session.get_one(Case, DEMO_CASE_ID).matches
            if m.is_new and m.status == "pending" and m.id != exclude
        ]


def test_add_change_and_remove_an_edge_from_the_tab(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, store)
    warnings = tab.save_edge(EdgeInput("DKW", "SMT", equity_pct=3.0))
    assert warnings == ["owners of SMT would hold 103 % in total"]
    link_id = next(
        i for i, link in tab.links.items() if link.holder_key == "DKW" and link.held_key == "SMT"
    )
    tab.select_edge(link_id)
    assert "Dana K. Whitfield → Sakura Metals Trading K.K." in tab.details.toPlainText()
    assert tab.remove_button.isEnabled()
    tab.remove_selected_edge(confirm=False)
    assert link_id not in tab.links
    with store.session() as session:
        actions = [e.action for e in audit.events_for_case(session, DEMO_CASE_ID)]
    assert actions[-2:] == ["ownership.edge_added", "ownership.edge_removed"]


def test_edge_dialog_keeps_bad_input_and_says_why(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, store)
    dialog = EdgeDialog(tab.parties, tab._check(None), parent=tab)
    qtbot.addWidget(dialog)
    dialog.holder.setCurrentIndex(dialog.holder.findData("PLH"))
    dialog.held.setCurrentIndex(dialog.held.findData("RRE"))
    dialog.equity.setText("sixty")
    dialog.try_accept()
    assert "not a number" in dialog.problems.text()
    dialog.equity.setText("60")
    dialog.try_accept()
    assert "PLH already holds RRE" in dialog.problems.text()
    assert dialog.result_edge is None


def test_import_action_shows_every_error_and_imports_a_good_file(
    qtbot, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    assert window.import_deal_action in window.file_menu.actions()
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    document["transactions"][0]["parties"][0]["country_incorporation"] = "USA"
    document["transactions"][0]["value"] = "lots"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert import_path(window, bad, modal=False) is None
    table = window.deal_issues_dialog.table
    assert table.rowCount() == 2
    places = {table.item(r, 2).text() for r in range(2)}
    assert places == {"transactions[0].parties[0].country_incorporation", "transactions[0].value"}
    window.deal_issues_dialog.grab().save(str(tmp_path / "issues.png"))
    window.deal_issues_dialog.close()
    result = import_path(window, demo_case_path(), modal=False)
    assert result is not None and result.case_ids == [DEMO_CASE_ID]
    assert window.current_case_id() == DEMO_CASE_ID


def test_links_from_the_lists_can_be_pulled_from_the_tab(qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui import edge_dialogs

    ensure_demo_case(store)
    with store.unit_of_work() as session:
        entry = confirm_listing(
            session, DEMO_CASE_ID, "HXI", "OpenSanctions-FtM", "os-hxi", "Huaxin RE International"
        )
        make_entry_link(
            session,
            entry,
            "ownership",
            object_key="os-owner",
            object_name="Lotus Bay Capital",
            percentage=12.5,
            source_text="Ownership: Lotus Bay Capital 12.5 %",
        )
        make_entry_link(
            session, entry, "linked_to", object_name="Wang Fang", source_text="Associate"
        )
    tab = make_tab(qtbot, store)
    tab.select_node("HXI")

    def tick_first(dialog) -> int:  # type: ignore[no-untyped-def]
        assert dialog.table.rowCount() == 2
        assert not dialog.table.item(1, 0).flags() & Qt.ItemFlag.ItemIsEnabled  # linked_to
        dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
        return 1

    monkeypatch.setattr(edge_dialogs.ListLinksDialog, "exec", tick_first)
    tab.pull_links_dialog()
    pulled = [
        link for link in tab.links.values() if link.held_key == "HXI" and link.confidence == "list"
    ]
    assert [(link.equity_pct, link.source) for link in pulled] == [
        (12.5, "OpenSanctions-FtM, entry os-hxi: ownership")
    ]
    assert pulled[0].holder_key in tab.scene.node_items


def test_edge_dialog_keeps_the_as_of_date_of_an_edge(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    tab = make_tab(qtbot, store)
    original = EdgeInput("DKW", "SMT", equity_pct=1.0, as_of=date(2026, 3, 31))
    dialog = EdgeDialog(tab.parties, tab._check(None), original, parent=tab)
    qtbot.addWidget(dialog)
    edge, problems = dialog.edge()
    assert problems == [] and edge == original
    dialog.as_of.setText("31/03/2026")
    assert dialog.edge()[1] == ["as of: expected a date YYYY-MM-DD, found 31/03/2026"]


def test_the_figures_name_the_bis_rule_as_a_reader_does(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """'Listed or reached by licence requirements: BIS_AFFILIATES 1' named the regime by its
    id; the memo's stakes table printed 'BIS_AFFILIATES: owned'."""
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        confirm_listing(
            session, DEMO_CASE_ID, "HXG", "US-CSL", "Entity List:1", "CHINA HUAXIN RARE EARTH",
            list_name="Entity List",
        )  # fmt: skip
    tab = make_tab(qtbot, store)
    figures = tab.figures.text()
    assert "Listed or reached by licence requirements: <b>BIS " in figures, figures
    assert "BIS_AFFILIATES" not in figures
    # the rule suspended on that date: it reaches nobody, and the tab says whom it would
    from PySide6.QtCore import QDate

    tab.as_of.setDate(QDate(2026, 5, 1))
    text = tab.details.toPlainText()
    assert "not in force: One-year suspension" in text, text
    assert "would reach, were it in force: " in text
