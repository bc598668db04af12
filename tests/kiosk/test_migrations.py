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
