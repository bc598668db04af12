"""The box a station's dose comes from, by its traceability code (药品追溯码) as scanned.

A scan names the box; the engine says which lot it is of (``stock.identify_box``), and the
station selects that lot. A box on no lot's list is recorded as unlisted with the lot the nurse
picks. The code goes with the dose of the ticket at the station when it was scanned (or of the
next one called, if nobody was there), and with no other: a new ticket, or another lot chosen,
drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.engine.stock import Traced
from kiosk.errors import KioskError
from kiosk.tracecodes import GS
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import ConsoleContext


@dataclass(frozen=True)
class ScannedBox:
    ticket_id: int | None  # the ticket at the station when it was scanned
    traced: Traced
    lot: str  # the lot's number, as shown


class BoxCode(QLabel):
    """The scanned box code and its lot, or nothing."""

    def __init__(self, desk: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boxCode")
        self.setWordWrap(True)
        self.desk = desk
        self.box: ScannedBox | None = None
        self.clear_box()

    def clear_box(self) -> None:
        self.box = None
        self.setText(self.tr("No box scanned (scan the box the dose comes from)."))
        theme.set_level(self, "muted")

    def code_for(self, ticket_id: int) -> str | None:
        """The code to record with ``ticket_id``'s dose (None: no box scanned for it)."""
        box = self.box
        return box.traced.code if box and box.ticket_id in (None, ticket_id) else None

    def ticket_changed(self, ticket_id: int | None) -> None:
        box = self.box
        if box is None:
            return
        if box.ticket_id is None and ticket_id is not None:
            self.box = ScannedBox(ticket_id, box.traced, box.lot)
        elif box.ticket_id != ticket_id:
            self.clear_box()

    def lot_changed(self, lot_id: int | None) -> None:
        box = self.box
        if box is not None and box.traced.lot_id != lot_id:
            self.clear_box()
            self.desk.say(
                fill(self.tr("The box code was dropped: that box is of lot %1."), box.lot),
                "warn",
            )

    def scanned(
        self,
        text: str,
        ticket_id: int | None,
        lots: Callable[[], list[tuple[int, str, str]]],
        select_lot: Callable[[int], None],
    ) -> None:
        """A box code was scanned. ``lots()``: the usable lots (id, number, text) to offer when
        the box is on no list; ``select_lot(lot_id)`` selects the box's lot at the station."""
        desk = self.desk
        standin = desk.config.record.gs_standin
        code = text.replace(standin, GS) if standin else text

        def identified(traced: Traced) -> None:
            number = next((n for i, n, _ in lots() if i == traced.lot_id), "")
            if not number:  # an expired lot is not offered, but a listed box may name it
                number = str(traced.lot_id)
            self.box = None  # selecting the lot must not drop the new box
            select_lot(traced.lot_id)
            self.box = ScannedBox(ticket_id, traced, number)
            if traced.listed:
                self.setText(fill(self.tr("Box %1 · lot %2"), traced.code, number))
                theme.set_level(self, "ok")
                desk.say(fill(self.tr("Box of lot %1 scanned."), number))
            else:
                self.setText(
                    fill(
                        self.tr("Box %1 · lot %2 · not on the lot's list: recorded as unlisted"),
                        traced.code,
                        number,
                    )
                )
                theme.set_level(self, "warn")
                desk.say(
                    fill(self.tr("Box not on any list: recorded as unlisted, of lot %1."), number),
                    "warn",
                )

        def refused(exc: KioskError) -> None:
            self.clear_box()
            if exc.code == "box_unlisted":
                self._ask_lot(code, lots(), identified)
            else:
                desk.say(desk.messages.error(exc), "error")

        desk.runner.run(
            self, "box", lambda: desk.engine.stock.identify_box(code), identified, refused
        )

    def _ask_lot(
        self,
        code: str,
        lots: list[tuple[int, str, str]],
        identified: Callable[[Traced], None],
    ) -> None:
        desk = self.desk
        desk.say(desk.messages.error(KioskError("", code="box_unlisted")), "warn")
        if not lots:
            desk.say(self.tr("No usable lot in today's stock for this box."), "error")
            return
        lot_id = desk.prompts.choice(
            self,
            self.tr("Box not on any list"),
            self.tr(
                "This box code is on no lot's list. Which lot is the box of? "
                "The dose records the code as unlisted."
            ),
            [(i, text) for i, _, text in lots],
        )
        if lot_id is None:
            desk.say(self.tr("The box code was not used."), "warn")
            return

        def again(exc: KioskError) -> None:
            self.clear_box()
            desk.say(desk.messages.error(exc), "error")

        desk.runner.run(
            self,
            "box",
            lambda: desk.engine.stock.identify_box(code, lot_id),
            identified,
            again,
        )
