"""A failed or unconfirmed print: the resident is told where to get the ticket; it stays queued."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from kiosk.engine import Engine
from kiosk.states import Queue
from printing.result import NO_CONFIRMATION, PAPER_OUT, PrintResult
from tests.ui.conftest import open_day
from tests.ui.kiosk.conftest import FakePrinter, settle, take


@pytest.mark.parametrize("code", [PAPER_OUT, NO_CONFIRMATION])
def test_a_print_problem_shows_the_message_and_keeps_the_ticket(
    qtbot: QtBot, engine: Engine, make_kiosk, code: str, caplog: pytest.LogCaptureFixture
) -> None:
    open_day(engine)
    printer = FakePrinter(PrintResult(False, code, "the printer did not confirm"))
    kiosk = make_kiosk(printer)
    with caplog.at_level(logging.WARNING, logger="ui.print_worker"):
        with qtbot.waitSignal(kiosk.printer.printed, timeout=5000):
            ticket = take(kiosk)
    assert ticket is not None
    assert not kiosk.issued.problem.isHidden()
    message = kiosk.issued.problem_text.text()
    assert "登记台" in message or "registration desk" in message
    assert "有效" in message or "still valid" in message
    assert kiosk.issued.take.isHidden()
    assert [t.id for t in engine.queries.queue(Queue.REGISTRATION)] == [ticket.id]
    assert any(code in r.getMessage() and ticket.label in r.getMessage() for r in caplog.records)
    assert len(printer.tickets) == 1  # tried once, never resent
    assert kiosk.idle.is_active()


def test_a_printed_ticket_shows_no_problem(qtbot: QtBot, engine: Engine, make_kiosk) -> None:
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000):
        take(kiosk)
    assert kiosk.issued.problem.isHidden()
    assert not kiosk.issued.take.isHidden()


def test_a_backend_that_raises_is_a_failed_print(qtbot: QtBot, engine: Engine, make_kiosk) -> None:
    class Raising(FakePrinter):
        def print_ticket(self, ticket):
            raise OSError("usb gone")

    open_day(engine)
    kiosk = make_kiosk(Raising())
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000) as blocker:
        ticket = take(kiosk)
    assert blocker.args[2].ok is False and blocker.args[2].code == "error"
    assert not kiosk.issued.problem.isHidden()
    assert engine.queries.ticket(ticket.id).state.value == "waiting_registration"


def test_a_late_failure_after_the_next_resident_is_only_logged(
    qtbot: QtBot, engine: Engine, make_kiosk
) -> None:
    import threading

    open_day(engine)
    gate = threading.Event()
    kiosk = make_kiosk(FakePrinter(PrintResult(False, PAPER_OUT, "x"), gate=gate))
    take(kiosk)
    kiosk.show_start()
    settle(kiosk)
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000):
        gate.set()
    assert kiosk.page() == "start_page"
    assert kiosk.issued.problem.isHidden()
