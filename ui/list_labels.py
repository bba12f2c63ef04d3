"""List sources, formats and versions as people write them, not as files and codes name them.

A version's label is often the publisher's date as an ISO timestamp ("2025-12-19T00:00:00")
and a format is a code ("ofac-csv"); the Lists window shows "19 Dec 2025" (「2025年12月19日」 in
Japanese) and "OFAC SDN (CSV files)" instead, keeping the codes in tooltips for support.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, QTime

CONTEXT = "ListLabels"
FORMAT_NAMES = {
    "ofac-csv": QT_TRANSLATE_NOOP("ListLabels", "OFAC lists (CSV files)"),
    "ofac-sdnlist-xml": QT_TRANSLATE_NOOP("ListLabels", "OFAC SDN list (XML)"),
    "ofac-advanced-xml": QT_TRANSLATE_NOOP("ListLabels", "OFAC advanced format (XML)"),
    "ofac-enhanced-xml": QT_TRANSLATE_NOOP("ListLabels", "OFAC enhanced format (XML)"),
    "us-csl": QT_TRANSLATE_NOOP("ListLabels", "US Consolidated Screening List"),
    "bis-dpl": QT_TRANSLATE_NOOP("ListLabels", "BIS Denied Persons List"),
    "us-restricted-csv": QT_TRANSLATE_NOOP("ListLabels", "US restricted parties (CSV)"),
    "un-xml": QT_TRANSLATE_NOOP("ListLabels", "UN Security Council list (XML)"),
    "uk-ofsi": QT_TRANSLATE_NOOP("ListLabels", "UK OFSI consolidated list"),
    "eu-fsf-xml": QT_TRANSLATE_NOOP("ListLabels", "EU financial sanctions file (XML)"),
    "eu-oj-csv": QT_TRANSLATE_NOOP("ListLabels", "EU Official Journal annexes (CSV)"),
    "ftm-json": QT_TRANSLATE_NOOP("ListLabels", "FollowTheMoney entities (JSON)"),
    "bods-json": QT_TRANSLATE_NOOP("ListLabels", "Beneficial ownership data (BODS JSON)"),
    "gleif-xml": QT_TRANSLATE_NOOP("ListLabels", "GLEIF LEI records (XML)"),
    "mapped": QT_TRANSLATE_NOOP("ListLabels", "CSV/XLSX with mapped columns"),
}
_ENGLISH = QLocale(QLocale.Language.English)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def format_name(code: str) -> str:
    """The format as a reader knows it; an unknown code is shown as it is."""
    return _tr(str(FORMAT_NAMES[code])) if code in FORMAT_NAMES else code


def _as_datetime(value: Any) -> date | datetime | None:
    if isinstance(value, datetime | date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return None


def human_date(value: Any) -> str:
    """'19 Dec 2025' (a time of day is kept only when it is not midnight); text that is not
    an ISO date comes back unchanged, '—' for nothing."""
    moment = _as_datetime(value)
    if moment is None:
        return str(value) if value else "—"
    day = QDate(moment.year, moment.month, moment.day)
    text = _ENGLISH.toString(day, QCoreApplication.translate("ListLabels", "d MMM yyyy"))
    if isinstance(moment, datetime) and (moment.hour, moment.minute) != (0, 0):
        clock = QDateTime(day, QTime(moment.hour, moment.minute)).time().toString("HH:mm")
        text = (QCoreApplication.translate("ListLabels", "%1, %2")
                .replace("%1", text).replace("%2", clock))
    return text


def version_label(version: dict[str, Any]) -> str:
    """'v3 · 19 Dec 2025' from the stored label (a date when the publisher gave one)."""
    return f"v{version['id']} · {human_date(version['label'])}"
