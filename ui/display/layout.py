"""The display's three layouts, as fractions of the window, chosen by its size.

- ``wide``: landscape at 1600 px wide or more (1920x1080 TVs): the call, the counts with the wait
  and the desks on the left, the recent calls and the observation board on the right;
- ``compact``: smaller landscape (1366x768, 1280x720 monitors): the same regions;
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


# Sized for a 55-inch TV (68 cm high) read from up to 10 m: the countdown cards, the recent calls
# and the wait estimate get at least 5 % of the height (3.4 cm) in the landscape layouts, the called
# number more than 10 %. The call, the counts and the desks on the left; the recent calls and the
# observation board (fewer cards per page than a dense board, paged) on the right.
_LANDSCAPE: dict[str, Fractions] = {
    "site": (0.0, 0.0, 0.6, 0.075),
    "time": (0.6, 0.0, 0.4, 0.075),
    "hero": (0.0, 0.075, 0.56, 0.325),
    "counts": (0.0, 0.4, 0.56, 0.215),
    "desks": (0.0, 0.615, 0.56, 0.305),
    "recent": (0.56, 0.075, 0.44, 0.255),
    "observation": (0.56, 0.33, 0.44, 0.59),
    "notices": (0.0, 0.92, 1.0, 0.08),
}

# A 55-inch TV on its side is 121 cm high: the same 3.4 cm is 2.8 % of it (54 px of 1920).
_PORTRAIT: dict[str, Fractions] = {
    "site": (0.0, 0.0, 0.6, 0.04),
    "time": (0.6, 0.0, 0.4, 0.04),
    "hero": (0.0, 0.04, 1.0, 0.19),
    "counts": (0.0, 0.23, 1.0, 0.105),
    "desks": (0.0, 0.335, 1.0, 0.105),
    "recent": (0.0, 0.44, 1.0, 0.145),
    "observation": (0.0, 0.585, 1.0, 0.37),
    "notices": (0.0, 0.955, 1.0, 0.045),
}

WIDE = Layout("wide", False, 2, (3, 1), (6, 1), _LANDSCAPE)
COMPACT = Layout("compact", False, 2, (3, 1), (6, 1), _LANDSCAPE)
PORTRAIT = Layout("portrait", True, 3, (3, 1), (6, 1), _PORTRAIT)


def layout_for(width: int, height: int) -> Layout:
    if height > width:
        return PORTRAIT
    return WIDE if width >= 1600 else COMPACT
