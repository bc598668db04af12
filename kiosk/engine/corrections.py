"""Corrections: a new event that supersedes a wrong one; nothing is rewritten."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kiosk import limits
from kiosk.db.schema import adverse_events, doses, events, vials
from kiosk.engine.core import EngineCore, Part, required_text
from kiosk.engine.day import DayOps
from kiosk.engine.record import savepoint
from kiosk.engine.stock import StockOps, Traced
from kiosk.errors import DomainError, InvalidInput, InvalidTransition
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
            wrong = self._last(tx, ticket, undoable[ticket.state])
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

    def _correct_dose(
        self, tx: Tx, ticket: Ticket, values: dict[str, Any], traced: Traced | None
    ) -> dict[str, Any]:
        """The ticket's dose on the record, corrected in place and marked so: the export shows
        it once, ``corrected``; the event log keeps what it was (returned)."""
        old = tx.conn.execute(
            sa.select(doses).where(doses.c.ticket_id == ticket.id, doses.c.voided_at.is_(None))
        ).one()
        dose: dict[str, Any] = {"corrected": True}
        if "dose_number" in values:
            dose["dose_number"] = values["dose_number"]
        if "lot_id" in values:
            lot = self.stock.lot_row(tx.conn, values["lot_id"], ticket.day)
            dose.update(lot_id=lot.id, lot=lot.lot, product=lot.product)
        if traced is not None:
            dose.update(trace_code=traced.code, trace_listed=traced.listed)
        try:
            with savepoint(tx.conn):
                tx.conn.execute(sa.update(doses).where(doses.c.id == old.id).values(**dose))
        except sa.exc.IntegrityError:
            raise DomainError(
                f"dose {values['dose_number']} is already on this person's record",
                code="dose_number_taken",
                dose_number=values["dose_number"],
            ) from None
        return {k: getattr(old, k) for k in dose if k != "corrected"}

    def vaccination(
        self,
        ticket_id: int,
        reason: str,
        *,
        actor: Actor,
        lot_id: int | None = None,
        dose_number: int | None = None,
        trace_code: str | None = None,
    ) -> Ticket:
        """Correct a wrong lot, dose number or box code, as a new event that supersedes the
        old; the dose moves to the right lot's vial, and its row on the record is marked
        corrected."""
        why = required_text(reason)
        if lot_id is None and dose_number is None and trace_code is None:
            raise InvalidInput("nothing to correct: give a lot, a dose number or a box code")
        if dose_number is not None:
            limits.number(dose_number, "dose_number")

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *VACCINATED)
            wrong = self._last(tx, ticket, "vaccinated", "corrected")
            values: dict[str, Any] = {}
            if dose_number is not None and dose_number != ticket.dose_number:
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
            traced = None
            if trace_code is not None:
                the_lot = values.get("lot_id", ticket.lot_id)
                traced = self.stock.trace(tx.conn, trace_code, ticket.day, the_lot)
            if not values and traced is None:
                raise InvalidInput("nothing to correct: the lot and dose number are already so")
            was = self._correct_dose(tx, ticket, values, traced)
            old: dict[str, Any] = {"lot_id": ticket.lot_id, "dose_number": ticket.dose_number}
            new = {k: v for k, v in values.items() if k != "vial_id"}
            if traced is not None:
                old["trace_code"], new["trace_code"] = was.get("trace_code"), traced.code
            self.core.ticket_event(
                tx, "corrected", ticket, supersedes=wrong, reason=why, old=old, new=new
            )
            return self.core.update(tx, ticket, **values) if values else ticket

        return self.core.write(actor, work)

    def undo_vaccination(self, ticket_id: int, reason: str, *, drawn: bool, actor: Actor) -> Ticket:
        """Undo a wrong "vaccinated" (the person was not vaccinated): they go back to the front
        of the vaccination queue; their dose row leaves the record (kept, voided, with why).
        A dose never drawn returns to its vial; one drawn but not given is recorded as wasted
        (the day's waste reason ``drawn_not_given``), so the day's stock still balances."""
        why = required_text(reason)

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.OBSERVING)
            if self._adverse_events(tx, ticket):
                raise InvalidTransition(
                    f"ticket {ticket.label} has an adverse event recorded: the dose was given",
                    code="adverse_event_recorded",
                    ticket=ticket.label,
                )
            wrong = self._last(tx, ticket, "vaccinated", "corrected")
            change = {"doses_drawn": vials.c.doses_drawn - 1}
            if drawn:
                change["doses_wasted"] = vials.c.doses_wasted + 1
            tx.conn.execute(sa.update(vials).where(vials.c.id == ticket.vial_id).values(**change))
            if drawn:
                code, text = self._drawn_not_given(tx, ticket, why)
                tx.event(
                    "doses_wasted",
                    day=ticket.day,
                    vial_id=ticket.vial_id,
                    doses=1,
                    reason=text,
                    reason_code=code,
                )
            tx.conn.execute(
                sa.update(doses)
                .where(doses.c.ticket_id == ticket.id, doses.c.voided_at.is_(None))
                .values(voided_at=tx.now, void_reason=why)
            )
            seq = self.core.ticket_event(
                tx,
                "vaccination_undone",
                ticket,
                supersedes=wrong,
                reason=why,
                drawn=drawn,
                vial_id=ticket.vial_id,
            )
            return self.core.update(
                tx,
                ticket,
                state=State.WAITING_VACCINATION,
                desk=None,
                vaccinated_at=None,
                observation_end=None,
                lot_id=None,
                vial_id=None,
                reinstated_seq=seq,
            )

        return self.core.write(actor, work)

    def _drawn_not_given(self, tx: Tx, ticket: Ticket, why: str) -> tuple[str | None, str]:
        rules = self.stock.record.current_rules(tx.conn, ticket.day)
        codes = {c.code for c in rules.waste_reasons}
        reason = next((c for c in ("drawn_not_given", "other") if c in codes), why)
        return self.stock.record.coded_reason(tx.conn, ticket.day, "waste", reason, why)

    def _adverse_events(self, tx: Tx, ticket: Ticket) -> int:
        return int(
            tx.conn.execute(
                sa.select(sa.func.count()).where(adverse_events.c.ticket_id == ticket.id)
            ).scalar_one()
        )

    def _last(self, tx: Tx, ticket: Ticket, *kinds: str) -> int:
        """The sequence number of the ticket's latest event of ``kinds`` (the one superseded)."""
        return int(
            tx.conn.execute(
                sa.select(events.c.seq)
                .where(events.c.ticket_id == ticket.id, events.c.kind.in_(kinds))
                .order_by(events.c.seq.desc())
                .limit(1)
            ).scalar_one()
        )
