"""The fit check itself: it finds clipped text and widgets outside their window, and passes a
screen that fits; the pseudo-translation stretches every string by 40 %, placeholders kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.fitcheck import FitError, assert_fits, language
from ui.i18n import stretch


def _window(qtbot: QtBot) -> tuple[QWidget, QLabel, QPushButton, QLabel]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = QLabel("A label whose text is rather long for a narrow box")
    label.setObjectName("long")
    button = QPushButton("A button with a long text")
    wrapped = QLabel("wrapping words " * 12)
    wrapped.setWordWrap(True)
    for widget in (label, button, wrapped):
        layout.addWidget(widget)
    return window, label, button, wrapped


def test_a_window_that_fits_passes(qtbot: QtBot) -> None:
    window, *_ = _window(qtbot)
    assert_fits(window, (900, 300))


def test_clipped_texts_are_named(qtbot: QtBot) -> None:
    window, label, button, wrapped = _window(qtbot)
    label.setFixedWidth(60)
    button.setFixedWidth(50)
    wrapped.setFixedHeight(20)
    with pytest.raises(FitError) as failure:
        assert_fits(window, (900, 300))
    message = str(failure.value)
    assert "3 problem(s)" in message
    assert "QLabel 'long' ('A label whose text" in message
    assert "QPushButton ('A button with a long text'): text needs" in message
    assert "QLabel ('wrapping words" in message


def test_a_widget_outside_the_window_is_named(qtbot: QtBot) -> None:
    window, *_ = _window(qtbot)
    stray = QLabel("<b>off the edge</b>", window)
    stray.setObjectName("stray")
    stray.setGeometry(850, 10, 200, 30)
    with pytest.raises(FitError, match="QLabel 'stray'.*outside its parent"):
        assert_fits(window, (900, 300))


def test_a_window_that_refuses_the_size_fails(qtbot: QtBot) -> None:
    window, *_ = _window(qtbot)
    with pytest.raises(FitError, match="its minimum size is"):
        assert_fits(window, (150, 300))


def test_an_eliding_label_needs_its_tool_tip(qtbot: QtBot) -> None:
    window, label, *_ = _window(qtbot)
    label.setFixedWidth(60)
    label.setProperty("elides", True)
    with pytest.raises(FitError, match="no tool tip"):
        assert_fits(window, (900, 300))
    label.setToolTip(label.text())
    assert_fits(window)


def test_stretch_is_forty_percent_longer_and_keeps_placeholders() -> None:
    assert stretch("Call next") == "Call nextCall"
    assert stretch("叫号 %1") == "叫号 %1叫号"  # 5 characters: 2 more, never from "%1"
    assert len(stretch("叫下一位")) == 4 + 2
    assert stretch("a\nbb") == "aa\nbbb"
    assert "%1" in stretch("Ticket %1 of %2") and "%2" in stretch("Ticket %1 of %2")
    assert stretch("<b>Hello</b> world") == "<b>Hello</b> worldHello"


@pytest.mark.parametrize("which", ["pseudo", "pseudo_zh", "zh_CN", "en"])
def test_languages_install_and_go(qapp: QApplication, which: str) -> None:
    with language(qapp, which):
        text = QCoreApplication.translate("QPlatformTheme", "Cancel")
    expected = {"pseudo": "CancelCan", "pseudo_zh": "取消取", "zh_CN": "取消", "en": "Cancel"}
    assert text == expected[which]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
