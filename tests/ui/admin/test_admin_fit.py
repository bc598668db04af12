"""The admin screen fits 1280x720, 1366x768 and 1920x1080 in Chinese, English and the stretched
pseudo-translation, on every tab, during a busy afternoon (tests/ui/admin/scenario.py) with a
village list's standby candidates offered, a bad list's problems and the next-dose list shown: every
widget inside the window, no text clipped (tests/ui/fitcheck.py), the status line on screen.

``FIT_SHOTS=folder`` saves each checked window there as a PNG (to look at them)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.engine import Engine
from tests.ui.admin.conftest import MakeAdmin
from tests.ui.admin.scenario import afternoon, bad_village_list, village_list
from tests.ui.desk.helpers import settle
from tests.ui.fitcheck import (
    LANGUAGES,
    LONG_STATUS,
    SIZES,
    assert_fits,
    language,
    shot,
    status_on_screen,
)
from ui.admin.appointments import ImportPanel
from ui.admin.due import DuePanel


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_admin_fits_on_every_tab(
    qtbot: Any, qapp: QApplication, engine: Engine, clock: Any, config: Config,
    make_admin: MakeAdmin, lang: str, size: tuple[int, int], tmp_path: Path,
) -> None:  # fmt: skip
    afternoon(engine, clock, config, residents=60)
    village_list(engine, tmp_path)
    bad = bad_village_list(tmp_path)
    with language(qapp, lang):
        screen = make_admin()
        for panel in screen.panels:
            if isinstance(panel, ImportPanel):
                panel.ask_open = lambda _parent, _filters: str(bad)
                panel.choose_file()
            elif isinstance(panel, DuePanel):
                end = engine.today() + timedelta(days=120)
                panel.last.setDate(QDate(end.year, end.month, end.day))
                panel.load()
        settle(qtbot, screen)
        screen.resize(*size)
        screen.say(LONG_STATUS, "error")
        for index in range(screen.tabs.count()):
            screen.tabs.setCurrentIndex(index)
            settle(qtbot, screen)
            try:
                assert_fits(screen, size, f"admin tab {index} in {lang}")
                status_on_screen(screen, screen.status)
            finally:
                shot(screen, f"admin-tab{index}-{lang}-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_admin_before_the_day_opens_fits(
    qtbot: Any, qapp: QApplication, make_admin: MakeAdmin, lang: str, size: tuple[int, int]
) -> None:
    with language(qapp, lang):
        screen = make_admin()
        screen.tabs.setCurrentWidget(screen.stock)
        settle(qtbot, screen)
        try:
            assert_fits(screen, size, f"admin before opening in {lang}")
        finally:
            shot(screen, f"admin-unopened-{lang}-{size[0]}x{size[1]}")
