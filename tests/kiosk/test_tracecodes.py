"""Drug traceability codes on vaccine boxes: the 20-digit Chinese code and GS1 element strings."""

from __future__ import annotations

import base64
import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.tracecodes import (
    GS,
    InvalidTraceCode,
    TraceCode,
    gs1_check_digit,
    gs1_year,
    looks_like_trace_code,
    parse_box_codes,
    parse_trace_code,
)

TODAY = date(2026, 11, 28)
GTIN = "06901234567892"
CANONICAL = "(01)06901234567892(17)271231(10)L2026A(21)12345"
EXPECTED = TraceCode(
    kind="gs1",
    code=CANONICAL,
    gtin=GTIN,
    expiry=date(2027, 12, 31),
    lot="L2026A",
    serial="12345",
)
CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"


def reference_check_digit(first13: str) -> str:
    """GS1's mod 10 written out for a GTIN-14: weights 3, 1, 3, … from the left, the check digit
    brings the sum to a multiple of ten."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(first13))
    return str((10 - total % 10) % 10)


def refused(text: str, code: str, **kwargs: str) -> InvalidTraceCode:
    with pytest.raises(InvalidTraceCode) as caught:
        parse_trace_code(text, TODAY, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


# --- the 20-digit Chinese code ----------------------------------------------------------------


def test_twenty_digits() -> None:
    parsed = parse_trace_code("81234567890123456789", TODAY)
    assert parsed == TraceCode(kind="cn20", code="81234567890123456789")
    assert parsed.product_code == "8123456"


def test_twenty_digits_with_surrounding_spaces_and_full_width_digits() -> None:
    assert parse_trace_code("  ８１２３４５６７８９０１２３４５６７８９\t\n", TODAY).code == (
        "81234567890123456789"
    )
    assert parse_trace_code("\u300081234567890123456789\u3000", TODAY).kind == "cn20"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("8123456789012345678", "length"),  # 19
        ("812345678901234567890", "length"),  # 21
        ("8123 4567 8901 2345 6789", "characters"),
        ("8123-4567-8901-2345-6789", "characters"),
        ("8123456789012345678A", "characters"),
        ("A012", "format"),
        ("hello world", "format"),
    ],
)
def test_bad_chinese_codes(text: str, code: str) -> None:
    refused(text, code)


# --- GS1: the forms a scanner or a person sends -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        CANONICAL,
        " (01) 06901234567892 (17) 271231 (10) L2026A (21) 12345 ",  # as printed under a symbol
        "（01）06901234567892（17）271231（10）L2026A（21）12345",  # full-width brackets
        f"]d201{GTIN}17271231" + f"10L2026A{GS}2112345",
        f"01{GTIN}17271231" + f"10L2026A{GS}2112345",
        f"]d2{GS}01{GTIN}17271231" + f"10L2026A{GS}2112345",  # FNC1 in first position
        f"01{GTIN}17271231" + f"10L2026A{GS}2112345{GS}",  # a trailing one
        f"2112345{GS}10L2026A{GS}17271231" + f"01{GTIN}",  # AIs in another order
        "17271231" + f"01{GTIN}{GS}2112345{GS}10L2026A",  # a superfluous GS after (01)
        "(21)12345(10)L2026A(01)06901234567892(17)271231",
    ],
)
def test_gs1_forms(text: str) -> None:
    assert parse_trace_code(text, TODAY) == EXPECTED


@pytest.mark.parametrize("standin", ["|", "<GS>", "~"])
def test_gs1_with_a_stand_in_for_gs(standin: str) -> None:
    raw = f"]d201{GTIN}17271231" + f"10L2026A{standin}2112345"
    assert parse_trace_code(raw, TODAY, gs_standin=standin) == EXPECTED
    assert parse_trace_code(raw.replace(standin, GS), TODAY, gs_standin=standin) == EXPECTED
    other_order = f"10L2026A{standin}2112345{standin}01{GTIN}17271231"
    assert parse_trace_code(other_order, TODAY, gs_standin=standin) == EXPECTED


def test_without_a_stand_in_a_dropped_gs_runs_the_lot_into_the_serial() -> None:
    # What the stand-in is for: nothing in the text shows where the lot ends.
    parsed = parse_trace_code(f"01{GTIN}17271231" + "10L2026A2112345", TODAY)
    assert (parsed.lot, parsed.serial) == ("L2026A2112345", None)


@pytest.mark.parametrize("standin", ["", "1", "G1"])
def test_a_stand_in_must_not_be_empty_or_hold_digits(standin: str) -> None:
    with pytest.raises(ValueError, match="gs_standin"):
        parse_trace_code(CANONICAL, TODAY, gs_standin=standin)


def test_seventeen_and_ten_are_optional() -> None:
    parsed = parse_trace_code(f"01{GTIN}", TODAY)
    assert parsed == TraceCode(kind="gs1", code=f"(01){GTIN}", gtin=GTIN)
    assert parsed.product_code == GTIN
    assert parse_trace_code(f"(01){GTIN}(21)X", TODAY).expiry is None


def test_all_digit_gs1_strings() -> None:
    assert parse_trace_code(f"01{GTIN}17271231", TODAY).expiry == date(2027, 12, 31)
    assert parse_trace_code("17271231" + f"01{GTIN}", TODAY).gtin == GTIN


def test_a_repeated_ai_with_the_same_value_is_harmless_another_value_is_refused() -> None:
    assert parse_trace_code(f"{CANONICAL}(10)L2026A", TODAY) == EXPECTED
    assert "twice" in refused(f"{CANONICAL}(10)L2026B", "gs1_ai").message


def test_a_parenthesis_in_a_lot_is_escaped_in_the_canonical_form() -> None:
    parsed = parse_trace_code(f"01{GTIN}10A(21)B", TODAY)
    assert (parsed.lot, parsed.serial) == ("A(21)B", None)
    assert parsed.code == f"(01){GTIN}(10)A\\(21)B"
    assert parse_trace_code(parsed.code, TODAY) == parsed


# --- GS1: other AIs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"01{GTIN}11250101" + "17271231" + f"10L2026A{GS}2112345",  # (11) production date
        f"01{GTIN}3103000500" + "17271231" + f"10L2026A{GS}2112345",  # (3103) net weight
        f"(01){GTIN}(11)250101(17)271231(240)ABC-1(10)L2026A(21)12345",
        f"01{GTIN}17271231" + f"240ABC-1{GS}10L2026A{GS}2112345",  # (240) ended by GS
        f"01{GTIN}17271231" + f"10L2026A{GS}2112345{GS}710PZN123",  # last, GS seen elsewhere
        f"01{GTIN}17271231" + "10L2026A|240ABC|2112345",
    ],
)
def test_other_ais_are_checked_and_dropped(text: str) -> None:
    assert parse_trace_code(text, TODAY, gs_standin="|") == EXPECTED


def test_an_unknown_variable_ai_that_cannot_be_delimited_is_refused() -> None:
    # No GS anywhere: the (240) may be last, or the scanner may have dropped the GS after it.
    error = refused(f"01{GTIN}17271231" + "240ABC10L2026A", "gs1_ai")
    assert "240A" in error.message and "GS" in error.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (f"01{GTIN}112501", "length"),  # (11) has 6 digits
        (f"01{GTIN}1125010A", "characters"),
        (f"(01){GTIN}(110)250101", "gs1_ai"),
        (f"(01){GTIN}(100)L1", "gs1_ai"),
        (f"(01){GTIN}(240)", "length"),
        (f"(01){GTIN}(240)a b", "characters"),
        (f"01{GTIN}17271231XY", "gs1_ai"),
        (f"]d2(01){GTIN}", "gs1_ai"),
        ("(ab)123", "format"),
        ("L2026A(01)06901234567892", "format"),
    ],
)
def test_malformed_elements(text: str, code: str) -> None:
    refused(text, code)


# --- GS1: the fields ------------------------------------------------------------------------------


def test_wrong_gtin_check_digit() -> None:
    error = refused("(01)06901234567893(10)L1", "gs1_check_digit")
    assert "06901234567893" in error.message and "should be 2" in error.message
    refused("]d2010690123456789310L1", "gs1_check_digit")


@pytest.mark.parametrize(
    ("gtin", "code"),
    [("0690123456789", "length"), ("069012345678920", "length"), ("0690123456789X", "characters")],
)
def test_gtin_must_be_fourteen_digits(gtin: str, code: str) -> None:
    refused(f"(01){gtin}(10)L1", code)


def test_gs1_missing_gtin() -> None:
    refused("(17)271231(10)L2026A", "gs1_missing")
    refused(f"10L2026A{GS}2112345", "gs1_missing")


@pytest.mark.parametrize("yymmdd", ["271301", "270001", "270230", "270431", "271232", "250229"])
def test_impossible_expiry_dates(yymmdd: str) -> None:
    refused(f"(01){GTIN}(17){yymmdd}", "gs1_date")


def test_february_29_in_a_leap_year() -> None:
    assert parse_trace_code(f"(01){GTIN}(17)280229", TODAY).expiry == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("yymmdd", "expiry"),
    [
        ("271200", date(2027, 12, 31)),
        ("270400", date(2027, 4, 30)),
        ("270200", date(2027, 2, 28)),
        ("280200", date(2028, 2, 29)),
    ],
)
def test_day_00_is_the_last_day_of_the_month(yymmdd: str, expiry: date) -> None:
    parsed = parse_trace_code(f"(01){GTIN}(17){yymmdd}", TODAY)
    assert parsed.expiry == expiry
    assert parsed.code == f"(01){GTIN}(17){yymmdd}"  # stored as printed


@pytest.mark.parametrize(
    ("yy", "today", "year"),
    [
        # GS1's rule (General Specifications 7.12; gs1-syntax-dictionary lint_yymmd0.c): a
        # difference from this year's YY of 51..99 is the previous century, -99..-50 the next.
        (27, TODAY, 2027),
        (76, TODAY, 2076),  # 50 ahead
        (77, TODAY, 1977),  # 49 back
        (0, TODAY, 2000),
        (25, date(2075, 6, 1), 2125),  # 50 ahead, into the next century
        (26, date(2075, 6, 1), 2026),  # 49 back
        (99, date(2000, 1, 1), 1999),
    ],
)
def test_century(yy: int, today: date, year: int) -> None:
    assert gs1_year(yy, today) == year


def test_century_follows_today_not_the_system_date() -> None:
    code = f"(01){GTIN}(17)770101"
    assert parse_trace_code(code, date(2026, 1, 1)).expiry == date(1977, 1, 1)
    assert parse_trace_code(code, date(2027, 1, 1)).expiry == date(2077, 1, 1)


def test_lot_and_serial_lengths() -> None:
    assert parse_trace_code(f"(01){GTIN}(10){'L' * 20}(21){'9' * 20}", TODAY).lot == "L" * 20
    error = refused(f"(01){GTIN}(10){'L' * 21}", "length")
    assert "21 characters" in error.message
    refused(f"(01){GTIN}(21){'9' * 21}", "length")
    refused(f"01{GTIN}10{GS}2112345", "length")  # an empty lot
    refused(f"(01){GTIN}(10)", "length")


@pytest.mark.parametrize("lot", ["L 1", "L#1", "L$1", "L@1", "L\\1", "批号1", "L[1]"])
def test_lot_outside_character_set_82(lot: str) -> None:
    error = refused(f"(01){GTIN}(10){lot}", "characters")
    assert "character set 82" in error.message


# --- properties -----------------------------------------------------------------------------------

digits13 = st.text(alphabet="0123456789", min_size=13, max_size=13)
cset82_text = st.text(alphabet=CSET82, min_size=1, max_size=20)


@given(digits13)
def test_any_gtin_with_its_check_digit_is_accepted(first13: str) -> None:
    gtin = first13 + reference_check_digit(first13)
    assert gs1_check_digit(first13) == gtin[13]
    assert parse_trace_code(f"01{gtin}", TODAY).gtin == gtin
    assert parse_trace_code(f"(01){gtin}", TODAY).gtin == gtin


@given(digits13, st.integers(0, 13), st.integers(1, 9))
def test_one_changed_gtin_digit_is_refused(first13: str, position: int, shift: int) -> None:
    gtin = first13 + reference_check_digit(first13)
    changed = gtin[:position] + str((int(gtin[position]) + shift) % 10) + gtin[position + 1 :]
    refused(f"]d201{changed}", "gs1_check_digit")


@st.composite
def gs1_fields(draw: st.DrawFn) -> dict[str, str]:
    first13 = draw(digits13)
    fields = {"01": first13 + reference_check_digit(first13)}
    if draw(st.booleans()):
        day = draw(st.dates(date(1977, 1, 1), date(2076, 12, 31)))  # TODAY's window
        fields["17"] = day.strftime("%y%m") + ("00" if draw(st.booleans()) else f"{day.day:02}")
    for ai in ("10", "21"):
        if draw(st.booleans()):
            fields[ai] = draw(cset82_text)
    return fields


@given(gs1_fields(), st.randoms(use_true_random=False), st.sampled_from(["", "]d2"]))
def test_round_trip(fields: dict[str, str], rng: random.Random, prefix: str) -> None:
    order = list(fields)
    rng.shuffle(order)
    raw = prefix + "".join(f"{ai}{fields[ai]}{GS if ai in ('10', '21') else ''}" for ai in order)
    parsed = parse_trace_code(raw, TODAY)
    assert (parsed.gtin, parsed.lot, parsed.serial) == (
        fields["01"],
        fields.get("10"),
        fields.get("21"),
    )
    assert (parsed.expiry is None) == ("17" not in fields)
    assert parse_trace_code(parsed.code, TODAY) == parsed
    assert parse_trace_code(raw.replace(GS, "|"), TODAY, gs_standin="|") == parsed


@given(st.text(alphabet="0123456789", min_size=20, max_size=20))
def test_chinese_code_round_trip(digits: str) -> None:
    parsed = parse_trace_code(digits, TODAY)
    assert parsed.kind == "cn20"
    assert parse_trace_code(parsed.code, TODAY) == parsed


# --- scanner input: box code or ticket? ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "81234567890123456789",
        "8123456789012345678",  # a mistyped one still goes to the box-code parser
        CANONICAL,
        f"]d201{GTIN}",
        f"10L1{GS}01{GTIN}",
        f"01{GTIN}10L2026A",
        "17271231" + f"01{GTIN}10L2026A",
        f"01{GTIN[:-1]}3",  # a wrong check digit: still a box code, refused by the parser
    ],
)
def test_looks_like_a_trace_code(text: str) -> None:
    assert looks_like_trace_code(text)


def test_stand_in_marks_a_trace_code() -> None:
    assert looks_like_trace_code("10L1|21X", gs_standin="|")
    assert not looks_like_trace_code("10L1|21X")


@pytest.mark.parametrize("text", ["A012", "B103", "", "  ", "hello"])
def test_ticket_labels_do_not_look_like_trace_codes(text: str) -> None:
    assert not looks_like_trace_code(text)


def test_ticket_tokens_do_not_look_like_trace_codes() -> None:
    # secrets.token_urlsafe(16)'s shape, from a seeded generator so the test is reproducible
    rng = random.Random(20261128)
    for _ in range(5000):
        token = base64.urlsafe_b64encode(rng.randbytes(16)).rstrip(b"=").decode()
        assert len(token) == 22
        assert not looks_like_trace_code(token), token


# --- box-code files -----------------------------------------------------------------------------


def test_box_codes_file() -> None:
    lines = [
        "# delivery 2026-11-28, cold chain box 3\n",
        "81234567890123456789\n",
        "\n",
        f"]d201{GTIN}17271231" + f"10L2026A{GS}2112345\r\n",
        "   \n",
        "8123456789012345678\n",  # 19 digits
        f"{CANONICAL}\n",  # the GS1 box again, bracketed
        "  # an indented comment\n",
        "(01)06901234567893(10)L1\n",  # wrong check digit
        "８１２３４５６７８９０１２３４５６７８９\n",  # line 2 again, full width
        "81234567890123456780",
    ]
    codes, bad = parse_box_codes(lines, TODAY)
    assert [c.code for c in codes] == [
        "81234567890123456789",
        CANONICAL,
        "81234567890123456780",
    ]
    assert [number for number, _ in bad] == [6, 7, 9, 10]
    reasons = dict(bad)
    assert "19 digits" in reasons[6]
    assert reasons[7].startswith("duplicate of line 4")
    assert "check digit" in reasons[9]
    assert reasons[10].startswith("duplicate of line 2")


def test_box_codes_file_with_a_stand_in() -> None:
    codes, bad = parse_box_codes(
        [f"01{GTIN}17271231" + "10L2026A|2112345", f"01{GTIN}17271231" + "10L2026A|2112346"],
        TODAY,
        gs_standin="|",
    )
    assert [c.serial for c in codes] == ["12345", "12346"]
    assert bad == []


def test_empty_box_codes_file() -> None:
    assert parse_box_codes([], TODAY) == ([], [])
    assert parse_box_codes(["# nothing yet", ""], TODAY) == ([], [])
