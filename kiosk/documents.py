"""Identity documents a person may register with, each checked by the rules of its kind.

Kinds (their codes are stored in the database and exported; never rename one):

- ``resident_id``: the resident identity number, GB 11643-1999 (:mod:`kiosk.idnumber`); a
  first-generation 15-digit number is returned in its 18-character form. Birth date and sex
  come from the number.
- ``foreign_permanent``: the foreign permanent resident ID card. The 2023 card has 18 characters
  in the GB 11643 layout with a leading 9 (then a 2-digit authority code, a 3-digit nationality
  code, the birth date, a 3-digit sequence whose last digit is odd for men, a MOD 11-2 check
  character): birth date and sex come from the number. The 2017 card has 15: the nationality as
  three letters (ISO 3166-1 alpha-3), a 4-digit authority code, the birth date as YYMMDD, a
  sequence digit and a check digit whose algorithm is not public: format, nationality and birth
  date are checked, and the birth date's century is the latest one that puts it no later than
  ``today``. It carries the birth date but not the sex.
- ``hk_macau_permit``: H (Hong Kong) or M (Macao) and 8 digits, or 10 on the older permits.
- ``taiwan_permit``: 8 digits.
- ``passport``: 5 to 17 letters and digits, with the issuing country (ISO 3166-1 alpha-3),
  which is required.

:attr:`Document.country` is the issuing country, so only passports have one; the nationality
letters of a 2017 foreign card stay in its number. The permits and passports carry neither
birth date nor sex: :func:`person_details` takes them from the desk instead.

Input is forgiving about form (NFKC, so full-width characters become ASCII; surrounding spaces
dropped; upper case) and strict about content. Errors carry a stable ``code`` and the ``field``
at fault for the UI to translate; their English messages never repeat the number (they may end
up in logs). ``today`` is the site's date in its own time zone: this module never reads the
clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

import pycountry

from kiosk.idnumber import (
    InvalidIdNumber,
    Sex,
    checked_birth_date,
    normalise,
    parse_gb11643,
    parse_id_number,
)
from kiosk.privacy import mask_id_number

__all__ = [
    "DOCUMENT_TYPES",
    "KINDS",
    "Document",
    "DocumentKind",
    "DocumentType",
    "InvalidDocument",
    "mask_document_number",
    "normalise_country",
    "parse_document",
    "person_details",
]

DocumentType = Literal[
    "resident_id", "foreign_permanent", "hk_macau_permit", "taiwan_permit", "passport"
]
Field = Literal["document_type", "id_number", "document_country", "birth_date", "sex"]

DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    "resident_id",
    "foreign_permanent",
    "hk_macau_permit",
    "taiwan_permit",
    "passport",
)  # in the order a desk offers them

PASSPORT_LENGTHS = range(5, 18)
_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SEXES: dict[str, Sex] = {"male": "male", "female": "female"}


@dataclass(frozen=True)
class DocumentKind:
    code: DocumentType
    label: str  # the document's official Chinese name
    label_en: str
    needs_country: bool  # the issuing country is part of the document
    max_length: int  # of the normalised number


KINDS: Mapping[str, DocumentKind] = MappingProxyType(
    {
        kind.code: kind
        for kind in (
            DocumentKind("resident_id", "居民身份证", "Resident identity card", False, 18),
            DocumentKind(
                "foreign_permanent",
                "外国人永久居留身份证",
                "Foreign permanent resident ID card",
                False,
                18,
            ),
            DocumentKind(
                "hk_macau_permit",
                "港澳居民来往内地通行证",
                "Mainland travel permit for Hong Kong and Macao residents",
                False,
                11,
            ),
            DocumentKind(
                "taiwan_permit",
                "台湾居民来往大陆通行证",
                "Mainland travel permit for Taiwan residents",
                False,
                8,
            ),
            DocumentKind("passport", "护照", "Passport", True, PASSPORT_LENGTHS[-1]),
        )
    }
)


class InvalidDocument(ValueError):
    """The document is not valid. ``code`` is one of "type", "length", "characters",
    "format", "region", "birth_date", "checksum", "country", "sex"; ``field`` names the input
    at fault: "document_type", "id_number", "document_country", "birth_date" or "sex"."""

    def __init__(self, code: str, message: str, field: Field = "id_number") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field: Field = field

    def __repr__(self) -> str:
        return f"InvalidDocument({self.code!r}, {self.message!r}, field={self.field!r})"


def mask_document_number(number: str) -> str:
    """``number`` with most of it starred: an 18-character number as
    :func:`kiosk.privacy.mask_id_number` does; a shorter one keeps its last 2 characters (8 or
    more) or nothing (fewer), since keeping 10 of an 11-character permit would hide nothing."""
    if len(number) >= 18:
        return mask_id_number(number)
    if len(number) >= 8:
        return "*" * (len(number) - 2) + number[-2:]
    return "*" * len(number)


@dataclass(frozen=True)
class Document:
    type: DocumentType
    number: str  # normalised, as stored
    country: str | None = None  # issuing country, ISO 3166-1 alpha-3: passports only
    birth_date: date | None = None  # when the number carries it
    sex: Sex | None = None  # likewise

    @property
    def kind(self) -> DocumentKind:
        return KINDS[self.type]

    def __repr__(self) -> str:  # keeps the full number out of logs and tracebacks
        return (
            f"Document({self.type!r}, {mask_document_number(self.number)!r}, "
            f"country={self.country!r})"
        )

    __str__ = __repr__


def normalise_country(text: str) -> str:
    """The ISO 3166-1 alpha-3 code in ``text`` ("chn" -> "CHN"); raises InvalidDocument
    ("country", field "document_country") unless it is one of the assigned codes."""
    code = normalise(text)
    if not _is_country(code):
        raise InvalidDocument(
            "country", "the country is not an ISO 3166-1 alpha-3 code", "document_country"
        )
    return code


def _is_country(code: str) -> bool:
    return (
        len(code) == 3
        and set(code) <= _LETTERS
        and pycountry.countries.get(alpha_3=code) is not None
    )


def parse_document(
    document_type: str, number: str, today: date, *, country: str | None = None
) -> Document:
    """The document of kind ``document_type`` numbered ``number``; raises InvalidDocument.

    ``country`` is the issuing country: required for passports, and refused for every other
    kind (a blank string counts as none). The number is checked before the country.
    """
    kind = KINDS.get(document_type)
    if kind is None:
        raise InvalidDocument("type", "unknown document type", "document_type")
    text = normalise(number)
    given_country = normalise(country) if country is not None else ""
    if kind.code == "passport":
        _passport_number(text)
        if not given_country:
            raise InvalidDocument("country", "the issuing country is required", "document_country")
        return Document("passport", text, normalise_country(given_country))
    if kind.code == "resident_id":
        document = _resident_id(text, today)
    elif kind.code == "foreign_permanent":
        document = _foreign_permanent(text, today)
    elif kind.code == "hk_macau_permit":
        document = _hk_macau_permit(text)
    else:
        document = _taiwan_permit(text)
    if given_country:
        raise InvalidDocument(
            "country", "this kind of document has no issuing country", "document_country"
        )
    return document


def _resident_id(text: str, today: date) -> Document:
    try:
        parsed = parse_id_number(text, today)
    except InvalidIdNumber as exc:
        raise InvalidDocument(exc.code, exc.message) from None
    return Document("resident_id", parsed.number, None, parsed.birth_date, parsed.sex)


def _foreign_permanent(text: str, today: date) -> Document:
    if len(text) == 18:
        if text[0] != "9":
            raise InvalidDocument("format", "an 18-character card number starts with 9")
        try:
            parsed = parse_gb11643(text, today, first_digits="9")
        except InvalidIdNumber as exc:
            raise InvalidDocument(exc.code, exc.message) from None
        return Document("foreign_permanent", parsed.number, None, parsed.birth_date, parsed.sex)
    if len(text) == 15:
        _expect(text[:3], _LETTERS, "the first 3 characters must be letters")
        _expect(text[3:], _DIGITS, "the last 12 characters must be digits")
        if not _is_country(text[:3]):
            raise InvalidDocument(
                "country", "the nationality is not an ISO 3166-1 alpha-3 code", "id_number"
            )
        born = _two_digit_year_date(text[7:13], today)
        return Document("foreign_permanent", text, None, born, None)
    raise InvalidDocument(
        "length", f"a foreign permanent resident card has 18 or 15 characters, not {len(text)}"
    )


def _two_digit_year_date(digits: str, today: date) -> date:
    """The date written YYMMDD in ``digits``: the latest one not after ``today``."""
    year, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    calendar_dates = []
    for century in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        try:
            calendar_dates.append(date(century + year, month, day))
        except ValueError:
            continue
    if not calendar_dates:
        raise InvalidDocument("birth_date", "the birth date is not a calendar date")
    past = [born for born in calendar_dates if born <= today]
    if not past:
        raise InvalidDocument("birth_date", "the birth date is in the future")
    born = max(past)
    problem = checked_birth_date(born, today)
    if problem:
        raise InvalidDocument("birth_date", problem)
    return born


def _hk_macau_permit(text: str) -> Document:
    if len(text) not in (9, 11):
        raise InvalidDocument(
            "length", f"a Hong Kong or Macao permit has 9 or 11 characters, not {len(text)}"
        )
    if text[0] not in "HM":
        raise InvalidDocument("format", "a Hong Kong or Macao permit starts with H or M")
    _expect(text[1:], _DIGITS, "every character after the letter must be a digit")
    return Document("hk_macau_permit", text)


def _taiwan_permit(text: str) -> Document:
    if len(text) != 8:
        raise InvalidDocument("length", f"a Taiwan permit has 8 digits, not {len(text)}")
    _expect(text, _DIGITS, "a Taiwan permit has digits only")
    return Document("taiwan_permit", text)


def _passport_number(text: str) -> None:
    if len(text) not in PASSPORT_LENGTHS:
        raise InvalidDocument(
            "length",
            f"a passport number has {PASSPORT_LENGTHS[0]} to {PASSPORT_LENGTHS[-1]} "
            f"characters, not {len(text)}",
        )
    _expect(text, _LETTERS | _DIGITS, "a passport number has letters and digits only")


def _expect(text: str, allowed: frozenset[str], message: str) -> None:
    if not set(text) <= allowed:
        raise InvalidDocument("characters", message)


def person_details(
    document: Document, birth_date: date | None, sex: str | None, today: date
) -> tuple[date, Sex]:
    """The birth date and sex to store for the holder of ``document``.

    The document's own when it carries them: a given value that disagrees is refused (codes
    "birth_date" and "sex", fields of the same names). Otherwise the given ones, which are then
    required: a birth date from :data:`~kiosk.idnumber.EARLIEST_BIRTH_DATE` to ``today``, a sex
    of "male" or "female" (a blank sex counts as none).

    A 2017 foreign card writes the year with two digits; its holder may be a century older than
    the number suggests, so a given birth date with the same YYMMDD, in range, is taken.
    """
    born = _birth_date(document, birth_date, today)
    given_sex = _SEXES.get(sex) if sex else None
    if sex and given_sex is None:
        raise InvalidDocument("sex", 'the sex must be "male" or "female"', "sex")
    if document.sex is not None:
        if given_sex is not None and given_sex != document.sex:
            raise InvalidDocument("sex", "the sex does not match the document", "sex")
        return born, document.sex
    if given_sex is None:
        raise InvalidDocument("sex", "the sex is required for this document", "sex")
    return born, given_sex


def _birth_date(document: Document, given: date | None, today: date) -> date:
    if given is not None:
        problem = checked_birth_date(given, today)
        if problem:
            raise InvalidDocument("birth_date", problem, "birth_date")
    carried = document.birth_date
    if carried is None:
        if given is None:
            raise InvalidDocument(
                "birth_date", "the birth date is required for this document", "birth_date"
            )
        return given
    if given is None or given == carried:
        return carried
    two_digit_year = document.type == "foreign_permanent" and len(document.number) == 15
    if two_digit_year and f"{given:%y%m%d}" == f"{carried:%y%m%d}":
        return given
    raise InvalidDocument("birth_date", "the birth date does not match the document", "birth_date")
