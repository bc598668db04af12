"""The kiosk fits 1280x720, 1366x768, 1920x1080 and upright 1080x1920 in Chinese, English and the
stretched pseudo-translation (tests/ui/fitcheck.py): the start page with the queue and the wait,
the number just taken, and the closed page."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import open_day
from tests.ui.fitcheck import LANGUAGES, SIZES, assert_fits, language
from tests.ui.kiosk.conftest import settle, take
from tests.ui.kiosk.test_kiosk_wait import calls_for_an_estimate

KIOSK_SIZES = (*SIZES, (1080, 1920))


@pytest.mark.parametrize("size", KIOSK_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_kiosk_fits(
    qtbot: Any, qapp: QApplication, engine: Any, clock: Any, feed: Any, make_kiosk: Any,
    printer: Any, lang: str, size: tuple[int, int],
) -> None:  # fmt: skip
    open_day(engine)
    calls_for_an_estimate(engine, clock)
    with language(qapp, lang):
        kiosk = make_kiosk(printer)
        kiosk.show_start()
        settle(kiosk)
        assert kiosk.start.queue.text()
        assert_fits(kiosk, size, f"kiosk start page in {lang}")
        assert take(kiosk) is not None
        assert kiosk.page() == "issued_page"
        assert_fits(kiosk, size, f"kiosk number page in {lang}")
        kiosk._show_closed("capacity")
        assert_fits(kiosk, size, f"kiosk closed page in {lang}")


def test_turning_the_screen_keeps_the_window_its_size(
    qtbot: Any, engine: Any, clock: Any, make_kiosk: Any, printer: Any
) -> None:
    """Upright, then landscape (a kiosk PC's screen turned): the page's text follows the window;
    the upright page's sizes do not hold the window at its old height."""
    open_day(engine)
    kiosk = make_kiosk(printer)
    assert_fits(kiosk, (1080, 1920), "kiosk start page upright")
    assert take(kiosk) is not None
    for size in ((1080, 1920), (1920, 1080), (1366, 768), (1080, 1920)):
        assert_fits(kiosk, size, f"kiosk number page turned to {size}")
