"""What every part of the engine shares: the clock, the write path with idempotency, ticket loading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.clock import Clock
from kiosk.db.database import Database
from kiosk.db.schema import days, tickets
from kiosk.errors import DayNotOpen, InvalidTransition, NotFound
from kiosk.eventlog import Tx, find_by_key
from kiosk.model import Actor, Event, Ticket
from kiosk.states import State

T = TypeVar("T")


class EngineBase:
    def __init__(self, db: Database, clock: Clock, site: str, timezone: str) -> None:
        self.db = db
        self.clock = clock
        self.site = site
        self.tz = ZoneInfo(timezone)

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        """The service day: the site's local date."""
        return self.clock.now().astimezone(self.tz).date()

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    # --- the write path -------------------------------------------------------------------------

    def _write(
        self,
        actor: Actor,
        work: Callable[[Tx], T],
        *,
        key: str | None = None,
        replay: Callable[[Connection, Event], T] | None = None,
    ) -> T:
        """Run ``work`` as one transaction. A request whose key was seen before is not acted on
        again: ``replay`` answers it from the first event that key wrote."""
        now = self.clock.now()

        def run(conn: Connection) -> T:
            if key is not None:
                seen = find_by_key(conn, self.site, key)
                if seen is not None:
                    if replay is None:
                        raise InvalidTransition("this request was already carried out", key=key)
                    return replay(conn, seen)
            return work(Tx(conn, self.site, now, actor, key))

        try:
            return self.db.write(run)
        except sa.exc.IntegrityError:
            if key is None:
                raise
            return self.db.write(run)  # a concurrent twin committed first: answer as it did

    def _replay_ticket(self, conn: Connection, event: Event) -> Ticket:
        if event.ticket_id is None:
            raise InvalidTransition("this request was already carried out")
        return self._load(conn, event.ticket_id)

    # --- tickets ----------------------------------------------------------------------------------

    def _load(self, conn: Connection, ticket_id: int, *, lock: bool = False) -> Ticket:
        q = sa.select(tickets).where(tickets.c.site == self.site, tickets.c.id == ticket_id)
        if lock:
            q = q.with_for_update()
        row = conn.execute(q).first()
        if row is None:
            raise NotFound(f"no ticket with id {ticket_id}", ticket_id=ticket_id)
        return Ticket.from_row(row)

    def _expect(self, ticket: Ticket, *allowed: State) -> None:
        if ticket.state not in allowed:
            raise InvalidTransition(
                f"ticket {ticket.label} is {ticket.state.value}, expected "
                + " or ".join(s.value for s in allowed),
                ticket=ticket.label,
                state=ticket.state.value,
            )

    def _update(self, tx: Tx, ticket: Ticket, **values: Any) -> Ticket:
        tx.conn.execute(
            sa.update(tickets)
            .where(tickets.c.site == self.site, tickets.c.id == ticket.id)
            .values(**values)
        )
        return self._load(tx.conn, ticket.id)

    def _day_row(
        self, conn: Connection, day: date, *, lock: bool = False, open_only: bool = True
    ) -> Any:
        q = sa.select(days).where(days.c.site == self.site, days.c.day == day)
        if lock:
            q = q.with_for_update()
        row = conn.execute(q).first()
        if row is None:
            raise DayNotOpen(f"service day {day} has not been opened", day=str(day))
        if open_only and row.status != "open":
            raise DayNotOpen(f"service day {day} is closed", day=str(day))
        return row
