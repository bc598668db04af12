"""Village lists for the tests: residents with valid documents, written as CSV (three encodings)
or XLSX, with Chinese or English headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kiosk.idnumber import check_character

ZH = ("姓名", "证件类型", "证件号码", "手机号", "村（社区）", "预约日期", "剂次", "同意候补")
EN = ("name", "document_type", "document", "phone", "village", "date", "dose", "standby")
VILLAGES = ("东风村", "红星社区", "向阳村")
SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜秀英敏静丽强磊"


def resident_id(n: int, born: str = "19600101") -> str:
    body = f"330106{born}{n % 1000:03d}"
    return body + check_character(body)


def resident(n: int, day: date, dose: int = 1) -> list[object]:
    """Resident ``n``: a distinct document (birth dates vary with n), name, phone, village."""
    born = f"{1940 + n % 60}{1 + n % 12:02d}{1 + n % 28:02d}"
    name = SURNAMES[n % 10] + GIVEN[(n // 10) % 10] + GIVEN[(n // 100) % 10]
    return [name, "居民身份证", resident_id(n, born), f"139{n:08d}",
            VILLAGES[n % 3], day.isoformat(), str(dose), "是" if n % 2 else "否"]  # fmt: skip


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[object]], encoding: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def write_csv(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], encoding: str = "utf-8"
) -> Path:
    path.write_bytes(csv_bytes(header, rows, encoding))
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("预约")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
