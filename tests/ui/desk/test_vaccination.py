"""The vaccination station: the person, lots and vials, refusals, the outcome; corrections."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from PySide6.QtCore import Qt

from kiosk.db.schema import lots
from kiosk.engine import Engine
from kiosk.model import Actor, PersonIn
from kiosk.states import State
from tests.ui.conftest import MANAGER, STAFF_NAME, lot
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle
from ui.desk.screen import DeskScreen
from ui.widgets.prompts import CorrectionInput, WasteInput

CTRL = Qt.KeyboardModifier.ControlModifier
REG = Actor("李护士", "登记2")


def registered(engine: Engine, allergy: bool = False, id_number: str = "11010519491231002X"):
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记2", actor=REG)
    return engine.care.register(
        t.id,
        PersonIn("张三", id_number, "13800138000"),
        consent=True,
        screening={"fever": False, "allergy": allergy},
        observation_minutes=60 if allergy else None,
        actor=REG,
    )


def test_vaccination_flow(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    t = registered(day, allergy=True)
    desk = make_desk("接种1")
    assert desk.waiting.text().endswith("1")
    press(qtbot, desk, Qt.Key.Key_F1)
    p = desk.panel
    assert "张三" in p.person_name.text() and "A001" in p.person_name.text()
    assert "76 years, female" in p.details.text()  # born 1949-12-31
    assert "Dose 1 (primary)" in p.details.text()
    assert "过敏" in p.flags.text()
    assert p.lot.count() == 1 and p.vials.count() == 0
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    assert p.vials.count() == 1 and "5 of 5 doses left" in p.vials.item(0).text()
    vial_id = p.selected_vial()
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    done = day.queries.ticket(t.id)
    assert done.state == State.OBSERVING and done.vial_id == vial_id
    assert done.lot_id == day.day.status().lots[0].id
    assert done.observation_end == desk.clock.now() + timedelta(minutes=60)
    assert "4 of 5 doses left" in p.vials.item(0).text()
    assert (day.queries.history(t.id)[-1].staff, day.queries.history(t.id)[-1].terminal) == (
        STAFF_NAME,
        "接种1",
    )


def test_not_vaccinated_with_a_reason(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("reason", "血压过高")
    press(qtbot, desk, Qt.Key.Key_D, CTRL)
    done = day.queries.ticket(t.id)
    assert (done.state, done.reason) == (State.DEFERRED, "血压过高")


def test_vial_near_use_by_warns_and_expired_vial_is_refused(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    day.day.add_lot(
        lot(vials=2, doses_per_vial=5, name="L002", use_within_minutes=60), actor=MANAGER
    )
    t = registered(day)
    desk = make_desk("接种1")
    p = desk.panel
    press(qtbot, desk, Qt.Key.Key_F1)
    p.lot.setCurrentIndex(p.lot.findData(day.day.status().lots[1].id))
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    assert p.vial_warning.text() == ""
    desk.clock.advance(timedelta(minutes=35))  # the panel's ticker: "open for", the warning
    settle(qtbot, desk)
    assert "must be used by 09:00" in p.vial_warning.text()
    assert "open 35 min" in p.vials.item(0).text()
    desk.clock.advance(timedelta(minutes=24, seconds=59))  # 08:59:59: redrawn, still usable
    settle(qtbot, desk)
    desk.clock.advance(timedelta(seconds=2))  # past its use-by, before the ticker's next round
    settle(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert "past its use-by" in desk.status.text()
    assert day.queries.ticket(t.id).state == State.CALLED_VACCINATION


def test_no_vials_left_and_expired_lot_are_refused(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    day.day.add_lot(lot(vials=1, doses_per_vial=1, name="L009"), actor=MANAGER)
    with day.db.transaction() as conn:  # a lot entered with the wrong expiry, found today
        conn.execute(sa.update(lots).where(lots.c.lot == "L001").values(expiry=date(2026, 11, 1)))
    t = registered(day)
    desk = make_desk("接种1")
    p = desk.panel
    press(qtbot, desk, Qt.Key.Key_F1)
    expired = p.lot.findData(next(lt.id for lt in day.day.status().lots if lt.lot == "L001"))
    assert "EXPIRED" in p.lot.itemText(expired)
    assert p.lot.currentIndex() != expired  # the station starts on a usable lot
    p.lot.setCurrentIndex(expired)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert desk.status.text() == "This lot has expired: choose another lot."
    p.lot.setCurrentIndex(1 - expired)
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    assert desk.status.text() == "No unopened vial is left in this lot."
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(t.id).state == State.OBSERVING


def test_waste_is_recorded_with_reason(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    desk.prompts.queue("waste", WasteInput(2, "掉落"))
    qtbot.mouseClick(desk.panel.waste_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    vial = day.day.status().open_vials[0]
    assert (vial.doses_wasted, vial.doses_left) == (2, 3)
    assert "3 of 5 doses left" in desk.panel.vials.item(0).text()
    assert desk.prompts.offered == []  # a day opened without a list: free text


def correct_via_history(qtbot, desk: DeskScreen, label: str) -> None:
    desk.history.lookup.setFocus()
    desk.history.lookup.setText(label)
    qtbot.keyClick(desk.history.lookup, Qt.Key.Key_Return)
    settle(qtbot, desk)


def test_correct_a_mistaken_deferral(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("reason", "误点")
    press(qtbot, desk, Qt.Key.Key_D, CTRL)
    correct_via_history(qtbot, desk, "A001")
    assert desk.history.undo_button.isEnabled()
    desk.prompts.queue("reason", "点错了，应为接种")
    qtbot.mouseClick(desk.history.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert day.queries.ticket(t.id).state == State.WAITING_VACCINATION
    struck = desk.history.superseded_rows()
    assert len(struck) == 1 and "deferred" in struck[0] and "误点" in struck[0]
    items = [desk.history.events.item(i).text() for i in range(desk.history.events.count())]
    assert any("corrected" in i and "点错了" in i for i in items)


def test_correct_a_wrong_dose_number(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    correct_via_history(qtbot, desk, "A001")
    assert desk.history.fix_button.isEnabled() and not desk.history.undo_button.isEnabled()
    desk.prompts.queue("correction", CorrectionInput(None, 3, "第三剂"))
    qtbot.mouseClick(desk.history.fix_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert day.queries.ticket(t.id).dose_number == 3
    struck = desk.history.superseded_rows()
    assert len(struck) == 1 and "vaccinated" in struck[0]


def test_a_vial_past_its_use_by_is_shown_for_waste(
    qtbot, day: Engine, make_desk: MakeDesk, clock
) -> None:
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_O, CTRL)
    clock.advance(timedelta(minutes=481))  # the lot's vials may be used 480 minutes once opened
    settle(qtbot, desk)
    desk.refresh()
    settle(qtbot, desk)
    p = desk.panel
    assert p.vials.count() == 1 and "past its use-by" in p.vial_warning.text()
    assert day.day.status().expired_vial_doses == 5
    desk.prompts.queue("waste", WasteInput(5, "开启超时"))
    qtbot.mouseClick(p.waste_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    status = day.day.status()
    assert status.expired_vial_doses == 0 and status.doses_wasted == 5
    assert p.vials.count() == 0


def test_another_desks_event_does_not_re_read_this_desks_person(
    qtbot, day: Engine, make_desk: MakeDesk, monkeypatch
) -> None:
    """Every feed event redraws the desk; the person and history of an unchanged ticket at this
    desk are not read again."""
    t = registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.current is not None and desk.current.id == t.id
    reads: list[str] = []
    person, history = day.queries.person, day.queries.history
    monkeypatch.setattr(day.queries, "person", lambda pid: reads.append("person") or person(pid))
    monkeypatch.setattr(day.queries, "history", lambda tid: reads.append("history") or history(tid))
    day.tickets.issue("A")  # another terminal's event
    desk.feed.poll()
    settle(qtbot, desk)
    assert reads == []
    day.tickets.recall(
        t.id, actor=Actor("n", "接种1")
    )  # an event about this ticket: its history again
    desk.feed.poll()
    settle(qtbot, desk)
    assert reads == ["history"]
