"""The record slip (接种凭证): printed at the station after "vaccinated" or at the observation
desk's release, as ``config.record.slip`` says, off the UI thread; every attempt logged; a reprint
from any desk's history is a logged staff action."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.config_model import RecordConfig
from kiosk.documents import mask_document_number
from kiosk.engine import Engine
from kiosk.eventlog import events_since
from kiosk.model import Event
from printing.result import PAPER_OUT, PrintResult
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle
from tests.ui.desk.record_day import open_with_rules
from tests.ui.desk.test_reprint import FakePrinter
from tests.ui.desk.test_vaccination import CTRL, registered
from tests.ui.observation.conftest import DESK as STATION
from ui.desk.screen import DeskScreen

ID = "11010519491231002X"  # the person test_vaccination.registered registers


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_with_rules(engine)
    return engine


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter(PrintResult.printed("fake: done"))


def slip_config(when: str) -> Config:
    return replace(Config(), record=RecordConfig(slip=when))


def slip_events(engine: Engine) -> list[Event]:
    with engine.db.read() as conn:
        return [
            e for e in events_since(conn, "main", 0) if e.kind in ("slip_printed", "slip_reprinted")
        ]


def vaccinate_at(qtbot: Any, desk: DeskScreen) -> None:
    press(qtbot, desk, Qt.Key.Key_F1)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)


def printed_at_the_station(
    qtbot: Any, day: Engine, make_desk: MakeDesk, printer: FakePrinter
) -> tuple[DeskScreen, int]:
    t = registered(day)
    desk = make_desk("接种1", printer=printer)
    assert desk.slips is not None
    with qtbot.waitSignal(desk.slips.done, timeout=5_000) as blocker:
        vaccinate_at(qtbot, desk)
    settle(qtbot, desk)
    assert blocker.args[0] == t.id
    return desk, t.id


@pytest.mark.parametrize("config", [slip_config("vaccination")])
def test_the_slip_prints_after_vaccination_and_is_logged(
    qtbot, day: Engine, make_desk: MakeDesk, printer: FakePrinter, config: Config
) -> None:
    desk, ticket_id = printed_at_the_station(qtbot, day, make_desk, printer)
    dose = day.record.dose_of_ticket(ticket_id)
    assert dose is not None and len(printer.slips) == 1
    slip = printer.slips[0]
    assert printer.threads[0] is not threading.main_thread()  # off the UI thread
    assert (slip.dose_number, slip.dose_kind, slip.reprint) == (1, "primary", False)
    assert slip.document_masked == mask_document_number(ID) and ID not in repr(slip)
    assert slip.document_label == "居民身份证" and slip.name == "张三"
    assert slip.token == dose.token and slip.lot == "L001"
    assert (slip.station, slip.vaccinator) == ("接种1", STAFF_NAME)
    assert slip.vaccinated_at == day.local(dose.vaccinated_at)  # type: ignore[arg-type]
    given = dose.given_on  # dose 2 of 2: 21 to 56 days later by the default rules
    assert slip.next_window == (given + timedelta(days=21), given + timedelta(days=56))
    [event] = slip_events(day)
    assert event.kind == "slip_printed" and event.payload["dose_id"] == dose.id
    assert event.payload["ok"] is True and (event.staff, event.terminal) == (STAFF_NAME, "接种1")
    assert "Record slip of A001 printed." in desk.status.text()


@pytest.mark.parametrize("config", [slip_config("vaccination")])
def test_a_failed_slip_says_why_and_is_logged(
    qtbot, day: Engine, make_desk: MakeDesk, printer: FakePrinter, config: Config
) -> None:
    printer.result = PrintResult.failed(PAPER_OUT, "fake: no paper", what="slip")
    desk, _ = printed_at_the_station(qtbot, day, make_desk, printer)
    [event] = slip_events(day)
    assert event.payload["ok"] is False and event.payload["detail"] == "fake: no paper"
    assert "out of paper" in desk.status.text() and desk.status.property("level") == "error"


@pytest.mark.parametrize("config", [slip_config("release"), slip_config("off")])
def test_no_slip_at_the_station_unless_configured(
    qtbot, day: Engine, make_desk: MakeDesk, printer: FakePrinter, config: Config
) -> None:
    t = registered(day)
    desk = make_desk("接种1", printer=printer)
    vaccinate_at(qtbot, desk)
    assert day.record.dose_of_ticket(t.id) is not None
    assert desk.slips is not None and not desk.slips.busy()
    assert printer.slips == [] and slip_events(day) == []


@pytest.mark.parametrize("config", [slip_config("off")])
def test_a_reprint_from_a_desks_history_is_logged_as_a_reprint(
    qtbot, day: Engine, make_desk: MakeDesk, printer: FakePrinter, config: Config
) -> None:
    t = registered(day)
    day.tickets.call(t.id, "接种2", actor=STATION)
    day.care.vaccinate(t.id, lot_id=day.day.status().lots[0].id, actor=STATION)
    desk = make_desk("登记1", printer=printer)  # any desk
    history = desk.history
    history.lookup.setFocus()
    history.lookup.setText("A001")
    qtbot.keyClick(history.lookup, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert history.slip_button.isVisible() and history.slip_button.isEnabled()
    assert desk.slips is not None
    with qtbot.waitSignal(desk.slips.done, timeout=5_000):
        qtbot.mouseClick(history.slip_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    [slip] = printer.slips
    assert slip.reprint is True and slip.station == STATION.terminal
    [event] = slip_events(day)
    assert event.kind == "slip_reprinted"
    assert (event.staff, event.terminal) == (STAFF_NAME, "登记1")
    assert desk.status.text() == "Record slip of A001 reprinted."


def test_no_printer_no_slip_action(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    desk = make_desk("接种1")
    assert desk.slips is None and desk.history.slip_button.isHidden()
