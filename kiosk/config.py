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

import dataclasses
import difflib
import math
import re
import tomllib
import typing
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class SiteConfig:
    name: str = "城关镇卫生院疫苗接种点"
    code: str = "main"  # short site key stored on every row; [a-z0-9_-]{1,32}
    timezone: str = "Asia/Shanghai"  # must be a valid zoneinfo key
    language: str = "zh_CN"  # "zh_CN" or "en"


@dataclass(frozen=True)
class DayDefaults:
    capacity: int = 600  # >= 0
    observation_minutes: int = 30  # 1..240
    missed_grace_minutes: int = 30  # 0..480
    allergy_extra_minutes: int = 30  # 0..240, added to observation for an allergy history


@dataclass(frozen=True)
class Category:
    prefix: str  # 1-2 uppercase ASCII letters, unique
    label: str  # Chinese label e.g. "第一剂"
    label_en: str = ""
    priority: bool = False  # tickets of this category are priority tickets


@dataclass(frozen=True)
class Desk:
    name: str  # unique, e.g. "登记1"
    kind: str  # "registration" | "vaccination" | "observation"


@dataclass(frozen=True)
class PrinterConfig:
    kind: str = "pdf"  # "pdf" | "system" | "escpos"
    dir: str = "tickets"  # pdf: output folder (relative = under the user data dir)
    name: str = ""  # system: CUPS queue / Windows printer name (required for system)
    host: str = ""  # escpos network (port 9100); exactly one of host/usb/serial for escpos
    port: int = 9100
    usb: str = ""  # escpos USB "04b8:0202" (hex vendor:product)
    serial: str = ""  # escpos serial device, e.g. "/dev/ttyUSB0"
    baudrate: int = 9600
    paper_mm: int = 80  # 80 or 58
    timeout_seconds: float = 10.0  # > 0


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = (
        ""  # "" = embedded SQLite in the user data dir; else sqlite:/// or postgresql+psycopg://
    )


@dataclass(frozen=True)
class ScreeningQuestion:
    key: str  # [a-z_]+ unique
    text: str  # Chinese question
    text_en: str = ""
    defers: bool = False  # a "yes" suggests deferral
    allergy: bool = False  # a "yes" lengthens observation by allergy_extra_minutes


@dataclass(frozen=True)
class DisplayConfig:
    notices: tuple[str, ...] = ("早打早安全，接种保健康", "接种后请在留观区留观30分钟")


@dataclass(frozen=True)
class VoiceConfig:
    enabled: bool = True
    volume: float = 0.8  # 0.0..1.0


@dataclass(frozen=True)
class KioskConfig:
    idle_seconds: int = 15  # back to the start screen after this; 3..600


DEFAULT_SCREENING: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion(
        "fever", "今天是否发热（体温≥37.3°C）？", "Do you have a fever today (37.3 °C or above)?",
        defers=True,
    ),
    ScreeningQuestion(
        "allergy", "是否有药物、食物或疫苗过敏史？",
        "Have you ever had an allergy to a medicine, food or vaccine?", allergy=True,
    ),
    ScreeningQuestion(
        "pregnancy", "目前是否怀孕？", "Are you pregnant?", defers=True,
    ),
    ScreeningQuestion(
        "chronic_disease", "是否患有未控制的慢性病（如高血压、糖尿病）？",
        "Do you have an uncontrolled chronic disease (e.g. hypertension, diabetes)?", defers=True,
    ),
    ScreeningQuestion(
        "recent_vaccine", "近14天内是否接种过其他疫苗？",
        "Have you received another vaccine in the last 14 days?", defers=True,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Config:
    schema: int = SCHEMA_VERSION
    site: SiteConfig = SiteConfig()
    day: DayDefaults = DayDefaults()
    categories: tuple[Category, ...] = (
        Category("A", "第一剂", "First dose"),
        Category("B", "第二剂及加强针", "Later dose"),
    )
    desks: tuple[Desk, ...] = (
        Desk("登记1", "registration"),
        Desk("登记2", "registration"),
        Desk("接种1", "vaccination"),
        Desk("接种2", "vaccination"),
        Desk("留观", "observation"),
    )
    printer: PrinterConfig = PrinterConfig()
    database: DatabaseConfig = DatabaseConfig()
    screening: tuple[ScreeningQuestion, ...] = DEFAULT_SCREENING
    display: DisplayConfig = DisplayConfig()
    voice: VoiceConfig = VoiceConfig()
    kiosk: KioskConfig = KioskConfig()


DEFAULT = Config()


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a config file. ``key`` is a dotted path; "" means the file as a whole."""

    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.key}: {self.reason}" if self.key else self.reason


class ConfigError(Exception):
    """A config file was rejected; ``issues`` holds every problem found, in file order."""

    def __init__(self, issues: list[ConfigIssue], source: str = "<config>") -> None:
        self.issues = list(issues)
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        lines = [f"{self.source}: {len(self.issues)} problem(s):"]
        lines += [f"{self.source}: {issue}" for issue in self.issues]
        return "\n".join(lines)


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


# --- checking --------------------------------------------------------------------------------

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
        "capacity": [_between(0)],
        "observation_minutes": [_between(1, 240)],
        "missed_grace_minutes": [_between(0, 480)],
        "allergy_extra_minutes": [_between(0, 240)],
    },
    Category: {
        "prefix": [_matches(r"[A-Z]{1,2}", "1 or 2 uppercase letters A-Z")],
        "label": [_not_blank],
    },
    Desk: {
        "name": [_not_blank],
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
    VoiceConfig: {"volume": [_finite, _between(0.0, 1.0)]},
    KioskConfig: {"idle_seconds": [_between(3, 600)]},
}

# Arrays of tables: TOML name -> (Config field, item class, unique key, at least one needed?)
_ARRAYS: dict[str, tuple[str, type, str, bool]] = {
    "category": ("categories", Category, "prefix", True),
    "desk": ("desks", Desk, "name", True),
    "screening": ("screening", ScreeningQuestion, "key", False),
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
    else:  # tuple[str, ...]: the only sequence of scalars in the schema
        if not isinstance(value, list):
            return value, f"expected an array of strings, got {_toml_type(value)}"
        bad = [i for i, item in enumerate(value) if not isinstance(item, str)]
        if bad:
            return value, f"item {bad[0]} is {_toml_type(value[bad[0]])}, expected a string"
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


def _parse(data: Mapping[str, Any]) -> tuple[Config | None, list[ConfigIssue]]:
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
