"""The Matches tab shows one row per listed entity, and one decision in it covers every list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from screener.lists.entity_links import undo_link
from screener.models import AuditEvent, MatchResult
from screener.store import Store
from tests.integration.test_entity_hits import screen, seed
from ui.tabs.matches_tab import MatchesTab

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _tab_on_the_seeded_case(qtbot: QtBot, store: Store, tmp_path: Path) -> MatchesTab:
    """The seeded case, screened, in a Matches tab with its first match chosen."""
    seed(store, tmp_path)
    screen(store)
    tab = MatchesTab(store)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    with qtbot.waitSignal(tab.match_selected):
        tab.show_case("C-1")
    return tab


def test_one_row_per_entity_and_one_dismissal_for_all_its_lists(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    tab = _tab_on_the_seeded_case(qtbot, store, tmp_path)
    assert tab.proxy.rowCount() == 2  # four list entries, two listed entities
    lists = sorted(tab.proxy.index(row, 3).data() for row in range(2))
    assert lists == ["OFAC-SDN · UN-SC · US-CSL", "UK-OFSI"]
    assert tab.count.text().startswith("2 listed entities matched · 2 pending")
    row = next(r for r in range(2) if tab.proxy.index(r, 3).data().startswith("OFAC"))
    tab.table.selectRow(row)
    assert tab.proxy.index(row, 4).data().endswith("+2")
    tooltip = tab.proxy.index(row, 3).data(3)  # the memberships, one per line
    assert "UN-SC IQi.001 — UN 1518 list" in tooltip and "(IRAQ2)" in tooltip
    assert tab.memberships.isVisibleTo(tab) and "on 3 lists" in tab.memberships.text()
    # and why they are one: the evidence a reviewer who doubts the join would undo
    assert tab.memberships.text().splitlines()[1:3] == [
        "One entity because: US-CSL SDN:6384 republishes the entry (OFAC-SDN = US-CSL)",
        "OFAC-SDN cites UN IQi.001 (OFAC-SDN = UN-SC)",
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.grab().save(str(SHOTS / "matches_by_entity.png"))

    tab.adjudication.ask_reason = lambda _outcome, _count: "Different date of birth"
    assert "OFAC-SDN · UN-SC · US-CSL" in tab.adjudication.summary.text()
    assert tab.adjudication.decide("dismissed")
    with store.session() as session:
        statuses = dict(session.execute(select(MatchResult.source_name, MatchResult.status)).all())
    assert statuses == {
        "OFAC-SDN": "dismissed",
        "US-CSL": "dismissed",
        "UN-SC": "dismissed",
        "UK-OFSI": "pending",
    }
    assert tab.count.text().startswith("2 listed entities matched · 1 pending")


def test_a_reviewer_undoes_a_wrong_join_from_the_tab(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    tab = _tab_on_the_seeded_case(qtbot, store, tmp_path)
    row = next(r for r in range(2) if tab.proxy.index(r, 3).data().startswith("OFAC"))
    tab.table.selectRow(row)
    assert tab.unlink_button.isVisibleTo(tab)
    asked: list[list[str]] = []

    def ask(lines: list[str]) -> tuple[int, str]:
        asked.append(lines)
        return next(i for i, line in enumerate(lines) if "UN-SC" in line), "A namesake, not him"

    tab.unlink_button.ask = ask
    assert tab.unlink_button.undo()
    assert asked == [[
        "OFAC-SDN 6384 = US-CSL SDN:6384: US-CSL SDN:6384 republishes the entry",
        "OFAC-SDN 6384 = UN-SC IQi.001: OFAC-SDN cites UN IQi.001",
    ]]  # fmt: skip
    # the UN entry is its own hit now, to be decided on its own
    lists = sorted(tab.proxy.index(r, 3).data() for r in range(tab.proxy.rowCount()))
    assert lists == ["OFAC-SDN · US-CSL", "UK-OFSI", "UN-SC"]
    with store.session() as session:
        (undone,) = session.execute(
            select(AuditEvent).where(AuditEvent.action == "list.link.undo")
        ).scalars()
    assert undone.details["reason"] == "A namesake, not him"


def test_a_join_another_reviewer_undid_meanwhile_is_said_not_raised(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab_on_the_seeded_case(qtbot, store, tmp_path)
    row = next(r for r in range(2) if tab.proxy.index(r, 3).data().startswith("OFAC"))
    tab.table.selectRow(row)
    first = tab.unlink_button.links[0]
    assert first.link_id is not None
    with store.unit_of_work() as session:  # another officer, a moment before
        undo_link(session, first.link_id, "not him")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.unlink_button.ask = lambda _lines: (0, "not him either")
    assert not tab.unlink_button.undo()
    assert told == ["That join was undone already."]
