"""Statutory clocks: the CFIUS review period, the FEFTA waiting period, and when each is due.

The day counts are dated data in rules/reference/statutory-clocks.yaml, not code: a change in
the law adds a period there. A clock starts on the case's filing date and applies when its
jurisdiction is one of the case's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from screener.models import Case, CaseStatus
from screener.paths import rules_dir

DAY_KINDS = ("calendar", "business")


class ClockConfigError(ValueError):
    """The clock file is unusable; the message names the file, the clock and the field."""


class ClockState:
    NOT_STARTED = "not_started"
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    CLOSED = "closed"


@dataclass(frozen=True)
class ClockPeriod:
    effective_from: date
    effective_to: date | None
    days: int
    day_kind: str
    source: str

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class ClockRule:
    id: str
    title: str
    regime: str
    jurisdictions: tuple[str, ...]
    warn_days: int
    periods: tuple[ClockPeriod, ...]

    def period_on(self, day: date) -> ClockPeriod | None:
        return next((period for period in self.periods if period.covers(day)), None)


@dataclass(frozen=True)
class ClockStatus:
    """One clock on one case, as the dashboard and the memo show it."""

    clock_id: str
    title: str
    regime: str
    start: date | None
    due: date | None
    days: int | None
    day_kind: str | None
    days_left: int | None
    state: str
    source: str

    @property
    def is_overdue(self) -> bool:
        return self.state == ClockState.OVERDUE


def clock_file() -> Path:
    return rules_dir() / "reference" / "statutory-clocks.yaml"


@lru_cache(maxsize=4)
def load_clock_rules(path: Path | None = None) -> tuple[ClockRule, ...]:
    path = path or clock_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ClockConfigError(f"{path}: cannot read the clock file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("clocks"), list):
        raise ClockConfigError(f"{path}: expected a mapping with a 'clocks' list")
    return tuple(_parse_clock(path, index, raw) for index, raw in enumerate(data["clocks"]))


def _parse_clock(path: Path, index: int, raw: Any) -> ClockRule:
    if not isinstance(raw, dict):
        raise ClockConfigError(f"{path}: clock #{index + 1}: expected a mapping")
    clock_id = str(raw.get("id") or f"#{index + 1}")
    where = f"{path}: clock {clock_id}"
    for field in ("id", "title", "regime", "jurisdictions", "periods"):
        if not raw.get(field):
            raise ClockConfigError(f"{where}: field '{field}' is missing or empty")
    if not isinstance(raw["periods"], list):
        raise ClockConfigError(f"{where}: field 'periods' must be a list")
    periods = tuple(_parse_period(where, n, p) for n, p in enumerate(raw["periods"]))
    warn_days = raw.get("warn_days", 5)
    if not isinstance(warn_days, int) or warn_days < 0:
        raise ClockConfigError(f"{where}: field 'warn_days' must be a whole number >= 0")
    return ClockRule(
        id=clock_id,
        title=str(raw["title"]),
        regime=str(raw["regime"]),
        jurisdictions=tuple(str(j).upper() for j in raw["jurisdictions"]),
        warn_days=warn_days,
        periods=periods,
    )


def _parse_period(where: str, index: int, raw: Any) -> ClockPeriod:
    where = f"{where}, period #{index + 1}"
    if not isinstance(raw, dict):
        raise ClockConfigError(f"{where}: expected a mapping")
    start, end = raw.get("effective_from"), raw.get("effective_to")
    if not isinstance(start, date):
        raise ClockConfigError(f"{where}: field 'effective_from' must be a date (YYYY-MM-DD)")
    if end is not None and not isinstance(end, date):
        raise ClockConfigError(f"{where}: field 'effective_to' must be a date or null")
    days = raw.get("days")
    if not isinstance(days, int) or days <= 0:
        raise ClockConfigError(f"{where}: field 'days' must be a whole number > 0")
    day_kind = raw.get("day_kind", "calendar")
    if day_kind not in DAY_KINDS:
        raise ClockConfigError(f"{where}: field 'day_kind' must be one of {', '.join(DAY_KINDS)}")
    return ClockPeriod(start, end, days, day_kind, str(raw.get("source", "")))


def add_days(start: date, days: int, day_kind: str) -> date:
    if day_kind == "calendar":
        return start + timedelta(days=days)
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            counted += 1
    return current


def clocks_for_case(
    case: Case, *, today: date | None = None, rules: tuple[ClockRule, ...] | None = None
) -> list[ClockStatus]:
    """Every clock that applies to the case's jurisdictions, with its due date and state."""
    today = today or date.today()
    rules = rules if rules is not None else load_clock_rules()
    wanted = {str(j).upper() for j in (case.jurisdictions or [])}
    wanted |= {_regime_alias(j) for j in wanted}
    return [
        _status(rule, case, today)
        for rule in rules
        if wanted & set(rule.jurisdictions) or rule.regime.upper() in wanted
    ]


def _regime_alias(jurisdiction: str) -> str:
    """Deal files may name the regime instead of the country: 'CFIUS' means US."""
    return {"CFIUS": "US", "FEFTA": "JP"}.get(jurisdiction, jurisdiction)


def _status(rule: ClockRule, case: Case, today: date) -> ClockStatus:
    start = case.filing_date
    period = rule.period_on(start) if start else None
    if start is None or period is None:
        return ClockStatus(
            rule.id,
            rule.title,
            rule.regime,
            start,
            None,
            None,
            None,
            None,
            ClockState.NOT_STARTED,
            "",
        )
    due = add_days(start, period.days, period.day_kind)
    days_left = (due - today).days
    return ClockStatus(
        rule.id,
        rule.title,
        rule.regime,
        start,
        due,
        period.days,
        period.day_kind,
        days_left,
        _state(case, days_left, rule.warn_days),
        period.source,
    )


def _state(case: Case, days_left: int, warn_days: int) -> str:
    if case.status == CaseStatus.DECIDED:
        return ClockState.CLOSED
    if days_left < 0:
        return ClockState.OVERDUE
    if days_left <= warn_days:
        return ClockState.DUE_SOON
    return ClockState.RUNNING


def next_due(clocks: list[ClockStatus]) -> ClockStatus | None:
    """The clock the dashboard shows: the earliest due date among the running ones."""
    running = [c for c in clocks if c.due is not None and c.state != ClockState.CLOSED]
    return min(running, key=lambda c: c.due or date.max, default=None)


def is_filing_overdue(case: Case, today: date | None = None) -> bool:
    """The filing deadline has passed and nothing was filed: the deadline is met by filing."""
    deadline = case.filing_deadline
    return (
        deadline is not None
        and case.filing_date is None
        and deadline < (today or date.today())
        and case.status != "decided"
    )
