"""The record slip model: what it refuses, its bilingual wording, and the printer-test sample."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from printing.slip import SlipPrint, sample_slip, slip_wording

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _lines(slip: SlipPrint) -> dict[str, tuple[str, str]]:
    words = slip_wording(slip)
    return {r.label: (r.value, r.value_en) for r in (*words.rows, words.next_dose)}


def test_the_wording_chinese_first_english_second(slip: SlipPrint) -> None:
    words = slip_wording(slip)
    assert (words.title_zh, words.title_en) == ("接种凭证", "Vaccination record")
    assert _lines(slip) == {
        "姓名 Name": ("张伟", ""),
        "性别 Sex": ("男", "Male"),
        "出生日期 Date of birth": ("1985-03-02", ""),
        "证件 ID document": ("居民身份证 110105********002X", ""),
        "疫苗 Vaccine": ("重组带状疱疹疫苗（CHO细胞）", ""),
        "生产企业 Manufacturer": ("北京生物制品研究所有限责任公司", ""),
        "批号 Lot": ("202405A017", ""),
        "剂次 Dose": ("第2剂（基础）", "Dose 2 (primary)"),
        "接种时间 Date and time": ("2026-11-28 09:42", ""),
        "接种单位 Site": ("城关镇卫生院疫苗接种点", ""),
        "接种台 Station": ("接种台 3", ""),
        "接种人员 Vaccinator": ("李红", ""),
        "下次接种 Next dose": ("2026-12-19 至 2027-01-23", "from 2026-12-19 to 2027-01-23"),
    }


@pytest.mark.parametrize(
    ("window", "zh", "en"),
    [
        (None, "按程序已完成", "series complete"),
        ((date(2027, 5, 27), None), "2027-05-27 起", "from 2027-05-27"),
    ],
)
def test_next_dose_complete_or_open_ended(
    slip: SlipPrint, window: tuple[date, None] | None, zh: str, en: str
) -> None:
    next_dose = slip_wording(dataclasses.replace(slip, next_window=window)).next_dose
    assert (next_dose.value, next_dose.value_en) == (zh, en)


@pytest.mark.parametrize(
    ("kind", "zh", "en"),
    [
        ("booster", "第3剂（加强）", "Dose 3 (booster)"),
        ("external", "第3剂（外院补录）", "Dose 3 (paper record)"),
    ],
)
def test_dose_kinds(slip: SlipPrint, kind: Any, zh: str, en: str) -> None:
    lines = _lines(dataclasses.replace(slip, dose_number=3, dose_kind=kind))
    assert lines["剂次 Dose"] == (zh, en)


def test_unknown_values_leave_their_rows_out(slip: SlipPrint) -> None:
    lines = _lines(dataclasses.replace(slip, sex=None, birth_date=None, manufacturer=""))
    assert not {"性别 Sex", "出生日期 Date of birth", "生产企业 Manufacturer"} & set(lines)
    assert _lines(dataclasses.replace(slip, sex="female"))["性别 Sex"] == ("女", "Female")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"vaccinated_at": datetime(2026, 11, 28, 9, 42)}, "aware"),
        ({"token": ""}, "token"),
        ({"name": " "}, "name"),
        ({"lot": ""}, "lot"),
        ({"document_masked": "11010519850302002X"}, "masked"),
        ({"sex": "m"}, "sex"),
        ({"dose_kind": "third"}, "dose_kind"),
        ({"dose_number": 0}, "dose_number"),
        ({"next_window": (date(2027, 1, 23), date(2026, 12, 19))}, "next_window"),
    ],
)
def test_what_the_model_refuses(slip: SlipPrint, change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(slip, **change)


def test_sample_slip_is_marked_as_a_test_with_a_real_token() -> None:
    first, second = sample_slip(NOW, "测试站点"), sample_slip(NOW, "测试站点")
    assert first.site_name == "测试站点" and first.vaccinated_at == NOW
    assert "测试 TEST" in first.name and "测试 TEST" in first.product
    assert first.token != second.token and len(first.token) * 6 >= 128
    assert first.next_window is not None and first.next_window[0] > NOW.date()
