"""A village list's problems in the screen's language: each :class:`ImportProblem` carries a
stable code (kiosk/appointments/checking.py, fields.py, sources.py) and an English reason; the
screen says the known codes in words of its own and falls back to the English reason."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from kiosk.appointments.model import ImportProblem


def _texts() -> dict[str, str]:
    # Each in a literal translate() call, so the translation tools find it.
    t = QCoreApplication.translate
    return {
        "unknown_header": t("ImportReasons", "unknown column header"),
        "duplicate_header": t("ImportReasons", "this column appears twice"),
        "missing_header": t("ImportReasons", "a required column is missing"),
        "empty": t("ImportReasons", "the file has no header row"),
        "no_rows": t("ImportReasons", "the file has a header but no rows"),
        "encoding": t("ImportReasons", "the file is neither UTF-8 nor GB18030 text"),
        "missing": t("ImportReasons", "the file cannot be found"),
        "xls": t("ImportReasons", "an old .xls workbook: save it as .xlsx or CSV"),
        "csv": t("ImportReasons", "the CSV file cannot be read"),
        "xlsx": t("ImportReasons", "the workbook cannot be read"),
        "name_missing": t("ImportReasons", "the name is empty"),
        "name": t("ImportReasons", "the name is too long or holds control characters"),
        "village_missing": t("ImportReasons", "the village is empty"),
        "village": t("ImportReasons", "the village is too long or holds control characters"),
        "document_type": t("ImportReasons", "unknown document type"),
        "document_missing": t("ImportReasons", "the document number is empty"),
        "phone_missing": t("ImportReasons", "the phone number is empty"),
        "phone": t("ImportReasons", "not a mobile number or a landline with its area code"),
        "date_missing": t("ImportReasons", "the date is empty"),
        "date": t("ImportReasons", "not a date (write 2026-12-03 or 2026/12/3)"),
        "date_ahead": t("ImportReasons", "the date is more than a year ahead"),
        "dose_missing": t("ImportReasons", "the dose number is empty"),
        "dose": t("ImportReasons", "the dose number is out of range"),
        "standby": t("ImportReasons", "write 是 or 否 (yes or no)"),
        "duplicate_key": t("ImportReasons", "the same document and dose as row %1"),
        "document_checksum": t("ImportReasons", "the ID number's check character is wrong"),
        "document_length": t("ImportReasons", "the document number has the wrong length"),
        "document_birth_date": t("ImportReasons", "the birth date in the number is not valid"),
        "document_region": t("ImportReasons", "the ID number's region code is not valid"),
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
