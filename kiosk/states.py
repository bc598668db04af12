"""The ticket's life: states, queues and which states count as what (DESIGN.md, "A visit")."""

from __future__ import annotations

from enum import StrEnum


class Queue(StrEnum):
    REGISTRATION = "registration"
    VACCINATION = "vaccination"


class State(StrEnum):
    WAITING_REGISTRATION = "waiting_registration"
    CALLED_REGISTRATION = "called_registration"
    WAITING_VACCINATION = "waiting_vaccination"
    CALLED_VACCINATION = "called_vaccination"
    OBSERVING = "observing"
    RELEASED = "released"
    LEFT_EARLY = "left_early"
    DEFERRED = "deferred"
    CANCELLED = "cancelled"
    MISSED = "missed"
    UNSERVED = "unserved"


WAITING = {
    Queue.REGISTRATION: State.WAITING_REGISTRATION,
    Queue.VACCINATION: State.WAITING_VACCINATION,
}
CALLED = {
    Queue.REGISTRATION: State.CALLED_REGISTRATION,
    Queue.VACCINATION: State.CALLED_VACCINATION,
}

IN_PROGRESS = frozenset(WAITING.values()) | frozenset(CALLED.values())
VACCINATED = frozenset({State.OBSERVING, State.RELEASED, State.LEFT_EARLY})


def count_group(state: State) -> str:
    """Every ticket is counted once, by its current state."""
    if state in VACCINATED:
        return "vaccinated"
    if state in IN_PROGRESS:
        return "in_progress"
    return state.value
