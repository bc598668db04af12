"""The columns of a village list and the values in their cells.

Headers are matched as village staff write them, in any column order, after NFKC (full-width
brackets and slashes become ASCII), without spaces or a trailing ``*`` (a "required" mark), and
case-blind for English. Each value parser returns the stored value or raises :class:`CellError`
with a stable code and an English reason that never repeats a document or phone number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from kiosk.documents import KINDS
from kiosk.phones import PhoneError, normalise_phone

Field = Literal["name", "document_type", "id_number", "country", "phone", "village", "day",
                "dose_number", "standby"]  # fmt: skip

HEADERS: dict[Field, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "document_type": ("证件类型", "document_type", "documenttype", "document type"),
    "id_number": ("证件号码", "身份证号", "身份证号码", "document", "document_number", "id"),
    "country": ("国籍", "签发国", "国家", "country"),
    "phone": ("手机号", "手机号码", "联系电话", "电话", "phone"),
    "village": ("村", "社区", "村/社区", "村(社区)", "村(居)", "village"),
    "day": ("预约日期", "日期", "date"),
    "dose_number": ("剂次", "dose", "dose_number"),
    "standby": ("同意候补", "候补", "standby"),
}
"""Field -> the headers accepted for it (compared after :func:`header_key`)."""

REQUIRED: tuple[Field, ...] = ("name", "id_number", "phone", "village", "day", "dose_number")
OPTIONAL: tuple[Field, ...] = ("document_type", "country", "standby")


def header_key(text: str) -> str:
    """A header as compared: NFKC, no spaces, no trailing required-mark, lower case."""
    key = unicodedata.normalize("NFKC", text).strip().rstrip("*").strip()
    return re.sub(r"\s+", "", key).lower()


_BY_HEADER: dict[str, Field] = {
    header_key(h): field for field, names in HEADERS.items() for h in names
}


def field_of(header: str) -> Field | None:
    """The field a header names (None: not a header this program knows)."""
    return _BY_HEADER.get(header_key(header))


class CellError(ValueError):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def text_of(value: object) -> str:
    """A cell as text: numbers from a spreadsheet without a trailing ``.0``; NFKC, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


# --- document kinds ------------------------------------------------------------------------------

_KIND_NAMES: dict[str, str] = {
    **{header_key(k.code): k.code for k in KINDS.values()},
    **{header_key(k.label): k.code for k in KINDS.values()},
    **{header_key(k.label_en): k.code for k in KINDS.values()},
    header_key("身份证"): "resident_id",
    header_key("居民身份证号"): "resident_id",
    header_key("外国人永久居留证"): "foreign_permanent",
    header_key("港澳通行证"): "hk_macau_permit",
    header_key("回乡证"): "hk_macau_permit",
    header_key("台胞证"): "taiwan_permit",
    header_key("台湾通行证"): "taiwan_permit",
}


def document_type(value: object) -> str:
    """The document kind's code, from its code or its Chinese or English name; blank: the
    resident ID."""
    text = text_of(value)
    if not text:
        return "resident_id"
    code = _KIND_NAMES.get(header_key(text))
    if code is None:
        known = "、".join(k.label for k in KINDS.values())
        raise CellError("document_type", f"unknown document type (known: {known})")
    return code


# --- phones --------------------------------------------------------------------------------------


def phone(value: object) -> str:
    """A Chinese mobile number or a landline with its area code, in the one stored form of
    :mod:`kiosk.phones` (the desk's and the standby list's too), so a phone typed at the kiosk
    finds the list's."""
    text = text_of(value)
    if not text:
        raise CellError("phone_missing", "the phone number is empty")
    try:
        return normalise_phone(text)
    except PhoneError as exc:
        raise CellError("phone", f"the phone number {exc}") from exc


def lookup_phone(text: str) -> str | None:
    """What a resident typed at the kiosk as a stored phone, or None if it cannot be one."""
    try:
        return phone(text)
    except CellError:
        return None


# --- dates ---------------------------------------------------------------------------------------

_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0{1,2}:00(:00)?)?"
)
_EXCEL_EPOCH = date(1899, 12, 30)
MAX_AHEAD_DAYS = 366


def day(value: object, today: date) -> date:
    """YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or a spreadsheet date cell; at most a year
    after ``today`` (a later one is a typing slip)."""
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        # a date cell whose format was lost: days since 1899-12-30 (Excel's serial numbers)
        if not 30000 <= value <= 80000:
            raise CellError("date", "a number that is not a spreadsheet date")
        found = _EXCEL_EPOCH + timedelta(days=int(value))
    else:
        text = text_of(value)
        if not text:
            raise CellError("date_missing", "the date is empty")
        match = _DATE.fullmatch(text)
        if match is None:
            raise CellError("date", "not a date (write 2026-12-03 or 2026/12/3)")
        try:
            found = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise CellError("date", "not a calendar date") from None
    if found > today + timedelta(days=MAX_AHEAD_DAYS):
        raise CellError("date_ahead", "the date is more than a year ahead")
    if found.year < 2000:
        raise CellError("date", "the date is before 2000")
    return found


# --- dose numbers --------------------------------------------------------------------------------

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}  # fmt: skip
MAX_DOSE = 10


def dose_number(value: object) -> int:
    """1..10, written 2, 2.0, 第2剂, 第二剂 or 二."""
    text = text_of(value)
    if not text:
        raise CellError("dose_missing", "the dose number is empty")
    core = re.sub(r"^第|[剂针次]$", "", text).strip()
    number = int(core) if core.isdigit() else _NUMERALS.get(core)
    if number is None or not 1 <= number <= MAX_DOSE:
        raise CellError("dose", f"the dose number must be 1 to {MAX_DOSE}")
    return number


# --- yes / no ------------------------------------------------------------------------------------

_YES = {"是", "同意", "愿意", "y", "yes", "true", "1", "√", "✓"}
_NO = {"", "否", "不同意", "不愿意", "n", "no", "false", "0", "×"}


def yes_no(value: object) -> bool:
    text = text_of(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError("standby", "write 是 or 否 (yes or no)")


@dataclass(frozen=True)
class Columns:
    """Where each field is in a file: its index and its header text as written."""

    index: dict[Field, int]
    header: dict[Field, str]
    width: int

    def cell(self, row: tuple[object, ...], field: Field) -> object:
        at = self.index.get(field)
        return row[at] if at is not None and at < len(row) else None
