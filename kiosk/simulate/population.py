"""The residents of several simulated days: who is new (with a valid resident ID), and who is due
back for a later dose, and when."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from kiosk.dose_rules import RuleSet
from kiosk.idnumber import check_character
from kiosk.model import PersonIn

REGIONS = ("110105", "310104", "440305", "510107", "420106", "330106", "320102", "610113")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


class Population:
    """The residents of several simulated days: who is new, and who is due back when."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = itertools.count(1)
        self.due: dict[date, list[PersonIn]] = {}
        self.caught_early = 0
        self.overridden = 0

    def new_person(self, day: date) -> PersonIn:
        """Someone new, with a valid resident ID (GB 11643) and a phone number."""
        n = next(self.serial)
        age = self.rng.choice((5, 12)) if self.rng.random() < 0.05 else self.rng.randint(18, 85)
        born = day - timedelta(days=365 * age + self.rng.randint(0, 364))
        body = f"{self.rng.choice(REGIONS)}{born:%Y%m%d}{n % 1000:03d}"
        name = self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
        )
        return PersonIn(name, body + check_character(body), f"139{n:08d}")

    def arrivals(self, day: date, new: int) -> list[PersonIn]:
        """Those due back on ``day`` and ``new`` residents, in random order."""
        people = self.due.pop(day, []) + [self.new_person(day) for _ in range(new)]
        self.rng.shuffle(people)
        return people

    def vaccinated(
        self, person: PersonIn, day: date, dose_number: int, rules: RuleSet | None, early: float
    ) -> None:
        """Schedule the person's next primary dose within the rules' window (a few too early)."""
        rule = rules.rules[0] if rules and rules.rules else None
        if rule is None or dose_number >= rule.series:
            return
        low = rule.min_interval_days[dose_number - 1]
        high = rule.max_interval_days[dose_number - 1] if rule.max_interval_days else low + 28
        if self.rng.random() < early:
            wait = self.rng.randint(max(1, low - 7), max(1, low - 1))
        else:
            wait = self.rng.randint(low, high)
        self.due.setdefault(day + timedelta(days=wait), []).append(person)
