"""Qt's own messages into Python's logging (and so into the log file, masked like the rest).

Qt reports through its message handler (qDebug, qWarning: a missing font, a failed audio device);
unrouted, they go to standard error and are lost with the terminal. :func:`route_qt_messages`
installs a handler that logs each one on the ``qt`` logger (``qt.<category>`` when it has one) at
the matching level. Only the running program installs it: pytest-qt has its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


EXPECTED = (
    # ui.voice.engines probes Qt's speech engines for a Mandarin voice; on Linux the speechd
    # plug-in is often absent and espeak-ng speaks instead: an expected answer, not an error.
    "Error loading text-to-speech plug-in",
)
"""The starts of Qt messages that are expected on a working site: kept in the log file (INFO),
not shown on the terminal as errors."""


def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or ""
    name = "qt" if category in ("", "default") else f"qt.{category}"
    level = LEVELS.get(mode, logging.WARNING)
    if message.startswith(EXPECTED):
        level = min(level, logging.INFO)
    logging.getLogger(name).log(level, "%s", message)


def route_qt_messages() -> None:
    qInstallMessageHandler(qt_message)
