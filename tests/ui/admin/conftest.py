"""Admin screen fixtures: a manager in the staff list, the screen signed in with their PIN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kiosk.config import Config
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.ui.conftest import MANAGER, lot
from tests.ui.desk.helpers import settle, sign_in
from ui.admin.build import admin_screen
from ui.admin.screen import AdminScreen

MANAGER_NAME, MANAGER_PIN = "李站长", "8642"


@pytest.fixture
def managers(staff: StaffDirectory) -> StaffDirectory:
    staff.add(MANAGER_NAME, MANAGER_PIN, "manager")
    return staff


def open_with_rules(engine: Engine, config: Config, *, capacity: int = 100, vials: int = 20,
                    doses_per_vial: int = 1) -> None:  # fmt: skip
    """A day opened as the admin screen opens it: the config's rules (coded waste reasons)."""
    engine.day.open(
        rules=rules_from_config(config),
        capacity=capacity,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(vials=vials, doses_per_vial=doses_per_vial)],
        actor=MANAGER,
        prefixes=tuple(c.prefix for c in config.categories),
    )


MakeAdmin = Callable[..., AdminScreen]


@pytest.fixture
def make_admin(
    qtbot: Any,
    engine: Engine,
    clock: Any,
    config: Config,
    managers: StaffDirectory,
    feed: Any,
    scheduler: Any,
    runner: Any,
) -> Iterator[MakeAdmin]:
    made: list[AdminScreen] = []

    def make(*, signed_in: bool = True, printer: Any = None) -> AdminScreen:
        screen = admin_screen(engine, clock, config, managers, feed, scheduler, runner, printer)
        qtbot.addWidget(screen)
        made.append(screen)
        if signed_in:
            sign_in(qtbot, screen, MANAGER_PIN, MANAGER_NAME)
            settle(qtbot, screen)
            assert screen.user == MANAGER_NAME
        return screen

    yield make
    for screen in made:
        screen.close()


def changed(qtbot: Any, screen: AdminScreen) -> None:
    """Deliver what the engine wrote (as the feed's poll would) and wait for the redraw."""
    screen.feed.poll()
    settle(qtbot, screen)
