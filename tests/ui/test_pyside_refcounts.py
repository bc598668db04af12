"""Guard against the PySide6 release that frees True and None (6.12.0 with CPython < 3.12).

That release drops a reference to ``True`` on every Python-side signal emit and to ``None`` on every
wrapped call that returns nothing; a screen that runs for an hour then aborts with "Fatal Python error:
bool_dealloc / none_dealloc". pyproject.toml pins PySide6 below 6.12; these tests fail if a release
with the bug is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    ping = Signal(int)


def test_python_side_emits_keep_true_alive() -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for i in range(300):
        emitter.ping.emit(i)
    assert sys.getrefcount(True) >= before


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(300):
        label.setText("x")
    assert sys.getrefcount(None) >= before
