"""Schema migrations with Alembic, run from code (``kiosk db upgrade``), idempotent.

Alembic is imported only when a database is not at :data:`HEAD` yet: importing it takes about
0.2 s, which every start of the program and every command would otherwise pay to learn that there
is nothing to do.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

import sqlalchemy as sa

from kiosk.db.database import Database, describe
from kiosk.errors import StorageRefused

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

HEAD = "b5d8f2a0c314"
"""The newest revision in ``kiosk/migrations/versions`` (tests/kiosk/test_migrations.py keeps the
two the same: a new migration must update it)."""


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resources.files("kiosk") / "migrations"))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None: never migrated), read without Alembic."""
    with db.read() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
        found = list(versions)
    return found[0] if len(found) == 1 else None


def upgrade(db: Database) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision; returns (before, after)."""
    before = current_revision(db)
    if before == HEAD:
        return before, before
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    cfg = _alembic_config()
    if before is not None:
        try:
            ScriptDirectory.from_config(cfg).get_revision(before)
        except CommandError:  # "No such revision"
            raise StorageRefused(
                f"database {describe(db.url)} has schema revision {before}, which this version of"
                f" the program does not know (its newest is {HEAD}): a newer version has used it;"
                " run that version here too",
                url=describe(db.url),
                revision=before,
            ) from None
    with db.transaction() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return before, current_revision(db)


def revision(db: Database, message: str) -> None:
    """Developer helper: autogenerate a new migration against ``db`` (kept at head)."""
    from alembic import command

    cfg = _alembic_config()
    with db.transaction() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)
