"""The memo preview: pages shown, language switch, Save as PDF, Print, and the Case actions."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from screener.store import Store
from tests.memo_factory import CASE_ID, CHINESE_NAME, seed_rich_case
from ui.app import build_window
from ui.memo_preview import MemoPreviewDialog, export_results, rasterise, show_memo

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def _open(qtbot, store: Store) -> MemoPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = MemoPreviewDialog(store, CASE_ID)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=20000)
    return dialog


def test_preview_shows_every_page_and_saves_the_same_pdf(
    qtbot, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    seed_rich_case(store)
    dialog = _open(qtbot, store)
    dialog.show()
    assert dialog.rendered is not None
    pages = len(PdfReader(io.BytesIO(dialog.rendered.pdf)).pages)
    assert len(dialog.rendered.pages) == pages >= 5
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    first = dialog.rendered.pages[0]
    assert first.width() > 800 and first.pixelColor(5, 5).name() == "#ffffff"
    dialog.grab().save(str(tmp_path / "memo_preview.png"))  # looked at by hand while building
    saved = dialog.save_as(str(tmp_path / "memo"))
    assert saved == tmp_path / "memo.pdf"
    assert saved.read_bytes() == dialog.rendered.pdf
    assert CHINESE_NAME in PdfReader(saved).pages[0].extract_text() + "".join(
        p.extract_text() for p in PdfReader(saved).pages
    )


def test_language_switch_rebuilds_in_japanese(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    seed_rich_case(store)
    dialog = _open(qtbot, store)
    english = dialog.rendered
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    qtbot.waitUntil(
        lambda: dialog.rendered is not english and dialog.save_button.isEnabled(), timeout=20000
    )
    assert dialog.rendered is not None
    assert "取扱注意" in PdfReader(io.BytesIO(dialog.rendered.pdf)).pages[0].extract_text()


def test_print_paints_every_page_to_the_printer(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed_rich_case(store)
    dialog = _open(qtbot, store)
    assert dialog.rendered is not None
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_memo(printer)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == len(dialog.rendered.pages)


def test_the_shipped_cjk_font_is_offered_to_qt(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontDatabase

    from ui.fonts import register_shipped_fonts

    assert "Droid Sans Fallback" in register_shipped_fonts()
    assert any("Droid Sans Fallback" in family for family in QFontDatabase.families())


def test_rasterise_gives_one_image_per_page_at_the_asked_resolution() -> None:
    images = rasterise(_blank_pdf(), 72)
    assert [(i.width(), i.height()) for i in images] == [(612, 792)]


def test_case_menu_memo_and_export(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed_rich_case(store)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    assert window.select_case(CASE_ID)
    texts = [a.text() for a in window.case_menu.actions()]
    assert "&Memo…" in texts and "&Export results…" in texts
    dialog = show_memo(window)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=20000)
    dialog.close()
    written = export_results(window, str(tmp_path / "results.xlsx"))
    assert written is not None
    assert openpyxl.load_workbook(written).sheetnames[0] == "Screening results"


def test_in_a_japanese_window_the_memo_and_the_export_are_japanese(
    qtbot, qapp, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A Japanese officer's memo opens in Japanese and the results export in the memo's words."""
    from ui import i18n

    seed_rich_case(store)
    assert i18n.install_translators(qapp, "ja") == "ja"
    try:
        window = build_window(store, load_demo=False)
        qtbot.addWidget(window)
        assert window.select_case(CASE_ID)
        dialog = show_memo(window)
        assert dialog is not None and dialog.lang == "ja"
        qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=20000)
        assert dialog.rendered is not None
        assert "取扱注意" in PdfReader(io.BytesIO(dialog.rendered.pdf)).pages[0].extract_text()
        dialog.close()
        written = export_results(window, str(tmp_path / "results.xlsx"))
    finally:
        i18n.install_translators(qapp, "en")
    assert written is not None
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[0] == "スクリーニング結果"
    assert book["スクリーニング結果"]["B1"].value == "当事者"


def _blank_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page_share(dialog: MemoPreviewDialog) -> list[float]:
    """Each page's laid-out width as a share of the viewport, checked as the page looks."""
    view = dialog.scroll_area.viewport().width()
    shares = []
    for label in dialog._page_labels:
        shown = label.geometry()
        assert shown.height() > shown.width(), f"page laid out as a sliver: {shown}"
        shares.append(shown.width() / view)
    return shares


@pytest.mark.parametrize(
    "shown_first", [True, False], ids=["shown-then-rendered", "rendered-then-shown"]
)
def test_pages_fill_the_view_as_soon_as_they_are_shown(
    qtbot, store: Store, shown_first: bool
) -> None:  # type: ignore[no-untyped-def]
    """Not slivers: the pages are laid out when `rendered` is set, and refit on every resize."""
    seed_rich_case(store)
    dialog = MemoPreviewDialog(store, CASE_ID)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 720)
    if shown_first:
        dialog.show()
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=20000)
    if not shown_first:
        dialog.show()
        qtbot.waitExposed(dialog)
    assert all(0.85 <= share <= 1.0 for share in _page_share(dialog))
    dialog.resize(700, 600)
    qtbot.waitUntil(lambda: dialog.scroll_area.viewport().width() < 700)
    assert all(0.85 <= share <= 1.0 for share in _page_share(dialog))
