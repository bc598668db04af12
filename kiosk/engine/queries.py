"""What the screens read: tickets, desks, observation, deadlines and the change feed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import sqlalchemy as sa

from kiosk import eventlog
from kiosk.db.schema import UTCDateTime, adverse_events, days, persons, tickets
from kiosk.engine.core import Part
from kiosk.engine.record import person_row
from kiosk.engine.tickets import CALL_ORDER
from kiosk.errors import NotFound
from kiosk.model import Event, Observation, Person, Ticket, parse_label
from kiosk.privacy import mask_name
from kiosk.states import CALLED, WAITING, Queue, State
from kiosk.wait_estimate import WaitEstimate, estimate_wait, registration_calls


class Queries(Part):
    """What the screens read: tickets, queues, desks, observation, deadlines and the change feed."""

    def queue(self, queue: Queue, day: date | None = None) -> list[Ticket]:
        """Who is waiting in ``queue``, in call order."""
        waiting = sa.and_(
            tickets.c.site == self.site,
            tickets.c.day == (day or self.today()),
            tickets.c.state == WAITING[queue],
        )
        with self.db.read() as conn:
            return [
                Ticket.from_row(r)
                for condition, order in CALL_ORDER
                for r in conn.execute(sa.select(tickets).where(waiting, condition).order_by(order))
            ]

    def people_ahead(self, ticket: Ticket) -> int:
        """How many will be called before this ticket in its queue, as things stand."""
        if ticket.state != WAITING[ticket.queue]:
            return 0
        ids = [t.id for t in self.queue(ticket.queue, ticket.day)]
        return ids.index(ticket.id) if ticket.id in ids else len(ids)

    def ticket(self, ticket_id: int) -> Ticket:
        with self.db.read() as conn:
            return self.core.load(conn, ticket_id)

    def ticket_by_token(self, token: str) -> Ticket:
        """The ticket a scanner read (its QR token)."""
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(tickets).where(tickets.c.site == self.site, tickets.c.token == token)
            ).first()
        if row is None:
            raise NotFound("no ticket has this code", code="unknown_token")
        return Ticket.from_row(row)

    def ticket_by_label(self, label: str, day: date | None = None) -> Ticket:
        parsed = parse_label(label)
        if parsed is None:
            raise NotFound(f"{label!r} is not a ticket number", code="unknown_label")
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(tickets).where(
                    tickets.c.site == self.site,
                    tickets.c.day == (day or self.today()),
                    tickets.c.prefix == parsed[0],
                    tickets.c.number == parsed[1],
                )
            ).first()
        if row is None:
            raise NotFound(f"no ticket {label} today", code="unknown_label")
        return Ticket.from_row(row)

    def tickets_of_day(self, day: date | None = None) -> list[Ticket]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(tickets)
                .where(tickets.c.site == self.site, tickets.c.day == (day or self.today()))
                .order_by(tickets.c.id)
            )
            return [Ticket.from_row(r) for r in rows]

    def called(self, day: date | None = None) -> list[Ticket]:
        """Tickets now with a desk, newest call first."""
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(tickets)
                .where(
                    tickets.c.site == self.site,
                    tickets.c.day == (day or self.today()),
                    tickets.c.state.in_([s.value for s in CALLED.values()]),
                )
                .order_by(tickets.c.called_at.desc(), tickets.c.id.desc())
            )
            return [Ticket.from_row(r) for r in rows]

    def at_desk(self, desk: str) -> Ticket | None:
        """The ticket this desk is serving now (one at most: see ``_require_desk_free``)."""
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(tickets)
                .where(
                    tickets.c.site == self.site,
                    tickets.c.day == self.today(),
                    tickets.c.desk == desk,
                    tickets.c.state.in_([s.value for s in CALLED.values()]),
                )
                .limit(1)
            ).first()
        return Ticket.from_row(row) if row else None

    def missed(self, day: date | None = None) -> list[Ticket]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(tickets)
                .where(
                    tickets.c.site == self.site,
                    tickets.c.day == (day or self.today()),
                    tickets.c.state == State.MISSED,
                )
                .order_by(tickets.c.missed_at)
            )
            return [Ticket.from_row(r) for r in rows]

    def observations(self, day: date | None = None) -> list[Observation]:
        """Everyone in observation, soonest end first."""
        open_ae = (
            sa.select(adverse_events.c.ticket_id, sa.func.count().label("n"))
            .where(adverse_events.c.site == self.site, adverse_events.c.closed_at.is_(None))
            .group_by(adverse_events.c.ticket_id)
            .subquery()
        )
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(tickets, persons.c.name.label("person_name"), open_ae.c.n)
                .select_from(
                    tickets.outerjoin(persons, persons.c.id == tickets.c.person_id).outerjoin(
                        open_ae, open_ae.c.ticket_id == tickets.c.id
                    )
                )
                .where(
                    tickets.c.site == self.site,
                    tickets.c.day == (day or self.today()),
                    tickets.c.state == State.OBSERVING,
                )
                .order_by(tickets.c.observation_end, tickets.c.id)
            )
            return [Observation(Ticket.from_row(r), r.person_name, int(r.n or 0)) for r in rows]

    def public_observations(self, day: date | None = None) -> list[Observation]:
        """Everyone in observation as a public screen may show them: names masked (张*明) here,
        so the waiting-room display never holds a full name."""
        return [
            replace(o, person_name=mask_name(o.person_name) if o.person_name else None)
            for o in self.observations(day)
        ]

    def person(self, person_id: int) -> Person:
        """Staff screens only: public surfaces show masked names."""
        with self.db.read() as conn:
            return Person.from_row(person_row(conn, self.site, person_id))

    def wait_estimate(self, ahead: int) -> WaitEstimate | None:
        """The wait of someone with ``ahead`` people before them in the registration queue, from
        today's registration call rate; None when there is no honest estimate yet."""
        calls = registration_calls(self.tickets_of_day())
        return estimate_wait(ahead, calls, self.clock.now())

    def next_deadline(self, day: date | None = None) -> datetime | None:
        """When time passing next changes something (a missed ticket's grace period ends, an
        observation ends): screens re-check then. Time passing itself writes nothing."""
        now = self.clock.now()
        the_day = day or self.today()
        candidates: list[datetime] = []
        with self.db.read() as conn:
            for column, state in (
                (tickets.c.observation_end, State.OBSERVING),
                (tickets.c.missed_until, State.MISSED),
            ):
                soonest = conn.execute(
                    sa.select(sa.func.min(column, type_=UTCDateTime())).where(
                        tickets.c.site == self.site,
                        tickets.c.day == the_day,
                        tickets.c.state == state,
                        column > now,
                    )
                ).scalar()
                if soonest is not None:
                    candidates.append(soonest)
        return min(candidates) if candidates else None

    def last_seq(self) -> int:
        with self.db.read() as conn:
            return eventlog.last_seq(conn, self.site)

    def events_since(self, seq: int, limit: int = 500) -> list[Event]:
        with self.db.read() as conn:
            return eventlog.events_since(conn, self.site, seq, limit)

    def history(self, ticket_id: int) -> list[Event]:
        with self.db.read() as conn:
            return eventlog.ticket_history(conn, self.site, ticket_id)

    def open_days(self) -> list[date]:
        with self.db.read() as conn:
            return list(
                conn.execute(
                    sa.select(days.c.day)
                    .where(days.c.site == self.site, days.c.status == "open")
                    .order_by(days.c.day)
                ).scalars()
            )
