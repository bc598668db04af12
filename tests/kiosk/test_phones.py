from __future__ import annotations

import pytest

from kiosk.phones import PhoneError, normalise_phone


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("008619912345678", "19912345678"),
        ("010-62345678", "010-62345678"),
        ("(0755)2234567", "0755-2234567"),
        ("0371 61234567", "0371-61234567"),
        ("021（62345678）", "021-62345678"),
    ],
)
def test_good_numbers_have_one_stored_form(text: str, stored: str) -> None:
    assert normalise_phone(text) == stored


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("1381234567", "not a mobile number"),
        ("12812345678", "not a mobile number"),
        ("22345678", "needs a mobile number"),
        ("0755-123", "area code"),
        ("138-1234-567x", "only digits"),
    ],
)
def test_bad_numbers_say_why_without_the_number(text: str, reason: str) -> None:
    with pytest.raises(PhoneError) as caught:
        normalise_phone(text)
    assert reason in str(caught.value)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 4:
        assert digits not in str(caught.value)


def test_the_country_code_alone_is_taken_off_only_before_a_mobile() -> None:
    assert normalise_phone("8613812345678") == "13812345678"
    assert normalise_phone("86 138 1234 5678") == "13812345678"
    with pytest.raises(PhoneError):
        normalise_phone("862234567")  # not a mobile after 86, and no area code
