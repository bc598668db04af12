"""The observation desk shows the selected person's record, and prints the record slip at
release when ``config.record.slip = "release"``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.config_model import RecordConfig
from kiosk.engine import Engine
from kiosk.model import PersonIn, Ticket
from kiosk.states import State
from printing.result import PrintResult
from tests.ui.desk.helpers import FakePrompts, press, settle, sign_in
from tests.ui.desk.test_reprint import FakePrinter
from tests.ui.desk.test_slips import slip_events
from tests.ui.observation.conftest import DESK, vaccinate
from ui.observation.screen import ObservationScreen

MakeScreen = Callable[..., ObservationScreen]
ID, OTHER_ID = "11010519491231002X", "110105194912310046"


def vaccinated(engine: Engine, name: str, id_number: str) -> Ticket:
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记1", actor=DESK)
    engine.care.register(
        t.id, PersonIn(name, id_number), dose_number=1, consent=True, screening={}, actor=DESK
    )
    engine.tickets.call(t.id, "接种1", actor=DESK)
    return engine.care.vaccinate(t.id, lot_id=engine.day.status().lots[0].id, actor=DESK)


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter(PrintResult.printed("fake: done"))


@pytest.fixture
def make_screen(
    qtbot: Any,
    day: Engine,
    clock: Any,
    staff: Any,
    feed: Any,
    scheduler: Any,
    runner: Any,
    printer: FakePrinter,
) -> Iterator[MakeScreen]:
    made: list[ObservationScreen] = []

    def make(slip: str = "release", *, with_printer: bool = True) -> ObservationScreen:
        config = replace(Config(), record=RecordConfig(slip=slip))
        s = ObservationScreen(
            day, clock, config, staff, feed, scheduler, runner,
            printer=printer if with_printer else None,
        )  # fmt: skip
        qtbot.addWidget(s)
        s.prompts = FakePrompts()  # type: ignore[assignment]
        sign_in(qtbot, s)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def test_the_selected_persons_record_is_shown(
    qtbot, day: Engine, make_screen: MakeScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = vaccinated(day, "张三", ID)
    second = vaccinated(day, "李四", OTHER_ID)
    screen = make_screen(with_printer=False)
    panel = screen.record
    assert panel.heading.text() == "Select a person to see their record."
    assert panel.slip_button.isHidden()
    screen.select(first.id)
    settle(qtbot, screen)
    assert panel.heading.text() == "A001 · 张三: 1 dose(s) on record"
    [line] = panel.doses.texts()
    assert "Dose 1 (primary)" in line and "lot L001" in line and "接种1" in line
    screen.select(second.id)
    settle(qtbot, screen)
    assert panel.heading.text().startswith("A002 · 李四")
    reads: list[int] = []
    record = day.record.record
    monkeypatch.setattr(day.record, "record", lambda pid: reads.append(pid) or record(pid))
    screen.clock.advance(timedelta(seconds=5))  # the ticker's redraws read nothing again
    settle(qtbot, screen)
    assert panel.heading.text().startswith("A002 · 李四") and reads == []


def test_an_adverse_event_shows_in_the_record(qtbot, day: Engine, make_screen: MakeScreen) -> None:
    t = vaccinated(day, "张三", ID)
    screen = make_screen(with_printer=False)
    screen.select(t.id)
    settle(qtbot, screen)
    day.observation.record_adverse_event(
        t.id, symptoms="头晕", severity="mild", action="休息", onset_at=screen.clock.now(),
        actor=DESK,
    )  # fmt: skip
    screen.feed.poll()
    settle(qtbot, screen)
    assert any("adverse event (mild): 头晕" in line for line in screen.record.doses.texts())


def test_the_slip_prints_at_release_and_is_logged(
    qtbot, day: Engine, make_screen: MakeScreen, printer: FakePrinter
) -> None:
    t = vaccinated(day, "张三", ID)
    screen = make_screen("release")
    screen.clock.advance(timedelta(minutes=30))
    settle(qtbot, screen)
    screen.select(t.id)
    assert screen.slips is not None
    with qtbot.waitSignal(screen.slips.done, timeout=5_000):
        press(qtbot, screen, Qt.Key.Key_F5)
    settle(qtbot, screen)
    assert day.queries.ticket(t.id).state == State.RELEASED
    [slip] = printer.slips
    dose = day.record.dose_of_ticket(t.id)
    assert dose is not None and slip.token == dose.token and not slip.reprint
    [event] = slip_events(day)
    assert event.kind == "slip_printed" and event.terminal == "observation"
    assert screen.status.text() == "Record slip of A001 printed."


@pytest.mark.parametrize("slip", ["vaccination", "off"])
def test_no_slip_at_release_unless_configured(
    qtbot, day: Engine, make_screen: MakeScreen, printer: FakePrinter, slip: str
) -> None:
    t = vaccinated(day, "张三", ID)
    screen = make_screen(slip)
    screen.clock.advance(timedelta(minutes=30))
    settle(qtbot, screen)
    screen.select(t.id)
    press(qtbot, screen, Qt.Key.Key_F5)
    assert day.queries.ticket(t.id).state == State.RELEASED
    assert screen.slips is not None and not screen.slips.busy()
    assert printer.slips == [] and slip_events(day) == []


def test_a_reprint_from_the_record_panel(
    qtbot, day: Engine, make_screen: MakeScreen, printer: FakePrinter
) -> None:
    t = vaccinated(day, "张三", ID)
    screen = make_screen("off")
    screen.select(t.id)
    settle(qtbot, screen)
    assert screen.slips is not None and screen.record.slip_button.isEnabled()
    with qtbot.waitSignal(screen.slips.done, timeout=5_000):
        qtbot.mouseClick(screen.record.slip_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert [s.reprint for s in printer.slips] == [True]
    assert [e.kind for e in slip_events(day)] == ["slip_reprinted"]


def test_a_person_without_a_document_gets_no_slip_and_is_told(
    qtbot, day: Engine, make_screen: MakeScreen, printer: FakePrinter
) -> None:
    t = vaccinate(day)  # registered by name alone, on a day without dose rules
    screen = make_screen("release")
    screen.clock.advance(timedelta(minutes=30))
    settle(qtbot, screen)
    screen.select(t.id)
    assert screen.slips is not None
    with qtbot.waitSignal(screen.slips.done, timeout=5_000) as done:
        press(qtbot, screen, Qt.Key.Key_F5)
    settle(qtbot, screen)
    assert done.args == [t.id, None]
    assert day.queries.ticket(t.id).state == State.RELEASED
    assert screen.status.text() == "No record slip: the person has no identity document on record."
    assert printer.slips == [] and slip_events(day) == []
