"""Coded reasons: on a day whose rules list them, the defer dialogs (registration desk and
station) and the waste dialog offer the day's codes in the site's language, with a free-text
note; free text alone only on a day without a list (tests/ui/desk/test_vaccination.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.eventlog import events_since
from kiosk.states import State
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle
from tests.ui.desk.record_day import open_with_rules
from tests.ui.desk.test_vaccination import CTRL, registered
from ui.widgets.prompts import ReasonInput, WasteInput


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_with_rules(engine)
    return engine


def test_not_vaccinated_with_a_coded_reason_and_a_note(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("coded_reason", ReasonInput("fever", "体温38.5℃"))
    press(qtbot, desk, Qt.Key.Key_D, CTRL)
    offered = dict(desk.prompts.offered)
    assert offered["fever"] == "发热" and offered["other"] == "其他"
    done = day.queries.ticket(t.id)
    assert (done.state, done.reason_code, done.reason) == (
        State.DEFERRED,
        "fever",
        "发热: 体温38.5℃",
    )
    assert desk.status.text() == "Not vaccinated; the dose is released."


def test_the_registration_desk_defers_with_a_code_too(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    t = day.tickets.issue("A")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("coded_reason", ReasonInput("declined"))
    press(qtbot, desk, Qt.Key.Key_D, CTRL)
    done = day.queries.ticket(t.id)
    assert (done.state, done.reason_code, done.reason) == (State.DEFERRED, "declined", "本人拒绝")


def test_a_cancelled_reason_defers_nothing(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("coded_reason", None)
    press(qtbot, desk, Qt.Key.Key_D, CTRL)
    assert day.queries.ticket(t.id).state == State.CALLED_VACCINATION


def english() -> Config:
    """An English-speaking site: the codes are offered in English."""
    return replace(Config(), site=replace(Config().site, language="en"))


@pytest.mark.parametrize("config", [english()])
def test_waste_with_a_coded_reason_in_the_sites_language(
    qtbot, day: Engine, make_desk: MakeDesk, config: Config
) -> None:
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    desk.prompts.queue("waste", WasteInput(1, "broken", "掉地上"))
    qtbot.mouseClick(desk.panel.waste_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert dict(desk.prompts.offered)["drawn_not_given"] == "Drawn, not given"
    assert desk.prompts.asked[-1] == ("waste", "5")
    status = day.day.status()
    assert status.doses_wasted == 1 and status.open_vials[0].doses_left == 4
    with day.db.read() as conn:
        [wasted] = [e for e in events_since(conn, "main", 0) if e.kind == "doses_wasted"]
    assert (wasted.payload["reason_code"], wasted.payload["reason"]) == ("broken", "破损: 掉地上")
