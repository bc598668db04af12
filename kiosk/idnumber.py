"""The Chinese resident identity number (公民身份号码), GB 11643-1999.

Eighteen characters: a 6-digit address code, the birth date as YYYYMMDD, a 3-digit sequence
number (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2
(``0``-``9`` or ``X`` for ten). A first-generation number of 15 digits (address code, birth date
as YYMMDD in the 1900s, sequence number, no check character) is accepted too and returned in its
18-character form: "19" inserted before the year and the check character computed.

Any real birth date is accepted: the standard's own example 440524188001010014 was born in 1880,
so the floor is :data:`EARLIEST_BIRTH_DATE` (1850-01-01, a sanity bound, not a rule of the
standard) and the ceiling the caller's ``today`` (the site's date in its own time zone: this
module never reads the clock).

Input is forgiving about form, strict about content: surrounding spaces are dropped, full-width
characters typed with a Chinese input method ("１１０…") become ASCII, and a lowercase ``x`` becomes
``X``. Errors carry a stable ``code`` for the UI to translate; their messages are English and never
repeat the number (they may end up in logs).

:mod:`kiosk.documents` builds the other identity documents on this module; the foreign permanent
resident card of 2023 has this layout with a leading 9 (:func:`parse_gb11643`).
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
    "Sex",
    "check_character",
    "checked_birth_date",
    "is_valid_id_number",
    "normalise",
    "parse_gb11643",
    "parse_id_number",
]

LENGTH = 18
LEGACY_LENGTH = 15  # first-generation numbers, issued until 2004
EARLIEST_BIRTH_DATE = date(1850, 1, 1)
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, ...
_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11
_DIGITS = frozenset("0123456789")
_REGION_FIRST_DIGITS = "12345678"

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


def normalise(text: str) -> str:
    """``text`` as typed, in the form numbers are checked and stored: NFKC (full-width
    characters become ASCII), surrounding white space dropped, upper case."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def parse_id_number(text: str, today: date) -> IdNumber:
    """The ID number in ``text``, in its 18-character form; raises InvalidIdNumber.

    Checks, in order: length (18, or 15 for a first-generation number), characters, region
    (first digit 1-8), birth date (a real date, not before :data:`EARLIEST_BIRTH_DATE` and not
    after ``today``), check character.
    """
    number = normalise(text)
    if len(number) == LEGACY_LENGTH:
        _check_digits(number)
        number = number[:6] + "19" + number[6:]
        number += check_character(number)
    elif len(number) != LENGTH:
        raise InvalidIdNumber(
            "length", f"an ID number has 18 characters (15 digits if old), not {len(number)}"
        )
    return parse_gb11643(number, today, first_digits=_REGION_FIRST_DIGITS)


def parse_gb11643(number: str, today: date, *, first_digits: str) -> IdNumber:
    """The normalised 18-character ``number`` laid out as GB 11643 (17 digits, the first one of
    ``first_digits``, the birth date at characters 7-14, an odd 17th digit for men, a MOD 11-2
    check character); raises InvalidIdNumber."""
    if len(number) != LENGTH:
        raise InvalidIdNumber("length", f"the number has 18 characters, not {len(number)}")
    body, last = number[:17], number[17]
    _check_digits(body)
    if last not in _DIGITS and last != "X":
        raise InvalidIdNumber("characters", "the last character must be a digit or X")
    if body[0] not in first_digits:
        if first_digits == _REGION_FIRST_DIGITS:
            message = "the address code must start with a digit from 1 to 8"
        else:
            message = "the number starts with the wrong digit"
        raise InvalidIdNumber("region", message)
    birth_date = _birth_date(body[6:14], today)
    if check_character(body) != last:
        raise InvalidIdNumber("checksum", "the check character does not match")
    sex: Sex = "male" if int(body[16]) % 2 else "female"
    return IdNumber(number=number, birth_date=birth_date, sex=sex)


def _check_digits(text: str) -> None:
    bad = next((i for i, ch in enumerate(text) if ch not in _DIGITS), None)
    if bad is not None:
        raise InvalidIdNumber("characters", f"character {bad + 1} must be a digit")


def _birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdNumber("birth_date", "the birth date is not a calendar date") from None
    problem = checked_birth_date(born, today)
    if problem:
        raise InvalidIdNumber("birth_date", problem)
    return born


def checked_birth_date(born: date, today: date) -> str:
    """What is wrong with ``born`` as a birth date on ``today`` (an English message), or ""."""
    if born < EARLIEST_BIRTH_DATE:
        return f"the birth date is before {EARLIEST_BIRTH_DATE.year}"
    if born > today:
        return "the birth date is in the future"
    return ""


def is_valid_id_number(text: str, today: date) -> bool:
    """Whether ``text`` is a valid ID number on ``today`` (see parse_id_number)."""
    try:
        parse_id_number(text, today)
    except InvalidIdNumber:
        return False
    return True
