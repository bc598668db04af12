"""Dose rules: which dose a person is due for, and whether today is allowed.

Pure functions over plain values, no database: the engine reads the day's stored
:class:`RuleSet` and the person's doses, and asks :func:`propose`.

- Doses of one **family** count toward one series, whatever the product (mixed products are
  allowed). Doses are numbered 1, 2, ... in a family: the primary series first, then boosters.
- Before primary dose *n* (n ≥ 2) at least ``min_interval_days[n - 2]`` days must have passed since
  the previous dose; past ``max_interval_days[n - 2]`` the dose is *late* (shown, not blocked: a
  late dose still continues the series).
- After the series, a booster needs ``booster_min_interval_days`` since the last dose; a product
  without it gives no booster, so a further dose is blocked.
- The age on the day must lie within ``min_age_years`` and ``max_age_years``.

A blocked dose may still be given with a coded override reason (the engine records it). A product
without a rule is numbered within its own name, with no blocks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from kiosk.config_model import CodedReason, Config

DoseKind = Literal["primary", "booster", "external"]
BlockCode = Literal["too_early", "series_complete", "too_young", "too_old", "age_unknown"]


@dataclass(frozen=True)
class DoseRule:
    product: str
    family: str
    series: int
    manufacturer: str = ""
    min_interval_days: tuple[int, ...] = ()
    max_interval_days: tuple[int, ...] = ()
    booster_min_interval_days: int | None = None
    min_age_years: int = 0
    max_age_years: int | None = None


@dataclass(frozen=True)
class RuleSet:
    """The rules a day applies, as stored with it (``version`` is the stored copy's)."""

    rules: tuple[DoseRule, ...] = ()
    override_reasons: tuple[CodedReason, ...] = ()
    version: int | None = None
    deferral_reasons: tuple[CodedReason, ...] = ()
    waste_reasons: tuple[CodedReason, ...] = ()

    def rule(self, product: str) -> DoseRule | None:
        return next((r for r in self.rules if r.product == product), None)

    def family(self, product: str) -> str:
        rule = self.rule(product)
        return rule.family if rule else product

    def reason(self, code: str) -> CodedReason | None:
        return next((r for r in self.override_reasons if r.code == code), None)

    def coded(self, kind: str) -> tuple[CodedReason, ...]:
        """The coded reasons of ``kind``: "override", "deferral" or "waste"."""
        return {
            "override": self.override_reasons,
            "deferral": self.deferral_reasons,
            "waste": self.waste_reasons,
        }[kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": [asdict(r) for r in self.rules],
            "override_reasons": [asdict(r) for r in self.override_reasons],
            "deferral_reasons": [asdict(r) for r in self.deferral_reasons],
            "waste_reasons": [asdict(r) for r in self.waste_reasons],
        }

    def digest(self) -> str:
        text = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    @classmethod
    def from_json(cls, data: dict[str, Any], version: int | None = None) -> RuleSet:
        rules = tuple(
            DoseRule(
                **{
                    **r,
                    "min_interval_days": tuple(r.get("min_interval_days", ())),
                    "max_interval_days": tuple(r.get("max_interval_days", ())),
                }
            )
            for r in data.get("rules", ())
        )

        def codes(key: str) -> tuple[CodedReason, ...]:
            return tuple(CodedReason(**r) for r in data.get(key, ()))

        return cls(
            rules,
            codes("override_reasons"),
            version,
            codes("deferral_reasons"),
            codes("waste_reasons"),
        )


NO_RULES = RuleSet()


def rules_from_config(config: Config) -> RuleSet:
    """The rule set a day opened with ``config`` stores: its products and coded reasons."""
    return RuleSet(
        tuple(
            DoseRule(
                product=p.name,
                family=p.family,
                series=p.series,
                manufacturer=p.manufacturer,
                min_interval_days=p.min_interval_days,
                max_interval_days=p.max_interval_days,
                booster_min_interval_days=p.booster_min_interval_days,
                min_age_years=p.min_age_years,
                max_age_years=p.max_age_years,
            )
            for p in config.products
        ),
        config.override_reasons,
        deferral_reasons=config.deferral_reasons,
        waste_reasons=config.waste_reasons,
    )


@dataclass(frozen=True)
class PastDose:
    """A dose on the person's record, as the rules see it."""

    given_on: date
    product: str
    family: str  # as stored; the rule set's family for the product takes precedence
    dose_number: int


@dataclass(frozen=True)
class Block:
    code: BlockCode
    message: str  # English, for logs and the command line; screens translate ``code``
    until: date | None = None  # the first day it would be allowed, when waiting helps


@dataclass(frozen=True)
class Proposal:
    """The dose due for ``product`` on ``on``: its number and kind, and what blocks it."""

    product: str
    family: str
    dose_number: int
    kind: DoseKind
    blocks: tuple[Block, ...] = ()
    earliest: date | None = None  # the first allowed day by interval (None: no interval rule)
    latest: date | None = None  # after this the dose is late
    late: bool = False
    previous: PastDose | None = None
    rule: DoseRule | None = field(default=None, compare=False)

    @property
    def allowed(self) -> bool:
        return not self.blocks


def family_doses(rules: RuleSet, family: str, history: Iterable[PastDose]) -> list[PastDose]:
    """The doses of ``history`` in ``family``, by number then date."""
    mine = [d for d in history if rules.family(d.product) == family or d.family == family]
    return sorted(mine, key=lambda d: (d.dose_number, d.given_on))


def age_on(birth_date: date, on: date) -> int:
    """Completed years on ``on`` (born on 29 February: a year older on 1 March)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


def propose(
    rules: RuleSet,
    product: str,
    history: Sequence[PastDose],
    birth_date: date | None,
    on: date,
) -> Proposal:
    """The next dose of ``product``'s family for a person with ``history``, given on ``on``."""
    rule = rules.rule(product)
    family = rule.family if rule else product
    past = family_doses(rules, family, history)
    previous = max(past, key=lambda d: (d.given_on, d.dose_number)) if past else None
    number = max((d.dose_number for d in past), default=0) + 1
    if rule is None:
        return Proposal(product, family, number, "primary", previous=previous)
    blocks: list[Block] = []
    earliest = latest = None
    if number <= rule.series:
        kind: DoseKind = "primary"
        if previous is not None and number >= 2:
            earliest = _after(previous.given_on, rule.min_interval_days, number - 2)
            latest = _after(previous.given_on, rule.max_interval_days, number - 2)
    else:
        kind = "booster"
        if rule.booster_min_interval_days is None:
            blocks.append(
                Block(
                    "series_complete",
                    f"the {family} series of {rule.series} dose(s) is complete and this product"
                    " has no booster rule",
                )
            )
        elif previous is not None:
            earliest = previous.given_on + timedelta(days=rule.booster_min_interval_days)
    if earliest is not None and on < earliest:
        days = (earliest - on).days
        blocks.append(
            Block(
                "too_early", f"dose {number} is due from {earliest} ({days} day(s) to go)", earliest
            )
        )
    blocks += _age_blocks(rule, birth_date, on)
    late = latest is not None and on > latest
    return Proposal(
        product, family, number, kind, tuple(blocks), earliest, latest, late, previous, rule
    )


def _after(last: date, intervals: tuple[int, ...], index: int) -> date | None:
    return last + timedelta(days=intervals[index]) if index < len(intervals) else None


def _age_blocks(rule: DoseRule, birth_date: date | None, on: date) -> list[Block]:
    if birth_date is None:
        if rule.min_age_years or rule.max_age_years is not None:
            return [
                Block(
                    "age_unknown", "the birth date is not known, so the age rule cannot be checked"
                )
            ]
        return []
    age = age_on(birth_date, on)
    if age < rule.min_age_years:
        try:
            turns = birth_date.replace(year=birth_date.year + rule.min_age_years)
        except ValueError:  # born on 29 February, and that year has none: 1 March
            turns = date(birth_date.year + rule.min_age_years, 3, 1)
        return [
            Block(
                "too_young", f"the person is {age}; the product is from {rule.min_age_years}", turns
            )
        ]
    if rule.max_age_years is not None and age > rule.max_age_years:
        return [Block("too_old", f"the person is {age}; the product is up to {rule.max_age_years}")]
    return []


def next_due(
    rules: RuleSet, product: str, history: Sequence[PastDose]
) -> tuple[date, date | None] | None:
    """After the doses in ``history``, the window for the next dose of ``product``'s family:
    (from, until), or None when no further dose is due by the rules."""
    rule = rules.rule(product)
    if rule is None:
        return None
    past = family_doses(rules, rule.family, history)
    if not past:
        return None
    last = max(d.given_on for d in past)
    number = max(d.dose_number for d in past) + 1
    if number <= rule.series:
        start = _after(last, rule.min_interval_days, number - 2) or last
        return start, _after(last, rule.max_interval_days, number - 2)
    if rule.booster_min_interval_days is None:
        return None
    return last + timedelta(days=rule.booster_min_interval_days), None
