"""Chinese phone numbers as residents and village staff write them: a mobile number (11 digits,
1[3-9]…, with or without +86) or a landline with its area code (0 + 2-3 digits, then 7-8 digits,
e.g. 010-62345678, 0755 2234567, (0371)6123456).

:func:`normalise_phone` gives one stored form (digits; a landline as ``area-number``) or raises
:class:`PhoneError` with the reason, never repeating the number (it is personal data)."""

from __future__ import annotations

import re

__all__ = ["PhoneError", "normalise_phone"]

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Beijing, Shanghai, Tianjin, Chongqing and the 02x cities have 3-digit area codes (010, 02x);
# the rest have 4 (0xxx). The local number has 7 or 8 digits.
_LANDLINE = re.compile(r"(0(?:10|2\d)|0[3-9]\d{2})([2-9]\d{6,7})")


class PhoneError(ValueError):
    """Why a text is not a phone number (no digits of it repeated)."""


def normalise_phone(text: str) -> str:
    raw = text.strip()
    if not raw:
        raise PhoneError("is empty")
    compact = _SEPARATORS.sub("", raw)
    for prefix in ("+86", "0086", "86"):  # the country code; "86" alone only before a mobile
        rest = compact[len(prefix) :]
        if compact.startswith(prefix) and (prefix != "86" or _MOBILE.fullmatch(rest)):
            compact = rest
            break
    if not compact.isdigit():
        raise PhoneError("may hold only digits, spaces, dashes, brackets and a leading +86")
    if _MOBILE.fullmatch(compact):
        return compact
    landline = _LANDLINE.fullmatch(compact)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    if compact.startswith("1"):
        raise PhoneError(
            f"is not a mobile number (11 digits from 13-19, not {len(compact)}) nor a landline"
            " with its area code"
        )
    if compact.startswith("0"):
        raise PhoneError("is not a landline with its area code (e.g. 010-62345678, 0755-2234567)")
    raise PhoneError("needs a mobile number (11 digits) or a landline with its area code (0…)")
