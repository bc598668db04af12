"""The vaccination record: persons across days and restarts, dose rules, overrides, documents,
doses from paper records, the stored rule set; on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from kiosk.db.schema import doses, events
from kiosk.dose_rules import RuleSet
from kiosk.errors import DomainError, InvalidInput, StockError
from kiosk.model import Actor, PersonIn
from tests.kiosk.conftest import MANAGER, NURSE, STATION, lot, nothing_written
from tests.kiosk.engine.record_site import FIRST_DAY, OK, PRODUCT, RULES, SMITH, ZHANG, Site


def test_history_and_the_proposed_dose_follow_a_person_across_days_and_restarts(
    site: Site,
) -> None:
    site.day(FIRST_DAY)
    first = site.vaccinate(ZHANG)
    assert (first.dose_number, first.dose_kind, first.product) == (1, "primary", PRODUCT)
    later = FIRST_DAY + timedelta(days=28)
    engine = site.day(later)
    found = engine.record.find("11010519491231002x")  # as typed: lower-case x
    assert found is not None and found.person.name == ZHANG.name
    assert [(d.dose_number, d.kind, d.given_on, d.nurse, d.station) for d in found.doses] == [
        (1, "primary", FIRST_DAY, STATION.staff, STATION.terminal)
    ]
    proposal = engine.record.proposal(PRODUCT, person=ZHANG)
    assert (proposal.dose_number, proposal.kind, proposal.allowed) == (2, "primary", True)
    assert proposal.earliest == FIRST_DAY + timedelta(days=21)
    second = site.vaccinate(ZHANG)
    assert (second.dose_number, second.person_id) == (2, first.person_id)
    after = engine.record.record(first.person_id or 0)
    assert [d.dose_number for d in after.doses] == [1, 2]


def test_an_early_dose_is_blocked_unless_overridden_and_the_override_is_exported(
    site: Site,
) -> None:
    site.day(FIRST_DAY)
    site.vaccinate(ZHANG)
    engine = site.day(FIRST_DAY + timedelta(days=10))
    t = site.called()
    with nothing_written(engine), pytest.raises(DomainError) as refused:
        engine.care.register(t.id, ZHANG, screening=OK, consent=True, actor=NURSE)
    assert refused.value.code == "too_early"
    assert refused.value.details["until"] == str(FIRST_DAY + timedelta(days=21))
    with pytest.raises(InvalidInput) as unknown:
        engine.care.register(t.id, ZHANG, screening=OK, consent=True, actor=NURSE, override="x")
    assert unknown.value.details["field"] == "override_reason"
    done = engine.care.register(
        t.id, ZHANG, screening=OK, consent=True, actor=NURSE, override="doctor_order"
    )
    assert (done.override_reason, done.dose_number) == ("doctor_order", 2)
    engine.tickets.call(t.id, "V1", actor=STATION)
    engine.care.vaccinate(t.id, lot_id=engine.day.status().lots[0].id, actor=STATION)
    kinds = [e.kind for e in engine.queries.history(t.id)]
    assert "rule_overridden" in kinds
    rows = [dict(r._mapping) for r in engine.record.export_rows(None, None)]
    assert [(r["dose_number"], r["override_reason"]) for r in rows] == [
        (1, None),
        (2, "doctor_order"),
    ]


def test_the_station_checks_again(site: Site) -> None:
    """A dose entered from a paper record after registration moves the number on; a block found
    only at the station stands without an override."""
    engine = site.day(FIRST_DAY)
    t = site.register(ZHANG)
    assert t.dose_number == 1
    engine.record.add_external_dose(
        ZHANG, product=PRODUCT, given_on=FIRST_DAY - timedelta(days=5), dose_number=1, actor=NURSE
    )
    engine.tickets.call(t.id, "V1", actor=STATION)
    with pytest.raises(DomainError) as refused:
        engine.care.vaccinate(t.id, lot_id=engine.day.status().lots[0].id, actor=STATION)
    assert refused.value.code == "too_early"


def test_past_the_series_needs_a_booster_rule(site: Site) -> None:
    no_booster = RuleSet(
        (dataclasses.replace(RULES.rules[0], booster_min_interval_days=None),),
        RULES.override_reasons,
    )
    site.day(FIRST_DAY, no_booster)
    site.vaccinate(ZHANG)
    site.day(FIRST_DAY + timedelta(days=30), no_booster)
    site.vaccinate(ZHANG)
    site.day(FIRST_DAY + timedelta(days=400), no_booster)
    with pytest.raises(DomainError) as refused:
        site.register(ZHANG)
    assert refused.value.code == "series_complete"
    site.day(FIRST_DAY + timedelta(days=401))  # the config gained a booster rule
    booster = site.vaccinate(ZHANG)
    assert (booster.dose_number, booster.dose_kind) == (3, "booster")


def test_age_rules(site: Site) -> None:
    site.day(FIRST_DAY)
    toddler = PersonIn("小明", "110105202401010014")  # two years old
    with pytest.raises(DomainError) as refused:
        site.register(toddler)
    assert refused.value.code == "too_young"
    anonymous = PersonIn("无证件")
    with pytest.raises(DomainError) as unknown:
        site.register(anonymous)
    assert unknown.value.code == "age_unknown"


def test_documents_of_every_kind_are_checked_stored_and_found(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    done = site.vaccinate(SMITH)
    person = engine.queries.person(done.person_id or 0)
    assert (person.document_type, person.id_number, person.document_country) == (
        "passport",
        "E12345678",
        "GBR",
    )
    assert (person.birth_date, person.sex) == (date(1980, 5, 1), "male")
    assert engine.record.find("E12345678", document_type="passport", country="GBR") is not None
    assert engine.record.find("E12345678", document_type="passport", country="USA") is None
    for bad, field in [
        (dataclasses.replace(SMITH, document_country="XYZ"), "document_country"),
        (dataclasses.replace(SMITH, birth_date=None), "birth_date"),
        (dataclasses.replace(SMITH, sex=None), "sex"),
        (PersonIn("甲", "11010519491231002Y"), "id_number"),
        (PersonIn("乙", "H1234567", document_type="hk_macau_permit"), "id_number"),
    ]:
        t = site.called()
        with nothing_written(engine), pytest.raises(InvalidInput) as refused:
            engine.care.register(t.id, bad, screening=OK, consent=True, actor=NURSE)
        assert refused.value.details["field"] == field, bad
    legacy = site.register(PersonIn("丙", "110105491231002"))  # 15 digits: stored as 18
    assert engine.queries.person(legacy.person_id or 0).id_number == "11010519491231002X"
    hk = site.register(
        PersonIn(
            "陈大文",
            "H12345678",
            document_type="hk_macau_permit",
            birth_date=date(1990, 1, 1),
            sex="male",
        )
    )
    assert engine.queries.person(hk.person_id or 0).document_type == "hk_macau_permit"


def test_consent_product_and_number_are_required_as_the_record_needs_them(site: Site) -> None:
    engine = site.day(FIRST_DAY, products=(PRODUCT, "流感疫苗"), rules=None)
    t = site.called()
    with nothing_written(engine), pytest.raises(DomainError) as no_consent:
        engine.care.register(t.id, ZHANG, screening=OK, consent=False, actor=NURSE)
    assert no_consent.value.code == "consent_missing"
    with nothing_written(engine), pytest.raises(DomainError) as which:
        engine.care.register(t.id, ZHANG, screening=OK, consent=True, actor=NURSE)
    assert which.value.code == "product_required"
    assert which.value.details["products"] == sorted([PRODUCT, "流感疫苗"])
    with nothing_written(engine), pytest.raises(DomainError) as number:
        engine.care.register(
            t.id, ZHANG, screening=OK, consent=True, actor=NURSE, product=PRODUCT, dose_number=2
        )
    assert number.value.code == "dose_number_mismatch"
    done = engine.care.register(
        t.id, ZHANG, screening=OK, consent=True, actor=NURSE, product="流感疫苗"
    )
    assert (done.product, done.dose_number, done.consent_at) == ("流感疫苗", 1, site.clock.now())


def test_doses_from_paper_records_count_and_never_repeat_a_number(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    paper = engine.record.add_external_dose(
        ZHANG,
        product=PRODUCT,
        given_on=FIRST_DAY - timedelta(days=60),
        dose_number=1,
        place="城关镇卫生院",
        actor=NURSE,
    )
    assert (paper.kind, paper.place, paper.vaccinated_at) == ("external", "城关镇卫生院", None)
    with pytest.raises(DomainError) as twice:
        engine.record.add_external_dose(
            ZHANG, product=PRODUCT, given_on=FIRST_DAY, dose_number=1, actor=NURSE
        )
    assert twice.value.code == "dose_number_taken"
    with pytest.raises(InvalidInput):
        engine.record.add_external_dose(
            ZHANG,
            product=PRODUCT,
            given_on=FIRST_DAY + timedelta(days=1),
            dose_number=2,
            actor=NURSE,
        )
    assert site.vaccinate(ZHANG).dose_number == 2


def test_a_day_applies_the_rules_it_stored(site: Site) -> None:
    """Every terminal reads the stored copy: a later change to the config does not reach a
    day already open; equal rules share one version."""
    engine = site.day(FIRST_DAY)
    assert engine.record.rules().version == 1
    strict = RuleSet(
        (dataclasses.replace(RULES.rules[0], min_age_years=90),), RULES.override_reasons
    )
    other = site.day(FIRST_DAY + timedelta(days=1), strict)
    assert other.record.rules().version == 2
    assert other.record.rules(FIRST_DAY).rules == RULES.rules
    with pytest.raises(DomainError) as refused:
        site.register(ZHANG)  # 76 years old
    assert refused.value.code == "too_young"
    again = site.day(FIRST_DAY + timedelta(days=2))
    assert again.record.rules().version == 1
    with pytest.raises(StockError) as unknown:
        again.day.add_lot(lot(product="流感疫苗", name="F1"), actor=MANAGER)
    assert unknown.value.code == "unknown_product"


def test_a_correction_updates_the_dose_once_and_marks_it(site: Site) -> None:
    site.day(FIRST_DAY)
    first = site.vaccinate(ZHANG)
    engine = site.day(FIRST_DAY + timedelta(days=30))
    second = site.vaccinate(ZHANG)
    with nothing_written(engine), pytest.raises(DomainError) as taken:
        engine.corrections.vaccination(second.id, "typo", actor=MANAGER, dose_number=1)
    assert taken.value.code == "dose_number_taken"
    engine.corrections.vaccination(first.id, "it was a booster", actor=MANAGER, dose_number=3)
    rows = [dict(r._mapping) for r in engine.record.export_rows(None, None)]
    assert [(r["dose_number"], r["corrected"]) for r in rows] == [(3, True), (2, False)]


def test_correcting_a_person_keeps_their_doses(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    site.vaccinate(ZHANG)
    site.day(FIRST_DAY + timedelta(days=30))
    renamed = dataclasses.replace(ZHANG, name="张小明", phone=None)
    site.vaccinate(renamed)
    found = site.engine.record.find(ZHANG.id_number or "")
    assert found is not None and found.person.name == "张小明"
    assert [d.dose_number for d in found.doses] == [1, 2]
    with site.engine.db.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(doses)).scalar() == 2
    del engine


def test_the_record_keeps_personal_data_out_of_the_event_log(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    site.vaccinate(SMITH)
    engine.record.add_external_dose(
        ZHANG, product=PRODUCT, given_on=FIRST_DAY - timedelta(days=30), dose_number=1,
        actor=NURSE,
    )  # fmt: skip
    engine.record.log_access("record_viewed", Actor("王经理", "cli"), document_type="passport")
    with engine.db.read() as conn:
        text = " ".join(str(p) for p in conn.execute(sa.select(events.c.payload)).scalars())
    for secret in ("E12345678", "John", "Smith", "11010519491231002X", "张晓明", "1980-05-01"):
        assert secret not in text


def test_a_new_person_saved_twice_at_once_stays_one_person(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two desks registering the same new person at once: the second insert meets the first's
    row (PostgreSQL makes it wait for the commit) and takes it instead of failing."""
    engine = site.day(FIRST_DAY)
    first = site.register(ZHANG)
    real = engine.record.find_person
    missed: list[bool] = []

    def racing(conn: sa.Connection, person: object, *, lock: bool = False) -> object:
        if not missed:  # the look-up ran before the other desk committed
            missed.append(True)
            return None
        return real(conn, person, lock=lock)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.record, "find_person", racing)
    second = site.register(ZHANG, allow_duplicate=True)
    assert missed and second.person_id == first.person_id
