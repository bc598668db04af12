"""Coverage by village (issue 17): where the town still has residents to bring in.

A resident belongs to the village of their latest appointment (by date, then the latest row), as
the due list groups them (:meth:`kiosk.engine.appointments.AppointmentOps.due`); persons on the
record are matched to appointments by their document (kind, number, issuing country).

The cumulative report, per village, up to and including its date ``upto``:

- ``registered``: residents on that village's lists by ``upto`` (an appointment created on or
  before that local date, whatever the appointment's own date);
- ``first_dose``: of those, residents whose record has a dose numbered 1 given on or before
  ``upto`` (here or recorded from elsewhere; undone doses never count);
- ``completed``: residents who have completed a primary series by the dose rules ``upto`` stored
  (a family's dose number reached its product's ``series``);
- ``due``: residents whose next dose (:func:`kiosk.dose_rules.next_due`, a booster too) is due
  from a date on or before ``upto`` and was not given by then: still to be brought in.

The day report, per village: the appointments booked for the day and how many of them led to a
dose given here that day (the person with that document vaccinated that day).

Two grouped queries each; the per-person work is over one row per person and product.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.appointments.store import latest_by_resident
from kiosk.db.schema import appointments, doses, persons
from kiosk.dose_rules import PastDose, RuleSet, next_due
from kiosk.reports.model import VillageCoverage, VillageDay
from kiosk.reports.stats import given_here

A, D, P = appointments.c, doses.c, persons.c
DocKey = tuple[str, str, str]


def village_coverage(
    conn: Connection, site: str, upto: date, tz: ZoneInfo, rules: RuleSet
) -> tuple[VillageCoverage, ...]:
    """Per village (by name), the registered residents and how far they have come."""
    cutoff = datetime.combine(upto + timedelta(days=1), time(0), tzinfo=tz)
    listed = sa.and_(A.site == site, A.created_at < cutoff)
    village_of = _villages(conn, listed)
    registered: dict[str, int] = defaultdict(int)
    for village in village_of.values():
        registered[village] += 1
    on_list = (
        sa.select(A.id)
        .where(
            listed,
            A.document_type == P.document_type,
            A.id_number == P.id_number,
            A.document_country == P.document_country,
        )
        .exists()
    )
    q = (
        sa.select(
            P.document_type,
            P.id_number,
            P.document_country,
            D.product,
            D.family,
            sa.func.max(D.given_on),
            sa.func.max(D.dose_number),
            sa.func.min(D.dose_number),
        )  # fmt: skip
        .select_from(doses.join(persons, persons.c.id == D.person_id))
        .where(D.site == site, D.voided_at.is_(None), D.given_on <= upto, on_list)
        .group_by(P.document_type, P.id_number, P.document_country, D.product, D.family)
    )
    history: dict[DocKey, list[tuple[date, str, str, int]]] = defaultdict(list)
    first: set[DocKey] = set()
    for kind, number, country, product, family, last_on, top, bottom in conn.execute(q).all():
        key = (kind or "", number or "", country or "")
        history[key].append((last_on, product, family, top))
        if bottom == 1:
            first.add(key)
    first_dose: dict[str, int] = defaultdict(int)
    completed: dict[str, int] = defaultdict(int)
    due: dict[str, int] = defaultdict(int)
    series = lru_cache(maxsize=4096)(lambda past: _series(rules, past, upto))
    for key, past in history.items():
        home = village_of.get(key)
        if home is None:
            continue
        done, waiting = series(tuple(sorted(past)))
        first_dose[home] += key in first
        completed[home] += done
        due[home] += waiting
    return tuple(
        VillageCoverage(v, registered[v], first_dose[v], completed[v], due[v])
        for v in sorted(registered)
    )


def _villages(conn: Connection, listed: sa.ColumnElement[bool]) -> dict[DocKey, str]:
    """Each listed resident's village: their latest appointment's (by date, then row), as the
    due list groups them."""
    return {key: village for key, (village, _phone) in latest_by_resident(conn, listed).items()}


def _series(
    rules: RuleSet, past: tuple[tuple[date, str, str, int], ...], upto: date
) -> tuple[bool, bool]:
    """(a primary series completed, a next dose due by ``upto``) over a person's doses, one
    (latest date, product, family, highest number) per product. Persons with the same doses
    give the same answer: the caller caches it."""
    by_family: dict[str, list[PastDose]] = defaultdict(list)
    for given_on, product, family, number in past:
        by_family[rules.family(product)].append(PastDose(given_on, product, family, number))
    completed = waiting = False
    for mine in by_family.values():
        latest = max(mine, key=lambda d: (d.given_on, d.dose_number))
        rule = rules.rule(latest.product)
        if rule is not None and max(d.dose_number for d in mine) >= rule.series:
            completed = True
        window = next_due(rules, latest.product, mine)
        if window is not None and window[0] <= upto:
            waiting = True
    return completed, waiting


def village_day(conn: Connection, site: str, day: date) -> tuple[VillageDay, ...]:
    """Per village, the appointments of ``day`` and those whose resident was vaccinated here."""
    vaccinated = (
        sa.select(D.id)
        .select_from(doses.join(persons, persons.c.id == D.person_id))
        .where(
            given_here(site),
            D.given_on == day,
            P.document_type == A.document_type,
            P.id_number == A.id_number,
            P.document_country == A.document_country,
        )
        .exists()
    )
    q = (
        sa.select(A.village, sa.func.count(), sa.func.sum(sa.case((vaccinated, 1), else_=0)))
        .where(A.site == site, A.day == day)
        .group_by(A.village)
        .order_by(A.village)
    )
    return tuple(VillageDay(v, int(n), int(done or 0)) for v, n, done in conn.execute(q))
