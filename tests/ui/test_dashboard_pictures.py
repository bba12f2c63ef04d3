"""The Dashboard's pictures: cases by state and tier (a click filters the table) and the
coming deadlines on a timeline (a click opens the case)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from screener.models import Assessment
from screener.store import Store
from tests.factory import make_case
from ui.dashboard import Dashboard


def _cases(store: Store) -> None:
    today = date.today()
    with store.unit_of_work() as session:
        make_case(session, "LATE", jurisdictions=["JP"], filing_date=today - timedelta(40))
        make_case(session, "SOON", jurisdictions=["US"], filing_date=today - timedelta(20))
        make_case(session, "FINE", jurisdictions=["US"], filing_date=today - timedelta(10))
        make_case(session, "DONE", status="decided", decision="cleared")
        session.add(Assessment(case_id="FINE", pack_hash="0" * 64, tier="High", total_score=82))
        session.add(Assessment(case_id="SOON", pack_hash="0" * 64, tier="Low", total_score=12))


def _board(qtbot, store: Store) -> Dashboard:  # type: ignore[no-untyped-def]
    _cases(store)
    board = Dashboard(store)
    qtbot.addWidget(board)
    board.resize(1366, 700)
    board.show()
    qtbot.waitExposed(board)
    return board


def _click_bar(qtbot, chart, key: str) -> None:  # type: ignore[no-untyped-def]
    index = [b.key for b in chart.bars].index(key)
    centre = chart.bar_rect(index).center().toPoint()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(max(centre.x(), chart.bar_rect(index).left() + 1), centre.y()))


def _shown(board: Dashboard) -> set[str]:
    return {board.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(board.proxy.rowCount())}


def test_bars_count_cases_by_state_and_tier_and_filter_the_table(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    board = _board(qtbot, store)
    counts = {b.key: b.count for b in board.by_state.bars}
    assert counts["in_review"] == 3 and counts["decided"] == 1
    tiers = {b.key: b.count for b in board.by_tier.bars}
    assert tiers == {"High": 1, "Elevated": 0, "Low": 1, "not_assessed": 2}
    widths = {b.key: board.by_state.bar_rect(i).width() for i, b in enumerate(board.by_state.bars)}
    assert abs(widths["in_review"] - 3 * widths["decided"]) <= 1
    board.grab().save(str(tmp_path / "dashboard.png"))
    _click_bar(qtbot, board.by_tier, "High")
    assert _shown(board) == {"FINE"}
    _click_bar(qtbot, board.by_tier, "High")  # again: every open case
    assert _shown(board) == {"LATE", "SOON", "FINE"}
    _click_bar(qtbot, board.by_state, "decided")
    assert _shown(board) == {"DONE"}
    assert board.by_tier.selected is None


def test_the_deadline_timeline_opens_a_case(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    board = _board(qtbot, store)
    timeline = board.timeline
    marks = timeline.mark_centres()
    assert set(marks) == {"LATE", "SOON", "FINE"}  # decided cases have no running clock
    assert marks["LATE"].x() < timeline.x_of(date.today())  # overdue: pinned left of today
    assert marks["LATE"].x() < marks["SOON"].x() < marks["FINE"].x()
    with qtbot.waitSignal(board.case_activated) as opened:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=marks["SOON"].toPoint())
    assert opened.args == ["SOON"]


def test_a_case_due_in_the_last_week_keeps_its_name_inside_the_timeline(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At the width the Dashboard gives it, a case due 39 days on was written 'US-202' and
    the dates under the axis ran together ('14 Dec21 Dec28 Dec')."""
    from ui.dashboard_charts import Deadline, DeadlineTimeline

    timeline = DeadlineTimeline()
    qtbot.addWidget(timeline)
    timeline.resize(380, 130)
    today = date(2026, 12, 7)
    due = Deadline("US-2026-1207", today + timedelta(39), "running", "CFIUS review period")
    timeline.set_deadlines([due], today)
    label = timeline.label_rect("US-2026-1207")
    assert 0 <= label.left() and label.right() <= timeline.width()
    assert timeline.label_every() == 2  # every other week's date, none touching
    timeline.resize(1200, 130)
    assert timeline.label_every() == 1
    assert timeline.label_rect("US-2026-1207").left() > timeline.mark_centres()["US-2026-1207"].x()
