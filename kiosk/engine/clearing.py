"""Clearing to zero (当日清零): how many more residents would use every opened dose, the vials
about to pass their use-by with nobody waiting, and the standby list of residents a manager may
call in to use them.

- :meth:`ClearingOps.status`: the figures (the day's status, then the standby list and the
  inventory: two reads, a moment apart). ``needed`` counts the doses
  left in opened, still-usable vials that no issued ticket is expected to take (tickets still
  waiting or in progress, and missed ones within their grace period, are expected).
- The standby list: residents (names and phones entered by hand at the admin screen) who can come
  at short notice: ``waiting`` -> ``called`` -> ``coming`` | ``unreachable``, and ``arrived`` when
  they came, with the priority ticket issued to them in the same transaction.

Every change is a manager's and appends an event (``standby_added``, ``standby_marked``,
``standby_arrived``) without the name or phone, so the feed tells every screen and the audit trail
holds no personal data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.schema import inventory, standby, tickets
from kiosk.engine.core import EngineCore, Part
from kiosk.engine.day import DayOps
from kiosk.engine.tickets import TicketOps
from kiosk.errors import InvalidInput, InvalidTransition, NotFound
from kiosk.eventlog import Tx
from kiosk.model import Actor, DayStatus, Ticket, ticket_label
from kiosk.phones import PhoneError, normalise_phone

STATUSES = ("waiting", "called", "coming", "unreachable", "arrived")
MARKABLE = ("waiting", "called", "coming", "unreachable")
"""What a manager sets by hand; ``arrived`` comes only with the ticket (:meth:`standby_arrived`)."""


@dataclass(frozen=True)
class OpenVial:
    vial_id: int
    product: str
    lot: str
    doses_left: int
    use_by: datetime
    minutes_left: int


@dataclass(frozen=True)
class StandbyEntry:
    id: int
    name: str
    phone: str
    note: str | None
    status: str
    ticket_label: str | None
    added_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ClearingStatus:
    day: date
    open_doses_left: int
    """Doses in opened vials still within their use-by."""
    promised: int
    """Issued tickets still expected today: waiting, called, in progress, missed within grace."""
    needed: int
    """More residents needed to use every opened dose: ``open_doses_left - promised``, at least 0."""
    unopened_vials: int
    unopened_doses: int
    """The day's taken vials not opened yet: stock that can still be opened (or returned)."""
    inventory_doses: int
    """Unopened doses on hand in the inventory, not taken for the day."""
    vials: tuple[OpenVial, ...]
    warnings: tuple[OpenVial, ...]
    """Opened vials within the warning minutes of their use-by while nobody is waiting."""
    standby: tuple[StandbyEntry, ...]

    @property
    def cleared(self) -> bool:
        """No opened dose left to use (so far)."""
        return self.open_doses_left == 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        for vial in [*data["vials"], *data["warnings"]]:
            vial["use_by"] = vial["use_by"].isoformat()
        for entry in data["standby"]:
            entry["added_at"] = entry["added_at"].isoformat()
            entry["updated_at"] = entry["updated_at"].isoformat()
        return data


class ClearingOps(Part):
    def __init__(self, core: EngineCore, day: DayOps, tickets: TicketOps) -> None:
        super().__init__(core)
        self.day = day
        self.tickets = tickets

    # --- the figures ------------------------------------------------------------------------------

    def status(
        self,
        day: date | None = None,
        *,
        warn_minutes: int = 20,
        day_status: DayStatus | None = None,
    ) -> ClearingStatus:
        """The figures of ``day`` (today); from ``day_status`` when the caller has just read it
        (the admin screen's refresh reads it once for both)."""
        the_day = day or self.today()
        status = day_status if day_status is not None else self.day.status(the_day)
        with self.db.read() as conn:
            entries = self._standby(conn, the_day)
            on_hand = conn.execute(
                sa.select(
                    sa.func.coalesce(sa.func.sum(inventory.c.vials * inventory.c.doses_per_vial), 0)
                ).where(inventory.c.site == self.site, inventory.c.vials > 0)
            ).scalar_one()
        now = self.clock.now()
        lots = {lot.id: lot for lot in status.lots}
        vials = tuple(
            OpenVial(
                vial_id=v.id,
                product=lots[v.lot_id].product,
                lot=lots[v.lot_id].lot,
                doses_left=v.doses_left,
                use_by=v.use_by,
                minutes_left=max(0, int((v.use_by - now).total_seconds() // 60)),
            )
            for v in status.open_vials
        )
        open_left = sum(v.doses_left for v in vials)
        c = status.counts
        promised = c.reserved  # waiting or in progress, and missed within their grace
        unopened_vials = sum(lot.vials - lot.vials_opened for lot in status.lots)
        unopened_doses = sum(
            (lot.vials - lot.vials_opened) * lot.doses_per_vial for lot in status.lots
        )
        nobody_waiting = promised == 0
        warnings = tuple(
            v for v in vials if nobody_waiting and v.use_by - now <= timedelta(minutes=warn_minutes)
        )
        return ClearingStatus(
            day=the_day,
            open_doses_left=open_left,
            promised=promised,
            needed=max(0, open_left - promised),
            unopened_vials=unopened_vials,
            unopened_doses=unopened_doses,
            inventory_doses=int(on_hand),
            vials=vials,
            warnings=warnings,
            standby=tuple(entries),
        )

    # --- the standby list -------------------------------------------------------------------------

    def standby_list(self, day: date | None = None) -> list[StandbyEntry]:
        with self.db.read() as conn:
            return self._standby(conn, day or self.today())

    def add_standby(
        self, name: str, phone: str, note: str | None = None, *, actor: Actor
    ) -> StandbyEntry:
        self.core.require_manager(actor, "the standby list")
        the_name = limits.required(name, "name")
        try:
            the_phone = normalise_phone(phone)
        except PhoneError as exc:
            raise InvalidInput(f"the phone number {exc}", field="phone") from exc
        the_note = limits.text(note, "note", required=False) if note else None
        day = self.today()

        def work(tx: Tx) -> StandbyEntry:
            self.core.day_row(tx.conn, day)
            entry_id = tx.conn.execute(
                sa.insert(standby)
                .values(
                    site=self.site,
                    day=day,
                    name=the_name,
                    phone=the_phone,
                    note=the_note,
                    status="waiting",
                    added_at=tx.now,
                    added_by=actor.staff,
                    updated_at=tx.now,
                )
                .returning(standby.c.id)
            ).scalar_one()
            tx.event("standby_added", day=day, entry=entry_id)
            return self._entry(tx.conn, entry_id)

        return self.core.write(actor, work)

    def mark_standby(self, entry_id: int, status: str, *, actor: Actor) -> StandbyEntry:
        self.core.require_manager(actor, "the standby list")
        if status not in MARKABLE:
            raise InvalidInput(
                f"a standby resident is marked {', '.join(MARKABLE)}, not {status!r}",
                field="status",
            )

        def work(tx: Tx) -> StandbyEntry:
            entry = self._entry(tx.conn, entry_id)
            if entry.status == "arrived":
                raise InvalidTransition(
                    f"standby resident {entry_id} has arrived (ticket {entry.ticket_label})",
                    entry=entry_id,
                )
            self._set(tx, entry_id, status=status)
            tx.event("standby_marked", day=self._day_of(tx.conn, entry_id), entry=entry_id,
                     status=status)  # fmt: skip
            return self._entry(tx.conn, entry_id)

        return self.core.write(actor, work)

    def standby_arrived(self, entry_id: int, *, actor: Actor, prefix: str | None = None) -> Ticket:
        """Issue a priority ticket to a standby resident who came, and mark them arrived (one
        transaction: the cap applies as at the kiosk). ``prefix``: the ticket's category
        (default: the day's first)."""
        self.core.require_manager(actor, "the standby list")
        day = self.today()

        def work(tx: Tx) -> Ticket:
            entry = self._entry(tx.conn, entry_id)
            if entry.status == "arrived":
                raise InvalidTransition(
                    f"standby resident {entry_id} already has ticket {entry.ticket_label}",
                    entry=entry_id,
                )
            if self._day_of(tx.conn, entry_id) != day:
                raise InvalidTransition(
                    f"standby resident {entry_id} was listed for another day", entry=entry_id
                )
            row = self.core.day_row(tx.conn, day)
            chosen = prefix or (row.prefixes.split(",")[0] if row.prefixes else "A")
            ticket = self.tickets.issue_in(tx, day, chosen, priority=True)
            self._set(tx, entry_id, status="arrived", ticket_id=ticket.id)
            self.core.ticket_event(tx, "standby_arrived", ticket, entry=entry_id)
            return ticket

        return self.core.write(actor, work)

    # --- rows -------------------------------------------------------------------------------------

    def _standby(self, conn: Connection, day: date) -> list[StandbyEntry]:
        rows = conn.execute(
            _SELECT.where(standby.c.site == self.site, standby.c.day == day).order_by(standby.c.id)
        ).all()
        return [_entry_of(r) for r in rows]

    def _entry(self, conn: Connection, entry_id: int) -> StandbyEntry:
        row = conn.execute(
            _SELECT.where(standby.c.site == self.site, standby.c.id == entry_id)
        ).first()
        if row is None:
            raise NotFound(f"no standby resident {entry_id}", entry=entry_id)
        return _entry_of(row)

    def _day_of(self, conn: Connection, entry_id: int) -> date:
        day: date = conn.execute(
            sa.select(standby.c.day).where(standby.c.site == self.site, standby.c.id == entry_id)
        ).scalar_one()
        return day

    def _set(self, tx: Tx, entry_id: int, **values: Any) -> None:
        """Change an entry that has not arrived. The condition is in the UPDATE itself, so of two
        terminals acting at once (PostgreSQL) the second finds it arrived and is refused, and its
        whole transaction, a ticket issued in it too, is undone."""
        changed = tx.conn.execute(
            sa.update(standby)
            .where(
                standby.c.site == self.site,
                standby.c.id == entry_id,
                standby.c.status != "arrived",
            )
            .values(updated_at=tx.now, **values)
        ).rowcount
        if changed != 1:
            entry = self._entry(tx.conn, entry_id)
            raise InvalidTransition(
                f"standby resident {entry_id} has arrived (ticket {entry.ticket_label})",
                entry=entry_id,
            )


_SELECT = sa.select(
    standby, tickets.c.prefix.label("t_prefix"), tickets.c.number.label("t_number")
).select_from(standby.outerjoin(tickets, tickets.c.id == standby.c.ticket_id))


def _entry_of(row: Any) -> StandbyEntry:
    label = ticket_label(row.t_prefix, row.t_number) if row.t_prefix is not None else None
    return StandbyEntry(
        id=row.id,
        name=row.name,
        phone=row.phone,
        note=row.note,
        status=row.status,
        ticket_label=label,
        added_at=row.added_at,
        updated_at=row.updated_at,
    )
