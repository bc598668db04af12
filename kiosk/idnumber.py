"""The Chinese resident identity number (公民身份号码), GB 11643-1999.

Eighteen characters: a 6-digit address code, the birth date as YYYYMMDD, a 3-digit sequence
number (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2
(``0``-``9`` or ``X`` for ten).

Input is forgiving about form, strict about content: surrounding spaces are dropped, full-width
characters typed with a Chinese input method ("１１０…") become ASCII, and a lowercase ``x`` becomes
``X``. Errors carry a stable ``code`` for the UI to translate; their messages are English and never
repeat the number (they may end up in logs).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kiosk.privacy import mask_id_number

__all__ = [
    "EARLIEST_BIRTH_DATE",
    "IdNumber",
    "InvalidIdNumber",
    "check_character",
    "is_valid_id_number",
    "parse_id_number",
]

LENGTH = 18
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, ...
_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11
_DIGITS = frozenset("0123456789")

Sex = Literal["male", "female"]


class InvalidIdNumber(ValueError):
    """The text is not a valid ID number. ``code`` is one of: "length", "characters",
    "region", "birth_date", "checksum"."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"InvalidIdNumber({self.code!r}, {self.message!r})"


@dataclass(frozen=True)
class IdNumber:
    number: str  # normalised: 18 ASCII characters, check character uppercase
    birth_date: date
    sex: Sex

    @property
    def region_code(self) -> str:
        return self.number[:6]

    def age(self, on: date) -> int:
        """Completed years on the day ``on`` (someone born on 29 February turns a year older
        on 1 March in common years)."""
        if on < self.birth_date:
            raise ValueError("the date is before the birth date")
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday

    def __repr__(self) -> str:  # keeps the full number out of logs and tracebacks
        return f"IdNumber({mask_id_number(self.number)!r})"

    __str__ = __repr__


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not set(first17) <= _DIGITS:
        raise ValueError("expected exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().upper()


def parse_id_number(text: str, today: date) -> IdNumber:
    """The ID number in ``text``; raises InvalidIdNumber.

    Checks, in order: length, characters, region (first digit 1-8), birth date (a real date,
    not before 1900-01-01 and not after ``today``), check character.
    """
    number = _normalise(text)
    if len(number) != LENGTH:
        raise InvalidIdNumber("length", f"an ID number has 18 characters, not {len(number)}")
    body, last = number[:17], number[17]
    if not set(body) <= _DIGITS:
        where = next(i for i, ch in enumerate(body) if ch not in _DIGITS) + 1
        raise InvalidIdNumber("characters", f"character {where} must be a digit")
    if last not in _DIGITS and last != "X":
        raise InvalidIdNumber("characters", "the last character must be a digit or X")
    if body[0] not in "12345678":
        raise InvalidIdNumber("region", "the address code must start with a digit from 1 to 8")
    birth_date = _birth_date(body[6:14], today)
    if check_character(body) != last:
        raise InvalidIdNumber("checksum", "the check character does not match")
    sex: Sex = "male" if int(body[16]) % 2 else "female"
    return IdNumber(number=number, birth_date=birth_date, sex=sex)


def _birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdNumber("birth_date", "the birth date is not a calendar date") from None
    if born < EARLIEST_BIRTH_DATE:
        raise InvalidIdNumber("birth_date", "the birth date is before 1900")
    if born > today:
        raise InvalidIdNumber("birth_date", "the birth date is in the future")
    return born


def is_valid_id_number(text: str, today: date) -> bool:
    """Whether ``text`` is a valid ID number on ``today`` (see parse_id_number)."""
    try:
        parse_id_number(text, today)
    except InvalidIdNumber:
        return False
    return True
