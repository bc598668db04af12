"""What every part of the engine shares: the database, the clock and the site; the write path with
idempotency; loading, checking and updating a ticket inside a transaction; the day row.

Each part (:mod:`kiosk.engine.stock`, ``day``, ``tickets``…) holds this one :class:`EngineCore`
and, where it builds on another part, that part; none of them inherits from another."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.clock import Clock
from kiosk.db.database import Database
from kiosk.db.prepared import Prepared
from kiosk.db.schema import days, tickets
from kiosk.errors import DayNotOpen, InvalidTransition, NotAllowed, NotFound
from kiosk.eventlog import Tx, find_by_key
from kiosk.model import Actor, Event, Ticket
from kiosk.states import State

T = TypeVar("T")

# Hot statements are built and compiled once (kiosk.db.prepared): preparing a SQLAlchemy
# statement for execution costs more than SQLite takes to run it.
_LOAD_STATEMENT = sa.select(tickets).where(
    tickets.c.site == sa.bindparam("site"), tickets.c.id == sa.bindparam("ticket_id")
)
_LOAD = Prepared(_LOAD_STATEMENT)
_LOAD_FOR_UPDATE = Prepared(_LOAD_STATEMENT.with_for_update())
_DAY_STATEMENT = sa.select(days).where(
    days.c.site == sa.bindparam("site"), days.c.day == sa.bindparam("day")
)
_DAY = Prepared(_DAY_STATEMENT)
_DAY_FOR_UPDATE = Prepared(_DAY_STATEMENT.with_for_update())


@functools.lru_cache(maxsize=128)
def _update_statement(keys: tuple[str, ...]) -> Prepared:
    """UPDATE tickets SET <keys> WHERE the ticket, one statement per set of columns."""
    return Prepared(
        sa.update(tickets)
        .where(tickets.c.site == sa.bindparam("w_site"), tickets.c.id == sa.bindparam("w_id"))
        .values({k: sa.bindparam(f"v_{k}", type_=tickets.c[k].type) for k in keys})
    )


def _as_stored(value: Any) -> Any:
    """A value as reading it back gives it: times in UTC (the database's UTCDateTime)."""
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def required_text(text: str, what: str = "reason") -> str:
    """``text`` stripped, required and within the limits of ``what`` (kiosk.limits)."""
    return limits.required(text, what)


class EngineCore:
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

    def write(
        self,
        actor: Actor,
        work: Callable[[Tx], T],
        *,
        key: str | None = None,
        replay: Callable[[Connection, Event], T] | None = None,
    ) -> T:
        """Run ``work`` as one transaction. A request whose key was seen before is not acted on
        again: ``replay`` answers it from the first event that key wrote."""
        limits.required(actor.staff, "staff")  # every event names both, within their columns
        limits.required(actor.terminal, "desk")
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

    @staticmethod
    def require_manager(actor: Actor, what: str) -> None:
        """Refuse ``what`` (the day, the stock, the capacity, reopening) to anyone but a
        manager (docs: the roles table in README.md)."""
        if actor.role != "manager":
            raise NotAllowed(
                f"{what} is a manager's: {actor.staff} is signed in as {actor.role}",
                staff=actor.staff,
                role=actor.role,
            )

    def replay_ticket(self, conn: Connection, event: Event) -> Ticket:
        if event.ticket_id is None:
            raise InvalidTransition("this request was already carried out")
        return self.load(conn, event.ticket_id)

    # --- tickets ----------------------------------------------------------------------------------

    def load(self, conn: Connection, ticket_id: int, *, lock: bool = False) -> Ticket:
        q = _LOAD_FOR_UPDATE if lock else _LOAD
        row = q(conn, {"site": self.site, "ticket_id": ticket_id}).first()
        if row is None:
            raise NotFound(f"no ticket with id {ticket_id}", ticket_id=ticket_id)
        return Ticket.from_row(row)

    def expect(self, ticket: Ticket, *allowed: State) -> None:
        if ticket.state not in allowed:
            raise InvalidTransition(
                f"ticket {ticket.label} is {ticket.state.value}, expected "
                + " or ".join(sorted(s.value for s in allowed)),  # the same order every run
                ticket=ticket.label,
                state=ticket.state.value,
            )

    def update(self, tx: Tx, ticket: Ticket, **values: Any) -> Ticket:
        """Store ``values`` on ``ticket``, which the caller loaded locked in this transaction, and
        return it as stored. The row is locked, so the stored row is ``ticket`` with ``values``:
        reading it back (RETURNING) would only convert every column again."""
        params = {f"v_{k}": v for k, v in values.items()}
        params.update(w_site=self.site, w_id=ticket.id)
        updated = _update_statement(tuple(sorted(values)))(tx.conn, params).rowcount
        if updated != 1:
            raise NotFound(f"no ticket with id {ticket.id}", ticket_id=ticket.id)
        return dataclasses.replace(ticket, **{k: _as_stored(v) for k, v in values.items()})

    def ticket_event(self, tx: Tx, kind: str, ticket: Ticket, **payload: Any) -> int:
        """An event about ``ticket``: its id, day and number always go with it."""
        return tx.event(kind, ticket_id=ticket.id, day=ticket.day, label=ticket.label, **payload)

    def day_row(
        self, conn: Connection, day: date, *, lock: bool = False, open_only: bool = True
    ) -> Any:
        q = _DAY_FOR_UPDATE if lock else _DAY
        row = q(conn, {"site": self.site, "day": day}).first()
        self.check_day(row, day, open_only=open_only)
        return row

    def check_day(self, row: Any, day: date, *, open_only: bool = True) -> None:
        """Raise :class:`DayNotOpen` unless ``row`` (of ``day``, with its status) is there and
        open (or only there, with ``open_only`` false)."""
        if row is None:
            raise DayNotOpen(
                f"service day {day} has not been opened at site {self.site!r}",
                day=str(day),
                site=self.site,
                status="not_opened",
            )
        if open_only and row.status != "open":
            raise DayNotOpen(f"service day {day} is closed", day=str(day), status="closed")


class Part:
    """A part of the engine: one concept's operations over the shared :class:`EngineCore`."""

    def __init__(self, core: EngineCore) -> None:
        self.core = core
        self.db = core.db
        self.clock = core.clock
        self.site = core.site

    def today(self) -> date:
        return self.core.today()

    def local(self, moment: datetime) -> datetime:
        return self.core.local(moment)
