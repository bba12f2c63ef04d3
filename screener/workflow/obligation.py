"""One clock: the case's next obligation and how it stands, for every screen and the memo.

Before the filing is made the obligation is the filing deadline; once filed it is the
statutory review clock (the earliest one running for the case's jurisdictions); once the
case is decided there is none left, and what remains to say is when it closed and whether
that was after the obligation then running was due. The case list, the case header, the
Dashboard, the Summary and the memo header all read `next_obligation`, so no two of them
can disagree about whether a case is late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from screener.models import Case, CaseStatus
from screener.workflow.clocks import ClockRule, clocks_for_case, load_clock_rules, next_due

FILING_WARN_DAYS = 5


class Kind:
    FILING = "filing"  # the filing deadline, not yet filed
    REVIEW = "review"  # a statutory review clock, started by the filing
    NONE = "none"  # no date set, or nothing follows the filing


class Standing:
    NONE = "none"  # no due date known
    RUNNING = "running"  # days left
    DUE_SOON = "due_soon"  # within the warning window
    OVERDUE = "overdue"  # past due and still open
    MET = "met"  # filed by the deadline and no review clock follows
    LATE = "late"  # filed after the deadline and no review clock follows
    CLOSED = "closed"  # decided (on time, or `days_late` after its due date)


@dataclass(frozen=True)
class Obligation:
    kind: str  # Kind.*
    title: str  # "Filing deadline" or the clock's title (English; screens translate it)
    due: date | None
    standing: str  # Standing.*
    days_left: int | None = None  # due - today while open (negative: overdue)
    filed_on: date | None = None
    closed_on: date | None = None
    days_late: int = 0  # closed or filed this many days after the due date
    source: str = ""

    @property
    def is_overdue(self) -> bool:
        return self.standing == Standing.OVERDUE

    @property
    def text(self) -> str:
        """The English sentence (the window and the Japanese memo phrase their own)."""
        due = self.due.isoformat() if self.due else ""
        if self.standing == Standing.CLOSED:
            closed = self.closed_on.isoformat() if self.closed_on else ""
            if self.days_late > 0:
                return f"Closed on {closed}, {_days(self.days_late)} after its due date {due}"
            return f"Closed on {closed}"
        if self.standing == Standing.NONE:
            return "No filing deadline set"
        if self.standing == Standing.MET:
            return f"Filing deadline {due} met (filed {_iso(self.filed_on)})"
        if self.standing == Standing.LATE:
            return (
                f"Filed {_iso(self.filed_on)}, {_days(self.days_late)} after the filing "
                f"deadline {due}"
            )
        left = self.days_left or 0
        if left < 0:
            return f"{self.title} {due}: {_days(-left)} overdue"
        if left == 0:
            return f"{self.title} {due}: due today"
        return f"{self.title} {due}: {_days(left)} left"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def decided_on(case: Case) -> date | None:
    """The day the case was decided: its last move to Decided."""
    moves = [c.changed_at for c in case.status_changes if c.to_status == CaseStatus.DECIDED]
    if moves:
        return max(moves).date()
    return case.updated_at.date() if case.updated_at else None


def next_obligation(
    case: Case, *, today: date | None = None, rules: tuple[ClockRule, ...] | None = None
) -> Obligation:
    """What the case owes next and how it stands today."""
    today = today or date.today()
    filed, deadline = case.filing_date, case.filing_deadline
    running = _running(case, today, rules)
    if case.status == CaseStatus.DECIDED:
        return _closed(case, running, deadline)
    if filed is None:
        if deadline is None:
            return Obligation(Kind.NONE, "Filing deadline", None, Standing.NONE)
        return _open(Kind.FILING, "Filing deadline", deadline, today, FILING_WARN_DAYS)
    if running is not None:
        title, due, warn, source = running
        return _open(Kind.REVIEW, title, due, today, warn, filed_on=filed, source=source)
    late = (filed - deadline).days if deadline else 0
    return Obligation(
        Kind.NONE,
        "Filing deadline",
        deadline,
        Standing.LATE if late > 0 else Standing.MET,
        filed_on=filed,
        days_late=max(late, 0),
    )


def _running(
    case: Case, today: date, rules: tuple[ClockRule, ...] | None
) -> tuple[str, date, int, str] | None:
    """The earliest review clock the filing started (closed ones too: a decided case asks)."""
    found = [c for c in clocks_for_case(case, today=today, rules=rules) if c.due is not None]
    nearest = next_due(found) or min(found, key=lambda c: c.due or date.max, default=None)
    if nearest is None or nearest.due is None:
        return None
    warn = _warn_days(nearest.clock_id, rules)
    return nearest.title, nearest.due, warn, nearest.source


def _warn_days(clock_id: str, rules: tuple[ClockRule, ...] | None) -> int:
    for rule in rules if rules is not None else load_clock_rules():
        if rule.id == clock_id:
            return rule.warn_days
    return FILING_WARN_DAYS


def _open(
    kind: str,
    title: str,
    due: date,
    today: date,
    warn: int,
    *,
    filed_on: date | None = None,
    source: str = "",
) -> Obligation:
    left = (due - today).days
    standing = (
        Standing.OVERDUE if left < 0 else Standing.DUE_SOON if left <= warn else Standing.RUNNING
    )
    return Obligation(kind, title, due, standing, left, filed_on=filed_on, source=source)


def _closed(
    case: Case, running: tuple[str, date, int, str] | None, deadline: date | None
) -> Obligation:
    """Decided: nothing is owed; say when, and how late against what was then running."""
    closed = decided_on(case)
    kind, title, due, source = Kind.NONE, "Filing deadline", deadline, ""
    if case.filing_date is not None and running is not None:
        kind, (title, due, _warn, source) = Kind.REVIEW, running
    elif case.filing_date is None and deadline is not None:
        kind = Kind.FILING
    late = (closed - due).days if closed and due and kind != Kind.NONE else 0
    return Obligation(
        kind,
        title,
        due,
        Standing.CLOSED,
        filed_on=case.filing_date,
        closed_on=closed,
        days_late=max(late, 0),
        source=source,
    )
