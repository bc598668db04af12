"""Prepared statements give what SQLAlchemy's own execute gives: the same SQL, the same converted
values, the same errors, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.db import prepared
from kiosk.db.database import Database, sqlite_url
from kiosk.db.prepared import Prepared
from kiosk.db.schema import UTCDateTime

meta = sa.MetaData()
things = sa.Table(
    "things",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(32), nullable=False, unique=True),
    sa.Column("day", sa.Date),
    sa.Column("at", UTCDateTime),
    sa.Column("ok", sa.Boolean),
    sa.Column("data", sa.JSON),
)
stamps = sa.Table(
    "stamps",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
)

SELECT_BY_NAME = sa.select(things).where(things.c.name == sa.bindparam("name"))
INSERT = sa.insert(things).values(
    {c: sa.bindparam(f"b_{c}", type_=things.c[c].type) for c in ("name", "day", "at", "ok", "data")}
)
ROW = {
    "b_name": "first",
    "b_day": date(2026, 11, 29),
    "b_at": datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=UTC),
    "b_ok": True,
    "b_data": {"screening": {"fever": False}, "注": "中文"},
}


def _database(url: str) -> Database:
    db = Database(url)
    meta.create_all(db.engine)
    return db


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "p.sqlite")
    else:
        url = request.getfixturevalue("pg_server").new_database()
    database = _database(url)
    yield database
    database.dispose()


def test_rows_come_back_converted_as_sqlalchemy_converts_them(db: Database) -> None:
    with db.transaction() as conn:
        assert Prepared(INSERT)(conn, ROW).rowcount == 1
        conn.execute(INSERT, {**ROW, "b_name": "second", "b_ok": False, "b_data": None})
    with db.read() as conn:
        for name in ("first", "second"):
            ours = Prepared(SELECT_BY_NAME)(conn, {"name": name}).one()
            theirs = conn.execute(SELECT_BY_NAME, {"name": name}).one()
            assert tuple(ours) == tuple(theirs)
            assert ours.name == name and ours.day == date(2026, 11, 29)
        first = Prepared(SELECT_BY_NAME)(conn, {"name": "first"}).one()
        assert first.at == ROW["b_at"] and first.ok is True and first.data == ROW["b_data"]


def test_aware_times_round_trip_in_utc(db: Database) -> None:
    local = datetime(2026, 11, 29, 9, 30, tzinfo=UTC).astimezone()
    insert = Prepared(sa.insert(stamps).values(at=sa.bindparam("b_at", type_=UTCDateTime())))
    with db.transaction() as conn:
        insert(conn, {"b_at": local})
    with db.read() as conn:
        at = Prepared(sa.select(stamps.c.at))(conn).scalar_one()
    assert at == local and at.tzinfo == UTC


def test_fixed_values_and_repeated_parameters_take_their_places(db: Database) -> None:
    with db.transaction() as conn:
        for name, ok in (("a", True), ("b", False), ("c", True)):
            conn.execute(INSERT, {**ROW, "b_name": name, "b_ok": ok})
    statement = Prepared(
        sa.select(things.c.name)
        .where(
            things.c.name.in_([sa.literal("a"), sa.literal("c")]),
            sa.or_(things.c.name == sa.bindparam("n"), things.c.name != sa.bindparam("n")),
        )
        .order_by(things.c.name.desc())
        .limit(1)
    )
    with db.read() as conn:
        assert statement(conn, {"n": "a"}).all() == [("c",)]
        assert statement(conn, {"n": "zzz"}).scalar() == "c"


def test_no_row_and_rowcount(db: Database) -> None:
    update = Prepared(
        sa.update(things).where(things.c.name == sa.bindparam("n")).values(ok=sa.false())
    )
    with db.transaction() as conn:
        assert update(conn, {"n": "nobody"}).rowcount == 0
        assert Prepared(SELECT_BY_NAME)(conn, {"name": "nobody"}).first() is None
        with pytest.raises(sa.exc.NoResultFound):
            Prepared(SELECT_BY_NAME)(conn, {"name": "nobody"}).one()


def test_driver_errors_are_wrapped_as_sqlalchemy_wraps_them(db: Database) -> None:
    insert = Prepared(INSERT)
    with db.transaction() as conn:
        insert(conn, ROW)
    with pytest.raises(sa.exc.IntegrityError), db.transaction() as conn:
        insert(conn, ROW)  # the name is unique
    with db.read() as conn:  # nothing half-done: the failed transaction was rolled back
        assert conn.execute(sa.select(sa.func.count()).select_from(things)).scalar() == 1


def test_a_missing_parameter_names_itself(db: Database) -> None:
    with db.read() as conn, pytest.raises(KeyError, match="name"):
        Prepared(SELECT_BY_NAME)(conn, {})


def test_runs_only_inside_a_transaction(tmp_path: Path) -> None:
    db = _database(sqlite_url(tmp_path / "t.sqlite"))
    with db.engine.connect() as conn, pytest.raises(RuntimeError, match="transaction"):
        Prepared(SELECT_BY_NAME)(conn, {"name": "x"})
    db.dispose()


def test_an_expanding_parameter_is_refused(tmp_path: Path) -> None:
    db = _database(sqlite_url(tmp_path / "e.sqlite"))
    expanding = Prepared(sa.select(things).where(things.c.name.in_(["a", "b"])))
    with db.read() as conn, pytest.raises(TypeError, match="expanding"):
        expanding(conn)
    db.dispose()


# --- the connections Database keeps ---------------------------------------------------------------


def test_sqlite_main_thread_keeps_its_connection_and_dispose_closes_it(tmp_path: Path) -> None:
    db = _database(sqlite_url(tmp_path / "h.sqlite"))
    seen: list[object] = []

    def use() -> None:
        for _ in range(3):
            with db.read() as conn:
                seen.append(conn.connection.dbapi_connection)

    use()
    assert len(set(map(id, seen))) == 1
    other = threading.Thread(target=use)  # another thread borrows from the pool each time,
    other.start()  # so a thread that ends leaves no connection behind
    other.join()
    assert all(c is not seen[0] for c in seen[3:])
    with db.transaction() as conn:
        assert conn.connection.dbapi_connection is seen[0]
    db.dispose()
    with db.read() as conn:  # a new one after dispose
        assert conn.connection.dbapi_connection is not seen[0]
        assert conn.execute(sa.select(sa.func.count()).select_from(things)).scalar() == 0
    db.dispose()


def test_a_transaction_inside_another_gets_its_own_connection(tmp_path: Path) -> None:
    db = _database(sqlite_url(tmp_path / "n.sqlite"))
    with db.transaction() as outer:
        Prepared(INSERT)(outer, ROW)
        with db.read() as inner:  # its own snapshot: the outer insert is not committed yet
            assert inner is not outer
            assert inner.execute(sa.select(sa.func.count()).select_from(things)).scalar() == 0
    with db.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(things)).scalar() == 1
    db.dispose()


def test_a_failed_transaction_leaves_the_kept_connection_usable(tmp_path: Path) -> None:
    db = _database(sqlite_url(tmp_path / "f.sqlite"))
    with pytest.raises(ZeroDivisionError), db.transaction() as conn:
        Prepared(INSERT)(conn, ROW)
        _ = 1 / 0
    with db.transaction() as conn:
        Prepared(INSERT)(conn, {**ROW, "b_name": "again"})
    with db.read() as conn:
        names = conn.execute(sa.select(things.c.name)).scalars().all()
    assert names == ["again"]
    db.dispose()


def test_switched_off_it_runs_through_connection_execute(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``KIOSK_PREPARED=0`` (scripts/test runs the engine suite so): the same rows, through
    SQLAlchemy's own execute (which its cursor events see)."""
    seen: list[str] = []
    sa.event.listen(
        db.engine,
        "before_cursor_execute",
        lambda *a: seen.append(a[2]) if "things" in a[2] else None,
    )
    with db.transaction() as conn:
        Prepared(INSERT)(conn, ROW)
    assert seen == []  # the prepared path runs on the DBAPI cursor
    with db.read() as conn:
        ours = tuple(Prepared(SELECT_BY_NAME)(conn, {"name": "first"}).one())
    monkeypatch.setattr(prepared, "ENABLED", False)
    rename = sa.update(things).where(things.c.name == sa.bindparam("old")).values(name="renamed")
    with db.transaction() as conn:
        Prepared(INSERT)(conn, {**ROW, "b_name": "second"})
        assert Prepared(rename)(conn, {"old": "second"}).rowcount == 1
    with db.read() as conn:
        assert tuple(Prepared(SELECT_BY_NAME)(conn, {"name": "first"}).one()) == ours
        assert Prepared(SELECT_BY_NAME)(conn, {"name": "second"}).first() is None
    assert [sql.split()[0] for sql in seen] == ["INSERT", "UPDATE", "SELECT", "SELECT"]
