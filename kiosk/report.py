"""Kept for the code that imports it: the reports live in :mod:`kiosk.reports` now (issue 15).

``day_figures`` and ``FIGURE_KEYS`` are the simulator's flat per-day figures
(:mod:`kiosk.reports.flat`); new code imports from :mod:`kiosk.reports`.
"""

from __future__ import annotations

from kiosk.reports.flat import FIGURE_KEYS, day_figures

__all__ = ["FIGURE_KEYS", "day_figures"]
