"""A day opened as `kiosk day open` opens it with the default config's rules (dose rules, coded
deferral and waste reasons), and a second lot whose boxes carry traceability codes."""

from __future__ import annotations

from kiosk.config_model import DEFAULT
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from tests.ui.conftest import MANAGER, lot

BOX = "81234567890123456789"  # a 20-digit 药品追溯码 on lot L002's list
UNLISTED = "81234567890123450000"  # a valid code on no list
GS1_BOX = "(01)06901234567892(17)271231(10)L002(21)BOX7"  # also on L002's list, canonical
GS1_RAW = "]d2010690123456789217271231" + "10L002|21BOX7"  # as a scanner with "|" for GS sends it


def open_with_rules(engine: Engine, *, vials: int = 20, doses_per_vial: int = 5) -> None:
    engine.day.open(
        capacity=100,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(vials=vials, doses_per_vial=doses_per_vial)],
        actor=MANAGER,
        allergy_extra_minutes=30,
        rules=rules_from_config(DEFAULT),
    )


def add_boxed_lot(engine: Engine, *codes: str, doses_per_vial: int = 1) -> int:
    """Lot L002 (2 vials), its boxes listed by ``codes`` (default: BOX); its id."""
    engine.day.add_lot(
        lot(vials=2, doses_per_vial=doses_per_vial, name="L002"),
        actor=MANAGER,
        box_codes=list(codes or (BOX,)),
    )
    return next(lt.id for lt in engine.day.status().lots if lt.lot == "L002")


def lot_of(engine: Engine, number: str) -> int:
    return next(lt.id for lt in engine.day.status().lots if lt.lot == number)
