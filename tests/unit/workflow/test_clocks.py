from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.models import Case, CaseStatus
from screener.workflow import clocks
from screener.workflow.clocks import ClockConfigError, ClockState


def _case(jurisdictions: list[str], filed: date | None, status: str = CaseStatus.IN_REVIEW) -> Case:
    return Case(id="C", title="t", jurisdictions=jurisdictions, filing_date=filed, status=status)


def test_shipped_file_loads_with_cfius_45_and_fefta_30_days() -> None:
    rules = {rule.id: rule for rule in clocks.load_clock_rules()}
    assert rules["cfius-review"].period_on(date(2025, 1, 1)).days == 45  # type: ignore[union-attr]
    assert rules["cfius-review"].period_on(date(2010, 1, 1)).days == 30  # type: ignore[union-attr]
    assert rules["fefta-waiting"].period_on(date(2025, 1, 1)).days == 30  # type: ignore[union-attr]


def test_due_dates_follow_the_case_jurisdictions() -> None:
    case = _case(["US", "JP"], date(2025, 3, 3))
    found = {c.clock_id: c for c in clocks.clocks_for_case(case, today=date(2025, 3, 10))}
    assert found["cfius-review"].due == date(2025, 4, 17)
    assert found["fefta-waiting"].due == date(2025, 4, 2)
    assert found["fefta-waiting"].days_left == 23
    assert found["cfius-review"].state == ClockState.RUNNING


def test_an_open_case_past_its_due_date_is_overdue_and_a_decided_one_is_closed() -> None:
    late = clocks.clocks_for_case(_case(["JP"], date(2025, 1, 1)), today=date(2025, 2, 5))
    assert [c.state for c in late] == [ClockState.OVERDUE]
    assert late[0].days_left == -5  # due 31 Jan
    done = clocks.clocks_for_case(
        _case(["JP"], date(2025, 1, 1), CaseStatus.DECIDED), today=date(2025, 2, 5)
    )
    assert [c.state for c in done] == [ClockState.CLOSED]


def test_due_soon_within_the_warning_window() -> None:
    found = clocks.clocks_for_case(_case(["US"], date(2025, 1, 1)), today=date(2025, 2, 10))
    assert found[0].state == ClockState.DUE_SOON  # due 15 Feb, warn 10 days


def test_no_filing_date_means_not_started_and_other_countries_have_no_clock() -> None:
    assert [c.state for c in clocks.clocks_for_case(_case(["US"], None))] == [
        ClockState.NOT_STARTED
    ]
    assert clocks.clocks_for_case(_case(["DE"], date(2025, 1, 1))) == []


def test_business_days_skip_weekends() -> None:
    assert clocks.add_days(date(2025, 3, 7), 5, "business") == date(2025, 3, 14)  # Fri -> Fri


def test_next_due_picks_the_earliest_running_clock() -> None:
    found = clocks.clocks_for_case(_case(["US", "JP"], date(2025, 3, 3)), today=date(2025, 3, 4))
    nearest = clocks.next_due(found)
    assert nearest is not None and nearest.clock_id == "fefta-waiting"


def test_a_bad_clock_file_names_file_clock_and_field(tmp_path: Path) -> None:
    path = tmp_path / "clocks.yaml"
    path.write_text(
        "clocks:\n  - id: cfius-review\n    title: x\n    regime: CFIUS\n"
        "    jurisdictions: [US]\n    periods:\n      - effective_from: 2018-08-13\n"
        "        days: forty-five\n",
        encoding="utf-8",
    )
    with pytest.raises(ClockConfigError) as error:
        clocks.load_clock_rules(path)
    message = str(error.value)
    assert str(path) in message and "cfius-review" in message and "'days'" in message
