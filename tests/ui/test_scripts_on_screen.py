"""Every script on screen: Han, kana, Hangul, Cyrillic and Arabic names drawn, not boxes.

The proof is the text engine's own choice of glyphs: Qt lays a cell's text out with the
view's font and its fallbacks (`QTextLayout.glyphRuns`, what the paint then draws), and glyph
index 0 is the font's missing-glyph box. The machine these tests run on has no system CJK or
Hangul font (CI's has DejaVu only), so a pass means the fonts shipped in resources/fonts were
registered by the app at start. The grabbed Parties tab is also compared, cell by cell,
against the same text drawn as boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from screener.models import Case, Party
from screener.store import Store
from ui.app import build_window
from ui.fonts import ScriptAwareDelegate, is_right_to_left

NAMES = {
    "Han": "中国华信稀土集团有限公司",
    "kana": "さくらメタル商事株式会社",
    "Hangul": "조선광업개발무역회사",
    "Cyrillic": "ООО Уральские редкие металлы",
    "Arabic": "شركة الخليج للمعادن",
}
CASE_ID = "SCRIPTS-2026-0001"


def missing_glyphs(text: str, font: QFont) -> int:
    """How many glyphs Qt would draw as the missing-glyph box for `text` in `font`."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert runs, f"nothing laid out for {text!r}"
    return sum(list(run.glyphIndexes()).count(0) for run in runs)


def glyph_ids(text: str, font: QFont) -> list[int]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [g for run in layout.glyphRuns() for g in run.glyphIndexes()]


def _seed(store: Store) -> None:
    with store.unit_of_work() as session:
        case = Case(id=CASE_ID, title="Every script", status="in_review", jurisdictions=["US"])
        case.parties = [
            Party(key=script.upper(), name=f"{script} party", name_original=name,
                  country_incorporation="US")
            for script, name in NAMES.items()
        ]
        session.add(case)


def _boxes_image(text: str, font: QFont, size: tuple[int, int]) -> QImage:
    """The same number of characters as boxes: a private-use character no font covers."""
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(4, size[1] - 6, "\ue000" * len(text))
    painter.end()
    return image


def test_the_parties_tab_draws_every_script(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(store)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.select_case(CASE_ID)
    tabs = window.case_view.tabs
    parties = next(tabs.widget(i) for i in range(tabs.count()) if tabs.widget(i).title in ("Parties", "当事者"))
    tabs.setCurrentWidget(parties)
    qtbot.waitExposed(window)
    table = parties.table
    model = table.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Original script")
    shown = {model.index(row, column).data(): row for row in range(model.rowCount())}
    assert set(shown) == set(NAMES.values())
    font = table.font()
    for script, name in NAMES.items():
        assert missing_glyphs(name, font) == 0, f"{script} name drawn as boxes: {name}"
    grabbed = parties.grab().toImage()
    parties.grab().save(str(tmp_path / "parties_every_script.png"))
    for name, row in shown.items():
        rect = table.visualRect(model.index(row, column)).translated(table.viewport().pos())
        rect = rect.translated(table.mapTo(parties, table.rect().topLeft()))
        cell = grabbed.copy(rect)
        boxes = _boxes_image(name, font, (rect.width(), rect.height()))
        ink = sum(1 for x in range(cell.width()) for y in range(cell.height())
                  if QColor(cell.pixel(x, y)).lightness() < 128)
        assert ink > 20, f"nothing drawn for {name}"
        assert cell.convertToFormat(QImage.Format.Format_RGB32) != boxes


def test_a_tree_and_a_plain_table_draw_them_too(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store, load_demo=False)  # the app's start registers the fonts
    qtbot.addWidget(window)
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    for name in NAMES.values():
        QTreeWidgetItem(tree, [name])
    tree.show()
    qtbot.waitExposed(tree)
    for name in NAMES.values():
        assert missing_glyphs(name, tree.font()) == 0, name
    bold = QFont(tree.font())
    bold.setBold(True)  # the ownership diagram's party names are bold
    for name in NAMES.values():
        assert missing_glyphs(name, bold) == 0, name


def test_arabic_is_shaped_and_set_right_to_left(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    _seed(store)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    font = window.font()
    word = "شركة"
    joined = glyph_ids(word, font)
    isolated = [glyph_ids(letter, font)[0] for letter in word]
    assert len(joined) == len(isolated) and joined != isolated[::-1] and joined != isolated, (
        "contextual (joined) forms, not the isolated letters"
    )
    assert is_right_to_left(NAMES["Arabic"]) and not is_right_to_left(NAMES["Cyrillic"])
    assert window.select_case(CASE_ID)
    window.show()
    tabs = window.case_view.tabs
    parties = next(tabs.widget(i) for i in range(tabs.count()) if tabs.widget(i).title == "Parties")
    tabs.setCurrentWidget(parties)
    qtbot.waitExposed(window)
    delegate = parties.table.itemDelegate()
    assert isinstance(delegate, ScriptAwareDelegate)  # installed on every view at first show
    model = parties.table.model()
    arabic_row = next(r for r in range(model.rowCount())
                      if model.index(r, 2).data() == NAMES["Arabic"])
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(arabic_row, 2))
    assert option.direction == Qt.LayoutDirection.RightToLeft
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(arabic_row, 1))
    assert option.direction != Qt.LayoutDirection.RightToLeft
