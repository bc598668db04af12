"""The registration desk and the vaccination station fit 1280x720, 1366x768 and 1920x1080 in
Chinese, English and the stretched pseudo-translation: every widget inside the window, no text
clipped (tests/ui/fitcheck.py), the status line on screen; the sign-in page too.

``FIT_SHOTS=folder`` saves each checked window there as a PNG (to look at them)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.engine import Engine
from kiosk.model import Actor, PersonIn
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press
from tests.ui.fitcheck import (
    LANGUAGES,
    LONG_STATUS,
    SIZES,
    assert_fits,
    language,
    shot,
    status_on_screen,
)

REG = Actor("李护士", "登记2")


def registered(engine: Engine) -> None:
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记2", actor=REG)
    engine.care.register(
        t.id,
        PersonIn("欧阳建国", "11010519491231002X", "13800138000"),
        consent=True,
        screening={"fever": False, "allergy": True},
        observation_minutes=60,
        actor=REG,
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["registration", "vaccination"])
def test_desk_fits(
    qtbot: Any, qapp: QApplication, day: Engine, make_desk: MakeDesk, kind: str, lang: str,
    size: tuple[int, int],
) -> None:  # fmt: skip
    name = "登记1" if kind == "registration" else "接种1"
    for _ in range(3):
        day.tickets.issue("A")
    if kind == "vaccination":
        registered(day)
    with language(qapp, lang):
        desk = make_desk(name)
        desk.resize(*size)
        press(qtbot, desk, Qt.Key.Key_F1)
        desk.say(LONG_STATUS, "error")
        try:
            assert_fits(desk, size, f"{kind} desk in {lang}")
            status_on_screen(desk, desk.status)
        finally:
            shot(desk, f"desk-{kind}-{lang}-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_sign_in_fits(
    qtbot: Any, qapp: QApplication, make_desk: MakeDesk, lang: str, size: tuple[int, int]
) -> None:
    with language(qapp, lang):
        desk = make_desk("登记1", signed_in=False)
        desk.signin.error.setText(desk.signin.tr("Enter your name and your PIN."))
        try:
            assert_fits(desk, size, f"sign-in in {lang}")
        finally:
            shot(desk, f"signin-{lang}-{size[0]}x{size[1]}")
