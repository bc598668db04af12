"""A record slip printed for a real dose: its QR decodes to a token that finds the dose again
(`kiosk record show --token`), and its text is the dose's."""

from __future__ import annotations

from pathlib import Path

from kiosk.documents import KINDS, mask_document_number
from kiosk.dose_rules import PastDose, next_due
from printing.slip import SlipPrint
from printing.slip_pdf import render_slip_pdf
from tests.kiosk.conftest import STATION
from tests.kiosk.engine.record_site import FIRST_DAY, TZ, ZHANG, Site
from tests.printing.pdfcheck import qr_payloads, text_of, to_png


def test_the_slips_qr_finds_its_dose(tmp_path: Path) -> None:
    site = Site(f"sqlite:///{tmp_path / 'slip.sqlite'}")
    engine = site.day(FIRST_DAY)
    ticket = site.vaccinate(ZHANG)
    dose = engine.record.dose_of_ticket(ticket.id)
    assert dose is not None and dose.token and dose.vaccinated_at
    person = engine.queries.person(ticket.person_id or 0)
    rules = engine.record.rules()
    history = [PastDose(dose.given_on, dose.product, dose.family, dose.dose_number)]
    slip = SlipPrint(
        site_name="城关镇卫生院疫苗接种点",
        name=person.name,
        sex=person.sex,
        birth_date=person.birth_date,
        document_label=KINDS[person.document_type or "resident_id"].label,
        document_masked=mask_document_number(person.id_number or ""),
        product=dose.product,
        manufacturer=dose.manufacturer,
        lot=dose.lot,
        dose_number=dose.dose_number,
        dose_kind=dose.kind,
        vaccinated_at=dose.vaccinated_at.astimezone(TZ),
        vaccinator=STATION.staff,
        station=dose.station,
        next_window=next_due(rules, dose.product, history),
        token=dose.token,
    )
    pdf = render_slip_pdf(slip)
    text = text_of(pdf)
    assert person.name in text and "110105********002X" in text and "2026-03-23" in text
    (token,) = qr_payloads(to_png(pdf, tmp_path))
    found = engine.record.by_token(token)
    assert found is not None and found[1].id == dose.id and found[0].person.name == ZHANG.name
    site.engine.db.dispose()
