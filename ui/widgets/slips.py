"""The record slip (接种凭证) printed for a vaccinated person, from any console.

When ``config.record.slip`` says so, the station prints it right after "vaccinated" and the
observation desk at release; any desk reprints it from a ticket's history. The slip is read from
the dose on the record off the UI thread (:func:`ui.print_worker.read_slip`), printed off the UI
thread by a :class:`~ui.print_worker.PrintWorker`, and every attempt is logged with
``engine.record.slip_printed`` under the nurse who asked (a reprint as a reprint). Nothing is
retried: another print is another staff action.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.model import Actor
from printing.backend import PrinterBackend
from printing.result import PrintResult
from printing.slip import SlipPrint
from ui.feed import Feed
from ui.i18n import fill
from ui.print_worker import PrintWorker, SlipJob, read_slip
from ui.runner import Runner
from ui.widgets.messages import DeskMessages

log = logging.getLogger(__name__)

WHEN = ("vaccination", "release", "off")
"""``config.record.slip``: print at the station, at release, or never (reprints still work)."""


class SlipConsole(Protocol):
    """What the slip printer uses of its console (a :class:`ui.widgets.console.Console`)."""

    engine: Engine
    config: Config
    feed: Feed
    runner: Runner
    messages: DeskMessages
    status: QLabel
    user: str | None

    def actor(self) -> Actor: ...

    def say(self, text: str, level: str = "info") -> None: ...


class SlipPrinter(QObject):
    """Prints record slips for one console. ``done(ticket_id, PrintResult | None)`` follows each
    attempt once it is logged (None: nothing was printed, e.g. the dose was undone)."""

    done = Signal(int, object)

    def __init__(
        self, console: SlipConsole, printer: PrinterBackend, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.console = console
        self.worker = PrintWorker(printer, self)
        self.worker.printed.connect(self._printed)
        self._asked: dict[int, tuple[int, str, Actor, bool]] = {}
        """Doses being printed: their ticket, its number, who asked, and whether a reprint."""

    def on(self, moment: str) -> bool:
        """Whether the config prints the slip at ``moment`` ("vaccination" or "release")."""
        return self.console.config.record.slip == moment

    def print_slip(self, ticket_id: int, label: str, *, reprint: bool = False) -> bool:
        """Print the slip of the dose ticket ``label`` gave; False (and a message) when not."""
        console = self.console
        if console.user is None:
            return False
        if any(t == ticket_id for t, *_ in self._asked.values()):
            console.say(fill(self.tr("The slip of %1 is already printing."), label), "warn")
            return False
        actor = console.actor()

        def read() -> SlipJob:
            return read_slip(console.engine, console.config, ticket_id, reprint=reprint)

        def send(job: SlipJob) -> None:
            self._asked[job.dose_id] = (ticket_id, label, actor, reprint)
            self.worker.submit(job.dose_id, job.slip)

        def not_read(exc: KioskError) -> None:
            console.say(console.messages.error(exc), "error")
            self.done.emit(ticket_id, None)

        started = console.runner.run(self, f"slip {ticket_id}", read, send, not_read)
        if started and reprint:
            console.say(fill(self.tr("Reprinting the record slip of %1…"), label))
        return started

    def busy(self) -> bool:
        return bool(self._asked)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued jobs have run (closing); their results still arrive queued."""
        return self.worker.wait(msecs)

    def _printed(self, dose_id: int, _slip: SlipPrint, result: PrintResult) -> None:
        console = self.console
        asked = self._asked.pop(dose_id, None)
        if asked is None:
            return
        ticket_id, label, actor, reprint = asked

        def logged(_none: None) -> None:
            console.feed.request_poll()
            console.status.setToolTip(result.detail)
            if result.ok:
                text = (
                    self.tr("Record slip of %1 reprinted.")
                    if reprint
                    else self.tr("Record slip of %1 printed.")
                )
                console.say(fill(text, label))
            else:
                console.say(
                    fill(
                        self.tr(
                            "The record slip of %1 was not printed: %2. Reprint it from the history."
                        ),
                        label,
                        console.messages.print_failure(result.code),
                    ),
                    "error",
                )
            self.done.emit(ticket_id, result)

        def not_logged(exc: KioskError) -> None:
            log.error("record slip of %s not logged: %s", label, exc)
            console.say(console.messages.error(exc), "error")
            self.done.emit(ticket_id, result)

        def log_attempt() -> None:
            console.engine.record.slip_printed(
                dose_id, ok=result.ok, detail=result.detail or result.code, reprint=reprint,
                actor=actor,
            )  # fmt: skip

        console.runner.run(self, f"log slip {dose_id}", log_attempt, logged, not_logged)
