"""Masking names, ID numbers and phones; the logging filter."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.privacy import PersonalDataFilter, mask_id_number, mask_name, mask_phone, mask_text

ID = "11010519491231002X"
MOBILE = "13812345678"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("李四", "李*"),
        ("王", "王"),
        ("欧阳娜娜", "欧**娜"),
        ("爱新觉罗溥仪", "爱****仪"),
        ("买买提·艾力", "买*提·艾*"),
        (" 张三明 ", "张*明"),
        ("", ""),
        ("John Smith", "J*** S****"),
        ("Mary-Jane O'Neil", "M***-J*** O'N***"),
        ("Li", "L*"),
        ("A", "A"),
        ("José Núñez", "J*** N****"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=3))
def test_chinese_name_shows_only_first_and_last(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name)
    assert masked[0] == name[0] and masked[-1] == name[-1]
    assert set(masked[1:-1]) == {"*"}


def test_mask_id_number() -> None:
    assert mask_id_number(ID) == "110105********002X"
    assert mask_id_number("440524188001010014") == "440524********0014"
    assert mask_id_number(" 11010519491231002x ") == "110105********002x"
    assert mask_id_number("1234567890") == "**********"  # too short to keep 6 + 4: star it all
    assert mask_id_number("") == ""


def test_mask_phone() -> None:
    assert mask_phone(MOBILE) == "138****5678"
    assert mask_phone("138-1234-5678") == "138-****-5678"
    assert mask_phone("+86 138 1234 5678") == "+86 1** **** 5678"
    assert mask_phone("0571-88123456") == "057*-****3456"
    assert mask_phone("1234567") == "*******"  # too short: star it all


def test_mask_text_finds_numbers_in_free_text() -> None:
    text = (
        f"person id={ID} phone {MOBILE}; 身份证{ID[:-1]}x号，电话+86{MOBILE}，"
        "备用 139-8765-4321, 0086 15900001111"
    )
    assert mask_text(text) == (
        "person id=110105********002X phone 138****5678; 身份证110105********002x号，"
        "电话+86138****5678，备用 139-****-4321, 0086 159****1111"
    )


@pytest.mark.parametrize(
    "text",
    [
        "ticket A001 called at 登记1",
        "day 2024-05-20 capacity 600",
        "seq 12345678901234567890 (20 digits: not an ID)",
        "12345678901 is not a mobile (starts 12)",
        "138123456789 has 12 digits",
        "token 3f9a1c0b7e",
    ],
)
def test_mask_text_leaves_other_text_alone(text: str) -> None:
    assert mask_text(text) == text


# --- the logging filter with a real logger ---------------------------------------------------


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    log = logging.getLogger("tests.kiosk.privacy")
    log.setLevel(logging.DEBUG)
    personal = PersonalDataFilter()
    log.addFilter(personal)
    yield log
    log.removeFilter(personal)


def test_filter_masks_the_final_message(
    logger: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger=logger.name):
        logger.info("registered %s phone=%s ticket %s", ID, MOBILE, "A001")
        logger.warning("scan: " + ID)
        logger.debug("nothing personal %d", 42)
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "registered 110105********002X phone=138****5678 ticket A001",
        "scan: 110105********002X",
        "nothing personal 42",
    ]
    assert ID not in caplog.text and MOBILE not in caplog.text
    assert all(record.args is None for record in caplog.records)


def test_filter_on_a_handler_covers_every_logger(caplog: pytest.LogCaptureFixture) -> None:
    personal = PersonalDataFilter()
    caplog.handler.addFilter(personal)
    try:
        with caplog.at_level(logging.INFO):
            logging.getLogger("some.other.module").info("call %s", {"phone": MOBILE})
    finally:
        caplog.handler.removeFilter(personal)
    assert caplog.records[0].getMessage() == "call {'phone': '138****5678'}"


def test_filter_masks_tracebacks(logger: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger=logger.name):
        try:
            raise ValueError(f"cannot parse {ID}")
        except ValueError:
            logger.exception("import failed")
    assert "ValueError: cannot parse 110105********002X" in caplog.text
    assert ID not in caplog.text


def test_filter_survives_bad_arguments(
    logger: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger=logger.name):
        logger.info("two placeholders %s %s", MOBILE)
    (record,) = caplog.records
    assert record.getMessage() == (
        "two placeholders %s %s (unformattable arguments ('138****5678',))"
    )


def test_filter_never_drops_records() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "plain", None, None)
    assert PersonalDataFilter().filter(record) is True
    assert record.getMessage() == "plain"
