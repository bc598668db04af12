"""Closing the day so that it balances, and reopening it.

The reconciliation counts every dose moved into the day from independent sources:

    doses in (the day's lots) = given (the record's doses) + wasted (the vials, by reason)
                                + returned (vials never opened) + left in opened vials

and a day is locked only when nothing is left in an opened vial (each dose given or recorded as
wasted, with a reason) and the equation holds. People still in observation and open adverse
events are listed; the manager resolves them, or acknowledges them, which releases them with the
reason "day closed" (an open adverse event is closed with that outcome). Waiting tickets become
unserved, as always. Unopened vials go back to the inventory (reopening takes them again). The day records whether
it was cleared to zero (当日清零: no dose of an
opened vial left over at the end of the day or past its time once opened).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.schema import adverse_events, days, doses, events, lots, tickets, vials
from kiosk.engine.core import EngineCore, Part, required_text
from kiosk.engine.inventory import InventoryOps
from kiosk.errors import InvalidTransition
from kiosk.eventlog import Tx
from kiosk.model import Actor, ticket_label
from kiosk.states import IN_PROGRESS, State

FRIDGE_RANGE = (2.0, 8.0)  # °C, the cold chain's range for vaccines
LEFT_OVER = ("day_end", "expired_open")  # waste that means the day was not cleared to zero
DAY_CLOSED = "day closed"


@dataclass(frozen=True)
class Reconciliation:
    """The day's doses, accounted for; what stands in the way of locking it."""

    day: date
    doses_in: int
    given: int
    wasted: int
    wasted_by_reason: dict[str, int]
    returned: int
    left_in_open_vials: int
    waiting: int  # tickets still waiting or called: they become unserved
    observing: tuple[str, ...]  # ticket labels still in observation
    open_adverse_events: tuple[str, ...]  # ticket labels with an open adverse event
    fridge_open_c: float | None = None
    fridge_close_c: float | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def balanced(self) -> bool:
        accounted = self.given + self.wasted + self.returned + self.left_in_open_vials
        return self.doses_in == accounted and self.left_in_open_vials == 0

    @property
    def cleared_to_zero(self) -> bool:
        return self.left_in_open_vials == 0 and not any(
            self.wasted_by_reason.get(code, 0) for code in LEFT_OVER
        )

    @property
    def cold_chain_flags(self) -> tuple[str, ...]:
        low, high = FRIDGE_RANGE
        out = []
        for when, value in (("opening", self.fridge_open_c), ("closing", self.fridge_close_c)):
            if value is not None and not low <= value <= high:
                out.append(f"fridge at {when} {value:g} °C, outside {low:g}-{high:g} °C")
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "doses_in": self.doses_in,
            "used": self.given,
            "wasted": self.wasted,
            "wasted_by_reason": dict(sorted(self.wasted_by_reason.items())),
            "returned": self.returned,
            "left_in_open_vials": self.left_in_open_vials,
            "waiting": self.waiting,
            "observing": list(self.observing),
            "open_adverse_events": list(self.open_adverse_events),
            "fridge_open_c": self.fridge_open_c,
            "fridge_close_c": self.fridge_close_c,
            "cold_chain_flags": list(self.cold_chain_flags),
            "cleared_to_zero": self.cleared_to_zero,
            "balanced": self.balanced,
            "problems": list(self.problems),
        }


class ClosingOps(Part):
    """Reconcile, close (only when it balances), reopen."""

    def __init__(self, core: EngineCore, inventory: InventoryOps) -> None:
        super().__init__(core)
        self.inventory = inventory

    def reconciliation(self, day: date | None = None) -> Reconciliation:
        the_day = day or self.today()
        with self.db.read() as conn:
            return self.reconcile(conn, the_day)

    def reconcile(
        self, conn: Connection, day: date, fridge_close_c: float | None = None
    ) -> Reconciliation:
        row = self.core.day_row(conn, day, open_only=False)
        site = self.site
        doses_in = _scalar(
            conn,
            sa.select(sa.func.coalesce(sa.func.sum(lots.c.vials * lots.c.doses_per_vial), 0)).where(
                lots.c.site == site, lots.c.day == day
            ),
        )
        opened = conn.execute(
            sa.select(vials.c.doses_drawn, vials.c.doses_wasted, lots.c.doses_per_vial)
            .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
            .where(vials.c.site == site, vials.c.day == day)
        ).all()
        wasted = sum(v.doses_wasted for v in opened)
        left = sum(v.doses_per_vial - v.doses_drawn - v.doses_wasted for v in opened)
        unopened = doses_in - sum(v.doses_per_vial for v in opened)
        given = _scalar(
            conn,
            sa.select(sa.func.count()).where(
                doses.c.site == site,
                doses.c.given_on == day,
                doses.c.ticket_id.is_not(None),
                doses.c.voided_at.is_(None),
            ),
        )
        by_reason: Counter[str] = Counter()
        for payload in conn.execute(
            sa.select(events.c.payload).where(
                events.c.site == site, events.c.day == day, events.c.kind == "doses_wasted"
            )
        ).scalars():
            by_reason[payload.get("reason_code") or "uncoded"] += int(payload.get("doses", 0))
        if sum(by_reason.values()) < wasted:  # waste recorded before it carried its day
            by_reason["uncoded"] += wasted - sum(by_reason.values())
        state = tickets.c.state
        in_day = sa.and_(tickets.c.site == site, tickets.c.day == day)
        waiting = _scalar(
            conn,
            sa.select(sa.func.count()).where(in_day, state.in_([s.value for s in IN_PROGRESS])),
        )
        observing = [
            ticket_label(r.prefix, r.number)
            for r in conn.execute(
                sa.select(tickets.c.prefix, tickets.c.number)
                .where(in_day, state == State.OBSERVING.value)
                .order_by(tickets.c.id)
            )
        ]
        open_ae = [
            ticket_label(r.prefix, r.number)
            for r in conn.execute(
                sa.select(tickets.c.prefix, tickets.c.number)
                .select_from(
                    adverse_events.join(tickets, tickets.c.id == adverse_events.c.ticket_id)
                )
                .where(in_day, adverse_events.c.closed_at.is_(None))
                .order_by(adverse_events.c.id)
            )
        ]
        problems = []
        if left:
            problems.append(
                f"{left} dose(s) left in opened vials: give them or record them as wasted"
            )
        if doses_in != given + wasted + unopened + left:
            problems.append(
                f"the doses do not add up: {doses_in} in, {given} given, {wasted} wasted,"
                f" {unopened} in unopened vials, {left} left in opened vials"
            )
        if observing:
            problems.append(f"still in observation: {', '.join(observing)}")
        if open_ae:
            problems.append(f"open adverse events: {', '.join(open_ae)}")
        return Reconciliation(
            day=day,
            doses_in=doses_in,
            given=given,
            wasted=wasted,
            wasted_by_reason=dict(by_reason),
            returned=unopened,
            left_in_open_vials=left,
            waiting=waiting,
            observing=tuple(observing),
            open_adverse_events=tuple(open_ae),
            fridge_open_c=row.fridge_open_c,
            fridge_close_c=fridge_close_c if fridge_close_c is not None else row.fridge_close_c,
            problems=tuple(problems),
        )

    def close(
        self,
        *,
        actor: Actor,
        day: date | None = None,
        acknowledge: bool = False,
        fridge_c: float | None = None,
    ) -> Reconciliation:
        """Lock the day once it balances. Waiting tickets become unserved. With ``acknowledge``
        the manager releases whoever is still in observation and closes open adverse events,
        each with the reason "day closed"; without it they are refused. Refused (nothing
        changes) while a dose is left in an opened vial or the doses do not add up."""
        self.core.require_manager(actor, "closing the day")
        the_day = day or self.today()
        if fridge_c is not None:
            limits.temperature(fridge_c)

        def work(tx: Tx) -> Reconciliation:
            self.core.day_row(tx.conn, the_day, lock=True)
            before = self.reconcile(tx.conn, the_day, fridge_c)
            people = before.observing or before.open_adverse_events
            if not before.balanced or (people and not acknowledge):
                raise InvalidTransition(
                    f"service day {the_day} does not balance yet: " + "; ".join(before.problems),
                    code="day_unbalanced",
                    problems=list(before.problems),
                )
            unserved = self._unserve(tx, the_day)
            released = self._release_all(tx, the_day) if acknowledge else 0
            self.inventory.return_unopened(tx, the_day)
            after = self.reconcile(tx.conn, the_day, fridge_c)
            tx.conn.execute(
                sa.update(days)
                .where(days.c.site == self.site, days.c.day == the_day)
                .values(
                    status="closed",
                    closed_at=tx.now,
                    cleared_to_zero=after.cleared_to_zero,
                    fridge_close_c=fridge_c,
                )
            )
            tx.event(
                "day_closed",
                day=the_day,
                unserved=unserved,
                released=released,
                reconciliation=after.as_dict(),
            )
            return after

        return self.core.write(actor, work)

    def reopen(self, reason: str, *, actor: Actor, day: date | None = None) -> None:
        """A closed day open again, with why (audited): a late entry, a wrong close."""
        self.core.require_manager(actor, "reopening a day")
        why = required_text(reason)
        the_day = day or self.today()

        def work(tx: Tx) -> None:
            row = self.core.day_row(tx.conn, the_day, lock=True, open_only=False)
            if row.status != "closed":
                raise InvalidTransition(f"service day {the_day} is not closed", code="day_open")
            tx.conn.execute(
                sa.update(days)
                .where(days.c.site == self.site, days.c.day == the_day)
                .values(status="open", closed_at=None, cleared_to_zero=None)
            )
            self.inventory.take_back(tx, the_day)
            tx.event("day_reopened", day=the_day, reason=why)

        self.core.write(actor, work)

    def _unserve(self, tx: Tx, day: date) -> int:
        rows = tx.conn.execute(
            sa.select(tickets.c.id, tickets.c.prefix, tickets.c.number, tickets.c.state)
            .where(
                tickets.c.site == self.site,
                tickets.c.day == day,
                tickets.c.state.in_([s.value for s in IN_PROGRESS]),
            )
            .order_by(tickets.c.id)
        ).all()
        for r in rows:
            tx.conn.execute(
                sa.update(tickets)
                .where(tickets.c.id == r.id)
                .values(state=State.UNSERVED, desk=None, finished_at=tx.now)
            )
            label = ticket_label(r.prefix, r.number)
            tx.event("unserved", ticket_id=r.id, day=day, label=label, from_state=r.state)
        return len(rows)

    def _release_all(self, tx: Tx, day: date) -> int:
        """Whoever is still in observation, released with the reason "day closed"; their open
        adverse events closed with that outcome (the manager acknowledged them)."""
        rows = tx.conn.execute(
            sa.select(tickets.c.id, tickets.c.prefix, tickets.c.number)
            .where(
                tickets.c.site == self.site,
                tickets.c.day == day,
                tickets.c.state == State.OBSERVING.value,
            )
            .order_by(tickets.c.id)
        ).all()
        for ae in tx.conn.execute(
            sa.select(adverse_events.c.id, adverse_events.c.ticket_id).where(
                adverse_events.c.site == self.site,
                adverse_events.c.day == day,
                adverse_events.c.closed_at.is_(None),
            )
        ).all():
            tx.conn.execute(
                sa.update(adverse_events)
                .where(adverse_events.c.id == ae.id)
                .values(closed_at=tx.now, outcome=DAY_CLOSED)
            )
            tx.event("adverse_event_closed", ticket_id=ae.ticket_id, day=day, ae_id=ae.id,
                     outcome=DAY_CLOSED)  # fmt: skip
        for r in rows:
            tx.conn.execute(
                sa.update(tickets)
                .where(tickets.c.id == r.id)
                .values(state=State.RELEASED, finished_at=tx.now, reason=DAY_CLOSED)
            )
            label = ticket_label(r.prefix, r.number)
            tx.event("released", ticket_id=r.id, day=day, label=label, reason=DAY_CLOSED)
        return len(rows)


def _scalar(conn: Connection, query: Any) -> int:
    return int(conn.execute(query).scalar_one())
