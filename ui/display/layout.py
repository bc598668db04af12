"""The display's three layouts, as fractions of the window, chosen by its size.

- ``wide``: landscape at 1600 px wide or more (1920x1080 TVs): the call and the desks on the left,
  the counts and a 3-column observation board on the right;
- ``compact``: smaller landscape (1366x768 monitors): the same regions, fewer, larger cells;
- ``portrait``: taller than wide (1080x1920): everything stacked, the call on top.

Regions never overlap: each is a rectangle of the window shrunk by half a gap on every side.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect

Fractions = tuple[float, float, float, float]  # x, y, width, height as fractions of the window


@dataclass(frozen=True)
class Layout:
    name: str
    portrait: bool
    desk_columns: int
    recent_shape: tuple[int, int]  # rows, columns
    observation_shape: tuple[int, int]  # rows, columns
    regions: dict[str, Fractions]
    gap: float = 0.012  # of the shorter side

    def rects(self, width: int, height: int) -> dict[str, QRect]:
        half = max(1, int(min(width, height) * self.gap / 2))
        out = {}
        for name, (x, y, w, h) in self.regions.items():
            left, top = round(x * width), round(y * height)
            right, bottom = round((x + w) * width), round((y + h) * height)
            out[name] = QRect(left, top, right - left, bottom - top).adjusted(
                half, half, -half, -half
            )
        return out


_LANDSCAPE: dict[str, Fractions] = {
    "site": (0.0, 0.0, 0.62, 0.085),
    "time": (0.62, 0.0, 0.38, 0.085),
    "hero": (0.0, 0.085, 0.6, 0.33),
    "desks": (0.0, 0.415, 0.6, 0.27),
    "recent": (0.0, 0.685, 0.6, 0.235),
    "counts": (0.6, 0.085, 0.4, 0.15),
    "observation": (0.6, 0.235, 0.4, 0.685),
    "notices": (0.0, 0.92, 1.0, 0.08),
}

_PORTRAIT: dict[str, Fractions] = {
    "site": (0.0, 0.0, 0.62, 0.045),
    "time": (0.62, 0.0, 0.38, 0.045),
    "hero": (0.0, 0.045, 1.0, 0.33),
    "desks": (0.0, 0.375, 1.0, 0.11),
    "counts": (0.0, 0.485, 1.0, 0.06),
    "recent": (0.0, 0.545, 1.0, 0.085),
    "observation": (0.0, 0.63, 1.0, 0.325),
    "notices": (0.0, 0.955, 1.0, 0.045),
}

WIDE = Layout("wide", False, 3, (4, 2), (7, 3), _LANDSCAPE)
COMPACT = Layout("compact", False, 3, (3, 2), (6, 2), _LANDSCAPE)
PORTRAIT = Layout("portrait", True, 3, (3, 2), (7, 3), _PORTRAIT)


def layout_for(width: int, height: int) -> Layout:
    if height > width:
        return PORTRAIT
    return WIDE if width >= 1600 else COMPACT
