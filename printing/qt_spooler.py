"""The Windows print spooler through Qt print support (PySide6 is imported lazily, here only).

The same ticket (or slip) PDF as everywhere else is rasterised by QtPdf (QPdfDocument) at the
printer's resolution and painted onto a QPrinter page of its exact size. Qt hands the job to the
spooler but cannot see it complete, so success here means "spooled", and says so in the detail.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from printing.model import TicketPrint
from printing.pdf import render_ticket
from printing.pdf_layout import RenderedPage
from printing.result import ERROR, OFFLINE, REFUSED, PrintResult
from printing.slip import SlipPrint
from printing.slip_pdf import render_slip

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter


def paint_pdf_page(pdf: bytes, painter: QPainter, target: QRectF, dpi: float) -> None:
    """Rasterise page 1 of ``pdf`` at ``dpi`` and draw it into ``target`` (device pixels)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    with tempfile.TemporaryDirectory(prefix="ticket-") as tmp:
        path = Path(tmp) / "ticket.pdf"
        path.write_bytes(pdf)
        doc = QPdfDocument()
        error = doc.load(str(path))  # the file overload loads synchronously
        if error != QPdfDocument.Error.None_ or doc.pageCount() < 1:
            raise RuntimeError(f"QtPdf cannot load the ticket PDF: {error}")
        points = doc.pagePointSize(0)
        size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
        image = doc.render(0, size)
        doc.close()
    if image.isNull():
        raise RuntimeError("QtPdf rendered an empty image")
    painter.drawImage(target, image)


class QtSpoolerBackend:
    def __init__(self, printer_name: str, *, paper_mm: int = 80) -> None:
        self.printer_name = printer_name
        self.paper_mm = paper_mm

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        return self._guarded(lambda: render_ticket(ticket, self.paper_mm), "ticket")

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        return self._guarded(lambda: render_slip(slip, self.paper_mm), "slip")

    def _guarded(self, render: Callable[[], RenderedPage], what: str) -> PrintResult:
        try:
            return self._print(render(), what)
        except Exception as exc:  # Qt raises little; anything here is a device/driver problem
            return PrintResult.failed(
                ERROR, f"{self.printer_name}: {exc!r}", backend="spooler", what=what
            )

    def _print(self, rendered: RenderedPage, what: str) -> PrintResult:
        from PySide6.QtCore import QMarginsF, QRectF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        info = QPrinterInfo.printerInfo(self.printer_name)
        if info.isNull():
            return PrintResult.failed(
                OFFLINE, f"no printer named {self.printer_name!r}", backend="spooler", what=what
            )
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        size = QPageSize(
            QSizeF(rendered.width_mm, rendered.height_mm), QPageSize.Unit.Millimeter, what.title()
        )
        printer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        printer.setFullPage(True)
        printer.setDocName(what)  # the spooler lists it: no personal data
        painter = QPainter()
        if not painter.begin(printer):
            return PrintResult.failed(
                REFUSED,
                f"{self.printer_name}: the spooler refused the job",
                backend="spooler",
                what=what,
            )
        try:
            dpi = printer.resolution()
            target = QRectF(0, 0, rendered.width_mm / 25.4 * dpi, rendered.height_mm / 25.4 * dpi)
            paint_pdf_page(rendered.pdf, painter, target, dpi)
        finally:
            painter.end()
        return PrintResult.printed(f"spooled to {self.printer_name} (no completion report)")
