"""A report as long-form rows (``day,figure,dimension,value``), CSV and JSON.

The CSV has one fixed header on every day, whatever the day's categories, products or reasons: a
breakdown is rows, never columns. It is UTF-8 with a byte-order mark so that a spreadsheet opened
by double-click reads the Chinese right. Values: counts as integers, minutes with one decimal, a
yes/no as 1/0, nothing measured as an empty field. The day column is the day a figure is of; in
the cumulative report the totals carry the last day (``upto``).

Figure names (dimension in brackets):

- day report: every key of ``summary`` (``issued``, ``vaccinated``, ``first_dose_persons``, ...);
  ``status`` (open/closed); ``doses_by_product`` [product], ``doses_by_lot`` [product lot],
  ``doses_by_dose_number`` [1, 2, ...], ``deferrals_by_reason`` / ``waste_by_reason`` /
  ``overrides_by_reason`` [coded reason], ``adverse_by_severity`` [severity];
  ``wait_count`` / ``wait_median_minutes`` / ``wait_p90_minutes`` [stage, see
  :data:`kiosk.reports.model.STAGES`]; ``issued_per_hour`` / ``registered_per_hour`` /
  ``vaccinated_per_hour`` / ``wait_median_minutes_by_hour`` / ``wait_p90_minutes_by_hour``
  [local hour, ``09``]; ``registered_by_desk`` [desk], ``vaccinated_by_station`` [station];
  ``registered_by_desk_hour`` / ``vaccinated_by_station_hour`` [desk or station, a space, the
  local hour: ``登记1 09``];
  ``cleared_to_zero``, ``balanced``, ``doses_in``, ``left_in_open_vials``, ``standby`` [status];
  ``fridge_open_c``, ``fridge_close_c``, ``cold_chain_flag`` [the flag's text];
  ``village_booked``, ``village_vaccinated`` [village]: the day's appointments by village.
- cumulative report: the totals of ``summary`` (``cumulative_doses`` 累计剂次,
  ``cumulative_first_dose_persons`` 第一针剂人数, ``days``, ...) and the breakdowns over all days
  as ``cumulative_doses_by_product`` etc., on the ``upto`` day's rows; per day:
  ``status``, ``issued``, ``doses_given``, ``first_doses``, ``deferred``, ``missed``,
  ``doses_wasted``, ``cleared_to_zero``; coverage by village on the ``upto`` day's rows:
  ``village_registered``, ``village_first_dose``, ``village_completed``, ``village_due``
  [village] (see :mod:`kiosk.reports.villages`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Any

from kiosk.reports.model import CumulativeReport, DayReport, Report

HEADER = ("day", "figure", "dimension", "value")
BOM = "\ufeff"

Row = tuple[str, str, str, str]

_BREAKDOWNS = (
    "doses_by_product",
    "doses_by_lot",
    "doses_by_dose_number",
    "deferrals_by_reason",
    "waste_by_reason",
    "overrides_by_reason",
    "adverse_by_severity",
)


def value_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value - round(value, 1)) < 1e-9 else repr(value)
    return str(value)


def rows(report: Report) -> list[Row]:
    """The report as long-form rows, in a stable order."""
    return list(_day_rows(report) if isinstance(report, DayReport) else _cumulative_rows(report))


def _row(day: date, figure: str, dimension: str, value: object) -> Row:
    return (day.isoformat(), figure, dimension, value_text(value))


def _breakdowns(day: date, report: Report, prefix: str = "") -> Iterator[Row]:
    for name in _BREAKDOWNS:
        for dimension, n in getattr(report, name).items():
            yield _row(day, prefix + name, dimension, n)


def _day_rows(r: DayReport) -> Iterator[Row]:
    d = r.day
    yield _row(d, "status", "", r.status)
    for key, value in r.summary.items():
        yield _row(d, key, "", value)
    yield from _breakdowns(d, r)
    for w in r.waits:
        yield _row(d, "wait_count", w.stage, w.count)
        yield _row(d, "wait_median_minutes", w.stage, w.median_minutes)
        yield _row(d, "wait_p90_minutes", w.stage, w.p90_minutes)
    for h in r.hours:
        yield _row(d, "issued_per_hour", h.hour, h.issued)
        yield _row(d, "registered_per_hour", h.hour, h.registered)
        yield _row(d, "vaccinated_per_hour", h.hour, h.vaccinated)
        yield _row(d, "wait_median_minutes_by_hour", h.hour, h.wait_median_minutes)
        yield _row(d, "wait_p90_minutes_by_hour", h.hour, h.wait_p90_minutes)
    for desk, n in r.registered_by_desk.items():
        yield _row(d, "registered_by_desk", desk, n)
    for station, n in r.vaccinated_by_station.items():
        yield _row(d, "vaccinated_by_station", station, n)
    for desk, by_hour in r.registered_by_desk_hour.items():
        for hour, n in by_hour.items():
            yield _row(d, "registered_by_desk_hour", f"{desk} {hour}", n)
    for station, by_hour in r.vaccinated_by_station_hour.items():
        for hour, n in by_hour.items():
            yield _row(d, "vaccinated_by_station_hour", f"{station} {hour}", n)
    c = r.clearing
    yield _row(d, "cleared_to_zero", "", c.cleared_to_zero)
    yield _row(d, "balanced", "", c.balanced)
    yield _row(d, "doses_in", "", c.doses_in)
    yield _row(d, "left_in_open_vials", "", c.left_in_open_vials)
    for status, n in c.standby.items():
        yield _row(d, "standby", status, n)
    yield _row(d, "fridge_open_c", "", r.fridge.open_c)
    yield _row(d, "fridge_close_c", "", r.fridge.close_c)
    for flag in r.fridge.flags:
        yield _row(d, "cold_chain_flag", flag, 1)
    for v in r.villages:
        yield _row(d, "village_booked", v.village, v.booked)
        yield _row(d, "village_vaccinated", v.village, v.vaccinated)


def _cumulative_rows(r: CumulativeReport) -> Iterator[Row]:
    for key, value in r.summary.items():
        yield _row(r.upto, key, "", value)
    yield from _breakdowns(r.upto, r, "cumulative_")
    for v in r.villages:
        yield _row(r.upto, "village_registered", v.village, v.registered)
        yield _row(r.upto, "village_first_dose", v.village, v.first_dose)
        yield _row(r.upto, "village_completed", v.village, v.completed)
        yield _row(r.upto, "village_due", v.village, v.due)
    for line in r.days:
        d = line.day
        yield _row(d, "status", "", line.status)
        yield _row(d, "issued", "", line.issued)
        yield _row(d, "doses_given", "", line.doses)
        yield _row(d, "first_doses", "", line.first_doses)
        yield _row(d, "deferred", "", line.deferred)
        yield _row(d, "missed", "", line.missed)
        yield _row(d, "doses_wasted", "", line.wasted)
        yield _row(d, "cleared_to_zero", "", line.cleared_to_zero)


def to_csv(report: Report) -> str:
    """The long-form CSV, starting with the byte-order mark (write it encoded as UTF-8)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(report))
    return out.getvalue()


def as_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (dates as ``YYYY-MM-DD``). The time it was made is left
    out: the same day's figures give the same JSON."""
    data = asdict(report)
    data.pop("made_at", None)
    data = {"report": report.kind, **data}
    return _plain(data)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
