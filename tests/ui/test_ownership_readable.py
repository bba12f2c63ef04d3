"""The ownership diagram reads as fitted: no text under 9 pt, names wrapped not cut, the
unlinked parties in a captioned row, undecided list matches marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
from screener.models import Case
from screener.store import Store
from tests.factory import make_entry, make_match, make_version
from tests.ui.test_ownership_tab import make_tab


def _pending_match(store: Store, party_key: str) -> None:
    with store.unit_of_work() as session:
        case = session.get(Case, DEMO_CASE_ID)
        version = make_version(session)
        entry = make_entry(session, version, "E-1", "CHINA NATIONAL NUCLEAR CORP")
        make_match(session, case, entry, party_key=party_key)


def test_the_demo_diagram_is_readable_when_fitted(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_demo_case(store)
    _pending_match(store, "CNNC")
    tab = make_tab(qtbot, store)
    tab.resize(950, 560)  # the tab's share of a 1366 x 768 window
    tab.fit()
    scale = tab.view.transform().m11()
    texts = [i for i in tab.scene.items() if isinstance(i, QGraphicsSimpleTextItem)]
    assert texts
    smallest = min(item.font().pointSizeF() * scale for item in texts)
    assert smallest >= 9.0, f"text shows at {smallest:.1f} pt when fitted"
    shown = [item.text() for item in texts]
    assert not any(text.endswith("…") for text in shown), "names are wrapped, never cut"
    with store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        names = {p.key: p.name for p in case.parties}
        pending = {m.party_key for m in case.matches if m.status == "pending"}
        linked = {k for link in case.ownership_links for k in (link.holder_key, link.held_key)}
    words = " ".join(shown).split()
    for name in names.values():  # every word of every name is on the diagram
        assert all(word in words for word in name.split()), name
    unlinked = set(names) - linked
    assert unlinked, "the demo has a party outside the chain"
    caption = tab.scene.unlinked_caption
    assert caption is not None and caption.text() == "Not linked to the ownership chain"
    for key in unlinked:
        assert tab.scene.node_items[key].sceneBoundingRect().top() > caption.sceneBoundingRect().bottom()
    assert pending == {"CNNC"} and set(tab.scene.pending_marks) == {"CNNC"}
    image = QImage(tab.scene.sceneRect().size().toSize(), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    tab.scene.render(painter)
    painter.end()
    image.save(str(tmp_path / "ownership_scene.png"))
