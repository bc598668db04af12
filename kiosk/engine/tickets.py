"""Issuing numbers and moving tickets through the queues: call, recall, missed, reinstate, cancel."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import days, tickets
from kiosk.engine.core import EngineCore, Part
from kiosk.engine.day import DayOps
from kiosk.errors import CapReached, InvalidInput, InvalidTransition
from kiosk.eventlog import Tx
from kiosk.model import KIOSK_ACTOR, Actor, Ticket, ticket_label
from kiosk.states import CALLED, IN_PROGRESS, WAITING, Queue, State

TOKEN_BYTES = 18  # 144 bits of randomness in the ticket's QR code


class TicketOps(Part):
    """Taking a number and moving tickets through the queues: call, recall, missed, reinstate,
    cancel; the reprint log."""

    def __init__(self, core: EngineCore, day: DayOps) -> None:
        super().__init__(core)
        self.day = day

    def issue(
        self,
        prefix: str,
        *,
        priority: bool = False,
        actor: Actor = KIOSK_ACTOR,
        key: str | None = None,
    ) -> Ticket:
        """Take a number. Refused with :class:`CapReached` when capacity or stock is used up."""
        limits.prefix(prefix)  # as written: "a" is not "A"
        day = self.today()

        def work(tx: Tx) -> Ticket:
            return self.issue_in(tx, day, prefix, priority=priority)

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def issue_in(self, tx: Tx, day: date, prefix: str, *, priority: bool) -> Ticket:
        """Take a number inside ``tx`` (issuing, or a standby resident's priority ticket)."""
        self.day.require_room(tx.conn, day, tx.now, prefix)
        row = _INSERT_TICKET(
            tx.conn,
            {
                "t_site": self.site,
                "t_day": day,
                "t_prefix": prefix,
                "t_token": secrets.token_urlsafe(TOKEN_BYTES),
                "t_priority": priority,
                "t_state": State.WAITING_REGISTRATION.value,
                "t_queue": Queue.REGISTRATION.value,
                "t_issued_at": tx.now,
            },
        ).one()
        ticket = Ticket.from_row(row)
        self.core.ticket_event(tx, "issued", ticket, priority=priority)
        return ticket

    def call_next(
        self, queue: Queue, desk: str, *, actor: Actor, key: str | None = None
    ) -> Ticket | None:
        """Call the next ticket of ``queue`` to ``desk``; None when nobody is waiting."""
        day = self.today()

        def work(tx: Tx) -> Ticket | None:
            self._require_desk_free(tx.conn, desk, day)
            params = {"site": self.site, "day": day, "state": WAITING[queue].value}
            row = None
            if tx.conn.dialect.name == "sqlite":  # one statement; writers are serialised anyway
                row = _NEXT_IN_QUEUE_SQLITE(tx.conn, params).first()
            else:  # SKIP LOCKED needs each lookup to lock the row it found
                for next_in_queue in _NEXT_IN_QUEUE:
                    row = next_in_queue(tx.conn, params).first()
                    if row is not None:
                        break
            if row is None:
                self.core.day_row(tx.conn, day)  # nobody waiting, or no open day (DayNotOpen)
                return None
            return self._call(tx, Ticket.from_row(row), desk)

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def call(self, ticket_id: int, desk: str, *, actor: Actor, key: str | None = None) -> Ticket:
        """Call a specific waiting ticket (a number asked for, or a scanned ticket)."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *WAITING.values())
            self._require_desk_free(tx.conn, desk, ticket.day)
            return self._call(tx, ticket, desk)

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def _call(self, tx: Tx, ticket: Ticket, desk: str) -> Ticket:
        called = self.core.update(
            tx,
            ticket,
            state=CALLED[ticket.queue],
            desk=desk,
            called_at=tx.now,
            first_called_at=ticket.first_called_at or tx.now,
        )
        self.core.ticket_event(
            tx,
            "called",
            ticket,
            desk=desk,
            queue=ticket.queue,
        )
        return called

    def _require_desk_free(self, conn: Connection, desk: str, day: date) -> None:
        """A desk serves one ticket at a time (on the service day: a day left unclosed does not
        keep a desk busy the next morning)."""
        limits.required(desk, "desk")
        known = _DAY_DESKS(conn, {"site": self.site, "day": day}).scalar()
        if known is not None and desk not in known:
            raise InvalidInput(
                f"{desk} is not one of today's desks ({', '.join(known)}): a manager adds it"
                " with kiosk day add-desk",
                field="desk",
                desk=desk,
            )
        row = _HOLDING(conn, {"site": self.site, "desk": desk, "day": day}).first()
        if row is not None:
            holding = ticket_label(row.prefix, row.number)
            raise InvalidTransition(
                f"desk {desk} is still serving {holding}", code="desk_busy", ticket=holding
            )

    def recall(self, ticket_id: int, *, actor: Actor, key: str | None = None) -> Ticket:
        """Announce a called ticket again."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id)
            self.core.expect(ticket, *CALLED.values())
            self.core.ticket_event(
                tx,
                "recalled",
                ticket,
                desk=ticket.desk,
                queue=ticket.queue,
            )
            return ticket

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def mark_missed(self, ticket_id: int, *, actor: Actor, key: str | None = None) -> Ticket:
        """No answer: the ticket keeps its queue and its dose for the day's grace period."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *CALLED.values())
            grace = self.core.day_row(tx.conn, ticket.day, open_only=False).missed_grace_minutes
            missed = self.core.update(
                tx,
                ticket,
                state=State.MISSED,
                desk=None,
                missed_at=tx.now,
                missed_until=tx.now + timedelta(minutes=grace),
                reinstated_seq=None,
            )
            self.core.ticket_event(
                tx,
                "missed",
                ticket,
                desk=ticket.desk,
                queue=ticket.queue,
            )
            return missed

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def reinstate(self, ticket_id: int, *, actor: Actor, key: str | None = None) -> Ticket:
        """The person came back: to the front of the queue they were in. After the grace period
        their dose was released, so only while a dose is free."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.MISSED)
            self.core.day_row(tx.conn, ticket.day, lock=True)
            assert ticket.missed_until is not None
            in_grace = tx.now < ticket.missed_until
            if not in_grace:
                try:
                    self.day.require_room(tx.conn, ticket.day, tx.now)
                except CapReached as exc:
                    raise CapReached(
                        f"{ticket.label} missed the grace period and no dose is free",
                        reason=exc.details.get("reason"),
                    ) from exc
            seq = self.core.ticket_event(
                tx,
                "reinstated",
                ticket,
                queue=ticket.queue,
                in_grace=in_grace,
            )
            return self.core.update(tx, ticket, state=WAITING[ticket.queue], reinstated_seq=seq)

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def cancel(
        self, ticket_id: int, reason: str, *, actor: Actor, key: str | None = None
    ) -> Ticket:
        """The resident leaves before being served: final, the dose is released."""
        why = limits.text(reason, "reason", required=False)

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *IN_PROGRESS)
            done = self.core.update(
                tx,
                ticket,
                state=State.CANCELLED,
                desk=None,
                finished_at=tx.now,
                reason=why,
            )
            self.core.ticket_event(
                tx,
                "cancelled",
                ticket,
                from_state=ticket.state,
                desk=ticket.desk,
                reason=why or "",
            )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def record_reprint(self, ticket_id: int, result_code: str, *, actor: Actor) -> Ticket:
        """Log a staff reprint of a ticket and what the printer answered (``result_code``, e.g.
        "printed" or "paper_out"). Every attempt is logged, failed ones too; the ticket itself is
        unchanged, in whatever state it is (refused only for an unknown ticket)."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id)
            self.core.ticket_event(
                tx,
                "reprinted",
                ticket,
                result_code=result_code,
                state=ticket.state,
            )
            return ticket

        return self.core.write(actor, work)


_ISSUED = ("site", "day", "prefix", "token", "priority", "state", "queue", "issued_at")
_ISSUED_VALUES = {c: sa.bindparam(f"t_{c}", type_=tickets.c[c].type) for c in _ISSUED}
_NEXT_NUMBER = (
    sa.select(sa.func.coalesce(sa.func.max(tickets.c.number), 0) + 1)
    .where(
        tickets.c.site == _ISSUED_VALUES["site"],
        tickets.c.day == _ISSUED_VALUES["day"],
        tickets.c.prefix == _ISSUED_VALUES["prefix"],
    )
    .scalar_subquery()
)
# Numbers per day and prefix from 1 upwards, gap-free, never reused: the next one is taken inside
# the issuing INSERT, which runs with the day row locked (issuing serialises on it).
_INSERT_TICKET = Prepared(
    sa.insert(tickets).values(number=_NEXT_NUMBER, **_ISSUED_VALUES).returning(*tickets.c)
)
_WAITING_IN = sa.and_(
    tickets.c.site == sa.bindparam("site"),
    tickets.c.day == sa.bindparam("day"),
    tickets.c.state == sa.bindparam("state"),
)
CALL_ORDER = (
    (tickets.c.reinstated_seq.is_not(None), tickets.c.reinstated_seq),
    (sa.and_(tickets.c.reinstated_seq.is_(None), tickets.c.priority.is_(True)), tickets.c.id),
    (sa.and_(tickets.c.reinstated_seq.is_(None), tickets.c.priority.is_(False)), tickets.c.id),
)
"""The call order, defined once (DESIGN.md): reinstated tickets first, in reinstatement order;
then priority tickets; then the rest; each in issue order. Three groups, each one index range:
calling takes the first ticket of the first group that has one (the queue is never sorted), and
listing the queue reads the groups one after the other."""
_NEXT_IN_QUEUE = tuple(
    Prepared(
        sa.select(tickets)
        .where(_WAITING_IN, condition)
        .order_by(order)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    for condition, order in CALL_ORDER
)
_NEXT_IN_QUEUE_SQLITE = Prepared(
    sa.select(tickets).where(
        tickets.c.id
        == sa.func.coalesce(
            *(
                sa.select(tickets.c.id)
                .where(_WAITING_IN, condition)
                .order_by(order)
                .limit(1)
                .scalar_subquery()
                for condition, order in CALL_ORDER
            )
        )
    )
)
_DAY_DESKS = Prepared(
    sa.select(days.c.desks).where(
        days.c.site == sa.bindparam("site"), days.c.day == sa.bindparam("day")
    )
)
"""The desks that may call on the day (NULL: any)."""
_HOLDING = Prepared(
    sa.select(tickets.c.prefix, tickets.c.number).where(
        tickets.c.site == sa.bindparam("site"),
        tickets.c.day == sa.bindparam("day"),
        tickets.c.desk == sa.bindparam("desk"),
        tickets.c.state.in_([sa.literal(s.value) for s in CALLED.values()]),
    )
)
