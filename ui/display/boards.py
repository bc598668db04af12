"""The panels of the waiting-room display: the newest call, the desks, the recent calls, the
counts, the notices. The observation board is in :mod:`ui.display.observation`.

Each panel lays its children out by hand in ``resizeEvent`` (cells of a grid, fractions of its
box), so nothing overlaps and every :class:`~ui.display.fit.FitLabel` knows its box.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.model import Counts
from ui.display.data import CLOSED, OPEN, Call, DeskNow
from ui.display.fit import (
    ACCENT,
    FLASH,
    FLASH_TEXT,
    MUTED,
    PANEL,
    TEXT,
    WARN,
    FitLabel,
    Tile,
    grid,
    split_cols,
    split_rows,
)
from ui.voice.phrases import desk_phrase

LEFT = Qt.AlignmentFlag.AlignLeft
RIGHT = Qt.AlignmentFlag.AlignRight


def pad(rect: QRect, px: int) -> QRect:
    return rect.adjusted(px, px, -px, -px)


class Panel(Tile):
    """A titled tile; subclasses place their content in ``body`` (the rect under the title)."""

    def __init__(self, parent: QWidget | None, title: str, title_weight: float = 0.16) -> None:
        super().__init__(parent, PANEL)
        self.title = FitLabel(self, bold=True, align=LEFT, color=MUTED)
        self.title.setText(title)
        self.title_weight = title_weight
        self.body = QRect()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        gap = max(2, int(min(self.width(), self.height()) * 0.03))
        inner = pad(self.rect(), gap)
        head, self.body = split_rows(inner, [self.title_weight, 1 - self.title_weight], gap)
        self.title.setGeometry(head)
        self.arrange(gap)

    def arrange(self, gap: int) -> None:
        """Place the content inside ``self.body``."""


class HeroPanel(Tile):
    """The newest call, as large as the screen allows; it flashes for a few seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, PANEL)
        self.portrait = False
        self.title = FitLabel(self, bold=True, align=LEFT, color=MUTED)
        self.title.setText(self.tr("Now calling"))
        self.badge = FitLabel(self, bold=True, align=RIGHT, color=FLASH_TEXT)
        self.badge.setText(self.tr("★ New call"))
        self.badge.hide()
        self.number = FitLabel(self, bold=True, color=ACCENT)
        self.destination = FitLabel(self, bold=True, color=TEXT)
        self.sentence = FitLabel(self, color=TEXT)
        self.call: Call | None = None
        self.flash_on = False
        self.day = OPEN
        self.bilingual = False  # the site speaks Chinese: the closed state says it in English too
        self.set_call(None)

    def set_day(self, day: str) -> None:
        """OPEN shows the call; NOT_OPEN and CLOSED say so, large, instead of dashes."""
        self.day = day
        self.set_call(self.call)
        self.resizeEvent(None)

    def set_call(self, call: Call | None) -> None:
        self.call = call
        if self.day != OPEN:
            if self.day == CLOSED:
                english = "Vaccination has ended for today"
                headline = self.tr("Vaccination has ended for today")
                words = self.tr("Thank you. Please come back on another service day")
            else:
                english = "Not open yet"
                headline = self.tr("Not open yet")
                words = self.tr("Numbers are called here once vaccination starts")
            self.number.setText(headline)
            self.destination.setText("")
            if self.bilingual and headline != english:
                words += f"  ·  {english}"
            self.sentence.setText(words)
            return
        if call is None:
            self.number.setText("—")
            self.destination.setText("")
            self.sentence.setText(self.tr("No number called yet"))
            return
        place = desk_phrase(call.desk)
        self.number.setText(call.label)
        self.destination.setText(f"→ {place}")
        sentence = self.tr("Number %1, please go to %2")
        self.sentence.setText(sentence.replace("%1", call.label).replace("%2", place))

    def set_flash(self, on: bool, badge: bool) -> None:
        """``on``: the inverted phase of the flash; ``badge``: the "new call" words shown."""
        self.flash_on = on
        self.set_color(FLASH if on else PANEL)
        self.number.set_color(FLASH_TEXT if on else ACCENT)
        for label in (self.destination, self.sentence):
            label.set_color(FLASH_TEXT if on else TEXT)
        self.title.set_color(FLASH_TEXT if on else MUTED)
        self.badge.set_color(FLASH_TEXT if on else ACCENT)
        self.badge.setVisible(badge)

    def resizeEvent(self, event: QResizeEvent | None) -> None:  # noqa: N802 - Qt override
        gap = max(2, int(min(self.width(), self.height()) * 0.04))
        inner = pad(self.rect(), gap)
        self.destination.setVisible(self.day == OPEN)
        self.title.setVisible(self.day == OPEN)
        if self.day != OPEN:  # the words take the whole panel
            head, main, sentence = split_rows(inner, [0.12, 0.5, 0.2], gap)
            head = QRect(
                head.topLeft(), QSize(head.width(), min(head.height(), inner.height() // 8))
            )
            self.number.setGeometry(pad(main, gap))
        else:  # the number and where to go side by side, upright too (a 1080 px row holds both)
            head, main, sentence = split_rows(inner, [0.15, 0.62, 0.23], gap)
            number, dest = split_cols(main, [0.4, 0.6], gap)
            self.number.setGeometry(number)
            self.destination.setGeometry(dest)
        title, badge = split_cols(head, [0.5, 0.5], gap)
        self.title.setGeometry(title)
        self.badge.setGeometry(badge)
        self.sentence.setGeometry(sentence)


class DeskBoard(Panel):
    """The ticket now called to every desk and station ("—" when free)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Desks and stations"))
        self.columns = 3
        self.cells: list[tuple[Tile, FitLabel, FitLabel]] = []
        self.desks: tuple[DeskNow, ...] = ()

    def set_desks(self, desks: Sequence[DeskNow]) -> None:
        desks = tuple(desks)
        grow = len(desks) != len(self.cells)
        while len(self.cells) < len(desks):
            tile = Tile(self, "#1d3a66")
            name = FitLabel(tile, align=LEFT, color=TEXT)
            ticket = FitLabel(tile, bold=True, align=RIGHT, color=ACCENT, samples=["A000"])
            self.cells.append((tile, name, ticket))
            tile.show()
        while len(self.cells) > len(desks):
            self.cells.pop()[0].deleteLater()
        self.desks = desks
        for (_tile, name, ticket), desk in zip(self.cells, desks, strict=True):
            name.setText(desk_phrase(desk.desk))
            ticket.setText(desk.label or "—")
        if grow:
            self.arrange(max(2, int(min(self.width(), self.height()) * 0.03)))

    def arrange(self, gap: int) -> None:
        if not self.cells or self.body.isEmpty():
            return
        cols = min(self.columns, max(1, math.ceil(len(self.cells) / 2)))
        rows = -(-len(self.cells) // cols)
        for (tile, name, ticket), rect in zip(
            self.cells, grid(self.body, rows, cols, gap), strict=False
        ):
            tile.setGeometry(rect)
            inner = pad(tile.rect(), max(2, rect.height() // 10))
            left, right = split_cols(inner, [0.6, 0.4], gap)
            name.setGeometry(left)
            ticket.setGeometry(right)


class RecentBoard(Panel):
    """The last several calls, newest first."""

    def __init__(
        self, local: Callable[[datetime], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, self.tr("Recent calls"), title_weight=0.14)
        self.local = local
        self.rows, self.columns = 3, 1
        self.cells: list[tuple[FitLabel, FitLabel]] = []
        self.calls: tuple[Call, ...] = ()

    def set_shape(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        while len(self.cells) < rows * columns:
            call = FitLabel(self, align=LEFT, color=TEXT, samples=["A000 → 10号接种台"])
            at = FitLabel(self, align=RIGHT, color=MUTED, samples=["00:00"])
            self.cells.append((call, at))
        self.set_calls(self.calls)
        self.arrange(max(2, int(min(self.width(), self.height()) * 0.03)))

    def set_calls(self, calls: Sequence[Call]) -> None:
        self.calls = tuple(calls)
        for i, (call_label, at_label) in enumerate(self.cells):
            visible = i < self.rows * self.columns and i < len(self.calls)
            call_label.setVisible(visible)
            at_label.setVisible(visible)
            if visible:
                c = self.calls[i]
                call_label.setText(f"{c.label} → {desk_phrase(c.desk)}")
                at_label.setText(self.local(c.at).strftime("%H:%M") if c.at else "")

    def arrange(self, gap: int) -> None:
        if self.body.isEmpty():
            return
        cells = [
            cell
            for row in split_rows(self.body, [1] * self.rows, gap)
            for cell in split_cols(row, [1] * self.columns, gap * 6)
        ]
        for (call_label, at_label), rect in zip(self.cells, cells, strict=False):
            left, right = split_cols(rect, [0.74, 0.26], gap)
            call_label.setGeometry(left)
            at_label.setGeometry(right)


class CountsBoard(QWidget):
    """Waiting counts per zone (registration, vaccination) and how many are observing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        titles = (self.tr("Waiting: registration"), self.tr("Waiting: vaccination"),
                  self.tr("In observation"))  # fmt: skip
        self.tiles: list[tuple[Tile, FitLabel, FitLabel]] = []
        for title in titles:
            tile = Tile(self, PANEL)
            head = FitLabel(tile, color=MUTED, samples=titles)
            head.setText(title)
            value = FitLabel(tile, bold=True, color=TEXT, samples=["000"])
            self.tiles.append((tile, head, value))
        self._about = self.tr("A new number waits about %1 min")
        self.wait_tile = Tile(self, PANEL)
        self.wait = FitLabel(
            self.wait_tile, color=ACCENT, samples=[self._about.replace("%1", "888")]
        )
        self.wait_tile.hide()
        self.set_counts(None)

    def set_wait(self, minutes: int | None) -> None:
        """The estimated wait of a new ticket (kiosk.wait_estimate); hidden when there is none."""
        if minutes is None:
            self.wait_tile.hide()
            return
        self.wait.setText(self._about.replace("%1", str(minutes)))
        self.wait_tile.show()

    def set_counts(self, counts: Counts | None) -> None:
        values = (
            (counts.waiting_registration, counts.waiting_vaccination, counts.observing)
            if counts is not None
            else (None, None, None)
        )
        for (_tile, _head, label), value in zip(self.tiles, values, strict=True):
            label.setText("—" if value is None else str(value))

    def values(self) -> list[str]:
        return [value.text() for _tile, _head, value in self.tiles]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        gap = max(2, int(min(self.width(), self.height()) * 0.05))
        tiles, wait = split_rows(self.rect(), [0.58, 0.42], gap)
        for (tile, head, value), rect in zip(
            self.tiles, split_cols(tiles, [1, 1, 1], gap), strict=True
        ):
            tile.setGeometry(rect)
            top, middle = split_rows(pad(tile.rect(), gap // 2 + 1), [0.38, 0.62], 0)
            head.setGeometry(top)
            value.setGeometry(middle)
        self.wait_tile.setGeometry(wait)
        self.wait.setGeometry(pad(self.wait_tile.rect(), max(2, wait.height() // 14)))


NOTICE = "#0f2f57"


class NoticeLine(Tile):
    """The site's notices, one at a time, rotating; or, while the screen cannot reach the
    database, a warning in their place (people must not trust a stale screen)."""

    def __init__(
        self, notices: Sequence[str], problem_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, NOTICE)
        self.notices = tuple(notices)
        self.index = 0
        self.problem: str | None = None
        self.label = FitLabel(self, color=TEXT, samples=[*self.notices, problem_text])
        self.label.setText(self.notices[0] if self.notices else "")
        self.setVisible(self.wanted())

    def wanted(self) -> bool:
        return bool(self.notices) or self.problem is not None

    def rotate(self) -> None:
        if self.problem is None and len(self.notices) > 1:
            self.index = (self.index + 1) % len(self.notices)
            self.label.setText(self.notices[self.index])

    def show_problem(self, text: str) -> None:
        self.problem = text
        self.set_color(WARN)
        self.label.setText(text)
        self.setVisible(True)

    def clear_problem(self) -> None:
        self.problem = None
        self.set_color(NOTICE)
        self.label.setText(self.notices[self.index] if self.notices else "")
        self.setVisible(self.wanted())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self.label.setGeometry(pad(self.rect(), max(2, self.height() // 8)))
