"""The day's figures counted twice, from the stored rows and from the event log, compared.

The rows (tickets, vials, doses, adverse events) are what the screens and the report read; the
event log is the audit trail, appended in the same transactions and never changed. A row changed
outside the program (a hand-made UPDATE, a bad restore, a bug that skipped its event) shows up as
a figure the two sources disagree on, and for tickets as the ticket whose stored state is not the
state its events lead to. Only figures both sources really hold are compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kiosk.db.schema import adverse_events, doses, events, tickets, vials
from kiosk.model import ticket_label
from kiosk.states import CALLED, WAITING, Queue, State, count_group

if TYPE_CHECKING:
    from kiosk.engine import Engine

MAX_TICKET_LINES = 20

# The state each ticket event leaves its ticket in (events not listed change no state).
_STATE_AFTER = {
    "issued": State.WAITING_REGISTRATION,
    "missed": State.MISSED,
    "cancelled": State.CANCELLED,
    "registered": State.WAITING_VACCINATION,
    "deferred": State.DEFERRED,
    "vaccinated": State.OBSERVING,
    "released": State.RELEASED,
    "left_early": State.LEFT_EARLY,
    "unserved": State.UNSERVED,
    "vaccination_undone": State.WAITING_VACCINATION,
}
_GROUPS = ("vaccinated", "in_progress", "deferred", "cancelled", "missed", "unserved")


def state_after(kind: str, payload: dict[str, Any], state: State | None) -> State | None:
    """The ticket's state after an event of ``kind`` (``state`` before it)."""
    if kind in _STATE_AFTER:
        return _STATE_AFTER[kind]
    if kind == "called":
        return CALLED[Queue(payload["queue"])]
    if kind == "reinstated":
        return WAITING[Queue(payload["queue"])]
    if kind == "corrected" and "to_state" in payload:  # an outcome undone (not a lot or number)
        return State(payload["to_state"])
    return state


def check(engine: Engine, day: date) -> list[str]:
    """One line per figure of ``day`` on which the rows and the event log disagree, then one per
    ticket that does (at most :data:`MAX_TICKET_LINES`); empty when they agree."""
    site = engine.site
    with engine.db.read() as conn:  # one snapshot: the screens may be writing
        rows = conn.execute(
            sa.select(tickets.c.id, tickets.c.prefix, tickets.c.number, tickets.c.state).where(
                tickets.c.site == site, tickets.c.day == day
            )
        ).all()
        ids = sa.select(tickets.c.id).where(tickets.c.site == site, tickets.c.day == day)
        logged = conn.execute(
            sa.select(events.c.ticket_id, events.c.kind, events.c.payload)
            .where(
                events.c.site == site,
                events.c.ticket_id.is_not(None),
                sa.or_(events.c.day == day, events.c.ticket_id.in_(ids)),
            )
            .order_by(events.c.seq)
        ).all()
        day_vials = conn.execute(
            sa.select(vials.c.id, vials.c.doses_drawn, vials.c.doses_wasted).where(
                vials.c.site == site, vials.c.day == day
            )
        ).all()
        stock_events = conn.execute(
            sa.select(events.c.kind, events.c.day, events.c.payload).where(
                events.c.site == site, events.c.kind.in_(("vial_opened", "doses_wasted"))
            )
        ).all()
        on_record = conn.execute(
            sa.select(sa.func.count()).where(
                doses.c.site == site, doses.c.ticket_id.in_(ids), doses.c.voided_at.is_(None)
            )
        ).scalar_one()
        adverse = conn.execute(
            sa.select(sa.func.count()).where(
                adverse_events.c.site == site, adverse_events.c.day == day
            )
        ).scalar_one()

    stored = {r.id: State(r.state) for r in rows}
    labels = {r.id: ticket_label(r.prefix, r.number) for r in rows}
    replayed: dict[int, State | None] = {}
    kinds: Counter[str] = Counter()
    for ticket_id, kind, payload in logged:
        kinds[kind] += 1
        replayed[ticket_id] = state_after(kind, dict(payload or {}), replayed.get(ticket_id))

    lines: list[str] = []

    def compare(figure: str, from_rows: int, from_log: int, rows_name: str = "the tickets") -> None:
        if from_rows != from_log:
            lines.append(f"{figure}: {rows_name} say {from_rows}, the event log says {from_log}")

    compare("issued", len(stored), kinds["issued"])
    by_rows = Counter(count_group(s) for s in stored.values())
    by_log = Counter(count_group(s) for s in replayed.values() if s is not None)
    for group in _GROUPS:
        compare(group, by_rows[group], by_log[group])
    compare(
        "left_early",
        sum(s == State.LEFT_EARLY for s in stored.values()),
        sum(s == State.LEFT_EARLY for s in replayed.values()),
    )
    given = kinds["vaccinated"] - kinds["vaccination_undone"]
    compare("doses_used", sum(v.doses_drawn for v in day_vials), given, "the vials")
    compare("doses_on_record", int(on_record), given, "the record's doses")
    vial_ids = {v.id for v in day_vials}
    opened = sum(1 for e in stock_events if e.kind == "vial_opened" and e.day == day)
    wasted = sum(
        int(p.get("doses", 0))
        for e in stock_events
        if e.kind == "doses_wasted" and (p := dict(e.payload or {})).get("vial_id") in vial_ids
    )
    compare("vials_opened", len(day_vials), opened, "the vials")
    compare("doses_wasted", sum(v.doses_wasted for v in day_vials), wasted, "the vials")
    compare("adverse_events", int(adverse), kinds["adverse_event"], "the adverse events")
    lines.extend(_ticket_lines(stored, replayed, labels))
    return lines


def _ticket_lines(
    stored: dict[int, State], replayed: dict[int, State | None], labels: dict[int, str]
) -> Iterable[str]:
    found: list[str] = []
    for ticket_id in sorted(stored.keys() | replayed.keys()):
        mine, logged = stored.get(ticket_id), replayed.get(ticket_id)
        if mine == logged:
            continue
        if mine is None:
            found.append(f"ticket id {ticket_id}: in the event log, but no ticket row")
        elif logged is None:
            found.append(f"ticket {labels[ticket_id]} (id {ticket_id}): no events in the log")
        else:
            found.append(
                f"ticket {labels[ticket_id]} (id {ticket_id}): stored as {mine.value}, its"
                f" events lead to {logged.value}"
            )
    if len(found) > MAX_TICKET_LINES:
        more = len(found) - MAX_TICKET_LINES
        found = [*found[:MAX_TICKET_LINES], f"... and {more} more ticket(s) that disagree"]
    return found
