"""A case is cleared only after it was screened: the KOMID deal of issue 26, in the window.

A deal naming KOMID (on the UN list) is imported; before anyone screens it the Summary and
Matches tabs say "Not screened yet" (not "No matches"), the sign-off dialog refuses
"Cleared", and the import offers to screen at once. Taking the offer screens the case and
finds KOMID; the case is still blocked until it is assessed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from screener.demo.case import demo_case_path
from screener.lists.service import import_path
from screener.models import Case
from screener.store import Store
from tests.conftest import SHARED_DATA
from ui.app import build_window
from ui.deal_import import import_path as import_deal_into_window
from ui.signoff_dialog import SignOffDialog

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")]
CASE_ID = "KOMID-2026-0001"
KOMID = "Korea Mining Development Trading Corporation"


def komid_deal(tmp_path: Path) -> Path:
    """The demo deal with its acquirer renamed to KOMID (UN, OFAC and CSL listed)."""
    data = json.loads(demo_case_path().read_text(encoding="utf-8"))
    transaction = data["transactions"][0]
    transaction["case_id"] = CASE_ID
    acquirer = next(p for p in transaction["parties"] if p["key"] == "PLH")
    acquirer["name"] = KOMID
    acquirer.pop("name_original", None)
    path = tmp_path / "komid_deal.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _tab(window, class_name: str):  # type: ignore[no-untyped-def]
    return next(t for t in window.case_view.tab_widgets if type(t).__name__ == class_name)


def test_an_unscreened_komid_deal_cannot_be_signed_cleared(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCREENER_USER", "ana.reviewer")
    import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    import_deal_into_window(window, komid_deal(tmp_path), modal=False)
    offer = window.screen_offer
    assert offer.isVisible() and "not been screened" in offer.text()
    offer.done(0)  # "Later": the reviewer goes on without screening
    summary = _tab(window, "SummaryTab")
    matches = _tab(window, "MatchesTab")
    assert summary.screening_value.text() == "Not screened yet"
    assert summary.matches_value.text() == "Not screened yet"
    assert summary.screen_now_button.isVisibleTo(summary)
    assert matches.count.text() == "Not screened yet: press Screen now"
    assert summary.tier_value.text().startswith("Not assessed")

    monkeypatch.setattr("ui.tabs.summary_tab.QInputDialog.getText", lambda *a, **k: ("ok", True))
    summary.move_to("screening")
    summary.move_to("in_review")
    dialog = SignOffDialog(store, CASE_ID, window)
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("cleared"))
    assert not dialog.sign_button.isEnabled()
    assert re.search(r"Not screened: 14 part(ies|y\(ies\)) were never screened", dialog.problems.text())
    assert "Not assessed" in dialog.problems.text()
    window.grab().save(str(tmp_path / "not_screened.png"))

    # "Screen now" where the match counts are: the screening finds KOMID
    with qtbot.waitSignal(matches.screened, timeout=120000):
        summary.screen_now_button.click()
    assert window.case_view.tabs.currentWidget() is matches
    with store.session() as session:
        case = session.get(Case, CASE_ID)
        assert case is not None
        hits = [m for m in case.matches if m.matched_name.startswith("KOREA MINING DEVELOPMENT")]
        assert hits, "KOMID is found once the case is screened"
    window.case_view.show_case(CASE_ID)
    assert summary.screening_value.text().startswith("Screened ")
    assert not summary.screen_now_button.isVisibleTo(summary)
    again = SignOffDialog(store, CASE_ID, window)
    qtbot.addWidget(again)
    again.outcome.setCurrentIndex(again.outcome.findData("cleared"))
    assert not again.sign_button.isEnabled()
    assert "Not screened" not in again.problems.text()
    assert "Not assessed" in again.problems.text()
    assert "still undecided" in again.problems.text()


def test_taking_the_import_offer_screens_the_case(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    import_deal_into_window(window, komid_deal(tmp_path), modal=False)
    matches = _tab(window, "MatchesTab")
    with qtbot.waitSignal(matches.screened, timeout=120000):
        window.screen_offer_button.click()
    summary = _tab(window, "SummaryTab")
    assert summary.screening_value.text().startswith("Screened ")
    assert "pending" in summary.matches_value.text()
    # the same file imported again: nothing to screen, so nothing is offered (it asked to
    # screen "parties that have not been screened" of a case screened a moment before)
    window.screen_offer = None
    import_deal_into_window(window, komid_deal(tmp_path), modal=False)
    assert window.screen_offer is None
