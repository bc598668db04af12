"""Dose rules as pure functions, and the [[product]] table of the config."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.config import check_config, load_config
from kiosk.dose_rules import DoseRule, PastDose, RuleSet, next_due, propose

VERO = DoseRule(
    product="新冠疫苗(Vero细胞)",
    family="covid19",
    series=2,
    min_interval_days=(21,),
    max_interval_days=(56,),
    booster_min_interval_days=180,
    min_age_years=3,
    max_age_years=120,
)
CHO = DoseRule(product="重组新冠疫苗(CHO细胞)", family="covid19", series=3,
               min_interval_days=(28, 28))  # fmt: skip
RULES = RuleSet((VERO, CHO))
ADULT = date(1980, 5, 1)
DAY = date(2026, 3, 2)


def dose(days_ago: int, number: int, product: str = VERO.product) -> PastDose:
    return PastDose(DAY - timedelta(days=days_ago), product, "covid19", number)


def test_first_dose_then_the_interval_then_late() -> None:
    first = propose(RULES, VERO.product, [], ADULT, DAY)
    assert (first.dose_number, first.kind, first.allowed, first.earliest) == (
        1,
        "primary",
        True,
        None,
    )
    early = propose(RULES, VERO.product, [dose(20, 1)], ADULT, DAY)
    assert [b.code for b in early.blocks] == ["too_early"]
    assert early.blocks[0].until == DAY + timedelta(days=1)
    on_time = propose(RULES, VERO.product, [dose(21, 1)], ADULT, DAY)
    assert (on_time.dose_number, on_time.allowed, on_time.late) == (2, True, False)
    late = propose(RULES, VERO.product, [dose(57, 1)], ADULT, DAY)
    assert (late.allowed, late.late, late.latest) == (True, True, DAY - timedelta(days=1))


def test_booster_after_the_series_or_none() -> None:
    history = [dose(400, 1), dose(370, 2)]
    booster = propose(RULES, VERO.product, history, ADULT, DAY)
    assert (booster.dose_number, booster.kind, booster.allowed) == (3, "booster", True)
    too_soon = propose(RULES, VERO.product, [dose(200, 1), dose(170, 2)], ADULT, DAY)
    assert [b.code for b in too_soon.blocks] == ["too_early"]
    no_booster = RuleSet((DoseRule(VERO.product, "covid19", 2, min_interval_days=(21,)),))
    done = propose(no_booster, VERO.product, history, ADULT, DAY)
    assert [b.code for b in done.blocks] == ["series_complete"]


def test_a_family_counts_doses_of_every_product_in_it() -> None:
    """Mixed products: a CHO dose after a Vero dose is the family's second, under CHO's rule."""
    mixed = propose(RULES, CHO.product, [dose(30, 1, VERO.product)], ADULT, DAY)
    assert (mixed.dose_number, mixed.kind, mixed.allowed) == (2, "primary", True)
    assert mixed.earliest == DAY - timedelta(days=2)
    unrelated = propose(RULES, "流感疫苗", [dose(30, 1)], ADULT, DAY)
    assert (unrelated.family, unrelated.dose_number, unrelated.allowed) == ("流感疫苗", 1, True)


def test_ages_on_the_day() -> None:
    leap = date(2023, 2, 29 - 1)  # 28 Feb 2023: three on 28 Feb 2026
    assert propose(RULES, VERO.product, [], leap, DAY).allowed
    toddler = propose(RULES, VERO.product, [], date(2024, 2, 29), DAY)
    assert [b.code for b in toddler.blocks] == ["too_young"]
    assert toddler.blocks[0].until == date(2027, 3, 1)  # born on 29 February
    leap_rule = RuleSet((DoseRule("x", "x", 1, min_age_years=4),))
    assert propose(leap_rule, "x", [], date(2024, 2, 29), DAY).blocks[0].until == date(2028, 2, 29)
    old = propose(RULES, VERO.product, [], date(1900, 1, 1), DAY)
    assert [b.code for b in old.blocks] == ["too_old"]
    unknown = propose(RULES, VERO.product, [], None, DAY)
    assert [b.code for b in unknown.blocks] == ["age_unknown"]


def test_the_next_window() -> None:
    assert next_due(RULES, VERO.product, [dose(0, 1)]) == (
        DAY + timedelta(days=21),
        DAY + timedelta(days=56),
    )
    assert next_due(RULES, VERO.product, [dose(30, 1), dose(0, 2)]) == (
        DAY + timedelta(days=180),
        None,
    )
    assert next_due(RULES, VERO.product, []) is None


def test_rules_round_trip_and_digest() -> None:
    again = RuleSet.from_json(RULES.to_json())
    assert again.rules == RULES.rules and again.digest() == RULES.digest()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text("schema = 1\n" + text, encoding="utf-8")
    return path


def test_product_tables_are_checked_key_by_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[product]]
name = "A"
family = "Covid"
series = 2
min_interval_days = [21, 30]
max_interval_days = [14]
min_age_years = 60
max_age_years = 18

[[product]]
name = "A"
family = "x"
series = 1
min_interval_days = ["21"]
booster_min_interval_days = true
""",
    )
    problems = [str(p) for p in check_config(path)]
    assert problems == [
        'product[0].family: must be 1-32 characters from a-z, 0-9, _ and -, not "Covid"',
        "product[1].min_interval_days: item 0 is a string, expected an integer",
        "product[1].booster_min_interval_days: expected an integer, got a boolean",
        'product[1].name: duplicate name "A" (already used by product[0])',
    ]
    path = write(
        tmp_path,
        """
[[product]]
name = "A"
family = "a"
series = 2
min_interval_days = [21, 30]
max_interval_days = [14]
min_age_years = 60
max_age_years = 18
""",
    )
    assert [str(p) for p in check_config(path)] == [
        "product[0].min_interval_days: needs 1 value(s), one before each primary dose after the first",
        "product[0].max_interval_days: each value must be at least the matching min_interval_days",
        "product[0].max_age_years: must be at least min_age_years",
    ]


def test_a_product_without_optional_keys(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, '[[product]]\nname = "流感疫苗"\nfamily = "flu"\nseries = 1\n')
    )
    (flu,) = config.products
    assert (flu.booster_min_interval_days, flu.max_age_years, flu.min_interval_days) == (
        None,
        None,
        (),
    )


@pytest.mark.parametrize("code", ["Bad", ""])
def test_override_reason_codes(tmp_path: Path, code: str) -> None:
    path = write(tmp_path, f'[[override_reason]]\ncode = "{code}"\ntext = "x"\n')
    assert [p.key for p in check_config(path)] == ["override_reason[0].code"]
