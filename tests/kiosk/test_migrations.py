"""The Alembic migrations build exactly the schema the code declares, and upgrading is idempotent."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kiosk.db import migrate
from kiosk.db.database import Database, sqlite_url
from kiosk.db.schema import metadata


def test_upgrade_builds_the_declared_schema_and_is_idempotent(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "m.sqlite"))
    before, after = migrate.upgrade(db)
    assert before is None and after == migrate.head_revision()
    assert migrate.upgrade(db) == (after, after)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    db.dispose()
