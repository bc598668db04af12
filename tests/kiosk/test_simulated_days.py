"""Over many simulated days (several seeds), with waste, missed tickets, deferrals, adverse events
and the rules' refusals: every day closes balanced, and the inventory recomputed from its events
equals the stored one; reopening a day (its returned vials taken back) keeps both true. (Undoing
a vaccination keeps the day balanced too: tests/kiosk/engine/test_record_corrections.py.)"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config_model import DEFAULT
from kiosk.db.database import sqlite_url
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.model import Actor
from kiosk.simulate import SimParams, simulate_days

TZ = ZoneInfo("Asia/Shanghai")
LAST = date(2026, 11, 30)
MANAGER = Actor("manager", "admin", "manager")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_simulated_day_balances_and_the_inventory_adds_up(tmp_path: Path, seed: int) -> None:
    days = 6
    clock = FakeClock(datetime.combine(LAST - timedelta(days=days), time(7), tzinfo=TZ))
    db = open_database(sqlite_url(tmp_path / "sim.sqlite"), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    params = SimParams(
        residents=40, seed=seed, day=LAST, registration_desks=2, vaccination_stations=2,
        rules=rules_from_config(DEFAULT), doses_per_vial=5, undo_share=0.05,
    )  # fmt: skip
    outcomes, _ = simulate_days(engine, clock, params, days)
    assert all(o.finished for o in outcomes)
    kinds = {e.kind for e in engine.queries.events_since(0, limit=1_000_000)}
    assert {"doses_wasted", "missed", "vaccination_undone", "deferred"} <= kinds
    for back in range(days):
        day = LAST - timedelta(days=back)
        r = engine.closing.reconciliation(day)
        assert r.balanced, (day, r.problems)
        assert engine.day.status(day).status == "closed"
    stored = {x.id: x.vials for x in engine.inventory.on_hand(include_empty=True)}
    assert engine.inventory.recomputed() == stored
    # the last day reopened: its returned vials are taken back; it still adds up and can close
    engine.closing.reopen("a late paper record", actor=MANAGER, day=LAST)
    assert engine.closing.reconciliation(LAST).balanced
    before = {x.lot: x.vials for x in engine.inventory.on_hand(include_empty=True)}
    engine.day.close(actor=MANAGER, day=LAST)
    after = {x.lot: x.vials for x in engine.inventory.on_hand(include_empty=True)}
    assert all(after[lot] >= vials for lot, vials in before.items())  # returned again
    assert engine.inventory.recomputed() == {
        x.id: x.vials for x in engine.inventory.on_hand(include_empty=True)
    }
    db.dispose()


def test_a_vial_past_its_use_by_at_the_close_is_wasted_and_the_day_balances(
    tmp_path: Path,
) -> None:
    """A quiet day: the morning's vial passes its use-by (8 hours) with doses left before 17:30;
    the simulated manager records those as waste too, or the close is refused."""
    clock = FakeClock(datetime.combine(LAST, time(7), tzinfo=TZ))
    db = open_database(sqlite_url(tmp_path / "quiet.sqlite"), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    params = SimParams(residents=3, seed=1, day=LAST, doses_per_vial=10)
    (outcome,), _ = simulate_days(engine, clock, params, 1)
    assert outcome.finished
    r = engine.closing.reconciliation(LAST)
    assert r.balanced and r.wasted > 0 and r.left_in_open_vials == 0
    assert engine.day.status(LAST).status == "closed"
