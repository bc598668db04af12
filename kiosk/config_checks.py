"""Checking a parsed config file against its shape: every problem at once, each naming its key."""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import typing
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any

from kiosk import limits
from kiosk.config_model import (
    SCHEMA_VERSION,
    AppointmentsConfig,
    BackupConfig,
    Category,
    ClearingConfig,
    CodedReason,
    Config,
    ConfigIssue,
    DatabaseConfig,
    DayDefaults,
    Desk,
    DisplayConfig,
    KioskConfig,
    PrinterConfig,
    Product,
    RecordConfig,
    ScreeningQuestion,
    SiteConfig,
    VoiceConfig,
)
from kiosk.errors import InvalidInput

Check = Callable[[Any], str | None]


def _one_of(*allowed: object) -> Check:
    text = ", ".join(repr(a).replace("'", '"') for a in allowed)
    return lambda v: None if v in allowed else f"must be one of {text}, not {_show(v)}"


def _between(low: float, high: float = math.inf) -> Check:
    def check(v: Any) -> str | None:
        if low <= v <= high:
            return None
        if high == math.inf:
            return f"must be at least {low}, not {v}"
        return f"must be between {low} and {high}, not {v}"

    return check


def _matches(pattern: str, description: str) -> Check:
    regex = re.compile(pattern)
    return lambda v: None if regex.fullmatch(v) else f"must be {description}, not {_show(v)}"


def _not_blank(v: Any) -> str | None:
    return None if v.strip() else "must not be empty"


def _stored_as(field: str) -> Check:
    """Fit to store as ``field`` (kiosk.limits: the column's length, no control characters)."""

    def check(v: Any) -> str | None:
        try:
            limits.text(v, field)
        except InvalidInput as exc:
            return str(exc.args[0]).replace(f"the {field.replace('_', ' ')} ", "", 1)
        return None

    return check


def _each(check: Check) -> Check:
    def each(v: Any) -> str | None:
        for i, item in enumerate(v):
            reason = check(item)
            if reason:
                return f"item {i} {reason}"
        return None

    return each


def _timezone(v: Any) -> str | None:
    try:
        zoneinfo.ZoneInfo(v)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return f'unknown time zone {_show(v)} (use an IANA name such as "Asia/Shanghai")'
    return None


def _database_url(v: Any) -> str | None:
    if v == "" or v.startswith(("sqlite:///", "postgresql+psycopg://")):
        return None
    return f'must be empty, "sqlite:///…" or "postgresql+psycopg://…", not {_show(v)}'


def _usb_id(v: Any) -> str | None:
    if v == "" or re.fullmatch(r"[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}", v):
        return None
    return f'must be "vendor:product" in hex like "04b8:0202", not {_show(v)}'


def _finite(v: Any) -> str | None:
    return None if math.isfinite(v) else f"must be a finite number, not {v}"


_CHECKS: dict[type, dict[str, list[Check]]] = {
    SiteConfig: {
        "name": [_not_blank],
        "code": [_matches(r"[a-z0-9_-]{1,32}", "1-32 characters from a-z, 0-9, _ and -")],
        "timezone": [_timezone],
        "language": [_one_of("zh_CN", "en")],
    },
    DayDefaults: {
        "capacity": [_between(*limits.NUMBER["capacity"])],
        "observation_minutes": [_between(*limits.NUMBER["observation_minutes"])],
        "missed_grace_minutes": [_between(*limits.NUMBER["missed_grace_minutes"])],
        "allergy_extra_minutes": [_between(0, 240)],
    },
    Category: {
        "prefix": [_matches(r"[A-Z]{1,2}", "1 or 2 uppercase letters A-Z")],
        "label": [_not_blank],
        "doses": [_one_of("first", "later", "any")],
    },
    Desk: {
        "name": [_not_blank, _stored_as("desk")],
        "kind": [_one_of("registration", "vaccination", "observation")],
    },
    PrinterConfig: {
        "kind": [_one_of("pdf", "system", "escpos")],
        "port": [_between(1, 65535)],
        "usb": [_usb_id],
        "baudrate": [_between(1)],
        "paper_mm": [_one_of(80, 58)],
        "timeout_seconds": [_finite, lambda v: None if v > 0 else f"must be above 0, not {v}"],
    },
    DatabaseConfig: {"url": [_database_url]},
    ScreeningQuestion: {
        "key": [_matches(r"[a-z_]+", "lowercase letters a-z and _")],
        "text": [_not_blank],
    },
    DisplayConfig: {
        "notices": [lambda v: None if all(s.strip() for s in v) else "must not hold empty notices"],
    },
    VoiceConfig: {"volume": [_finite, _between(0.0, 1.0)], "repeat": [_between(1, 5)]},
    KioskConfig: {"idle_seconds": [_between(3, 600)]},
    ClearingConfig: {
        "start": [_matches(r"([01]\d|2[0-3]):[0-5]\d", 'a time of day "HH:MM" (00:00-23:59)')],
        "warn_minutes": [_between(1, 240)],
    },
    BackupConfig: {"dir": [_not_blank], "keep": [_between(1, 1000)]},
    AppointmentsConfig: {"keep_days": [_between(1, 3650)]},
    RecordConfig: {
        "slip": [_one_of("vaccination", "release", "off")],
        "gs_standin": [lambda v: None if len(v) <= 8 else "must be at most 8 characters"],
    },
    Product: {
        "name": [_not_blank, _stored_as("product")],
        "family": [_matches(r"[a-z0-9_-]{1,32}", "1-32 characters from a-z, 0-9, _ and -")],
        "manufacturer": [_stored_as("manufacturer")],
        "series": [_between(1, 10)],
        "min_interval_days": [_each(_between(0, 3650))],
        "max_interval_days": [_each(_between(1, 3650))],
        "booster_min_interval_days": [_between(0, 3650)],
        "min_age_years": [_between(0, 150)],
        "max_age_years": [_between(0, 150)],
    },
    CodedReason: {
        "code": [_matches(r"[a-z_]{1,32}", "1-32 lowercase letters a-z and _")],
        "text": [_not_blank],
    },
}

# Arrays of tables: TOML name -> (Config field, item class, unique key, at least one needed?)
_ARRAYS: dict[str, tuple[str, type, str, bool]] = {
    "category": ("categories", Category, "prefix", True),
    "desk": ("desks", Desk, "name", True),
    "screening": ("screening", ScreeningQuestion, "key", False),
    "product": ("products", Product, "name", False),
    "override_reason": ("override_reasons", CodedReason, "code", False),
    "deferral_reason": ("deferral_reasons", CodedReason, "code", False),
    "waste_reason": ("waste_reasons", CodedReason, "code", False),
}
# Plain tables: TOML name (= Config field) -> class
_TABLES: dict[str, type] = {
    name: kind
    for name, kind in typing.get_type_hints(Config).items()
    if isinstance(kind, type) and dataclasses.is_dataclass(kind)
}


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    names.update({list: "an array", dict: "a table"})
    return names.get(type(value), "a date or time")


def _unknown(key: str, known: typing.Iterable[str], path: str) -> ConfigIssue:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return ConfigIssue(path + key, "unknown key" + hint)


def _convert(value: Any, kind: Any) -> tuple[Any, str | None]:
    """``value`` as the field type ``kind``, or an error reason."""
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif kind is str:
        ok = isinstance(value, str)
    elif kind == int | None:  # optional: absent from the file is None (TOML has no null)
        return _convert(value, int)
    else:  # tuple[str, ...] or tuple[int, ...]: the sequences of scalars in the schema
        item_kind = typing.get_args(kind)[0]
        names = {str: "strings", int: "integers"}
        if not isinstance(value, list):
            return value, f"expected an array of {names[item_kind]}, got {_toml_type(value)}"
        for i, item in enumerate(value):
            if _convert(item, item_kind)[1] is not None:
                one = {str: "a string", int: "an integer"}[item_kind]
                return value, f"item {i} is {_toml_type(item)}, expected {one}"
        return tuple(value), None
    expected = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}[kind]
    return value, None if ok else f"expected {expected}, got {_toml_type(value)}"


def _table(data: Any, cls: type, path: str, issues: list[ConfigIssue]) -> Any:
    """An instance of the flat dataclass ``cls`` from ``data``; None when it has issues."""
    if not isinstance(data, dict):
        issues.append(ConfigIssue(path, f"expected a table, got {_toml_type(data)}"))
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    count = len(issues)
    for key, raw in data.items():
        if key not in fields:
            issues.append(_unknown(key, fields, f"{path}."))
            continue
        value, reason = _convert(raw, hints[key])
        checks = _CHECKS.get(cls, {}).get(key, [])
        while reason is None and checks:
            reason, checks = checks[0](value), checks[1:]
        if reason:
            issues.append(ConfigIssue(f"{path}.{key}", reason))
        values[key] = value
    for name, f in fields.items():
        no_default = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if name not in data and no_default:
            issues.append(ConfigIssue(f"{path}.{name}", "required key is missing"))
    return cls(**values) if len(issues) == count else None


def _array(data: Any, name: str, issues: list[ConfigIssue]) -> tuple[Any, ...] | None:
    _, cls, unique, needed = _ARRAYS[name]
    if not isinstance(data, list):
        reason = f"expected an array of tables ([[{name}]]), got {_toml_type(data)}"
        issues.append(ConfigIssue(name, reason))
        return None
    if not data and needed:
        issues.append(ConfigIssue(name, f"needs at least one [[{name}]]"))
        return None
    count = len(issues)
    items = [_table(item, cls, f"{name}[{i}]", issues) for i, item in enumerate(data)]
    seen: dict[Any, int] = {}
    for i, item in enumerate(data):
        value = item.get(unique) if isinstance(item, dict) else None
        if not isinstance(value, str):
            continue
        if value in seen:
            where = f"{name}[{seen[value]}]"
            reason = f"duplicate {unique} {_show(value)} (already used by {where})"
            issues.append(ConfigIssue(f"{name}[{i}].{unique}", reason))
        else:
            seen[value] = i
    return tuple(items) if len(issues) == count else None


def parse(data: Mapping[str, Any]) -> tuple[Config | None, list[ConfigIssue]]:
    issues: list[ConfigIssue] = []
    values: dict[str, Any] = {}
    if "schema" not in data:
        issues.append(ConfigIssue("schema", f"required key is missing (schema = {SCHEMA_VERSION})"))
    for key, raw in data.items():
        if key == "schema":
            schema, reason = _convert(raw, int)
            if reason is None and schema != SCHEMA_VERSION:
                reason = f"unknown schema {schema}; this program reads schema {SCHEMA_VERSION}"
            if reason:
                issues.append(ConfigIssue("schema", reason))
        elif key in _ARRAYS:
            values[_ARRAYS[key][0]] = _array(raw, key, issues)
        elif key in _TABLES:
            values[key] = _table(raw, _TABLES[key], key, issues)
        else:
            issues.append(_unknown(key, ["schema", *_ARRAYS, *_TABLES], ""))
    printer = data.get("printer")
    if isinstance(printer, dict):
        issues += _printer_issues(printer)
    for i, product in enumerate(values.get("products") or ()):
        issues += _product_issues(product, f"product[{i}]")
    if issues:
        return None, issues
    return Config(**values), []


def _printer_issues(printer: Mapping[str, Any]) -> list[ConfigIssue]:
    """Rules across printer keys (each key's own type and range are checked by _table)."""
    kind = printer.get("kind", PrinterConfig.kind)
    if kind == "system" and not str(printer.get("name", "")).strip():
        return [ConfigIssue("printer.name", 'required when kind = "system" (the printer queue)')]
    if kind == "escpos":
        given = [k for k in ("host", "usb", "serial") if printer.get(k)]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            reason = f'kind = "escpos" needs exactly one of host, usb, serial; found {found}'
            return [ConfigIssue("printer", reason)]
    return []


def _product_issues(product: Product, path: str) -> list[ConfigIssue]:
    """Rules across a product's keys: one interval per later primary dose, ages in order."""
    issues = []
    later = product.series - 1
    if len(product.min_interval_days) != later:
        reason = f"needs {later} value(s), one before each primary dose after the first"
        issues.append(ConfigIssue(f"{path}.min_interval_days", reason))
    if product.max_interval_days:
        if len(product.max_interval_days) != later:
            reason = f"needs {later} value(s) or none, like min_interval_days"
            issues.append(ConfigIssue(f"{path}.max_interval_days", reason))
        elif any(
            high < low
            for low, high in zip(product.min_interval_days, product.max_interval_days, strict=False)
        ):
            reason = "each value must be at least the matching min_interval_days"
            issues.append(ConfigIssue(f"{path}.max_interval_days", reason))
    if product.max_age_years is not None and product.max_age_years < product.min_age_years:
        issues.append(ConfigIssue(f"{path}.max_age_years", "must be at least min_age_years"))
    return issues
