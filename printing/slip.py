"""The record slip (接种凭证) the resident takes home after a vaccination, and its wording.

Unlike the ticket, the slip is personal: it names the resident and the dose. It still carries no
full document number (the caller passes it masked, and a number without a mask is refused here),
and its QR payload is an opaque token. Every renderer (PDF, ESC/POS) prints :func:`slip_wording`,
so the Chinese and English lines are worded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from printing.model import new_token

Sex = Literal["male", "female"]
DoseKind = Literal["primary", "booster", "external"]
TEST_MARK = "测试 TEST"

_SEX = {"male": ("男", "Male"), "female": ("女", "Female")}
_DOSE_KIND = {
    "primary": ("基础", "primary"),
    "booster": ("加强", "booster"),
    "external": ("外院补录", "paper record"),
}
_REQUIRED_TEXT = (
    "site_name",
    "name",
    "document_label",
    "document_masked",
    "product",
    "lot",
    "vaccinator",
    "station",
    "token",
)


@dataclass(frozen=True)
class SlipPrint:
    """What a printed record slip shows. ``vaccinated_at`` is aware and in the site's local time.

    ``next_window`` is the next dose's (from, until) window, ``until`` None when open-ended (a
    booster); None when the rules give no further dose.
    """

    site_name: str  # 接种单位
    name: str
    sex: Sex | None
    birth_date: date | None
    document_label: str  # e.g. "居民身份证"
    document_masked: str  # masked by the caller, e.g. "110105********002X"
    product: str
    manufacturer: str  # may be empty: the row is left out
    lot: str
    dose_number: int
    dose_kind: DoseKind
    vaccinated_at: datetime
    vaccinator: str  # the staff member's name
    station: str  # the desk's name
    next_window: tuple[date, date | None] | None
    token: str  # opaque random token (>= 128 bits): the QR payload
    reprint: bool = False  # prints REPRINT_MARK

    def __post_init__(self) -> None:
        if self.vaccinated_at.tzinfo is None or self.vaccinated_at.utcoffset() is None:
            raise ValueError("SlipPrint.vaccinated_at must be timezone-aware (site local time)")
        for field in _REQUIRED_TEXT:
            if not str(getattr(self, field)).strip():
                raise ValueError(f"SlipPrint.{field} must not be empty")
        if "*" not in self.document_masked:
            raise ValueError("SlipPrint.document_masked must be masked (no '*' in it)")
        if self.sex is not None and self.sex not in _SEX:
            raise ValueError(f"SlipPrint.sex must be 'male', 'female' or None, not {self.sex!r}")
        if self.dose_kind not in _DOSE_KIND:
            raise ValueError(
                f"SlipPrint.dose_kind must be one of {', '.join(_DOSE_KIND)}, not {self.dose_kind!r}"
            )
        if self.dose_number < 1:
            raise ValueError("SlipPrint.dose_number must be >= 1")
        if self.next_window is not None:
            start, until = self.next_window
            if until is not None and until < start:
                raise ValueError("SlipPrint.next_window ends before it starts")


@dataclass(frozen=True)
class SlipRow:
    """One labelled line: Chinese label first, English second; ``value_en`` when the value itself
    needs an English version (sex, dose, next dose), printed under ``value``."""

    label_zh: str
    label_en: str
    value: str
    value_en: str = ""

    @property
    def label(self) -> str:
        return f"{self.label_zh} {self.label_en}"


@dataclass(frozen=True)
class SlipWording:
    """The slip's bilingual lines, worded once for every renderer (each adds its own styling)."""

    title_zh: str
    title_en: str
    rows: tuple[SlipRow, ...]  # the record, in print order
    next_dose: SlipRow
    keep_zh: str
    keep_en: str


def dose_text(number: int, kind: DoseKind) -> tuple[str, str]:
    """``("第2剂（基础）", "Dose 2 (primary)")``."""
    zh, en = _DOSE_KIND[kind]
    return f"第{number}剂（{zh}）", f"Dose {number} ({en})"


def next_dose_text(window: tuple[date, date | None] | None) -> tuple[str, str]:
    """``("2026-12-19 至 2027-01-23", "from 2026-12-19 to 2027-01-23")``; open-ended and none too."""
    if window is None:
        return "按程序已完成", "series complete"
    start, until = window
    if until is None:
        return f"{start:%Y-%m-%d} 起", f"from {start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} 至 {until:%Y-%m-%d}", f"from {start:%Y-%m-%d} to {until:%Y-%m-%d}"


def slip_wording(slip: SlipPrint) -> SlipWording:
    """The lines ``slip`` prints. A row whose value is unknown (sex, birth date, manufacturer) is
    left out rather than printed blank."""
    s = slip
    rows = [SlipRow("姓名", "Name", s.name)]
    if s.sex is not None:
        rows.append(SlipRow("性别", "Sex", *_SEX[s.sex]))
    if s.birth_date is not None:
        rows.append(SlipRow("出生日期", "Date of birth", f"{s.birth_date:%Y-%m-%d}"))
    rows.append(SlipRow("证件", "ID document", f"{s.document_label} {s.document_masked}"))
    rows.append(SlipRow("疫苗", "Vaccine", s.product))
    if s.manufacturer.strip():
        rows.append(SlipRow("生产企业", "Manufacturer", s.manufacturer))
    rows.append(SlipRow("批号", "Lot", s.lot))
    rows.append(SlipRow("剂次", "Dose", *dose_text(s.dose_number, s.dose_kind)))
    rows.append(SlipRow("接种时间", "Date and time", f"{s.vaccinated_at:%Y-%m-%d %H:%M}"))
    rows.append(SlipRow("接种单位", "Site", s.site_name))
    rows.append(SlipRow("接种台", "Station", s.station))
    rows.append(SlipRow("接种人员", "Vaccinator", s.vaccinator))
    return SlipWording(
        title_zh="接种凭证",
        title_en="Vaccination record",
        rows=tuple(rows),
        next_dose=SlipRow("下次接种", "Next dose", *next_dose_text(s.next_window)),
        keep_zh="请妥善保管本凭证，下次接种时带来",
        keep_en="Keep this record and bring it to your next dose",
    )


def sample_slip(now: datetime, site_name: str) -> SlipPrint:
    """The slip `kiosk printer test --slip` prints: clearly a test, with a real random token."""
    return SlipPrint(
        site_name=site_name,
        name=f"{TEST_MARK} 样张",
        sex="female",
        birth_date=date(2000, 1, 1),
        document_label=TEST_MARK,
        document_masked="000000********0000",
        product=f"{TEST_MARK} 疫苗",
        manufacturer=TEST_MARK,
        lot="TEST-0000",
        dose_number=1,
        dose_kind="primary",
        vaccinated_at=now,
        vaccinator=TEST_MARK,
        station=TEST_MARK,
        next_window=(now.date() + timedelta(days=21), now.date() + timedelta(days=56)),
        token=new_token(),
    )
