"""The day's headline figures as one flat dict: what ``kiosk simulate`` prints after each day.

Every ticket is counted once by its current state; doses come from the vials (used, wasted) and the
lots (stock). Waits are measured from taking the number to the first call at registration. The
full report (breakdowns, waits per stage, the clear-to-zero outcome) is
:func:`kiosk.reports.build_day_report`; this stays cheap for the simulator, which calls it for
every simulated day.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kiosk.db.schema import adverse_events
from kiosk.reports.stats import percentile, rounded
from kiosk.states import VACCINATED

if TYPE_CHECKING:
    from kiosk.engine import Engine

FIGURE_KEYS = (
    "day",
    "status",
    "issued",
    "vaccinated",
    "deferred",
    "cancelled",
    "missed",
    "unserved",
    "in_progress",
    "left_early",
    "first_dose_persons",
    "capacity",
    "stock",
    "doses_used",
    "doses_wasted",
    "doses_left",
    "open_vial_doses_left",
    "adverse_events",
    "median_wait_minutes",
    "p90_wait_minutes",
    "min_observation_minutes",
)


def day_figures(engine: Engine, day: date) -> dict[str, Any]:
    status = engine.day.status(day)
    day_tickets = engine.queries.tickets_of_day(day)
    vaccinated = [t for t in day_tickets if t.state in VACCINATED]
    waits = sorted(
        (t.first_called_at - t.issued_at).total_seconds() / 60
        for t in day_tickets
        if t.first_called_at is not None
    )
    observation = [
        (t.observation_end - t.vaccinated_at).total_seconds() / 60
        for t in vaccinated
        if t.observation_end is not None and t.vaccinated_at is not None
    ]
    with engine.db.read() as conn:
        n_adverse = conn.execute(
            sa.select(sa.func.count()).where(
                adverse_events.c.site == engine.site, adverse_events.c.day == day
            )
        ).scalar_one()
    c = status.counts
    return {
        "day": day.isoformat(),
        "status": status.status,
        "issued": c.issued,
        "vaccinated": c.vaccinated,
        "deferred": c.deferred,
        "cancelled": c.cancelled,
        "missed": c.missed,
        "unserved": c.unserved,
        "in_progress": c.in_progress,
        "left_early": c.left_early,
        "first_dose_persons": sum(1 for t in vaccinated if t.dose_number == 1),
        "capacity": status.capacity,
        "stock": status.stock,
        "doses_used": status.doses_used,
        "doses_wasted": status.doses_wasted,
        "doses_left": status.doses_left,
        "open_vial_doses_left": status.open_vial_doses_left,
        "adverse_events": int(n_adverse),
        "median_wait_minutes": rounded(statistics.median(waits)) if waits else None,
        "p90_wait_minutes": rounded(percentile(waits, 0.9)) if waits else None,
        "min_observation_minutes": rounded(min(observation)) if observation else None,
        "by_category": dict(sorted(Counter(t.prefix for t in vaccinated).items())),
        "by_dose_number": {
            str(k): v for k, v in sorted(Counter(t.dose_number for t in vaccinated).items())
        },
    }
