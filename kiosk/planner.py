"""The staffing planner: the fewest registration desks, vaccination stations and observation seats
for a day of N residents that keep the p90 wait from taking a number to the first call under a
target (``kiosk plan``, and the admin screen).

It searches the fast model of a simulated day (:func:`kiosk.simulate.model_day`: the same script
of residents and the same call order as the engine-driven day, in memory) over seeds 1-5; the
worst seed counts. A staffing is good when, on every seed,

- the p90 wait from taking a number to the first call is under the target,
- the p90 wait from registration to the first station call is under the target too (a plan that
  moved the queue from the desks to the stations would not be one), and
- nobody is still waiting when the site closes at 17:30.

More registration desks never lengthen the wait for the first call, and more stations never
lengthen the station wait (the model plays the same residents whatever the staffing), so each
count is found by a search that doubles up from a first guess until one is good, then halves the
gap down to the fewest. The desks' search does not depend on the stations (the registration queue
does not see them); the stations are searched with the desks found. Observation seats are the
most people in observation at once with those counts; the day ends when the last one leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, time

from kiosk.config_model import DayDefaults
from kiosk.errors import InvalidInput
from kiosk.simulate import ModelDay, Resident, SimParams, desks_needed, draw_day, model_day

SEEDS = (1, 2, 3, 4, 5)
MAX_COUNT = 500  # desks or stations: past this the target is not one staffing can meet

Progress = Callable[[int, int], None]
"""Called after each staffing tried: (tried so far, the tries expected in all). The total is an
estimate that firms up as the search narrows; the last call has done == total."""


@dataclass(frozen=True)
class Plan:
    residents: int
    target_wait_minutes: float
    registration_desks: int
    stations: int
    observation_seats: int
    p90_wait_minutes: float  # issue to first call, the worst seed
    p90_station_wait_minutes: float  # registered to first called at a station, the worst seed
    day_ends: time  # the last resident leaves observation, the latest seed
    seeds: tuple[int, ...]
    days: tuple[ModelDay, ...]  # each seed's modelled day with the plan's counts
    tried: int  # staffings modelled (each over every seed)

    def as_json(self) -> dict[str, object]:
        return {
            "registration_desks": self.registration_desks,
            "stations": self.stations,
            "observation_seats": self.observation_seats,
            "p90_wait_minutes": self.p90_wait_minutes,
            "day_ends": f"{self.day_ends:%H:%M}",
        }


def plan(
    residents: int,
    target_wait_minutes: float,
    *,
    defaults: DayDefaults | None = None,
    seeds: Iterable[int] = SEEDS,
    progress: Progress | None = None,
) -> Plan:
    """The plan for a day of ``residents`` new residents. ``defaults`` gives the day's observation
    length, allergy extension and grace period (the config's ``[day]``)."""
    if residents < 1:
        raise InvalidInput(f"residents must be 1 or more, not {residents}", field="residents")
    if not target_wait_minutes > 0:
        raise InvalidInput(
            f"the target wait must be more than 0 minutes, not {target_wait_minutes}",
            field="target_wait",
        )
    d = defaults or DayDefaults()
    base = SimParams(
        residents=residents,
        seed=0,
        day=date(2000, 1, 1),  # the model's day has no date; times are from the opening
        observation_minutes=d.observation_minutes,
        grace_minutes=d.missed_grace_minutes,
        allergy_extra_minutes=d.allergy_extra_minutes,
    )
    search = _Search(base, tuple(seeds), target_wait_minutes, progress)
    guess_desks, guess_stations = desks_needed(residents)
    search.expect(guess_desks)
    search.expect(guess_stations)
    desks = search.fewest(guess_desks, lambda n: search.days(n, 1), _registration_ok)
    stations = search.fewest(guess_stations, lambda n: search.days(desks, n), _stations_ok)
    days = search.days(desks, stations)
    search.done()
    ends = [day.day_ends for day in days if day.day_ends is not None]
    return Plan(
        residents=residents,
        target_wait_minutes=target_wait_minutes,
        registration_desks=desks,
        stations=stations,
        observation_seats=max(day.observation_peak for day in days),
        p90_wait_minutes=max(day.p90_wait_minutes or 0.0 for day in days),
        p90_station_wait_minutes=max(day.p90_station_wait_minutes or 0.0 for day in days),
        day_ends=max(ends) if ends else time(0, 0),
        seeds=search.seeds,
        days=days,
        tried=search.tried,
    )


def _registration_ok(days: tuple[ModelDay, ...], target: float) -> bool:
    return all((day.p90_wait_minutes or 0.0) < target for day in days)


def _stations_ok(days: tuple[ModelDay, ...], target: float) -> bool:
    return all((day.p90_station_wait_minutes or 0.0) < target and day.unserved == 0 for day in days)


class _Search:
    def __init__(
        self,
        base: SimParams,
        seeds: tuple[int, ...],
        target: float,
        progress: Progress | None,
    ) -> None:
        if not seeds:
            raise InvalidInput("the plan needs at least one seed", field="seeds")
        self.seeds = seeds
        self.target = target
        self.progress = progress
        self.scripts: dict[int, tuple[Resident, ...]] = {
            seed: draw_day(replace(base, seed=seed), base.residents) for seed in seeds
        }
        self.base = base
        self.cache: dict[tuple[int, int], tuple[ModelDay, ...]] = {}
        self.tried = 0
        self.expected = 0

    def expect(self, guess: int) -> None:
        """A search from ``guess`` is ahead: one try, then halving down from it."""
        self.expected += 1 + _halvings(max(1, guess))

    def days(self, desks: int, stations: int) -> tuple[ModelDay, ...]:
        """The modelled day of every seed with ``desks`` and ``stations``."""
        key = (desks, stations)
        if key not in self.cache:
            params = replace(self.base, registration_desks=desks, vaccination_stations=stations)
            self.cache[key] = tuple(
                model_day(replace(params, seed=seed), self.scripts[seed]) for seed in self.seeds
            )
            self.tried += 1
            self.report()
        return self.cache[key]

    def fewest(
        self,
        guess: int,
        days_with: Callable[[int], tuple[ModelDay, ...]],
        good: Callable[[tuple[ModelDay, ...], float], bool],
    ) -> int:
        """The fewest n >= 1 for which ``days_with(n)`` is good, assuming more is never worse."""
        low, high = 0, max(1, guess)  # low: known not good (0 never is); high: to try
        while not good(days_with(high), self.target):
            if high >= MAX_COUNT:
                raise InvalidInput(
                    f"no staffing of up to {MAX_COUNT} desks or stations keeps the p90 wait under"
                    f" {self.target:g} minutes for {self.base.residents} residents",
                    field="target_wait",
                )
            low, high = high, min(2 * high, MAX_COUNT)
            self.expected += 1 + _halvings(high - low)
        while high - low > 1:  # low is not good, high is
            middle = (low + high) // 2
            if good(days_with(middle), self.target):
                high = middle
            else:
                low = middle
        return high

    def report(self) -> None:
        if self.progress is not None:
            self.expected = max(self.expected, self.tried)
            self.progress(self.tried, self.expected)

    def done(self) -> None:
        self.expected = self.tried
        if self.progress is not None:
            self.progress(self.tried, self.tried)


def _halvings(gap: int) -> int:
    """How many halvings narrow a gap of ``gap`` to one."""
    return max(0, (gap - 1).bit_length())
