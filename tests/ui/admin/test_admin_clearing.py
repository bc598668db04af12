"""Clear to zero on the admin screen: the figures, the warning with nobody waiting, and the standby
list worked from adding a resident to the priority ticket of one who arrives."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.states import State
from printing.model import TicketPrint
from printing.result import PrintResult
from tests.kiosk.conftest import TZ
from tests.ui.admin.conftest import MakeAdmin, changed, open_with_rules
from tests.ui.conftest import MANAGER, NURSE
from tests.ui.desk.helpers import settle


def click(qtbot: Any, screen: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)


def test_the_clearing_figures_and_the_warning_with_nobody_waiting(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, clock: Any
) -> None:
    open_with_rules(engine, config, vials=4, doses_per_vial=5)
    lot_id = engine.day.status().lots[0].id
    engine.stock.open_vial(lot_id, actor=NURSE)
    engine.tickets.issue("A")
    screen = make_admin()
    assert screen.tabs.currentIndex() == screen.clear_tab
    c = screen.clearing
    assert c.needed.text() == "4"  # five doses open, one ticket expected
    assert c.values["openDosesLeft"].text() == "5"
    assert c.values["promisedDoses"].text() == "1"
    assert c.values["unopened"].text() == "3 / 15"
    assert not c.warnings.isVisibleTo(screen)
    # Nobody waits any more (the one ticket cancelled) and the vial nears its use-by.
    ticket = engine.queries.tickets_of_day()[0]
    engine.tickets.cancel(ticket.id, "went home", actor=NURSE)
    clock.advance(timedelta(minutes=470))
    changed(qtbot, screen)
    assert c.warnings.isVisibleTo(screen)
    assert "10 min" in c.warnings.text()
    assert c.needed.text() == "5"


def test_the_clearing_tab_comes_forward_at_the_configured_time(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, clock: Any
) -> None:
    open_with_rules(engine, config)
    screen = make_admin()
    screen.tabs.setCurrentWidget(screen.stock)
    clock.set(datetime(2026, 11, 28, 14, 59, tzinfo=TZ))
    changed(qtbot, screen)
    assert screen.tabs.currentWidget() is screen.stock
    clock.set(datetime(2026, 11, 28, 15, 0, 30, tzinfo=TZ))  # the screen's ticker re-reads
    settle(qtbot, screen)
    assert screen.tabs.currentIndex() == screen.clear_tab
    assert "0" in screen.tabs.tabText(screen.clear_tab)
    screen.tabs.setCurrentWidget(screen.waste)  # once a day: the manager's choice stays
    clock.advance(timedelta(minutes=1))
    settle(qtbot, screen)
    assert screen.tabs.currentWidget() is screen.waste


def test_the_standby_list_from_adding_to_a_priority_ticket(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin
) -> None:
    open_with_rules(engine, config, vials=4, doses_per_vial=5)
    engine.stock.open_vial(engine.day.status().lots[0].id, actor=NURSE)
    screen = make_admin()
    s = screen.standby
    # A bad phone is refused, naming it; nothing is lost from the form.
    s.name.setText("赵大妈")
    s.phone.setText("12")
    click(qtbot, screen, s.add_button)
    assert screen.status.property("level") == "error"
    assert (s.name.text(), s.phone.text()) == ("赵大妈", "12")
    assert s.table.rowCount() == 0
    s.phone.setText("13812345678")
    click(qtbot, screen, s.add_button)
    assert s.table.rowCount() == 1
    assert s.table.item(0, 0).text() == "赵大妈"
    assert s.table.item(0, 2).text() == "not called yet"
    entry = engine.clearing.standby_list()[0]
    # Marking needs a selection first.
    click(qtbot, screen, s.called_button)
    assert screen.status.property("level") == "warn"
    s.select(entry.id)
    click(qtbot, screen, s.called_button)
    assert engine.clearing.standby_list()[0].status == "called"
    assert s.table.item(0, 2).text() == "called"
    click(qtbot, screen, s.coming_button)
    assert engine.clearing.standby_list()[0].status == "coming"
    click(qtbot, screen, s.arrived_button)
    arrived = engine.clearing.standby_list()[0]
    assert arrived.status == "arrived" and arrived.ticket_label is not None
    ticket = engine.queries.ticket_by_label(arrived.ticket_label)
    assert ticket.priority and ticket.state == State.WAITING_REGISTRATION
    assert arrived.ticket_label in s.ticket.text()
    assert s.table.item(0, 3).text() == arrived.ticket_label
    assert screen.clearing.needed.text() == "4"  # the resident takes one of the five doses
    # A second tap issues nothing more.
    click(qtbot, screen, s.arrived_button)
    assert screen.status.property("level") == "error"
    assert len(engine.queries.tickets_of_day()) == 1


class FakePrinter:
    """Takes every ticket (on the print worker's thread) and says it printed."""

    def __init__(self) -> None:
        self.tickets: list[TicketPrint] = []

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        self.tickets.append(ticket)
        return PrintResult.printed("fake")

    def print_slip(self, slip: object) -> PrintResult:
        raise AssertionError("no slip is printed here")


def test_an_arrived_residents_priority_ticket_is_printed(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin
) -> None:
    open_with_rules(engine, config)
    entry = engine.clearing.add_standby("钱文明", "13987654321", actor=MANAGER)
    printer = FakePrinter()
    screen = make_admin(printer=printer)
    screen.standby.select(entry.id)
    click(qtbot, screen, screen.standby.arrived_button)
    qtbot.waitUntil(lambda: "printed" in screen.status.text())
    label = engine.clearing.standby_list()[0].ticket_label
    assert [t.label for t in printer.tickets] == [label]
