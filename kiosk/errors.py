"""Domain errors: a stable code for the screens to translate, and English detail for logs."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refused operation. Nothing was written when one of these is raised."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.details = details

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class NotFound(DomainError):
    code = "not_found"


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


class StorageError(DomainError):
    """The database could not be reached or stayed busy; the operation did not happen."""

    code = "storage"


class TrainingOnly(DomainError):
    """A simulation was pointed at a database that holds real days."""

    code = "training_only"
