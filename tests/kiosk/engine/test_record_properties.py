"""Property test of the record across random days: a few residents come back on random days
(sometimes too early, sometimes overridden), doses arrive from paper records, a dose number is
corrected, the program restarts between days. After every step:

- no person has two doses with the same number in one family;
- every dose given here without an override respected its rule when it was given (interval
  from the person's previous dose on record then, series and booster, age);
- what the engine proposes is what the record implies.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config_model import DEFAULT
from kiosk.db.schema import doses, persons
from kiosk.dose_rules import age_on, rules_from_config
from kiosk.engine import Engine
from kiosk.errors import DomainError
from kiosk.model import Actor, PersonIn
from tests.kiosk.conftest import lot
from tests.pg_server import PgServer

TZ = ZoneInfo("Asia/Shanghai")
RULES = rules_from_config(DEFAULT)
RULE = RULES.rules[0]
PRODUCT = RULE.product
NURSE = Actor("nurse", "R1")
STATION = Actor("nurse2", "V1")
PEOPLE = (
    PersonIn("甲", "11010519491231002X"),  # 76
    PersonIn("乙", "110101199003070011"),  # 36
    PersonIn("丙", "110105202401010014"),  # 2: too young until 2027
    PersonIn("丁", "E1234567", document_type="passport", document_country="CHN",
             birth_date=date(2000, 2, 29), sex="female"),
)  # fmt: skip
BLOCKS = {"too_early", "series_complete", "too_young", "too_old", "age_unknown"}


class RecordMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory(prefix="kiosk-record-")
        self.day = date(2026, 1, 5)
        self.clock = FakeClock(datetime.combine(self.day, time(8), tzinfo=TZ))
        self.url = self.new_url()
        self.engine = self.start()
        self.open_day()
        self.visits = 0

    def new_url(self) -> str:
        return f"sqlite:///{Path(self.tmp.name) / 'record.sqlite'}"

    def start(self) -> Engine:
        db = open_database(self.url, "main", TRAINING, self.clock.now())
        return Engine(db, self.clock, "main", "Asia/Shanghai")

    def open_day(self) -> None:
        self.engine.day.open(
            capacity=100,
            observation_minutes=30,
            missed_grace_minutes=30,
            lots_in=[lot(vials=100, expiry=date(2100, 1, 1))],
            actor=Actor("manager", "admin", "manager"),
            rules=RULES,
        )

    def teardown(self) -> None:
        self.engine.db.dispose()
        self.tmp.cleanup()

    # --- steps ---------------------------------------------------------------------------------

    @rule(days=st.sampled_from([1, 7, 14, 18, 20, 21, 22, 30, 60, 179, 181]))
    def next_day(self, days: int) -> None:
        """Close today; restart the program on a later day and open it."""
        self.engine.day.close(actor=Actor("manager", "admin", "manager"), acknowledge=True)
        self.engine.db.dispose()
        self.day += timedelta(days=days)
        self.clock.set(datetime.combine(self.day, time(8), tzinfo=TZ))
        self.engine = self.start()
        self.open_day()

    @rule(who=st.integers(0, len(PEOPLE) - 1), override=st.booleans())
    def visit(self, who: int, override: bool) -> None:
        """A person comes for a dose: registered unless a rule blocks it (then overridden, or
        deferred), then vaccinated."""
        e, person = self.engine, PEOPLE[who]
        if e.care.registered_today(person.id_number or "", person.document_type,
                                   person.document_country) is not None:  # fmt: skip
            return
        expected = e.record.proposal(PRODUCT, person=person)
        self.visits += 1
        t = e.tickets.issue("A")
        e.tickets.call(t.id, "R1", actor=NURSE)
        try:
            done = e.care.register(t.id, person, screening={}, consent=True, actor=NURSE)
        except DomainError as exc:
            assert exc.code in BLOCKS and not expected.allowed
            assert exc.code == expected.blocks[0].code
            if not override:
                e.care.defer(t.id, "not_by_schedule", note=exc.code, actor=NURSE)
                return
            done = e.care.register(
                t.id, person, screening={}, consent=True, actor=NURSE, override="doctor_order"
            )
        else:
            assert expected.allowed
        assert (done.dose_number, done.dose_kind) == (expected.dose_number, expected.kind)
        e.tickets.call(t.id, "V1", actor=STATION)
        given = e.care.vaccinate(t.id, lot_id=e.day.status().lots[0].id, actor=STATION)
        assert given.dose_number == expected.dose_number

    @rule(who=st.integers(0, 1), number=st.integers(1, 4), ago=st.integers(1, 400))
    def paper_record(self, who: int, number: int, ago: int) -> None:
        person = PEOPLE[who]
        found = self.engine.record.find(person.id_number or "")
        on_file = {d.dose_number for d in found.doses} if found else set()
        when = self.day - timedelta(days=ago)
        try:
            self.engine.record.add_external_dose(
                person, product=PRODUCT, given_on=when, dose_number=number, actor=NURSE
            )
        except DomainError as exc:
            assert exc.code == "dose_number_taken" and number in on_file
        else:
            assert number not in on_file

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def one_dose_per_number_per_family(self) -> None:
        with self.engine.db.read() as conn:
            twins = conn.execute(
                sa.select(doses.c.person_id, doses.c.family, doses.c.dose_number)
                .group_by(doses.c.person_id, doses.c.family, doses.c.dose_number)
                .having(sa.func.count() > 1)
            ).all()
        assert twins == []

    @invariant()
    def every_dose_not_overridden_respected_its_rule(self) -> None:
        with self.engine.db.read() as conn:
            rows = conn.execute(
                sa.select(doses, persons.c.birth_date)
                .select_from(doses.join(persons, persons.c.id == doses.c.person_id))
                .order_by(doses.c.id)
            ).all()
        for row in rows:
            if row.dose_kind == "external" or row.override_reason is not None:
                continue
            before = [
                r for r in rows
                if r.person_id == row.person_id and r.id < row.id and r.family == row.family
            ]  # fmt: skip
            assert row.dose_number == 1 + max((r.dose_number for r in before), default=0)
            assert _rule_allows(row, before), _describe(row, before)


def _rule_allows(row: Any, before: list[Any]) -> bool:
    age = age_on(row.birth_date, row.given_on)
    if age < RULE.min_age_years or (RULE.max_age_years is not None and age > RULE.max_age_years):
        return False
    if not before:
        return row.dose_number == 1 and row.dose_kind == "primary"
    last = max(r.given_on for r in before)
    waited = (row.given_on - last).days
    if row.dose_number <= RULE.series:
        return row.dose_kind == "primary" and waited >= RULE.min_interval_days[row.dose_number - 2]
    return (
        row.dose_kind == "booster"
        and RULE.booster_min_interval_days is not None
        and waited >= RULE.booster_min_interval_days
    )


def _describe(row: Any, before: list[Any]) -> str:
    past = [(r.dose_number, str(r.given_on), r.dose_kind) for r in before]
    return f"dose {row.dose_number} {row.dose_kind} on {row.given_on} after {past}"


SETTINGS = settings(
    max_examples=25,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_the_record_holds_across_random_days() -> None:
    run_state_machine_as_test(RecordMachine, settings=SETTINGS)


@pytest.mark.slow
def test_the_record_holds_across_random_days_on_postgresql(pg_server: PgServer) -> None:
    class OnPostgres(RecordMachine):
        def new_url(self) -> str:
            return pg_server.new_database()

    run_state_machine_as_test(
        OnPostgres,
        settings=settings(SETTINGS, max_examples=8, stateful_step_count=25, database=None),
    )
