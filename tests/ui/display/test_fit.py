"""The waiting-room display fits 1280x720, 1366x768, 1920x1080 and upright 1080x1920 in Chinese,
English and the stretched pseudo-translation (tests/ui/fitcheck.py): a busy morning (calls, a
paged observation board with marks, the wait) and a day not open yet."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import open_day
from tests.ui.display.conftest import settle
from tests.ui.display.test_reading_distance import busy_day
from tests.ui.fitcheck import LANGUAGES, SIZES, assert_fits, language

DISPLAY_SIZES = (*SIZES, (1080, 1920))


@pytest.mark.parametrize("size", DISPLAY_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", ["open", "not_open"])
def test_display_fits(
    qtbot: Any, qapp: QApplication, engine: Any, clock: Any, feed: Any, make_display: Any,
    lang: str, size: tuple[int, int], state: str,
) -> None:  # fmt: skip
    if state == "open":
        open_day(engine, capacity=400, vials=400)
        busy_day(engine, clock, feed)
    with language(qapp, lang):
        screen = make_display(size=size)
        feed.poll()
        settle(qtbot, screen)
        screen.update_wait()
        settle(qtbot, screen)
        assert screen.hero.day == state
        if state == "open":
            assert screen.observation.shown and screen.counts.wait.isVisibleTo(screen)
        assert_fits(screen, size, f"display ({state}) in {lang}")
