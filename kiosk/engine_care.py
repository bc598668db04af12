"""Registration, vaccination, observation, adverse events and corrections."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from kiosk.db.schema import UTCDateTime, adverse_events, events, lots, persons, tickets, vials
from kiosk.engine_day import _vial_of
from kiosk.engine_tickets import TicketOps
from kiosk.errors import DomainError, InvalidInput, InvalidTransition, NotFound, NotYet, StockError
from kiosk.eventlog import Tx
from kiosk.model import Actor, AdverseEvent, PersonIn, Ticket, Vial
from kiosk.states import CALLED, VACCINATED, WAITING, Queue, State

SEVERITIES = ("mild", "moderate", "severe")
REGISTERED_STATES = (
    State.WAITING_VACCINATION,
    State.CALLED_VACCINATION,
    State.OBSERVING,
    State.RELEASED,
    State.LEFT_EARLY,
)


def _reason(text: str, what: str = "reason") -> str:
    if not text or not text.strip():
        raise InvalidInput(f"a {what} is required", field=what)
    return text.strip()


class CareOps(TicketOps):
    # --- registration ------------------------------------------------------------------------------

    def register(
        self,
        ticket_id: int,
        person: PersonIn,
        *,
        dose_number: int,
        screening: dict[str, bool],
        actor: Actor,
        observation_minutes: int | None = None,
        allow_duplicate: bool = False,
        key: str | None = None,
    ) -> Ticket:
        """Screening passed: the person joins the vaccination queue."""
        name = _reason(person.name, "name")
        if not 1 <= dose_number <= 9:
            raise InvalidInput("the dose number must be 1..9", field="dose_number")
        if observation_minutes is not None and not 1 <= observation_minutes <= 240:
            raise InvalidInput("observation minutes must be 1..240", field="observation_minutes")

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, State.CALLED_REGISTRATION)
            if person.id_number and not allow_duplicate:
                twin = self.find_registered_today(tx.conn, person.id_number, ticket)
                if twin is not None:
                    raise DomainError(
                        f"this ID number is already registered today on {twin.label}"
                        f" ({twin.state.value})",
                        code="duplicate_person",
                        ticket=twin.label,
                        state=twin.state.value,
                    )
            person_id = self._save_person(tx, PersonIn(name, person.id_number, person.phone))
            done = self._update(
                tx,
                ticket,
                state=State.WAITING_VACCINATION,
                queue=Queue.VACCINATION,
                desk=None,
                person_id=person_id,
                dose_number=dose_number,
                screening=dict(screening),
                observation_minutes=observation_minutes,
                registered_at=tx.now,
                reinstated_seq=None,
            )
            self._ticket_event(
                tx,
                "registered",
                ticket,
                desk=ticket.desk,
                person_id=person_id,
                dose_number=dose_number,
                screening=dict(screening),
                observation_minutes=observation_minutes,
            )
            return done

        return self._write(actor, work, key=key, replay=self._replay_ticket)

    def find_registered_today(
        self, conn: sa.Connection, id_number: str, other_than: Ticket | None = None
    ) -> Ticket | None:
        q = (
            sa.select(tickets)
            .select_from(tickets.join(persons, persons.c.id == tickets.c.person_id))
            .where(
                tickets.c.site == self.site,
                tickets.c.day == (other_than.day if other_than else self.today()),
                persons.c.id_number == id_number,
                tickets.c.state.in_([s.value for s in REGISTERED_STATES]),
            )
        )
        if other_than is not None:
            q = q.where(tickets.c.id != other_than.id)
        row = conn.execute(q.limit(1)).first()
        return Ticket.from_row(row) if row else None

    def _save_person(self, tx: Tx, person: PersonIn) -> int:
        if person.id_number:
            existing = tx.conn.execute(
                sa.select(persons.c.id).where(
                    persons.c.site == self.site, persons.c.id_number == person.id_number
                )
            ).scalar()
            if existing is not None:
                tx.conn.execute(
                    sa.update(persons)
                    .where(persons.c.id == existing)
                    .values(name=person.name, phone=person.phone, updated_at=tx.now)
                )
                return int(existing)
        return int(
            tx.conn.execute(
                sa.insert(persons)
                .values(
                    site=self.site,
                    name=person.name,
                    id_number=person.id_number,
                    phone=person.phone,
                    created_at=tx.now,
                    updated_at=tx.now,
                )
                .returning(persons.c.id)
            ).scalar_one()
        )

    def defer(self, ticket_id: int, reason: str, *, actor: Actor, key: str | None = None) -> Ticket:
        """Not today (screening at registration, or not vaccinated at the station): final; the
        dose is released."""
        why = _reason(reason)

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, *CALLED.values())
            done = self._update(
                tx, ticket, state=State.DEFERRED, desk=None, finished_at=tx.now, reason=why
            )
            self._ticket_event(
                tx,
                "deferred",
                ticket,
                desk=ticket.desk,
                from_state=ticket.state,
                reason=why,
            )
            return done

        return self._write(actor, work, key=key, replay=self._replay_ticket)

    # --- vaccination -------------------------------------------------------------------------------

    def vaccinate(
        self,
        ticket_id: int,
        *,
        lot_id: int,
        actor: Actor,
        dose_number: int | None = None,
        vial_id: int | None = None,
        key: str | None = None,
    ) -> Ticket:
        """Vaccinated: a dose is drawn from an open vial of the lot (one is opened if none is), and
        the observation period starts now; its end is stored with the ticket."""

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, State.CALLED_VACCINATION)
            lot = self._lot_row(tx.conn, lot_id, ticket.day)  # only the ticket's day's stock
            vial = self._draw_dose(tx, lot, vial_id)
            minutes = ticket.observation_minutes or lot.day_observation_minutes
            dose = dose_number or ticket.dose_number or 1
            done = self._update(
                tx,
                ticket,
                state=State.OBSERVING,
                desk=None,
                lot_id=lot_id,
                vial_id=vial.id,
                dose_number=dose,
                vaccinated_at=tx.now,
                observation_minutes=minutes,
                observation_end=tx.now + timedelta(minutes=minutes),
            )
            self._ticket_event(
                tx,
                "vaccinated",
                ticket,
                desk=ticket.desk,
                lot_id=lot_id,
                vial_id=vial.id,
                dose_number=dose,
                observation_end=done.observation_end,
            )
            return done

        return self._write(actor, work, key=key, replay=self._replay_ticket)

    def _draw_dose(self, tx: Tx, lot: Any, vial_id: int | None) -> Vial:
        """Draw one dose of ``lot`` (its row, from :meth:`_lot_row`) from ``vial_id`` or the
        oldest usable open vial, opening one when none is."""
        lot_id = lot.id
        if lot.expiry < self.local(tx.now).date():
            raise StockError(f"lot {lot.lot} expired on {lot.expiry}", code="lot_expired")
        if vial_id is not None:
            vial = self._vial(tx.conn, vial_id)
            if vial.lot_id != lot_id:
                raise StockError(f"vial {vial_id} is not from lot {lot.lot}", code="wrong_lot")
            if tx.now >= vial.use_by:
                raise StockError(
                    f"vial {vial_id} was opened at {vial.opened_at:%H:%M} and is past its use-by",
                    code="vial_expired",
                )
            if vial.doses_left < 1:
                raise StockError(f"vial {vial_id} is empty", code="vial_empty")
        else:
            row = tx.conn.execute(_USABLE_VIAL, {"lot_id": lot_id, "now": tx.now}).first()
            vial = _vial_of(row) if row else self._vial(tx.conn, self._open_vial(tx, lot))
        tx.conn.execute(_DRAW, {"vial_id": vial.id})
        return vial

    # --- observation -------------------------------------------------------------------------------

    def release(self, ticket_id: int, *, actor: Actor, key: str | None = None) -> Ticket:
        """The person may leave (the may-leave rule) and is released."""

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, State.OBSERVING)
            assert ticket.observation_end is not None
            if tx.now < ticket.observation_end:
                left = ticket.observation_end - tx.now
                raise NotYet(
                    f"{ticket.label} may leave at {self.local(ticket.observation_end):%H:%M}",
                    seconds_left=int(left.total_seconds()),
                )
            if self._open_adverse(tx.conn, ticket.id):
                raise NotYet(f"{ticket.label} has an open adverse event", code="adverse_event_open")
            done = self._update(tx, ticket, state=State.RELEASED, finished_at=tx.now)
            self._ticket_event(
                tx,
                "released",
                ticket,
            )
            return done

        return self._write(actor, work, key=key, replay=self._replay_ticket)

    def leave_early(
        self, ticket_id: int, reason: str, *, actor: Actor, key: str | None = None
    ) -> Ticket:
        why = _reason(reason)

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, State.OBSERVING)
            done = self._update(tx, ticket, state=State.LEFT_EARLY, finished_at=tx.now, reason=why)
            self._ticket_event(tx, "left_early", ticket, reason=why)
            return done

        return self._write(actor, work, key=key, replay=self._replay_ticket)

    def extend_observation(self, ticket_id: int, minutes: int, *, actor: Actor) -> Ticket:
        if not 1 <= minutes <= 240:
            raise InvalidInput("extend by 1..240 minutes", field="minutes")

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, State.OBSERVING)
            assert ticket.observation_end is not None
            end = max(ticket.observation_end, tx.now) + timedelta(minutes=minutes)
            done = self._update(tx, ticket, observation_end=end)
            self._ticket_event(
                tx,
                "observation_extended",
                ticket,
                minutes=minutes,
                observation_end=end,
            )
            return done

        return self._write(actor, work)

    def record_adverse_event(
        self,
        ticket_id: int,
        *,
        symptoms: str,
        severity: str,
        action: str,
        actor: Actor,
        onset_at: Any = None,
    ) -> AdverseEvent:
        text = _reason(symptoms, "symptoms")
        if severity not in SEVERITIES:
            raise InvalidInput(f"severity must be one of {', '.join(SEVERITIES)}", field="severity")

        def work(tx: Tx) -> int:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, State.OBSERVING)
            ae_id = tx.conn.execute(
                sa.insert(adverse_events)
                .values(
                    site=self.site,
                    day=ticket.day,
                    ticket_id=ticket.id,
                    onset_at=onset_at or tx.now,
                    symptoms=text,
                    severity=severity,
                    action=action.strip(),
                )
                .returning(adverse_events.c.id)
            ).scalar_one()
            self._ticket_event(
                tx,
                "adverse_event",
                ticket,
                adverse_event_id=ae_id,
                severity=severity,
            )
            return int(ae_id)

        ae_id = self._write(actor, work)
        return self.adverse_event(ae_id)

    def close_adverse_event(self, ae_id: int, outcome: str, *, actor: Actor) -> AdverseEvent:
        text = _reason(outcome, "outcome")

        def work(tx: Tx) -> None:
            ae = self._adverse(tx.conn, ae_id)
            if ae.closed_at is not None:
                raise InvalidTransition(f"adverse event {ae_id} is already closed")
            tx.conn.execute(
                sa.update(adverse_events)
                .where(adverse_events.c.id == ae_id)
                .values(closed_at=tx.now, outcome=text)
            )
            tx.event("adverse_event_closed", ticket_id=ae.ticket_id, adverse_event_id=ae_id)

        self._write(actor, work)
        return self.adverse_event(ae_id)

    def adverse_event(self, ae_id: int) -> AdverseEvent:
        with self.db.read() as conn:
            return self._adverse(conn, ae_id)

    def _adverse(self, conn: sa.Connection, ae_id: int) -> AdverseEvent:
        row = conn.execute(
            sa.select(adverse_events).where(
                adverse_events.c.site == self.site, adverse_events.c.id == ae_id
            )
        ).first()
        if row is None:
            raise NotFound(f"no adverse event {ae_id}")
        m = dict(row._mapping)
        return AdverseEvent(**{k: m[k] for k in AdverseEvent.__dataclass_fields__})

    def _open_adverse(self, conn: sa.Connection, ticket_id: int) -> int:
        return int(conn.execute(_OPEN_ADVERSE, {"ticket_id": ticket_id}).scalar_one())

    # --- corrections -------------------------------------------------------------------------------

    def correct_outcome(self, ticket_id: int, reason: str, *, actor: Actor) -> Ticket:
        """Undo a mistaken deferral, cancellation, early leave or release, as a new event that
        supersedes the wrong one. A person put back in a queue goes to its front."""
        why = _reason(reason)
        undoable = {
            State.DEFERRED: "deferred",
            State.CANCELLED: "cancelled",
            State.LEFT_EARLY: "left_early",
            State.RELEASED: "released",
        }

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, *undoable)
            wrong = tx.conn.execute(
                sa.select(events.c.seq)
                .where(events.c.ticket_id == ticket.id, events.c.kind == undoable[ticket.state])
                .order_by(events.c.seq.desc())
                .limit(1)
            ).scalar_one()
            if ticket.state in (State.LEFT_EARLY, State.RELEASED):
                values: dict[str, Any] = {"state": State.OBSERVING, "finished_at": None}
            else:
                self._require_room(tx.conn, ticket.day, tx.now)
                values = {"state": WAITING[ticket.queue], "finished_at": None}
            seq = self._ticket_event(
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
            return self._update(tx, ticket, reason=None, **values)

        return self._write(actor, work)

    def correct_vaccination(
        self,
        ticket_id: int,
        reason: str,
        *,
        actor: Actor,
        lot_id: int | None = None,
        dose_number: int | None = None,
    ) -> Ticket:
        """Correct a wrong lot or dose number; the dose moves to the right lot's vial."""
        why = _reason(reason)
        if lot_id is None and dose_number is None:
            raise InvalidInput("nothing to correct: give a lot or a dose number")
        if dose_number is not None and not 1 <= dose_number <= 9:
            raise InvalidInput("the dose number must be 1..9", field="dose_number")

        def work(tx: Tx) -> Ticket:
            ticket = self._load(tx.conn, ticket_id, lock=True)
            self._expect(ticket, *VACCINATED)
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
                lot = self._lot_row(tx.conn, lot_id, ticket.day)
                values["vial_id"] = self._draw_dose(tx, lot, None).id
            if not values:
                raise InvalidInput("nothing to correct: the lot and dose number are already so")
            self._ticket_event(
                tx,
                "corrected",
                ticket,
                supersedes=wrong,
                reason=why,
                old={"lot_id": ticket.lot_id, "dose_number": ticket.dose_number},
                new=values,
            )
            return self._update(tx, ticket, **values)

        return self._write(actor, work)


_USABLE_VIAL = (
    sa.select(vials, lots.c.doses_per_vial)
    .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
    .where(
        vials.c.lot_id == sa.bindparam("lot_id"),
        vials.c.doses_drawn + vials.c.doses_wasted < lots.c.doses_per_vial,
        vials.c.use_by > sa.bindparam("now", type_=UTCDateTime()),
    )
    .order_by(vials.c.opened_at, vials.c.id)
    .limit(1)
)
_DRAW = (
    sa.update(vials)
    .where(vials.c.id == sa.bindparam("vial_id"))
    .values(doses_drawn=vials.c.doses_drawn + 1)
)
_OPEN_ADVERSE = sa.select(sa.func.count()).where(
    adverse_events.c.ticket_id == sa.bindparam("ticket_id"), adverse_events.c.closed_at.is_(None)
)
