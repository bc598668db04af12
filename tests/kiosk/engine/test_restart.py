"""Restart: a new engine over the same database file resumes exactly the same state and deadlines
(nothing lives in memory: observation ends and grace periods are stored times)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.engine import Engine
from kiosk.states import Queue, State
from tests.kiosk.conftest import NURSE, STATION, make_ticket, open_day, register


def picture(engine: Engine) -> dict[str, Any]:
    status = engine.day.status()
    return {
        "registration": engine.queries.queue(Queue.REGISTRATION),
        "vaccination": engine.queries.queue(Queue.VACCINATION),
        "called": engine.queries.called(),
        "desks": {d: engine.queries.at_desk(d) for d in ("R1", "R2", "V1", "V2")},
        "missed": engine.queries.missed(),
        "observations": engine.queries.observations(),
        "may_leave": [o.may_leave(engine.now()) for o in engine.queries.observations()],
        "deadline": engine.queries.next_deadline(),
        "status": status,
        "tickets": engine.queries.tickets_of_day(),
        "last_seq": engine.queries.last_seq(),
        "events": engine.queries.events_since(0, limit=10_000),
    }


def test_a_new_engine_over_the_same_file_resumes_the_same_state(
    engine: Engine, clock: FakeClock, db_url: str
) -> None:
    open_day(engine, capacity=40, vials=10, doses_per_vial=5, observation=30, grace=30)
    # people in observation at different times, one with a longer period and an adverse event
    first = make_ticket(engine, clock, State.OBSERVING)
    clock.advance(timedelta(minutes=4))
    second = make_ticket(engine, clock, State.OBSERVING)
    engine.observation.extend(second.id, 20, actor=NURSE)
    engine.observation.record_adverse_event(
        first.id, symptoms="dizzy", severity="mild", action="lie down", actor=NURSE
    )
    # queues with priority and reinstated tickets, missed tickets in and out of grace
    clock.advance(timedelta(minutes=3))
    make_ticket(engine, clock, State.MISSED)
    plain = [engine.tickets.issue("A") for _ in range(2)]
    engine.tickets.issue("B", priority=True)
    back = make_ticket(engine, clock, State.MISSED)
    engine.tickets.reinstate(back.id, actor=NURSE)
    make_ticket(engine, clock, State.WAITING_VACCINATION)
    engine.tickets.call(plain[1].id, "R2", actor=NURSE)
    make_ticket(engine, clock, State.CALLED_VACCINATION)
    clock.advance(timedelta(minutes=10))
    make_ticket(engine, clock, State.MISSED)

    before = picture(engine)
    assert before["deadline"] is not None and len(before["called"]) == 2

    # a second program over the same file: new Database, new Engine, its own clock at the same time
    clock2 = FakeClock(clock.now())
    db2 = Database(db_url)
    try:
        engine2 = Engine(db2, clock2, "main", "Asia/Shanghai")
        assert picture(engine2) == before
        # the deadlines keep agreeing as time passes, with nothing written by either
        for minutes in (5, 13, 9, 30):
            clock.advance(timedelta(minutes=minutes))
            clock2.advance(timedelta(minutes=minutes))
            assert picture(engine2) == picture(engine)
        assert engine2.queries.last_seq() == before["last_seq"]
        # and the restarted engine carries on where the first left off
        expected = engine.queries.queue(Queue.REGISTRATION)[0]
        called = engine2.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
        assert called is not None and called.id == expected.id == back.id
        register(engine2, called.id)
        assert engine.queries.at_desk("R1") is None
        v = engine2.tickets.call_next(Queue.VACCINATION, "V2", actor=STATION)
        assert v is not None and engine.queries.ticket(v.id).desk == "V2"
    finally:
        db2.dispose()
