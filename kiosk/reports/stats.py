"""Small helpers the reports share: percentiles as the day's figures have always taken them, local
hours, coded-reason wording, which doses count as given, progress steps."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from kiosk.config_model import (
    DEFAULT_DEFERRAL_REASONS,
    DEFAULT_OVERRIDE_REASONS,
    DEFAULT_WASTE_REASONS,
    CodedReason,
)
from kiosk.db.schema import doses
from kiosk.reports.model import Progress

UNCODED = "uncoded"


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q`` quantile (0.9 for p90) of sorted values, inclusive method."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[int(q * 100) - 1]


def rounded(value: float) -> float:
    return round(value, 1)


def median_p90(minutes: list[float]) -> tuple[float | None, float | None]:
    if not minutes:
        return None, None
    values = sorted(minutes)
    return rounded(statistics.median(values)), rounded(percentile(values, 0.9))


def minutes_between(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 60


def local_hour(moment: datetime, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz).hour:02d}"


def sorted_counts(counts: dict[str, int]) -> dict[str, int]:
    """Largest first, then by name: the order every format shows a breakdown in."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def reason_wording(
    stored: Iterable[CodedReason], codes: Iterable[str]
) -> dict[str, tuple[str, str]]:
    """(Chinese, English) for each code: the day's stored list first, then the defaults."""
    known: dict[str, CodedReason] = {}
    for reason in (
        *DEFAULT_OVERRIDE_REASONS,
        *DEFAULT_DEFERRAL_REASONS,
        *DEFAULT_WASTE_REASONS,
        *stored,
    ):
        known[reason.code] = reason
    out: dict[str, tuple[str, str]] = {}
    for code in codes:
        r = known.get(code)
        if r is not None:
            out[code] = (r.text, r.text_en or r.code)
        else:  # "uncoded" or a code no list has any more: the printer words it
            out[code] = (code, code)
    return out


def given_here(site: str) -> sa.ColumnElement[bool]:
    """The doses given here and not undone: what the reconciliation counts as given."""
    return sa.and_(
        doses.c.site == site, doses.c.ticket_id.is_not(None), doses.c.voided_at.is_(None)
    )


def ticker(progress: Progress | None, total: int) -> Callable[[], None]:
    """A step counter that reports ``(done, total)`` to ``progress`` at each call."""
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    return tick
