"""A source's versions on a timeline with added / changed / removed counts; a click selects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from screener.lists.delta import compute_delta
from screener.lists.service import import_path
from screener.store import Store
from tests.ui.test_lists_view import CONS_CSV, ENHANCED
from ui.lists_view import ListsWindow
from ui.versions_timeline import change_text


def test_each_version_shows_what_it_changed(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_path(store, CONS_CSV)
    import_path(store, ENHANCED)
    view = ListsWindow(store)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view._select_version(1)
    ordered = view.timeline.marks  # by date: the enhanced XML says it was published first
    assert [m.version_id for m in ordered] == [2, 1]
    assert [m.when for m in ordered] == sorted(m.when for m in ordered)
    first, second = ordered
    assert first.added is None and change_text(first) == ""
    with store.session() as session:
        delta = compute_delta(session, first.version_id, second.version_id)
    assert (second.added, second.changed, second.removed) == (
        len(delta.added), len(delta.changed), len(delta.removed)
    )
    assert change_text(second) == f"+{len(delta.added):,} ~{len(delta.changed):,} −{len(delta.removed):,}"
    centres = view.timeline.centres()
    assert centres[first.version_id].x() < centres[second.version_id].x()
    view.grab().save(str(tmp_path / "lists_timeline.png"))
    qtbot.mouseClick(view.timeline, Qt.MouseButton.LeftButton, pos=centres[2].toPoint())
    assert view.selected_version()["id"] == 2  # type: ignore[index]
