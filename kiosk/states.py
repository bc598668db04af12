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
FINAL = frozenset(
    {State.RELEASED, State.LEFT_EARLY, State.DEFERRED, State.CANCELLED, State.UNSERVED}
)
"""States nothing moves out of except a correction. ``missed`` is final only once the day closes."""

COUNT_GROUPS = ("vaccinated", "in_progress", "deferred", "cancelled", "missed", "unserved")


def count_group(state: State) -> str:
    """Every ticket is counted once, by its current state."""
    if state in VACCINATED:
        return "vaccinated"
    if state in IN_PROGRESS:
        return "in_progress"
    return state.value


def queue_of(state: State) -> Queue | None:
    for queue, s in WAITING.items():
        if s == state:
            return queue
    for queue, s in CALLED.items():
        if s == state:
            return queue
    return None
