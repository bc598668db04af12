"""我有预约's pages fit 1280x720, 1366x768, 1920x1080 and upright 1080x1920 in Chinese, English and
the stretched pseudo-translation (tests/ui/fitcheck.py): the start page offering it, the keypad with
a number typed and a message, the names of a shared phone, the confirmation (one button; the
categories to choose from), another day's notice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.config import Category
from tests.ui.conftest import open_day
from tests.ui.fitcheck import LANGUAGES, assert_fits, language
from tests.ui.kiosk.booking import book, click, find, type_on_keypad
from tests.ui.kiosk.conftest import settle
from tests.ui.kiosk.test_fit import KIOSK_SIZES

UNSAID = (
    Category("P", "普通", "Everyone"),
    Category("S", "老年人优先", "Seniors first", priority=True),
    Category("K", "儿童", "Children"),
)


@pytest.mark.parametrize("size", KIOSK_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_appointment_pages_fit(
    qtbot: Any, qapp: QApplication, engine: Any, make_kiosk: Any, printer: Any,
    kiosk_config: Any, tmp_path: Path, lang: str, size: tuple[int, int],
) -> None:  # fmt: skip
    rows = book(engine, tmp_path)
    open_day(engine)
    with language(qapp, lang):
        kiosk = make_kiosk(printer)
        kiosk.resize(*size)
        kiosk.show_start()
        settle(kiosk)
        assert not kiosk.start.appointment.isHidden()
        assert_fits(kiosk, size, f"start page with 我有预约 in {lang}")
        click(qtbot, kiosk, kiosk.start.appointment)
        type_on_keypad(qtbot, kiosk, "057188881234")  # the longest typed: 12 characters
        assert_fits(kiosk, size, f"appointment keypad in {lang}")
        for _ in range(7):
            click(qtbot, kiosk, kiosk.appointment.lookup.keypad.delete)
        click(qtbot, kiosk, kiosk.appointment.lookup.find_button)  # too short: a message
        assert not kiosk.appointment.lookup.message.isHidden()
        assert_fits(kiosk, size, f"appointment keypad with a message in {lang}")
        kiosk.show_start()
        find(qtbot, kiosk, str(rows[1][3]))
        assert kiosk.page() == "appointment_choose_page"
        assert_fits(kiosk, size, f"names of a shared phone in {lang}")
        click(qtbot, kiosk, kiosk.appointment.choose.names[0])
        assert_fits(kiosk, size, f"confirm page in {lang}")
        kiosk.show_start()
        find(qtbot, kiosk, str(rows[4][3]))
        assert kiosk.page() == "appointment_notice_page"
        assert_fits(kiosk, size, f"another day's notice in {lang}")

        other = make_kiosk(printer, replace(kiosk_config, categories=UNSAID))
        other.resize(*size)
        find(qtbot, other, str(rows[0][3]))
        assert len(other.appointment.confirm.choices) == 3
        assert_fits(other, size, f"confirm page with categories to choose in {lang}")
