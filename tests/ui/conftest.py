"""The window's tests see English as the app shows it: with the plural forms of
resources/i18n/screener_en.ts ("2 matches", not "2 match(es)"), loaded at start by ui/app.py."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _english_as_the_app_loads_it(qapp: QApplication) -> None:
    from ui import i18n

    if not getattr(qapp, "_screener_translators", None):
        i18n.install_translators(qapp, "en")
