"""The event log: the audit trail and the feed every screen follows.

Each event gets the site's next sequence number inside the writing transaction, and writers are
serialised per site (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the ``sites`` row is updated and so
locked until commit), so numbers are gap-free and commit in order: readers following ``seq`` never
skip one that commits later. Nothing here is ever updated or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.db.prepared import Prepared
from kiosk.db.schema import events, sites
from kiosk.model import Actor, Event

PAYLOAD_VERSION = 1

_NEXT_SEQ = Prepared(
    sa.update(sites)
    .where(sites.c.site == sa.bindparam("w_site"))
    .values(last_seq=sites.c.last_seq + 1)
    .returning(sites.c.last_seq)
)
_COLUMNS = (
    "site",
    "at",
    "day",
    "staff",
    "terminal",
    "kind",
    "ticket_id",
    "payload",
    "payload_version",
    "idempotency_key",
)
_VALUES = {c: sa.bindparam(f"e_{c}", type_=events.c[c].type) for c in _COLUMNS}
_INSERT = Prepared(
    sa.insert(events).values(seq=sa.bindparam("e_seq", type_=events.c.seq.type), **_VALUES)
)
# SQLite: writers are serialised by BEGIN IMMEDIATE, so the next number can be taken inside the
# INSERT itself (one statement instead of two).
_INSERT_NEXT = Prepared(
    sa.insert(events)
    .values(
        seq=sa.select(sa.func.coalesce(sa.func.max(events.c.seq), 0) + 1)
        .where(events.c.site == sa.bindparam("e_site"))
        .scalar_subquery(),
        **_VALUES,
    )
    .returning(events.c.seq)
)
# PostgreSQL: other terminals LISTEN on the site's channel (kiosk.db.notify); delivered on commit.
_NOTIFY = Prepared(sa.select(sa.func.pg_notify(sa.bindparam("channel"), sa.bindparam("payload"))))
_BY_KEY = Prepared(
    sa.select(events).where(
        events.c.site == sa.bindparam("site"), events.c.idempotency_key == sa.bindparam("key")
    )
)
_LAST_SEQ = Prepared(
    sa.select(sa.func.coalesce(sa.func.max(events.c.seq), 0)).where(
        events.c.site == sa.bindparam("site")
    )
)


def channel(site: str) -> str:
    """The PostgreSQL NOTIFY channel of a site's event log."""
    return f"kiosk_events {site}"


@dataclass
class Tx:
    """One write transaction: where, when, who, and the idempotency key of the request."""

    conn: Connection
    site: str
    now: datetime
    actor: Actor
    key: str | None

    def event(
        self,
        kind: str,
        *,
        ticket_id: int | None = None,
        day: date | None = None,
        **payload: Any,
    ) -> int:
        values = {
            "e_site": self.site,
            "e_at": self.now,
            "e_day": day,
            "e_staff": self.actor.staff,
            "e_terminal": self.actor.terminal,
            "e_kind": kind,
            "e_ticket_id": ticket_id,
            "e_payload": _jsonable(payload),
            "e_payload_version": PAYLOAD_VERSION,
            "e_idempotency_key": self.key,
        }
        if self.conn.dialect.name == "sqlite":
            seq = _INSERT_NEXT(self.conn, values).scalar_one()
        else:
            # PostgreSQL: the site's row is the lock that keeps numbers in commit order.
            seq = _NEXT_SEQ(self.conn, {"w_site": self.site}).scalar_one()
            _INSERT(self.conn, {**values, "e_seq": seq})
            _NOTIFY(self.conn, {"channel": channel(self.site), "payload": str(seq)})
        self.key = None  # one request, one keyed event
        return int(seq)


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in payload.items():
        if isinstance(v, datetime | date):
            out[k] = v.isoformat()
        elif hasattr(v, "value"):
            out[k] = v.value
        else:
            out[k] = v
    return out


def find_by_key(conn: Connection, site: str, key: str) -> Event | None:
    row = _BY_KEY(conn, {"site": site, "key": key}).first()
    return _event(row) if row else None


def events_since(conn: Connection, site: str, seq: int, limit: int = 500) -> list[Event]:
    rows = conn.execute(
        sa.select(events)
        .where(events.c.site == site, events.c.seq > seq)
        .order_by(events.c.seq)
        .limit(limit)
    )
    return [_event(r) for r in rows]


def ticket_history(conn: Connection, site: str, ticket_id: int) -> list[Event]:
    rows = conn.execute(
        sa.select(events)
        .where(events.c.site == site, events.c.ticket_id == ticket_id)
        .order_by(events.c.seq)
    )
    return [_event(r) for r in rows]


def last_seq(conn: Connection, site: str) -> int:
    value = _LAST_SEQ(conn, {"site": site}).scalar()
    return int(value or 0)


def _event(row: Any) -> Event:
    return Event(
        seq=row.seq,
        at=row.at,
        day=row.day,
        staff=row.staff,
        terminal=row.terminal,
        kind=row.kind,
        ticket_id=row.ticket_id,
        payload=dict(row.payload or {}),
        payload_version=row.payload_version,
    )
