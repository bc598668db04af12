"""The vaccination record: persons across days, found by their document; their doses; the dose
rules each day stores; doses given elsewhere; the rows sent upward.

Doses are never deleted: correcting a person's details updates the person, and their doses stay
(the vaccine law keeps records at least five years after the vaccine's expiry).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import adverse_events, days, doses, lots, persons, rule_sets, tickets
from kiosk.documents import InvalidDocument, parse_document, person_details
from kiosk.dose_rules import NO_RULES, PastDose, Proposal, RuleSet, propose
from kiosk.engine.core import EngineCore, Part
from kiosk.errors import DomainError, InvalidInput, NotFound
from kiosk.eventlog import Tx
from kiosk.model import (
    Actor,
    AdverseEvent,
    Deferral,
    Dose,
    Person,
    PersonIn,
    PersonRecord,
    ticket_label,
)
from kiosk.states import State


@dataclass(frozen=True)
class ValidPerson:
    """A :class:`PersonIn` checked: its document parsed, birth date and sex settled."""

    name: str
    document_type: str | None
    id_number: str | None
    document_country: str  # "" unless a passport
    birth_date: date | None
    sex: str | None
    phone: str | None


class RecordOps(Part):
    """Persons, their doses and the day's dose rules."""

    def __init__(self, core: EngineCore) -> None:
        super().__init__(core)
        self._rule_sets: dict[int, RuleSet] = {}  # stored copies never change: cache by version

    # --- dose rules -----------------------------------------------------------------------------

    def store_rules(self, conn: Connection, rules: RuleSet, now: datetime) -> int:
        """The version of ``rules`` in the database: an equal stored copy's, or a new one."""
        digest = rules.digest()
        found = conn.execute(
            sa.select(rule_sets.c.version).where(
                rule_sets.c.site == self.site, rule_sets.c.digest == digest
            )
        ).scalar()
        if found is not None:
            return int(found)
        version = 1 + int(
            conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(rule_sets.c.version), 0)).where(
                    rule_sets.c.site == self.site
                )
            ).scalar_one()
        )
        conn.execute(
            sa.insert(rule_sets).values(
                site=self.site,
                version=version,
                digest=digest,
                rules=rules.to_json(),
                created_at=now,
            )
        )
        return version

    def rules_of(self, conn: Connection, version: int | None) -> RuleSet:
        """The stored rule set ``version`` (None: a day opened without rules)."""
        if version is None:
            return NO_RULES
        cached = self._rule_sets.get(version)
        if cached is None:
            data = _RULES(conn, {"site": self.site, "version": version}).scalar()
            if data is None:
                raise NotFound(f"no dose rules version {version}")
            if isinstance(data, str):  # some drivers hand JSON back as text
                data = json.loads(data)
            cached = self._rule_sets[version] = RuleSet.from_json(data, version)
        return cached

    def rules(self, day: date | None = None) -> RuleSet:
        """The rules of ``day`` (default today) as stored when it opened; the newest stored
        rules when that day is not open."""
        with self.db.read() as conn:
            return self.current_rules(conn, day or self.today())

    def current_rules(self, conn: Connection, day: date) -> RuleSet:
        """The rules ``day`` stored when it opened; the newest stored when it has not opened."""
        row = _DAY_RULES(conn, {"site": self.site, "day": day}).first()
        if row is not None:
            return self.rules_of(conn, row.rules_version)
        newest = conn.execute(
            sa.select(sa.func.max(rule_sets.c.version)).where(rule_sets.c.site == self.site)
        ).scalar()
        return self.rules_of(conn, newest)

    def coded_reason(
        self, conn: Connection, day: date, kind: str, reason: str, note: str | None
    ) -> tuple[str | None, str]:
        """A deferral or waste reason as stored: (its code, its text). A day whose rules list
        coded reasons of ``kind`` takes only those codes (reports group by them), with an
        optional free-text note; a day without takes free text."""
        codes = self.current_rules(conn, day).coded(kind)
        extra = limits.text(note, "reason", required=False)
        if not codes:
            text = limits.required(reason, "reason")
            return None, f"{text}: {extra}" if extra else text
        found = next((c for c in codes if c.code == (reason or "").strip()), None)
        if found is None:
            known = ", ".join(c.code for c in codes)
            raise InvalidInput(
                f"unknown {kind} reason {reason!r} (the day's reasons: {known})",
                field=f"{kind}_reason",
            )
        text = f"{found.text}: {extra}" if extra else found.text
        return found.code, limits.required(text[:200], "reason")

    # --- persons ----------------------------------------------------------------------------------

    def validate(self, person: PersonIn, *, details: bool = True) -> ValidPerson:
        """``person`` checked against the document rules and the stored limits; without
        ``details`` (looking someone up) the birth date and sex are not required."""
        name = limits.required(person.name, "name")
        number = limits.text(person.id_number, "id_number", required=False)
        phone = limits.text(person.phone, "phone", required=False)
        today = self.today()
        try:
            if number is None:
                if person.birth_date is not None and person.birth_date > today:
                    raise InvalidDocument(
                        "birth_date", "the birth date is in the future", "birth_date"
                    )
                if person.sex not in (None, "male", "female"):
                    raise InvalidDocument("sex", 'the sex must be "male" or "female"', "sex")
                return ValidPerson(name, None, None, "", person.birth_date, person.sex, phone)
            document = parse_document(
                person.document_type, number, today, country=person.document_country
            )
            born: date | None = document.birth_date
            sex: str | None = document.sex
            if details:
                born, sex = person_details(document, person.birth_date, person.sex, today)
        except InvalidDocument as exc:
            what = "ID number" if exc.field == "id_number" else exc.field.replace("_", " ")
            raise InvalidInput(
                f"the {what} is not valid: {exc.message}", field=exc.field, problem=exc.code
            ) from None
        return ValidPerson(
            name, document.type, document.number, document.country or "", born, sex, phone
        )

    def find_person(
        self, conn: Connection, person: ValidPerson, *, lock: bool = False
    ) -> Any | None:
        if person.id_number is None:
            return None
        q = _FIND_LOCKED if lock else _FIND
        return q(
            conn,
            {
                "site": self.site,
                "type": person.document_type,
                "number": person.id_number,
                "country": person.document_country,
            },
        ).first()

    def save_person(self, tx: Tx, person: ValidPerson, existing: Any | None = None) -> int:
        """The person's row: ``existing`` (their row, found by document and locked in this
        transaction) brought up to date, their doses untouched; or a new one. A person without a
        document is a new row each time."""
        values = {
            "p_name": person.name,
            "p_phone": person.phone,
            "p_birth_date": person.birth_date,
            "p_sex": person.sex,
            "p_now": tx.now,
        }
        if existing is not None:
            _UPDATE_PERSON(tx.conn, {**values, "p_id": existing.id})
            return int(existing.id)
        params = {
            **values,
            "p_site": self.site,
            "p_type": person.document_type,
            "p_number": person.id_number,
            "p_country": person.document_country,
        }
        try:
            with savepoint(tx.conn):
                return int(_INSERT_PERSON(tx.conn, params).scalar_one())
        except sa.exc.IntegrityError:
            # Another desk registered this new person a moment ago (PostgreSQL let this insert
            # wait for its commit): theirs is the row, brought up to date.
            twin = self.find_person(tx.conn, person, lock=True)
            if twin is None:
                raise
            _UPDATE_PERSON(tx.conn, {**values, "p_id": twin.id})
            return int(twin.id)

    def find(
        self, number: str, *, document_type: str = "resident_id", country: str | None = None
    ) -> PersonRecord | None:
        """The record of the person with this document, or None when the site has none."""
        valid = self.validate(
            PersonIn("?", number, document_type=document_type, document_country=country),
            details=False,
        )
        with self.db.read() as conn:
            row = self.find_person(conn, valid)
            return None if row is None else self._record(conn, row)

    def record(self, person_id: int) -> PersonRecord:
        with self.db.read() as conn:
            return self._record(conn, person_row(conn, self.site, person_id))

    def _record(self, conn: Connection, row: Any) -> PersonRecord:
        given = tuple(Dose.from_row(d) for d in self.dose_rows(conn, row.id))
        last_here = max((d.given_on for d in given), default=None)
        deferred = conn.execute(
            sa.select(
                tickets.c.id, tickets.c.prefix, tickets.c.number, tickets.c.day, tickets.c.reason
            )
            .where(
                tickets.c.site == self.site,
                tickets.c.person_id == row.id,
                tickets.c.state == State.DEFERRED.value,
                *([tickets.c.day >= last_here] if last_here else []),
            )
            .order_by(tickets.c.day, tickets.c.id)
        ).all()
        events = conn.execute(
            sa.select(adverse_events)
            .select_from(adverse_events.join(tickets, tickets.c.id == adverse_events.c.ticket_id))
            .where(adverse_events.c.site == self.site, tickets.c.person_id == row.id)
            .order_by(adverse_events.c.onset_at)
        ).all()
        return PersonRecord(
            Person.from_row(row),
            given,
            tuple(
                Deferral(d.id, ticket_label(d.prefix, d.number), d.day, d.reason or "")
                for d in deferred
            ),
            tuple(
                AdverseEvent(
                    e.id,
                    e.ticket_id,
                    e.onset_at,
                    e.symptoms,
                    e.severity,
                    e.action,
                    e.closed_at,
                    e.outcome,
                    e.recorded_by,
                )  # fmt: skip
                for e in events
            ),
        )

    def dose_rows(self, conn: Connection, person_id: int) -> list[Any]:
        return list(_DOSES(conn, {"site": self.site, "person_id": person_id}))

    def history(self, conn: Connection, person_id: int | None) -> list[PastDose]:
        if person_id is None:
            return []
        return [
            PastDose(r.given_on, r.product, r.family, r.dose_number)
            for r in self.dose_rows(conn, person_id)
        ]

    # --- proposals --------------------------------------------------------------------------------

    def proposal(
        self, product: str, *, person: PersonIn | None = None, person_id: int | None = None
    ) -> Proposal:
        """The dose a person would get of ``product`` today: by their stored record (found by
        ``person``'s document, or ``person_id``), under today's stored rules."""
        with self.db.read() as conn:
            rules = self.current_rules(conn, self.today())
            birth = None
            if person is not None:
                valid = self.validate(person, details=False)
                birth = valid.birth_date or person.birth_date
                row = self.find_person(conn, valid)
                person_id = row.id if row is not None else None
            elif person_id is not None:
                birth = self.birth_date(conn, person_id)
            return propose(rules, product, self.history(conn, person_id), birth, self.today())

    # --- doses ------------------------------------------------------------------------------------

    def insert_dose(self, tx: Tx, **values: Any) -> int:
        """A dose row; a number the person already has in the family is refused."""
        params: dict[str, Any] = {f"d_{c.name}": None for c in _DOSE_COLUMNS}
        params.update({f"d_{k}": v for k, v in values.items()}, d_site=self.site)
        params.update(d_recorded_at=tx.now, d_corrected=False)
        try:
            with savepoint(tx.conn):
                return int(_INSERT_DOSE(tx.conn, params).scalar_one())
        except sa.exc.IntegrityError:
            raise DomainError(
                f"dose {values['dose_number']} of {values['family']} is already on this"
                " person's record",
                code="dose_number_taken",
                dose_number=values["dose_number"],
            ) from None

    def add_external_dose(
        self,
        person: PersonIn,
        *,
        product: str,
        given_on: date,
        dose_number: int,
        actor: Actor,
        place: str | None = None,
        lot: str | None = None,
        manufacturer: str | None = None,
    ) -> Dose:
        """A dose given elsewhere, entered from the resident's paper record (接种凭证)."""
        valid = self.validate(person)
        if valid.id_number is None:
            raise InvalidInput(
                "a dose from a paper record needs the person's document", field="id_number"
            )
        limits.required(product, "product")
        limits.number(dose_number, "dose_number")
        where = limits.text(place, "place", required=False)
        lot_text = limits.text(lot, "lot", required=False) or ""
        if given_on > self.today():
            raise InvalidInput("the dose's date is in the future", field="given_on")
        if valid.birth_date is not None and given_on < valid.birth_date:
            raise InvalidInput("the dose's date is before the birth date", field="given_on")

        def work(tx: Tx) -> Dose:
            rules = self.current_rules(tx.conn, self.today())
            rule = rules.rule(product)
            person_id = self.save_person(tx, valid, self.find_person(tx.conn, valid, lock=True))
            dose_id = self.insert_dose(
                tx,
                person_id=person_id,
                given_on=given_on,
                product=product,
                manufacturer=limits.text(manufacturer, "manufacturer", required=False)
                or (rule.manufacturer if rule else ""),
                family=rules.family(product),
                lot=lot_text,
                dose_number=dose_number,
                dose_kind="external",
                station=where or "",  # who entered it is in the event log
                nurse="",
                place=where,
            )
            tx.event(
                "external_dose",
                person_id=person_id,
                dose_id=dose_id,
                product=product,
                dose_number=dose_number,
                given_on=given_on,
            )
            row = tx.conn.execute(sa.select(doses).where(doses.c.id == dose_id)).one()
            return Dose.from_row(row)

        return self.core.write(actor, work)

    def log_access(self, kind: str, actor: Actor, **details: Any) -> None:
        """An audited read of personal data (``record_viewed``, ``record_exported``): who, where,
        what was asked; never the person's details."""
        self.core.write(actor, lambda tx: tx.event(kind, **details))

    def by_token(self, token: str) -> tuple[PersonRecord, Dose] | None:
        """The record and the dose a record slip's QR token names (None: no such slip)."""
        text = (token or "").strip()
        if not text or len(text) > 64:
            return None
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(doses).where(doses.c.site == self.site, doses.c.token == text)
            ).first()
            if row is None:
                return None
            record = self._record(conn, person_row(conn, self.site, row.person_id))
            return record, Dose.from_row(row)

    def dose_of_ticket(self, ticket_id: int) -> Dose | None:
        """The dose a ticket gave (None: not vaccinated, or undone)."""
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(doses).where(
                    doses.c.site == self.site,
                    doses.c.ticket_id == ticket_id,
                    doses.c.voided_at.is_(None),
                )
            ).first()
            return None if row is None else Dose.from_row(row)

    def slip_printed(
        self, dose_id: int, *, ok: bool, detail: str, reprint: bool, actor: Actor
    ) -> None:
        """A record slip's print attempt, logged (a reprint is a staff action)."""
        self.core.write(
            actor,
            lambda tx: tx.event(
                "slip_reprinted" if reprint else "slip_printed",
                dose_id=dose_id,
                ok=ok,
                detail=detail,
            ),
        )

    def correct_person(
        self, person_id: int, person: PersonIn, reason: str, *, actor: Actor
    ) -> Person:
        """Correct a person's details, their document among them, as a new event: their doses
        stay theirs (never deleted), each marked corrected so the export says so. A document that
        already belongs to another person is refused (two records are not merged here)."""
        why = limits.required(reason, "reason")
        valid = self.validate(person)
        if valid.id_number is None:
            raise InvalidInput("a person on the record keeps a document", field="id_number")

        def work(tx: Tx) -> Person:
            old = person_row(tx.conn, self.site, person_id)
            other = self.find_person(tx.conn, valid, lock=True)
            if other is not None and other.id != person_id:
                raise DomainError(
                    "this document belongs to another person on the record",
                    code="document_taken",
                )
            changed = (old.document_type, old.id_number, old.document_country) != (
                valid.document_type,
                valid.id_number,
                valid.document_country,
            )
            tx.conn.execute(
                sa.update(persons)
                .where(persons.c.id == person_id)
                .values(
                    name=valid.name,
                    document_type=valid.document_type,
                    id_number=valid.id_number,
                    document_country=valid.document_country,
                    birth_date=valid.birth_date,
                    sex=valid.sex,
                    phone=valid.phone,
                    updated_at=tx.now,
                )
            )
            tx.conn.execute(
                sa.update(doses)
                .where(doses.c.person_id == person_id, doses.c.voided_at.is_(None))
                .values(corrected=True)
            )
            tx.event(
                "person_corrected",
                person_id=person_id,
                reason=why,
                document_changed=changed,
                document_type=valid.document_type,
            )
            return Person.from_row(person_row(tx.conn, self.site, person_id))

        return self.core.write(actor, work)

    # --- export -----------------------------------------------------------------------------------

    def adverse_event_rows(self, first: date | None, last: date | None) -> Iterator[Any]:
        """Every adverse event whose onset day lies from ``first`` to ``last`` (the site's
        dates, inclusive), with the dose it followed and the person; streamed."""
        q = (
            sa.select(
                adverse_events,
                doses.c.product,
                doses.c.manufacturer,
                doses.c.lot,
                doses.c.dose_number,
                doses.c.vaccinated_at,
                doses.c.station,
                doses.c.nurse.label("vaccinator"),
                *_PERSON_COLUMNS,
            )
            .select_from(
                adverse_events.join(tickets, tickets.c.id == adverse_events.c.ticket_id)
                .join(persons, persons.c.id == tickets.c.person_id)
                .outerjoin(
                    doses,
                    sa.and_(doses.c.ticket_id == tickets.c.id, doses.c.voided_at.is_(None)),
                )
            )
            .where(adverse_events.c.site == self.site)
            .order_by(adverse_events.c.onset_at, adverse_events.c.id)
        )
        if first is not None:
            q = q.where(adverse_events.c.day >= first)
        if last is not None:
            q = q.where(adverse_events.c.day <= last)
        with self.db.read() as conn:
            yield from conn.execution_options(stream_results=True, yield_per=2000).execute(q)

    def export_rows(self, first: date | None, last: date | None) -> Iterator[Any]:
        """Every dose given from ``first`` to ``last`` (the site's local dates, inclusive), with
        its person, in the order given; streamed in batches, so memory stays flat."""
        q = (
            sa.select(doses, *_PERSON_COLUMNS)
            .select_from(doses.join(persons, persons.c.id == doses.c.person_id))
            .where(doses.c.site == self.site, doses.c.voided_at.is_(None))
            .order_by(doses.c.given_on, doses.c.vaccinated_at, doses.c.id)
        )
        if first is not None:
            q = q.where(doses.c.given_on >= first)
        if last is not None:
            q = q.where(doses.c.given_on <= last)
        with self.db.read() as conn:
            result = conn.execution_options(stream_results=True, yield_per=2000).execute(q)
            yield from result

    def lots_products(self, conn: Connection, day: date) -> list[str]:
        """The products of the day's lots, by name."""
        return [r.product for r in _PRODUCTS(conn, {"site": self.site, "day": day})]

    def birth_date(self, conn: Connection, person_id: int | None) -> date | None:
        if person_id is None:
            return None
        row = _BIRTH_DATE(conn, {"person_id": person_id}).first()
        return None if row is None else row.birth_date


def person_row(conn: Connection, site: str, person_id: int) -> Any:
    row = _PERSON_BY_ID(conn, {"site": site, "person_id": person_id}).first()
    if row is None:
        raise NotFound(f"no person {person_id}")
    return row


@contextmanager
def savepoint(conn: Connection) -> Iterator[None]:
    """On PostgreSQL a failed statement aborts the whole transaction: one that may fail (a
    unique index refusing a duplicate) runs in a savepoint, so the refusal can be reported and
    the transaction rolled back cleanly. SQLite needs none."""
    if conn.dialect.name == "postgresql":
        with conn.begin_nested():
            yield
    else:
        yield


_PERSON_VALUES = {
    "name": sa.bindparam("p_name", type_=persons.c.name.type),
    "phone": sa.bindparam("p_phone", type_=persons.c.phone.type),
    "birth_date": sa.bindparam("p_birth_date", type_=persons.c.birth_date.type),
    "sex": sa.bindparam("p_sex", type_=persons.c.sex.type),
    "updated_at": sa.bindparam("p_now", type_=persons.c.updated_at.type),
}
_UPDATE_PERSON = Prepared(
    sa.update(persons).where(persons.c.id == sa.bindparam("p_id")).values(**_PERSON_VALUES)
)
_INSERT_PERSON = Prepared(
    sa.insert(persons)
    .values(
        site=sa.bindparam("p_site", type_=persons.c.site.type),
        document_type=sa.bindparam("p_type", type_=persons.c.document_type.type),
        id_number=sa.bindparam("p_number", type_=persons.c.id_number.type),
        document_country=sa.bindparam("p_country", type_=persons.c.document_country.type),
        created_at=sa.bindparam("p_now", type_=persons.c.created_at.type),
        **_PERSON_VALUES,
    )
    .returning(persons.c.id)
)
_DOSE_COLUMNS = [c for c in doses.c if c.name != "id"]
_INSERT_DOSE = Prepared(
    sa.insert(doses)
    .values({c.name: sa.bindparam(f"d_{c.name}", type_=c.type) for c in _DOSE_COLUMNS})
    .returning(doses.c.id)
)
_PERSON_COLUMNS = (
    persons.c.name,
    persons.c.document_type,
    persons.c.id_number,
    persons.c.document_country,
    persons.c.birth_date,
    persons.c.sex,
)
_FIND_STATEMENT = sa.select(persons).where(
    persons.c.site == sa.bindparam("site"),
    persons.c.document_type == sa.bindparam("type"),
    persons.c.id_number == sa.bindparam("number"),
    persons.c.document_country == sa.bindparam("country"),
)
_FIND = Prepared(_FIND_STATEMENT)
_FIND_LOCKED = Prepared(_FIND_STATEMENT.with_for_update())
_DOSES = Prepared(
    sa.select(doses)
    .where(
        doses.c.site == sa.bindparam("site"),
        doses.c.person_id == sa.bindparam("person_id"),
        doses.c.voided_at.is_(None),
    )
    .order_by(doses.c.given_on, doses.c.id)
)
_RULES = Prepared(
    sa.select(rule_sets.c.rules).where(
        rule_sets.c.site == sa.bindparam("site"), rule_sets.c.version == sa.bindparam("version")
    )
)
_DAY_RULES = Prepared(
    sa.select(days.c.rules_version).where(
        days.c.site == sa.bindparam("site"), days.c.day == sa.bindparam("day")
    )
)
_PRODUCTS = Prepared(
    sa.select(lots.c.product)
    .where(lots.c.site == sa.bindparam("site"), lots.c.day == sa.bindparam("day"))
    .distinct()
    .order_by(lots.c.product)
)
_BIRTH_DATE = Prepared(
    sa.select(persons.c.birth_date).where(persons.c.id == sa.bindparam("person_id"))
)
_PERSON_BY_ID = Prepared(
    sa.select(persons).where(
        persons.c.site == sa.bindparam("site"), persons.c.id == sa.bindparam("person_id")
    )
)
