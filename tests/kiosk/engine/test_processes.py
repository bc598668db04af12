"""Two OS processes on one SQLite file: "next" never hands a ticket out twice, the cap is never
overshot, and a busy database never escapes to the caller as "database is locked".

The children are started with the "spawn" context (a fresh interpreter, as on Windows), run the
real engine over their own Database object and report every exception back through a queue.
"""

from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from collections import Counter
from datetime import datetime
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database, sqlite_url
from kiosk.engine import Engine
from kiosk.errors import CapReached
from kiosk.model import Actor, PersonIn
from kiosk.states import Queue, State
from tests.kiosk.conftest import MANAGER, lot, start_of_day

pytestmark = pytest.mark.slow

CALLS_PER_PROCESS = 500
CAP = 300
ISSUES_PER_PROCESS = 400
TIMEOUT_S = 120


def _engine(url: str, start: datetime) -> tuple[Database, Engine]:
    db = Database(url)
    return db, Engine(db, FakeClock(start), "main", "Asia/Shanghai")


def desk_worker(url: str, start: datetime, desk: str, barrier: Barrier, out: Any) -> None:
    """Call the next ticket to ``desk`` and at once register (or defer) it, so the desk frees up."""
    db, engine = _engine(url, start)
    actor = Actor(staff=f"nurse-{desk}", terminal=desk)
    called: list[int] = []
    errors: list[str] = []
    try:
        barrier.wait(timeout=60)
        for n in range(CALLS_PER_PROCESS):
            try:
                t = engine.tickets.call_next(Queue.REGISTRATION, desk, actor=actor)
                if t is None:
                    errors.append(f"queue empty at call {n}")
                    break
                called.append(t.id)
                if n % 5 == 4:
                    engine.care.defer(t.id, "fever", actor=actor)
                else:
                    engine.care.register(
                        t.id,
                        PersonIn("王芳"),
                        dose_number=1,
                        consent=True,
                        screening={},
                        actor=actor,
                    )
            except Exception:
                errors.append(traceback.format_exc())
                break
    finally:
        db.dispose()
        out.put(("desk", desk, called, errors))


def kiosk_worker(url: str, start: datetime, prefix: str, barrier: Barrier, out: Any) -> None:
    """Try to take ``ISSUES_PER_PROCESS`` numbers; count how many were issued and refused."""
    db, engine = _engine(url, start)
    actor = Actor(staff="kiosk", terminal=f"kiosk-{prefix}")
    issued: list[int] = []
    refused = 0
    errors: list[str] = []
    try:
        barrier.wait(timeout=60)
        for _ in range(ISSUES_PER_PROCESS):
            try:
                issued.append(engine.tickets.issue(prefix, actor=actor).id)
            except CapReached:
                refused += 1
            except Exception:
                errors.append(traceback.format_exc())
                break
    finally:
        db.dispose()
        out.put(("kiosk", prefix, issued, refused, errors))


def _prepare(tmp_path: Path, capacity: int) -> tuple[str, Database, Engine]:
    url = sqlite_url(tmp_path / "shared.sqlite")
    clock = FakeClock(start_of_day())
    db = open_database(url, "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    engine.day.open(
        capacity=capacity,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(vials=3000)],
        actor=MANAGER,
    )
    return url, db, engine


def _run(target: Any, args: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    barrier = ctx.Barrier(len(args))
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in args]
    for p in procs:
        p.start()
    try:
        results = [out.get(timeout=TIMEOUT_S) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=TIMEOUT_S)
            if p.is_alive():
                p.kill()
                p.join()
    assert [p.exitcode for p in procs] == [0] * len(procs)
    return results


def test_two_processes_calling_next_never_get_the_same_ticket(tmp_path: Path) -> None:
    url, db, engine = _prepare(tmp_path, capacity=2000)
    try:
        for _ in range(2 * CALLS_PER_PROCESS):
            engine.tickets.issue("A")
        started = time.perf_counter()
        results = _run(desk_worker, [(url, start_of_day(), "R1"), (url, start_of_day(), "R2")])
        elapsed = time.perf_counter() - started
        for _, desk, called, errors in results:
            assert errors == [], f"{desk}:\n" + "\n".join(errors)
            assert len(called) == CALLS_PER_PROCESS
        ids = [i for r in results for i in r[2]]
        assert len(set(ids)) == len(ids) == 2 * CALLS_PER_PROCESS
        # the log agrees: one "called" event per ticket, each to the desk that reported it
        calls = [e for e in engine.queries.events_since(0, limit=100_000) if e.kind == "called"]
        assert Counter(e.ticket_id for e in calls) == Counter({i: 1 for i in ids})
        desk_of = {i: r[1] for r in results for i in r[2]}
        assert all(desk_of[e.ticket_id] == e.payload["desk"] for e in calls)
        assert [e.seq for e in engine.queries.events_since(0, limit=100_000)] == list(
            range(1, engine.queries.last_seq() + 1)
        )
        counts = engine.day.status().counts
        assert counts.waiting_registration == 0
        assert (counts.waiting_vaccination, counts.deferred) == (800, 200)
        print(f"\n2 processes x {CALLS_PER_PROCESS} call+register: {elapsed:.1f} s")
    finally:
        db.dispose()


def test_two_processes_issuing_at_the_cap_never_overshoot(tmp_path: Path) -> None:
    url, db, engine = _prepare(tmp_path, capacity=CAP)
    try:
        started = time.perf_counter()
        results = _run(kiosk_worker, [(url, start_of_day(), "A"), (url, start_of_day(), "B")])
        elapsed = time.perf_counter() - started
        for _, prefix, _issued, _refused, errors in results:
            assert errors == [], f"{prefix}:\n" + "\n".join(errors)
        issued = sum(len(r[2]) for r in results)
        refused = sum(r[3] for r in results)
        assert issued == CAP
        assert refused == 2 * ISSUES_PER_PROCESS - CAP
        tickets = engine.queries.tickets_of_day()
        assert len(tickets) == CAP
        assert all(t.state == State.WAITING_REGISTRATION for t in tickets)
        for r in results:
            numbers = sorted(t.number for t in tickets if t.prefix == r[1])
            assert numbers == list(range(1, len(r[2]) + 1))
        assert engine.day.status().closed_reason == "capacity"
        print(f"\n2 processes x {ISSUES_PER_PROCESS} issues at a cap of {CAP}: {elapsed:.1f} s")
    finally:
        db.dispose()
