"""The reports as plain, frozen data: what :mod:`kiosk.reports.day` and
:mod:`kiosk.reports.cumulative` compute and every format (long-form rows, JSON, the PDF) reads.

Counts are ints; minutes are floats rounded to 0.1 (None when nothing was measured). A breakdown
is a ``dict`` from its dimension (a product, a lot, a dose number as text, a coded reason, a local
hour ``"09"``, a desk name) to its count, in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a report is built or drawn."""

Number = int | float | None

# The stages a visit goes through, measured between the tickets' timestamps and the events.
STAGES = (
    "issue_to_registration_call",  # the number taken -> first called at a registration desk
    "registration_call_to_registered",  # at the desk: called -> registered
    "registered_to_station_call",  # registered -> first called at a vaccination station
    "station_call_to_vaccinated",  # called at the station -> vaccinated
    "issue_to_vaccinated",  # the whole visit before observation
)


@dataclass(frozen=True)
class StageWait:
    stage: str
    count: int  # visits measured
    median_minutes: float | None
    p90_minutes: float | None


@dataclass(frozen=True)
class HourFigures:
    """One local hour of the day (``hour`` is ``"08"`` for 08:00-08:59)."""

    hour: str
    issued: int
    registered: int
    vaccinated: int
    wait_median_minutes: float | None  # issue -> registration call, by the hour of issue
    wait_p90_minutes: float | None


@dataclass(frozen=True)
class ClearingOutcome:
    """The day's clear-to-zero (当日清零) outcome and its reconciliation."""

    cleared_to_zero: bool | None  # as stored when the day closed; None while it is open
    balanced: bool
    doses_in: int
    given: int
    wasted: int
    returned: int
    left_in_open_vials: int
    standby: dict[str, int]  # standby list entries by status (waiting, called, coming, ...)


@dataclass(frozen=True)
class Fridge:
    open_c: float | None
    close_c: float | None
    flags: tuple[str, ...]  # outside 2-8 °C


@dataclass(frozen=True)
class VillageCoverage:
    """One village's residents on the lists and how far they have come (see
    :mod:`kiosk.reports.villages`)."""

    village: str
    registered: int  # residents on the village's lists by the report's date
    first_dose: int  # of those, with a first dose on the record
    completed: int  # with a primary series completed by the dose rules
    due: int  # with a next dose due by the report's date and not given


@dataclass(frozen=True)
class VillageDay:
    """One village's appointments for the day of a day report."""

    village: str
    booked: int
    vaccinated: int  # of those, the resident vaccinated here that day


@dataclass(frozen=True)
class DayReport:
    site: str
    day: date
    status: str  # open | closed
    made_at: datetime  # when it was built, in the site's time zone (not in the figures)
    summary: dict[str, Number]
    doses_by_product: dict[str, int]
    doses_by_lot: dict[str, int]  # "product lot" -> doses
    doses_by_dose_number: dict[str, int]
    deferrals_by_reason: dict[str, int]
    waste_by_reason: dict[str, int]
    overrides_by_reason: dict[str, int]
    adverse_by_severity: dict[str, int]
    waits: tuple[StageWait, ...]
    hours: tuple[HourFigures, ...]
    registered_by_desk: dict[str, int]
    vaccinated_by_station: dict[str, int]
    clearing: ClearingOutcome
    fridge: Fridge
    reasons: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each coded reason seen in the report -> (Chinese, English) wording, for the PDF."""
    villages: tuple[VillageDay, ...] = ()
    """The day's appointments by village (the village lists, issue 17)."""
    registered_by_desk_hour: dict[str, dict[str, int]] = field(default_factory=dict)
    """Desk -> local hour (``"09"``) -> registrations: throughput per hour and desk."""
    vaccinated_by_station_hour: dict[str, dict[str, int]] = field(default_factory=dict)
    """Station -> local hour -> doses given (not undone): throughput per hour and station."""

    kind = "day"


@dataclass(frozen=True)
class DayLine:
    """One service day in the cumulative report."""

    day: date
    status: str
    issued: int
    doses: int
    first_doses: int
    deferred: int
    missed: int
    wasted: int
    cleared_to_zero: bool | None


@dataclass(frozen=True)
class CumulativeReport:
    site: str
    first_day: date | None
    upto: date
    made_at: datetime
    summary: dict[
        str, Number
    ]  # 累计剂次 cumulative_doses, 第一针剂人数 cumulative_first_dose_persons
    days: tuple[DayLine, ...]
    doses_by_product: dict[str, int]
    doses_by_lot: dict[str, int]
    doses_by_dose_number: dict[str, int]
    deferrals_by_reason: dict[str, int]
    waste_by_reason: dict[str, int]
    overrides_by_reason: dict[str, int]
    adverse_by_severity: dict[str, int]
    reasons: dict[str, tuple[str, str]] = field(default_factory=dict)
    villages: tuple[VillageCoverage, ...] = ()
    """Coverage by village (the village lists, issue 17), by village name."""

    kind = "cumulative"


Report = DayReport | CumulativeReport
