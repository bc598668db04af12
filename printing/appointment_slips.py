"""Appointment slips (预约凭条) for the village staff to hand out: A4, eight to a page (two columns,
four rows) with dashed cut lines between them. Each slip has the site, the day, the masked name
(never the document or phone), the village, the dose, and a QR holding the appointment's opaque
token, which the kiosk's "我有预约" scans.

The QR is drawn as vector modules (as the ticket's, :mod:`printing.pdf_layout`), large enough
(30 mm, error correction M) for a kiosk's scanner through a crease; the font is the embedded CJK
one (:mod:`printing.fonts`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import qrcode
import qrcode.constants
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.appointments import Appointment
from kiosk.privacy import mask_name
from printing.fonts import register_ticket_font

COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
SLIP_W, SLIP_H = A4[0] / COLUMNS, A4[1] / ROWS
QR_MM = 30.0
_PAD = 6 * mm
_WEEKDAYS = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def draw_qr(c: Canvas, token: str, x: float, y: float, side: float) -> None:
    """``token`` as a QR code, its lower left corner at (x, y), ``side`` points square (with the
    quiet zone)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(token)
    qr.make(fit=True)
    matrix: list[list[bool]] = qr.get_matrix()
    module = side / len(matrix)
    c.setFillGray(0)
    path = c.beginPath()
    for r, row in enumerate(matrix):
        top = y + side - (r + 1) * module
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + start * module, top, (col - start) * module, module)
                start = None
    c.drawPath(path, stroke=0, fill=1)


def day_text(day: date) -> tuple[str, str]:
    """The day in Chinese and English: ("2026年12月3日 星期四", "Thu 3 Dec 2026")."""
    return (
        f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}",
        f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {day:%b} {day.year}",
    )


def _fit(text: str, font: str, size: float, width: float) -> float:
    """``size``, made smaller until ``text`` fits ``width`` (a long site name, a long village)."""
    while size > 6 and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _slip(c: Canvas, font: str, a: Appointment, site: str, x: float, y: float) -> None:
    """One slip with its lower left corner at (x, y)."""
    qr_side = QR_MM * mm
    text_w = SLIP_W - 2 * _PAD - qr_side - 3 * mm
    left, top = x + _PAD, y + SLIP_H - _PAD
    c.setFillGray(0)
    size = _fit(site, font, 9, SLIP_W - 2 * _PAD)
    c.setFont(font, size)
    c.drawString(left, top - 9, site)
    c.setFont(font, 13)
    c.drawString(left, top - 27, "预约凭条")
    c.setFont(font, 7.5)
    c.drawString(left + stringWidth("预约凭条 ", font, 13), top - 27, "Appointment slip")
    c.setLineWidth(0.5)
    c.line(left, top - 32, x + SLIP_W - _PAD, top - 32)
    c.setFont(font, 20)
    c.drawString(left, top - 58, mask_name(a.name))
    zh, en = day_text(a.day)
    lines = [
        (_fit(zh, font, 11, text_w), zh),
        (7.5, en),
        (_fit(a.village, font, 10, text_w), f"{a.village}"),
        (10, f"第{a.dose_number}剂  Dose {a.dose_number}"),
    ]
    at = top - 78
    for size, line in lines:
        c.setFont(font, size)
        c.drawString(left, at, line)
        at -= size * 1.45
    qx = x + SLIP_W - _PAD - qr_side
    qy = top - 36 - qr_side
    draw_qr(c, a.token, qx, qy, qr_side)
    c.setFont(font, 7.5)
    c.drawString(left, y + _PAD + 10, "请带好身份证件，到自助取号机点「我有预约」扫描此码")
    c.setFont(font, 6.5)
    c.drawString(
        left, y + _PAD, "Bring your ID. At the kiosk, tap 'I have an appointment' and scan."
    )


def _cut_lines(c: Canvas) -> None:
    c.saveState()
    c.setStrokeGray(0.55)
    c.setLineWidth(0.4)
    c.setDash(4, 3)
    for col in range(1, COLUMNS):
        c.line(col * SLIP_W, 0, col * SLIP_W, A4[1])
    for row in range(1, ROWS):
        c.line(0, row * SLIP_H, A4[0], row * SLIP_H)
    c.restoreState()


def render_slips(appointments: Sequence[Appointment], site_name: str) -> bytes:
    """The slips of ``appointments`` in order, eight to an A4 page, as one PDF."""
    font = register_ticket_font()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1, invariant=True, initialFontName=font)
    c.setTitle(f"{site_name} 预约凭条")
    c.setAuthor(site_name)
    for start in range(0, len(appointments), PER_PAGE):
        _cut_lines(c)
        for i, a in enumerate(appointments[start : start + PER_PAGE]):
            col, row = i % COLUMNS, i // COLUMNS
            _slip(c, font, a, site_name, col * SLIP_W, A4[1] - (row + 1) * SLIP_H)
        c.showPage()
    c.save()
    return buf.getvalue()
