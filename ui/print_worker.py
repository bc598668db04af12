"""Printing off the UI thread: a QThreadPool of one (one printer, one job at a time).

``PrinterBackend.print_ticket`` (and ``print_slip``) blocks for seconds on a slow device; the kiosk
must show the number at once. A QRunnable runs the job in the pool; its result crosses back to the
UI thread through a queued signal of :class:`PrintWorker` (which lives in the UI thread), so
``printed`` is always emitted there. A backend that raises (it should not) is reported as an
``error`` result, never lost. Nothing is ever retried here: a failed ticket stays valid and a
reprint is a staff action.

What is printed is built here too, in one place each: :func:`ticket_print` and :func:`slip_print`
(the record slip, 接种凭证, from the dose on the person's record).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.config import Config
from kiosk.documents import KINDS, mask_document_number
from kiosk.dose_rules import PastDose, RuleSet, next_due
from kiosk.engine import Engine
from kiosk.errors import KioskError, NotFound
from kiosk.model import Dose, PersonRecord, Ticket
from printing.backend import PrinterBackend
from printing.model import TicketPrint
from printing.result import ERROR, PrintResult
from printing.slip import DoseKind, Sex, SlipPrint

Printable = TicketPrint | SlipPrint

log = logging.getLogger(__name__)


def describe(job: Printable) -> str:
    """What the log calls a job: the ticket's number, or the slip's dose (never the person)."""
    if isinstance(job, SlipPrint):
        return f"record slip of dose {job.dose_number} ({job.station})"
    return f"ticket {job.label}"


class _Job(QRunnable):
    def __init__(self, worker: PrintWorker, key: int, job: Printable) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker
        self._key = key
        self._job = job
        self._printer = worker.printer

    def run(self) -> None:  # in a pool thread
        try:
            if isinstance(self._job, SlipPrint):
                result = self._printer.print_slip(self._job)
            else:
                result = self._printer.print_ticket(self._job)
        except Exception as exc:  # a backend bug must not lose the result
            log.exception("printer backend raised for %s", describe(self._job))
            result = PrintResult.failed(ERROR, f"backend raised: {exc!r}")
        self._worker._result.emit(self._key, self._job, result)


class PrintWorker(QObject):
    """Submit tickets or record slips; ``printed(key, TicketPrint | SlipPrint, PrintResult)``
    arrives in the UI thread (``key``: the caller's, e.g. the ticket's id or the dose's)."""

    printed = Signal(int, object, object)
    _result = Signal(int, object, object)  # emitted in the pool thread, queued to ours

    def __init__(self, printer: PrinterBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pending = 0
        self._result.connect(self._deliver)

    def submit(self, key: int, job: Printable) -> None:
        self.pending += 1
        self.pool.start(_Job(self, key, job))

    @Slot(int, object, object)
    def _deliver(self, key: int, job: Printable, result: PrintResult) -> None:
        self.pending -= 1
        if result.ok:
            log.info("%s printed", describe(job))
        else:
            log.warning(
                "%s not printed (%s: %s): it stays valid, not resent",
                describe(job),
                result.code,
                result.detail,
            )
        self.printed.emit(key, job, result)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued jobs have run (shutdown, tests). Results still arrive queued."""
        return self.pool.waitForDone(msecs)


def ticket_print(
    engine: Engine, config: Config, ticket: Ticket, ahead: int, *, reprint: bool = False
) -> TicketPrint:
    """What is printed for ``ticket``: at the kiosk when it is taken, at a desk when reprinted."""
    found = next((c for c in config.categories if c.prefix == ticket.prefix), None)
    category, category_en = found.lines(config.site.language) if found else ("", "")
    try:
        minutes = engine.day.status(ticket.day).observation_minutes
    except KioskError:
        minutes = config.day.observation_minutes
    return TicketPrint(
        site_name=config.site.name,
        label=ticket.label,
        category=category,
        category_en=category_en,
        issued_at=engine.local(ticket.issued_at),
        ahead=ahead,
        token=ticket.token,
        observation_minutes=minutes,
        reprint=reprint,
    )


@dataclass(frozen=True)
class SlipJob:
    """A record slip ready to print, and the dose it is of (its print attempt is logged)."""

    dose_id: int
    slip: SlipPrint


class NoSlip(KioskError):
    """The dose cannot have a slip: ``code`` says why (no dose, no document, no token)."""

    code = "no_slip"


def read_slip(engine: Engine, config: Config, ticket_id: int, *, reprint: bool) -> SlipJob:
    """The record slip of the dose ``ticket_id`` gave, read from the engine (off the UI thread).
    Raises NoSlip (code ``slip_no_dose``, ``slip_no_document``) when there is none to print."""
    dose = engine.record.dose_of_ticket(ticket_id)
    if dose is None:
        raise NoSlip(f"ticket {ticket_id} has no dose on the record", code="slip_no_dose")
    try:
        record = engine.record.record(dose.person_id)
    except NotFound:
        raise NoSlip(f"dose {dose.id} has no person", code="slip_no_dose") from None
    rules = engine.record.rules(dose.given_on)
    return SlipJob(dose.id, slip_print(engine, config, dose, record, rules, reprint=reprint))


def slip_print(
    engine: Engine,
    config: Config,
    dose: Dose,
    record: PersonRecord,
    rules: RuleSet,
    *,
    reprint: bool = False,
) -> SlipPrint:
    """What the record slip of ``dose`` says: the person (their document masked), the dose, and
    the next dose's window by the day's rules from the record's doses."""
    person = record.person
    kind = KINDS.get(person.document_type or "")
    if kind is None or not person.id_number:
        raise NoSlip(f"person {person.id} has no document on record", code="slip_no_document")
    if not dose.token or dose.vaccinated_at is None:
        raise NoSlip(f"dose {dose.id} has no slip token", code="slip_no_dose")
    # The window after this dose (a reprint of an older slip does not count later doses).
    before = [d for d in record.doses if d.given_on < dose.given_on or d.id == dose.id]
    history = [PastDose(d.given_on, d.product, d.family, d.dose_number) for d in before]
    sex = cast(Sex, person.sex) if person.sex in ("male", "female") else None
    kind_of_dose = cast(DoseKind, dose.kind if dose.kind in ("booster", "external") else "primary")
    return SlipPrint(
        site_name=config.site.name,
        name=person.name,
        sex=sex,
        birth_date=person.birth_date,
        document_label=kind.label,
        document_masked=mask_document_number(person.id_number),
        product=dose.product,
        manufacturer=dose.manufacturer or "",
        lot=dose.lot,
        dose_number=dose.dose_number,
        dose_kind=kind_of_dose,
        vaccinated_at=engine.local(dose.vaccinated_at),
        vaccinator=dose.nurse,
        station=dose.station,
        next_window=next_due(rules, dose.product, history),
        token=dose.token,
        reprint=reprint,
    )
