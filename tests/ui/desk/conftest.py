"""Desk fixtures: an open day with tickets, and desk consoles signed in with the nurse's PIN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kiosk.config import Config, Desk
from kiosk.engine import Engine
from tests.ui.conftest import open_day
from tests.ui.desk.helpers import FakePrompts, sign_in
from ui.desk.screen import DeskScreen

MakeDesk = Callable[..., DeskScreen]


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_day(engine, vials=20, doses_per_vial=5)
    return engine


@pytest.fixture
def make_desk(
    qtbot: Any,
    day: Engine,
    clock: Any,
    config: Config,
    staff: Any,
    feed: Any,
    scheduler: Any,
    runner: Any,
) -> Iterator[MakeDesk]:
    made: list[DeskScreen] = []

    def make(
        name: str = "登记1",
        *,
        signed_in: bool = True,
        engine: Engine | None = None,
        feed_: Any = None,
        printer: Any = None,
    ) -> DeskScreen:
        desk = (
            next(d for d in config.desks if d.name == name)
            if any(d.name == name for d in config.desks)
            else Desk(name, "registration")
        )
        screen = DeskScreen(
            engine or day,
            clock,
            config,
            desk,
            staff,
            feed_ or feed,
            scheduler,
            runner,
            printer=printer,
        )
        qtbot.addWidget(screen)
        screen.prompts = FakePrompts()  # type: ignore[assignment]
        made.append(screen)
        if signed_in:
            sign_in(qtbot, screen)
            assert screen.user is not None
        return screen

    yield make
    for screen in made:
        screen.close()
