"""A filing deadline is met by filing: only an unfiled, open case past its deadline is overdue."""

from datetime import date

from screener.models import Case
from screener.workflow.clocks import is_filing_overdue

TODAY = date(2026, 11, 21)


def _case(**fields: object) -> Case:
    return Case(id="C", title="t", status=fields.pop("status", "in_review"), **fields)


def test_past_deadline_without_filing_is_overdue() -> None:
    assert is_filing_overdue(_case(filing_deadline=date(2026, 11, 19)), TODAY)


def test_filed_case_is_not_overdue() -> None:
    case = _case(filing_deadline=date(2026, 11, 19), filing_date=date(2026, 10, 20))
    assert not is_filing_overdue(case, TODAY)


def test_deadline_today_or_later_and_decided_cases_are_not_overdue() -> None:
    assert not is_filing_overdue(_case(filing_deadline=TODAY), TODAY)
    assert not is_filing_overdue(_case(filing_deadline=date(2026, 1, 1), status="decided"), TODAY)
    assert not is_filing_overdue(_case(), TODAY)
