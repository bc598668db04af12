"""Touch targets in millimetres at the screen's real DPI.

Qt reports ``physicalDotsPerInch`` in device-independent (logical) pixels per physical inch, the
unit widget geometry uses, so a size in mm is ``mm / 25.4 * physical_dpi`` logical pixels. Some
displays report no or a nonsense physical size (projectors, virtual screens): then the logical DPI
(what the desktop is set to treat as an inch) is the best we have.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

MIN_TOUCH_MM = 15.0
PLAUSIBLE_DPI = (40.0, 700.0)
MM_PER_INCH = 25.4


def effective_dpi(physical_dpi: float, logical_dpi: float) -> float:
    """The physical DPI when the display reports a plausible one, else the logical DPI."""
    low, high = PLAUSIBLE_DPI
    if low <= physical_dpi <= high:
        return physical_dpi
    return logical_dpi if logical_dpi > 0 else 96.0


def mm_to_px(mm: float, physical_dpi: float, logical_dpi: float) -> int:
    """Logical pixels that span at least ``mm`` millimetres on this display."""
    return math.ceil(mm / MM_PER_INCH * effective_dpi(physical_dpi, logical_dpi))


def min_touch_px(physical_dpi: float, logical_dpi: float, mm: float = MIN_TOUCH_MM) -> int:
    """The smallest width and height of a touch target (15 mm by default) in logical pixels."""
    return mm_to_px(mm, physical_dpi, logical_dpi)


def screen_of(widget: QWidget) -> QScreen:
    screen = widget.screen() if widget is not None else None
    return screen or QGuiApplication.primaryScreen()


def widget_mm_to_px(widget: QWidget, mm: float) -> int:
    screen = screen_of(widget)
    return mm_to_px(mm, screen.physicalDotsPerInch(), screen.logicalDotsPerInch())


def widget_min_touch_px(widget: QWidget) -> int:
    return widget_mm_to_px(widget, MIN_TOUCH_MM)
