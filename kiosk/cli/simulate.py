"""``kiosk simulate`` (the training database) and ``kiosk plan`` (the staffing planner)."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from kiosk.bootstrap import TRAINING
from kiosk.cli.context import Context, fresh_training_file, site_tz
from kiosk.clock import FakeClock, SystemClock
from kiosk.db.database import describe
from kiosk.dose_rules import rules_from_config
from kiosk.errors import DomainError
from kiosk.reports.flat import FIGURE_KEYS


def cmd_simulate(ctx: Context) -> int:
    from kiosk.simulate import (
        SimParams,
        desk_names,
        desks_needed,
        simulate_days,
        site_day,
        summary,
    )

    a = ctx.args
    if a.residents < 0:
        raise DomainError("--residents cannot be negative", code="invalid_input")
    if not 1 <= a.days <= 366:
        raise DomainError("--days must be between 1 and 366", code="invalid_input")
    for option, count in (
        ("--registration-desks", a.registration_desks),
        ("--stations", a.stations),
    ):
        if count is not None and not 1 <= count <= 500:
            raise DomainError(
                f"{option} must be between 1 and 500, not {count}", code="invalid_input"
            )
    day = a.day or site_day(SystemClock().now(), ctx.config.site.timezone)
    url = ctx.url(TRAINING)
    if not a.db:
        fresh_training_file(url)
    first = day - timedelta(days=a.days - 1)
    # Over several days most residents come back for their second dose: desks for both.
    arriving = a.residents * (2 if a.days > 1 else 1)
    clock = FakeClock(datetime.combine(first, time(7, 0), tzinfo=site_tz(ctx)))
    engine = ctx.engine(clock, purpose=TRAINING)
    d = ctx.config.day
    named = {
        kind: tuple(k.name for k in ctx.config.desks if k.kind == kind)
        for kind in ("registration", "vaccination")
    }
    needed = desks_needed(arriving)
    params = SimParams(
        residents=a.residents,
        seed=a.seed,
        day=day,
        capacity=a.capacity,
        stock=a.stock,
        until=a.until,
        observation_minutes=d.observation_minutes,
        grace_minutes=d.missed_grace_minutes,
        allergy_extra_minutes=d.allergy_extra_minutes,
        rules=rules_from_config(ctx.config),
        registration_desks=a.registration_desks or max(needed[0], len(named["registration"])),
        vaccination_stations=a.stations or max(needed[1], len(named["vaccination"])),
        registration_names=named["registration"],
        station_names=named["vaccination"],
    )
    outcomes, population = simulate_days(engine, clock, params, a.days)
    result = summary(outcomes[-1], params)
    result["days"] = a.days
    result["first_day"] = first.isoformat()
    result["vaccinated_all_days"] = sum(o.figures["vaccinated"] for o in outcomes)
    result["caught_too_early"] = population.caught_early
    result["overridden"] = population.overridden
    engine.db.dispose()
    if a.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        span = f"{first} to {day} ({a.days} days)" if a.days > 1 else str(day)
        print(f"simulated: {span}, the site's date ({ctx.config.site.timezone})")
        registration = desk_names(named["registration"], params.registration_desks, "登记")
        stations = desk_names(
            named["vaccination"], params.vaccination_stations, "接种", avoid=registration
        )
        print(f"registration desks: {len(registration)} ({', '.join(registration)})")
        print(f"vaccination stations: {len(stations)} ({', '.join(stations)})")
        for key in FIGURE_KEYS:
            print(f"{key:>24}: {result.get(key)}")
        for key in ("turned_away", "vaccinated_all_days", "caught_too_early", "overridden"):
            print(f"{key:>24}: {result[key]}")
        for key in ("observation_peak", "day_ends"):
            print(f"{key:>24}: {result[key]}")
        print(f"database: {describe(url)}")
    return 0


def cmd_plan(ctx: Context) -> int:
    from kiosk.planner import SEEDS, plan

    a = ctx.args
    result = plan(a.residents, a.target_wait, defaults=ctx.config.day)
    if a.json:
        print(json.dumps(result.as_json()))
        return 0
    seeds = f"seeds {SEEDS[0]}-{SEEDS[-1]}, the worst counts"
    print(
        f"Staffing for {a.residents} residents, p90 wait from taking a number to the first call"
        f" under {a.target_wait:g} min ({seeds}):"
    )
    print(f"  registration desks:   {result.registration_desks}")
    print(f"  vaccination stations: {result.stations}")
    print(f"  observation seats:    {result.observation_seats} (the most in observation at once)")
    print(
        f"  p90 wait:             {result.p90_wait_minutes:.1f} min to the first call,"
        f" {result.p90_station_wait_minutes:.1f} min from registration to a station"
    )
    print(f"  day ends:             {result.day_ends:%H:%M} (the last resident leaves observation)")
    print(
        f"Check it through the engine: kiosk simulate --residents {a.residents}"
        f" --registration-desks {result.registration_desks} --stations {result.stations}"
        f" --seed N (N = {SEEDS[0]} to {SEEDS[-1]})"
    )
    return 0
