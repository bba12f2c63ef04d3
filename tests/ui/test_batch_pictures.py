"""A finished batch as pictures: hit scores against the threshold, hits per list (a click on a
list's bar filters the table to that list)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from screener.store import Store
from tests.ui.test_batch_view import UNLISTED, batch_file, listed  # noqa: F401
from ui.batch_view import BatchScreenWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")


def test_the_score_distribution_and_hits_per_list(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path  # noqa: F811
) -> None:
    window = BatchScreenWindow(store)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert not window.pictures.isVisible()
    window.set_file(batch_file(tmp_path / "names.csv", [*listed, *UNLISTED]))
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.screen_button.click()
    assert window.pictures.isVisible()
    outcome = window.outcome
    assert outcome is not None
    hits = [hit for result in outcome.results for hit in result.hits]
    histogram = window.histogram
    assert sum(histogram.counts) == len(hits) and histogram.threshold == outcome.description.threshold
    assert histogram.x_of(histogram.threshold) >= histogram.x_of(histogram.start)
    top = max(range(len(histogram.counts)), key=lambda i: histogram.counts[i])
    assert histogram.bin_rect(top).height() == max(
        histogram.bin_rect(i).height() for i in range(len(histogram.counts))
    )
    per_list = {bar.key: bar.count for bar in window.hits_per_list.bars}
    expected: dict[str, int] = {}
    for hit in hits:
        expected[hit.source] = expected.get(hit.source, 0) + 1
    assert per_list == expected
    window.grab().save(str(tmp_path / "batch_pictures.png"))

    source = window.hits_per_list.bars[0].key
    rect = window.hits_per_list.bar_rect(0)
    qtbot.mouseClick(window.hits_per_list, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(rect.left()) + 2, int(rect.center().y())))
    shown = {window.proxy.index(r, 3).data() for r in range(window.proxy.rowCount())}
    assert shown == {source} and window.source_box.currentData() == source
