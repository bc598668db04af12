"""A staff reprint is a logged action (issue 3): one "reprinted" event per attempt, whatever the
printer answered and whatever state the ticket is in; the ticket itself is never changed."""

from __future__ import annotations

import pytest

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import NotFound
from kiosk.states import State
from tests.kiosk.conftest import NURSE, dump, make_ticket, nothing_written, open_day


@pytest.fixture
def day(engine: Engine) -> Engine:
    open_day(engine)
    return engine


def test_reprint_writes_one_event_with_staff_terminal_and_result(day: Engine) -> None:
    ticket = day.tickets.issue("A")
    seq = day.queries.last_seq()

    returned = day.tickets.record_reprint(ticket.id, "printed", actor=NURSE)

    assert returned == ticket
    new = day.queries.events_since(seq)
    assert len(new) == 1
    event = new[0]
    assert event.kind == "reprinted"
    assert event.ticket_id == ticket.id
    assert event.day == ticket.day
    assert (event.staff, event.terminal) == (NURSE.staff, NURSE.terminal)
    assert event.payload == {
        "label": ticket.label,
        "result_code": "printed",
        "state": State.WAITING_REGISTRATION.value,
    }
    assert [e.kind for e in day.queries.history(ticket.id)] == ["issued", "reprinted"]


def test_a_failed_reprint_is_logged_too_and_each_attempt_counts(day: Engine) -> None:
    ticket = day.tickets.issue("A")
    day.tickets.record_reprint(ticket.id, "paper_out", actor=NURSE)
    day.tickets.record_reprint(ticket.id, "printed", actor=NURSE)

    reprints = [e for e in day.queries.history(ticket.id) if e.kind == "reprinted"]
    assert [e.payload["result_code"] for e in reprints] == ["paper_out", "printed"]


def test_reprint_leaves_the_ticket_unchanged(day: Engine) -> None:
    ticket = day.tickets.issue("A")
    log_tables = {"events", "sites"}  # the log and its sequence counter (PostgreSQL)
    tables_before = {k: v for k, v in dump(day.db).items() if k not in log_tables}

    day.tickets.record_reprint(ticket.id, "timeout", actor=NURSE)

    assert day.queries.ticket(ticket.id) == ticket
    assert {k: v for k, v in dump(day.db).items() if k not in log_tables} == tables_before


@pytest.mark.parametrize("state", [State.CALLED_REGISTRATION, State.OBSERVING, State.CANCELLED])
def test_reprint_is_allowed_in_any_state(day: Engine, clock: FakeClock, state: State) -> None:
    ticket = make_ticket(day, clock, state)

    day.tickets.record_reprint(ticket.id, "printed", actor=NURSE)

    event = day.queries.history(ticket.id)[-1]
    assert event.kind == "reprinted"
    assert event.payload["state"] == state.value


def test_unknown_ticket_is_refused_and_nothing_is_written(day: Engine) -> None:
    with nothing_written(day), pytest.raises(NotFound):
        day.tickets.record_reprint(999_999, "printed", actor=NURSE)
