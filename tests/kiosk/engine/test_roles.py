"""Roles, enforced by the engine on both databases: every manager's operation is refused to a
nurse (and to the kiosk), with nothing written; a manager and the site PC's own user may."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kiosk.engine import Engine
from kiosk.errors import NotAllowed
from kiosk.model import KIOSK_ACTOR, Actor, LotIn
from tests.kiosk.conftest import MANAGER, NURSE, lot, nothing_written

DELIVERY = LotIn("新冠疫苗(Vero细胞)", "R1", date(2099, 1, 1), 1, 5)
CLI = Actor("cli:root", "site-pc", "manager")

MANAGERS_OPERATIONS: dict[str, Callable[[Engine, Actor], Any]] = {
    "open a day": lambda e, a: e.day.open(
        capacity=5,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[],
        actor=a,
        day=date(2099, 1, 2),
    ),  # fmt: skip
    "close the day": lambda e, a: e.day.close(actor=a),
    "reopen a day": lambda e, a: e.closing.reopen("why", actor=a),
    "change the capacity": lambda e, a: e.day.set_capacity(3, actor=a),
    "add a lot": lambda e, a: e.day.add_lot(lot(name="R9"), actor=a),
    "add vials": lambda e, a: e.day.add_vials(e.day.status().lots[0].id, 1, actor=a),
    "add a desk": lambda e, a: e.day.add_desk("登记9", actor=a),
    "receive stock": lambda e, a: e.inventory.receive(DELIVERY, actor=a),
    "take stock": lambda e, a: e.day.take({"L001": 1}, actor=a),
}


@pytest.mark.parametrize("operation", sorted(MANAGERS_OPERATIONS))
@pytest.mark.parametrize("who", [NURSE, KIOSK_ACTOR], ids=["nurse", "kiosk"])
def test_a_managers_operation_is_refused_to_others(
    both: Engine, operation: str, who: Actor
) -> None:
    with nothing_written(both), pytest.raises(NotAllowed) as refused:
        MANAGERS_OPERATIONS[operation](both, who)
    assert refused.value.code == "not_allowed"
    assert who.staff in str(refused.value)


@pytest.mark.parametrize("who", [MANAGER, CLI], ids=["manager", "site-pc"])
def test_a_manager_and_the_site_pc_may(both: Engine, who: Actor) -> None:
    both.inventory.receive(DELIVERY, actor=who)
    both.day.set_capacity(7, actor=who)
    assert both.day.status().capacity == 7
