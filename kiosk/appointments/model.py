"""The values of the village lists: a checked row, a problem in a file, what an import did, and
what the kiosk, the desk and the manager read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Phase = Literal["checking", "writing"]


@dataclass(frozen=True)
class AppointmentIn:
    """One row of a village list, checked: the document parsed, the phone as digits."""

    row: int  # as the spreadsheet shows it (the header is row 1)
    name: str
    document_type: str
    id_number: str
    document_country: str  # "" unless a passport
    phone: str
    village: str
    day: date
    dose_number: int
    standby: bool

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.document_type, self.id_number, self.document_country, self.dose_number)

    def values(self) -> tuple[str, str, str, date, bool]:
        """What a later list may change for the same key."""
        return (self.name, self.phone, self.village, self.day, self.standby)


@dataclass(frozen=True)
class ImportProblem:
    """A reason a file is refused: its row (header = 1; 0 for the file as a whole), the column
    by its header text as written in the file ("" for the row or file as a whole), a stable
    ``code`` a screen translates, and the English ``reason`` (never the document number)."""

    row: int
    column: str
    code: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass(frozen=True)
class Progress:
    """How far an import is: ``done`` rows of ``total`` (None: not known yet) in ``phase``."""

    phase: Phase
    done: int
    total: int | None


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, refused or dry, would do). ``added + updated + unchanged`` is the
    number of rows read (blank rows are not counted) when the file is clean."""

    added: int
    updated: int
    unchanged: int
    problems: tuple[ImportProblem, ...] = ()
    rows: int = 0
    dry_run: bool = False
    batch: str | None = None  # the stored import's id (None: nothing was written)

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def as_dict(self) -> dict[str, object]:
        """The shape ``kiosk import-appointments --json`` prints (a stable interface)."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [p.as_dict() for p in self.problems],
        }


@dataclass(frozen=True)
class Appointment:
    """An appointment as staff screens see it (personal data: the desk and the manager only)."""

    id: int
    name: str
    document_type: str
    id_number: str
    document_country: str
    phone: str
    village: str
    day: date
    dose_number: int
    standby: bool
    token: str
    ticket_id: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class KioskMatch:
    """An appointment as the kiosk may show it: the name masked, nothing else personal."""

    appointment_id: int
    masked_name: str
    village: str
    day: date
    dose_number: int
    linked: bool  # it already led to a ticket


@dataclass(frozen=True)
class KioskLookup:
    """What the kiosk found for what the resident typed or scanned: ``today``'s appointments to
    choose from (a phone shared by several residents gives several), and, when there are none
    today, the days of their other appointments (to say so kindly)."""

    today: tuple[KioskMatch, ...]
    other_days: tuple[date, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.today)


@dataclass(frozen=True)
class DueRow:
    """One resident due for their next dose in a window (``kiosk appointments due``)."""

    village: str
    name: str
    phone: str
    document_type: str
    document_number: str
    document_country: str
    product: str
    next_dose_number: int
    due_from: date
    due_until: date | None
    last_dose_at: date

    def as_csv(self) -> dict[str, str]:
        return {
            "village": self.village,
            "name": self.name,
            "phone": self.phone,
            "document_type": self.document_type,
            "document_number": self.document_number,
            "product": self.product,
            "next_dose_number": str(self.next_dose_number),
            "due_from": self.due_from.isoformat(),
            "due_until": self.due_until.isoformat() if self.due_until else "",
            "last_dose_at": self.last_dose_at.isoformat(),
        }


DUE_COLUMNS = (
    "village",
    "name",
    "phone",
    "document_type",
    "document_number",
    "product",
    "next_dose_number",
    "due_from",
    "due_until",
    "last_dose_at",
)
"""The due list's columns, in order (a stable interface: village staff's sheets read them)."""


@dataclass(frozen=True)
class StandbyCandidate:
    """An appointment holder for a later day who agreed to be called in (同意候补): for the
    manager's clear-to-zero list (a staff screen: name and phone in full)."""

    appointment_id: int
    name: str
    phone: str
    village: str
    day: date
    dose_number: int
