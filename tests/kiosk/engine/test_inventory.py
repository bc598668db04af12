"""The inventory that carries over, on SQLite and PostgreSQL: received, taken into a day,
returned at close, taken back when the day reopens; every movement an event the stored figures
can be recomputed from."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kiosk.errors import StockError
from kiosk.model import LotIn
from tests.kiosk.conftest import MANAGER, STATION, nothing_written
from tests.kiosk.engine.record_site import FIRST_DAY, PRODUCT, ZHANG, Site

DELIVERY = LotIn(PRODUCT, "D1", date(2027, 1, 1), 5, 10)


def on_hand(site: Site) -> dict[str, int]:
    return {x.lot: x.vials for x in site.engine.inventory.on_hand()}


def agrees(site: Site) -> None:
    inv = site.engine.inventory
    stored = {x.id: x.vials for x in inv.on_hand(include_empty=True)}
    assert inv.recomputed() == stored


def test_vials_move_between_the_inventory_and_the_days(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    engine.inventory.receive(DELIVERY, actor=MANAGER)
    engine.inventory.receive(DELIVERY, actor=MANAGER)  # a second delivery of the same lot
    assert on_hand(site)["D1"] == 20
    engine.day.take({"D1": 4}, actor=MANAGER)
    assert on_hand(site)["D1"] == 16
    d1 = next(x for x in engine.day.status().lots if x.lot == "D1")
    assert d1.vials == 4
    t = site.register(ZHANG)
    engine.tickets.call(t.id, "V1", actor=STATION)
    engine.care.vaccinate(t.id, lot_id=d1.id, actor=STATION)  # opens one five-dose vial
    site.clock.advance(timedelta(hours=1))
    engine.observation.release(t.id, actor=STATION)
    vial = engine.day.status().open_vials[0]
    engine.stock.waste(vial.id, vial.doses_left, "day_end", actor=MANAGER)
    engine.day.close(actor=MANAGER)
    assert on_hand(site)["D1"] == 16 + 3  # three unopened vials came back
    assert on_hand(site)["L0"] == 20 - 0  # the day's own lot: none opened, all back
    agrees(site)
    engine.closing.reopen("a late paper record", actor=MANAGER)
    assert on_hand(site)["D1"] == 16
    agrees(site)
    nxt = site.day(FIRST_DAY + timedelta(days=1))
    nxt.day.take({"D1": 16}, actor=MANAGER)
    assert "D1" not in on_hand(site)
    agrees(site)


def test_bad_movements_are_refused_and_change_nothing(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    engine.inventory.receive(DELIVERY, actor=MANAGER)
    with nothing_written(engine), pytest.raises(StockError) as too_many:
        engine.day.take({"D1": 11}, actor=MANAGER)
    assert too_many.value.code == "not_enough_stock"
    with nothing_written(engine), pytest.raises(StockError) as unknown:
        engine.day.take({"NOPE": 1}, actor=MANAGER)
    assert unknown.value.code == "unknown_lot"
    other = LotIn(PRODUCT, "D1", date(2028, 1, 1), 5, 1)
    with nothing_written(engine), pytest.raises(StockError) as mismatch:
        engine.inventory.receive(other, actor=MANAGER)
    assert mismatch.value.code == "lot_mismatch"
    expired = LotIn(PRODUCT, "OLD", FIRST_DAY - timedelta(days=1), 1, 3)
    with nothing_written(engine), pytest.raises(StockError) as old:
        engine.inventory.receive(expired, actor=MANAGER)
    assert old.value.code == "lot_expired"
    site.day(FIRST_DAY + timedelta(days=400))  # D1 has expired since it was received
    with pytest.raises(StockError) as stale:
        site.engine.day.take({"D1": 1}, actor=MANAGER)
    assert stale.value.code == "lot_expired"
    assert next(x for x in site.engine.inventory.on_hand() if x.lot == "D1").expired(
        FIRST_DAY + timedelta(days=400)
    )


def test_box_codes_received_with_a_lot_go_with_its_vials_into_each_day(site: Site) -> None:
    from kiosk.tracecodes import parse_trace_code

    engine = site.day(FIRST_DAY)
    code = parse_trace_code("81234567890123456780", FIRST_DAY)
    engine.inventory.receive(DELIVERY, actor=MANAGER, box_codes=[code.code])
    engine.day.take({"D1": 2}, actor=MANAGER)
    d1 = next(x for x in engine.day.status().lots if x.lot == "D1")
    assert engine.stock.box_codes(d1.id) == [code.code]
    assert engine.stock.identify_box(code.code).lot_id == d1.id
    engine.day.take({"D1": 1}, actor=MANAGER)  # more vials of the same lot: listed once
    assert engine.stock.box_codes(d1.id) == [code.code]
