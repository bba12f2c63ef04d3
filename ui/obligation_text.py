"""The case's next obligation phrased for the window (translated), from the one clock function.

`screener.workflow.obligation.next_obligation` decides what is due and how it stands; this
module only words it, in a long form (header, Summary) and a short form (case list,
Dashboard), and gives the colour, so every screen says the same thing the same way.
The words live on a QObject so `self.tr(text, "", n)` gives real plurals ("1 day", "2 days").
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QObject

from screener.workflow.obligation import Obligation, Standing

OVERDUE_RED = "#b42318"
DUE_SOON_AMBER = "#b54708"
FILING_DEADLINE = "Filing deadline"


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


class ObligationText(QObject):
    """Translation context for the obligation's words."""

    def title(self, ob: Obligation) -> str:
        if ob.title == FILING_DEADLINE:
            return self.tr("Filing deadline")
        return QCoreApplication.translate("SummaryTab", ob.title)  # clock titles are there

    def standing(self, ob: Obligation) -> str:
        """How it stands, without the title: 'due today', '2 days overdue', 'closed on D'."""
        late = ob.days_late
        if ob.standing == Standing.CLOSED:
            if late > 0:
                text = self.tr("closed on %1 (%n day(s) after its due date)", "", late)
                return text.replace("%1", _iso(ob.closed_on))
            return self.tr("closed on %1").replace("%1", _iso(ob.closed_on))
        if ob.standing == Standing.NONE:
            return self.tr("no filing deadline set")
        if ob.standing == Standing.MET:
            return self.tr("met: filed %1").replace("%1", _iso(ob.filed_on))
        if ob.standing == Standing.LATE:
            return self.tr("filed %1 (%n day(s) late)", "", late).replace("%1", _iso(ob.filed_on))
        left = ob.days_left or 0
        over = -left
        if left < 0:
            return self.tr("%n day(s) overdue", "", over)
        if left == 0:
            return self.tr("due today")
        return self.tr("%n day(s) left", "", left)

    def closed_short(self, ob: Obligation) -> str:
        return self.tr("closed %1").replace("%1", _iso(ob.closed_on))

    def long(self, ob: Obligation) -> str:
        if ob.standing == Standing.NONE:
            return self.tr("No filing deadline set")
        if ob.standing == Standing.CLOSED:  # nothing is owed: when it closed, and how late
            if ob.days_late > 0:
                late = ob.days_late
                text = self.tr("Closed on %1, %n day(s) after its due date %2", "", late)
                return text.replace("%1", _iso(ob.closed_on)).replace("%2", _iso(ob.due))
            return self.tr("Closed on %1").replace("%1", _iso(ob.closed_on))
        if ob.due is None:
            return self.standing(ob)
        return (
            self.tr("%1 due %2: %3")
            .replace("%1", self.title(ob))
            .replace("%2", _iso(ob.due))
            .replace("%3", self.standing(ob))
        )


_WORDS: ObligationText | None = None


def _words() -> ObligationText:
    global _WORDS
    if _WORDS is None:
        _WORDS = ObligationText()
    return _WORDS


def title(ob: Obligation) -> str:
    return _words().title(ob)


def standing_text(ob: Obligation) -> str:
    return _words().standing(ob)


def long_text(ob: Obligation) -> str:
    """'CFIUS review period due 2026-12-04: 2 days overdue' (header, Summary)."""
    return _words().long(ob)


def short_text(ob: Obligation) -> str:
    """'2026-12-04 · 2 days overdue' (case list)."""
    if ob.standing == Standing.CLOSED:
        return _words().closed_short(ob)
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
