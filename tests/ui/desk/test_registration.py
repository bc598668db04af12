"""The registration desk, driven with keys and clicks as a nurse would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.engine import Engine
from kiosk.model import PersonIn
from kiosk.states import State
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle, type_text
from ui.desk.screen import DeskScreen

VALID_ID = "11010519491231002X"  # born 1949-12-31, a woman
OTHER_ID = "110105198001010016"  # born 1980-01-01, a man
CTRL = Qt.KeyboardModifier.ControlModifier


def fill(
    qtbot,
    desk: DeskScreen,
    name: str = "张三",
    id_number: str = VALID_ID,
    phone: str = "13800138000",
    yes: tuple[str, ...] = (),
    consent: bool = True,
) -> None:
    """The form as a nurse fills it: name, number, phone typed; each answer and the consent
    clicked; then the record, read off the UI thread, is back."""
    p = desk.panel
    type_text(qtbot, p.name, name)
    type_text(qtbot, p.id_number, id_number)
    type_text(qtbot, p.phone, phone)
    for key, group in p.answers.items():
        button = group.button(1 if key in yes else 0)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if consent:
        press(qtbot, desk, Qt.Key.Key_I, CTRL)  # 已签署知情同意书
    settle(qtbot, desk)


def test_full_registration_with_keys(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    a1, _a2 = day.tickets.issue("A"), day.tickets.issue("A")
    desk = make_desk("登记1")
    assert desk.waiting.text().endswith("2")
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.ticket_label.text() == a1.label
    assert desk.waiting.text().endswith("1")
    assert not desk.panel.proceed_button.isEnabled()
    fill(qtbot, desk)
    assert "1949-12-31" in desk.panel.id_info.text()
    assert desk.panel.proceed_button.isEnabled()
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    t = day.queries.ticket(a1.id)
    assert t.state == State.WAITING_VACCINATION
    assert t.dose_number == 1 and t.observation_minutes is None
    assert t.screening == {k: False for k in desk.panel.answers}
    person = day.queries.person(t.person_id)
    assert (person.name, person.id_number, person.phone) == ("张三", VALID_ID, "13800138000")
    assert desk.ticket_label.text() == "—"
    for event in day.queries.history(a1.id)[1:]:
        assert (event.staff, event.terminal) == (STAFF_NAME, "登记1")


def test_allergy_lengthens_observation(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    a1 = day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    fill(qtbot, desk, yes=("allergy",))
    assert "60" in desk.panel.advice.text()
    qtbot.mouseClick(desk.panel.proceed_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert (
        day.queries.ticket(a1.id).observation_minutes == 30 + desk.config.day.allergy_extra_minutes
    )


def test_defer_suggested_then_deferred_with_reason(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    a1 = day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    fill(qtbot, desk, yes=("fever",))
    assert desk.panel.advice.text().startswith("Deferral suggested")
    desk.prompts.queue("confirm", False)  # "proceed anyway?" -> no
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(a1.id).state == State.CALLED_REGISTRATION
    desk.prompts.queue("reason", "发热 37.8")
    press(qtbot, desk, Qt.Key.Key_D, CTRL)
    t = day.queries.ticket(a1.id)
    assert (t.state, t.reason) == (State.DEFERRED, "发热 37.8")


def test_same_id_twice_asks_before_saving(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    a1, a2 = day.tickets.issue("A"), day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    fill(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.current is not None and desk.current.id == a2.id
    fill(qtbot, desk, name="张三")
    desk.prompts.queue("confirm", False)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert "A001" in desk.prompts.asked[-1][1]
    assert day.queries.ticket(a2.id).state == State.CALLED_REGISTRATION
    desk.prompts.queue("confirm", True)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(a2.id).state == State.WAITING_VACCINATION
    assert day.queries.ticket(a1.id).state == State.WAITING_VACCINATION


def test_duplicate_registered_elsewhere_after_the_check(
    qtbot, day: Engine, make_desk: MakeDesk, monkeypatch
) -> None:
    """The engine's duplicate_person refusal (another desk saved first) asks too."""
    day.tickets.issue("A")
    a2 = day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)  # A001 at this desk
    other = day.tickets.call(a2.id, "登记2", actor=desk.actor())
    desk.panel.set_ticket(day.queries.ticket(desk.current.id))
    fill(qtbot, desk)
    monkeypatch.setattr(day.care, "registered_today", lambda _id: None)  # the check ran before...
    day.care.register(
        other.id,
        PersonIn("张三", VALID_ID),
        dose_number=1,
        consent=True,
        screening={},
        actor=desk.actor(),
    )  # ...the other desk's save
    desk.prompts.queue("confirm", True)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert "A002" in desk.prompts.asked[-1][1]
    assert day.queries.ticket(desk.panel.ticket_id or 1).state == State.WAITING_VACCINATION


@pytest.mark.parametrize(
    ("typed", "ok", "shown"),
    [
        (VALID_ID, True, "1949-12-31"),
        ("11010519491231002x", True, "1949-12-31"),  # x typed lower case
        (OTHER_ID, True, "1980-01-01"),
        ("110105194912310021", False, "check character"),  # bad checksum
        ("110105194902300024", False, "birth date"),  # 30 February
        ("11010519491231002", False, "18 characters"),  # one short
        ("1101051949123100X2", False, "Only digits"),
    ],
)
def test_id_validated_at_the_field(
    qtbot, day: Engine, make_desk: MakeDesk, typed: str, ok: bool, shown: str
) -> None:
    day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    fill(qtbot, desk, id_number=typed)
    assert shown in desk.panel.id_info.text()
    assert desk.panel.proceed_button.isEnabled() is ok
    if ok:
        sex = "male" if typed == OTHER_ID else "female"
        assert f", {sex}, " in desk.panel.id_info.text()
    else:
        press(qtbot, desk, Qt.Key.Key_Return, CTRL)
        assert desk.current is not None and day.queries.ticket(desk.current.id).person_id is None


def test_phone_must_be_eleven_digits_starting_with_one(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    fill(qtbot, desk, phone="23800138000")
    assert desk.panel.phone_info.text() and not desk.panel.proceed_button.isEnabled()
    desk.panel.phone.clear()
    type_text(qtbot, desk.panel.phone, "1380013800")
    assert not desk.panel.proceed_button.isEnabled()
    type_text(qtbot, desk.panel.phone, "0")
    assert desk.panel.phone_info.text() == "" and desk.panel.proceed_button.isEnabled()


def test_unanswered_question_blocks_saving(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    p = desk.panel
    type_text(qtbot, p.name, "李四")
    type_text(qtbot, p.id_number, OTHER_ID)
    press(qtbot, desk, Qt.Key.Key_I, CTRL)
    keys = list(p.answers)
    for key in keys[:-1]:
        qtbot.mouseClick(p.answers[key].button(0), Qt.MouseButton.LeftButton)
    assert not p.proceed_button.isEnabled()
    qtbot.mouseClick(p.answers[keys[-1]].button(0), Qt.MouseButton.LeftButton)
    assert p.proceed_button.isEnabled()
