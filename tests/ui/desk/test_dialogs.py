"""Every dialog about a ticket names it and the person, masked (cancel, defer, not vaccinated,
corrections, earlier dose, observation's extend, left early, adverse event); the real dialogs show
that line in bold on top and in their title."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from kiosk.engine import Engine
from kiosk.privacy import mask_name
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, type_text
from tests.ui.desk.test_registration import CTRL
from tests.ui.desk.test_vaccination import registered
from ui.widgets.dialogs import subject
from ui.widgets.prompts import Prompts, ReasonInput


def test_subject_masks_the_name() -> None:
    assert subject("A012", "张三") == f"A012 · {mask_name('张三')}" != "A012 · 张三"
    assert subject("A012", None) == subject("A012", "  ") == "A012"


def test_the_registration_desks_dialogs_name_ticket_and_person(
    qtbot: Any, day: Engine, make_desk: MakeDesk
) -> None:
    day.tickets.issue("A")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    type_text(qtbot, desk.panel.name, "张三")
    expected = subject("A001", "张三")
    desk.prompts.queue("reason", None)
    press(qtbot, desk, Qt.Key.Key_F8)  # cancel, then not
    desk.prompts.queue("reason", None).queue("coded_reason", None)
    press(qtbot, desk, Qt.Key.Key_D, CTRL)  # defer, then not
    about = [a for _, a in desk.prompts.about]
    assert about and all(a == expected for a in about), about
    assert "张三" not in " ".join(about)


def test_the_stations_dialogs_name_ticket_and_person(
    qtbot: Any, day: Engine, make_desk: MakeDesk
) -> None:
    registered(day)
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.prompts.queue("reason", None).queue("coded_reason", None)
    press(qtbot, desk, Qt.Key.Key_D, CTRL)  # not vaccinated, then not
    desk.prompts.queue("reason", None)
    press(qtbot, desk, Qt.Key.Key_F8)
    qtbot.mouseClick(desk.history.undo_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    about = {a for _, a in desk.prompts.about}
    assert about == {subject("A001", "张三")}


def _answer_with(qtbot: Any, seen: list[str], accept: bool = False) -> None:
    """When the modal dialog opens: note its title and labels, then close it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(dialog.windowTitle())
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    QTimer.singleShot(0, look)


def test_the_real_dialogs_show_the_subject(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts, about = Prompts(parent), subject("A007", "欧阳建国")
    seen: list[str] = []
    _answer_with(qtbot, seen)
    assert prompts.reason(parent, "Cancel A007", "Why?", about=about) is None
    assert any(about in text for text in seen[1:]) and about in seen[0]
    seen.clear()
    _answer_with(qtbot, seen)
    reasons = [("fever", "发热")]
    got: ReasonInput | None = prompts.coded_reason(parent, "Defer", "Why?", reasons, about=about)
    assert got is None and about in seen[0] and about in seen[1:]
    assert "欧阳建国" not in " ".join(seen)
