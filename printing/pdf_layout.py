"""Building a receipt-roll PDF page: the blocks the ticket and the record slip are made of.

Layout works in points from the top of the page down: each block knows its height first, so the
page height is fitted to the content before anything is drawn. The page is exactly as wide as the
paper roll; content stays inside the width a thermal head prints. The QR code is drawn as vector
modules from the qrcode library's matrix (not a raster image): nothing to resample when a driver
scales the page, so edges stay sharp on a 203 dpi thermal head, and it is faster than an image.
Every text uses the embedded CJK TrueType font (:mod:`printing.fonts`).
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import register_ticket_font

PAPER_WIDTHS_MM = (80, 58)
# Thermal heads print 72 mm of an 80 mm roll and 48 mm of a 58 mm roll.
_PRINTABLE_MM = {80: 72.0, 58: 48.0}
_BOTTOM_FEED_MM = 6.0  # room before the cutter
_LEADING = 1.3  # line pitch, in font sizes


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


# Chinese line-breaking rules: these never start a line / never end one.
_NO_LINE_START = set("，。、：；！？）】》」』”’・…")
_NO_LINE_END = set("（【《「『“‘")


def _tokens(text: str) -> list[str]:
    """Break points: between wide (CJK) characters, and at spaces between Latin words; a closing
    punctuation mark stays with what it closes, an opening one with what it opens."""
    out: list[str] = []

    def push(tok: str) -> None:
        if out and out[-1] and out[-1][-1] in _NO_LINE_END:
            out[-1] += tok
        else:
            out.append(tok)

    word = ""
    for ch in text:
        if _is_wide(ch):
            if word:
                push(word)
                word = ""
            if ch in _NO_LINE_START and out:
                out[-1] += ch
            else:
                push(ch)
        elif ch == " ":
            push(word + " ")
            word = ""
        else:
            word += ch
    if word:
        push(word)
    return out


def _split_wide_token(tok: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line (a long number, a narrow column) broken between characters."""
    if stringWidth(tok.rstrip(), font, size) <= width:
        return [tok]
    parts: list[str] = []
    part = ""
    for ch in tok:
        if part and stringWidth((part + ch).rstrip(), font, size) > width:
            parts.append(part)
            part = ""
        part += ch
    return [*parts, part] if part else parts


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking that works for Chinese, English and a mix of both; a single word
    wider than the line is broken between its characters rather than left to overflow."""
    lines: list[str] = []
    line = ""
    for tok in (p for t in _tokens(text) for p in _split_wide_token(t, font, size, width)):
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


@dataclass(frozen=True)
class Line:
    """One piece of a :meth:`Layout.columns` column: wrapped to the column, in its own size."""

    text: str
    size: float  # before the paper's text scale
    bold: bool = False


@dataclass(frozen=True)
class RenderedPage:
    pdf: bytes
    width_mm: float
    height_mm: float

    @property
    def cups_media(self) -> str:
        """The CUPS custom media name for this page, e.g. ``Custom.80x125mm``."""
        return f"Custom.{round(self.width_mm)}x{math.ceil(self.height_mm)}mm"


class Layout:
    """A one-page PDF for a ``paper_mm`` roll, built block by block from the top."""

    def __init__(self, paper_mm: int, *, title: str, author: str) -> None:
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
        self.title = title
        self.author = author

    def gap(self, height_mm: float) -> None:
        self.blocks.append(_Block(height_mm * mm * self.scale, lambda c, y: None))

    def text(
        self,
        text: str,
        size: float,
        leading: float = _LEADING,
        bold: bool = False,
        align: Literal["center", "left"] = "center",
    ) -> None:
        size *= self.text_scale
        lines = wrap_text(text, self.font, size, self.usable)
        font, cx, left = self.font, self.page_w / 2, self.left

        def draw(c: Canvas, top: float) -> None:
            c.setFont(font, size)
            mode = _text_mode(c, bold, size)
            for i, line in enumerate(lines):
                # the baseline sits ~0.95 em below the top of its line box
                y = top - size * 0.95 - i * size * leading
                if align == "center":
                    c.drawCentredString(cx, y, line, mode=mode)
                else:
                    c.drawString(left, y, line, mode=mode)

        self.blocks.append(_Block(size * (leading * (len(lines) - 1) + 1.2), draw))

    def text_width(self, text: str, size: float) -> float:
        """How wide ``text`` is on one line at ``size`` (before the paper's text scale)."""
        return float(stringWidth(text, self.font, size * self.text_scale))

    def _column(
        self, pieces: Sequence[Line], width: float
    ) -> tuple[float, Callable[[Canvas, float, float], None]]:
        """A stack of wrapped lines: its height and how to draw it at (x, top)."""
        placed: list[tuple[str, float, bool, float]] = []  # text, size, bold, offset from top
        y = 0.0
        for piece in pieces:
            size = piece.size * self.text_scale
            for line in wrap_text(piece.text, self.font, size, width):
                placed.append((line, size, piece.bold, y + size * 0.95))
                y += size * _LEADING
        last = placed[-1][1] if placed else 0.0
        height = y - last * (_LEADING - 1.2)  # the last line needs its box, not its pitch
        font = self.font

        def draw(c: Canvas, x: float, top: float) -> None:
            for line, size, bold, offset in placed:
                c.setFont(font, size)
                c.drawString(x, top - offset, line, mode=_text_mode(c, bold, size))

        return height, draw

    def columns(self, left: Sequence[Line], right: Sequence[Line], left_width: float) -> None:
        """Two columns side by side, both top-aligned: ``left`` in the first ``left_width``
        points (a label), ``right`` wrapped in the rest of the line (its value)."""
        gutter = 2 * mm * self.scale
        left_h, draw_left = self._column(left, left_width)
        right_h, draw_right = self._column(right, self.usable - left_width - gutter)
        x_left, x_right = self.left, self.left + left_width + gutter

        def draw(c: Canvas, top: float) -> None:
            draw_left(c, x_left, top)
            draw_right(c, x_right, top)

        self.blocks.append(_Block(max(left_h, right_h), draw))

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

    def render(self) -> RenderedPage:
        height = sum(b.height for b in self.blocks) + _BOTTOM_FEED_MM * mm
        buf = io.BytesIO()
        c = Canvas(
            buf,
            pagesize=(self.page_w, height),
            pageCompression=1,
            invariant=True,
            initialFontName=self.font,  # no stray, unembedded Helvetica in the resources
        )
        c.setTitle(self.title)
        c.setAuthor(self.author)
        top = height
        for block in self.blocks:
            block.draw(c, top)
            top -= block.height
        c.showPage()
        c.save()
        return RenderedPage(buf.getvalue(), self.page_w / mm, height / mm)
