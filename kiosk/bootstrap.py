"""Opening a database for use: migrate it, make sure the site exists, and know what it is for.

A database is either ``live`` (real days) or ``training`` (simulations, demos, ``kiosk run --at``).
A simulation refuses a live database, even when ``--db`` names it.

A training database also holds its clock (:func:`shared_clock`): the offset ``kiosk run --at``
stored, read by every process that opens it, so they all show the same training time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from kiosk.clock import Clock, OffsetClock, SystemClock, offset_to
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


def purpose_of(db: Database, site: str) -> str:
    """``live`` or ``training``: what the database holding ``site`` is for."""
    with db.read() as conn:
        found = conn.execute(sa.select(sites.c.purpose).where(sites.c.site == site)).scalar()
    return str(found or LIVE)


def shared_clock(db: Database, site: str, at: datetime | None = None) -> Clock:
    """The clock of a process on ``db``.

    With ``at`` (``kiosk run --at``) the training database stores how far ``at`` is from the real
    time, for every process on it, and the clock runs from ``at``; a live database refuses (the
    real day's times are never shifted). Without ``at``, a training database's stored offset is
    used (the same training time as the process that set it); otherwise the real time."""

    def store(conn: sa.Connection) -> float:
        purpose = conn.execute(sa.select(sites.c.purpose).where(sites.c.site == site)).scalar()
        if purpose != TRAINING:
            raise TrainingOnly(
                f"--at: {describe(db.url)} holds real service days; a training clock (--at) runs"
                " only on a training database (leave out --db, or name one made by simulate)",
                url=describe(db.url),
            )
        assert at is not None
        offset = offset_to(at)
        conn.execute(
            sa.update(sites).where(sites.c.site == site).values(clock_offset_seconds=offset)
        )
        return offset

    if at is not None:
        return OffsetClock(db.write(store))
    with db.read() as conn:
        row = conn.execute(
            sa.select(sites.c.purpose, sites.c.clock_offset_seconds).where(sites.c.site == site)
        ).one_or_none()
    if row is not None and row.purpose == TRAINING and row.clock_offset_seconds is not None:
        return OffsetClock(float(row.clock_offset_seconds))
    return SystemClock()
