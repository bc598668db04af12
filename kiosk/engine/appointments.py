"""``engine.appointments``: the village lists (issue 17). Import, find, link, due list, standby.

For the screens that build on it (the kiosk's "我有预约", the desk's pre-fill, the manager's
clear-to-zero list, the admin screen's import and due list), through ui/runner.py like every
engine call:

- :meth:`AppointmentOps.import_file` (a manager's; ``dry_run`` checks and counts, writes
  nothing): an :class:`~kiosk.appointments.model.ImportReport`. A file with any problem writes
  nothing; the report lists each (row, column header, code, reason). ``progress`` is called from
  the calling thread every few thousand rows (a screen hands it to the UI thread).
- The kiosk: :meth:`~AppointmentOps.kiosk_lookup` with what was scanned or typed
  (``"token"``: the slip's QR; ``"phone"``; ``"suffix"``: the document's last six characters)
  gives a :class:`~kiosk.appointments.model.KioskLookup`: today's matches with masked names only
  (several when residents share a phone: the resident picks theirs), or the days of their other
  appointments. Then :meth:`~AppointmentOps.take_number`: the ticket issued and
  linked in one transaction (the cap applies as for any ticket; refused, writing nothing, for an
  appointment of another day or one that already led to a ticket). :meth:`~AppointmentOps.link`
  links a ticket issued otherwise (a desk's).
- The desk: :meth:`~AppointmentOps.for_ticket` gives the linked
  :class:`~kiosk.appointments.model.Appointment` in full, to pre-fill registration (name,
  document, phone; the nurse still checks them).
- The manager: :meth:`~AppointmentOps.standby_candidates` (holders of later days who agreed to be
  called), :meth:`~AppointmentOps.due` (residents due for a next dose, by village),
  :meth:`~AppointmentOps.purge` (appointments that never led to a dose, ``keep_days`` after their
  date: run at day open or close, and by ``kiosk appointments purge``).

Events (the feed tells every screen; no personal data in them): ``appointments_imported``
(counts, the file's name and digest), ``appointment_linked``, ``appointments_purged``.
"""

from __future__ import annotations

import hashlib
import itertools
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.appointments import store
from kiosk.appointments.checking import ProgressFn, check_file
from kiosk.appointments.due import PersonDoses, due_rows
from kiosk.appointments.fields import lookup_phone
from kiosk.appointments.model import (
    Appointment,
    DueRow,
    ImportReport,
    KioskLookup,
    KioskMatch,
    StandbyCandidate,
)
from kiosk.appointments.store import latest_by_resident
from kiosk.db.schema import appointments, doses, persons, sites
from kiosk.dose_rules import PastDose
from kiosk.engine.core import EngineCore, Part
from kiosk.engine.record import RecordOps
from kiosk.engine.tickets import TicketOps
from kiosk.errors import InvalidInput, InvalidTransition, NotFound
from kiosk.eventlog import Tx
from kiosk.model import KIOSK_ACTOR, Actor, Ticket
from kiosk.privacy import mask_name

LookupKind = Literal["token", "phone", "suffix"]
A = appointments.c


def _appointment(row: Any) -> Appointment:
    return Appointment(
        id=row.id, name=row.name, document_type=row.document_type, id_number=row.id_number,
        document_country=row.document_country, phone=row.phone, village=row.village,
        day=row.day, dose_number=row.dose_number, standby=bool(row.standby), token=row.token,
        ticket_id=row.ticket_id, created_at=row.created_at, updated_at=row.updated_at,
    )  # fmt: skip


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class AppointmentOps(Part):
    """The appointments of one site."""

    def __init__(self, core: EngineCore, record: RecordOps, tickets: TicketOps) -> None:
        super().__init__(core)
        self.record = record
        self.tickets = tickets

    # --- import ---------------------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        *,
        actor: Actor,
        dry_run: bool = False,
        progress: ProgressFn | None = None,
    ) -> ImportReport:
        """Check the list at ``path`` whole; when clean (and not ``dry_run``) add its new
        appointments and update the changed ones in one transaction."""
        self.core.require_manager(actor, "importing appointments")
        checked = check_file(path, self.today(), progress)
        rows = len(checked.rows)
        if checked.problems:
            return ImportReport(0, 0, 0, tuple(checked.problems), rows, dry_run)
        if dry_run:
            with self.db.read() as conn:
                todo = store.plan(conn, self.site, checked.rows, progress)
            return ImportReport(len(todo.add), len(todo.update), todo.unchanged, (), rows, True)
        digest = _digest(path)
        batch = secrets.token_hex(8)

        def work(tx: Tx) -> ImportReport:
            if tx.conn.dialect.name != "sqlite":
                # PostgreSQL: one import at a time per site (the site's row, which every event
                # locks anyway), taken before planning, so a second import of the same list
                # plans against the first's rows ("unchanged"), not against the same snapshot.
                # (SQLite's BEGIN IMMEDIATE already serialises every writer.)
                tx.conn.execute(
                    sa.select(sites.c.site).where(sites.c.site == self.site).with_for_update()
                )
            todo = store.plan(tx.conn, self.site, checked.rows, progress)
            store.write(tx.conn, self.site, todo, batch, tx.now)
            report = ImportReport(len(todo.add), len(todo.update), todo.unchanged, (), rows,
                                  False, batch)  # fmt: skip
            tx.event("appointments_imported", batch=batch, file=path.name, sha256=digest,
                     rows=rows, added=report.added, updated=report.updated,
                     unchanged=report.unchanged)  # fmt: skip
            return report

        return self.core.write(actor, work)

    # --- the kiosk and the desk -----------------------------------------------------------------

    def kiosk_lookup(self, kind: LookupKind, text: str, day: date | None = None) -> KioskLookup:
        """The appointments that ``text`` (a scanned token, a typed phone or document suffix)
        finds for ``day`` (default today), as the kiosk may show them."""
        day = day or self.today()
        condition = self._condition(kind, text)
        if condition is None:
            return KioskLookup(())
        with self.db.read() as conn:
            found = conn.execute(
                sa.select(A.id, A.name, A.village, A.day, A.dose_number, A.ticket_id)
                .where(A.site == self.site, condition)
                .limit(50)  # no ORDER BY: SQLite would walk the day index to avoid a sort
            ).all()
        found = sorted(found, key=lambda r: (r.day, r.id))
        today = tuple(
            KioskMatch(
                r.id, mask_name(r.name), r.village, r.day, r.dose_number, r.ticket_id is not None
            )  # fmt: skip
            for r in found
            if r.day == day
        )
        if today:
            return KioskLookup(today)
        return KioskLookup((), tuple(sorted({r.day for r in found})))

    def any_on(self, day: date | None = None) -> bool:
        """Whether ``day`` (default today) has appointments: the kiosk offers "我有预约" then."""
        with self.db.read() as conn:
            q = sa.select(A.id).where(A.site == self.site, A.day == (day or self.today()))
            return conn.execute(q.limit(1)).first() is not None

    def _condition(self, kind: LookupKind, text: str) -> sa.ColumnElement[bool] | None:
        text = (text or "").strip()
        if kind == "token":
            return A.token == text if 0 < len(text) <= 64 else None
        if kind == "phone":
            phone = lookup_phone(text)
            return None if phone is None else A.phone == phone
        if kind == "suffix":
            suffix = text.upper()
            if len(suffix) != 6 or not suffix.isalnum():
                return None
            return A.document_suffix == suffix
        raise InvalidInput(f"unknown lookup {kind!r}", field="kind")

    def get(self, appointment_id: int) -> Appointment:
        with self.db.read() as conn:
            return self._get(conn, appointment_id)

    def _get(self, conn: Connection, appointment_id: int) -> Appointment:
        row = conn.execute(
            sa.select(appointments).where(A.site == self.site, A.id == appointment_id)
        ).first()
        if row is None:
            raise NotFound(f"no appointment {appointment_id}", appointment_id=appointment_id)
        return _appointment(row)

    def by_token(self, token: str) -> Appointment | None:
        """The appointment a slip's QR names (a staff screen: in full)."""
        text = (token or "").strip()
        if not 0 < len(text) <= 64:
            return None
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(appointments).where(A.site == self.site, A.token == text)
            ).first()
        return None if row is None else _appointment(row)

    def for_ticket(self, ticket_id: int) -> Appointment | None:
        """The appointment a ticket was issued for (the desk pre-fills from it)."""
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(appointments).where(A.site == self.site, A.ticket_id == ticket_id)
            ).first()
        return None if row is None else _appointment(row)

    def take_number(
        self,
        appointment_id: int,
        prefix: str,
        *,
        priority: bool = False,
        actor: Actor = KIOSK_ACTOR,
        key: str | None = None,
    ) -> Ticket:
        """Take a number for today's appointment and link it, in one transaction: the cap applies
        as for any ticket (:class:`~kiosk.errors.CapReached`); an appointment of another day
        (:class:`InvalidInput`) or one that already led to a ticket (:class:`InvalidTransition`)
        is refused and nothing is written. ``key``: the tap's, as for :meth:`TicketOps.issue`."""
        limits.prefix(prefix)
        day = self.today()

        def work(tx: Tx) -> Ticket:
            found = self._get(tx.conn, appointment_id)
            if found.ticket_id is not None:
                raise InvalidTransition(
                    "this appointment already led to a ticket", appointment_id=appointment_id
                )
            if found.day != day:
                raise InvalidInput(
                    f"the appointment is for {found.day}, not today ({day})", field="day"
                )
            ticket = self.tickets.issue_in(tx, day, prefix, priority=priority)
            self._link_in(tx, appointment_id, ticket)
            return ticket

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def link(self, appointment_id: int, ticket_id: int, *, actor: Actor) -> Appointment:
        """The ticket issued for this appointment (a desk's): same day only; linking it again
        to the same ticket changes nothing."""

        def work(tx: Tx) -> Appointment:
            found = self._get(tx.conn, appointment_id)
            ticket = self.core.load(tx.conn, ticket_id)
            if found.ticket_id == ticket_id:
                return found
            if found.ticket_id is not None:
                raise InvalidTransition(
                    "this appointment already led to another ticket",
                    appointment_id=appointment_id,
                )
            if found.day != ticket.day:
                raise InvalidInput(
                    f"the appointment is for {found.day}, the ticket for {ticket.day}",
                    field="day",
                )
            self._link_in(tx, appointment_id, ticket)
            return self._get(tx.conn, appointment_id)

        return self.core.write(actor, work)

    def _link_in(self, tx: Tx, appointment_id: int, ticket: Ticket) -> None:
        """Link inside ``tx``, only while unlinked: of two kiosks taking a number for one
        appointment at once, the second is refused (its transaction, its ticket too, undone)."""
        linked = tx.conn.execute(
            sa.update(appointments)
            .where(A.site == self.site, A.id == appointment_id, A.ticket_id.is_(None))
            .values(ticket_id=ticket.id, updated_at=tx.now)
        ).rowcount
        if linked != 1:
            raise InvalidTransition(
                "this appointment already led to another ticket", appointment_id=appointment_id
            )
        tx.event("appointment_linked", ticket_id=ticket.id, day=ticket.day,
                 label=ticket.label, appointment_id=appointment_id)  # fmt: skip

    # --- the manager ----------------------------------------------------------------------------

    def on_day(self, day: date, village: str | None = None) -> list[Appointment]:
        """The appointments of ``day`` (of one village), by village then name: for the slips."""
        q = sa.select(appointments).where(A.site == self.site, A.day == day)
        if village:
            q = q.where(A.village == village)
        with self.db.read() as conn:
            return [_appointment(r) for r in conn.execute(q.order_by(A.village, A.name, A.id))]

    def days(self, village: str | None = None, since: date | None = None) -> list[date]:
        """The days with appointments (from ``since``, default today)."""
        q = sa.select(A.day).where(A.site == self.site, A.day >= (since or self.today()))
        if village:
            q = q.where(A.village == village)
        with self.db.read() as conn:
            return list(conn.execute(q.distinct().order_by(A.day)).scalars())

    def standby_candidates(self, day: date | None = None) -> list[StandbyCandidate]:
        """Holders of appointments after ``day`` (default today) who agreed to be called in
        and have not come yet, the soonest first."""
        day = day or self.today()
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(A.id, A.name, A.phone, A.village, A.day, A.dose_number)
                .where(
                    A.site == self.site, A.day > day, A.standby.is_(True), A.ticket_id.is_(None)
                )  # fmt: skip
                .order_by(A.day, A.village, A.id)
            ).all()
        return [StandbyCandidate(r.id, r.name, r.phone, r.village, r.day, r.dose_number)
                for r in rows]  # fmt: skip

    def due(self, first: date, last: date, village: str | None = None) -> list[DueRow]:
        """Residents due for a next dose from ``first`` to ``last`` under today's rules, by
        village (their latest appointment's; "" for none), then due date and name."""
        if first > last:
            raise InvalidInput(f"the window starts ({first}) after it ends ({last})", field="from")
        with self.db.read() as conn:
            rules = self.record.current_rules(conn, self.today())
            villages = self._villages(conn)
            rows = list(due_rows(self._people(conn), rules, first, last, villages))
        if village is not None:
            rows = [r for r in rows if r.village == village]
        return sorted(
            rows, key=lambda r: (not r.village, r.village, r.due_from, r.name, r.document_number)
        )

    def _villages(self, conn: Connection) -> dict[tuple[str, str, str], tuple[str, str]]:
        return latest_by_resident(conn, A.site == self.site)

    def _people(self, conn: Connection) -> Iterator[PersonDoses]:
        d, p = doses.c, persons.c
        q = (
            sa.select(
                d.person_id,
                d.given_on,
                d.product,
                d.family,
                d.dose_number,
                p.name,
                p.phone,
                p.document_type,
                p.id_number,
                p.document_country,
            )  # fmt: skip
            .select_from(doses.join(persons, persons.c.id == d.person_id))
            .where(d.site == self.site, d.voided_at.is_(None), p.id_number.is_not(None))
            .order_by(d.person_id, d.given_on, d.id)
        )
        result = conn.execution_options(stream_results=True, yield_per=2000).execute(q)
        for _, group in itertools.groupby(result, key=lambda r: r.person_id):
            rows = list(group)
            first = rows[0]
            yield PersonDoses(
                first.name, first.phone or "", first.document_type or "", first.id_number,
                first.document_country,
                tuple(PastDose(r.given_on, r.product, r.family, r.dose_number) for r in rows),
            )  # fmt: skip

    def purge(self, keep_days: int, *, actor: Actor) -> int:
        """Delete the appointments dated more than ``keep_days`` ago that never led to a dose
        (no ticket, or a ticket without a dose); returns how many."""
        self.core.require_manager(actor, "deleting old appointments")
        before = self.today() - timedelta(days=keep_days)
        given = (
            sa.select(doses.c.id)
            .where(doses.c.ticket_id == A.ticket_id, doses.c.voided_at.is_(None))
            .exists()
        )
        old = sa.and_(A.site == self.site, A.day < before, sa.not_(given))

        def work(tx: Tx) -> int:
            count = int(tx.conn.execute(sa.delete(appointments).where(old)).rowcount)
            if count:
                tx.event("appointments_purged", count=count, before=before)
            return count

        return self.core.write(actor, work)


__all__ = ["AppointmentOps", "LookupKind"]
