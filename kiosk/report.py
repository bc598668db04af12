"""The day's figures (and the running totals) as plain data, CSV or JSON.

Every ticket is counted once by its current state; doses come from the vials (used, wasted) and the
lots (stock). Waits are measured from taking the number to the first call at registration.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kiosk.db.schema import adverse_events, days, tickets
from kiosk.states import VACCINATED, State

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
        "median_wait_minutes": _round(statistics.median(waits)) if waits else None,
        "p90_wait_minutes": _round(_percentile(waits, 0.9)) if waits else None,
        "min_observation_minutes": _round(min(observation)) if observation else None,
        "by_category": dict(sorted(Counter(t.prefix for t in vaccinated).items())),
        "by_dose_number": {
            str(k): v for k, v in sorted(Counter(t.dose_number for t in vaccinated).items())
        },
    }


def cumulative_figures(engine: Engine, upto: date) -> dict[str, Any]:
    """Totals over every day of the site up to and including ``upto`` (累计剂次, 第一针剂人数)."""
    with engine.db.read() as conn:
        rows = conn.execute(
            sa.select(tickets.c.day, tickets.c.state, tickets.c.dose_number).where(
                tickets.c.site == engine.site, tickets.c.day <= upto
            )
        ).all()
        n_days = conn.execute(
            sa.select(sa.func.count()).where(days.c.site == engine.site, days.c.day <= upto)
        ).scalar_one()
    given = [r for r in rows if State(r.state) in VACCINATED]
    return {
        "upto": upto.isoformat(),
        "days": int(n_days),
        "cumulative_doses": len(given),
        "cumulative_first_dose_persons": sum(1 for r in given if r.dose_number == 1),
        "cumulative_issued": len(rows),
    }


def to_json(figures: dict[str, Any]) -> str:
    return json.dumps(figures, ensure_ascii=False, indent=2)


def to_csv(figures: dict[str, Any]) -> str:
    """One row of flat figures (nested breakdowns become ``by_category.A`` columns)."""
    flat: dict[str, Any] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            for sub, n in value.items():
                flat[f"{key}.{sub}"] = n
        else:
            flat[key] = "" if value is None else value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(flat), lineterminator="\n")
    writer.writeheader()
    writer.writerow(flat)
    return out.getvalue()


def _percentile(sorted_values: list[float], q: float) -> float:
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[int(q * 100) - 1]


def _round(value: float) -> float:
    return round(value, 1)
