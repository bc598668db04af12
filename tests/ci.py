"""Skip locally, fail in CI: a test whose outside service (a PostgreSQL or CUPS server) cannot run
here is skipped on a developer's machine, but in CI (``CI=true``) it must run, so there it fails."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(service: str, reason: str) -> NoReturn:
    """Skip the test (fail it in CI): ``service`` cannot run here, because of ``reason``."""
    if in_ci():
        pytest.fail(f"{service} unavailable in CI: {reason}")
    pytest.skip(f"{service} unavailable: {reason}")
