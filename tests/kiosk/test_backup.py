"""Backups (issue 14): taken while another process writes, owner-only, pruned; restored only
from a checked file and only while nobody has the database open; PostgreSQL through pg_dump;
and the check that the day's rows agree with the event log.

The other processes here are real ones (``python -c``, importing this module): SQLite's locks
are between processes, and a thread would not show what the screens' processes do."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kiosk import backup as backups
from kiosk.backup import pg_dump
from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config_model import BackupConfig
from kiosk.db import migrate
from kiosk.db.database import Database, sqlite_url
from kiosk.db.schema import tickets, vials
from kiosk.engine import Engine
from kiosk.errors import DomainError
from kiosk.states import CALLED, State
from tests.kiosk.conftest import (
    DAY,
    NURSE,
    dump,
    lot_id,
    make_ticket,
    open_day,
    start_of_day,
)

ROOT = Path(__file__).resolve().parents[2]


# --- helpers run in other processes ------------------------------------------------------------


def write_until_stopped(url: str, stop: str) -> None:
    """Issue tickets through the engine until the file ``stop`` exists; say when it has begun
    and, at the end, how many it issued."""
    clock = FakeClock(start_of_day())
    db = Database(url)
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    issued = 0
    while not os.path.exists(stop):
        engine.tickets.issue("A")
        clock.advance(timedelta(milliseconds=10))
        issued += 1
        if issued == 20:
            print("writing", flush=True)
    db.dispose()
    print(issued, flush=True)


def hold_open(url: str) -> None:
    """Open the database as a screen does (the connection stays open), until stdin closes."""
    db = Database(url)
    with db.read() as conn:
        conn.execute(sa.select(sa.func.count()).select_from(tickets)).scalar_one()
    print("open", flush=True)
    sys.stdin.read()
    db.dispose()


@contextmanager
def other_process(function: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    code = f"import sys; from tests.kiosk.test_backup import {function}; {function}(*sys.argv[1:])"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()


# --- helpers -----------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sqlite_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def fingerprint(path: Path) -> dict[str, str]:
    """The bytes of the database and its companion files, as hashes."""
    out = {}
    for suffix in ("", "-wal", "-journal"):
        f = Path(f"{path}{suffix}")
        if f.exists():
            out[suffix or "db"] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def tickets_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def day_engine(engine: Engine) -> Engine:
    open_day(engine, capacity=100_000, vials=100_000)
    return engine


# --- backup ------------------------------------------------------------------------------------


def test_a_backup_taken_while_another_process_writes_holds_every_event_before_it(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    stop = tmp_path / "stop"
    with other_process("write_until_stopped", db_url, str(stop)) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        before = day_engine.queries.last_seq()
        copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
        assert writer.poll() is None, "the writer was still writing while the backup ran"
        stop.touch()
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    issued_by_writer = int(out.split()[-1])

    conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        seqs = [r[0] for r in conn.execute("SELECT seq FROM events ORDER BY seq")]
        in_copy = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    finally:
        conn.close()
    assert seqs[:before] == list(range(1, before + 1)), "an event committed before is missing"
    assert seqs == list(range(1, len(seqs) + 1))  # one snapshot: no gap
    assert 20 <= in_copy < issued_by_writer  # taken mid-way: the writer went on after it
    assert copy.parent == tmp_path / "backups"
    assert copy.name == f"kiosk-{clock.now():%Y%m%d-%H%M%S}.sqlite"
    assert not list(copy.parent.glob(".*"))  # no partial file left
    assert not Path(f"{copy}-wal").exists() and not Path(f"{copy}-journal").exists()


def test_the_backup_and_its_folder_are_owner_only(
    loose_umask: None, day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    day_engine.tickets.issue("A")
    config = BackupConfig(dir="site/backups")
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now(), config=config)
    assert copy.parent == tmp_path / "site" / "backups"
    assert mode(copy) == 0o600
    assert mode(copy.parent) == 0o700
    assert mode(copy.parent.parent) == 0o700
    given = backups.backup(db_url, tmp_path / "mine.sqlite", data_dir=tmp_path, now=clock.now())
    assert given == tmp_path / "mine.sqlite" and mode(given) == 0o600
    assert tickets_in(given) == 1


def test_a_backup_never_overwrites_a_file_and_names_what_is_missing(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    existing = tmp_path / "taken.sqlite"
    existing.write_text("keep me")
    with pytest.raises(DomainError) as refused:
        backups.backup(db_url, existing, data_dir=tmp_path, now=clock.now())
    assert refused.value.code == "backup_exists" and str(existing) in str(refused.value)
    assert existing.read_text() == "keep me"
    with pytest.raises(DomainError) as refused:
        backups.backup(db_url, tmp_path / "no" / "x.sqlite", data_dir=tmp_path, now=clock.now())
    assert refused.value.code == "backup_folder" and "does not exist" in str(refused.value)
    gone = sqlite_url(tmp_path / "gone.sqlite")
    with pytest.raises(DomainError) as refused:
        backups.backup(gone, None, data_dir=tmp_path, now=clock.now())
    assert refused.value.code == "not_found" and "gone.sqlite" in str(refused.value)
    assert not (tmp_path / "gone.sqlite").exists()  # never created by looking


def test_two_backups_in_one_second_get_two_names(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    first = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    second = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now(), verify="quick_check")
    assert first != second and second.name.endswith("-2.sqlite")
    assert tickets_in(first) == tickets_in(second)


def test_automatic_backups_keep_the_newest_and_leave_other_files_alone(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    config = BackupConfig(dir="auto", keep=3)
    folder = tmp_path / "auto"
    manual = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now(), config=config)
    others = [folder / "notes.txt", folder / "kiosk-auto-old.sqlite", folder / "kiosk-auto.sqlite"]
    for other in others:
        other.write_text("not a backup of ours")
    made = []
    for _ in range(5):
        made.append(backups.automatic_backup(db_url, tmp_path, config, clock.now()))
        clock.advance(timedelta(days=1, minutes=1))
    assert all(path is not None and path.name.startswith("kiosk-auto-") for path in made)
    remaining = sorted(p for p in folder.iterdir() if p.name.startswith("kiosk-auto-2"))
    assert remaining == sorted(p for p in made[-3:] if p is not None)
    assert manual.exists() and all(other.read_text() == "not a backup of ours" for other in others)


def test_there_is_no_automatic_backup_on_postgresql(tmp_path: Path, clock: FakeClock) -> None:
    url = "postgresql+psycopg://kiosk@db.example/kiosk"
    assert backups.automatic_backup(url, tmp_path, BackupConfig(), clock.now()) is None
    assert not (tmp_path / "backups").exists()


# --- restore -----------------------------------------------------------------------------------


def test_restore_round_trips_and_keeps_the_old_database_aside(
    loose_umask: None, day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    kept = day_engine.tickets.issue("A")
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    clock.advance(timedelta(minutes=5))
    lost = day_engine.tickets.issue("A")  # the change the restore takes away
    day_engine.db.dispose()

    aside = backups.restore(db_url, copy, now=clock.now())

    live = sqlite_file(db_url)
    assert aside == live.with_name(f"kiosk.sqlite.before-restore-{clock.now():%Y%m%d-%H%M%S}")
    assert mode(aside) == 0o600 and mode(live) == 0o600
    for leftover in ("-wal", "-shm", "-journal"):
        assert not Path(f"{live}{leftover}").exists()
    with sqlite3.connect(aside) as conn:
        ids = {r[0] for r in conn.execute("SELECT id FROM tickets")}
    assert ids == {kept.id, lost.id}
    db = open_database(db_url, "main", TRAINING, clock.now())  # as the program opens it
    try:
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        assert [t.id for t in engine.queries.tickets_of_day(DAY)] == [kept.id]
        assert engine.tickets.issue("A").number == 2  # and it carries on from there
    finally:
        db.dispose()


def _random(copy: Path, tmp: Path) -> Path:
    path = tmp / "random.sqlite"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _truncated(copy: Path, tmp: Path) -> Path:
    path = tmp / "truncated.sqlite"
    data = copy.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _not_kiosk(copy: Path, tmp: Path) -> Path:
    path = tmp / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('hello')")
    conn.close()
    return path


def _future(copy: Path, tmp: Path) -> Path:
    path = tmp / "future.sqlite"
    path.write_bytes(copy.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00000000000'")
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_random, "not an intact SQLite database"),
        (_truncated, "intact SQLite database|integrity check"),
        (_not_kiosk, "not a kiosk database"),
        (_future, "schema revision f00000000000"),
    ],
    ids=["random-bytes", "truncated", "not-kiosk", "future-schema"],
)
def test_restore_refuses_a_broken_file_and_leaves_the_database_alone(
    make: Any, said: str, day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    for _ in range(300):  # enough pages that half a copy cuts through the tables
        day_engine.tickets.issue("A")
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    bad = make(copy, tmp_path)
    day_engine.tickets.issue("A")
    rows = dump(day_engine.db)
    day_engine.db.dispose()  # closed: only the file's check can refuse
    live = sqlite_file(db_url)
    before = fingerprint(live)

    with pytest.raises(DomainError) as refused:
        backups.restore(db_url, bad, now=clock.now())

    assert refused.value.code == "restore_refused"
    assert re.search(said, str(refused.value)) and str(bad) in str(refused.value)
    assert fingerprint(live) == before
    assert not list(tmp_path.glob("kiosk.sqlite.before-restore-*"))
    assert dump(day_engine.db) == rows


def test_a_backup_at_an_older_revision_this_program_knows_is_restored(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    """An older backup is fine: opening it afterwards upgrades it (the revision is what is
    checked here: the tables are those of the newest, so it is not opened)."""
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    first = "5956ff58d2b8"  # kiosk/migrations/versions/0001_initial_schema.py
    assert first in backups.sqlite_copy.known_revisions()
    assert migrate.HEAD in backups.sqlite_copy.known_revisions()
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (first,))
    conn.close()
    day_engine.db.dispose()
    assert backups.restore(db_url, copy, now=clock.now()) is not None
    with sqlite3.connect(sqlite_file(db_url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(first,)]
    conn.close()


def test_restore_refuses_while_another_process_has_the_database_open(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    day_engine.tickets.issue("A")
    rows = dump(day_engine.db)
    day_engine.db.dispose()
    live = sqlite_file(db_url)

    with other_process("hold_open", db_url) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = fingerprint(live)
        with pytest.raises(DomainError) as refused:
            backups.restore(db_url, copy, now=clock.now(), lock_timeout=0.05)
        assert refused.value.code == "database_in_use" and str(live) in str(refused.value)
        assert fingerprint(live) == before
        assert not list(tmp_path.glob("kiosk.sqlite.before-restore-*"))
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert dump(day_engine.db) == rows
    day_engine.db.dispose()
    # Once it is closed the same restore goes through.
    assert backups.restore(db_url, copy, now=clock.now()) is not None


def test_restore_refuses_while_this_process_has_the_database_open(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    day_engine.tickets.issue("A")
    rows = dump(day_engine.db)  # the engine keeps its connection open
    with pytest.raises(DomainError) as refused:
        backups.restore(db_url, copy, now=clock.now(), lock_timeout=0.05)
    assert refused.value.code == "database_in_use"
    assert dump(day_engine.db) == rows


def test_restore_over_a_database_sqlite_cannot_read_says_how_to_move_it_away(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    day_engine.db.dispose()
    live = sqlite_file(db_url)
    for leftover in ("-wal", "-shm"):
        Path(f"{live}{leftover}").unlink(missing_ok=True)
    live.write_bytes(os.urandom(8192))
    before = fingerprint(live)
    with pytest.raises(DomainError) as refused:
        backups.restore(db_url, copy, now=clock.now())
    assert refused.value.code == "database_unreadable" and f"mv {live}" in str(refused.value)
    assert fingerprint(live) == before
    live.rename(tmp_path / "damaged.sqlite")
    assert backups.restore(db_url, copy, now=clock.now()) is None
    assert tickets_in(live) == 0


def test_restore_is_for_sqlite(tmp_path: Path, clock: FakeClock) -> None:
    dumped = tmp_path / "kiosk.dump"
    dumped.write_bytes(b"PGDMP")
    with pytest.raises(DomainError) as refused:
        backups.restore("postgresql+psycopg://kiosk@db.example/kiosk", dumped, now=clock.now())
    assert refused.value.code == "restore_not_sqlite" and "pg_restore" in str(refused.value)


def test_restore_onto_a_new_machine_needs_no_database_there(
    day_engine: Engine, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    day_engine.tickets.issue("A")
    copy = backups.backup(db_url, None, data_dir=tmp_path, now=clock.now())
    fresh = sqlite_url(tmp_path / "new" / "kiosk.sqlite")
    assert backups.restore(fresh, copy, now=clock.now()) is None
    assert tickets_in(sqlite_file(fresh)) == 1
    assert mode(sqlite_file(fresh)) == 0o600


# --- PostgreSQL --------------------------------------------------------------------------------


def test_postgresql_is_backed_up_with_pg_dump(
    pg_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    tool = pg_dump.find_tool("pg_dump")
    if tool is None:
        pytest.skip("pg_dump is not installed")
    db = open_database(pg_url, "main", TRAINING, clock.now())
    try:
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        open_day(engine)
        engine.tickets.issue("A")
    finally:
        db.dispose()
    copy = backups.backup(pg_url, None, data_dir=tmp_path, now=clock.now())
    assert copy.name == f"kiosk-{clock.now():%Y%m%d-%H%M%S}.dump"
    assert mode(copy) == 0o600
    listed = subprocess.run(
        [str(tool.with_name("pg_restore")), "--list", str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert "TABLE DATA public tickets" in listed.stdout


def test_the_password_reaches_pg_dump_through_its_environment_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(cmd: list[str], *, env: dict[str, str], **kw: Any) -> Any:
        seen.append((cmd, env))
        out = next(a.removeprefix("--file=") for a in cmd if a.startswith("--file="))
        Path(out).write_bytes(b"PGDMP")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(pg_dump, "find_tool", lambda name: Path("/opt/pg/bin") / name)
    monkeypatch.setattr("kiosk.backup.pg_dump.subprocess.run", fake_run)
    url = "postgresql+psycopg://kiosk:s3cret%27x@db.example:5433/kiosk?sslmode=require"
    copy = backups.backup(url, tmp_path / "k.dump", data_dir=tmp_path, now=clock.now())

    ((cmd, env),) = seen
    assert env["PGPASSWORD"] == "s3cret'x"
    assert not any("s3cret" in arg for arg in cmd)
    dbname = next(a for a in cmd if a.startswith("--dbname="))
    for part in ("host='db.example'", "port='5433'", "user='kiosk'", "dbname='kiosk'",
                 "sslmode='require'"):  # fmt: skip
        assert part in dbname
    assert "--format=custom" in cmd and "--no-password" in cmd
    assert copy.read_bytes() == b"PGDMP" and mode(copy) == 0o600


def test_without_pg_dump_the_error_says_how_to_schedule_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    monkeypatch.setattr(pg_dump, "find_tool", lambda name: None)
    with pytest.raises(DomainError) as refused:
        backups.backup("postgresql+psycopg://kiosk@db/kiosk", None, data_dir=tmp_path,
                       now=clock.now())  # fmt: skip
    assert refused.value.code == "pg_dump_missing"
    assert "crontab" in str(refused.value) and "pg_dump --format=custom" in str(refused.value)
    assert not list((tmp_path / "backups").iterdir())


# --- check -------------------------------------------------------------------------------------


def a_busy_day(engine: Engine, clock: FakeClock) -> dict[State, int]:
    """Tickets in every state, by the ordinary operations and their corrections."""
    # The called ones last: a desk serves one ticket at a time. Unserved needs the day closed.
    order = [s for s in State if s not in CALLED.values() and s != State.UNSERVED]
    made: dict[State, int] = {s: make_ticket(engine, clock, s).id for s in order}
    missed = make_ticket(engine, clock, State.MISSED)
    engine.tickets.reinstate(missed.id, actor=NURSE)
    deferred = make_ticket(engine, clock, State.DEFERRED)
    engine.corrections.outcome(deferred.id, "wrong patient", actor=NURSE)
    undone = make_ticket(engine, clock, State.OBSERVING)
    engine.corrections.undo_vaccination(undone.id, "not given", drawn=True, actor=NURSE)
    vial = engine.stock.open_vial(lot_id(engine), actor=NURSE)
    engine.stock.waste(vial.id, 1, "dropped", actor=NURSE)
    for state in (State.CALLED_VACCINATION, State.CALLED_REGISTRATION):
        made[state] = make_ticket(engine, clock, state).id
    return made


def test_check_finds_nothing_on_a_consistent_day(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, doses_per_vial=1)
    a_busy_day(engine, clock)
    assert backups.check(engine, DAY) == []


def test_check_names_a_ticket_changed_behind_the_engines_back(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    made = a_busy_day(engine, clock)
    waiting = engine.queries.ticket(made[State.WAITING_REGISTRATION])
    with engine.db.transaction() as conn:
        conn.execute(
            sa.update(tickets).where(tickets.c.id == waiting.id).values(state=State.RELEASED)
        )
        conn.execute(sa.update(vials).values(doses_drawn=vials.c.doses_drawn + 1))

    lines = backups.check(engine, DAY)

    assert (
        f"ticket {waiting.label} (id {waiting.id}): stored as released, its events lead to"
        " waiting_registration" in lines
    )
    assert any(line.startswith("vaccinated: the tickets say") for line in lines)
    assert any(line.startswith("in_progress: the tickets say") for line in lines)
    assert any(line.startswith("doses_used: the vials say") for line in lines)
    assert not any(line.startswith(("issued", "cancelled", "deferred")) for line in lines)
