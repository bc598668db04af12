"""A village list checked whole: every row's problems, or every row as an :class:`AppointmentIn`.

The header is the first non-blank row (a title row above it, one cell such as
"某某村新冠疫苗预约登记表", is passed over). Every row after it is checked; blank rows are skipped
and keep their numbers; a key (document and dose) seen twice is a problem of the later row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from kiosk.appointments import fields
from kiosk.appointments.fields import CellError, Columns, Field
from kiosk.appointments.model import AppointmentIn, ImportProblem, Progress
from kiosk.appointments.sources import SourceError, open_list
from kiosk.documents import InvalidDocument, parse_document
from kiosk.privacy import mask_text

ProgressFn = Callable[[Progress], None]
PROGRESS_EVERY = 2000  # rows between progress reports
MAX_NAME, MAX_VILLAGE = 100, 64  # the columns' lengths (kiosk/db/schema.py)


class CheckedList:
    """The outcome of :func:`check_file`: ``rows`` when ``problems`` is empty."""

    def __init__(self) -> None:
        self.rows: list[AppointmentIn] = []
        self.problems: list[ImportProblem] = []

    def problem(self, row: int, column: str, code: str, reason: str) -> None:
        self.problems.append(ImportProblem(row, column, code, reason))


def _blank(cells: tuple[object, ...]) -> bool:
    return all(fields.text_of(c) == "" for c in cells)


def _columns(number: int, cells: tuple[object, ...], out: CheckedList) -> Columns | None:
    texts = ["" if cell is None else str(cell).strip() for cell in cells]
    if not any(fields.field_of(text) for text in texts if text):
        # No header at all: a list saved without its header row. Its cells are names, document
        # numbers and phones, which a report of "unknown headers" would repeat: say it once.
        out.problem(number, "", "no_header",
                    f"row {number} is not a header row (no column is one of: "
                    + ", ".join(fields.HEADERS[f][0] for f in fields.REQUIRED)
                    + "); the list needs its header row")  # fmt: skip
        return None
    index: dict[Field, int] = {}
    header: dict[Field, str] = {}
    for at, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()  # as written, for the messages
        if not text:
            continue
        field = fields.field_of(text)
        if field is None:
            shown = mask_text(text)  # a header is not personal data, but a stray cell may be
            out.problem(number, shown, "unknown_header", f"unknown column header {shown!r}")
        elif field in index:
            out.problem(number, text, "duplicate_header",
                        f"a second column for the same thing as {header[field]!r}")  # fmt: skip
        else:
            index[field], header[field] = at, text
    for field in fields.REQUIRED:
        if field not in index:
            name = fields.HEADERS[field][0]
            out.problem(number, name, "missing_header",
                        f"no {name} column ({' / '.join(fields.HEADERS[field])})")  # fmt: skip
    if out.problems:
        return None
    return Columns(index, header, len(cells))


def _find_header(
    rows: Iterator[tuple[int, tuple[object, ...]]], out: CheckedList
) -> Columns | None:
    for number, cells in rows:
        if _blank(cells):
            continue
        filled = [fields.text_of(c) for c in cells if fields.text_of(c)]
        if len(filled) == 1 and fields.field_of(filled[0]) is None:
            continue  # a title row above the headers
        return _columns(number, cells, out)
    out.problem(0, "", "empty", "the file has no header row")
    return None


def check_row(
    number: int, cells: tuple[object, ...], cols: Columns, today: date, out: CheckedList
) -> AppointmentIn | None:
    """``cells`` as an appointment, or None with its problems added to ``out``."""
    before = len(out.problems)
    values: dict[str, object] = {}

    def take(field: Field, parse: Callable[[object], object]) -> None:
        try:
            values[field] = parse(cols.cell(cells, field))
        except CellError as exc:
            out.problem(number, cols.header.get(field, ""), exc.code, exc.reason)

    def required_text(field: Field, limit: int, what: str) -> Callable[[object], str]:
        def parse(value: object) -> str:
            text = fields.text_of(value)
            if not text:
                raise CellError(f"{field}_missing", f"the {what} is empty")
            if len(text) > limit:
                raise CellError(field, f"the {what} is longer than {limit} characters")
            if any(ord(ch) < 32 for ch in text):
                raise CellError(field, f"the {what} holds control characters")
            return text

        return parse

    take("name", required_text("name", MAX_NAME, "name"))
    take("document_type", fields.document_type)
    take("phone", fields.phone)
    take("village", required_text("village", MAX_VILLAGE, "village"))
    take("day", lambda v: fields.day(v, today))
    take("dose_number", fields.dose_number)
    take("standby", fields.yes_no)
    kind = values.get("document_type")
    if isinstance(kind, str):
        _document(number, cells, cols, kind, today, values, out)
    if len(out.problems) > before:
        # A row's problems in the order of its columns, as the spreadsheet shows them.
        where = {text: cols.index[field] for field, text in cols.header.items()}
        out.problems[before:] = sorted(
            out.problems[before:], key=lambda p: where.get(p.column, cols.width)
        )
        return None
    return AppointmentIn(
        row=number,
        name=str(values["name"]),
        document_type=str(values["document_type"]),
        id_number=str(values["id_number"]),
        document_country=str(values["country"]),
        phone=str(values["phone"]),
        village=str(values["village"]),
        day=values["day"],  # type: ignore[arg-type]
        dose_number=int(values["dose_number"]),  # type: ignore[call-overload]
        standby=bool(values["standby"]),
    )


def _document(
    number: int,
    cells: tuple[object, ...],
    cols: Columns,
    kind: str,
    today: date,
    values: dict[str, object],
    out: CheckedList,
) -> None:
    text = fields.text_of(cols.cell(cells, "id_number"))
    country = fields.text_of(cols.cell(cells, "country"))
    column = cols.header["id_number"]
    if not text:
        out.problem(number, column, "document_missing", "the document number is empty")
        return
    try:
        document = parse_document(kind, text, today, country=country or None)
    except InvalidDocument as exc:
        if exc.field == "document_country":
            column = cols.header.get("country") or cols.header.get("document_type", column)
        out.problem(number, column, f"document_{exc.code}", f"document: {exc.message}")
        return
    values["id_number"], values["country"] = document.number, document.country or ""


def check_file(path: Path, today: date, progress: ProgressFn | None = None) -> CheckedList:
    """Every row of the list at ``path`` checked against the rules of its columns."""
    out = CheckedList()
    try:
        with open_list(path) as source:
            cols = _find_header(source.rows, out)
            if cols is None:
                return out
            seen: dict[tuple[str, str, str, int], int] = {}
            done = 0
            for number, cells in source.rows:
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(Progress("checking", done, source.total))
                if _blank(cells):
                    continue
                row = check_row(number, cells, cols, today, out)
                if row is None:
                    continue
                first = seen.setdefault(row.key, number)
                if first != number:
                    out.problem(number, cols.header["id_number"], "duplicate_key",
                                f"the same document and dose as row {first}")  # fmt: skip
                    continue
                out.rows.append(row)
            if progress is not None:
                progress(Progress("checking", done, done))
    except SourceError as exc:
        out.problems.append(ImportProblem(0, "", exc.code, exc.reason))
    if not out.rows and not out.problems:
        out.problem(0, "", "no_rows", "the file has a header but no rows")
    return out
