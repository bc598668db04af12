"""The engine's errors: a stable code for the screens to translate, and English detail for logs.

Two kinds, kept apart so that code meaning one never swallows the other:

- :class:`DomainError`: the engine refused the operation (a rule, a state, a bad value). Saying
  why is the answer; trying again changes nothing.
- :class:`StorageError`: the operation could not be carried out. :class:`Unreachable` (the
  database cannot be reached or stayed busy: try again, the screens say they are offline) or
  :class:`StorageRefused` (the database refused a value the engine let through: a bug or a
  missing check, said as such, never "try again").

Nothing was written when either is raised. :class:`KioskError` is what a screen catches to
answer both.
"""

from __future__ import annotations

from typing import Any


class KioskError(Exception):
    """Base of both kinds: a ``code`` and ``details``."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.details = details

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class DomainError(KioskError):
    """A refused operation. Nothing was written when one of these is raised."""

    code = "domain_error"


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    """The operation belongs to another role (a nurse asking for a manager's operation)."""

    code = "not_allowed"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class InvalidInput(DomainError):
    code = "invalid_input"


class CapReached(DomainError):
    """No more numbers can be issued: capacity or stock is used up (今日号已发完)."""

    code = "cap_reached"


class DayNotOpen(DomainError):
    code = "day_not_open"


class StockError(DomainError):
    code = "stock"


class NotYet(DomainError):
    """The person may not leave observation yet."""

    code = "not_yet"


class StorageError(KioskError):
    """The operation did not happen because of the database (not a refusal: see the module)."""

    code = "storage"


class Unreachable(StorageError):
    """The database could not be reached, or stayed busy: trying again makes sense."""

    code = "storage"


class StorageRefused(StorageError):
    """The database refused what it was given: a bug or a missing check, not a lost link."""

    code = "storage_refused"


class TrainingOnly(DomainError):
    """A simulation was pointed at a database that holds real days."""

    code = "training_only"
