"""Logging, set up once at start: a rotating file in the data directory, and standard error.

Every handler carries :class:`~kiosk.privacy.PersonalDataFilter`, so an ID number or a mobile
number that reaches a log line is masked before it is written, whichever logger wrote it. Qt's
own messages are routed into the same loggers by :mod:`ui.logs` when the screens run.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from kiosk.privacy import PersonalDataFilter, private_file

LOG_FILE = "kiosk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2_000_000
KEEP = 5  # kiosk.log.1 … kiosk.log.5: about a busy week of a site's lines


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_FILE


def start_logging(
    data_dir: Path, *, stderr_level: int | None = logging.WARNING, level: int = logging.INFO
) -> Callable[[], None]:
    """Log to ``data_dir/logs/kiosk.log`` (rotated) and, from ``stderr_level`` up, to standard
    error. Returns the function that takes these handlers away again (a command run in-process,
    as the tests do, leaves nothing behind)."""
    path = log_path(data_dir)
    private_file(path)  # owner-only, as the database: a line may name a resident
    mask = PersonalDataFilter()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [
        RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    ]
    if stderr_level is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(stderr_level)
        handlers.append(stream)
    root = logging.getLogger()
    previous_level = root.level
    for handler in handlers:
        handler.addFilter(mask)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)

    def stop() -> None:
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(previous_level)

    return stop
