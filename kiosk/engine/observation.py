"""Observation: may-leave and release, early leave, extension, adverse events."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import adverse_events
from kiosk.engine.core import Part, required_text
from kiosk.errors import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotYet,
)
from kiosk.eventlog import Tx
from kiosk.model import (
    SEVERITIES,
    Actor,
    AdverseEvent,
    Ticket,
)
from kiosk.states import State


class ObservationOps(Part):
    """Observation: may-leave and release, early leave, extension, adverse events."""

    def release(self, ticket_id: int, *, actor: Actor, key: str | None = None) -> Ticket:
        """The person may leave (the may-leave rule) and is released."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.OBSERVING)
            assert ticket.observation_end is not None
            if tx.now < ticket.observation_end:
                left = ticket.observation_end - tx.now
                raise NotYet(
                    f"{ticket.label} may leave at {self.local(ticket.observation_end):%H:%M}",
                    seconds_left=int(left.total_seconds()),
                )
            if self._open_adverse(tx.conn, ticket.id):
                raise NotYet(f"{ticket.label} has an open adverse event", code="adverse_event_open")
            done = self.core.update(tx, ticket, state=State.RELEASED, finished_at=tx.now)
            self.core.ticket_event(
                tx,
                "released",
                ticket,
            )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def leave_early(
        self, ticket_id: int, reason: str, *, actor: Actor, key: str | None = None
    ) -> Ticket:
        why = required_text(reason)

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.OBSERVING)
            done = self.core.update(
                tx, ticket, state=State.LEFT_EARLY, finished_at=tx.now, reason=why
            )
            self.core.ticket_event(tx, "left_early", ticket, reason=why)
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def extend(self, ticket_id: int, minutes: int, *, actor: Actor) -> Ticket:
        limits.number(minutes, "minutes")

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.OBSERVING)
            assert ticket.observation_end is not None
            end = max(ticket.observation_end, tx.now) + timedelta(minutes=minutes)
            done = self.core.update(tx, ticket, observation_end=end)
            self.core.ticket_event(
                tx,
                "observation_extended",
                ticket,
                minutes=minutes,
                observation_end=end,
            )
            return done

        return self.core.write(actor, work)

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
        text = required_text(symptoms, "symptoms")
        done_about_it = limits.text(action, "action", required=False) or ""
        if severity not in SEVERITIES:
            raise InvalidInput(f"severity must be one of {', '.join(SEVERITIES)}", field="severity")

        def work(tx: Tx) -> int:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.OBSERVING)
            ae_id = tx.conn.execute(
                sa.insert(adverse_events)
                .values(
                    site=self.site,
                    day=ticket.day,
                    ticket_id=ticket.id,
                    onset_at=onset_at or tx.now,
                    symptoms=text,
                    severity=severity,
                    action=done_about_it,
                    recorded_by=tx.actor.staff,
                )
                .returning(adverse_events.c.id)
            ).scalar_one()
            self.core.ticket_event(
                tx,
                "adverse_event",
                ticket,
                adverse_event_id=ae_id,
                severity=severity,
            )
            return int(ae_id)

        ae_id = self.core.write(actor, work)
        return self.adverse_event(ae_id)

    def close_adverse_event(self, ae_id: int, outcome: str, *, actor: Actor) -> AdverseEvent:
        text = required_text(outcome, "outcome")

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

        self.core.write(actor, work)
        return self.adverse_event(ae_id)

    def adverse_event(self, ae_id: int) -> AdverseEvent:
        with self.db.read() as conn:
            return self._adverse(conn, ae_id)

    def open_adverse_events(self, ticket_id: int) -> list[AdverseEvent]:
        with self.db.read() as conn:
            ids = conn.execute(
                sa.select(adverse_events.c.id).where(
                    adverse_events.c.ticket_id == ticket_id, adverse_events.c.closed_at.is_(None)
                )
            ).scalars()
            return [self._adverse(conn, i) for i in ids]

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
        return int(_OPEN_ADVERSE(conn, {"ticket_id": ticket_id}).scalar_one())


_OPEN_ADVERSE = Prepared(
    sa.select(sa.func.count()).where(
        adverse_events.c.ticket_id == sa.bindparam("ticket_id"),
        adverse_events.c.closed_at.is_(None),
    )
)
