"""Fixtures for the display tests: a real engine (fake clock), a silent announcer, the screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.idnumber import check_character
from kiosk.model import PersonIn, Ticket
from tests.kiosk.conftest import STATION, lot_id
from tests.ui.conftest import NURSE, open_day
from ui.display.screen import DisplayScreen
from ui.feed import Feed
from ui.runner import Runner
from ui.scheduler import FakeScheduler
from ui.voice.announcer import Announcement, Announcer
from ui.voice.audio import FakeAudioOutput
from ui.voice.engines import NullEngine

NAMES = ("张三明", "欧阳娜娜", "李建国", "王秀英", "陈志强", "刘海燕", "赵卫东", "孙丽华")


def id_number(n: int) -> str:
    first17 = f"110101{1950 + n % 50:04d}0101{n % 1000:03d}"
    return first17 + check_character(first17)


def phone(n: int) -> str:
    return f"139{n:08d}"


def person(n: int) -> PersonIn:
    return PersonIn(name=NAMES[n % len(NAMES)], id_number=id_number(n), phone=phone(n))


def observe(
    engine: Engine,
    n: int,
    *,
    reg_desk: str = "登记1",
    vac_desk: str = "接种1",
    minutes: int | None = None,
) -> Ticket:
    """A ticket driven through registration and vaccination: now in observation."""
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, reg_desk, actor=NURSE)
    engine.care.register(
        t.id, person(n), dose_number=1, consent=True, screening={"fever": False}, actor=NURSE,
        observation_minutes=minutes,
    )  # fmt: skip
    engine.tickets.call(t.id, vac_desk, actor=STATION)
    return engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)


def said(announcer: Announcer) -> list[Announcement]:
    """What the announcer is playing and still has to play."""
    current = [announcer.current] if announcer.current else []
    return current + list(announcer.pending)


@pytest.fixture
def audio(qtbot) -> FakeAudioOutput:
    return FakeAudioOutput("manual")


@pytest.fixture
def announcer(audio: FakeAudioOutput) -> Iterator[Announcer]:
    a = Announcer(NullEngine("tests"), audio)
    yield a
    assert a.shutdown(5000)


@pytest.fixture
def day(engine: Engine) -> date:
    open_day(engine, capacity=400, vials=400)
    return engine.today()


@pytest.fixture
def make_display(qtbot, engine, clock: FakeClock, feed: Feed, scheduler: FakeScheduler,
                 runner: Runner, announcer: Announcer):  # fmt: skip
    made: list[DisplayScreen] = []  # qtbot holds widgets weakly; the screen must live on

    def make(config: Config | None = None, size: tuple[int, int] = (1920, 1080)) -> DisplayScreen:
        screen = DisplayScreen(
            engine, clock, config or Config(), feed, scheduler, runner, announcer
        )
        made.append(screen)
        qtbot.addWidget(screen)
        screen.resize(*size)
        screen.show()
        qtbot.waitExposed(screen)
        settle(qtbot, screen)
        return screen

    yield make  # pytest-qt closes the screens; closing stops their timers


def settle(qtbot, screen: DisplayScreen) -> None:
    """Wait until the display's reads off the UI thread have come back and been drawn."""
    qtbot.waitUntil(lambda: screen.runner.idle)
