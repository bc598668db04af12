"""What the engine stores, within limits declared once: the same on SQLite and PostgreSQL.

Text limits come from the schema's column lengths (kiosk/db/schema.py), so a column and its check
cannot drift apart; PostgreSQL would refuse a longer value, SQLite would store it. Numbers are
bounded to what a site can mean (and always to PostgreSQL's 32-bit INTEGER). Control characters
(NUL among them, which PostgreSQL refuses in text) are refused in every stored text; real names
are valid text: CJK Extension B characters (𠮷), the middle dot of transliterated names (·) and
combining marks pass. Every refusal is an :class:`~kiosk.errors.InvalidInput` naming the field
and the limit, so a screen can say what is wrong (never "try again").
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa

from kiosk.db.schema import adverse_events, doses, lots, persons, staff, standby, tickets
from kiosk.errors import InvalidInput

INT_MAX = 2**31 - 1  # PostgreSQL INTEGER

# Text fields, each limited by its column's length
TEXT: dict[str, sa.Column[str]] = {
    "name": persons.c.name,
    "id_number": persons.c.id_number,
    "phone": persons.c.phone,
    "reason": tickets.c.reason,
    "desk": tickets.c.desk,
    "product": lots.c.product,
    "lot": lots.c.lot,
    "manufacturer": doses.c.manufacturer,
    "place": doses.c.place,
    "symptoms": adverse_events.c.symptoms,
    "action": adverse_events.c.action,
    "outcome": adverse_events.c.outcome,
    "staff": staff.c.name,
    "note": standby.c.note,
}

# Number fields: the inclusive range a site can mean
NUMBER: dict[str, tuple[int, int]] = {
    "capacity": (0, 100_000),  # 0 pauses issuing
    "observation_minutes": (1, 240),
    "missed_grace_minutes": (0, 480),
    "doses_per_vial": (1, 100),
    "vials": (0, 1_000_000),
    "vials_added": (1, 1_000_000),
    "use_within_minutes": (1, 10_080),  # a week
    "doses": (1, 100),
    "minutes": (1, 240),
    "dose_number": (1, 20),
    "allergy_extra_minutes": (0, 240),
}

TEMPERATURE = (-40.0, 60.0)  # °C a fridge thermometer can mean


def temperature(value: float) -> float:
    """A fridge temperature in °C: a finite number a thermometer can show."""
    low, high = TEMPERATURE
    if not isinstance(value, int | float) or not low <= float(value) <= high:
        raise InvalidInput(
            f"the temperature must be between {low:g} and {high:g} °C, not {value}",
            field="temperature",
        )
    return float(value)


PREFIX = re.compile(r"[A-Z]{1,2}")
"""A ticket prefix: one or two letters A-Z, as the config's categories declare them."""


def prefix(value: str) -> str:
    if not isinstance(value, str) or not PREFIX.fullmatch(value):
        raise InvalidInput(
            f"a ticket prefix is one or two letters A-Z, not {value!r}", field="prefix"
        )
    return value


def max_length(field: str) -> int:
    length = getattr(TEXT[field].type, "length", None)
    assert isinstance(length, int), field
    return length


def text(value: str | None, field: str, *, required: bool = True) -> str | None:
    """``value`` stripped, if it is fit to store as ``field``; else :class:`InvalidInput`.
    An empty optional value is None."""
    stripped = (value or "").strip()
    what = field.replace("_", " ")
    if not stripped:
        if required:
            raise InvalidInput(f"a {what} is required", field=field)
        return None
    limit = max_length(field)
    if len(stripped) > limit:
        raise InvalidInput(
            f"the {what} is longer than {limit} characters ({len(stripped)})",
            field=field,
            limit=limit,
        )
    bad = next((ch for ch in stripped if unicodedata.category(ch) in ("Cc", "Cs")), None)
    if bad is not None:
        raise InvalidInput(
            f"the {what} contains a control character (U+{ord(bad):04X})", field=field
        )
    return stripped


def required(value: str | None, field: str) -> str:
    checked = text(value, field)
    assert checked is not None
    return checked


def number(value: int, field: str) -> int:
    """``value``, if ``field`` may hold it; else :class:`InvalidInput` naming the range."""
    low, high = NUMBER[field]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            f"the {field.replace('_', ' ')} must be a whole number from {low} to {high}"
            f" (not {value!r})",
            field=field,
            low=low,
            high=high,
        )
    return value
