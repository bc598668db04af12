"""The site configuration: one TOML file, typed, checked as a whole.

The file is read with the standard library's ``tomllib`` and turned into frozen dataclasses.
Checking collects *every* problem at once (``kiosk config check FILE``) so an operator fixes a
file in one pass. Each problem names its key as a dotted path: ``printer.kind``,
``category[2].prefix`` (array indices count from 0, in file order).

Rules that are not obvious from the field comments:

- unknown keys are errors anywhere (a typo must not be silently ignored);
- ``bool`` is never accepted where an integer or a float is expected; an integer is accepted
  where a float is expected;
- an array of tables absent from the file (``[[category]]``, ``[[desk]]``, ``[[screening]]``)
  keeps the built-in default; present, it replaces the default entirely;
- ``schema = 1`` is required in a file.

Only the defaults that ``day open`` starts from live here; what every terminal must agree on
lives in the database.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.config_checks import parse as _parse
from kiosk.config_model import (
    DEFAULT,
    DEFAULT_SCREENING,
    SCHEMA_VERSION,
    Category,
    ClearingConfig,
    Config,
    ConfigError,
    ConfigIssue,
    DatabaseConfig,
    DayDefaults,
    Desk,
    DisplayConfig,
    KioskConfig,
    PrinterConfig,
    ScreeningQuestion,
    SiteConfig,
    VoiceConfig,
)

__all__ = [
    "DEFAULT",
    "DEFAULT_SCREENING",
    "SCHEMA_VERSION",
    "Category",
    "ClearingConfig",
    "Config",
    "ConfigError",
    "ConfigIssue",
    "DatabaseConfig",
    "DayDefaults",
    "Desk",
    "DisplayConfig",
    "KioskConfig",
    "PrinterConfig",
    "ScreeningQuestion",
    "SiteConfig",
    "VoiceConfig",
    "check_config",
    "load_config",
    "parse_config",
]

# --- reading ---------------------------------------------------------------------------------


def load_config(path: Path | None) -> Config:
    """The config in ``path``, or the built-in defaults for ``None``; raises ConfigError."""
    if path is None:
        return DEFAULT
    config, issues = _read(path)
    if issues or config is None:
        raise ConfigError(issues, str(path))
    return config


def check_config(path: Path) -> list[ConfigIssue]:
    """Every problem in the file at ``path`` (an empty list for a good file)."""
    return _read(path)[1]


def parse_config(data: Mapping[str, Any], source: str = "<config>") -> Config:
    """A Config from already-parsed TOML data; raises ConfigError naming ``source``."""
    config, issues = _parse(data)
    if issues or config is None:
        raise ConfigError(issues, source)
    return config


def _read(path: Path) -> tuple[Config | None, list[ConfigIssue]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [ConfigIssue("", f"file not found: {path}")]
    except OSError as exc:
        return None, [ConfigIssue("", f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")  # Windows Notepad may add a byte order mark
    except UnicodeDecodeError as exc:
        return None, [ConfigIssue("", f"not UTF-8 text (byte {exc.start})")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message carries "(at line N, column M)"
        return None, [ConfigIssue("", f"TOML syntax error: {exc}")]
    return _parse(data)
