"""``kiosk run`` options refused before anything starts: a run that would show no window would
never end (no window to close, nothing to quit)."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.config import Config
from ui.app import RunOptions, check_options


def test_the_observation_desk_is_not_a_desk_screen() -> None:
    with pytest.raises(SystemExit) as refused:
        check_options(RunOptions(Config(), ("desk",), "留观"))
    assert "observation desk" in str(refused.value) and "--screen observation" in str(refused.value)


def test_an_unknown_desk_names_the_known_ones() -> None:
    with pytest.raises(SystemExit) as refused:
        check_options(RunOptions(Config(), ("desk",), "登记9"))
    assert "登记1" in str(refused.value)


def test_a_registration_desk_and_the_observation_screen_are_fine() -> None:
    check_options(RunOptions(Config(), ("desk",), "登记1"))
    check_options(RunOptions(Config(), ("observation",), "留观"))


def test_no_display_is_one_line_naming_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cli import no_display

    monkeypatch.setattr("sys.platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    said = no_display()
    assert said is not None and "DISPLAY" in said and "\n" not in said
    monkeypatch.setenv("DISPLAY", ":99")
    assert no_display() is None


def test_a_cascaded_window_stays_on_the_monitor(qtbot: Any) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from ui.app import place

    windows = []
    for i in range(8):  # the one-PC layout: the display comes after the kiosk and the consoles
        w = QWidget()
        w.setObjectName("display" if i == 7 else "other")
        qtbot.addWidget(w)
        windows.append(w)
    place(windows, displays_alone=False)
    free = QGuiApplication.primaryScreen().availableGeometry()
    display = windows[7].frameGeometry()
    assert free.contains(display.topLeft())
    assert display.right() <= free.right() and display.bottom() <= free.bottom()
