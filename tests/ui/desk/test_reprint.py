"""A staff reprint at a desk (issue 3): Ctrl+P prints the desk's ticket (or a typed number) again,
marked as a reprint, off the UI thread; every attempt is logged with the printer's answer and the
outcome shows in the console's message area."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Config, Desk
from kiosk.engine import Engine
from printing.model import TicketPrint
from printing.result import PAPER_OUT, PrintResult
from printing.slip import SlipPrint
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.helpers import FakePrompts, press, sign_in, type_text
from ui.desk.screen import DeskScreen

CTRL = Qt.KeyboardModifier.ControlModifier


class FakePrinter:
    """Records what it was asked to print (in the print thread) and answers ``result``."""

    def __init__(self, result: PrintResult) -> None:
        self.result = result
        self.printed: list[TicketPrint] = []
        self.slips: list[SlipPrint] = []
        self.threads: list[threading.Thread] = []

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        self.threads.append(threading.current_thread())
        self.printed.append(ticket)
        return self.result

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        self.threads.append(threading.current_thread())
        self.slips.append(slip)
        return self.result


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter(PrintResult.printed("fake: done"))


@pytest.fixture
def desk(
    qtbot: Any,
    day: Engine,
    clock: Any,
    config: Config,
    staff: Any,
    feed: Any,
    scheduler: Any,
    runner: Any,
    printer: FakePrinter,
) -> Iterator[DeskScreen]:
    screen = DeskScreen(
        day,
        clock,
        config,
        Desk("登记1", "registration"),
        staff,
        feed,
        scheduler,
        runner,
        printer=printer,
    )
    qtbot.addWidget(screen)
    screen.prompts = FakePrompts()  # type: ignore[assignment]
    sign_in(qtbot, screen)
    assert screen.user is not None
    yield screen
    screen.close()


def reprint_with_ctrl_p(qtbot: Any, desk: DeskScreen) -> tuple[int, PrintResult]:
    assert desk.reprinter is not None
    with qtbot.waitSignal(desk.reprinter.done, timeout=5_000) as blocker:
        press(qtbot, desk, Qt.Key.Key_P, CTRL)
    ticket_id, result = blocker.args
    return ticket_id, result


def test_ctrl_p_reprints_the_desk_ticket_and_logs_it(
    qtbot: Any, day: Engine, desk: DeskScreen, printer: FakePrinter, config: Config
) -> None:
    day.tickets.issue("A")
    a2, a3 = day.tickets.issue("A"), day.tickets.issue("A")
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.ticket_label.text() == "A001"
    a1 = day.queries.at_desk("登记1")
    assert a1 is not None

    ticket_id, result = reprint_with_ctrl_p(qtbot, desk)

    assert ticket_id == a1.id and result.ok
    assert len(printer.printed) == 1
    sent = printer.printed[0]
    assert sent.reprint is True
    assert sent.label == "A001" and sent.token == a1.token
    assert sent.site_name == config.site.name
    assert sent.category == next(c.label for c in config.categories if c.prefix == "A")
    assert sent.category_en == "First dose"  # a Chinese site prints the English under it
    assert sent.issued_at == day.local(a1.issued_at)
    assert sent.observation_minutes == day.day.status().observation_minutes
    assert printer.threads[0] is not threading.main_thread()  # off the UI thread
    event = day.queries.history(a1.id)[-1]
    assert event.kind == "reprinted"
    assert (event.staff, event.terminal) == (STAFF_NAME, "登记1")
    assert event.payload["result_code"] == "printed"
    assert event.payload["label"] == "A001"
    assert "A001" in desk.status.text() and desk.status.property("level") == "info"
    # The ticket was not touched: still at the desk, the others still waiting.
    assert day.queries.ticket(a1.id) == a1
    assert [t.id for t in day.queries.queue(a1.queue)] == [a2.id, a3.id]


def test_a_failed_reprint_says_why_and_still_logs_the_attempt(
    qtbot: Any, day: Engine, desk: DeskScreen, printer: FakePrinter
) -> None:
    printer.result = PrintResult.failed(PAPER_OUT, "fake: no paper")
    day.tickets.issue("A")
    press(qtbot, desk, Qt.Key.Key_F1)
    a1 = day.queries.at_desk("登记1")
    assert a1 is not None

    _, result = reprint_with_ctrl_p(qtbot, desk)

    assert not result.ok and len(printer.printed) == 1
    event = day.queries.history(a1.id)[-1]
    assert event.kind == "reprinted" and event.payload["result_code"] == PAPER_OUT
    assert event.staff == STAFF_NAME
    text = desk.status.text()
    assert "A001" in text and "out of paper" in text
    assert desk.status.property("level") == "error"
    assert desk.status.toolTip() == "fake: no paper"
    assert day.queries.ticket(a1.id).state == a1.state  # still valid, never resent
    assert len(printer.printed) == 1


def test_a_typed_number_is_reprinted_with_the_people_ahead(
    qtbot: Any, day: Engine, desk: DeskScreen, printer: FakePrinter
) -> None:
    day.tickets.issue("A")
    day.tickets.issue("A")
    a3 = day.tickets.issue("A")
    press(qtbot, desk, Qt.Key.Key_F1)  # A001 is at the desk; A002 is ahead of A003
    type_text(qtbot, desk.number, "A003")

    ticket_id, _ = reprint_with_ctrl_p(qtbot, desk)

    assert ticket_id == a3.id
    assert [(t.label, t.ahead, t.reprint) for t in printer.printed] == [("A003", 1, True)]
    assert [e.kind for e in day.queries.history(a3.id)] == ["issued", "reprinted"]
    assert desk.number.text() == ""
    assert desk.ticket_label.text() == "A001"  # the desk still serves A001


def test_an_unknown_number_prints_nothing(
    qtbot: Any, day: Engine, desk: DeskScreen, printer: FakePrinter
) -> None:
    day.tickets.issue("A")
    seq = day.queries.last_seq()
    type_text(qtbot, desk.number, "A042")
    press(qtbot, desk, Qt.Key.Key_P, CTRL)
    assert desk.status.property("level") == "error"
    assert desk.reprinter is not None and not desk.reprinter.busy()
    assert printer.printed == [] and day.queries.last_seq() == seq


def test_nothing_to_reprint_without_a_ticket_or_number(
    qtbot: Any, day: Engine, desk: DeskScreen, printer: FakePrinter
) -> None:
    press(qtbot, desk, Qt.Key.Key_P, CTRL)
    assert desk.status.property("level") == "warn"
    assert printer.printed == []


def test_no_printer_no_reprint_action(qtbot: Any, day: Engine, make_desk: Any) -> None:
    day.tickets.issue("A")
    desk = make_desk()
    assert desk.reprinter is None
    assert desk.reprint_button.isHidden()
    press(qtbot, desk, Qt.Key.Key_F1)
    seq = day.queries.last_seq()
    press(qtbot, desk, Qt.Key.Key_P, CTRL)
    assert day.queries.last_seq() == seq
