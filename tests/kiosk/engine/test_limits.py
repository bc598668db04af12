"""Bad input gets the same answer on SQLite and PostgreSQL, names the field, and writes nothing.

Texts too long, empty, or holding a control character; numbers negative, zero where zero means
something, or beyond what a column holds (SQLite would store them, PostgreSQL would refuse them
with a storage error that a screen can only call "try again"). Real names pass on both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.errors import InvalidInput
from kiosk.model import Actor, PersonIn, Ticket
from kiosk.states import Queue, State
from tests.kiosk.conftest import (
    MANAGER,
    NURSE,
    SCREENING_OK,
    lot,
    lot_id,
    make_ticket,
    nothing_written,
)

HUGE = 10**20


def _register(person: PersonIn, **kw: Any) -> Callable[[Engine, Ticket], object]:
    options = {"dose_number": 1, **kw}
    return lambda e, t: e.care.register(
        t.id, person, consent=True, screening=SCREENING_OK, actor=NURSE, **options
    )


# (what, the ticket's state first, the operation, the field named in the refusal)
CASES: list[tuple[str, State, Callable[[Engine, Ticket], object], str]] = [
    ("a name of 101 characters", State.CALLED_REGISTRATION, _register(PersonIn("张" * 101)), "name"),
    ("an empty name", State.CALLED_REGISTRATION, _register(PersonIn("   ")), "name"),
    ("a NUL in a name", State.CALLED_REGISTRATION, _register(PersonIn("张\x00三")), "name"),
    ("a bell in a name", State.CALLED_REGISTRATION, _register(PersonIn("张\x07三")), "name"),
    ("an ID number of 33", State.CALLED_REGISTRATION, _register(PersonIn("张三", "1" * 33)), "id_number"),
    ("a phone of 33", State.CALLED_REGISTRATION, _register(PersonIn("张三", None, "1" * 33)), "phone"),
    ("ID number garbage!!", State.CALLED_REGISTRATION, _register(PersonIn("张三", "garbage!!")), "id_number"),
    ("ID number, wrong check", State.CALLED_REGISTRATION, _register(PersonIn("张三", "110105194912310021")), "id_number"),
    ("dose number 0", State.CALLED_REGISTRATION, _register(PersonIn("张三"), dose_number=0), "dose_number"),
    ("dose number huge", State.CALLED_REGISTRATION, _register(PersonIn("张三"), dose_number=HUGE), "dose_number"),
    ("observation 0 minutes", State.CALLED_REGISTRATION, _register(PersonIn("张三"), observation_minutes=0), "observation_minutes"),
    ("a reason of 201", State.CALLED_REGISTRATION, lambda e, t: e.care.defer(t.id, "x" * 201, actor=NURSE), "reason"),
    ("a NUL in a reason", State.CALLED_REGISTRATION, lambda e, t: e.care.defer(t.id, "a\x00b", actor=NURSE), "reason"),
    ("an empty reason", State.CALLED_REGISTRATION, lambda e, t: e.care.defer(t.id, " ", actor=NURSE), "reason"),
    ("a cancel reason of 201", State.WAITING_REGISTRATION, lambda e, t: e.tickets.cancel(t.id, "x" * 201, actor=NURSE), "reason"),
    ("a desk of 65", State.WAITING_REGISTRATION, lambda e, t: e.tickets.call(t.id, "D" * 65, actor=NURSE), "desk"),
    ("an empty desk", State.WAITING_REGISTRATION, lambda e, t: e.tickets.call(t.id, " ", actor=NURSE), "desk"),
    ("a staff name of 65", State.WAITING_REGISTRATION, lambda e, t: e.tickets.call(t.id, "R1", actor=Actor("s" * 65, "R1")), "staff"),
    ("a terminal of 65", State.WAITING_REGISTRATION, lambda e, t: e.tickets.call(t.id, "R1", actor=Actor("s", "T" * 65)), "desk"),
    ("capacity 10**20", State.WAITING_REGISTRATION, lambda e, t: e.day.set_capacity(HUGE, actor=MANAGER), "capacity"),
    ("capacity 3,000,000,000", State.WAITING_REGISTRATION, lambda e, t: e.day.set_capacity(3_000_000_000, actor=MANAGER), "capacity"),
    ("capacity -1", State.WAITING_REGISTRATION, lambda e, t: e.day.set_capacity(-1, actor=MANAGER), "capacity"),
    ("10**20 vials", State.WAITING_REGISTRATION, lambda e, t: e.day.add_lot(lot(vials=HUGE, name="L2"), actor=MANAGER), "vials"),
    ("0 doses per vial", State.WAITING_REGISTRATION, lambda e, t: e.day.add_lot(lot(doses_per_vial=0, name="L2"), actor=MANAGER), "doses_per_vial"),
    ("a lot number of 65", State.WAITING_REGISTRATION, lambda e, t: e.day.add_lot(lot(name="L" * 65), actor=MANAGER), "lot"),
    ("a NUL in a product", State.WAITING_REGISTRATION, lambda e, t: e.day.add_lot(replace(lot(name="L2"), product="a\x00"), actor=MANAGER), "product"),
    ("10**20 vials added", State.WAITING_REGISTRATION, lambda e, t: e.day.add_vials(lot_id(e), HUGE, actor=MANAGER), "vials_added"),
    ("extend by 0 minutes", State.OBSERVING, lambda e, t: e.observation.extend(t.id, 0, actor=NURSE), "minutes"),
    ("symptoms of 501", State.OBSERVING, lambda e, t: e.observation.record_adverse_event(t.id, symptoms="x" * 501, severity="mild", action="", actor=NURSE), "symptoms"),
    ("waste 10**12 doses", State.OBSERVING, lambda e, t: e.stock.waste(t.vial_id or 0, 10**12, "dropped", actor=NURSE), "doses"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "state", "operation", "field"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_alike_and_writes_nothing(
    both: Engine,
    clock: FakeClock,
    what: str,
    state: State,
    operation: Callable[[Engine, Ticket], object],
    field: str,
) -> None:
    ticket = make_ticket(both, clock, state)
    with nothing_written(both), pytest.raises(InvalidInput) as refused:
        operation(both, ticket)
    assert refused.value.code == "invalid_input"
    assert refused.value.details["field"] == field, what
    assert field.replace("_", " ") in str(refused.value.args[0]).lower()  # the message too


@pytest.mark.parametrize(
    "name",
    ["𠮷田", "阿卜杜拉·买买提", "José Nuñez", "Jose\u0301", "张" * 100, "O'Brien-Smith"],
)
def test_real_names_are_stored_alike(both: Engine, clock: FakeClock, name: str) -> None:
    t = make_ticket(both, clock, State.CALLED_REGISTRATION)
    done = _register(PersonIn(name, None, "13800138000"))(both, t)
    assert isinstance(done, Ticket) and done.person_id is not None
    assert both.queries.person(done.person_id).name == name


def test_the_vials_a_column_can_hold_are_the_same_on_both(both: Engine) -> None:
    both.day.add_lot(lot(vials=1_000_000, name="BIG"), actor=MANAGER)
    assert any(x.vials == 1_000_000 for x in both.day.status().lots)
    with pytest.raises(InvalidInput):
        both.day.add_lot(lot(vials=1_000_001, name="BIGGER"), actor=MANAGER)


def test_an_id_number_is_stored_as_the_standard_writes_it(both: Engine, clock: FakeClock) -> None:
    t = make_ticket(both, clock, State.CALLED_REGISTRATION)
    done = _register(PersonIn("张三", " 11010519491231002x "))(both, t)
    assert isinstance(done, Ticket) and done.person_id is not None
    assert both.queries.person(done.person_id).id_number == "11010519491231002X"


def test_public_screens_get_masked_names_from_the_engine(both: Engine, clock: FakeClock) -> None:
    t = make_ticket(both, clock, State.CALLED_REGISTRATION)
    _register(PersonIn("张三丰", "11010519491231002X", "13912345678"))(both, t)
    both.tickets.call(t.id, "V1", actor=NURSE)
    both.care.vaccinate(t.id, lot_id=lot_id(both), actor=NURSE)
    (row,) = both.queries.public_observations()
    assert row.person_name == "张*丰"
    assert both.queries.observations()[0].person_name == "张三丰"  # staff screens


def test_the_day_issues_only_its_prefixes(tmp_path: Path, clock: FakeClock) -> None:
    db = open_database(sqlite_url(tmp_path / "p.sqlite"), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    try:
        engine.day.open(
            capacity=10, observation_minutes=30, missed_grace_minutes=30,
            lots_in=[lot()], actor=MANAGER, prefixes=("B", "A"),
        )  # fmt: skip
        assert engine.day.status().prefixes == ("A", "B")
        assert engine.tickets.issue("B").label == "B001"
        for wrong in ("ZZ", "a", "AB1", ""):
            with nothing_written(engine), pytest.raises(InvalidInput) as refused:
                engine.tickets.issue(wrong)
            assert refused.value.details["field"] == "prefix"
    finally:
        db.dispose()


def test_only_the_days_desks_call(both: Engine, clock: FakeClock, tmp_path: Path) -> None:
    """A day opened with the config's desks (as `kiosk day open` does) knows no others, until a
    manager adds one; a day opened without a list lets any desk call."""
    assert both.day.status().desks is None  # opened without a list: any desk calls
    both.day.close(actor=MANAGER)
    clock.advance(timedelta(days=1))
    both.day.open(
        capacity=10, observation_minutes=30, missed_grace_minutes=30,
        lots_in=[lot(name="L002")], actor=MANAGER, desks=("登记1", "接种1"),
    )  # fmt: skip
    t = both.tickets.issue("A")
    with nothing_written(both), pytest.raises(InvalidInput) as refused:
        both.tickets.call(t.id, "登记9", actor=NURSE)
    assert refused.value.details["field"] == "desk" and "add-desk" in str(refused.value)
    with nothing_written(both), pytest.raises(InvalidInput):
        both.tickets.call_next(Queue.REGISTRATION, "登记9", actor=NURSE)
    assert both.day.add_desk("登记9", actor=MANAGER).desks == ("接种1", "登记1", "登记9")
    assert both.tickets.call(t.id, "登记9", actor=NURSE).desk == "登记9"
