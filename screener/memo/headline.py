"""The case's marking and statutory clocks in words: printed on the cover and atop every page."""

from __future__ import annotations

from collections.abc import Mapping

from screener.memo.data import MemoData, MemoObligation
from screener.memo.labels import DEFAULT_MARKING


def _days(days: int, t: Mapping[str, str]) -> str:
    if days > 0:
        return t["clock_days_left"].format(days=days)
    if days == 0:
        return t["clock_due_today"]
    return t["clock_overdue"].format(days=-days)


def clock_lines(data: MemoData, t: Mapping[str, str]) -> list[str]:
    """Every statutory clock on the case, then the filing deadline if one is set."""
    lines = []
    for c in data.clocks:
        title = t.get(f"v_{c.title}", c.title)
        if c.state == "closed":
            lines.append(t["clock_closed"].format(title=title))
        elif c.due is None or c.days_left is None:
            lines.append(t["clock_not_started"].format(title=title))
        else:
            lines.append(
                t["clock_line"].format(
                    title=title, due=c.due.isoformat(), clock=_days(c.days_left, t)
                )
            )
    days = data.days_to_deadline()
    if data.filing_deadline is not None and data.filing_date is not None:
        lines.append(
            t["deadline_met"].format(
                deadline=data.filing_deadline.isoformat(), filed=data.filing_date.isoformat()
            )
        )
    elif data.filing_deadline is not None and days is not None:
        lines.append(
            t["deadline_clock"].format(
                deadline=data.filing_deadline.isoformat(), clock=_days(days, t)
            )
        )
    return lines


def obligation_text(ob: MemoObligation, t: Mapping[str, str]) -> str:
    """The next obligation as the window says it (screener.workflow.obligation), in words."""
    title = (
        t["ob_filing_title"] if ob.title == "Filing deadline" else t.get(f"v_{ob.title}", ob.title)
    )
    due = ob.due.isoformat() if ob.due else ""
    filed = ob.filed_on.isoformat() if ob.filed_on else ""
    if ob.standing == "closed":
        closed = ob.closed_on.isoformat() if ob.closed_on else ""
        if ob.days_late > 0:
            return t["ob_closed_late"].format(closed=closed, days=ob.days_late, due=due)
        return t["ob_closed"].format(closed=closed)
    if ob.standing == "none" or ob.due is None:
        return t["no_deadline"]
    if ob.standing == "met":
        return t["deadline_met"].format(deadline=due, filed=filed)
    if ob.standing == "late":
        return t["ob_late"].format(filed=filed, days=ob.days_late, deadline=due)
    return t["clock_line"].format(title=title, due=due, clock=_days(ob.days_left or 0, t))


def clock_text(data: MemoData, t: Mapping[str, str]) -> str:
    """The one clock the page header and the cover show: the case's next obligation."""
    if data.obligation is not None:
        return obligation_text(data.obligation, t)
    running = [
        c
        for c in data.clocks
        if c.due is not None and c.days_left is not None and c.state != "closed"
    ]
    if running:
        c = running[0]
        return t["clock_line"].format(
            title=t.get(f"v_{c.title}", c.title), due=str(c.due), clock=_days(c.days_left or 0, t)
        )
    days = data.days_to_deadline()
    if data.filing_deadline is not None and days is not None:
        return t["deadline_clock"].format(
            deadline=data.filing_deadline.isoformat(), clock=_days(days, t)
        )
    return t["no_deadline"]


def marking_for(data: MemoData, lang: str) -> str:
    """The case's marking; a Japanese memo of a case left at the US default prints 取扱注意."""
    marking = data.handling_marking.strip()
    if lang != "en" and marking in ("", DEFAULT_MARKING["en"]):
        return DEFAULT_MARKING[lang]
    return marking or DEFAULT_MARKING["en"]
