"""Rows out of a village list, streamed: CSV in UTF-8 (with or without a BOM) or GB18030, as
spreadsheets in China save them, or the first sheet of an XLSX workbook.

The CSV's encoding is found by one pass of incremental UTF-8 decoding (a file that decodes as
UTF-8 is UTF-8: GB18030 text almost never does); otherwise GB18030, which must decode too. The
rows are then read as a stream, so a 50,000-row file never sits in memory as text. Rows come
numbered as the spreadsheet shows them (the first line is row 1); a quoted cell spanning lines is
one row, as a spreadsheet shows it.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


class SourceError(ValueError):
    """The file cannot be read as a village list at all (code, English reason)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """An opened list: its rows (number, cells) and an estimate of how many there are."""

    rows: Iterator[tuple[int, tuple[object, ...]]]
    total: int | None


def detect_encoding(path: Path) -> str:
    """ "utf-8-sig" (UTF-8, a BOM or none) or "gb18030"; raises SourceError for neither."""
    with path.open("rb") as f:
        head = f.read(3)
        f.seek(0)
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        for encoding in ("utf-8", "gb18030"):
            decoder = codecs.getincrementaldecoder(encoding)()
            f.seek(0)
            try:
                while chunk := f.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return "utf-8-sig" if encoding == "utf-8" else encoding
    raise SourceError("encoding", "the file is neither UTF-8 nor GB18030 text")


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            count += chunk.count(b"\n")
    return count


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") or zipfile.is_zipfile(path)


@contextmanager
def open_list(path: Path) -> Iterator[Source]:
    """The rows of ``path``; raises SourceError for a file that is not a list this reads."""
    if not path.is_file():
        raise SourceError("missing", f"no such file: {path}")
    if path.suffix.lower() == ".xls":
        raise SourceError("xls", "an old .xls workbook: save it as .xlsx or CSV")
    if is_xlsx(path):
        with _xlsx(path) as source:
            yield source
    else:
        with _csv(path) as source:
            yield source


@contextmanager
def _csv(path: Path) -> Iterator[Source]:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as f:
        first = f.readline()
        f.seek(0)
        delimiter = "\t" if "\t" in first and "," not in first else ","

        def rows() -> Iterator[tuple[int, tuple[object, ...]]]:
            for number, cells in enumerate(csv.reader(f, delimiter=delimiter), start=1):
                yield number, tuple(cells)

        try:
            yield Source(rows(), max(1, _count_lines(path)))
        except csv.Error as exc:
            raise SourceError("csv", f"the CSV cannot be read: {exc}") from None


@contextmanager
def _xlsx(path: Path) -> Iterator[Source]:
    import openpyxl  # only for workbooks: it takes a while to import

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError("xlsx", f"the workbook cannot be read: {exc}") from None
    try:
        sheet = book.worksheets[0]
        total = sheet.max_row if isinstance(sheet.max_row, int) else None

        def rows() -> Iterator[tuple[int, tuple[object, ...]]]:
            number = 0
            for cells in sheet.iter_rows(values_only=True):
                number += 1
                yield number, tuple(cells)

        yield Source(rows(), total)
    finally:
        book.close()
