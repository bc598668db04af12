"""A checked village list against the stored appointments, in batches: which rows are new, which
change an appointment, which are already on file; and writing them, inside the caller's one
transaction (so a failure half-way leaves nothing)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.appointments.model import AppointmentIn, Progress
from kiosk.db.schema import appointments

BATCH = 1000
TOKEN_BYTES = 16  # 128 bits, like the tickets' and slips' tokens


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass
class Plan:
    """What storing a list does: rows to add, (id, row) pairs to update, and unchanged ones."""

    add: list[AppointmentIn]
    update: list[tuple[int, AppointmentIn]]
    unchanged: int


def _stored(row: Any) -> tuple[str, str, str, Any, bool]:
    return (row.name, row.phone, row.village, row.day, bool(row.standby))


def plan(
    conn: Connection,
    site: str,
    rows: Sequence[AppointmentIn],
    progress: Callable[[Progress], None] | None = None,
) -> Plan:
    """Compare ``rows`` with what ``site`` has on file, a batch of keys at a time."""
    out = Plan([], [], 0)
    a = appointments.c
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        found = {
            (r.document_type, r.id_number, r.document_country, r.dose_number): r
            for r in conn.execute(
                sa.select(
                    a.id,
                    a.document_type,
                    a.id_number,
                    a.document_country,
                    a.dose_number,
                    a.name,
                    a.phone,
                    a.village,
                    a.day,
                    a.standby,
                ).where(  # fmt: skip
                    a.site == site,
                    a.document_type.in_({r.document_type for r in batch}),
                    a.id_number.in_({r.id_number for r in batch}),
                )
            )
        }
        for row in batch:
            stored = found.get(row.key)
            if stored is None:
                out.add.append(row)
            elif _stored(stored) != row.values():
                out.update.append((stored.id, row))
            else:
                out.unchanged += 1
        if progress is not None:
            progress(Progress("writing", min(start + BATCH, len(rows)), len(rows)))
    return out


_UPDATE = (
    sa.update(appointments)
    .where(appointments.c.id == sa.bindparam("w_id"))
    .values(
        name=sa.bindparam("name"),
        phone=sa.bindparam("phone"),
        village=sa.bindparam("village"),
        day=sa.bindparam("day"),
        standby=sa.bindparam("standby"),
        batch=sa.bindparam("batch"),
        updated_at=sa.bindparam("now"),
    )
)


def write(conn: Connection, site: str, todo: Plan, batch: str, now: datetime) -> None:
    """Store ``todo`` (from :func:`plan` in this same transaction)."""
    for start in range(0, len(todo.add), BATCH):
        conn.execute(
            sa.insert(appointments),
            [
                {
                    "site": site,
                    "document_type": r.document_type,
                    "id_number": r.id_number,
                    "document_country": r.document_country,
                    "dose_number": r.dose_number,
                    "document_suffix": r.id_number[-6:],
                    "name": r.name,
                    "phone": r.phone,
                    "village": r.village,
                    "day": r.day,
                    "standby": r.standby,
                    "token": new_token(),
                    "batch": batch,
                    "created_at": now,
                    "updated_at": now,
                }
                for r in todo.add[start : start + BATCH]
            ],
        )
    for start in range(0, len(todo.update), BATCH):
        conn.execute(
            _UPDATE,
            [
                {
                    "w_id": i,
                    "name": r.name,
                    "phone": r.phone,
                    "village": r.village,
                    "day": r.day,
                    "standby": r.standby,
                    "batch": batch,
                    "now": now,
                }  # fmt: skip
                for i, r in todo.update[start : start + BATCH]
            ],
        )


DocKey = tuple[str, str, str]
"""A resident as the lists know them: (document kind, number, issuing country or "")."""


def latest_by_resident(
    conn: Connection, condition: sa.ColumnElement[bool]
) -> dict[DocKey, tuple[str, str]]:
    """Each listed resident's (village, phone) from their latest appointment (by date, then the
    latest row) among those ``condition`` selects: the one rule the due list and the reports'
    coverage by village both group by."""
    a = appointments.c
    out: dict[DocKey, tuple[str, str]] = {}
    q = (
        sa.select(a.document_type, a.id_number, a.document_country, a.village, a.phone)
        .where(condition)
        .order_by(a.day, a.id)  # the latest appointment last, so it wins
    )
    for r in conn.execute(q):
        out[(r.document_type, r.id_number, r.document_country)] = (r.village, r.phone)
    return out
