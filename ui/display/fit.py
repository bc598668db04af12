"""Building blocks of the waiting-room display: labels whose font fits their box, painted tiles.

The display is laid out by hand (fractions of the window, see :mod:`ui.display.layout`), so every
box is known before its text is; a :class:`FitLabel` then picks the largest pixel size at which its
text (and any ``samples``, e.g. the longest status a cell can show, so the font does not jump every
second) fits on one line inside the box. Nothing is ever clipped or elided: the text shrinks.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_PX = 6

# Colours (dark background for a TV in a bright room); every state also has its own words.
BACKGROUND = "#0b1f3a"
PANEL = "#13294b"
TEXT = "#f4f6fa"
MUTED = "#b8c4d6"
ACCENT = "#ffd166"  # ticket numbers
FLASH = "#ffd166"
FLASH_TEXT = "#0b1f3a"
GOOD = "#1b7f3b"
WARN = "#b3541e"


@lru_cache(maxsize=4096)
def fit_pixel_size(family: str, bold: bool, texts: tuple[str, ...], width: int, height: int) -> int:
    """The largest pixel size (at most ``height``-limited) at which every text fits one line."""
    font = QFont(family)
    font.setBold(bold)

    def fits(px: int) -> bool:
        font.setPixelSize(px)
        fm = QFontMetrics(font)
        return fm.height() <= height and all(fm.horizontalAdvance(t) <= width for t in texts)

    low, high = MIN_PX, max(MIN_PX, height)
    if not fits(low):
        return low
    while low < high:  # largest px that fits
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


class FitLabel(QLabel):
    """A one-line label whose font size follows its box; ``max_px`` caps it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        color: str = TEXT,
        max_px: int = 10_000,
        samples: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._bold = bold
        self._max_px = max_px
        self._samples = tuple(samples)
        self._color = ""
        self._fitted: tuple[object, ...] = ()
        self.set_color(color)

    def set_color(self, color: str) -> None:
        if color != self._color:
            self._color = color
            self.setStyleSheet(f"color: {color}; background: transparent;")

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        if text != self.text():
            super().setText(text)
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        rect = self.contentsRect()
        texts = tuple(t for t in (self.text(), *self._samples) if t)
        key = (texts, rect.width(), rect.height(), self._max_px)
        if key == self._fitted or rect.width() <= 0 or rect.height() <= 0:
            return
        self._fitted = key
        family = self.font().family()
        width = rect.width() - 2
        px = 0
        if self._samples:  # usually the text fits at the samples' size: one measurement
            px = fit_pixel_size(family, self._bold, self._samples, width, rect.height())
            px = min(px, self._max_px)
            font = QFont(family)
            font.setBold(self._bold)
            font.setPixelSize(px)
            if QFontMetrics(font).horizontalAdvance(self.text()) > width:
                px = 0
        if not px:
            px = min(fit_pixel_size(family, self._bold, texts, width, rect.height()), self._max_px)
        if px != self.font().pixelSize() or self.font().bold() != self._bold:
            font = QFont(self.font())
            font.setBold(self._bold)
            font.setPixelSize(px)
            self.setFont(font)


class Tile(QWidget):
    """A rounded panel painted in one colour (cheap to change, unlike a style sheet)."""

    def __init__(self, parent: QWidget | None = None, color: str = PANEL) -> None:
        super().__init__(parent)
        self._color = QColor(color)

    def set_color(self, color: str) -> None:
        qcolor = QColor(color)
        if qcolor != self._color:
            self._color = qcolor
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        radius = max(2.0, min(self.width(), self.height()) * 0.08)
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.end()


def split_rows(rect: QRect, weights: Sequence[float], gap: int = 0) -> list[QRect]:
    """``rect`` cut top to bottom into rows proportional to ``weights``, ``gap`` px apart."""
    usable = rect.height() - gap * (len(weights) - 1)
    total = sum(weights)
    rows, y = [], rect.y()
    for i, weight in enumerate(weights):
        h = int(usable * weight / total) if i < len(weights) - 1 else rect.bottom() + 1 - y
        rows.append(QRect(rect.x(), y, rect.width(), max(0, h)))
        y += h + gap
    return rows


def split_cols(rect: QRect, weights: Sequence[float], gap: int = 0) -> list[QRect]:
    """``rect`` cut left to right into columns proportional to ``weights``."""
    flipped = split_rows(QRect(rect.y(), rect.x(), rect.height(), rect.width()), weights, gap)
    return [QRect(r.y(), r.x(), r.height(), r.width()) for r in flipped]


def grid(rect: QRect, rows: int, cols: int, gap: int) -> list[QRect]:
    """Cells of a rows x cols grid, row by row."""
    return [
        cell
        for row in split_rows(rect, [1] * rows, gap)
        for cell in split_cols(row, [1] * cols, gap)
    ]
