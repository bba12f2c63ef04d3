"""First start: the window shows at once, then the demo case fills in (matches, risk)."""

from __future__ import annotations

from sqlalchemy import func, select

from screener.demo.pipeline import is_prepared, prepare_demo
from screener.models import Assessment, MatchResult
from screener.store import Store
from ui.app import build_window


def tab(window, class_name: str):  # type: ignore[no-untyped-def]
    return next(t for t in window.case_view.tab_widgets if type(t).__name__ == class_name)


def count(store: Store, model: type) -> int:
    with store.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_first_start_fills_in_the_demo_case(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store)
    qtbot.addWidget(window)
    window.show()
    completion = window.demo_completion
    assert completion is not None
    assert count(store, MatchResult) == 0  # the window did not wait for the screening
    with qtbot.waitSignal(completion.done, timeout=120_000) as finished:
        pass
    result = finished.args[0]
    assert result is not None and result.tier
    assert window.current_case_id() == result.case_id
    matches = tab(window, "MatchesTab")
    assert matches.table.model().rowCount() == result.screening["matches"] >= 3
    assert result.tier in tab(window, "RiskTab").headline.text()
    assert "Demo case ready" in window.statusBar().currentMessage()


def test_a_prepared_demo_starts_no_work(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    prepare_demo(store)
    window = build_window(store)
    qtbot.addWidget(window)
    assert window.demo_completion is None
    assert count(store, Assessment) == 1


def test_closing_the_window_at_once_leaves_nothing_running(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store)
    qtbot.addWidget(window)
    window.show()
    completion = window.demo_completion
    window.close()
    qtbot.wait(400)  # past the start delay: the work must not begin on a closed window
    assert not completion.running
    assert count(store, MatchResult) == 0
    assert not is_prepared(store)
