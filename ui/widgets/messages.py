"""What the nurses read when the engine refuses something: every KioskError code, translated.

The one place where a ``KioskError.code`` becomes words; screens never show the English detail
(that goes to the log, masked). Unknown codes get a general sentence, not the raw code.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject

from kiosk.errors import KioskError
from kiosk.states import State
from ui.i18n import fill

log = logging.getLogger(__name__)

BLOCK_CODES = ("too_early", "series_complete", "too_young", "too_old", "age_unknown")
"""The codes of :class:`kiosk.dose_rules.Block`, which the engine also refuses with."""


class DeskMessages(QObject):
    """Translated texts for refusals, states and event kinds (context "DeskMessages")."""

    def error(self, exc: Exception) -> str:
        if not isinstance(exc, KioskError):
            log.exception("unexpected error on a console", exc_info=exc)
            return self.tr("Something went wrong; nothing was saved. Try again.")
        log.info("refused: %s", exc)
        code, d = exc.code, exc.details
        texts = {
            "not_found": self.tr("Not found."),
            "unknown_token": self.tr("This code is not a ticket of this site."),
            "unknown_label": self.tr("There is no such number today."),
            "unknown_staff": self.tr("There is no staff member with this name."),
            "wrong_pin": self.tr("Wrong PIN."),
            "staff_locked": fill(
                self.tr("Too many wrong PINs: try again in %1 min."), str(d.get("minutes", "?"))
            ),
            "invalid_transition": fill(
                self.tr("%1 cannot do that now (it is %2)."),
                str(d.get("ticket", self.tr("This ticket"))),
                self.state(d.get("state", "")),
            ),
            "desk_busy": fill(
                self.tr("This desk is still serving %1: save, mark missed or cancel it first."),
                str(d.get("ticket", "")),
            ),
            "invalid_input": self.tr("Some input is missing or not valid."),
            "cap_reached": self.tr("No dose is free for this person now."),
            "day_not_open": self.tr("The service day is not open."),
            "day_exists": self.tr("The service day is already open."),
            "stock": self.tr("The stock does not allow this."),
            "lot_expired": self.tr("This lot has expired: choose another lot."),
            "vial_expired": self.tr("This vial is past its use-by: waste it and open another."),
            "vial_empty": self.tr("This vial is empty: open another vial."),
            "no_vials": self.tr("No unopened vial is left in this lot."),
            "wrong_lot": self.tr("This vial is not from the chosen lot."),
            "unknown_lot": self.tr("This lot is not in today's stock."),
            "unknown_vial": self.tr("There is no such vial."),
            "too_many": self.tr("The vial does not have that many doses left."),
            "not_yet": fill(
                self.tr("Not yet: %1 min of observation left."),
                str(max(1, -(-int(d.get("seconds_left", 60)) // 60))),
            ),
            "adverse_event_open": self.tr(
                "An adverse event is still open: close it before releasing."
            ),
            "duplicate_person": fill(
                self.tr("This document is already registered today on %1."),
                str(d.get("ticket", "")),
            ),
            "consent_missing": self.tr("Informed consent must be signed before registering."),
            "product_required": self.tr(
                "Several vaccines are on hand: choose which one this dose is of."
            ),
            "product_not_on_hand": self.tr("This vaccine is not in today's stock."),
            "dose_number_mismatch": fill(
                self.tr("The record says dose %1 is next: enter doses given elsewhere first."),
                str(d.get("dose_number", "?")),
            ),
            "dose_number_taken": fill(
                self.tr("Dose %1 is already on this person's record."),
                str(d.get("dose_number", "?")),
            ),
            "box_unlisted": self.tr("This box code is on no lot's list: choose its lot."),
            "box_not_on_hand": fill(
                self.tr("This box is of lot %1, which is not in today's stock."),
                str(d.get("lot", "?")),
            ),
            "box_other_lot": fill(
                self.tr("This box is of lot %1, not of the lot chosen."), str(d.get("lot", "?"))
            ),
            "box_used_up": self.tr(
                "Every dose of this box is already given: scan the box the dose comes from."
            ),
            "box_code_twice": self.tr("This box code is already listed for the lot."),
            "adverse_event_recorded": fill(
                self.tr(
                    "An adverse event is recorded for %1: the dose was given and cannot be undone."
                ),
                str(d.get("ticket", "")),
            ),
            "document_taken": self.tr("This document belongs to another person on the record."),
            "slip_no_dose": self.tr("There is no dose on the record to print a slip of."),
            "slip_no_document": self.tr(
                "No record slip: the person has no identity document on record."
            ),
            "signed_out": self.tr("Sign in first."),
            "storage": self.tr("The database cannot be reached; nothing was saved. Try again."),
            "storage_refused": self.tr(
                "The database refused this entry; nothing was saved. Please tell the technician."
            ),
        }
        if code in BLOCK_CODES:
            until = d.get("until")
            return self.block(code, date.fromisoformat(str(until)) if until else None)
        if code == "invalid_input" and d.get("field") == "trace_code":
            return self.box_code(str(d.get("problem", "")))
        if code == "invalid_input" and d.get("field"):
            return fill(self.tr("Check the field: %1."), self.field(str(d["field"])))
        return texts.get(code, self.tr("This cannot be done now."))

    def field(self, name: str) -> str:
        return {
            "name": self.tr("name"),
            "reason": self.tr("reason"),
            "symptoms": self.tr("symptoms"),
            "outcome": self.tr("outcome"),
            "dose_number": self.tr("dose number"),
            "minutes": self.tr("minutes"),
            "doses": self.tr("doses"),
            "severity": self.tr("severity"),
            "desk": self.tr("desk"),
            "id_number": self.tr("document number"),
            "document_type": self.tr("document type"),
            "document_country": self.tr("issuing country"),
            "birth_date": self.tr("birth date"),
            "sex": self.tr("sex"),
            "phone": self.tr("phone"),
            "product": self.tr("vaccine"),
            "given_on": self.tr("date given"),
            "place": self.tr("place"),
            "override_reason": self.tr("override reason"),
            "deferral_reason": self.tr("deferral reason"),
            "waste_reason": self.tr("waste reason"),
            "trace_code": self.tr("box code"),
        }.get(name, name)

    def box_code(self, problem: str) -> str:
        """Why scanned text is not a box code (``kiosk.tracecodes.InvalidTraceCode.code``)."""
        why = {
            "empty": self.tr("nothing was read"),
            "characters": self.tr("it has characters a box code cannot have"),
            "length": self.tr("it has the wrong length"),
            "gs1_check_digit": self.tr("its GTIN check digit is wrong"),
            "gs1_date": self.tr("its expiry date is not a date"),
            "gs1_ai": self.tr("its GS1 fields cannot be read (check the scanner's GS setting)"),
            "gs1_missing": self.tr("it has no GTIN"),
            "format": self.tr("it is neither a 20-digit code nor a GS1 code"),
        }.get(problem, self.tr("it cannot be read"))
        return fill(self.tr("Not a valid box code: %1. Scan it again."), why)

    def print_failure(self, code: str) -> str:
        """Why a printer did not print (``printing.result`` codes), in words."""
        return {
            "offline": self.tr("the printer is off or cannot be reached"),
            "paper_out": self.tr("the printer is out of paper"),
            "refused": self.tr("the printer refused the job"),
            "timeout": self.tr("the printer did not answer in time"),
            "no_confirmation": self.tr("the printer did not confirm that it printed"),
        }.get(code, self.tr("printer error"))

    def block(self, code: str, until: date | None = None) -> str:
        """Why a dose rule blocks today's dose (:class:`kiosk.dose_rules.Block`), in words."""
        when = until.isoformat() if until else "?"
        return {
            "too_early": fill(self.tr("Too early: due from %1"), when),
            "series_complete": self.tr(
                "The series is complete and this vaccine has no booster dose"
            ),
            "too_young": fill(self.tr("Too young for this vaccine: allowed from %1"), when),
            "too_old": self.tr("Above this vaccine's age limit"),
            "age_unknown": self.tr("The age is unknown: the birth date is needed"),
        }.get(code, self.tr("The dose rules do not allow this dose today"))

    def dose(self, number: int | None, kind: str | None) -> str:
        """A dose as the record names it: "Dose 2 (primary)"."""
        kinds = {
            "primary": self.tr("primary"),
            "booster": self.tr("booster"),
            "external": self.tr("paper record"),
        }
        if kind not in kinds:
            return fill(self.tr("Dose %1"), str(number or "?"))
        return fill(self.tr("Dose %1 (%2)"), str(number or "?"), kinds[kind])

    def state(self, state: str) -> str:
        """A ticket state in words (``state`` is a :class:`State` or its value from a payload)."""
        names: dict[str, str] = {
            State.WAITING_REGISTRATION: self.tr("waiting for registration"),
            State.CALLED_REGISTRATION: self.tr("called to registration"),
            State.WAITING_VACCINATION: self.tr("waiting for vaccination"),
            State.CALLED_VACCINATION: self.tr("called to vaccination"),
            State.OBSERVING: self.tr("in observation"),
            State.RELEASED: self.tr("released"),
            State.LEFT_EARLY: self.tr("left early"),
            State.DEFERRED: self.tr("deferred"),
            State.CANCELLED: self.tr("cancelled"),
            State.MISSED: self.tr("missed"),
            State.UNSERVED: self.tr("not served"),
        }
        return names.get(state, self.tr("in another state"))

    def event_kind(self, kind: str) -> str:
        return {
            "issued": self.tr("number taken"),
            "called": self.tr("called"),
            "recalled": self.tr("called again"),
            "missed": self.tr("marked missed"),
            "reinstated": self.tr("reinstated"),
            "cancelled": self.tr("cancelled"),
            "registered": self.tr("registered"),
            "deferred": self.tr("deferred"),
            "vaccinated": self.tr("vaccinated"),
            "released": self.tr("released"),
            "left_early": self.tr("left early"),
            "observation_extended": self.tr("observation extended"),
            "adverse_event": self.tr("adverse event"),
            "adverse_event_closed": self.tr("adverse event closed"),
            "corrected": self.tr("corrected"),
            "reprinted": self.tr("ticket reprinted"),
            "vaccination_undone": self.tr("vaccination undone"),
            "unserved": self.tr("not served (day closed)"),
        }.get(kind, kind)

    def place(self, terminal: str) -> str:
        """Where an event was recorded, in words: a desk's name, or the kiosk, the observation
        desk, the site's PC (never an internal id)."""
        if terminal == "kiosk":
            return self.tr("kiosk")
        if terminal == "observation":
            return self.tr("observation desk")
        if terminal.startswith("cli:"):
            return self.tr("the site's PC")
        return terminal  # a desk's name, as the config gives it (登记1)

    def who(self, staff: str, terminal: str) -> str:
        """Who recorded an event and where: "王护士 · 登记1", "kiosk"; a command on the site's PC
        ("cli:<user>") and a simulated nurse ("nurse-<desk>") in words too."""
        place = self.place(terminal)
        if staff == "kiosk":
            return place if terminal == "kiosk" else f"{self.tr('kiosk')} · {place}"
        if staff.startswith("cli:"):
            return fill(self.tr("%1 on the site's PC"), staff[4:])
        if staff == f"nurse-{terminal}":  # simulated nurses have no names
            return fill(self.tr("the nurse at %1"), place)
        return f"{staff} · {place}"

    def severity(self, severity: str) -> str:
        return {
            "mild": self.tr("mild"),
            "moderate": self.tr("moderate"),
            "severe": self.tr("severe"),
        }.get(severity, severity)
