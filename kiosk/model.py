"""What the engine returns and takes: plain, frozen values (no rows, no sessions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kiosk.states import Queue, State


@dataclass(frozen=True)
class Actor:
    """Who did it and where: every event carries both. ``role`` is what their sign-in
    established (kiosk.staff: "nurse" or "manager"; the kiosk is "kiosk"; a command run on the
    site's own PC acts as its OS user, "cli:<user>", with a manager's role): the engine refuses
    a manager's operation to anyone else (kiosk.engine.core.EngineCore.require_manager)."""

    staff: str
    terminal: str
    role: str = "nurse"


KIOSK_ACTOR = Actor(staff="kiosk", terminal="kiosk", role="kiosk")


def ticket_label(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


def parse_label(label: str) -> tuple[str, int] | None:
    """``"a12"`` -> ``("A", 12)``; None when it is not a ticket number."""
    text = label.strip().upper()
    prefix = text.rstrip("0123456789")
    digits = text[len(prefix) :]
    if not (1 <= len(prefix) <= 2 and prefix.isascii() and prefix.isalpha() and digits):
        return None
    return prefix, int(digits)


@dataclass(frozen=True)
class Ticket:
    id: int
    day: date
    prefix: str
    number: int
    token: str
    priority: bool
    state: State
    queue: Queue
    desk: str | None
    person_id: int | None
    issued_at: datetime
    called_at: datetime | None
    first_called_at: datetime | None
    missed_at: datetime | None
    missed_until: datetime | None
    reinstated_seq: int | None
    registered_at: datetime | None
    dose_number: int | None
    product: str | None
    dose_kind: str | None
    override_reason: str | None
    consent_at: datetime | None
    screening: dict[str, Any] | None
    observation_minutes: int | None
    vaccinated_at: datetime | None
    observation_end: datetime | None
    lot_id: int | None
    vial_id: int | None
    finished_at: datetime | None
    reason: str | None
    reason_code: str | None

    @classmethod
    def from_row(cls, row: Any) -> Ticket:
        values = {k: getattr(row, k) for k in _TICKET_FIELDS}
        values["state"] = State(values["state"])
        values["queue"] = Queue(values["queue"])
        return cls(**values)

    @property
    def label(self) -> str:
        """The number as called and printed: prefix and three digits (A012)."""
        return ticket_label(self.prefix, self.number)


_TICKET_FIELDS = tuple(Ticket.__dataclass_fields__)


@dataclass(frozen=True)
class LotIn:
    product: str
    lot: str
    expiry: date
    doses_per_vial: int
    vials: int
    use_within_minutes: int = 480
    """How long an opened vial may be used (multi-dose vials); single-dose vials use it at once."""


@dataclass(frozen=True)
class Lot:
    id: int
    product: str
    lot: str
    expiry: date
    doses_per_vial: int
    vials: int
    use_within_minutes: int
    vials_opened: int
    doses_used: int
    doses_wasted: int

    @property
    def doses(self) -> int:
        return self.doses_per_vial * self.vials

    @property
    def doses_left(self) -> int:
        return self.doses - self.doses_used - self.doses_wasted


@dataclass(frozen=True)
class Vial:
    id: int
    lot_id: int
    opened_at: datetime
    use_by: datetime
    doses_per_vial: int
    doses_drawn: int
    doses_wasted: int

    @property
    def doses_left(self) -> int:
        return self.doses_per_vial - self.doses_drawn - self.doses_wasted

    def usable(self, now: datetime) -> bool:
        return self.doses_left > 0 and now < self.use_by


@dataclass(frozen=True)
class PersonIn:
    """A person as a desk enters them. ``id_number`` is the number of their identity document,
    of kind ``document_type`` (kiosk.documents); a passport also needs its issuing country.
    Birth date and sex are needed for documents that do not carry them."""

    name: str
    id_number: str | None = None
    phone: str | None = None
    document_type: str = "resident_id"
    document_country: str | None = None
    birth_date: date | None = None
    sex: str | None = None  # male | female


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    id_number: str | None
    phone: str | None
    document_type: str | None = None
    document_country: str | None = None
    birth_date: date | None = None
    sex: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Person:
        return cls(
            row.id,
            row.name,
            row.id_number,
            row.phone,
            row.document_type,
            row.document_country or None,
            row.birth_date,
            row.sex,
        )


@dataclass(frozen=True)
class Dose:
    """One dose on a person's record: given here (with its ticket) or entered from the paper
    record of a dose given elsewhere (``kind`` external)."""

    id: int
    person_id: int
    ticket_id: int | None
    given_on: date
    vaccinated_at: datetime | None
    product: str
    manufacturer: str
    family: str
    lot: str
    trace_code: str | None
    dose_number: int
    kind: str  # primary | booster | external
    station: str
    nurse: str
    place: str | None
    override_reason: str | None
    corrected: bool
    trace_listed: bool | None = None
    token: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Dose:
        return cls(
            row.id,
            row.person_id,
            row.ticket_id,
            row.given_on,
            row.vaccinated_at,
            row.product,
            row.manufacturer,
            row.family,
            row.lot,
            row.trace_code,
            row.dose_number,
            row.dose_kind,
            row.station,
            row.nurse,
            row.place,
            row.override_reason,
            bool(row.corrected),
            row.trace_listed,
            row.token,
        )


@dataclass(frozen=True)
class Deferral:
    ticket_id: int
    label: str
    day: date
    reason: str


@dataclass(frozen=True)
class PersonRecord:
    """Everything the site knows about a person across days."""

    person: Person
    doses: tuple[Dose, ...]
    deferrals: tuple[Deferral, ...]
    """Deferrals since their last dose here (a later dose settles them)."""
    adverse_events: tuple[AdverseEvent, ...]


@dataclass(frozen=True)
class Counts:
    """Every ticket of the day counted once, by its current state."""

    issued: int = 0
    vaccinated: int = 0
    in_progress: int = 0
    deferred: int = 0
    cancelled: int = 0
    missed: int = 0
    unserved: int = 0
    reserved: int = 0
    """In progress plus missed within their grace period: doses held for people on their way."""
    waiting_registration: int = 0
    waiting_vaccination: int = 0
    observing: int = 0
    left_early: int = 0


@dataclass(frozen=True)
class DayStatus:
    day: date
    status: str
    capacity: int
    observation_minutes: int
    missed_grace_minutes: int
    stock: int
    doses_used: int
    doses_wasted: int
    counts: Counts
    lots: tuple[Lot, ...]
    open_vials: tuple[Vial, ...]
    """Opened vials still usable (before their use-by), with doses left."""
    expired_vials: tuple[Vial, ...]
    """Opened vials past their use-by with doses left: no one can get those doses, so the cap does
    not count them as stock; a nurse records them as waste."""
    can_issue: bool
    closed_reason: str | None
    """Why no number can be issued: ``capacity``, ``stock``, ``paused`` or ``day_closed``."""
    prefixes: tuple[str, ...] | None = None
    """The ticket prefixes the day issues (from the config at opening); None: any."""
    allergy_extra_minutes: int = 0
    """Added to observation for a person with an allergy history (from the config at opening)."""
    desks: tuple[str, ...] | None = None
    """The desks and stations that may call today (from the config at opening); None: any."""

    @property
    def doses_left(self) -> int:
        return self.stock - self.doses_used - self.doses_wasted

    @property
    def expired_vial_doses(self) -> int:
        return sum(v.doses_left for v in self.expired_vials)

    @property
    def open_vial_doses_left(self) -> int:
        """Doses in opened vials still to use: people needed to clear the day to zero."""
        return sum(v.doses_left for v in self.open_vials)


@dataclass(frozen=True)
class Event:
    seq: int
    at: datetime
    day: date | None
    staff: str
    terminal: str
    kind: str
    ticket_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)
    payload_version: int = 1


SEVERITIES = ("mild", "moderate", "severe")
"""How serious an adverse event is (the consoles translate each)."""


@dataclass(frozen=True)
class AdverseEvent:
    id: int
    ticket_id: int
    onset_at: datetime
    symptoms: str
    severity: str
    action: str
    closed_at: datetime | None
    outcome: str | None
    recorded_by: str | None = None


@dataclass(frozen=True)
class Observation:
    """One person in observation, as the display and the observation desk see them."""

    ticket: Ticket
    person_name: str | None
    open_adverse_events: int

    def may_leave(self, now: datetime) -> bool:
        return may_leave(self.ticket, self.open_adverse_events, now)

    def over_time(self, now: datetime) -> bool:
        end = self.ticket.observation_end
        return end is not None and now >= end


def may_leave(ticket: Ticket, open_adverse_events: int, now: datetime) -> bool:
    """The one may-leave rule: the stored observation end has passed and no adverse event is open."""
    return (
        ticket.state == State.OBSERVING
        and ticket.observation_end is not None
        and now >= ticket.observation_end
        and open_adverse_events == 0
    )
