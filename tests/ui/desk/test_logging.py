"""The log file, written as the program writes it, never holds an ID or a phone number in clear,
though a registration at a real desk logs both (masked)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.engine import Engine
from kiosk.logs import log_path, start_logging
from kiosk.privacy import mask_id_number, mask_phone
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press
from tests.ui.desk.test_registration import CTRL, VALID_ID, fill

PHONE = "13912345678"


def test_a_registration_reaches_the_log_masked(
    qtbot, tmp_path: Path, day: Engine, make_desk: MakeDesk
) -> None:
    stop = start_logging(tmp_path, stderr_level=None)  # what every command and `run` set up
    try:
        day.tickets.issue("A")
        desk = make_desk("登记1")
        press(qtbot, desk, Qt.Key.Key_F1)
        fill(qtbot, desk, name="张三丰", phone=PHONE)
        press(qtbot, desk, Qt.Key.Key_Return, CTRL)
        assert desk.status.text() == "A001 registered: waiting for vaccination."
    finally:
        stop()
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert f"登记1: {STAFF_NAME} signed in" in text
    line = next(line for line in text.splitlines() if "A001 registered" in line)
    assert mask_id_number(VALID_ID) in line and mask_phone(PHONE) in line and "张*丰" in line
    assert VALID_ID not in text and PHONE not in text and "张三丰" not in text


def test_logging_stops_leaving_nothing_behind(tmp_path: Path) -> None:
    import logging

    root = logging.getLogger()
    before = list(root.handlers)
    stop = start_logging(tmp_path)
    assert len(root.handlers) == len(before) + 2  # the file and standard error
    stop()
    assert root.handlers == before
