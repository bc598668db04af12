"""Printing off the UI thread: a QThreadPool of one (one printer, one job at a time).

``PrinterBackend.print_ticket`` blocks for seconds on a slow device; the kiosk must show the number
at once. A QRunnable runs the job in the pool; its result crosses back to the UI thread through a
queued signal of :class:`PrintWorker` (which lives in the UI thread), so ``printed`` is always
emitted there. A backend that raises (it should not) is reported as an ``error`` result, never
lost. Nothing is ever retried here: a failed ticket stays valid and a reprint is a staff action.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.model import Ticket
from printing.backend import PrinterBackend
from printing.model import TicketPrint
from printing.result import ERROR, PrintResult

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, worker: PrintWorker, ticket_id: int, ticket: TicketPrint) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker
        self._ticket_id = ticket_id
        self._ticket = ticket
        self._printer = worker.printer

    def run(self) -> None:  # in a pool thread
        try:
            result = self._printer.print_ticket(self._ticket)
        except Exception as exc:  # a backend bug must not lose the result
            log.exception("printer backend raised for %s", self._ticket.label)
            result = PrintResult.failed(ERROR, f"backend raised: {exc!r}")
        self._worker._result.emit(self._ticket_id, self._ticket, result)


class PrintWorker(QObject):
    """Submit tickets; ``printed(ticket_id, TicketPrint, PrintResult)`` arrives in the UI thread."""

    printed = Signal(int, object, object)
    _result = Signal(int, object, object)  # emitted in the pool thread, queued to ours

    def __init__(self, printer: PrinterBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pending = 0
        self._result.connect(self._deliver)

    def submit(self, ticket_id: int, ticket: TicketPrint) -> None:
        self.pending += 1
        self.pool.start(_Job(self, ticket_id, ticket))

    @Slot(int, object, object)
    def _deliver(self, ticket_id: int, ticket: TicketPrint, result: PrintResult) -> None:
        self.pending -= 1
        if result.ok:
            log.info("ticket %s printed", ticket.label)
        else:
            log.warning(
                "ticket %s not printed (%s: %s): the number stays valid, not resent",
                ticket.label,
                result.code,
                result.detail,
            )
        self.printed.emit(ticket_id, ticket, result)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued jobs have run (shutdown, tests). Results still arrive queued."""
        return self.pool.waitForDone(msecs)


def ticket_print(
    engine: Engine, config: Config, ticket: Ticket, ahead: int, *, reprint: bool = False
) -> TicketPrint:
    """What is printed for ``ticket``: at the kiosk when it is taken, at a desk when reprinted."""
    category = next((c.label for c in config.categories if c.prefix == ticket.prefix), "")
    try:
        minutes = engine.day.status(ticket.day).observation_minutes
    except KioskError:
        minutes = config.day.observation_minutes
    return TicketPrint(
        site_name=config.site.name,
        label=ticket.label,
        category=category,
        issued_at=engine.local(ticket.issued_at),
        ahead=ahead,
        token=ticket.token,
        observation_minutes=minutes,
        reprint=reprint,
    )
