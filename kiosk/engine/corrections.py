"""Corrections: a new event that supersedes a wrong one; nothing is rewritten."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kiosk import limits
from kiosk.db.schema import doses, events, vials
from kiosk.engine.core import EngineCore, Part, required_text
from kiosk.engine.day import DayOps
from kiosk.engine.record import savepoint
from kiosk.engine.stock import StockOps
from kiosk.errors import DomainError, InvalidInput
from kiosk.eventlog import Tx
from kiosk.model import (
    Actor,
    Ticket,
)
from kiosk.states import VACCINATED, WAITING, State


class CorrectionOps(Part):
    """Corrections: a new event that supersedes a wrong one; nothing is rewritten."""

    def __init__(self, core: EngineCore, day: DayOps, stock: StockOps) -> None:
        super().__init__(core)
        self.day = day
        self.stock = stock

    def outcome(self, ticket_id: int, reason: str, *, actor: Actor) -> Ticket:
        """Undo a mistaken deferral, cancellation, early leave or release, as a new event that
        supersedes the wrong one. A person put back in a queue goes to its front."""
        why = required_text(reason)
        undoable = {
            State.DEFERRED: "deferred",
            State.CANCELLED: "cancelled",
            State.LEFT_EARLY: "left_early",
            State.RELEASED: "released",
        }

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *undoable)
            wrong = tx.conn.execute(
                sa.select(events.c.seq)
                .where(events.c.ticket_id == ticket.id, events.c.kind == undoable[ticket.state])
                .order_by(events.c.seq.desc())
                .limit(1)
            ).scalar_one()
            if ticket.state in (State.LEFT_EARLY, State.RELEASED):
                values: dict[str, Any] = {"state": State.OBSERVING, "finished_at": None}
            else:
                self.day.require_room(tx.conn, ticket.day, tx.now)
                values = {"state": WAITING[ticket.queue], "finished_at": None}
            seq = self.core.ticket_event(
                tx,
                "corrected",
                ticket,
                supersedes=wrong,
                reason=why,
                from_state=ticket.state,
                to_state=values["state"],
            )
            if values["state"] != State.OBSERVING:
                values["reinstated_seq"] = seq
            return self.core.update(tx, ticket, reason=None, **values)

        return self.core.write(actor, work)

    def _correct_dose(self, tx: Tx, ticket: Ticket, values: dict[str, Any]) -> None:
        """The ticket's dose on the record, corrected in place and marked so: the export shows
        it once, ``corrected``; the event log keeps what it was."""
        dose: dict[str, Any] = {"corrected": True}
        if "dose_number" in values:
            dose["dose_number"] = values["dose_number"]
        if "lot_id" in values:
            lot = self.stock.lot_row(tx.conn, values["lot_id"], ticket.day)
            dose.update(lot_id=lot.id, lot=lot.lot, product=lot.product)
        try:
            with savepoint(tx.conn):
                tx.conn.execute(
                    sa.update(doses).where(doses.c.ticket_id == ticket.id).values(**dose)
                )
        except sa.exc.IntegrityError:
            raise DomainError(
                f"dose {values['dose_number']} is already on this person's record",
                code="dose_number_taken",
                dose_number=values["dose_number"],
            ) from None

    def vaccination(
        self,
        ticket_id: int,
        reason: str,
        *,
        actor: Actor,
        lot_id: int | None = None,
        dose_number: int | None = None,
    ) -> Ticket:
        """Correct a wrong lot or dose number; the dose moves to the right lot's vial."""
        why = required_text(reason)
        if lot_id is None and dose_number is None:
            raise InvalidInput("nothing to correct: give a lot or a dose number")
        if dose_number is not None:
            limits.number(dose_number, "dose_number")

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *VACCINATED)
            wrong = tx.conn.execute(
                sa.select(events.c.seq)
                .where(
                    events.c.ticket_id == ticket.id, events.c.kind.in_(["vaccinated", "corrected"])
                )
                .order_by(events.c.seq.desc())
                .limit(1)
            ).scalar_one()
            values: dict[str, Any] = {}
            if dose_number is not None:
                values["dose_number"] = dose_number
            if lot_id is not None and lot_id != ticket.lot_id:
                tx.conn.execute(
                    sa.update(vials)
                    .where(vials.c.id == ticket.vial_id)
                    .values(doses_drawn=vials.c.doses_drawn - 1)
                )
                values["lot_id"] = lot_id
                lot = self.stock.lot_row(tx.conn, lot_id, ticket.day)
                values["vial_id"] = self.stock.draw_dose(tx, lot, None).id
            if not values:
                raise InvalidInput("nothing to correct: the lot and dose number are already so")
            self._correct_dose(tx, ticket, values)
            self.core.ticket_event(
                tx,
                "corrected",
                ticket,
                supersedes=wrong,
                reason=why,
                old={"lot_id": ticket.lot_id, "dose_number": ticket.dose_number},
                new=values,
            )
            return self.core.update(tx, ticket, **values)

        return self.core.write(actor, work)
