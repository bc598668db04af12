"""Registration (screening passed or deferred) and vaccination."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import persons, tickets
from kiosk.engine.core import EngineCore, Part, required_text
from kiosk.engine.stock import StockOps
from kiosk.errors import DomainError, InvalidInput
from kiosk.eventlog import Tx
from kiosk.idnumber import InvalidIdNumber, parse_id_number
from kiosk.model import Actor, PersonIn, Ticket
from kiosk.states import CALLED, Queue, State

REGISTERED_STATES = (
    State.WAITING_VACCINATION,
    State.CALLED_VACCINATION,
    State.OBSERVING,
    State.RELEASED,
    State.LEFT_EARLY,
)


class CareOps(Part):
    """Registration (screening passed, or deferred) and vaccination."""

    def __init__(self, core: EngineCore, stock: StockOps) -> None:
        super().__init__(core)
        self.stock = stock

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
        allergy: bool = False,
        allow_duplicate: bool = False,
        key: str | None = None,
    ) -> Ticket:
        """Screening passed: the person joins the vaccination queue. With ``allergy`` (a history
        of allergy) their observation is the day's plus the day's allergy extension, as every
        terminal stores them in the day row; ``observation_minutes`` sets it outright."""
        name = required_text(person.name, "name")
        id_number = limits.text(person.id_number, "id_number", required=False)
        if id_number is not None:  # stored as the standard writes it: 18 characters, X upper
            try:
                id_number = parse_id_number(id_number, self.today()).number
            except InvalidIdNumber as exc:
                raise InvalidInput(
                    f"the ID number is not valid: {exc}", field="id_number", problem=exc.code
                ) from None
        phone = limits.text(person.phone, "phone", required=False)
        limits.number(dose_number, "dose_number")
        if observation_minutes is not None:
            limits.number(observation_minutes, "observation_minutes")

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.CALLED_REGISTRATION)
            minutes = observation_minutes
            if minutes is None and allergy:
                day = self.core.day_row(tx.conn, ticket.day, open_only=False)
                minutes = day.observation_minutes + day.allergy_extra_minutes
            if id_number and not allow_duplicate:
                twin = self.find_registered_today(tx.conn, id_number, ticket)
                if twin is not None:
                    raise DomainError(
                        f"this ID number is already registered today on {twin.label}"
                        f" ({twin.state.value})",
                        code="duplicate_person",
                        ticket=twin.label,
                        state=twin.state.value,
                    )
            person_id = self._save_person(tx, PersonIn(name, id_number, phone))
            done = self.core.update(
                tx,
                ticket,
                state=State.WAITING_VACCINATION,
                queue=Queue.VACCINATION,
                desk=None,
                person_id=person_id,
                dose_number=dose_number,
                screening=dict(screening),
                observation_minutes=minutes,
                registered_at=tx.now,
                reinstated_seq=None,
            )
            self.core.ticket_event(
                tx,
                "registered",
                ticket,
                desk=ticket.desk,
                person_id=person_id,
                dose_number=dose_number,
                screening=dict(screening),
                observation_minutes=minutes,
            )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def registered_today(self, id_number: str) -> Ticket | None:
        with self.db.read() as conn:
            return self.find_registered_today(conn, id_number)

    def find_registered_today(
        self, conn: sa.Connection, id_number: str, other_than: Ticket | None = None
    ) -> Ticket | None:
        row = _REGISTERED(
            conn,
            {
                "site": self.site,
                "day": other_than.day if other_than else self.today(),
                "id_number": id_number,
                "other_id": other_than.id if other_than else 0,  # ticket ids start at 1
            },
        ).first()
        return Ticket.from_row(row) if row else None

    def _save_person(self, tx: Tx, person: PersonIn) -> int:
        """The person's row: the one with this ID number at this site (brought up to date), or a
        new one."""
        values = {
            "p_site": self.site,
            "p_name": person.name,
            "p_id_number": person.id_number,
            "p_phone": person.phone,
            "p_now": tx.now,
        }
        if person.id_number:
            existing = _UPDATE_PERSON(tx.conn, values).scalar()
            if existing is not None:
                return int(existing)
        return int(_INSERT_PERSON(tx.conn, values).scalar_one())

    def defer(self, ticket_id: int, reason: str, *, actor: Actor, key: str | None = None) -> Ticket:
        """Not today (screening at registration, or not vaccinated at the station): final; the
        dose is released."""
        why = required_text(reason)

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *CALLED.values())
            done = self.core.update(
                tx, ticket, state=State.DEFERRED, desk=None, finished_at=tx.now, reason=why
            )
            self.core.ticket_event(
                tx,
                "deferred",
                ticket,
                desk=ticket.desk,
                from_state=ticket.state,
                reason=why,
            )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

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
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.CALLED_VACCINATION)
            lot = self.stock.lot_row(tx.conn, lot_id, ticket.day)  # only the ticket's day's stock
            vial = self.stock.draw_dose(tx, lot, vial_id)
            minutes = ticket.observation_minutes or lot.day_observation_minutes
            dose = dose_number or ticket.dose_number or 1
            done = self.core.update(
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
            self.core.ticket_event(
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

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)


_PERSON = {
    "site": sa.bindparam("p_site", type_=persons.c.site.type),
    "name": sa.bindparam("p_name", type_=persons.c.name.type),
    "id_number": sa.bindparam("p_id_number", type_=persons.c.id_number.type),
    "phone": sa.bindparam("p_phone", type_=persons.c.phone.type),
}
_NOW = sa.bindparam("p_now", type_=persons.c.updated_at.type)
_UPDATE_PERSON = Prepared(
    sa.update(persons)
    .where(persons.c.site == _PERSON["site"], persons.c.id_number == _PERSON["id_number"])
    .values(name=_PERSON["name"], phone=_PERSON["phone"], updated_at=_NOW)
    .returning(persons.c.id)
)
_INSERT_PERSON = Prepared(
    sa.insert(persons).values(**_PERSON, created_at=_NOW, updated_at=_NOW).returning(persons.c.id)
)
_REGISTERED = Prepared(
    sa.select(tickets)
    .select_from(tickets.join(persons, persons.c.id == tickets.c.person_id))
    .where(
        tickets.c.site == sa.bindparam("site"),
        tickets.c.day == sa.bindparam("day"),
        persons.c.id_number == sa.bindparam("id_number"),
        tickets.c.state.in_([sa.literal(s.value) for s in REGISTERED_STATES]),
        tickets.c.id != sa.bindparam("other_id"),
    )
    .limit(1)
)
"""A ticket of the day registered to this ID number (other than the one being registered)."""
