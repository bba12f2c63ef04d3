"""The case's next obligation phrased for the window (translated), from the one clock function.

`screener.workflow.obligation.next_obligation` decides what is due and how it stands; this
module only words it, in a long form (header, Summary) and a short form (case list,
Dashboard), and gives the colour, so every screen says the same thing the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from screener.workflow.obligation import Obligation, Standing

OVERDUE_RED = "#b42318"
DUE_SOON_AMBER = "#b54708"
FILING_DEADLINE = QT_TRANSLATE_NOOP("Obligation", "Filing deadline")


def title(ob: Obligation) -> str:
    if ob.title == FILING_DEADLINE:
        return QCoreApplication.translate("Obligation", "Filing deadline")
    return QCoreApplication.translate("SummaryTab", ob.title)  # clock titles are there


def _iso(day: object) -> str:
    return day.isoformat() if day is not None else ""  # type: ignore[attr-defined]


def standing_text(ob: Obligation) -> str:
    """How it stands, without the title: 'due today', '2 day(s) overdue', 'closed on D'."""
    late_days = ob.days_late  # lupdate reads a plain name as the count, not an attribute
    if ob.standing == Standing.CLOSED:
        if late_days > 0:
            late = QCoreApplication.translate(
                "Obligation", "closed on %1 (%n day(s) after its due date)", "", late_days
            )
            return late.replace("%1", _iso(ob.closed_on))
        return QCoreApplication.translate("Obligation", "closed on %1").replace(
            "%1", _iso(ob.closed_on)
        )
    if ob.standing == Standing.NONE:
        return QCoreApplication.translate("Obligation", "no filing deadline set")
    if ob.standing == Standing.MET:
        return QCoreApplication.translate("Obligation", "met: filed %1").replace(
            "%1", _iso(ob.filed_on)
        )
    if ob.standing == Standing.LATE:
        late = QCoreApplication.translate("Obligation", "filed %1 (%n day(s) late)", "", late_days)
        return late.replace("%1", _iso(ob.filed_on))
    left = ob.days_left or 0
    if left < 0:
        return QCoreApplication.translate("Obligation", "%n day(s) overdue", "", -left)
    if left == 0:
        return QCoreApplication.translate("Obligation", "due today")
    return QCoreApplication.translate("Obligation", "%n day(s) left", "", left)


def long_text(ob: Obligation) -> str:
    """'CFIUS review period due 2026-12-04: 2 day(s) overdue' (header, Summary)."""
    if ob.standing == Standing.NONE:
        return QCoreApplication.translate("Obligation", "No filing deadline set")
    if ob.due is None:
        return standing_text(ob)
    return (
        QCoreApplication.translate("Obligation", "%1 due %2: %3")
        .replace("%1", title(ob))
        .replace("%2", _iso(ob.due))
        .replace("%3", standing_text(ob))
    )


def short_text(ob: Obligation) -> str:
    """'2026-12-04 · 2 day(s) overdue' (case list)."""
    if ob.due is None:
        return "—" if ob.standing == Standing.NONE else standing_text(ob)
    return f"{_iso(ob.due)} · {standing_text(ob)}"


def colour(ob: Obligation) -> str | None:
    """Red when overdue, amber when due soon, none otherwise."""
    if ob.standing == Standing.OVERDUE:
        return OVERDUE_RED
    if ob.standing == Standing.DUE_SOON:
        return DUE_SOON_AMBER
    return None
