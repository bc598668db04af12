"""Observation fixtures: people vaccinated through the engine, the observation console signed in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.engine import Engine
from kiosk.model import Actor, PersonIn, Ticket
from tests.ui.conftest import open_day
from tests.ui.desk.helpers import FakePrompts, sign_in
from ui.observation.screen import ObservationScreen

DESK = Actor("李护士", "接种1")


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_day(engine, vials=20, doses_per_vial=5)
    return engine


def vaccinate(engine: Engine, name: str = "张三", minutes: int | None = None) -> Ticket:
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记1", actor=DESK)
    engine.care.register(
        t.id,
        PersonIn(name),
        dose_number=1,
        consent=True,
        screening={},
        observation_minutes=minutes,
        actor=DESK,
    )
    engine.tickets.call(t.id, "接种1", actor=DESK)
    return engine.care.vaccinate(t.id, lot_id=engine.day.status().lots[0].id, actor=DESK)


@pytest.fixture
def screen(
    qtbot: Any,
    day: Engine,
    clock: Any,
    config: Any,
    staff: Any,
    feed: Any,
    scheduler: Any,
    runner: Any,
) -> Iterator[ObservationScreen]:
    s = ObservationScreen(day, clock, config, staff, feed, scheduler, runner)
    qtbot.addWidget(s)
    s.prompts = FakePrompts()  # type: ignore[assignment]
    sign_in(qtbot, s)
    assert s.user is not None
    yield s
    s.close()
