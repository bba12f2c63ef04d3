"""The score reads tier first, then what drove it as bars, then the points and tier bands."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from screener.store import Store
from tests.unit.risk.case_factory import add_case
from ui.score_drivers import DRIVERS, ScoreDrivers
from ui.tabs.risk_tab import RiskTab


def test_the_tier_comes_first_then_the_drivers_then_the_points(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_case(store)
    tab = RiskTab(store)
    qtbot.addWidget(tab)
    tab.resize(1000, 650)
    tab.show()
    tab.show_case("C-1")
    qtbot.mouseClick(tab.assess_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.worker is None and tab.assessment_id is not None, timeout=10000)
    from screener.risk.service import latest_assessment

    with store.session() as session:
        row = latest_assessment(session, "C-1")
    assert row is not None
    headline = tab.headline.text()
    assert row.tier in headline and "points" not in headline
    points = tab.points.text()
    assert f"{row.total_score:g} points" in points and "Elevated from 40" in points
    assert "High from 70" in points
    layout = tab.layout()
    order = [layout.indexOf(w) for w in (tab.drivers, tab.points)]
    assert order == sorted(order) and layout.indexOf(tab.headline.parentWidget()) <= order[0]
    scores = {c: float(row.category_scores.get(c, 0)) for c in DRIVERS}
    widths = {c: tab.drivers.bars[c].bar_rect().width() for c in DRIVERS}
    top = max(scores, key=lambda c: scores[c])
    assert scores[top] > 0 and widths[top] == max(widths.values())
    for category in DRIVERS:  # each bar's length is its share of the largest
        expected = widths[top] * scores[category] / scores[top]
        assert abs(widths[category] - expected) <= 2, (category, widths, scores)
        assert tab.category_labels[category].text() == f"{scores[category]:+g}"
    tab.grab().save(str(tmp_path / "risk_score.png"))


def test_mitigating_points_go_left_of_zero(qtbot) -> None:  # type: ignore[no-untyped-def]
    drivers = ScoreDrivers()
    qtbot.addWidget(drivers)
    drivers.resize(400, 120)
    drivers.show()
    drivers.show_scores({"threat": 30, "vulnerability": -10, "consequence": 20, "gate": 0})
    threat, vulnerability = drivers.bars["threat"], drivers.bars["vulnerability"]
    assert vulnerability.bar_rect().right() <= threat.bar_rect().left() + 1
    assert abs(vulnerability.bar_rect().width() * 3 - threat.bar_rect().width()) <= 3
    assert not drivers.bars["gate"].isVisible()
    drivers.show_scores({"threat": 10, "gate": 5})
    assert drivers.bars["gate"].isVisible()
