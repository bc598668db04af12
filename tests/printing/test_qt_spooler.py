"""The Windows spooler path, smoke-tested here: the same PDFs through QtPdf into a QImage."""

from __future__ import annotations

import pytest
from PIL import Image

from printing.model import TicketPrint
from printing.pdf import render_ticket
from printing.pdf_layout import RenderedPage
from printing.qt_spooler import QtSpoolerBackend, paint_pdf_page
from printing.slip import SlipPrint
from printing.slip_pdf import render_slip
from tests.printing.pdfcheck import dark_fraction, qr_payloads

pytest.importorskip("PySide6.QtPdf", reason="PySide6-Pdf wheel (QtPdf) not installed")


def _paint(rendered: RenderedPage) -> Image.Image:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    dpi = 203  # a thermal head
    w, h = round(rendered.width_mm / 25.4 * dpi), round(rendered.height_mm / 25.4 * dpi)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_pdf_page(rendered.pdf, painter, QRectF(0, 0, w, h), dpi)
    finally:
        painter.end()
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    ptr = gray.constBits()
    return Image.frombuffer("L", (w, h), bytes(ptr), "raw", "L", gray.bytesPerLine(), 1)


def test_pdf_paints_into_an_image_through_the_spooler_code_path(
    qapp: object, ticket: TicketPrint
) -> None:
    pil = _paint(render_ticket(ticket, 80))
    assert 0.05 < dark_fraction(pil) < 0.5
    assert qr_payloads(pil) == [ticket.token]


def test_slip_paints_through_the_spooler_code_path(qapp: object, slip: SlipPrint) -> None:
    pil = _paint(render_slip(slip, 58))
    assert 0.03 < dark_fraction(pil) < 0.5
    assert qr_payloads(pil) == [slip.token]


def test_unknown_windows_printer_is_offline(qapp: object, ticket: TicketPrint) -> None:
    result = QtSpoolerBackend("No Such Printer 42").print_ticket(ticket)
    assert (result.ok, result.code) == (False, "offline")


def test_unknown_windows_printer_is_offline_for_a_slip(qapp: object, slip: SlipPrint) -> None:
    result = QtSpoolerBackend("No Such Printer 42").print_slip(slip)
    assert (result.ok, result.code) == (False, "offline")
