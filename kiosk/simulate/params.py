"""What a simulated day is given: its size, its staffing, its shares of the unusual, and its hours."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from kiosk.dose_rules import RuleSet

OPEN_AT = time(8, 0)
LAST_ARRIVAL = time(15, 30)
CLOSE_AT = time(17, 30)
PEAK = time(9, 15)


@dataclass(frozen=True)
class SimParams:
    residents: int
    seed: int
    day: date
    capacity: int | None = None
    stock: int | None = None
    until: time | None = None
    registration_desks: int = 3
    vaccination_stations: int = 4
    # The site's desk names, used first; more desks than named get invented names (登记3, 接种5)
    registration_names: tuple[str, ...] = ()
    station_names: tuple[str, ...] = ()
    observation_minutes: int = 30
    grace_minutes: int = 30
    allergy_extra_minutes: int = 30
    doses_per_vial: int = 5
    priority_share: float = 0.10
    defer_share: float = 0.03
    no_show_share: float = 0.03
    return_share: float = 0.5
    cancel_share: float = 0.01
    leave_early_share: float = 0.01
    adverse_share: float = 0.005
    undo_share: float = 0.003  # a wrong "vaccinated" undone (the dose drawn or not), then given
    rules: RuleSet | None = None  # the day's dose rules (None: opened without rules)
    early_share: float = 0.05  # of those due back, come before their dose is allowed
    override_share: float = 0.5  # of those refused as too early, a nurse overrides


def desk_names(
    configured: tuple[str, ...], count: int, stem: str, avoid: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """``count`` desk names: the configured ones first, then ``stem`` and a number not taken
    (by a configured name or by one in ``avoid``)."""
    names = list(configured[:count])
    taken = set(configured) | set(avoid)
    n = 0
    while len(names) < count:
        n += 1
        name = f"{stem}{n}"
        if name not in taken:
            names.append(name)
            taken.add(name)
    return tuple(names)


def desks_needed(residents: int) -> tuple[int, int]:
    """Registration desks and vaccination stations to serve ``residents`` in a day (about 2.5 and
    1.5 minutes each over seven hours of service). A rough default; ``kiosk plan`` searches."""
    return math.ceil(residents * 2.5 / 420), math.ceil(residents * 1.5 / 420)


def site_day(now: datetime, timezone: str) -> date:
    """The site's date at ``now``: its own time zone's, not the machine's (a machine on UTC is
    still on yesterday until 08:00 in Asia/Shanghai)."""
    return now.astimezone(ZoneInfo(timezone)).date()
