"""Drug traceability codes (药品追溯码) on vaccine boxes: the two forms a box carries.

**The Chinese code**: 20 digits, the first 7 naming the product and its packaging, then a serial.
Neither part has a check digit anyone outside the issuer can compute, so only the form is checked.
Surrounding spaces are dropped and full-width digits become ASCII (NFKC); nothing else is forgiven
(no inner spaces or hyphens).

**A GS1 element string**, as a DataMatrix scanner sends it or as printed under the symbol:

- raw: ``]d2`` (the AIM symbology identifier, optional) then AIs and their data, a variable-length
  field ended by GS (ASCII 29) unless it is last. Scanners that cannot send GS send a configured
  stand-in instead (``gs_standin``, e.g. ``"|"``); a GS in first position (FNC1) is dropped.
- bracketed: ``(01)06901234567892(17)271231(10)L2026A(21)12345``, spaces between elements allowed;
  a ``(`` inside a lot or serial is written ``\\(`` as in GS1's Barcode Syntax Engine.

The AIs read are (01) GTIN-14 with its mod-10 check digit, (17) expiry YYMMDD (day 00: the last day
of the month; the century by GS1's rule, the year within 49 years before and 50 after ``today``'s),
(10) lot and (21) serial, each 1-20 characters of GS1's character set 82, in any order. (01) is
required; **(17) and (10) are not**: a code without them parses, with ``expiry``/``lot`` None, and
the caller decides whether a box without them can be received. Other AIs are checked for form and
dropped: those of GS1's predefined-length table (e.g. (11) production date) by their length, any
other (e.g. (240), (710)) up to the next GS. A raw code with an unknown AI running to its end and
no GS anywhere is refused: it cannot be told from a scanner that dropped the separators.

``TraceCode.code`` is the canonical form stored and compared: the 20 digits, or
``(01)…(17)…(10)…(21)…`` in that order with the dropped AIs left out. It parses back to the same
TraceCode (given the same ``today``, which only decides the century of the expiry).

Errors carry a stable ``code`` for the UI to translate and an English message; a box code is not
personal data, so messages may quote it. This module never reads the clock.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "GS",
    "InvalidTraceCode",
    "TraceCode",
    "gs1_check_digit",
    "gs1_year",
    "looks_like_trace_code",
    "parse_box_codes",
    "parse_trace_code",
]

GS = "\x1d"  # group separator: FNC1 as a scanner transmits it
SYMBOLOGY_ID = "]d2"  # AIM identifier of a GS1 DataMatrix
CN_LENGTH = 20
CN_PRODUCT_LENGTH = 7
MAX_VARIABLE_LENGTH = 20  # (10) and (21): X..20

# GS1 General Specifications, "element strings with predefined length": the first two digits of
# an AI and the length of the whole element (AI included). These need no GS after them; every
# other AI does, whatever its own length.
_PREDEFINED_LENGTH = {
    **dict.fromkeys(("00",), 20),
    **dict.fromkeys(("01", "02", "03"), 16),
    "04": 18,
    **dict.fromkeys(("11", "12", "13", "14", "15", "16", "17", "18", "19"), 8),
    "20": 4,
    **dict.fromkeys(("31", "32", "33", "34", "35", "36"), 10),
    "41": 16,
}
_AI_DIGITS = {
    prefix: 4 if prefix[0] == "3" else 3 if prefix == "41" else 2 for prefix in _PREDEFINED_LENGTH
}
_READ = ("01", "17", "10", "21")  # also the canonical order
_VARIABLE_READ = frozenset({"10", "21"})
_NAMES = {"01": "GTIN", "17": "expiry date", "10": "lot", "21": "serial number"}
_DIGITS = frozenset("0123456789")
_CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
_SPACES = " \t\r\n\f\v"  # not str.strip(): Python counts GS as white space
_BRACKETED_AI = re.compile(r"(?<!\\)\((\d{2,4})\)")

ErrorCode = Literal[
    "empty",
    "characters",
    "length",
    "gs1_check_digit",
    "gs1_date",
    "gs1_ai",
    "gs1_missing",
    "format",
]


class InvalidTraceCode(ValueError):
    """The text is not a box code. ``code`` is one of: "empty", "characters", "length",
    "gs1_check_digit", "gs1_date", "gs1_ai" (an AI that is malformed, repeated with another
    value or cannot be delimited), "gs1_missing" (no (01)), "format" (neither form)."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message

    def __repr__(self) -> str:
        return f"InvalidTraceCode({self.code!r}, {self.message!r})"


@dataclass(frozen=True)
class TraceCode:
    kind: Literal["cn20", "gs1"]
    code: str  # canonical: the 20 digits, or "(01)…(17)…(10)…(21)…" (see the module docstring)
    gtin: str | None = None  # GTIN-14, check digit verified
    expiry: date | None = None  # day 00 resolved to the month's last day
    lot: str | None = None
    serial: str | None = None

    @property
    def product_code(self) -> str:
        """What names the product and packaging: the first 7 digits, or the GTIN."""
        if self.kind == "cn20":
            return self.code[:CN_PRODUCT_LENGTH]
        assert self.gtin is not None
        return self.gtin


@dataclass(frozen=True)
class _Element:
    ai: str
    data: str


def gs1_check_digit(digits: str) -> str:
    """The GS1 mod-10 check digit for ``digits`` (a GTIN-14's first 13, or any GS1 key body):
    weights 3, 1, 3, … from the right."""
    if not digits or not set(digits) <= _DIGITS:
        raise ValueError("expected ASCII digits")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str(-total % 10)


def gs1_year(yy: int, today: date) -> int:
    """The four-digit year of a GS1 two-digit year (General Specifications, "determination of
    century in dates"): within 49 years before and 50 years after ``today``'s year."""
    if not 0 <= yy <= 99:
        raise ValueError("expected a two-digit year")
    difference = yy - today.year % 100
    century = today.year // 100 * 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    return century + yy


def parse_trace_code(text: str, today: date, *, gs_standin: str | None = None) -> TraceCode:
    """The box code in ``text``; raises InvalidTraceCode. ``today`` (the site's date) decides
    the century of a GS1 expiry; ``gs_standin`` is what the scanner sends for GS, if not GS."""
    standin = _standin(gs_standin)
    s = _normalise(text)
    if not s:
        raise InvalidTraceCode("empty", "no code was given")
    if s.startswith(SYMBOLOGY_ID):
        return _gs1(_raw_elements(s[len(SYMBOLOGY_ID) :], standin), today)
    if s.startswith("("):
        return _gs1(_bracketed_elements(s), today)
    if GS in s or (standin is not None and standin in s):
        return _gs1(_raw_elements(s, standin), today)
    if _is_digits(s):
        if len(s) == CN_LENGTH:
            return TraceCode(kind="cn20", code=s)
        try:
            return _gs1(_raw_elements(s, standin), today)
        except InvalidTraceCode as error:
            if s.startswith("01"):
                raise
            raise InvalidTraceCode(
                "length",
                f"{s!r} has {len(s)} digits: a Chinese drug traceability code has {CN_LENGTH} "
                f"(read as a GS1 element string: {error.message})",
            ) from None
    if s[:2] in _PREDEFINED_LENGTH or s[:2] in _VARIABLE_READ:
        return _gs1(_raw_elements(s, standin), today)
    compact = s.replace(" ", "").replace("-", "")
    if _is_digits(compact) and len(compact) == CN_LENGTH:
        raise InvalidTraceCode(
            "characters", f"{s!r}: a 20-digit traceability code has no spaces or hyphens inside"
        )
    if len(s) == CN_LENGTH:
        raise InvalidTraceCode("characters", f"{s!r}: a 20-digit traceability code has only digits")
    raise InvalidTraceCode(
        "format", f"{s!r} is neither a 20-digit traceability code nor a GS1 element string"
    )


def parse_box_codes(
    lines: str | Iterable[str], today: date, *, gs_standin: str | None = None
) -> tuple[list[TraceCode], list[tuple[int, str]]]:
    """A box-codes file (its text, or its lines), one code per line: the codes in order, and
    each bad line as (line number from 1, reason). Blank lines and lines starting with # are
    skipped; a code already read (the same canonical form) is a bad line naming the line it
    repeats. Text is split at line ends only: ``str.splitlines`` would also split at GS1's group
    separator (0x1D) inside a code."""
    if isinstance(lines, str):
        lines = lines.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    codes: list[TraceCode] = []
    bad: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip(_SPACES)
        if not stripped or stripped.startswith("#"):
            continue
        try:
            parsed = parse_trace_code(stripped, today, gs_standin=gs_standin)
        except InvalidTraceCode as error:
            bad.append((number, error.message))
            continue
        first = seen.get(parsed.code)
        if first is not None:
            bad.append((number, f"duplicate of line {first}: {parsed.code}"))
            continue
        seen[parsed.code] = number
        codes.append(parsed)
    return codes, bad


def looks_like_trace_code(text: str, *, gs_standin: str | None = None) -> bool:
    """Whether scanner input has the shape of a box code (valid or not) rather than a ticket's
    QR token (22 URL-safe base64 characters) or label ("A012"): a GS1 marker (``]d2``, GS or
    the stand-in, a bracketed AI), 16 or more digits, or a raw element string holding (01)."""
    standin = _standin(gs_standin)
    s = _normalise(text)
    if s.startswith((SYMBOLOGY_ID, "(")) or GS in s or (standin is not None and standin in s):
        return True
    if _is_digits(s) and len(s) >= 16:
        return True
    try:
        return any(element.ai == "01" for element in _raw_elements(s, standin))
    except InvalidTraceCode:
        return False


# --- GS1 --------------------------------------------------------------------------------------


def _raw_elements(s: str, standin: str | None) -> list[_Element]:
    """The elements read from an unbracketed element string; others checked and dropped."""
    if standin is not None:
        s = s.replace(standin, GS)
    separated = GS in s
    elements: list[_Element] = []
    pos = 0
    while pos < len(s):
        if s[pos] == GS:  # FNC1 in first position, or a harmless one after a fixed-length field
            pos += 1
            continue
        prefix = s[pos : pos + 2]
        if len(prefix) < 2 or not _is_digits(prefix):
            raise InvalidTraceCode(
                "gs1_ai",
                f"expected an AI (digits) at character {pos + 1}, found {s[pos : pos + 6]!r}",
            )
        if prefix in _PREDEFINED_LENGTH:
            ai_digits, total = _AI_DIGITS[prefix], _PREDEFINED_LENGTH[prefix]
            chunk = s[pos : pos + total]
            ai, data = chunk[:ai_digits], chunk[ai_digits:]
            if len(chunk) < total or GS in chunk:
                _fixed_data(ai, data.split(GS)[0], total - ai_digits)
            _fixed_data(ai, data, total - ai_digits)
            pos += total
        else:
            end = s.find(GS, pos)
            end = len(s) if end == -1 else end
            if prefix in _VARIABLE_READ:
                ai, data = prefix, s[pos + 2 : end]
            else:
                if end == len(s) and not separated:
                    raise InvalidTraceCode(
                        "gs1_ai",
                        f"the AI at character {pos + 1} ({s[pos : pos + 4]}…) is not one this "
                        "reads and with no GS in the code its end cannot be found (does the "
                        "scanner drop GS? configure its stand-in)",
                    )
                _cset82(f"the field starting {s[pos : pos + 4]}…", s[pos:end])
                pos = end
                continue  # an AI this does not read
            pos = end
        elements.append(_Element(ai, data))
    return [element for element in elements if element.ai in _READ]


def _bracketed_elements(s: str) -> list[_Element]:
    """The elements read from a bracketed element string; others checked and dropped."""
    marks = list(_BRACKETED_AI.finditer(s))
    if not marks or marks[0].start() != 0:
        raise InvalidTraceCode("format", f"{s!r}: a bracketed code starts with an AI like (01)")
    elements: list[_Element] = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        ai = mark.group(1)
        data = s[mark.end() : following.start() if following else len(s)].strip(_SPACES)
        data = data.replace("\\(", "(")
        prefix = ai[:2]
        if prefix in _PREDEFINED_LENGTH:
            if len(ai) != _AI_DIGITS[prefix]:
                raise InvalidTraceCode(
                    "gs1_ai",
                    f"({ai}) is not an AI: those starting {prefix} have {_AI_DIGITS[prefix]} digits",
                )
            _fixed_data(ai, data, _PREDEFINED_LENGTH[prefix] - len(ai))
        elif prefix in _VARIABLE_READ and ai != prefix:
            raise InvalidTraceCode("gs1_ai", f"({ai}) is not an AI: ({prefix}) has 2 digits")
        elif prefix not in _VARIABLE_READ:
            if not data:
                raise InvalidTraceCode("length", f"({ai}) has no data")
            _cset82(f"({ai})", data)
        elements.append(_Element(ai, data))
    return [element for element in elements if element.ai in _READ]


def _gs1(elements: list[_Element], today: date) -> TraceCode:
    values: dict[str, str] = {}
    for element in elements:
        earlier = values.setdefault(element.ai, element.data)
        if earlier != element.data:
            raise InvalidTraceCode(
                "gs1_ai",
                f"({element.ai}) appears twice with different values: {earlier!r} and {element.data!r}",
            )
    if "01" not in values:
        raise InvalidTraceCode("gs1_missing", "a GS1 code needs a GTIN, AI (01)")
    gtin = values["01"]
    if gs1_check_digit(gtin[:13]) != gtin[13]:
        raise InvalidTraceCode(
            "gs1_check_digit",
            f"GTIN {gtin}: the check digit should be {gs1_check_digit(gtin[:13])}, not {gtin[13]}",
        )
    for ai in _VARIABLE_READ & values.keys():
        _variable_data(ai, values[ai])
    expiry = _expiry(values["17"], today) if "17" in values else None
    code = "".join(f"({ai}){_escape(values[ai])}" for ai in _READ if ai in values)
    return TraceCode(
        kind="gs1",
        code=code,
        gtin=gtin,
        expiry=expiry,
        lot=values.get("10"),
        serial=values.get("21"),
    )


def _expiry(yymmdd: str, today: date) -> date:
    year = gs1_year(int(yymmdd[:2]), today)
    month, day = int(yymmdd[2:4]), int(yymmdd[4:])
    if not 1 <= month <= 12:
        raise InvalidTraceCode("gs1_date", f"expiry date {yymmdd}: there is no month {month:02}")
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise InvalidTraceCode(
            "gs1_date", f"expiry date {yymmdd}: {year}-{month:02} has no day {day}"
        )
    return date(year, month, day or last)


def _fixed_data(ai: str, data: str, length: int) -> None:
    name = _NAMES.get(ai, f"({ai})")
    if len(data) != length:
        raise InvalidTraceCode(
            "length", f"{name} ({ai}) takes {length} digits, not {len(data)}: {data!r}"
        )
    if not _is_digits(data):
        raise InvalidTraceCode("characters", f"{name} ({ai}) takes digits only: {data!r}")


def _variable_data(ai: str, data: str) -> None:
    name = _NAMES[ai]
    if not data:
        raise InvalidTraceCode("length", f"the {name} ({ai}) is empty")
    if len(data) > MAX_VARIABLE_LENGTH:
        raise InvalidTraceCode(
            "length",
            f"the {name} ({ai}) {data!r} has {len(data)} characters, at most "
            f"{MAX_VARIABLE_LENGTH} (a GS missing after it?)",
        )
    _cset82(f"the {name} ({ai})", data)


def _cset82(name: str, data: str) -> None:
    bad = next((ch for ch in data if ch not in _CSET82), None)
    if bad is not None:
        raise InvalidTraceCode(
            "characters", f"{name} {data!r} has {bad!r}, outside GS1's character set 82"
        )


# --- helpers ----------------------------------------------------------------------------------


def _escape(data: str) -> str:
    """``data`` as written in a bracketed element string: ``(`` as ``\\(``."""
    return data.replace("(", "\\(")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip(_SPACES)


def _standin(gs_standin: str | None) -> str | None:
    if gs_standin is None:
        return None
    standin = unicodedata.normalize("NFKC", gs_standin)
    if not standin or any(ch in _DIGITS for ch in standin):
        raise ValueError("gs_standin must be a non-empty text without digits")
    return standin


def _is_digits(text: str) -> bool:
    return bool(text) and set(text) <= _DIGITS
