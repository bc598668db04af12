"""Storage errors say their cause, and are not refusals: a database out of reach (try again) is
told apart from a value the database refused (a bug or a missing check: never "try again")."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kiosk.db.database import Database
from kiosk.db.schema import persons
from kiosk.errors import DomainError, StorageError, StorageRefused, Unreachable


def test_a_storage_error_is_not_a_refusal() -> None:
    assert not issubclass(StorageError, DomainError)
    try:
        raise Unreachable("gone")
    except DomainError:  # what "this ticket has no twin" code catches
        pytest.fail("a lost database passed as a refusal")
    except StorageError as exc:
        assert exc.code == "storage"


def test_an_unreachable_server_is_unreachable() -> None:
    db = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2")
    try:
        with pytest.raises(Unreachable):
            db.write(lambda conn: conn.execute(sa.text("SELECT 1")))
        with pytest.raises(Unreachable):
            with db.read() as conn:
                conn.execute(sa.text("SELECT 1"))
    finally:
        db.dispose()


def test_a_value_the_database_refuses_is_refused_not_unreachable(pg_url: str) -> None:
    from kiosk.bootstrap import TRAINING, open_database
    from kiosk.clock import SystemClock

    db = open_database(pg_url, "main", TRAINING, SystemClock().now())
    try:
        too_long = {"site": "main", "name": "张" * 101, "created_at": SystemClock().now(),
                    "updated_at": SystemClock().now()}  # fmt: skip
        with pytest.raises(StorageRefused) as refused:  # past the engine's checks, on purpose
            db.write(lambda conn: conn.execute(sa.insert(persons).values(**too_long)))
        assert refused.value.code == "storage_refused" and "refused" in str(refused.value)
    finally:
        db.dispose()
