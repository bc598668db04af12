"""Random text and numbers into every engine operation's inputs, on SQLite and PostgreSQL: each
call either succeeds or is refused with a domain error that has a code (never a storage error,
which a screen can only call "try again"), and a refusal leaves the database as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import DomainError, StorageError
from kiosk.model import Actor, PersonIn, Ticket
from kiosk.states import State
from tests.kiosk.conftest import MANAGER, NURSE, SCREENING_OK, lot, lot_id, make_ticket
from tests.kiosk.conftest import dump as dump_tables

TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=60, max_size=700),
    st.sampled_from(["", " ", "\x00", "张\x00三", "𠮷田", "a" * 64, "a" * 65, "\u202e", "\ud800x"]),
)
NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([-1, 0, 1, 240, 241, 2**31 - 1, 2**31, 3_000_000_000]),
)

Op = Callable[[Engine, Ticket, str, int], object]
OPERATIONS: list[tuple[State, Op]] = [
    (State.CALLED_REGISTRATION, lambda e, t, s, n: e.care.register(
        t.id, PersonIn(s, None, s[:20] or None), dose_number=n % 12, consent=True, screening=SCREENING_OK,
        actor=NURSE)),
    (State.CALLED_REGISTRATION, lambda e, t, s, n: e.care.register(
        t.id, PersonIn("张三", s), dose_number=1, consent=True, screening=SCREENING_OK, actor=NURSE,
        observation_minutes=n)),
    (State.CALLED_REGISTRATION, lambda e, t, s, n: e.care.defer(t.id, s, actor=NURSE)),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.tickets.cancel(t.id, s, actor=NURSE)),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.tickets.call(t.id, s, actor=NURSE)),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.tickets.call(
        t.id, "R9", actor=Actor(s, "R9"))),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.tickets.issue(s[:3])),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.day.set_capacity(n, actor=MANAGER)),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.day.add_lot(
        lot(name=s, vials=n % 10**7), actor=MANAGER)),
    (State.WAITING_REGISTRATION, lambda e, t, s, n: e.day.add_vials(lot_id(e), n, actor=MANAGER)),
    (State.OBSERVING, lambda e, t, s, n: e.observation.extend(t.id, n, actor=NURSE)),
    (State.OBSERVING, lambda e, t, s, n: e.observation.record_adverse_event(
        t.id, symptoms=s, severity="mild", action=s[::-1], actor=NURSE)),
    (State.OBSERVING, lambda e, t, s, n: e.observation.leave_early(t.id, s, actor=NURSE)),
    (State.OBSERVING, lambda e, t, s, n: e.stock.waste(t.vial_id or 0, n, s, actor=NURSE)),
]  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(which=st.integers(min_value=0, max_value=len(OPERATIONS) - 1), text=TEXT, number=NUMBER)
def test_random_input_is_done_or_refused_cleanly(
    both: Engine,
    clock: FakeClock,
    which: int,
    text: str,
    number: int,
) -> None:
    state, operation = OPERATIONS[which]
    both.day.set_capacity(100_000, actor=MANAGER)  # an earlier example may have set it to 0
    both.day.add_vials(lot_id(both), 1, actor=MANAGER)  # a dose for this example's ticket
    ticket = make_ticket(both, clock, state)
    before = dump_tables(both.db)
    try:
        operation(both, ticket, text, number)
    except StorageError as exc:  # the database refused what the engine let through
        pytest.fail(f"storage error for {text!r}, {number!r}: {exc}")
    except DomainError as exc:
        assert exc.code and exc.code != "domain_error", exc
        assert dump_tables(both.db) == before  # refused: nothing written
    finally:  # the next example's ticket needs the desks free
        for called in both.queries.called():
            both.tickets.cancel(called.id, "next example", actor=NURSE)
