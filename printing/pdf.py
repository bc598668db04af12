"""The ticket as a PDF: one page exactly as wide as the paper roll, as tall as its content.

Used by the PDF-folder backend, CUPS and the Windows spooler. Layout works in points from the top
of the page down: each block knows its height first, so the page height is fitted to the content
before anything is drawn. The QR code is drawn as vector modules from the qrcode library's matrix
(not a raster image): nothing to resample when a driver scales the page, so edges stay sharp on a
203 dpi thermal head, and it is faster than encoding an image.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import register_ticket_font
from printing.model import REPRINT_MARK, TicketPrint, ticket_wording

PAPER_WIDTHS_MM = (80, 58)
# Thermal heads print 72 mm of an 80 mm roll and 48 mm of a 58 mm roll.
_PRINTABLE_MM = {80: 72.0, 58: 48.0}
_BOTTOM_FEED_MM = 6.0  # room before the cutter


_FILL, _FILL_STROKE = 0, 2  # PDF text render modes


def _text_mode(c: Canvas, bold: bool, size: float) -> int:
    """Fake a bold face (the font has one weight) by stroking the glyph outlines too."""
    if not bold:
        return _FILL
    c.setLineWidth(size * 0.03)
    c.setStrokeGray(0)
    return _FILL_STROKE


@dataclass(frozen=True)
class _Block:
    height: float
    draw: Callable[[Canvas, float], None]  # gets the y of the block's top edge


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Break points: between wide (CJK) characters, and at spaces between Latin words."""
    out: list[str] = []
    word = ""
    for ch in text:
        if _is_wide(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking that works for Chinese, English and a mix of both."""
    lines: list[str] = []
    line = ""
    for tok in _tokens(text):
        candidate = line + tok
        if line and stringWidth(candidate.rstrip(), font, size) > width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line = candidate
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _qr_matrix(token: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(token)
    qr.make(fit=True)
    matrix: list[list[bool]] = qr.get_matrix()  # includes the 4-module quiet zone
    return matrix


class _Layout:
    def __init__(self, ticket: TicketPrint, paper_mm: int) -> None:
        if paper_mm not in _PRINTABLE_MM:
            raise ValueError(f"paper_mm must be one of {PAPER_WIDTHS_MM}, not {paper_mm}")
        self.font = register_ticket_font()
        self.page_w = paper_mm * mm
        self.usable = _PRINTABLE_MM[paper_mm] * mm
        self.left = (self.page_w - self.usable) / 2
        self.scale = _PRINTABLE_MM[paper_mm] / 72.0
        # Small print must stay legible on a 58 mm roll: text shrinks less than the page.
        self.text_scale = max(self.scale, 0.8)
        self.blocks: list[_Block] = []
        self.ticket = ticket

    def gap(self, height_mm: float) -> None:
        self.blocks.append(_Block(height_mm * mm * self.scale, lambda c, y: None))

    def text(self, text: str, size: float, leading: float = 1.3, bold: bool = False) -> None:
        size *= self.text_scale
        lines = wrap_text(text, self.font, size, self.usable)
        font, cx = self.font, self.page_w / 2

        def draw(c: Canvas, top: float) -> None:
            c.setFont(font, size)
            mode = _text_mode(c, bold, size)
            for i, line in enumerate(lines):
                # the baseline sits ~0.95 em below the top of its line box
                c.drawCentredString(cx, top - size * 0.95 - i * size * leading, line, mode=mode)

        self.blocks.append(_Block(size * (leading * (len(lines) - 1) + 1.2), draw))

    def banner(self, text: str, size: float) -> None:
        size *= self.scale
        height = size * 1.8
        font, left, width, cx = self.font, self.left, self.usable, self.page_w / 2

        def draw(c: Canvas, top: float) -> None:
            c.setFillGray(0)
            c.rect(left, top - height, width, height, stroke=0, fill=1)
            c.setFillGray(1)
            c.setFont(font, size)
            c.drawCentredString(cx, top - height / 2 - size * 0.35, text)
            c.setFillGray(0)

        self.blocks.append(_Block(height, draw))

    def big_number(self, label: str) -> None:
        size = min(80.0 * self.scale, 0.95 * self.usable / stringWidth(label, self.font, 1))
        font, cx = self.font, self.page_w / 2

        def draw(c: Canvas, top: float) -> None:
            c.setFont(font, size)
            mode = _text_mode(c, True, size)
            c.drawCentredString(cx, top - size * 0.82, label, mode=mode)

        # room for the font's whole line box (its descent too), so no other line touches it
        self.blocks.append(_Block(size * 1.05, draw))

    def rule(self) -> None:
        left, right = self.left, self.left + self.usable

        def draw(c: Canvas, top: float) -> None:
            c.setLineWidth(0.6)
            c.line(left, top - 1.5 * mm, right, top - 1.5 * mm)

        self.blocks.append(_Block(3 * mm, draw))

    def qr(self, token: str, side_mm: float) -> None:
        matrix = _qr_matrix(token)
        side = min(side_mm * mm, self.usable)
        module = side / len(matrix)
        x0 = (self.page_w - side) / 2

        def draw(c: Canvas, top: float) -> None:
            c.setFillGray(0)
            path = c.beginPath()
            for r, row in enumerate(matrix):
                y = top - (r + 1) * module
                start = None
                for col, dark in enumerate([*row, False]):
                    if dark and start is None:
                        start = col
                    elif not dark and start is not None:
                        path.rect(x0 + start * module, y, (col - start) * module, module)
                        start = None
            c.drawPath(path, stroke=0, fill=1)

        self.blocks.append(_Block(side, draw))

    def render(self) -> RenderedTicket:
        height = sum(b.height for b in self.blocks) + _BOTTOM_FEED_MM * mm
        buf = io.BytesIO()
        c = Canvas(
            buf,
            pagesize=(self.page_w, height),
            pageCompression=1,
            invariant=True,
            initialFontName=self.font,  # no stray, unembedded Helvetica in the resources
        )
        c.setTitle(f"{self.ticket.site_name} {self.ticket.label}")
        c.setAuthor(self.ticket.site_name)
        top = height
        for block in self.blocks:
            block.draw(c, top)
            top -= block.height
        c.showPage()
        c.save()
        return RenderedTicket(buf.getvalue(), self.page_w / mm, height / mm)


@dataclass(frozen=True)
class RenderedTicket:
    pdf: bytes
    width_mm: float
    height_mm: float

    @property
    def cups_media(self) -> str:
        """The CUPS custom media name for this page, e.g. ``Custom.80x125mm``."""
        return f"Custom.{round(self.width_mm)}x{math.ceil(self.height_mm)}mm"


def render_pdf(ticket: TicketPrint, paper_mm: int = 80) -> bytes:
    """The ticket as a one-page PDF, ``paper_mm`` (80 or 58) wide, with the font embedded."""
    return render_ticket(ticket, paper_mm).pdf


def render_ticket(ticket: TicketPrint, paper_mm: int = 80) -> RenderedTicket:
    """Like :func:`render_pdf`, also telling the page size (for the spooler's media option)."""
    t, words = ticket, ticket_wording(ticket)
    lay = _Layout(t, paper_mm)
    lay.gap(4)
    if t.reprint:
        lay.banner(REPRINT_MARK, 12)
        lay.gap(2)
    lay.text(t.site_name, 12, bold=True)
    lay.rule()
    lay.gap(1)
    lay.big_number(t.label)
    lay.gap(1)
    lay.text(t.category, 16, bold=True)
    lay.gap(1)
    lay.text(words.ahead, 13)
    lay.text(words.issued, 10)
    lay.gap(3)
    lay.qr(t.token, 40 if paper_mm == 80 else 32)
    lay.gap(2)
    lay.text(words.wait_zh, 11)
    lay.text(words.wait_en, 8)
    lay.gap(1.5)
    lay.text(words.observation_zh, 11)
    lay.text(words.observation_en, 8)
    return lay.render()
