"""Registration (screening passed or deferred) and vaccination."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import tickets
from kiosk.dose_rules import Proposal, RuleSet, propose
from kiosk.engine.core import EngineCore, Part, required_text
from kiosk.engine.record import RecordOps
from kiosk.engine.stock import StockOps
from kiosk.errors import DomainError, InvalidInput
from kiosk.eventlog import Tx
from kiosk.model import Actor, PersonIn, Ticket
from kiosk.states import CALLED, Queue, State

REGISTERED_STATES = (
    State.WAITING_VACCINATION,
    State.CALLED_VACCINATION,
    State.OBSERVING,
    State.RELEASED,
    State.LEFT_EARLY,
)


class CareOps(Part):
    """Registration (screening passed, or deferred) and vaccination."""

    def __init__(self, core: EngineCore, stock: StockOps, record: RecordOps) -> None:
        super().__init__(core)
        self.stock = stock
        self.record = record

    # --- registration ------------------------------------------------------------------------------

    def register(
        self,
        ticket_id: int,
        person: PersonIn,
        *,
        screening: dict[str, bool],
        consent: bool,
        actor: Actor,
        dose_number: int | None = None,
        product: str | None = None,
        override: str | None = None,
        observation_minutes: int | None = None,
        allergy: bool = False,
        allow_duplicate: bool = False,
        key: str | None = None,
    ) -> Ticket:
        """Screening passed and informed consent (知情同意) given: the person joins the
        vaccination queue, for the dose their record and the day's rules propose.

        The dose is of ``product`` (default: the one product on hand). ``dose_number``, when
        given, is the number the nurse expects: a different proposal is refused, so a second
        dose on file is never numbered 1 again. A dose the rules block (too early, past the
        series, outside the ages) is refused unless ``override`` names one of the day's coded
        override reasons; the override is an audited event. With ``allergy`` their observation
        is the day's plus the day's allergy extension; ``observation_minutes`` sets it outright.
        """
        valid = self.record.validate(person)
        if dose_number is not None:
            limits.number(dose_number, "dose_number")
        if observation_minutes is not None:
            limits.number(observation_minutes, "observation_minutes")
        if not consent:
            raise DomainError(
                "informed consent (知情同意) has not been recorded", code="consent_missing"
            )

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.CALLED_REGISTRATION)
            day = self.core.day_row(tx.conn, ticket.day, open_only=False)
            minutes = observation_minutes
            if minutes is None and allergy:
                minutes = day.observation_minutes + day.allergy_extra_minutes
            existing = self.record.find_person(tx.conn, valid, lock=True)
            if existing is not None and not allow_duplicate:
                twin = self._registered(tx.conn, existing.id, ticket.day, ticket.id)
                if twin is not None:
                    raise DomainError(
                        f"this person is already registered today on {twin.label}"
                        f" ({twin.state.value})",
                        code="duplicate_person",
                        ticket=twin.label,
                        state=twin.state.value,
                    )
            rules = self.record.rules_of(tx.conn, day.rules_version)
            what = self._product(tx.conn, ticket, product)
            proposal = None
            if what is not None:
                history = self.record.history(tx.conn, existing.id if existing else None)
                proposal = propose(rules, what, history, valid.birth_date, ticket.day)
                _check_number(proposal, dose_number)
            overridden = self._override(rules, proposal, override)
            person_id = self.record.save_person(tx, valid, existing)
            number = proposal.dose_number if proposal else dose_number
            done = self.core.update(
                tx,
                ticket,
                state=State.WAITING_VACCINATION,
                queue=Queue.VACCINATION,
                desk=None,
                person_id=person_id,
                dose_number=number,
                product=what,
                dose_kind=proposal.kind if proposal else None,
                override_reason=overridden,
                consent_at=tx.now,
                screening=dict(screening),
                observation_minutes=minutes,
                registered_at=tx.now,
                reinstated_seq=None,
            )
            self.core.ticket_event(
                tx,
                "registered",
                ticket,
                desk=ticket.desk,
                person_id=person_id,
                dose_number=number,
                product=what,
                consent=True,
                screening=dict(screening),
                observation_minutes=minutes,
            )
            if overridden and proposal:
                self.core.ticket_event(
                    tx,
                    "rule_overridden",
                    ticket,
                    person_id=person_id,
                    reason=overridden,
                    blocks=[b.code for b in proposal.blocks],
                    dose_number=number,
                )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    def _product(self, conn: sa.Connection, ticket: Ticket, product: str | None) -> str | None:
        """The product the dose will be of: the one asked for, or the only one on hand."""
        on_hand = self.record.lots_products(conn, ticket.day)
        if product is not None:
            what = limits.required(product, "product")
            if on_hand and what not in on_hand:
                raise DomainError(
                    f"no lot of {what!r} is on hand today", code="product_not_on_hand"
                )
            return what
        if len(on_hand) > 1:
            raise DomainError(
                "several products are on hand: say which one this dose is of",
                code="product_required",
                products=on_hand,
            )
        return on_hand[0] if on_hand else None

    @staticmethod
    def _override(rules: RuleSet, proposal: Proposal | None, override: str | None) -> str | None:
        """The override reason to store: none when nothing blocks; a coded one when it does."""
        if proposal is None or proposal.allowed:
            return None
        if override is None:
            block = proposal.blocks[0]
            raise DomainError(
                f"dose {proposal.dose_number} of {proposal.family} is not allowed today:"
                f" {block.message}",
                code=block.code,
                blocks=[b.code for b in proposal.blocks],
                until=str(block.until) if block.until else None,
                dose_number=proposal.dose_number,
            )
        if rules.reason(override) is None:
            known = ", ".join(r.code for r in rules.override_reasons) or "none"
            raise InvalidInput(
                f"unknown override reason {override!r} (the day's reasons: {known})",
                field="override_reason",
            )
        return override

    def registered_today(
        self, id_number: str, document_type: str = "resident_id", country: str | None = None
    ) -> Ticket | None:
        """The ticket of today registered to the person with this document, if any."""
        valid = self.record.validate(
            PersonIn("?", id_number, document_type=document_type, document_country=country),
            details=False,
        )
        with self.db.read() as conn:
            found = self.record.find_person(conn, valid)
            return None if found is None else self._registered(conn, found.id, self.today(), 0)

    def _registered(
        self, conn: sa.Connection, person_id: int, day: date, other_id: int
    ) -> Ticket | None:
        """A ticket of ``day`` registered to the person, other than ``other_id`` (ids start
        at 1: 0 is none)."""
        row = _REGISTERED(
            conn, {"site": self.site, "day": day, "person_id": person_id, "other_id": other_id}
        ).first()
        return Ticket.from_row(row) if row else None

    def defer(
        self,
        ticket_id: int,
        reason: str,
        *,
        actor: Actor,
        note: str | None = None,
        key: str | None = None,
    ) -> Ticket:
        """Not today (screening at registration, or not vaccinated at the station): final; the
        dose is released. ``reason`` is one of the day's coded deferral reasons (free text on a
        day opened without them), ``note`` what the nurse adds."""
        if not (reason or "").strip():
            required_text(reason)  # raises: a reason is required

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, *CALLED.values())
            code, why = self.record.coded_reason(tx.conn, ticket.day, "deferral", reason, note)
            done = self.core.update(
                tx,
                ticket,
                state=State.DEFERRED,
                desk=None,
                finished_at=tx.now,
                reason=why,
                reason_code=code,
            )
            self.core.ticket_event(
                tx,
                "deferred",
                ticket,
                desk=ticket.desk,
                from_state=ticket.state,
                reason=why,
                reason_code=code,
            )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)

    # --- vaccination -------------------------------------------------------------------------------

    def _proposal_at_station(
        self, conn: sa.Connection, ticket: Ticket, lot: Any, dose_number: int | None
    ) -> Proposal:
        """The dose this lot gives the ticket's person, checked again against their record and
        the day's rules: another dose may have been entered since registration, or the lot may
        be of another product. A block stands unless registration recorded an override."""
        if dose_number is not None:
            limits.number(dose_number, "dose_number")
        rules = self.record.rules_of(conn, lot.day_rules_version)
        birth = self.record.birth_date(conn, ticket.person_id)
        history = self.record.history(conn, ticket.person_id)
        proposal = propose(rules, lot.product, history, birth, ticket.day)
        _check_number(proposal, dose_number)
        if not proposal.allowed and ticket.override_reason is None:
            self._override(rules, proposal, None)  # raises, naming the block
        return proposal

    def vaccinate(
        self,
        ticket_id: int,
        *,
        lot_id: int,
        actor: Actor,
        dose_number: int | None = None,
        vial_id: int | None = None,
        trace_code: str | None = None,
        key: str | None = None,
    ) -> Ticket:
        """Vaccinated: a dose is drawn from an open vial of the lot (one is opened if none is), the
        dose goes on the person's record, and the observation period starts now; its end is
        stored with the ticket. ``dose_number``, when given, must be the record's next.
        ``trace_code`` is the box's traceability code as scanned (kiosk.tracecodes): a listed
        box must be of this lot and still hold a dose; an unlisted one is recorded as such."""

        def work(tx: Tx) -> Ticket:
            ticket = self.core.load(tx.conn, ticket_id, lock=True)
            self.core.expect(ticket, State.CALLED_VACCINATION)
            lot = self.stock.lot_row(tx.conn, lot_id, ticket.day)  # only the ticket's day's stock
            proposal = self._proposal_at_station(tx.conn, ticket, lot, dose_number)
            traced = (
                None
                if trace_code is None
                else self.stock.trace(tx.conn, trace_code, ticket.day, lot_id)
            )
            vial = self.stock.draw_dose(tx, lot, vial_id)
            minutes = ticket.observation_minutes or lot.day_observation_minutes
            done = self.core.update(
                tx,
                ticket,
                state=State.OBSERVING,
                desk=None,
                lot_id=lot_id,
                vial_id=vial.id,
                dose_number=proposal.dose_number,
                product=lot.product,
                dose_kind=proposal.kind,
                vaccinated_at=tx.now,
                observation_minutes=minutes,
                observation_end=tx.now + timedelta(minutes=minutes),
            )
            rule = proposal.rule
            self.record.insert_dose(
                tx,
                person_id=ticket.person_id,
                ticket_id=ticket.id,
                given_on=ticket.day,
                vaccinated_at=tx.now,
                product=lot.product,
                manufacturer=rule.manufacturer if rule else "",
                family=proposal.family,
                lot=lot.lot,
                lot_id=lot_id,
                dose_number=proposal.dose_number,
                dose_kind=proposal.kind,
                station=tx.actor.terminal,
                nurse=tx.actor.staff,
                override_reason=None if proposal.allowed else ticket.override_reason,
                trace_code=traced.code if traced else None,
                trace_listed=traced.listed if traced else None,
                token=secrets.token_urlsafe(16),  # the record slip's QR: 128 random bits
            )
            self.core.ticket_event(
                tx,
                "vaccinated",
                ticket,
                desk=ticket.desk,
                lot_id=lot_id,
                vial_id=vial.id,
                dose_number=proposal.dose_number,
                observation_end=done.observation_end,
                trace_code=traced.code if traced else None,
            )
            return done

        return self.core.write(actor, work, key=key, replay=self.core.replay_ticket)


_REGISTERED = Prepared(
    sa.select(tickets)
    .where(
        tickets.c.person_id == sa.bindparam("person_id"),
        tickets.c.site == sa.bindparam("site"),
        tickets.c.day == sa.bindparam("day"),
        tickets.c.state.in_([sa.literal(s.value) for s in REGISTERED_STATES]),
        tickets.c.id != sa.bindparam("other_id"),
    )
    .limit(1)
)
"""A ticket of the day registered to this person (other than the one being registered)."""


def _check_number(proposal: Proposal, expected: int | None) -> None:
    if expected is not None and expected != proposal.dose_number:
        raise DomainError(
            f"the record says dose {proposal.dose_number} of {proposal.family} is next, not"
            f" dose {expected}; enter doses given elsewhere from the paper record first",
            code="dose_number_mismatch",
            dose_number=proposal.dose_number,
        )
