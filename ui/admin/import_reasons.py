"""A village list's problems in the screen's language: each :class:`ImportProblem` carries a
stable code (kiosk/appointments/checking.py, fields.py, sources.py) and an English reason; the
screen says the known codes in words of its own and falls back to the English reason."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from kiosk.appointments.model import ImportProblem


def _texts() -> dict[str, str]:
    # Each in a literal translate() call, so the translation tools find it.
    return {
        "unknown_header": QCoreApplication.translate("ImportReasons", "unknown column header"),
        "duplicate_header": QCoreApplication.translate(
            "ImportReasons", "this column appears twice"
        ),
        "missing_header": QCoreApplication.translate(
            "ImportReasons", "a required column is missing"
        ),
        "empty": QCoreApplication.translate("ImportReasons", "the file has no header row"),
        "no_header": QCoreApplication.translate(
            "ImportReasons",
            "row %1 is not a header row (姓名, 证件号码, 手机号, 村, 预约日期, 剂次): add it",
        ),
        "no_rows": QCoreApplication.translate("ImportReasons", "the file has a header but no rows"),
        "encoding": QCoreApplication.translate(
            "ImportReasons", "the file is neither UTF-8 nor GB18030 text"
        ),
        "missing": QCoreApplication.translate("ImportReasons", "the file cannot be found"),
        "xls": QCoreApplication.translate(
            "ImportReasons", "an old .xls workbook: save it as .xlsx or CSV"
        ),
        "csv": QCoreApplication.translate("ImportReasons", "the CSV file cannot be read"),
        "xlsx": QCoreApplication.translate("ImportReasons", "the workbook cannot be read"),
        "name_missing": QCoreApplication.translate("ImportReasons", "the name is empty"),
        "name": QCoreApplication.translate(
            "ImportReasons", "the name is too long or holds control characters"
        ),
        "village_missing": QCoreApplication.translate("ImportReasons", "the village is empty"),
        "village": QCoreApplication.translate(
            "ImportReasons", "the village is too long or holds control characters"
        ),
        "document_type": QCoreApplication.translate("ImportReasons", "unknown document type"),
        "document_missing": QCoreApplication.translate(
            "ImportReasons", "the document number is empty"
        ),
        "phone_missing": QCoreApplication.translate("ImportReasons", "the phone number is empty"),
        "phone": QCoreApplication.translate(
            "ImportReasons", "not a mobile number or a landline with its area code"
        ),
        "date_missing": QCoreApplication.translate("ImportReasons", "the date is empty"),
        "date": QCoreApplication.translate(
            "ImportReasons", "not a date (write 2026-12-03 or 2026/12/3)"
        ),
        "date_ahead": QCoreApplication.translate(
            "ImportReasons", "the date is more than a year ahead"
        ),
        "dose_missing": QCoreApplication.translate("ImportReasons", "the dose number is empty"),
        "dose": QCoreApplication.translate("ImportReasons", "the dose number is out of range"),
        "standby": QCoreApplication.translate("ImportReasons", "write 是 or 否 (yes or no)"),
        "duplicate_key": QCoreApplication.translate(
            "ImportReasons", "the same document and dose as row %1"
        ),
        "document_checksum": QCoreApplication.translate(
            "ImportReasons", "the ID number's check character is wrong"
        ),
        "document_length": QCoreApplication.translate(
            "ImportReasons", "the document number has the wrong length"
        ),
        "document_birth_date": QCoreApplication.translate(
            "ImportReasons", "the birth date in the number is not valid"
        ),
        "document_region": QCoreApplication.translate(
            "ImportReasons", "the ID number's region code is not valid"
        ),
    }


def reason_text(problem: ImportProblem) -> str:
    """``problem`` said in the current language (the English reason for codes not known here)."""
    text = _texts().get(problem.code)
    if text is None:
        if problem.code.startswith("document_"):
            text = QCoreApplication.translate("ImportReasons", "the document is not valid: %1")
            return text.replace("%1", problem.reason)
        return problem.reason
    if "%1" in text:
        found = re.search(r"\d+", problem.reason)
        text = text.replace("%1", found.group(0) if found else "?")
    return text
