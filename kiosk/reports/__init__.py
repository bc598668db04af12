"""The reports (issue 15): the day report and the cumulative report, as plain data, long-form CSV
and JSON. The PDF is drawn by the printing package (kiosk/ never imports it, nor reportlab).

The API the admin screen and ``kiosk report`` call::

    from kiosk.reports import build_day_report, build_cumulative_report, to_csv, to_json

    report = build_day_report(engine, day, progress=None)        # -> DayReport
    report = build_cumulative_report(engine, upto, progress=None)  # -> CumulativeReport
    to_csv(report)   # str: UTF-8 BOM + "day,figure,dimension,value" rows (write it as UTF-8)
    to_json(report)  # str
    rows(report)     # [(day, figure, dimension, value), ...] as text

The A4 PDF of a report is drawn outside this package, by ``write_report`` / ``render_report`` in
the printing package's ``report_pdf`` module (embedded CJK font), which the console script and
the admin screen call.

``progress(done, total)`` is called after each step (a handful of grouped queries, then one per
page drawn); it runs on the calling thread, so a screen passes a callable that posts to its own
thread. Both builders only read (one snapshot per step) and may run off the GUI thread. A day that
was never opened raises :class:`kiosk.errors.DayNotOpen`.

Modules: :mod:`~kiosk.reports.model` (the frozen dataclasses), :mod:`~kiosk.reports.day`,
:mod:`~kiosk.reports.cumulative` (the queries), :mod:`~kiosk.reports.formats` (rows, CSV, JSON),
:mod:`~kiosk.reports.flat` (the simulator's flat per-day figures), :mod:`~kiosk.reports.stats`,
:mod:`~kiosk.reports.villages` (coverage by village, from the village lists of issue 17).
"""

from __future__ import annotations

from kiosk.reports.cumulative import build_cumulative_report
from kiosk.reports.day import build_day_report
from kiosk.reports.formats import HEADER, as_dict, rows, to_csv, to_json
from kiosk.reports.model import (
    STAGES,
    CumulativeReport,
    DayLine,
    DayReport,
    HourFigures,
    Progress,
    Report,
    StageWait,
    VillageCoverage,
    VillageDay,
)

__all__ = [
    "HEADER",
    "STAGES",
    "CumulativeReport",
    "DayLine",
    "DayReport",
    "HourFigures",
    "Progress",
    "Report",
    "StageWait",
    "VillageCoverage",
    "VillageDay",
    "as_dict",
    "build_cumulative_report",
    "build_day_report",
    "rows",
    "to_csv",
    "to_json",
]
