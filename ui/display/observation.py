"""The observation board: everyone observing as ticket number + masked name, with a countdown to
their stored end; who may leave (the engine's rule) and who is over time, in words and colour.

Rows come from the display's snapshot (re-read on feed events and deadlines); ``redraw(now)``
recomputes every visible cell from the stored ends, so it is cheap enough to run every second.
More people than cells: the board shows pages in turn (``next_page``), soonest end first.

One card a line, large enough to read across the waiting room (see :mod:`ui.display.layout`). A
longer observation carries a short mark after the name (▲ advised at screening, ◆ set or extended
by a nurse); the legend under the cards explains the marks and the "+05:38" of someone over time.
The legend never names the screening answer (an allergy history is health data, and the board is
public): the mark says only that the longer time was decided at screening.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QRect
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from ui.display.boards import LEFT, RIGHT, Panel, pad
from ui.display.data import Longer, ObsRow, ObsStatus
from ui.display.fit import (
    ACCENT,
    GOOD,
    MUTED,
    TEXT,
    WARN,
    FitLabel,
    Tile,
    grid,
    split_cols,
    split_rows,
)

CELL = "#1d3a66"
COLOURS = {ObsStatus.COUNTING: CELL, ObsStatus.MAY_LEAVE: GOOD, ObsStatus.OVERDUE: WARN,
           ObsStatus.HELD: WARN}  # fmt: skip
MARKS = {Longer.NONE: "", Longer.ALLERGY: "▲", Longer.NURSE: "◆"}
TITLE, LEGEND = 0.085, 0.075  # of the board's inner height


def mmss(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class ObservationBoard(Panel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Observation area"), title_weight=TITLE)
        self.summary = FitLabel(self, align=RIGHT, color=MUTED)
        legend = self.tr(
            "▲ longer, advised at screening · ◆ longer, set by the nurse · +05:38 past the end"
        )
        self.legend = FitLabel(self, align=LEFT, color=MUTED)
        self.legend.setText(legend)
        self.head = QRect()
        self.rows_shape, self.columns = 6, 1
        self.cells: list[tuple[Tile, FitLabel, FitLabel]] = []
        self.people: tuple[ObsRow, ...] = ()
        self.page = 0
        self.shown: dict[int, ObsStatus] = {}  # ticket id -> status, of the cells on screen
        self._texts = {
            ObsStatus.MAY_LEAVE: self.tr("May leave ✓"),
            ObsStatus.OVERDUE: self.tr("May leave %1"),
            ObsStatus.HELD: self.tr("Please wait %1"),
        }
        self._left = self.tr("%1 left")
        self._samples = [
            self._texts[ObsStatus.MAY_LEAVE],
            self._texts[ObsStatus.OVERDUE].replace("%1", "+88:88"),
            self._texts[ObsStatus.HELD].replace("%1", "+88:88"),
            self._left.replace("%1", "88:88"),
        ]

    # --- data ----------------------------------------------------------------------------
    def set_shape(self, rows: int, columns: int) -> None:
        self.rows_shape, self.columns = rows, columns
        while len(self.cells) < rows * columns:
            tile = Tile(self, CELL)
            tile.hide()  # shown by redraw() with someone in it
            who = FitLabel(tile, bold=True, align=LEFT, color=TEXT, samples=["A000 欧**娜 ▲"])
            status = FitLabel(tile, align=RIGHT, color=TEXT, samples=self._samples)
            self.cells.append((tile, who, status))
        self.arrange(self._gap())

    def set_people(self, people: Sequence[ObsRow]) -> None:
        self.people = tuple(people)
        self.page = min(self.page, self.pages() - 1)

    def per_page(self) -> int:
        return self.rows_shape * self.columns

    def pages(self) -> int:
        return max(1, math.ceil(len(self.people) / self.per_page()))

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.pages()

    def status_text(self, row: ObsRow, now: datetime) -> tuple[ObsStatus, str]:
        status = row.status(now)
        if status == ObsStatus.COUNTING:
            seconds = math.ceil(row.remaining(now).total_seconds())
            return status, self._left.replace("%1", mmss(seconds))
        text = self._texts[status]
        if status == ObsStatus.MAY_LEAVE or row.end is None:
            return status, text.replace("%1", "").strip()
        over = int((now - row.end).total_seconds())
        return status, text.replace("%1", "+" + mmss(max(0, over)))

    # --- drawing -------------------------------------------------------------------------
    def redraw(self, now: datetime, free: int) -> None:
        """Redraw the visible cells for ``now``; ``free``: how many may leave (for the title)."""
        summary = self.tr("%1 observing · %2 may leave").replace("%1", str(len(self.people)))
        summary = summary.replace("%2", str(free))
        if self.pages() > 1:
            page = self.tr("page %1/%2").replace("%1", str(self.page + 1))
            summary += " · " + page.replace("%2", str(self.pages()))
        self.summary.setText(summary)
        start = self.page * self.per_page()
        visible = self.people[start : start + self.per_page()]
        self.shown = {}
        for i, (tile, who, status_label) in enumerate(self.cells):
            if i >= self.per_page() or i >= len(visible):
                if not tile.isHidden():
                    tile.setVisible(False)
                continue
            row = visible[i]
            status, text = self.status_text(row, now)
            self.shown[row.ticket_id] = status
            who.setText(" ".join(t for t in (row.label, row.masked_name, MARKS[row.longer]) if t))
            status_label.setText(text)
            tile.set_color(COLOURS[status])
            who.set_color(ACCENT if status == ObsStatus.COUNTING else TEXT)
            if tile.isHidden():
                tile.setVisible(True)

    def _gap(self) -> int:
        return max(2, int(min(self.width(), self.height()) * 0.015))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        gap = max(2, int(min(self.width(), self.height()) * 0.03))
        inner = pad(self.rect(), gap)
        self.head, self.body, foot = split_rows(inner, [TITLE, 1 - TITLE - LEGEND, LEGEND], gap)
        self.legend.setGeometry(foot)
        self.arrange(gap)

    def arrange(self, gap: int) -> None:
        if self.body.isEmpty():
            return
        title, summary = split_cols(self.head, [0.4, 0.6], gap)
        self.title.setGeometry(title)
        self.summary.setGeometry(summary)
        small = max(2, gap // 2)
        cells = grid(self.body, self.rows_shape, self.columns, small)
        for (tile, who, status), rect in zip(self.cells, cells, strict=False):
            tile.setGeometry(rect)
            inner = pad(tile.rect(), max(1, rect.height() // 32))
            inner.adjust(small, 0, -small, 0)
            left, right = split_cols(inner, [0.47, 0.53], small)
            who.setGeometry(left)
            status.setGeometry(right)
