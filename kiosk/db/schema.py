"""The tables. Every row carries its site so one PostgreSQL server can hold a whole county."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"the database returned {type(value).__name__} for a timestamp")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _site() -> sa.Column[str]:
    return sa.Column("site", sa.String(32), nullable=False)


sites = sa.Table(
    "sites",
    metadata,
    sa.Column("site", sa.String(32), primary_key=True),
    sa.Column("last_seq", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("purpose", sa.String(16), nullable=False),  # live | training
    sa.Column("created_at", UTCDateTime, nullable=False),
    # The kiosk exit pad's lock-out (a wrong PIN there is charged to no member): a restart must
    # not clear five wrong PINs.
    sa.Column("pad_failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("pad_locked_until", UTCDateTime),
    # A training database's shared clock: every process on it shows this far from the real time
    # (seconds; NULL: the real time). Set by ``kiosk run --at`` (issue 16).
    sa.Column("clock_offset_seconds", sa.Float),
)

days = sa.Table(
    "days",
    metadata,
    _site(),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # open | closed
    sa.Column("capacity", sa.Integer, nullable=False),
    sa.Column("observation_minutes", sa.Integer, nullable=False),
    sa.Column("missed_grace_minutes", sa.Integer, nullable=False),
    # What every terminal must agree on, from the config at opening: the ticket prefixes the
    # kiosk may issue ("A,B"; NULL for days opened before this was stored: any prefix) and the
    # minutes an allergy history adds to observation.
    sa.Column("prefixes", sa.String(32)),
    # The desks and stations that may call (names, from the config at opening; NULL: any).
    sa.Column("desks", sa.JSON),
    sa.Column("allergy_extra_minutes", sa.Integer, nullable=False, server_default="0"),
    # The dose rules every terminal applies that day (rule_sets; NULL: no rules, no checks).
    sa.Column("rules_version", sa.Integer),
    sa.Column("opened_at", UTCDateTime, nullable=False),
    sa.Column("closed_at", UTCDateTime),
    # The cold chain: the fridge's temperature at opening and closing (°C, 2-8 expected).
    sa.Column("fridge_open_c", sa.Float),
    sa.Column("fridge_close_c", sa.Float),
    sa.Column("cleared_to_zero", sa.Boolean),  # 当日清零, set when the day closes
    sa.PrimaryKeyConstraint("site", "day"),
)

inventory = sa.Table(
    "inventory",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("product", sa.String(100), nullable=False),
    sa.Column("lot", sa.String(64), nullable=False),
    sa.Column("expiry", sa.Date, nullable=False),
    sa.Column("doses_per_vial", sa.Integer, nullable=False),
    sa.Column("use_within_minutes", sa.Integer, nullable=False),
    sa.Column("vials", sa.Integer, nullable=False),  # unopened, on hand
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("site", "product", "lot", name="uq_inventory_site_product_lot"),
)

inventory_boxes = sa.Table(
    "inventory_boxes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("inventory_id", sa.Integer, sa.ForeignKey("inventory.id"), nullable=False),
    sa.Column("code", sa.String(64), nullable=False),  # copied to lot_boxes as vials are taken
    sa.UniqueConstraint("site", "inventory_id", "code", name="uq_inventory_boxes_site_inv_code"),
)

lots = sa.Table(
    "lots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("product", sa.String(100), nullable=False),
    sa.Column("lot", sa.String(64), nullable=False),
    sa.Column("expiry", sa.Date, nullable=False),
    sa.Column("doses_per_vial", sa.Integer, nullable=False),
    sa.Column("vials", sa.Integer, nullable=False),
    sa.Column("use_within_minutes", sa.Integer, nullable=False),
    # Where the vials came from, and how many unopened ones went back at close.
    sa.Column("inventory_id", sa.Integer, sa.ForeignKey("inventory.id")),
    sa.Column("vials_returned", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint("site", "day", "product", "lot", name="uq_lots_site_day_product_lot"),
)

vials = sa.Table(
    "vials",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("lot_id", sa.Integer, sa.ForeignKey("lots.id"), nullable=False),
    sa.Column("opened_at", UTCDateTime, nullable=False),
    sa.Column("use_by", UTCDateTime, nullable=False),
    sa.Column("doses_drawn", sa.Integer, nullable=False, server_default="0"),
    sa.Column("doses_wasted", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_vials_site_day", "site", "day"),
)

rule_sets = sa.Table(
    "rule_sets",
    metadata,
    _site(),
    sa.Column("version", sa.Integer, nullable=False),  # 1, 2, ... per site
    sa.Column("digest", sa.String(64), nullable=False),  # sha256 of the canonical JSON
    sa.Column("rules", sa.JSON, nullable=False),  # kiosk.dose_rules.RuleSet.to_json()
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("site", "version"),
)

persons = sa.Table(
    "persons",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("name", sa.String(100), nullable=False),
    # The identity document (kiosk.documents): its kind, its number as stored (``id_number``
    # for every kind: a resident ID is the usual one) and, for a passport, the issuing country
    # ("" otherwise, so the unique index below covers every kind).
    sa.Column("document_type", sa.String(24)),
    sa.Column("id_number", sa.String(32)),
    sa.Column("document_country", sa.String(3), nullable=False, server_default=""),
    sa.Column("birth_date", sa.Date),
    sa.Column("sex", sa.String(8)),  # male | female
    sa.Column("phone", sa.String(32)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(
        "ix_persons_site_document",
        "site",
        "document_type",
        "id_number",
        "document_country",
        unique=True,
    ),
)

tickets = sa.Table(
    "tickets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("prefix", sa.String(4), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("token", sa.String(64), nullable=False, unique=True),
    sa.Column("priority", sa.Boolean, nullable=False),
    sa.Column("state", sa.String(32), nullable=False),
    sa.Column("queue", sa.String(16), nullable=False),
    sa.Column("desk", sa.String(64)),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id")),
    sa.Column("issued_at", UTCDateTime, nullable=False),
    sa.Column("called_at", UTCDateTime),
    sa.Column("first_called_at", UTCDateTime),
    sa.Column("missed_at", UTCDateTime),
    sa.Column("missed_until", UTCDateTime),  # the end of its grace period, fixed when missed
    sa.Column("reinstated_seq", sa.BigInteger),
    sa.Column("registered_at", UTCDateTime),
    sa.Column("dose_number", sa.Integer),
    # The dose proposed at registration (kiosk.dose_rules) and a nurse's coded reason to go
    # against a rule; informed consent (知情同意) as recorded at registration.
    sa.Column("product", sa.String(100)),
    sa.Column("dose_kind", sa.String(16)),
    sa.Column("override_reason", sa.String(32)),
    sa.Column("consent_at", UTCDateTime),
    sa.Column("screening", sa.JSON),
    sa.Column("observation_minutes", sa.Integer),
    sa.Column("vaccinated_at", UTCDateTime),
    sa.Column("observation_end", UTCDateTime),
    sa.Column("lot_id", sa.Integer, sa.ForeignKey("lots.id")),
    sa.Column("vial_id", sa.Integer, sa.ForeignKey("vials.id")),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("reason", sa.String(200)),
    sa.Column("reason_code", sa.String(32)),  # a coded deferral reason (the day's list)
    sa.UniqueConstraint("site", "day", "prefix", "number", name="uq_tickets_site_day_number"),
    # Call order without sorting the queue: the first reinstated, the first priority ticket,
    # the first of the rest, each one index range (see kiosk.engine.tickets).
    sa.Index("ix_tickets_site_day_state_priority", "site", "day", "state", "priority"),
    sa.Index("ix_tickets_site_day_state_reinstated", "site", "day", "state", "reinstated_seq"),
    sa.Index("ix_tickets_site_desk", "site", "desk"),  # set only while a desk has the ticket
    sa.Index("ix_tickets_person", "person_id"),  # a person's deferrals and adverse events
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("day", sa.Date),
    sa.Column("staff", sa.String(64), nullable=False),
    sa.Column("terminal", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id")),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("payload_version", sa.Integer, nullable=False),
    sa.Column("idempotency_key", sa.String(128)),
    sa.UniqueConstraint("site", "seq", name="uq_events_site_seq"),
    sa.UniqueConstraint("site", "idempotency_key", name="uq_events_site_key"),
    sa.Index("ix_events_ticket", "ticket_id"),
    # A day's events of a kind (waste in the reconciliation, calls in the reports) without
    # scanning every day's log.
    sa.Index("ix_events_site_day_kind", "site", "day", "kind"),
)

doses = sa.Table(
    "doses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id"), nullable=False),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id")),  # NULL: given elsewhere
    sa.Column("given_on", sa.Date, nullable=False),  # the site's local date it was given
    sa.Column("vaccinated_at", UTCDateTime),  # NULL for a dose from a paper record
    sa.Column("product", sa.String(100), nullable=False),
    sa.Column("manufacturer", sa.String(100), nullable=False, server_default=""),
    sa.Column("family", sa.String(32), nullable=False),
    sa.Column("lot", sa.String(64), nullable=False, server_default=""),
    sa.Column("lot_id", sa.Integer, sa.ForeignKey("lots.id")),
    sa.Column("trace_code", sa.String(64)),
    sa.Column("trace_listed", sa.Boolean),  # the code was on the lot's box list (NULL: no code)
    sa.Column("token", sa.String(64), unique=True),  # the record slip's QR (doses given here)
    sa.Column("dose_number", sa.Integer, nullable=False),
    sa.Column("dose_kind", sa.String(16), nullable=False),  # primary | booster | external
    sa.Column("station", sa.String(64), nullable=False, server_default=""),
    sa.Column("nurse", sa.String(64), nullable=False, server_default=""),
    sa.Column("place", sa.String(100)),  # where a dose from a paper record was given
    sa.Column("override_reason", sa.String(32)),
    sa.Column("corrected", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    # An undone "vaccinated": the row stays (with why), out of the record and the export.
    sa.Column("voided_at", UTCDateTime),
    sa.Column("void_reason", sa.String(200)),
    # One dose per number per family and person: the rules number doses, nothing repeats one.
    sa.Index(
        "uq_doses_person_number",
        "site",
        "person_id",
        "family",
        "dose_number",
        unique=True,
        sqlite_where=sa.text("voided_at IS NULL"),
        postgresql_where=sa.text("voided_at IS NULL"),
    ),
    sa.Index("ix_doses_site_given_on", "site", "given_on"),
    sa.Index("ix_doses_ticket", "ticket_id"),
    sa.Index("ix_doses_site_trace_code", "site", "trace_code"),
)

lot_boxes = sa.Table(
    "lot_boxes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("lot_id", sa.Integer, sa.ForeignKey("lots.id"), nullable=False),
    sa.Column("code", sa.String(64), nullable=False),  # kiosk.tracecodes canonical form
    sa.Column("doses", sa.Integer, nullable=False),  # what the box holds
    sa.UniqueConstraint("site", "lot_id", "code", name="uq_lot_boxes_site_lot_code"),
    sa.Index("ix_lot_boxes_site_code", "site", "code"),
)

adverse_events = sa.Table(
    "adverse_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id"), nullable=False),
    sa.Column("onset_at", UTCDateTime, nullable=False),
    sa.Column("symptoms", sa.String(500), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("action", sa.String(500), nullable=False),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("outcome", sa.String(500)),
    sa.Column("recorded_by", sa.String(64)),  # the staff member who recorded it
    sa.Index("ix_adverse_events_ticket", "ticket_id"),
)

standby = sa.Table(
    "standby",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("day", sa.Date, nullable=False),
    # Entered by hand at the admin screen (name and phone are personal data: staff screens only).
    sa.Column("name", sa.String(100), nullable=False),  # as a person's (persons.name)
    sa.Column("phone", sa.String(32), nullable=False),
    sa.Column("note", sa.String(200)),
    # waiting | called | coming | unreachable | arrived
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id")),  # the priority ticket
    sa.Column("added_at", UTCDateTime, nullable=False),
    sa.Column("added_by", sa.String(64), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_standby_site_day", "site", "day"),
    sa.Index("ix_standby_ticket", "ticket_id"),
)

appointments = sa.Table(
    "appointments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    # From the village lists (kiosk.appointments, issue 17). The key: the document (its kind,
    # number and, for a passport, country; "" otherwise) and the dose number. Personal data:
    # staff screens and exports only; the slip and the kiosk show the name masked.
    sa.Column("document_type", sa.String(24), nullable=False),
    sa.Column("id_number", sa.String(32), nullable=False),
    sa.Column("document_country", sa.String(3), nullable=False, server_default=""),
    sa.Column("dose_number", sa.Integer, nullable=False),
    sa.Column("document_suffix", sa.String(6), nullable=False),  # the number's last 6
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("phone", sa.String(32), nullable=False),  # digits only (kiosk.appointments.phones)
    sa.Column("village", sa.String(64), nullable=False),
    sa.Column("day", sa.Date, nullable=False),  # the appointment's date
    sa.Column("standby", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("token", sa.String(64), nullable=False),  # the slip's QR: opaque, random
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id")),  # the ticket it led to
    sa.Column("batch", sa.String(32), nullable=False),  # the import that last wrote it
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("token", name="uq_appointments_token"),
    sa.Index(
        "uq_appointments_key",
        "site",
        "document_type",
        "id_number",
        "document_country",
        "dose_number",
        unique=True,
    ),
    sa.Index("ix_appointments_site_phone", "site", "phone"),
    sa.Index("ix_appointments_site_suffix", "site", "document_suffix"),
    sa.Index("ix_appointments_site_day", "site", "day", "village"),
    sa.Index("ix_appointments_ticket", "ticket_id"),  # the desk's pre-fill, at every call
)

staff = sa.Table(
    "staff",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _site(),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # nurse | manager
    sa.Column("pin_hash", sa.String(256), nullable=False),
    sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", UTCDateTime),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.UniqueConstraint("site", "name", name="uq_staff_site_name"),
)
