"""Who is due for a next dose in a window: the site's record, under the dose rules.

Pure over plain values: :func:`due_rows` takes each person's doses (as the record stores them,
grouped by person) and the rules, and yields one :class:`DueRow` per person and vaccine family
whose next-dose window (:func:`kiosk.dose_rules.next_due`) overlaps the window asked for. A
family whose series is complete and whose product has no booster rule is due for nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.appointments.model import DueRow
from kiosk.dose_rules import PastDose, RuleSet, next_due


@dataclass(frozen=True)
class PersonDoses:
    """A person on the record (their document and phone as stored) and their doses."""

    name: str
    phone: str
    document_type: str
    id_number: str
    document_country: str
    doses: tuple[PastDose, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.document_type, self.id_number, self.document_country)


def due_rows(
    people: Iterable[PersonDoses],
    rules: RuleSet,
    first: date,
    last: date,
    villages: Mapping[tuple[str, str, str], tuple[str, str]],
) -> Iterator[DueRow]:
    """The due rows of ``people`` in ``first``..``last`` (inclusive). ``villages`` maps a
    document to (village, phone) from the person's latest appointment: the village list's phone
    comes before the one on the record (village staff keep theirs current)."""
    for person in people:
        village, phone = villages.get(person.key, ("", person.phone))
        for family in sorted({rules.family(d.product) for d in person.doses}):
            mine = [d for d in person.doses if rules.family(d.product) == family]
            latest = max(mine, key=lambda d: (d.given_on, d.dose_number))
            window = next_due(rules, latest.product, mine)
            if window is None:
                continue
            start, until = window
            if start > last or (until is not None and until < first):
                continue
            yield DueRow(
                village=village,
                name=person.name,
                phone=phone or person.phone,
                document_type=person.document_type,
                document_number=person.id_number,
                document_country=person.document_country,
                product=latest.product,
                next_dose_number=max(d.dose_number for d in mine) + 1,
                due_from=start,
                due_until=until,
                last_dose_at=latest.given_on,
            )
