"""The Alembic migrations build exactly the schema the code declares, and upgrading is idempotent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kiosk.db import migrate
from kiosk.db.database import Database, sqlite_url
from kiosk.db.schema import metadata
from kiosk.errors import StorageError


def test_upgrade_builds_the_declared_schema_and_is_idempotent(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "m.sqlite"))
    before, after = migrate.upgrade(db)
    assert before is None and after == migrate.head_revision()
    assert migrate.upgrade(db) == (after, after)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    db.dispose()


def test_head_names_the_newest_migration() -> None:
    """A new migration must move HEAD too, or databases would not be upgraded to it."""
    assert migrate.HEAD == migrate.head_revision()


def test_a_database_already_at_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "h.sqlite")
    db = Database(url)
    migrate.upgrade(db)
    db.dispose()
    script = (
        "import sys\n"
        "from datetime import datetime, UTC\n"
        "from kiosk.bootstrap import LIVE, open_database\n"
        f"open_database({url!r}, 'main', LIVE, datetime.now(UTC)).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"


def test_a_database_from_a_newer_program_is_refused_clearly(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "newer.sqlite"))
    migrate.upgrade(db)
    with db.transaction() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    with pytest.raises(StorageError, match="ffffffffffff.*does not know") as exc:
        migrate.upgrade(db)
    assert exc.value.details["revision"] == "ffffffffffff"
    db.dispose()


def test_0008_adds_the_appointments_to_a_0007_database_and_takes_them_away_again(
    tmp_path: Path,
) -> None:
    """Issue 17: a database at 0007 (with a standby entry) gains the appointments table and its
    lookup indexes; downgrading drops them and leaves the rest."""
    from alembic import command

    db = Database(sqlite_url(tmp_path / "0007.sqlite"))
    cfg = migrate._alembic_config()
    with db.transaction() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "8c1f2a6d3e47")
    with db.transaction() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO standby (site, day, name, phone, status, added_at, added_by,"
                " updated_at) VALUES ('main', '2026-12-01', '张三', '13900000000', 'waiting',"
                " '2026-12-01 01:00:00', 'm', '2026-12-01 01:00:00')"
            )
        )
    assert migrate.upgrade(db) == ("8c1f2a6d3e47", migrate.HEAD)
    with db.engine.connect() as conn:
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("appointments")}
        assert {
            "uq_appointments_key",
            "ix_appointments_site_phone",
            "ix_appointments_site_suffix",
            "ix_appointments_site_day",
        } <= indexes
        assert conn.execute(sa.text("SELECT count(*) FROM standby")).scalar() == 1
    with db.transaction() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "8c1f2a6d3e47")
    with db.engine.connect() as conn:
        assert not sa.inspect(conn).has_table("appointments")
        assert conn.execute(sa.text("SELECT count(*) FROM standby")).scalar() == 1
    db.dispose()
