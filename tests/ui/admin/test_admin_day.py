"""The manager's day on the admin screen: signing in, opening from the inventory, the cap moving as
the kiosk issues, waste with a coded reason, closing (refused while it does not balance) and
reopening."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.engine import Engine
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.ui.admin.conftest import MakeAdmin, changed, open_with_rules
from tests.ui.conftest import MANAGER, NURSE, STAFF_NAME, STAFF_PIN, lot
from tests.ui.desk.helpers import settle, sign_in


def test_a_nurse_pin_is_refused(qtbot: Any, make_admin: MakeAdmin) -> None:
    screen = make_admin(signed_in=False)
    sign_in(qtbot, screen, STAFF_PIN, STAFF_NAME)
    assert screen.user is None
    assert screen.stack.currentWidget() is screen.signin
    assert STAFF_NAME in screen.signin.error.text()
    assert "manager" in screen.signin.error.text()


def test_a_manager_opens_the_day_from_the_inventory(
    qtbot: Any, engine: Engine, make_admin: MakeAdmin
) -> None:
    engine.inventory.receive(lot(vials=30, doses_per_vial=5, name="L77"), actor=MANAGER)
    screen = make_admin()
    assert screen.stock.opening.isVisible()
    assert screen.live.day_state.text().endswith("not opened yet")
    assert screen.stock.open_table.rowCount() == 1
    screen.stock.open_capacity.setValue(40)
    screen.stock.open_fridge.setValue(4.5)
    screen.stock.open_table.set_take("L77", 10)
    qtbot.mouseClick(screen.stock.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)
    status = engine.day.status()
    assert (status.status, status.capacity, status.stock) == ("open", 40, 50)
    assert engine.inventory.on_hand()[0].vials == 20
    assert screen.live.doses.values["onHand"].text() == "50"
    assert screen.live.cap_bar.format() == "0 of 40 places taken"
    assert screen.stock.open_day.isVisible() and not screen.stock.opening.isVisible()
    assert "50" in screen.status.text()
    assert engine.closing.reconciliation().fridge_open_c == 4.5


def test_opening_with_nothing_taken_is_refused_before_the_engine(
    qtbot: Any, engine: Engine, make_admin: MakeAdmin
) -> None:
    engine.inventory.receive(lot(vials=3), actor=MANAGER)
    screen = make_admin()
    qtbot.mouseClick(screen.stock.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.status.property("level") == "warn"
    assert engine.queries.open_days() == []


def test_the_cap_moves_as_the_kiosk_issues(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin
) -> None:
    open_with_rules(engine, config, capacity=3, vials=10)
    screen = make_admin()
    assert screen.live.cap_bar.format() == "0 of 3 places taken"
    assert "3" in screen.live.cap_text.text()
    for issued in (1, 2):
        engine.tickets.issue("A")
        changed(qtbot, screen)
        assert screen.live.cap_bar.value() == issued
        assert screen.live.tickets.values["issued"].text() == str(issued)
        assert screen.live.doses.values["promised"].text() == str(issued)
    engine.tickets.issue("A")
    changed(qtbot, screen)
    assert screen.live.cap_bar.format() == "3 of 3 places taken"
    assert "capacity" in screen.live.cap_text.text()
    screen.stock.capacity.setValue(5)  # the manager raises it: the kiosk issues again
    qtbot.mouseClick(screen.stock.capacity_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)
    assert engine.day.status().capacity == 5
    assert screen.live.cap_bar.format() == "3 of 5 places taken"
    assert engine.day.status().can_issue


def test_the_manager_takes_more_vials_and_receives_a_delivery(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin
) -> None:
    open_with_rules(engine, config, vials=2)
    engine.inventory.receive(lot(vials=8, name="L2"), actor=MANAGER)
    screen = make_admin()
    screen.tabs.setCurrentWidget(screen.stock)
    screen.stock.take_table.set_take("L2", 3)
    qtbot.mouseClick(screen.stock.take_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)
    assert engine.day.status().stock == 5
    screen.stock.lot.setText("L3")
    screen.stock.vials.setValue(4)
    qtbot.mouseClick(screen.stock.receive_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)
    assert engine.day.status().stock == 9
    assert screen.live.doses.values["onHand"].text() == "9"


def test_waste_is_recorded_with_a_coded_reason(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin
) -> None:
    open_with_rules(engine, config, vials=4, doses_per_vial=5)
    vial = engine.stock.open_vial(engine.day.status().lots[0].id, actor=NURSE)
    screen = make_admin()
    screen.tabs.setCurrentWidget(screen.waste)
    qtbot.waitUntil(lambda: screen.waste.reason.count() == len(config.waste_reasons))
    assert screen.waste.vial.currentData() == vial.id
    assert screen.clearing.vials.rowCount() == 1
    assert screen.clearing.vials.item(0, 1).text() == "5"
    screen.waste.doses.setValue(2)
    screen.waste.reason.setCurrentIndex(screen.waste.reason.findData("broken"))
    screen.waste.note.setText("dropped")
    qtbot.mouseClick(screen.waste.button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)
    status = engine.day.status()
    assert status.doses_wasted == 2
    assert engine.closing.reconciliation().wasted_by_reason == {"broken": 2}
    assert screen.live.doses.values["wasted"].text() == "2"
    assert screen.clearing.vials.item(0, 1).text() == "3"


def test_a_chosen_vial_used_up_elsewhere_is_never_swapped_for_another(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin
) -> None:
    open_with_rules(engine, config, vials=4, doses_per_vial=5)
    lot_id = engine.day.status().lots[0].id
    first = engine.stock.open_vial(lot_id, actor=NURSE)
    second = engine.stock.open_vial(lot_id, actor=NURSE)
    screen = make_admin()
    screen.tabs.setCurrentWidget(screen.waste)
    qtbot.waitUntil(lambda: screen.waste.reason.count() == len(config.waste_reasons))
    panel = screen.waste
    panel.vial.setCurrentIndex(panel.vial.findData(second.id))
    panel.doses.setValue(5)
    engine.stock.waste(second.id, 5, "broken", actor=NURSE)  # at a station, a moment ago
    changed(qtbot, screen)
    assert panel.vial.currentIndex() == -1 and panel.vial.findData(first.id) >= 0
    assert not panel.button.isEnabled()
    assert f"Vial {second.id} is no longer open" in screen.status.text()
    panel.vial.setCurrentIndex(panel.vial.findData(first.id))  # the manager chooses again
    assert panel.button.isEnabled()


def test_a_day_that_does_not_balance_is_refused_and_one_that_does_is_closed(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, clock: Any, tmp_path: Path
) -> None:
    open_with_rules(engine, config, vials=4, doses_per_vial=2)
    long_ago = engine.today() - timedelta(days=config.appointments.keep_days + 10)
    old_list = write_csv(tmp_path / "old.csv", ZH, [resident(1, long_ago)])
    engine.appointments.import_file(old_list, actor=MANAGER)
    vial = engine.stock.open_vial(engine.day.status().lots[0].id, actor=NURSE)
    screen = make_admin()
    screen.tabs.setCurrentWidget(screen.closing)
    settle(qtbot, screen)
    assert "2" in screen.closing.problems.text()  # two doses left in the opened vial
    qtbot.mouseClick(screen.closing.close_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert engine.day.status().status == "open"
    assert screen.status.property("level") == "error"
    assert "opened vials" in screen.status.text()
    engine.stock.waste(vial.id, 2, "day_end", actor=MANAGER)  # what was left, recorded
    changed(qtbot, screen)
    assert screen.closing.problems.text() == ""
    screen.closing.fridge.setValue(5.0)
    qtbot.mouseClick(screen.closing.close_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)
    assert engine.day.status().status == "closed"
    assert engine.appointments.on_day(long_ago) == []  # kept no longer than keep_days
    assert engine.closing.reconciliation().fridge_close_c == 5.0
    assert "closed" in screen.live.day_state.text()
    # Reopened with a reason (one is required).
    qtbot.mouseClick(screen.closing.reopen_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert engine.day.status().status == "closed"
    screen.closing.reopen_reason.setText("late entry")
    qtbot.mouseClick(screen.closing.reopen_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert engine.day.status().status == "open"


def test_vial_minutes_count_down_with_the_clock(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, clock: Any
) -> None:
    open_with_rules(engine, config, vials=4, doses_per_vial=5)
    engine.stock.open_vial(engine.day.status().lots[0].id, actor=NURSE)
    screen = make_admin()
    assert screen.clearing.vials.item(0, 2).text() == "480"
    clock.advance(timedelta(minutes=10))  # the screen's ticker re-reads
    settle(qtbot, screen)
    assert screen.clearing.vials.item(0, 2).text() == "470"
