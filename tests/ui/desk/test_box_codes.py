"""A box's traceability code (药品追溯码) scanned at the station: it selects the box's lot and goes
with the dose; an unlisted box needs its lot picked; refusals are said in words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.config_model import RecordConfig
from kiosk.engine import Engine
from kiosk.states import State
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, scan, settle
from tests.ui.desk.record_day import (
    BOX,
    GS1_BOX,
    GS1_RAW,
    UNLISTED,
    add_boxed_lot,
    lot_of,
    open_with_rules,
)
from tests.ui.desk.test_vaccination import CTRL, correct_via_history, registered
from ui.widgets.prompts import CorrectionInput


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_with_rules(engine)
    return engine


@pytest.fixture
def config() -> Config:
    """A scanner that sends "|" for GS1's group separator."""
    return replace(Config(), record=RecordConfig(slip="off", gs_standin="|"))


def test_a_listed_box_selects_its_lot_and_the_dose_records_it(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    l002 = add_boxed_lot(day)
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    p = desk.panel
    assert p.lot.currentData() == lot_of(day, "L001")  # the first usable lot, before the scan
    scan(qtbot, desk, BOX)
    assert p.lot.currentData() == l002
    assert p.box.text() == f"Box {BOX} · lot L002"
    assert desk.status.text() == "Box of lot L002 scanned."
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(t.id).state == State.OBSERVING
    dose = day.record.dose_of_ticket(t.id)
    assert dose is not None
    assert (dose.lot, dose.trace_code, dose.trace_listed) == ("L002", BOX, True)
    assert p.box.box is None  # the code went with that dose, and with no other


def test_a_used_up_box_is_refused_in_words(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    add_boxed_lot(day)  # one dose a box
    first, second = registered(day), registered(day, id_number="110105194912310046")
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, BOX)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(first.id).state == State.OBSERVING
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.current is not None and desk.current.id == second.id
    scan(qtbot, desk, BOX)
    assert desk.status.text() == (
        "Every dose of this box is already given: scan the box the dose comes from."
    )
    assert desk.status.property("level") == "error"
    assert desk.panel.box.box is None


def test_an_unlisted_box_asks_for_its_lot_and_is_recorded_as_unlisted(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    add_boxed_lot(day)
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    l001 = lot_of(day, "L001")
    desk.prompts.queue("choice", l001)
    p = desk.panel
    p.lot.setCurrentIndex(p.lot.findData(lot_of(day, "L002")))
    scan(qtbot, desk, UNLISTED)
    kind, text = desk.prompts.asked[-1]
    assert kind == "choice" and "on no lot's list" in text
    assert [lot_id for lot_id, _ in desk.prompts.options] == [l001, lot_of(day, "L002")]
    assert p.lot.currentData() == l001
    assert "not on the lot's list" in p.box.text() and UNLISTED in p.box.text()
    assert desk.status.property("level") == "warn"
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    dose = day.record.dose_of_ticket(t.id)
    assert dose is not None
    assert (dose.lot, dose.trace_code, dose.trace_listed) == ("L001", UNLISTED, False)


def test_an_unlisted_box_without_a_lot_picked_is_not_used(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("choice", None)
    scan(qtbot, desk, UNLISTED)
    assert desk.panel.box.box is None
    assert desk.status.text() == "The box code was not used."
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    dose = day.record.dose_of_ticket(t.id)
    assert dose is not None and dose.trace_code is None


def test_a_gs1_code_with_the_scanners_stand_in_for_gs(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    l002 = add_boxed_lot(day, GS1_BOX)
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, GS1_RAW)
    assert desk.panel.lot.currentData() == l002, desk.status.text()
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    dose = day.record.dose_of_ticket(t.id)
    assert dose is not None and dose.trace_code == GS1_BOX


def test_a_malformed_code_is_said_in_words(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, BOX[:17])  # a digit short of… anything
    assert desk.status.text() == "Not a valid box code: it has the wrong length. Scan it again."


def test_the_code_stays_with_the_ticket_it_was_scanned_for(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    add_boxed_lot(day, doses_per_vial=5)
    first, second = registered(day), registered(day, id_number="110105194912310046")
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, BOX)
    assert desk.panel.box.box is not None
    press(qtbot, desk, Qt.Key.Key_F3)  # missed: the next person is another box's business
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.current is not None and desk.current.id == second.id
    assert desk.panel.box.box is None
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    dose = day.record.dose_of_ticket(second.id)
    assert dose is not None and dose.trace_code is None
    assert day.queries.ticket(first.id).state == State.MISSED


def test_choosing_another_lot_drops_the_box(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    add_boxed_lot(day)
    registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, BOX)
    p = desk.panel
    p.lot.setCurrentIndex(p.lot.findData(lot_of(day, "L001")))
    settle(qtbot, desk)
    assert p.box.box is None
    assert desk.status.text() == "The box code was dropped: that box is of lot L002."


def test_a_box_code_at_a_registration_desk_is_not_a_ticket(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = make_desk("登记1")
    scan(qtbot, desk, BOX)
    assert desk.status.text() == "This is a vaccine box's code: scan it at the station."


def test_a_wrong_box_code_is_corrected_through_the_history(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    add_boxed_lot(day, BOX, UNLISTED)  # both boxes are of lot L002
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, BOX)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    correct_via_history(qtbot, desk, "A001")
    desk.prompts.queue("correction", CorrectionInput(None, None, "扫错了盒子", UNLISTED))
    qtbot.mouseClick(desk.history.fix_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert desk.status.text() == "Corrected; the original stays in the history."
    dose = day.record.dose_of_ticket(t.id)
    assert dose is not None and (dose.lot, dose.trace_code) == ("L002", UNLISTED)
