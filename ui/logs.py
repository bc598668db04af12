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


def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or ""
    name = "qt" if category in ("", "default") else f"qt.{category}"
    logging.getLogger(name).log(LEVELS.get(mode, logging.WARNING), "%s", message)


def route_qt_messages() -> None:
    qInstallMessageHandler(qt_message)
