"""The record sent upward: one row per dose, in a fixed set of columns, as CSV or JSON.

Rows are written as they are read (:meth:`kiosk.engine.record.RecordOps.export_rows` streams
them), so an export of months holds one batch in memory, never the whole file. CSV is UTF-8 with a
byte order mark, so a spreadsheet opens it in Chinese. Times carry the site's UTC offset; a dose
entered from a paper record has only the date it was given.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any
from zoneinfo import ZoneInfo

from kiosk.model import Dose, Person

PERSON_COLUMNS = (
    "site",
    "document_type",
    "document_number",
    "document_country",
    "name",
    "sex",
    "birth_date",
)
COLUMNS = (
    *PERSON_COLUMNS,
    "product",
    "manufacturer",
    "lot",
    "trace_code",
    "dose_number",
    "dose_kind",
    "vaccinated_at",
    "station",
    "nurse",
    "override_reason",
    "corrected",
)


def dose_row(dose: Dose, person: Person, site: str, tz: ZoneInfo) -> dict[str, Any]:
    """One exported row: ``dose`` of ``person``, at ``site`` (its name), times in ``tz``."""
    when = (
        dose.vaccinated_at.astimezone(tz).isoformat(timespec="seconds")
        if dose.vaccinated_at is not None
        else dose.given_on.isoformat()
    )
    return {
        **_person_fields(person, site),
        "product": dose.product,
        "manufacturer": dose.manufacturer,
        "lot": dose.lot,
        "trace_code": dose.trace_code or "",
        "dose_number": dose.dose_number,
        "dose_kind": dose.kind,
        "vaccinated_at": when,
        "station": dose.station,
        "nurse": dose.nurse,
        "override_reason": dose.override_reason or "",
        "corrected": dose.corrected,
    }


AEFI_COLUMNS = (
    *PERSON_COLUMNS,
    "product",
    "manufacturer",
    "lot",
    "dose_number",
    "vaccinated_at",
    "station",
    "vaccinator",
    "onset_at",
    "signs",
    "severity",
    "action",
    "outcome",
    "closed_at",
    "nurse",
)


def aefi_rows(source: Iterable[Any], site: str, tz: ZoneInfo) -> Iterator[dict[str, Any]]:
    """The adverse-event line list (AEFI) from ``RecordOps.adverse_event_rows``: each event with
    the dose it followed; ``nurse`` is who recorded the event."""

    def at(moment: Any) -> str:
        return moment.astimezone(tz).isoformat(timespec="seconds") if moment else ""

    for r in source:
        yield {
            **_person_fields(r, site),
            "product": r.product or "",
            "manufacturer": r.manufacturer or "",
            "lot": r.lot or "",
            "dose_number": r.dose_number,
            "vaccinated_at": at(r.vaccinated_at),
            "station": r.station or "",
            "vaccinator": r.vaccinator or "",
            "onset_at": at(r.onset_at),
            "signs": r.symptoms,
            "severity": r.severity,
            "action": r.action,
            "outcome": r.outcome or "",
            "closed_at": at(r.closed_at),
            "nurse": r.recorded_by or "",
        }


def _person_fields(person: Any, site: str) -> dict[str, Any]:
    """The person's columns of a row (``person``: a Person, or a row with the same fields)."""
    return {
        "site": site,
        "document_type": person.document_type or "",
        "document_number": person.id_number or "",
        "document_country": person.document_country or "",
        "name": person.name,
        "sex": person.sex or "",
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
    }


def person_dict(person: Person) -> dict[str, Any]:
    """The person as `kiosk record show --json` gives them."""
    fields = _person_fields(person, "")
    del fields["site"]
    return {**fields, "phone": person.phone or ""}


def write_csv(
    rows: Iterable[dict[str, Any]], out: IO[str], columns: tuple[str, ...] = COLUMNS
) -> int:
    """``rows`` as CSV (header first, ``true``/``false`` for booleans); the number of rows."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        count += 1
    return count


def write_json(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """``rows`` as one JSON array of objects, written row by row; the number of rows."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def rows(source: Iterable[Any], site: str, tz: ZoneInfo) -> Iterator[dict[str, Any]]:
    """Exported rows from joined dose-and-person rows (``RecordOps.export_rows``)."""
    for r in source:
        person = Person(
            r.person_id, r.name, r.id_number, None, r.document_type,
            r.document_country or None, r.birth_date, r.sex,
        )  # fmt: skip
        yield dose_row(Dose.from_row(r), person, site, tz)
