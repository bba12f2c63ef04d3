"""The Lists window names formats and dates as people write them (codes kept in tooltips)."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from screener.lists.service import import_path
from screener.paths import resources_dir
from screener.store import Store
from ui import i18n
from ui.list_labels import format_name, human_date
from ui.lists_view import ListsWindow

ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T|\s\d)")


def test_dates_and_formats_read_as_people_write_them(qapp: QApplication) -> None:
    assert human_date("2025-12-19") == "19 Dec 2025"
    assert human_date("2025-12-19T00:00:00") == "19 Dec 2025"
    assert human_date(datetime(2026, 12, 6, 9, 5)) == "6 Dec 2026, 09:05"
    assert human_date("sdn_2025/sdn.csv") == "sdn_2025/sdn.csv"  # not a date: as it is
    assert human_date(None) == "—"
    assert format_name("ofac-csv") == "OFAC lists (CSV files)"
    assert format_name("something-new") == "something-new"
    try:
        i18n.install_translators(qapp, "ja")
        assert human_date("2025-12-19") == "2025年12月19日"
        assert format_name("un-xml") == "国連安全保障理事会リスト (XML)"
    finally:
        i18n.install_translators(qapp, "en")


def test_the_versions_table_shows_no_codes_or_iso_stamps(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    import_path(store, resources_dir() / "demo" / "lists" / "UN_consolidated.xml")
    window = ListsWindow(store)
    qtbot.addWidget(window)
    model = window.versions_model if hasattr(window, "versions_model") else None
    if model is None:
        from ui.lists_models import VersionsModel

        model = next(m for m in window.findChildren(VersionsModel))
    row = model.rows[0]
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert shown[1].startswith("v1 · ") and not ISO.search(shown[1])
    assert not ISO.search(shown[2]) and not ISO.search(shown[3])
    assert shown[10] == "UN Security Council list (XML)"
    assert model.index(0, 10).data(Qt.ItemDataRole.ToolTipRole) == row["format"] == "un-xml"
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == row["label"]
