"""The memo as it will print: a page preview, Save as PDF and Print.

The preview shows the very PDF that Save writes, rasterised by PDFium (pypdfium2; this
PySide6-Essentials build has no QtPdf), so what the officer checks on screen is what goes up
the chain. Printing rasterises the same pages at the printer's resolution.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from screener.exports.case import export_case
from screener.exports.files import ExportError, write_atomically
from screener.memo import MemoError, load_memo_data, memo_pdf_bytes
from screener.store import Store
from ui.fonts import register_shipped_fonts
from ui.i18n import shown_language
from ui.screen_fit import resize_to_fit
from ui.workers import Worker

PREVIEW_DPI = 144  # sharp on high-density screens; shown scaled to the window's width
LANGUAGES = (("en", "English"), ("ja", "日本語"))


@dataclass(frozen=True)
class RenderedMemo:
    pdf: bytes
    pages: tuple[QImage, ...]


def iter_pages(pdf: bytes, dpi: float) -> Iterator[QImage]:
    """Each page of a PDF as an image at `dpi`, one at a time (a 300 dpi page is ~35 MB)."""
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            bitmap = page.render(
                scale=dpi / 72.0,
                rev_byteorder=True,
                force_bitmap_format=pdfium_raw.FPDFBitmap_BGRA,
            )
            buffer = bytes(bitmap.buffer)
            image = QImage(
                buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBA8888
            )
            page.close()
            yield image.copy()  # detach from the Python buffer
    finally:
        document.close()


def rasterise(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of a PDF as an image at `dpi`; Qt-owned copies, safe to keep."""
    return list(iter_pages(pdf, dpi))


def render_memo(store: Store, case_id: str, lang: str) -> RenderedMemo:
    pdf = memo_pdf_bytes(load_memo_data(store, case_id), lang)
    return RenderedMemo(pdf, tuple(rasterise(pdf, PREVIEW_DPI)))


class MemoPreviewDialog(QDialog):
    """Preview one case's memo; the PDF is rebuilt when the language changes."""

    def __init__(self, store: Store, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.case_id = case_id
        self.rendered: RenderedMemo | None = None
        self._worker: Worker | None = None
        self._page_labels: list[QLabel] = []
        register_shipped_fonts()  # "日本語" in the language box, if opened on its own
        self.setWindowTitle(self.tr("Review memo — %s") % case_id)
        resize_to_fit(self, 1000, 900)
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.language = QComboBox(self)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        # in the window's language: a Japanese officer's memo opens in Japanese
        self.language.setCurrentIndex(max(0, self.language.findData(shown_language())))
        self.language.currentIndexChanged.connect(self.refresh)
        self.status = QLabel(self)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.clicked.connect(self.print_memo)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        bar.addWidget(QLabel(self.tr("Language:"), self))
        bar.addWidget(self.language)
        bar.addSpacing(12)
        bar.addWidget(self.status, 1)
        for button in (self.save_button, self.print_button, close):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setStyleSheet("QScrollArea { background: #5f6b78; }")
        # always on, so fitting the pages to the width cannot toggle it and refit forever
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.viewport().installEventFilter(self)
        layout.addWidget(self.scroll_area, 1)

    @property
    def lang(self) -> str:
        return str(self.language.currentData())

    def refresh(self) -> None:
        """Build the memo off the UI thread; the buttons wait for the new pages."""
        self._set_busy(True)
        store, case_id, lang = self.store, self.case_id, self.lang
        self._worker = Worker(lambda _progress, _cancelled: render_memo(store, case_id, lang))
        self._worker.signals.finished.connect(self._show)
        self._worker.signals.failed.connect(self._failed)
        self._worker.start()

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy and self.rendered is not None)
        self.print_button.setEnabled(not busy and self.rendered is not None)
        self.language.setEnabled(not busy)
        if busy:
            self.status.setText(self.tr("Preparing the memo…"))

    def _show(self, rendered: RenderedMemo) -> None:
        """Lay the pages out before saying they are shown.

        The pages are fitted to the viewport's width, so the dialog's layout is settled first (a
        memo rendered before the dialog is on screen, or while its size is pending, would
        otherwise be fitted to a 100-px viewport) and the page column is laid out at once:
        whatever looks as soon as `rendered` is set (a grab, a test, a paint) sees whole
        pages, never unlaid-out slivers.
        """
        layout = self.layout()
        if layout is not None:
            layout.activate()
        pages = QWidget()
        pages.setStyleSheet("background: #5f6b78;")
        column = QVBoxLayout(pages)
        column.setSpacing(14)
        column.setContentsMargins(14, 14, 14, 14)
        self._page_labels = []
        for _image in rendered.pages:
            label = QLabel(pages)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._page_labels.append(label)
        self.scroll_area.setWidget(pages)
        self._fit_pages(rendered)
        self.rendered = rendered
        self.status.setText(self.tr("%n page(s)", "", len(rendered.pages)))
        self._set_busy(False)

    def _fit_pages(self, rendered: RenderedMemo | None = None) -> None:
        """Pages as wide as the window allows, never wider than their rendered size."""
        rendered = rendered or self.rendered
        if rendered is None:
            return
        width = max(200, self.scroll_area.viewport().width() - 32)
        for label, image in zip(self._page_labels, rendered.pages, strict=True):
            shown = (
                image
                if image.width() <= width
                else image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            )
            label.setPixmap(QPixmap.fromImage(shown))
        pages = self.scroll_area.widget()
        laid_out = pages.layout() if pages is not None else None
        if pages is not None and laid_out is not None:
            laid_out.activate()
            # The scroll area sizes its widget only when it next handles the layout request
            # it was posted; until then the column is squeezed into the viewport's height and
            # a paint or grab in between sees each page as a sliver. Size it and place the
            # pages now, as the scroll area will (at least the viewport, else the pages' size).
            viewport, wanted = self.scroll_area.viewport().size(), pages.sizeHint()
            pages.resize(
                max(viewport.width(), wanted.width()), max(viewport.height(), wanted.height())
            )
            laid_out.setGeometry(pages.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_pages()
        return super().eventFilter(watched, event)

    def _failed(self, message: str, _details: str) -> None:
        self.rendered = None
        self._set_busy(False)
        self.status.setText(self.tr("The memo could not be built."))
        QMessageBox.warning(self, self.tr("Review memo"), message)

    def default_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(folder or ".") / f"{self.case_id}-memo-{self.lang}.pdf")

    def save_as(self, path: str | None = None) -> Path | None:
        if self.rendered is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save memo as PDF"), self.default_path(), self.tr("PDF (*.pdf)")
            )
        if not path:
            return None
        target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        pdf = self.rendered.pdf
        try:
            write_atomically(target, lambda tmp: tmp.write_bytes(pdf))
        except ExportError as exc:
            QMessageBox.warning(self, self.tr("Save memo"), str(exc))
            return None
        self.status.setText(self.tr("Saved to %s") % target)
        return target

    def print_memo(self, printer: QPrinter | None = None) -> bool:
        if self.rendered is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(f"{self.case_id} review memo")
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        return print_pdf(self.rendered.pdf, printer)


def print_pdf(pdf: bytes, printer: Any) -> bool:
    """Paint every page, scaled to the printable area with its proportions kept."""
    resolution = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index, image in enumerate(iter_pages(pdf, resolution)):
            if index:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()
    return True


def install_memo_actions(window: Any) -> None:
    """Case > Memo… and Case > Export results…, acting on the case shown in the window."""
    memo = QAction(QCoreApplication.translate("MemoActions", "&Memo…"), window)
    memo.setShortcut(QKeySequence("Ctrl+Shift+M"))
    memo.triggered.connect(lambda: show_memo(window))
    export = QAction(QCoreApplication.translate("MemoActions", "&Export results…"), window)
    export.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export.triggered.connect(lambda: export_results(window))
    window.case_menu.addSeparator()
    window.case_menu.addAction(memo)
    window.case_menu.addAction(export)
    window.toolbar.addAction(memo)
    window.memo_action = memo
    window.export_action = export


def _selected_case(window: Any, title: str) -> str | None:
    case_id = window.current_case_id()
    if case_id is None:
        QMessageBox.information(
            window, title, QCoreApplication.translate("MemoActions", "Select a case first.")
        )
    return case_id


def show_memo(window: Any) -> MemoPreviewDialog | None:
    case_id = _selected_case(window, QCoreApplication.translate("MemoActions", "Review memo"))
    if case_id is None:
        return None
    dialog = MemoPreviewDialog(window.store, case_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.memo_dialog = dialog
    return dialog


def export_results(window: Any, path: str | None = None) -> Path | None:
    """Ask for an .xlsx or .csv file and export the selected case's results to it."""
    title = QCoreApplication.translate("MemoActions", "Export results")
    case_id = _selected_case(window, title)
    if case_id is None:
        return None
    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, chosen = QFileDialog.getSaveFileName(
            window,
            title,
            str(Path(folder or ".") / f"{case_id}-results.xlsx"),
            QCoreApplication.translate("MemoActions", "Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path and not Path(path).suffix:
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
    if not path:
        return None
    try:
        written = export_case(window.store, case_id, path, shown_language())
    except (ExportError, MemoError) as exc:
        QMessageBox.warning(window, title, str(exc))
        return None
    window.statusBar().showMessage(
        QCoreApplication.translate("MemoActions", "Results exported to %s") % written, 8000
    )
    return written
