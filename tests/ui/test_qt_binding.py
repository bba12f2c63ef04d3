"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 (abi3 wheels) on Python 3.11 returned None from every void call without
taking a reference: clicking through a few hundred tabs ran None's count down to zero and
the app aborted ("none_dealloc"). pyproject.toml excludes that release; this catches it.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_consume_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(2000):
        label.setText(str(number))
    assert sys.getrefcount(None) - before > -100
