"""A staff reprint of a ticket at a desk (issue 3: "a staff reprint is a logged action").

The nurse reprints the ticket at the desk, or the number typed in the number field (a resident
whose kiosk ticket did not print). The ticket is rebuilt from the engine as the kiosk builds it,
marked as a reprint, and printed off the UI thread by a :class:`ui.print_worker.PrintWorker`; when
the printer answers, the attempt is logged with ``Engine.record_reprint`` under the nurse who asked
(even if they signed out meanwhile) and the outcome is shown in the console's message area.
Nothing is retried: another reprint is another staff action.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError
from kiosk.model import Actor, Ticket
from printing.backend import PrinterBackend
from printing.model import TicketPrint
from printing.result import PrintResult
from ui.i18n import fill
from ui.print_worker import PrintWorker, ticket_print
from ui.widgets.console import ConsoleContext

log = logging.getLogger(__name__)


class Reprinter(QObject):
    """Reprints tickets for one console. ``done(ticket_id, PrintResult)`` follows each attempt,
    once it is logged (or its logging was refused)."""

    done = Signal(int, object)

    def __init__(
        self, console: ConsoleContext, printer: PrinterBackend, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.console = console
        self.worker = PrintWorker(printer, self)
        self.worker.printed.connect(self._printed)
        self._asked_by: dict[int, Actor] = {}
        """Tickets being printed, and who asked: the log names them, not whoever is signed in."""

    def reprint(self, ticket: Ticket) -> bool:
        """Send ``ticket`` to the printer as a reprint; False (and a message) when it cannot."""
        console = self.console
        if console.user is None:
            return False
        if ticket.id in self._asked_by:
            console.say(fill(self.tr("%1 is already being printed."), ticket.label), "warn")
            return False
        self._asked_by[ticket.id] = console.actor()
        console.say(fill(self.tr("Reprinting %1…"), ticket.label))

        def not_read(exc: KioskError) -> None:
            self._asked_by.pop(ticket.id, None)
            console.say(console.messages.error(exc), "error")

        console.runner.run(  # what the ticket says (the people ahead now), off the UI thread
            self,
            f"reprint {ticket.id}",
            lambda: ticket_print(
                console.engine,
                console.config,
                ticket,
                console.engine.queries.people_ahead(ticket),
                reprint=True,
            ),  # fmt: skip
            lambda printable: self.worker.submit(ticket.id, printable),
            not_read,
        )
        return True

    def busy(self) -> bool:
        return bool(self._asked_by)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued jobs have run (closing); their results still arrive queued."""
        return self.worker.wait(msecs)

    def reason(self, result: PrintResult) -> str:
        return self.console.messages.print_failure(result.code)

    def _printed(self, ticket_id: int, printed: TicketPrint, result: PrintResult) -> None:
        console = self.console
        actor = self._asked_by.pop(ticket_id, None)
        if actor is None:  # not ours (cannot happen: one worker per reprinter)
            return
        log.info(
            "reprint of %s asked by %s at %s: %s", printed.label, actor.staff, actor.terminal,
            result.code,
        )  # fmt: skip

        def logged(_ticket: Ticket) -> None:
            console.feed.request_poll()
            console.status.setToolTip(result.detail)
            if result.ok:
                console.say(fill(self.tr("%1 reprinted."), printed.label))
            else:
                console.say(
                    fill(
                        self.tr("%1 was not reprinted: %2. The number stays valid."),
                        printed.label,
                        self.reason(result),
                    ),
                    "error",
                )
            self.done.emit(ticket_id, result)

        def not_logged(exc: KioskError) -> None:
            log.error("reprint of %s not logged: %s", printed.label, exc)
            console.say(console.messages.error(exc), "error")
            self.done.emit(ticket_id, result)

        console.runner.run(
            self,
            f"log reprint {ticket_id}",
            lambda: console.engine.tickets.record_reprint(ticket_id, result.code, actor=actor),
            logged,
            not_logged,
        )
