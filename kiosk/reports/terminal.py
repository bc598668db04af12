"""A progress bar on a terminal (standard error) for ``kiosk report``: one line redrawn in place,
finished with a newline. Silent when the stream is not a terminal (a pipe, a log, a test)."""

from __future__ import annotations

from typing import TextIO

from kiosk.reports.model import Progress

_WIDTH = 30


def progress_bar(stream: TextIO, label: str, *, force: bool = False) -> Progress | None:
    """A ``progress(done, total)`` that draws ``label [#####     ] done/total`` on ``stream``;
    None when ``stream`` is not a terminal (unless ``force``)."""
    if not force and not stream.isatty():
        return None

    def draw(done: int, total: int) -> None:
        filled = _WIDTH * done // total if total else _WIDTH
        bar = "#" * filled + " " * (_WIDTH - filled)
        end = "\n" if done >= total else ""
        stream.write(f"\r{label} [{bar}] {done}/{total}{end}")
        stream.flush()

    return draw
