"""Identity documents of every kind, and the birth date and sex stored with them."""

from __future__ import annotations

import inspect
from datetime import date, timedelta
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kiosk.documents
import kiosk.idnumber
from kiosk.documents import (
    DOCUMENT_TYPES,
    KINDS,
    Document,
    InvalidDocument,
    mask_document_number,
    normalise_country,
    parse_document,
    person_details,
)
from kiosk.idnumber import EARLIEST_BIRTH_DATE, check_character

TODAY = date(2024, 5, 20)
FOREIGN_2023 = "93268219850101001" + check_character("93268219850101001")  # Jiangsu, Saudi
FOREIGN_2017 = "USA110085061213"  # USA, authority 1100, born (19)85-06-12, sequence 1, check 3


def refused(
    document_type: str,
    number: str,
    *,
    country: str | None = None,
    today: date = TODAY,
) -> InvalidDocument:
    """The refusal of the document, after checking that its message does not repeat the
    number, as typed or normalised."""
    with pytest.raises(InvalidDocument) as info:
        parse_document(document_type, number, today, country=country)
    error = info.value
    assert error.message == str(error)
    for form in (number, number.strip().upper()):
        if form:
            assert form not in error.message
            assert form[-8:] not in error.message
    return error


# --- the table of kinds ----------------------------------------------------------------------


def test_kinds_in_desk_order_with_their_labels() -> None:
    assert DOCUMENT_TYPES == (
        "resident_id",
        "foreign_permanent",
        "hk_macau_permit",
        "taiwan_permit",
        "passport",
    )
    assert tuple(KINDS) == DOCUMENT_TYPES
    assert {code: kind.label for code, kind in KINDS.items()} == {
        "resident_id": "居民身份证",
        "foreign_permanent": "外国人永久居留身份证",
        "hk_macau_permit": "港澳居民来往内地通行证",
        "taiwan_permit": "台湾居民来往大陆通行证",
        "passport": "护照",
    }
    assert all(kind.code == code and kind.label_en for code, kind in KINDS.items())
    assert [code for code, kind in KINDS.items() if kind.needs_country] == ["passport"]


@pytest.mark.parametrize(
    ("document_type", "number", "country"),
    [
        ("resident_id", "11010519491231002X", None),
        ("foreign_permanent", FOREIGN_2023, None),
        ("foreign_permanent", FOREIGN_2017, None),
        ("hk_macau_permit", "H1234567890", None),
        ("taiwan_permit", "12345678", None),
        ("passport", "A" * 17, "GBR"),
    ],
)
def test_max_length_fits_the_longest_number(
    document_type: str, number: str, country: str | None
) -> None:
    parsed = parse_document(document_type, number, TODAY, country=country)
    assert len(parsed.number) <= KINDS[document_type].max_length


def test_unknown_type() -> None:
    for document_type in ("", "id", "Passport", "driving_licence"):
        error = refused(document_type, "11010519491231002X")
        assert (error.code, error.field) == ("type", "document_type")


# --- resident ID -----------------------------------------------------------------------------


def test_resident_id_published_examples() -> None:
    assert parse_document("resident_id", "11010519491231002X", TODAY) == Document(
        "resident_id", "11010519491231002X", None, date(1949, 12, 31), "female"
    )
    assert parse_document("resident_id", "440524188001010014", TODAY) == Document(
        "resident_id", "440524188001010014", None, date(1880, 1, 1), "male"
    )


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        " 11010519491231002X\t",
        "110105491231002",  # first generation, 15 digits
    ],
)
def test_resident_id_forms(text: str) -> None:
    assert parse_document("resident_id", text, TODAY).number == "11010519491231002X"


def test_resident_id_legacy_number_gets_its_century_and_check_character() -> None:
    parsed = parse_document("resident_id", "110105491231002", TODAY)
    assert parsed == Document(
        "resident_id", "11010519491231002X", None, date(1949, 12, 31), "female"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("110105194912310021", "checksum"),
        ("11010519491231003X", "checksum"),
        ("11010519490230002" + check_character("11010519490230002"), "birth_date"),
        ("11010518491231002" + check_character("11010518491231002"), "birth_date"),
        ("01010519491231002X", "region"),
        ("91010519491231002X", "region"),
        ("11010519491231002", "length"),
        ("11010519491231002XX", "length"),
        ("", "length"),
        ("1101051949123100A2", "characters"),
        ("ABCDEFGHIJKLMNOPQR", "characters"),
        ("11010549123100X", "characters"),
    ],
)
def test_resident_id_refused(text: str, code: str) -> None:
    error = refused("resident_id", text)
    assert (error.code, error.field) == (code, "id_number")


def test_resident_id_born_tomorrow_is_refused_today() -> None:
    tomorrow = TODAY + timedelta(days=1)
    first17 = f"110105{tomorrow:%Y%m%d}001"
    error = refused("resident_id", first17 + check_character(first17))
    assert (error.code, error.message) == ("birth_date", "the birth date is in the future")
    assert parse_document("resident_id", first17 + check_character(first17), tomorrow)


def test_a_country_is_refused_for_a_resident_id() -> None:
    error = refused("resident_id", "11010519491231002X", country="CHN")
    assert (error.code, error.field) == ("country", "document_country")
    assert parse_document("resident_id", "11010519491231002X", TODAY, country=" ").country is None


# --- foreign permanent resident card ---------------------------------------------------------


def test_foreign_2023_card() -> None:
    parsed = parse_document("foreign_permanent", FOREIGN_2023, TODAY)
    assert parsed == Document("foreign_permanent", FOREIGN_2023, None, date(1985, 1, 1), "male")


def test_foreign_2023_card_of_a_woman() -> None:
    first17 = "91182619991224002"
    parsed = parse_document("foreign_permanent", first17 + check_character(first17), TODAY)
    assert (parsed.birth_date, parsed.sex) == (date(1999, 12, 24), "female")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("11010519491231002X", "format"),  # a resident ID is not a foreign card
        (FOREIGN_2023[:-1] + ("1" if FOREIGN_2023[-1] != "1" else "2"), "checksum"),
        ("9326821985010100A1", "characters"),
        ("93268219850230001" + check_character("93268219850230001"), "birth_date"),
        ("93268220250101001" + check_character("93268220250101001"), "birth_date"),
        (FOREIGN_2023[:17], "length"),
        (FOREIGN_2023 + "1", "length"),
    ],
)
def test_foreign_2023_card_refused(text: str, code: str) -> None:
    assert refused("foreign_permanent", text).code == code


def test_a_2023_foreign_number_is_not_a_resident_id() -> None:
    assert refused("resident_id", FOREIGN_2023).code == "region"


def test_foreign_2017_card() -> None:
    parsed = parse_document("foreign_permanent", FOREIGN_2017, TODAY)
    assert parsed == Document("foreign_permanent", FOREIGN_2017, None, date(1985, 6, 12), None)
    assert parse_document("foreign_permanent", " usa110085061213 ", TODAY).number == FOREIGN_2017
    assert parse_document("foreign_permanent", "ＵＳＡ１１００８５０６１２１３", TODAY).number == (
        FOREIGN_2017
    )


@pytest.mark.parametrize(
    ("yymmdd", "today", "born"),
    [
        ("100612", TODAY, date(2010, 6, 12)),
        ("240520", TODAY, date(2024, 5, 20)),  # born today
        ("240521", TODAY, date(1924, 5, 21)),  # tomorrow in this century: the last one
        ("991231", TODAY, date(1999, 12, 31)),
        ("000229", TODAY, date(2000, 2, 29)),
        ("000229", date(2000, 3, 1), date(2000, 2, 29)),
        ("280229", TODAY, date(1928, 2, 29)),
    ],
)
def test_foreign_2017_card_century(yymmdd: str, today: date, born: date) -> None:
    parsed = parse_document("foreign_permanent", f"GBR3100{yymmdd}27", today)
    assert parsed.birth_date == born


@pytest.mark.parametrize(
    ("text", "today", "code", "field"),
    [
        ("XYZ110085061213", TODAY, "country", "id_number"),  # not a real nationality
        ("U5A110085061213", TODAY, "characters", "id_number"),
        ("USA11008506121A", TODAY, "characters", "id_number"),
        ("USA110085133213", TODAY, "birth_date", "id_number"),  # month 13
        ("USA110085023013", TODAY, "birth_date", "id_number"),  # 30 February
        ("USA110025022913", TODAY, "birth_date", "id_number"),  # 29 February 1925 and 2025
        # 29 February 2000 is still to come, and 1900 had none:
        ("USA110000022913", date(2000, 1, 15), "birth_date", "id_number"),
        ("USA11008506121", TODAY, "length", "id_number"),
        ("USA1100850612130", TODAY, "length", "id_number"),
    ],
)
def test_foreign_2017_card_refused(text: str, today: date, code: str, field: str) -> None:
    error = refused("foreign_permanent", text, today=today)
    assert (error.code, error.field) == (code, field)


# --- Hong Kong and Macao, Taiwan -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("H12345678", "H12345678"),
        ("M87654321", "M87654321"),
        ("h12345678", "H12345678"),
        ("Ｈ１２３４５６７８", "H12345678"),
        ("H1234567890", "H1234567890"),  # the older permits
        ("M0123456789", "M0123456789"),
    ],
)
def test_hk_macau_permit(text: str, number: str) -> None:
    assert parse_document("hk_macau_permit", text, TODAY) == Document("hk_macau_permit", number)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("X12345678", "format"),
        ("112345678", "format"),
        ("H1234567A", "characters"),
        ("HH1234567", "characters"),
        ("H1234567", "length"),
        ("H123456789", "length"),
        ("H123456789012", "length"),
        ("12345678", "length"),
    ],
)
def test_hk_macau_permit_refused(text: str, code: str) -> None:
    error = refused("hk_macau_permit", text)
    assert (error.code, error.field) == (code, "id_number")


def test_taiwan_permit() -> None:
    assert parse_document("taiwan_permit", "１２３４５６７８", TODAY) == Document(
        "taiwan_permit", "12345678"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [("1234567", "length"), ("123456789", "length"), ("T1234567", "characters")],
)
def test_taiwan_permit_refused(text: str, code: str) -> None:
    assert refused("taiwan_permit", text).code == code


# --- passports and countries -----------------------------------------------------------------


def test_passport() -> None:
    parsed = parse_document("passport", " e12345678 ", TODAY, country="chn")
    assert parsed == Document("passport", "E12345678", "CHN")
    assert (parsed.birth_date, parsed.sex) == (None, None)
    assert parse_document("passport", "ＡＢ１２３", TODAY, country="ｇｂｒ").country == "GBR"


@pytest.mark.parametrize(
    ("text", "country", "code", "field"),
    [
        ("E12345678", None, "country", "document_country"),
        ("E12345678", "  ", "country", "document_country"),
        ("E12345678", "XYZ", "country", "document_country"),
        ("E12345678", "CN", "country", "document_country"),  # alpha-2
        ("E12345678", "156", "country", "document_country"),  # numeric
        ("E123", "CHN", "length", "id_number"),
        ("E12345678901234567", "CHN", "length", "id_number"),
        ("E1234-5678", "CHN", "characters", "id_number"),
        ("E1234 5678", "CHN", "characters", "id_number"),
        ("E1234-5678", "XYZ", "characters", "id_number"),  # the number first
    ],
)
def test_passport_refused(text: str, country: str | None, code: str, field: str) -> None:
    error = refused("passport", text, country=country)
    assert (error.code, error.field) == (code, field)


@pytest.mark.parametrize(
    ("text", "code"),
    [("chn", "CHN"), (" GBR ", "GBR"), ("ｕｓａ", "USA"), ("twn", "TWN"), ("hkg", "HKG")],
)
def test_normalise_country(text: str, code: str) -> None:
    assert normalise_country(text) == code


@pytest.mark.parametrize("text", ["", "XYZ", "CN", "CHINA", "C1N", "UK"])
def test_normalise_country_refuses(text: str) -> None:
    with pytest.raises(InvalidDocument) as info:
        normalise_country(text)
    assert (info.value.code, info.value.field) == ("country", "document_country")


# --- masking ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "shown"),
    [
        (Document("resident_id", "11010519491231002X"), "110105********002X"),
        (Document("passport", "E12345678", "CHN"), "*******78"),
        (Document("hk_macau_permit", "H1234567890"), "*********90"),
        (Document("foreign_permanent", FOREIGN_2017), "*************13"),
        (Document("passport", "AB123", "GBR"), "*****"),
    ],
)
def test_repr_masks_the_number(document: Document, shown: str) -> None:
    assert document.number not in repr(document)
    assert document.number not in str(document)
    assert shown in repr(document)
    assert mask_document_number(document.number) == shown


# --- person details --------------------------------------------------------------------------

RESIDENT = parse_document("resident_id", "11010519491231002X", TODAY)
PASSPORT = parse_document("passport", "E12345678", TODAY, country="CHN")
OLD_FOREIGN = parse_document("foreign_permanent", "GBR310010061227", TODAY)  # born (20)10


def test_details_from_a_document_that_carries_them() -> None:
    assert person_details(RESIDENT, None, None, TODAY) == (date(1949, 12, 31), "female")
    assert person_details(RESIDENT, date(1949, 12, 31), "female", TODAY) == (
        date(1949, 12, 31),
        "female",
    )


@pytest.mark.parametrize(
    ("birth_date", "sex", "code"),
    [
        (date(1949, 12, 30), None, "birth_date"),
        (None, "male", "sex"),
        (None, "woman", "sex"),
        (TODAY + timedelta(days=1), None, "birth_date"),
    ],
)
def test_details_that_disagree_with_the_document(
    birth_date: date | None, sex: str | None, code: str
) -> None:
    with pytest.raises(InvalidDocument) as info:
        person_details(RESIDENT, birth_date, sex, TODAY)
    assert (info.value.code, info.value.field) == (code, code)
    assert RESIDENT.number not in info.value.message


def test_details_given_for_a_document_that_carries_none() -> None:
    assert person_details(PASSPORT, date(1990, 1, 2), "male", TODAY) == (date(1990, 1, 2), "male")
    assert person_details(PASSPORT, TODAY, "female", TODAY) == (TODAY, "female")
    assert person_details(PASSPORT, EARLIEST_BIRTH_DATE, "female", TODAY)[0] == (
        EARLIEST_BIRTH_DATE
    )


@pytest.mark.parametrize(
    ("birth_date", "sex", "code"),
    [
        (None, "male", "birth_date"),
        (date(1990, 1, 2), None, "sex"),
        (date(1990, 1, 2), "", "sex"),
        (date(1990, 1, 2), "other", "sex"),
        (date(1990, 1, 2), "Male", "sex"),
        (TODAY + timedelta(days=1), "male", "birth_date"),
        (EARLIEST_BIRTH_DATE - timedelta(days=1), "male", "birth_date"),
    ],
)
def test_details_refused_for_a_document_that_carries_none(
    birth_date: date | None, sex: str | None, code: str
) -> None:
    with pytest.raises(InvalidDocument) as info:
        person_details(PASSPORT, birth_date, sex, TODAY)
    assert (info.value.code, info.value.field) == (code, code)


def test_details_for_a_2017_foreign_card_carrying_the_birth_date_only() -> None:
    assert OLD_FOREIGN.birth_date == date(2010, 6, 12)
    assert person_details(OLD_FOREIGN, None, "male", TODAY) == (date(2010, 6, 12), "male")
    # the same YYMMDD a century earlier: the two-digit year cannot tell them apart
    assert person_details(OLD_FOREIGN, date(1910, 6, 12), "female", TODAY) == (
        date(1910, 6, 12),
        "female",
    )
    for birth_date, sex, code in (
        (None, None, "sex"),
        (date(2010, 6, 13), "male", "birth_date"),
        (date(1810, 6, 12), "male", "birth_date"),
    ):
        with pytest.raises(InvalidDocument) as info:
            person_details(OLD_FOREIGN, birth_date, sex, TODAY)
        assert info.value.code == code


def test_details_for_a_2023_foreign_card() -> None:
    card = parse_document("foreign_permanent", FOREIGN_2023, TODAY)
    assert person_details(card, None, None, TODAY) == (date(1985, 1, 1), "male")
    with pytest.raises(InvalidDocument, match="does not match"):
        person_details(card, date(1985, 1, 1), "female", TODAY)


# --- the clock -------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [kiosk.documents, kiosk.idnumber])
def test_the_modules_never_read_the_clock(module: ModuleType) -> None:
    source = inspect.getsource(module)
    for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
        assert call not in source


# --- properties ------------------------------------------------------------------------------

birth_dates = st.dates(min_value=EARLIEST_BIRTH_DATE, max_value=TODAY)
regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@given(region=regions, born=birth_dates, sequence=sequences)
def test_any_real_date_with_the_computed_check_is_a_resident_id(
    region: str, born: date, sequence: str
) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    parsed = parse_document("resident_id", first17 + check_character(first17), TODAY)
    assert parsed.birth_date == born
    assert parsed.sex == ("male" if int(sequence[-1]) % 2 else "female")


@given(
    region=regions,
    born=birth_dates,
    sequence=sequences,
    position=st.integers(min_value=0, max_value=16),
    shift=st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_makes_a_resident_id_invalid(
    region: str, born: date, sequence: str, position: int, shift: int
) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    number = first17 + check_character(first17)
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    assert changed != number
    with pytest.raises(InvalidDocument) as info:
        parse_document("resident_id", changed, TODAY)
    assert info.value.code in {"region", "birth_date", "checksum"}
    assert changed not in info.value.message


@given(born=birth_dates, sequence=sequences)
def test_any_real_date_with_the_computed_check_is_a_2023_foreign_card(
    born: date, sequence: str
) -> None:
    first17 = f"932682{born:%Y%m%d}{sequence}"
    parsed = parse_document("foreign_permanent", first17 + check_character(first17), TODAY)
    assert (parsed.birth_date, parsed.sex) == (
        born,
        "male" if int(sequence[-1]) % 2 else "female",
    )
