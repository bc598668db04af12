"""The same engine on a real PostgreSQL server: the several-terminals deployment.

Two engines (two terminals) share one server; concurrency is settled by the database (row locks,
SKIP LOCKED), so desks pressing "next" at the same instant never get the same person and kiosks
issuing at the cap never overshoot it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.db.schema import sites
from kiosk.engine import Engine
from kiosk.errors import CapReached, InvalidTransition
from kiosk.model import Actor, PersonIn
from kiosk.states import Queue, State
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import MANAGER, NURSE, open_day, start_of_day

pytestmark = pytest.mark.slow


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start_of_day())


@pytest.fixture
def pg_db(pg_url: str, clock: FakeClock) -> Iterator[Database]:
    db = open_database(pg_url, "main", LIVE, clock.now())
    yield db
    db.dispose()


def at_once(*terminals: Callable[[], None]) -> None:
    """Run each terminal's work in its own thread, together, and wait for all."""
    threads = [threading.Thread(target=work) for work in terminals]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive(), "a terminal hung"


def engine_on(db: Database, clock: FakeClock) -> Engine:
    return Engine(db, clock, "main", "Asia/Shanghai")


def test_a_visit_end_to_end(pg_db: Database, clock: FakeClock) -> None:
    engine = engine_on(pg_db, clock)
    open_day(engine, capacity=10, vials=2, doses_per_vial=5)
    ticket = engine.tickets.issue("A", key="tap-1")
    assert engine.tickets.issue("A", key="tap-1").id == ticket.id  # a retried tap
    called = engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
    assert called is not None and called.id == ticket.id
    engine.care.register(
        ticket.id,
        PersonIn("张三明", "11010519491231002X"),
        dose_number=1,
        consent=True,
        screening={},
        actor=NURSE,
    )
    engine.tickets.call_next(Queue.VACCINATION, "接种1", actor=NURSE)
    lot_id = engine.day.status().lots[0].id
    done = engine.care.vaccinate(ticket.id, lot_id=lot_id, actor=NURSE)
    assert done.state == State.OBSERVING
    assert engine.queries.next_deadline() == done.observation_end
    clock.advance(timedelta(minutes=30))
    assert engine.observation.release(ticket.id, actor=NURSE).state == State.RELEASED
    status = engine.day.status()
    assert (status.doses_used, status.stock, status.open_vial_doses_left) == (1, 10, 4)
    seqs = [e.seq for e in engine.queries.events_since(0)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_two_terminals_calling_next_at_once_never_share_a_person(
    pg_url: str, pg_db: Database, clock: FakeClock
) -> None:
    first = engine_on(pg_db, clock)
    open_day(first, capacity=200, vials=200)
    for _ in range(120):
        first.tickets.issue("A")
    other_db = Database(pg_url)
    second = engine_on(other_db, clock)
    got: dict[str, list[int]] = {"登记1": [], "登记2": []}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def desk(engine: Engine, name: str) -> None:
        try:
            barrier.wait()
            while True:
                ticket = engine.tickets.call_next(Queue.REGISTRATION, name, actor=Actor("n", name))
                if ticket is None:
                    return
                got[name].append(ticket.id)
                engine.care.defer(ticket.id, "test", actor=Actor("n", name))
        except BaseException as exc:  # reported below
            errors.append(exc)

    at_once(lambda: desk(first, "登记1"), lambda: desk(second, "登记2"))
    other_db.dispose()
    assert errors == []
    everyone = got["登记1"] + got["登记2"]
    assert len(everyone) == 120 and len(set(everyone)) == 120
    called = Counter(
        e.ticket_id for e in first.queries.events_since(0, limit=10_000) if e.kind == "called"
    )
    assert set(called.values()) == {1}


def test_two_kiosks_at_the_cap_never_overshoot(
    pg_url: str, pg_db: Database, clock: FakeClock
) -> None:
    first = engine_on(pg_db, clock)
    open_day(first, capacity=50, vials=500)
    other_db = Database(pg_url)
    second = engine_on(other_db, clock)
    issued: list[int] = []
    refused: list[int] = []
    barrier = threading.Barrier(2)

    def kiosk(engine: Engine, prefix: str) -> None:
        barrier.wait()
        for _ in range(40):
            try:
                issued.append(engine.tickets.issue(prefix).id)
            except CapReached:
                refused.append(1)

    at_once(lambda: kiosk(first, "A"), lambda: kiosk(second, "B"))
    other_db.dispose()
    assert len(issued) == 50 and len(refused) == 30
    assert first.day.status().counts.issued == 50
    for prefix in "AB":
        numbers = sorted(t.number for t in first.queries.tickets_of_day() if t.prefix == prefix)
        assert numbers == list(range(1, len(numbers) + 1))


def test_manager_changes_are_seen_by_another_terminal(
    pg_url: str, pg_db: Database, clock: FakeClock
) -> None:
    first = engine_on(pg_db, clock)
    open_day(first, capacity=1, vials=5)
    other_db = Database(pg_url)
    second = engine_on(other_db, clock)
    second.tickets.issue("A")
    with pytest.raises(CapReached):
        first.tickets.issue("A")
    second.day.set_capacity(2, actor=MANAGER)
    assert first.tickets.issue("A").label == "A002"
    other_db.dispose()


def test_two_stations_drawing_at_once_never_overdraw_a_vial(
    pg_url: str, pg_db: Database, clock: FakeClock
) -> None:
    """Both stations may find the same vial with one dose left; the draw re-checks it, so the
    second takes the next vial instead of an eleventh dose from a ten-dose vial."""
    first = engine_on(pg_db, clock)
    open_day(first, capacity=100, vials=20, doses_per_vial=3)
    lot_id = first.day.status().lots[0].id
    for _ in range(60):
        t = first.tickets.issue("A")
        first.tickets.call(t.id, "登记1", actor=NURSE)
        first.care.register(
            t.id, PersonIn("李四"), dose_number=1, consent=True, screening={}, actor=NURSE
        )
    other_db = Database(pg_url)
    second = engine_on(other_db, clock)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def station(engine: Engine, name: str) -> None:
        actor = Actor("n", name)
        try:
            barrier.wait()
            while (
                ticket := engine.tickets.call_next(Queue.VACCINATION, name, actor=actor)
            ) is not None:
                engine.care.vaccinate(ticket.id, lot_id=lot_id, actor=actor)
        except BaseException as exc:  # reported below
            errors.append(exc)

    at_once(lambda: station(first, "接种1"), lambda: station(second, "接种2"))
    other_db.dispose()
    assert errors == []
    status = first.day.status()
    assert status.counts.observing == 60
    assert status.doses_used == 60
    drawn = Counter(t.vial_id for t in first.queries.tickets_of_day())
    assert max(drawn.values()) <= 3
    assert status.lots[0].vials_opened == 20  # every vial used to the last dose


def test_a_deadlock_is_retried_not_reported(pg_url: str, pg_db: Database) -> None:
    """Two transactions locking two rows in opposite orders: PostgreSQL aborts one with a
    deadlock, and Database.write runs it again instead of reporting a storage error."""
    other = Database(pg_url)
    with pg_db.transaction() as conn:
        conn.execute(
            sa.insert(sites).values(
                site="second", last_seq=0, purpose="live", created_at=start_of_day()
            )
        )
    both_hold_one = threading.Barrier(2, timeout=30)
    attempts: Counter[str] = Counter()
    errors: list[BaseException] = []

    def bump(db: Database, name: str, first: str, then: str) -> None:
        def work(conn: sa.Connection) -> None:
            attempts[name] += 1
            for site in (first, then):
                conn.execute(
                    sa.update(sites)
                    .where(sites.c.site == site)
                    .values(last_seq=sites.c.last_seq + 1)
                )
                if site == first and attempts[name] == 1:
                    both_hold_one.wait()  # each holds one row and wants the other's

        try:
            db.write(work)
        except BaseException as exc:  # reported below
            errors.append(exc)

    at_once(
        lambda: bump(pg_db, "one", "main", "second"),
        lambda: bump(other, "two", "second", "main"),
    )
    other.dispose()
    assert errors == []
    assert sorted(attempts.values()) == [1, 2]  # the deadlock's victim ran twice
    with pg_db.read() as conn:
        seqs = dict(conn.execute(sa.select(sites.c.site, sites.c.last_seq)).all())
    assert seqs["second"] == 2 and seqs["main"] >= 2


def test_connections_give_up_on_a_vanished_server(pg_url: str, pg_db: Database) -> None:
    """Connect timeout, keepalives and tcp_user_timeout are set on every pooled connection (a
    terminal must not hang for minutes on a dead link); the URL's own values win."""
    with pg_db.read() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        params = raw.info.get_parameters()
    assert params["connect_timeout"] == "5"
    assert params["tcp_user_timeout"] == "30000"
    assert (params["keepalives_idle"], params["keepalives_count"]) == ("10", "3")
    own = Database(f"{pg_url}{'&' if '?' in pg_url else '?'}connect_timeout=3")
    with own.read() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        assert raw.info.get_parameters()["connect_timeout"] == "3"
    own.dispose()


def locks_awaited(url: str, count: int, timeout_s: float = 30.0) -> None:
    """Until ``count`` sessions wait on a row lock (a condition, not a guessed time)."""
    probe = sa.create_engine(url)
    done, waiting = threading.Event(), 0
    deadline = threading.Timer(timeout_s, done.set)
    deadline.start()
    try:
        while not done.is_set():
            with probe.connect() as conn:
                waiting = conn.execute(
                    sa.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                ).scalar_one()
            if waiting >= count:
                return
            done.wait(0.01)
        raise AssertionError(f"{waiting} of {count} sessions came to wait on the lock")
    finally:
        deadline.cancel()
        probe.dispose()


def test_two_terminals_tapping_arrived_at_once_issue_one_ticket(
    pg_url: str, pg_db: Database, clock: FakeClock
) -> None:
    """Both read the standby resident as not arrived; the day row (held here) makes both wait
    after that read; the first to go on issues the ticket, the second is refused as a whole."""
    first = engine_on(pg_db, clock)
    open_day(first, capacity=100, vials=20)
    other_db = Database(pg_url)
    second = engine_on(other_db, clock)
    entry = first.clearing.add_standby("李四", "13800138000", actor=MANAGER)
    outcomes: list[str] = []
    holder = sa.create_engine(pg_url)
    with holder.connect() as conn, conn.begin():
        conn.execute(sa.text("SELECT 1 FROM days WHERE site = 'main' FOR UPDATE"))

        def tap(engine: Engine) -> None:
            try:
                outcomes.append(engine.clearing.standby_arrived(entry.id, actor=MANAGER).label)
            except InvalidTransition:
                outcomes.append("refused")

        threads = [threading.Thread(target=tap, args=(e,)) for e in (first, second)]
        for t in threads:
            t.start()
        locks_awaited(pg_url, 2)
    for t in threads:
        t.join(timeout=60)
    holder.dispose()
    other_db.dispose()
    assert sorted(outcomes) == ["A001", "refused"]
    assert first.day.status().counts.issued == 1
    (listed,) = first.clearing.standby_list()
    assert listed.status == "arrived" and listed.ticket_label == "A001"


def test_the_same_list_imported_twice_at_once_adds_it_once(
    pg_url: str, pg_db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    """Two managers import one village list at the same moment: one adds it, the other finds
    it unchanged (not a raw unique-key error)."""
    first = engine_on(pg_db, clock)
    other_db = Database(pg_url)
    second = engine_on(other_db, clock)
    later = first.today() + timedelta(days=3)
    path = write_csv(tmp_path / "list.csv", ZH, [resident(n, later) for n in range(1, 400)])
    reports: list[tuple[int, int]] = []
    barrier = threading.Barrier(2)

    def manager(engine: Engine) -> None:
        barrier.wait()
        report = engine.appointments.import_file(path, actor=MANAGER)
        reports.append((report.added, report.unchanged))

    at_once(lambda: manager(first), lambda: manager(second))
    other_db.dispose()
    assert sorted(reports) == [(0, 399), (399, 0)]
