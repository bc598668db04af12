"""Opening a database for use: migrate it, make sure the site exists, and know what it is for.

A database is either ``live`` (real days) or ``training`` (simulations, demos, ``kiosk run --at``).
A simulation refuses a live database, even when ``--db`` names it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from kiosk.db import migrate
from kiosk.db.database import Database, describe, sqlite_url
from kiosk.db.schema import sites
from kiosk.errors import TrainingOnly

LIVE = "live"
TRAINING = "training"


def default_url(data_dir: Path, purpose: str = LIVE) -> str:
    name = "kiosk.sqlite" if purpose == LIVE else "training.sqlite"
    return sqlite_url(data_dir / name)


def open_database(url: str, site: str, purpose: str, now: datetime) -> Database:
    """Migrate (idempotent), register the site and check the database's purpose."""
    db = Database(url)
    migrate.upgrade(db)

    def work(conn: sa.Connection) -> str:
        found = conn.execute(sa.select(sites.c.purpose).where(sites.c.site == site)).scalar()
        if found is None:
            others = conn.execute(sa.select(sites.c.purpose).distinct()).scalars().all()
            found = others[0] if others else purpose
            conn.execute(sa.insert(sites).values(site=site, purpose=found, created_at=now))
        return str(found)

    found = db.write(work)
    if purpose == TRAINING and found != TRAINING:
        db.dispose()
        raise TrainingOnly(
            f"{describe(url)} holds real service days; simulations and training use their own"
            " database",
            url=describe(url),
        )
    return db
