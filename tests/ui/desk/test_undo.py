"""Undoing a wrong "vaccinated" from a desk's history: the dialog names the ticket and the masked
person, asks why and whether the dose was drawn; the person goes back to the front of the queue and
the day's stock still balances."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kiosk.documents import mask_document_number
from kiosk.engine import Engine
from kiosk.states import Queue, State
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle
from tests.ui.desk.record_day import open_with_rules
from tests.ui.desk.test_slips import ID
from tests.ui.desk.test_vaccination import CTRL, correct_via_history, registered
from ui.desk.screen import DeskScreen
from ui.widgets.prompts import UndoDialog, UndoInput


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_with_rules(engine)
    return engine


def balanced(engine: Engine) -> None:
    """Every dose of the day's stock is given, wasted or still there, and the doses given are
    the doses on the record."""
    status = engine.day.status()
    for lot in status.lots:
        assert lot.doses_used + lot.doses_wasted + lot.doses_left == lot.doses
    for vial in status.open_vials:
        assert vial.doses_drawn + vial.doses_wasted + vial.doses_left == vial.doses_per_vial
    on_record = sum(1 for _ in engine.record.export_rows(engine.today(), engine.today()))
    assert status.doses_used == on_record


def vaccinated_here(qtbot, day: Engine, make_desk: MakeDesk) -> tuple[DeskScreen, int]:
    first = registered(day)
    registered(day, id_number="110105194912310046")  # waiting behind
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(first.id).state == State.OBSERVING
    correct_via_history(qtbot, desk, "A001")
    return desk, first.id


@pytest.mark.parametrize("drawn", [False, True], ids=["never drawn", "drawn"])
def test_undo_puts_the_person_back_at_the_front_and_the_stock_balances(
    qtbot, day: Engine, make_desk: MakeDesk, drawn: bool
) -> None:
    desk, ticket_id = vaccinated_here(qtbot, day, make_desk)
    h = desk.history
    assert h.undo_vaccination_button.isEnabled()
    vial = day.day.status().open_vials[0]
    assert vial.doses_left == 4
    desk.prompts.queue("undo_vaccination", UndoInput("点错了人", drawn=drawn))
    qtbot.mouseClick(h.undo_vaccination_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    kind, text = desk.prompts.asked[-1]
    assert kind == "undo_vaccination"
    assert text == f"A001 张* · {mask_document_number(ID)}"  # named, masked
    ticket = day.queries.ticket(ticket_id)
    assert ticket.state == State.WAITING_VACCINATION
    assert day.queries.queue(Queue.VACCINATION)[0].id == ticket_id  # at the front
    assert day.record.dose_of_ticket(ticket_id) is None
    status = day.day.status()
    assert status.open_vials[0].doses_left == (4 if drawn else 5)
    assert status.doses_wasted == (1 if drawn else 0) and status.doses_used == 0
    balanced(day)
    assert "back at the front of the vaccination queue" in desk.status.text()
    assert ("wasted" in desk.status.text()) is drawn
    assert any("vaccinated" in row for row in h.superseded_rows())
    assert not h.undo_vaccination_button.isEnabled()  # it is no longer in observation


def test_undo_cancelled_changes_nothing(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    desk, ticket_id = vaccinated_here(qtbot, day, make_desk)
    seq = day.queries.last_seq()
    desk.prompts.queue("undo_vaccination", None)
    qtbot.mouseClick(desk.history.undo_vaccination_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert day.queries.last_seq() == seq
    assert day.queries.ticket(ticket_id).state == State.OBSERVING


def test_undo_after_an_adverse_event_is_refused_in_words(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk, ticket_id = vaccinated_here(qtbot, day, make_desk)
    day.observation.record_adverse_event(
        ticket_id,
        symptoms="头晕",
        severity="mild",
        action="休息",
        onset_at=desk.clock.now(),
        actor=desk.actor(),
    )
    desk.prompts.queue("undo_vaccination", UndoInput("点错了", drawn=False))
    qtbot.mouseClick(desk.history.undo_vaccination_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert desk.status.text() == (
        "An adverse event is recorded for A001: the dose was given and cannot be undone."
    )
    assert day.queries.ticket(ticket_id).state == State.OBSERVING


def test_the_undo_dialog_asks_both_before_ok(qtbot) -> None:
    dialog = UndoDialog(None, "A001", "张*")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "A001" in dialog.windowTitle() and not ok.isEnabled()
    dialog.reason.setText("点错了")
    assert not ok.isEnabled()  # drawn or not: no answer is assumed
    dialog.drawn.click()
    assert ok.isEnabled()
    assert dialog.answer() == UndoInput("点错了", drawn=True)
