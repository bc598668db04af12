"""The observation desk fits 1280x720, 1366x768 and 1920x1080 in Chinese, English and the stretched
pseudo-translation (tests/ui/fitcheck.py), the status line on screen, a full table of people.

``FIT_SHOTS=folder`` saves each checked window there as a PNG."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.engine import Engine
from tests.ui.desk.helpers import FakePrompts, settle, sign_in
from tests.ui.desk.test_fit import LONG_STATUS, shot
from tests.ui.fitcheck import LANGUAGES, SIZES, assert_fits, language
from tests.ui.observation.conftest import vaccinate
from ui.observation.screen import ObservationScreen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_observation_fits(
    qtbot: Any, qapp: QApplication, day: Engine, clock: Any, config: Any, staff: Any, feed: Any,
    scheduler: Any, runner: Any, lang: str, size: tuple[int, int],
) -> None:  # fmt: skip
    for name in ("欧阳建国", "张三", "Alexandra Montgomery-Smith", "李四", "王五"):
        vaccinate(day, name)
    with language(qapp, lang):
        screen = ObservationScreen(day, clock, config, staff, feed, scheduler, runner)
        qtbot.addWidget(screen)
        screen.prompts = FakePrompts()  # type: ignore[assignment]
        screen.resize(*size)
        sign_in(qtbot, screen)
        qtbot.waitUntil(lambda: len(screen.rows) == 5)
        screen.select(screen.rows[0].ticket.id)
        settle(qtbot, screen)
        screen.say(LONG_STATUS, "error")
        try:
            assert_fits(screen, size, f"observation desk in {lang}")
            top = screen.status.mapTo(screen, screen.status.rect().topLeft()).y()
            assert top + screen.status.height() <= screen.height()
        finally:
            shot(screen, f"observation-{lang}-{size[0]}x{size[1]}")
        screen.close()
