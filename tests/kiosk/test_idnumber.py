"""Resident ID numbers (GB 11643-1999)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.idnumber import (
    EARLIEST_BIRTH_DATE,
    IdNumber,
    InvalidIdNumber,
    check_character,
    is_valid_id_number,
    parse_id_number,
)

TODAY = date(2024, 5, 20)


def reference_check(first17: str) -> str:
    """The check character from the standard's own definition, independent of the module:
    the one character c (X = 10) for which sum(a_i * 2^(i-1)) == 1 (mod 11), with i counted
    from the right starting at 1 for the check character itself."""
    for value, char in enumerate("0123456789X"):
        digits = [int(d) for d in first17] + [value]
        total = sum(a * 2 ** (18 - position) for position, a in enumerate(digits, start=1))
        if total % 11 == 1:
            return char
    raise AssertionError("no check character fits")


def with_check(first17: str) -> str:
    return first17 + reference_check(first17)


# --- valid numbers -------------------------------------------------------------------------


def test_well_known_example() -> None:
    parsed = parse_id_number("11010519491231002X", TODAY)
    assert parsed.number == "11010519491231002X"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex == "female"  # 17th digit 2 is even
    assert parsed.region_code == "110105"
    assert parsed.age(TODAY) == 74
    assert is_valid_id_number("11010519491231002X", TODAY)


def test_1880_example_from_the_standard_is_valid() -> None:
    # GB 11643's own example: born 1 January 1880, 17th digit 1 (a man).
    assert check_character("44052418800101001") == "4"
    parsed = parse_id_number("440524188001010014", TODAY)
    assert (parsed.birth_date, parsed.sex) == (date(1880, 1, 1), "male")


def test_male_from_odd_17th_digit() -> None:
    number = with_check("44030419900307541")  # 17th digit 1 -> male
    parsed = parse_id_number(number, TODAY)
    assert parsed.sex == "male"
    assert parsed.birth_date == date(1990, 3, 7)


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",  # lowercase x
        "  11010519491231002X\n",  # spaces from copy and paste or a scanner
        "１１０１０５１９４９１２３１００２Ｘ",  # full width, typed with a Chinese input method
    ],
)
def test_input_is_normalised(text: str) -> None:
    assert parse_id_number(text, TODAY).number == "11010519491231002X"


def test_born_today_is_valid_and_age_zero() -> None:
    number = with_check(f"320102{TODAY:%Y%m%d}123")
    assert parse_id_number(number, TODAY).age(TODAY) == 0


def test_earliest_birth_date_is_accepted() -> None:
    assert EARLIEST_BIRTH_DATE == date(1850, 1, 1)
    assert is_valid_id_number(with_check("11010118500101001"), TODAY)
    assert is_valid_id_number(with_check("11010119000101001"), TODAY)


# --- first-generation numbers (15 digits) ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["110105491231002", " 110105491231002 ", "１１０１０５４９１２３１００２"],
)
def test_15_digit_number_becomes_its_18_character_form(text: str) -> None:
    parsed = parse_id_number(text, TODAY)
    assert parsed.number == "11010519491231002X"
    assert (parsed.birth_date, parsed.sex) == (date(1949, 12, 31), "female")


def test_15_digit_number_of_a_man() -> None:
    parsed = parse_id_number("440304900307541", TODAY)
    assert parsed.number == with_check("44030419900307541")
    assert (parsed.birth_date, parsed.sex) == (date(1990, 3, 7), "male")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("11010549123100X", "characters"),  # no check character in the old numbers
        ("1101054912310A2", "characters"),
        ("010105491231002", "region"),
        ("910105491231002", "region"),
        ("110105490230002", "birth_date"),  # 1949-02-30
        ("110105001301002", "birth_date"),  # month 13
    ],
)
def test_invalid_15_digit_numbers(text: str, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as info:
        parse_id_number(text, TODAY)
    assert info.value.code == code
    assert text not in str(info.value)


def test_age_counts_completed_years() -> None:
    person = parse_id_number(with_check("11010519600615001"), TODAY)
    assert person.age(date(2024, 6, 14)) == 63
    assert person.age(date(2024, 6, 15)) == 64
    with pytest.raises(ValueError):
        person.age(date(1960, 6, 14))


def test_leap_day_birthday() -> None:
    person = parse_id_number(with_check("11010520000229001"), TODAY)
    assert person.birth_date == date(2000, 2, 29)
    assert person.age(date(2023, 2, 28)) == 22
    assert person.age(date(2023, 3, 1)) == 23
    assert person.age(date(2024, 2, 29)) == 24


def test_repr_does_not_show_the_whole_number() -> None:
    parsed = parse_id_number("11010519491231002X", TODAY)
    assert "11010519491231002X" not in repr(parsed)
    assert "11010519491231002X" not in str(parsed)
    assert "110105********002X" in repr(parsed)


# --- invalid numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "length"),
        ("11010519491231002", "length"),  # 17
        ("11010519491231002X1", "length"),  # 19
        ("11010519491231", "length"),  # 14
        ("1101051949123100", "length"),  # 16
        ("1101051949123100X2", "characters"),  # X in the wrong place
        ("X10105194912310021", "characters"),
        ("11010519491231002Y", "characters"),
        ("110105 19491231002", "characters"),
        ("11010519491231002-", "characters"),
        ("01010519491231002X", "region"),
        ("91010519491231002X", "region"),
        ("110105194912310021", "checksum"),  # right number, wrong check character
        ("11010519491231003X", "checksum"),  # one digit changed
        ("11010519491213002X", "checksum"),  # two digits swapped
    ],
)
def test_invalid(text: str, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as info:
        parse_id_number(text, TODAY)
    assert info.value.code == code
    assert info.value.message == str(info.value)
    assert not is_valid_id_number(text, TODAY)


@pytest.mark.parametrize(
    "birth",
    ["19900230", "19900431", "19901301", "19900001", "19900100", "19000229", "20230229"],
)
def test_impossible_birth_dates(birth: str) -> None:
    number = with_check(f"110105{birth}001")  # the checksum is right: only the date is wrong
    with pytest.raises(InvalidIdNumber) as info:
        parse_id_number(number, TODAY)
    assert info.value.code == "birth_date"
    assert "calendar" in info.value.message


def test_future_birth_date() -> None:
    tomorrow = TODAY + timedelta(days=1)
    number = with_check(f"110105{tomorrow:%Y%m%d}001")
    with pytest.raises(InvalidIdNumber) as info:
        parse_id_number(number, TODAY)
    assert (info.value.code, info.value.message) == (
        "birth_date",
        "the birth date is in the future",
    )
    assert is_valid_id_number(number, tomorrow)  # the same number, a day later


def test_before_the_earliest_birth_date() -> None:
    number = with_check("11010518491231001")
    with pytest.raises(InvalidIdNumber, match="before 1850") as info:
        parse_id_number(number, TODAY)
    assert info.value.code == "birth_date"


def test_messages_never_repeat_the_number() -> None:
    for text in (
        "11010519491231003X",
        "1101051949123100X2",
        "11010519491331002X",
        "110105491331002",
        "01010549123100",
    ):
        with pytest.raises(InvalidIdNumber) as info:
            parse_id_number(text, TODAY)
        assert text not in str(info.value) and text[:10] not in str(info.value)


def test_check_character_rejects_bad_input() -> None:
    for bad in ("1234", "1101051949123100X", "１１０１０５１９４９１２３１００２"):
        with pytest.raises(ValueError):
            check_character(bad)


# --- properties ----------------------------------------------------------------------------

birth_dates = st.dates(min_value=EARLIEST_BIRTH_DATE, max_value=TODAY)
regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@given(region=regions, born=birth_dates, sequence=sequences)
def test_any_valid_date_with_the_computed_check_is_valid(
    region: str, born: date, sequence: str
) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    assert check_character(first17) == reference_check(first17)
    parsed = parse_id_number(first17 + check_character(first17), TODAY)
    assert parsed == IdNumber(
        first17 + reference_check(first17), born, "male" if int(sequence[-1]) % 2 else "female"
    )


@given(
    region=regions,
    born=birth_dates,
    sequence=sequences,
    position=st.integers(min_value=0, max_value=17),
    shift=st.integers(min_value=1, max_value=10),
)
def test_changing_any_one_character_makes_it_invalid(
    region: str, born: date, sequence: str, position: int, shift: int
) -> None:
    number = with_check(f"{region}{born:%Y%m%d}{sequence}")
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = alphabet.index(number[position])
    new = alphabet[(old + shift) % len(alphabet)]
    if new == number[position]:  # shift == len(alphabet) on a digit position
        new = alphabet[(old + 1) % len(alphabet)]
    changed = number[:position] + new + number[position + 1 :]
    assert changed != number
    assert not is_valid_id_number(changed, TODAY)
