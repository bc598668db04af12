from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.db.schema import metadata
from kiosk.engine import Engine
from kiosk.model import Actor, LotIn, PersonIn, Ticket
from kiosk.states import State

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 28)
NURSE = Actor(staff="nurse1", terminal="desk-1")
MANAGER = Actor(staff="manager", terminal="admin", role="manager")


def start_of_day() -> datetime:
    return datetime(2026, 11, 28, 8, 0, tzinfo=TZ)


def lot(
    vials: int = 20,
    doses_per_vial: int = 1,
    name: str = "L001",
    *,
    product: str = "新冠疫苗(Vero细胞)",
    expiry: date | None = None,
    use_within_minutes: int = 480,
) -> LotIn:
    return LotIn(
        product=product,
        lot=name,
        expiry=expiry or DAY + timedelta(days=90),
        doses_per_vial=doses_per_vial,
        vials=vials,
        use_within_minutes=use_within_minutes,
    )


def open_day(
    engine: Engine,
    *,
    capacity: int = 100,
    vials: int = 100,
    doses_per_vial: int = 1,
    observation: int = 30,
    grace: int = 30,
    allergy_extra: int = 30,
) -> None:
    """A day opened as `kiosk day open` opens it with the default config (allergy extension
    30 minutes; any ticket prefix, as the tests use more than the config's)."""
    engine.day.open(
        capacity=capacity,
        observation_minutes=observation,
        missed_grace_minutes=grace,
        lots_in=[lot(vials=vials, doses_per_vial=doses_per_vial)],
        actor=MANAGER,
        allergy_extra_minutes=allergy_extra,
    )


# --- helpers shared by the engine tests --------------------------------------------------------

STATION = Actor(staff="nurse2", terminal="station-1")
SCREENING_OK = {"fever": False, "allergy": False, "pregnant": False}


def lot_id(engine: Engine, index: int = 0) -> int:
    return engine.day.status().lots[index].id


def register(engine: Engine, ticket_id: int, person: PersonIn | None = None, **kw: Any) -> Ticket:
    return engine.care.register(
        ticket_id,
        person or PersonIn(name="张三"),
        dose_number=int(kw.pop("dose_number", 1)),
        consent=True,
        screening=SCREENING_OK,
        actor=NURSE,
        **kw,
    )


def make_ticket(engine: Engine, clock: FakeClock, state: State, prefix: str = "A") -> Ticket:
    """A fresh ticket driven to ``state`` the ordinary way (desks ``R1`` and ``V1``)."""
    t = engine.tickets.issue(prefix)
    if state == State.WAITING_REGISTRATION:
        return t
    t = engine.tickets.call(t.id, "R1", actor=NURSE)
    if state == State.CALLED_REGISTRATION:
        return t
    if state == State.MISSED:
        return engine.tickets.mark_missed(t.id, actor=NURSE)
    if state == State.CANCELLED:
        return engine.tickets.cancel(t.id, "went home", actor=NURSE)
    if state == State.DEFERRED:
        return engine.care.defer(t.id, "fever", actor=NURSE)
    if state == State.UNSERVED:
        engine.day.close(actor=MANAGER)
        return engine.queries.ticket(t.id)
    t = register(engine, t.id)
    if state == State.WAITING_VACCINATION:
        return t
    t = engine.tickets.call(t.id, "V1", actor=STATION)
    if state == State.CALLED_VACCINATION:
        return t
    t = engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)
    if state == State.OBSERVING:
        return t
    if state == State.LEFT_EARLY:
        return engine.observation.leave_early(t.id, "bus", actor=NURSE)
    if state == State.RELEASED:
        assert t.observation_end is not None
        clock.set(max(clock.now(), t.observation_end))
        return engine.observation.release(t.id, actor=NURSE)
    raise AssertionError(state)


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: to prove that a refused operation wrote nothing."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(sa.select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


@contextmanager
def nothing_written(engine: Engine) -> Iterator[None]:
    """The block must leave the database exactly as it was (use around ``pytest.raises``)."""
    seq, before = engine.queries.last_seq(), dump(engine.db)
    yield
    assert engine.queries.last_seq() == seq
    assert dump(engine.db) == before


# --- the command line, in-process ----------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command's data folder (KIOSK_DATA_DIR): the test's own. A module of command tests
    uses it for every test: ``pytestmark = pytest.mark.usefixtures("data_dir")``."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kiosk ARGV`` run in-process: its exit status, standard output and standard error."""
    from kiosk.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
