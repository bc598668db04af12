"""Issue 16's display: only the day's desks (and others while they call), and a longer
observation's reason as a short mark explained by the legend."""

from __future__ import annotations

from datetime import timedelta

from kiosk.engine import Engine
from tests.kiosk.conftest import MANAGER, STATION, lot, lot_id
from tests.ui.conftest import NURSE
from tests.ui.display.conftest import observe, person, settle
from ui.display.data import Longer


def names(screen) -> list[str]:
    return [d.desk for d in screen.desks.desks]


def test_the_days_desks_only(qtbot, engine: Engine, feed, make_display):
    engine.day.open(
        capacity=50, observation_minutes=30, missed_grace_minutes=30, lots_in=[lot(vials=50)],
        actor=MANAGER, desks=("登记1", "接种1", "留观"),
    )  # fmt: skip
    screen = make_display()
    assert names(screen) == ["登记1", "接种1"]  # 登记2 and 接种2 of the config are not open today


def test_a_desk_that_stopped_calling_leaves_the_screen(qtbot, engine, clock, day, feed,
                                                       make_display):  # fmt: skip
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记3", actor=NURSE)  # a desk of the simulation, not the config
    screen = make_display()
    assert "登记3" in names(screen)
    clock.advance(timedelta(minutes=16))  # the minute's re-read sees it has been quiet
    settle(qtbot, screen)
    qtbot.waitUntil(lambda: "登记3" not in names(screen))
    assert names(screen) == ["登记1", "登记2", "接种1", "接种2"]


def test_longer_observations_are_marked_and_explained(qtbot, engine, clock, day, feed,
                                                       make_display):  # fmt: skip
    plain = observe(engine, 0)
    t = engine.tickets.issue("A")  # an allergy history: the day's extension
    engine.tickets.call(t.id, "登记1", actor=NURSE)
    engine.care.register(
        t.id, person(1), dose_number=1, consent=True, screening={"allergy": True}, allergy=True,
        actor=NURSE,
    )  # fmt: skip
    engine.tickets.call(t.id, "接种1", actor=STATION)
    allergic = engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)
    longer = observe(engine, 2, minutes=45)  # set longer by the nurse
    screen = make_display()
    reasons = {row.ticket_id: row.longer for row in screen.snapshot.observing}
    assert reasons == {plain.id: Longer.NONE, allergic.id: Longer.ALLERGY, longer.id: Longer.NURSE}
    shown = {who.text() for _tile, who, _status in screen.observation.cells if who.text()}
    assert any(text.startswith(allergic.label) and text.endswith("▲") for text in shown)
    assert any(text.startswith(longer.label) and text.endswith("◆") for text in shown)
    legend = screen.observation.legend.text()
    assert "▲" in legend and "◆" in legend and "+05:38" in legend
    assert "allerg" not in legend.lower()  # a public screen names no screening answer
