"""One clock: the next obligation and how it stands, at each boundary."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from screener.models import Case, CaseStatus, StatusChange
from screener.workflow.clocks import ClockPeriod, ClockRule
from screener.workflow.obligation import Kind, Standing, next_obligation

TODAY = date(2027, 3, 10)
RULES = (
    ClockRule(
        "cfius-review",
        "CFIUS review period",
        "CFIUS",
        ("US",),
        5,
        (ClockPeriod(date(2018, 1, 1), None, 45, "calendar", "31 CFR 800.503"),),
    ),
)


def _case(**fields: object) -> Case:
    return Case(id="C-1", title="t", jurisdictions=["US"], status=CaseStatus.IN_REVIEW, **fields)


def test_a_filing_deadline_due_today_is_due_not_overdue() -> None:
    ob = next_obligation(_case(filing_deadline=TODAY), today=TODAY, rules=RULES)
    assert (ob.kind, ob.standing, ob.days_left) == (Kind.FILING, Standing.DUE_SOON, 0)
    assert ob.text == "Filing deadline 2027-03-10: due today"


def test_one_day_over_the_filing_deadline_is_overdue() -> None:
    ob = next_obligation(_case(filing_deadline=TODAY - timedelta(1)), today=TODAY, rules=RULES)
    assert ob.is_overdue and ob.days_left == -1
    assert ob.text == "Filing deadline 2027-03-09: 1 day overdue"


def test_a_deadline_14_days_away_is_the_next_obligation() -> None:
    ob = next_obligation(_case(filing_deadline=TODAY + timedelta(14)), today=TODAY, rules=RULES)
    assert (ob.kind, ob.standing, ob.days_left) == (Kind.FILING, Standing.RUNNING, 14)


def test_filed_on_the_deadline_the_review_clock_is_next() -> None:
    filed = TODAY - timedelta(44)
    ob = next_obligation(_case(filing_deadline=filed, filing_date=filed), today=TODAY, rules=RULES)
    assert (ob.kind, ob.title, ob.due) == (Kind.REVIEW, "CFIUS review period", TODAY + timedelta(1))
    assert ob.standing == Standing.DUE_SOON and ob.days_left == 1


def test_filed_on_the_deadline_with_no_review_clock_is_met() -> None:
    case = _case(filing_deadline=TODAY, filing_date=TODAY)
    case.jurisdictions = ["DE"]
    ob = next_obligation(case, today=TODAY, rules=RULES)
    assert (ob.standing, ob.days_late) == (Standing.MET, 0)
    assert ob.text == "Filing deadline 2027-03-10 met (filed 2027-03-10)"


def test_a_review_clock_two_days_over_is_overdue_although_the_filing_was_met() -> None:
    filed = TODAY - timedelta(47)
    ob = next_obligation(_case(filing_deadline=filed, filing_date=filed), today=TODAY, rules=RULES)
    assert ob.kind == Kind.REVIEW and ob.is_overdue and ob.days_left == -2
    assert ob.text == "CFIUS review period 2027-03-08: 2 days overdue"


def test_a_case_decided_late_says_when_and_how_late_never_overdue() -> None:
    filed = date(2027, 1, 1)  # review due 2027-02-15
    case = _case(filing_date=filed, filing_deadline=filed)
    case.status = CaseStatus.DECIDED
    case.status_changes.append(
        StatusChange(to_status="decided", changed_by="bo", changed_at=datetime(2027, 2, 17, 9))
    )
    ob = next_obligation(case, today=TODAY, rules=RULES)
    assert (ob.standing, ob.closed_on, ob.days_late) == (Standing.CLOSED, date(2027, 2, 17), 2)
    assert not ob.is_overdue
    assert ob.text == "Closed on 2027-02-17, 2 days after its due date 2027-02-15"


def test_a_case_decided_in_time_reads_closed_on_its_date() -> None:
    case = _case(filing_date=date(2027, 1, 1))
    case.status = CaseStatus.DECIDED
    case.status_changes.append(
        StatusChange(to_status="decided", changed_by="bo", changed_at=datetime(2027, 2, 1, 9))
    )
    assert next_obligation(case, today=TODAY, rules=RULES).text == "Closed on 2027-02-01"


def test_no_deadline_and_not_filed_says_so() -> None:
    ob = next_obligation(_case(), today=TODAY, rules=RULES)
    assert (ob.standing, ob.text) == (Standing.NONE, "No filing deadline set")
