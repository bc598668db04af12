"""The site config: defaults, the example file, and every kind of rejected file."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import (
    DEFAULT,
    Category,
    Config,
    ConfigError,
    ConfigIssue,
    Desk,
    PrinterConfig,
    check_config,
    load_config,
    parse_config,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "config.example.toml"


def write(tmp_path: Path, text: str, name: str = "site.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(data: dict[str, Any]) -> dict[str, str]:
    """key -> reason for every issue parse_config finds in ``data`` (schema added)."""
    with pytest.raises(ConfigError) as info:
        parse_config({"schema": 1, **data})
    return {issue.key: issue.reason for issue in info.value.issues}


# --- defaults and the good path --------------------------------------------------------------


def test_none_gives_the_built_in_defaults() -> None:
    assert load_config(None) is DEFAULT
    assert DEFAULT == Config()
    assert DEFAULT.site.timezone == "Asia/Shanghai"
    assert [c.prefix for c in DEFAULT.categories] == ["A", "B"]
    assert [d.kind for d in DEFAULT.desks].count("registration") == 2
    keys = [q.key for q in DEFAULT.screening]
    assert keys == ["fever", "allergy", "pregnancy", "chronic_disease", "recent_vaccine"]
    assert [q.key for q in DEFAULT.screening if q.allergy] == ["allergy"]
    assert all(q.defers for q in DEFAULT.screening if q.key != "allergy")


def test_the_defaults_pass_their_own_checks() -> None:
    data = {"schema": 1, **_as_toml_data(DEFAULT)}
    assert parse_config(data) == DEFAULT


def test_minimal_file_is_all_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "schema = 1\n")
    assert check_config(path) == []
    assert load_config(path) == DEFAULT


def test_example_file_loads_and_shows_every_key() -> None:
    config = load_config(EXAMPLE)
    assert config.site.name == "散兵镇卫生院新冠疫苗接种点"
    assert config.categories[2] == Category("L", "老年人优先", "Elderly (priority)", True)
    assert config.screening == DEFAULT.screening
    raw = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    expected = _as_toml_data(DEFAULT)
    for table, value in expected.items():
        assert table in raw, table
        rows = value if isinstance(value, list) else [value]
        raw_rows = raw[table] if isinstance(raw[table], list) else [raw[table]]
        for raw_row in raw_rows:
            assert set(raw_row) == set(rows[0]), f"[{table}] does not show every key"


def test_values_in_a_file_are_typed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
schema = 1
[site]
code = "xx_town-2"
language = "en"
[day]
capacity = 0
[printer]
kind = "escpos"
usb = "04B8:0202"
timeout_seconds = 3
paper_mm = 58
[voice]
volume = 1
[display]
notices = []
""",
    )
    config = load_config(path)
    assert config.site.code == "xx_town-2"
    assert config.site.name == DEFAULT.site.name  # keys left out keep their default
    assert config.day.capacity == 0
    assert config.printer == PrinterConfig(
        kind="escpos", usb="04B8:0202", timeout_seconds=3.0, paper_mm=58
    )
    assert isinstance(config.printer.timeout_seconds, float)
    assert isinstance(config.voice.volume, float) and config.voice.volume == 1.0
    assert config.display.notices == ()


def test_present_lists_replace_the_defaults_absent_ones_keep_them() -> None:
    config = parse_config(
        {"schema": 1, "desk": [{"name": "接种台", "kind": "vaccination"}], "screening": []}
    )
    assert config.desks == (Desk("接种台", "vaccination"),)
    assert config.screening == ()
    assert config.categories == DEFAULT.categories


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes('\ufeffschema = 1\n[site]\nname = "测试点"\n'.encode())
    assert load_config(path).site.name == "测试点"


# --- rejected files -------------------------------------------------------------------------


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
schema = 1
colour = "red"
[site]
code = "Main Site"
timezone = "Asia/Beijing"
[day]
capacity = -1
observation_minutes = 0
missed_grace_minutes = 481
allergy_extra_minutes = true
[[category]]
prefix = "A"
label = "第一剂"
[[category]]
prefix = "a"
label = "第二剂"
[[category]]
prefix = "A"
label = "加强"
[[desk]]
name = "登记1"
kind = "registration"
[[desk]]
name = "登记1"
kind = "reception"
[printer]
kind = "escpos"
paper_mm = 76
[voice]
volume = 1.5
[kiosk]
idle_seconds = 2
""",
    )
    found = {issue.key: issue.reason for issue in check_config(path)}
    assert set(found) == {
        "colour",
        "site.code",
        "site.timezone",
        "day.capacity",
        "day.observation_minutes",
        "day.missed_grace_minutes",
        "day.allergy_extra_minutes",
        "category[1].prefix",
        "category[2].prefix",
        "desk[1].name",
        "desk[1].kind",
        "printer",
        "printer.paper_mm",
        "voice.volume",
        "kiosk.idle_seconds",
    }
    assert "Asia/Beijing" in found["site.timezone"]
    assert "boolean" in found["day.allergy_extra_minutes"]
    assert (
        "duplicate" in found["category[2].prefix"] and "category[0]" in found["category[2].prefix"]
    )
    assert "duplicate" not in found["category[1].prefix"]  # "a" is bad, but not a duplicate
    assert "duplicate" in found["desk[1].name"]
    assert "found none" in found["printer"]

    with pytest.raises(ConfigError) as info:
        load_config(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 1 + len(found)  # a heading, then one line per issue
    assert all(str(path) in line for line in lines)
    assert any("category[2].prefix" in line for line in lines)


def test_unknown_keys_anywhere_are_errors_with_a_hint() -> None:
    found = issues_of(
        {
            "categories": [],
            "site": {"nmae": "x"},
            "category": [{"prefix": "A", "label": "x", "colour": "red"}],
            "printer": {"kind": "pdf", "folder": "x"},
        }
    )
    assert found["categories"] == 'unknown key (did you mean "category"?)'
    assert found["site.nmae"] == 'unknown key (did you mean "name"?)'
    assert found["category[0].colour"].startswith("unknown key")
    assert found["printer.folder"].startswith("unknown key")


@pytest.mark.parametrize(
    ("data", "key", "words"),
    [
        ({"day": {"capacity": True}}, "day.capacity", "expected an integer, got a boolean"),
        ({"day": {"capacity": 1.0}}, "day.capacity", "expected an integer, got a float"),
        ({"voice": {"enabled": 1}}, "voice.enabled", "expected a boolean, got an integer"),
        ({"voice": {"volume": True}}, "voice.volume", "expected a number, got a boolean"),
        ({"voice": {"volume": float("nan")}}, "voice.volume", "finite"),
        ({"voice": {"volume": -0.1}}, "voice.volume", "between 0.0 and 1.0"),
        ({"site": {"name": 5}}, "site.name", "expected a string, got an integer"),
        ({"site": {"name": "  "}}, "site.name", "empty"),
        ({"site": {"language": "zh_TW"}}, "site.language", '"zh_CN", "en"'),
        ({"site": {"code": "x" * 33}}, "site.code", "1-32"),
        ({"site": {"timezone": "../../etc/passwd"}}, "site.timezone", "unknown time zone"),
        ({"site": "main"}, "site", "expected a table, got a string"),
        ({"category": {"prefix": "A"}}, "category", "array of tables"),
        ({"category": []}, "category", "at least one"),
        ({"desk": []}, "desk", "at least one"),
        ({"category": ["A"]}, "category[0]", "expected a table"),
        ({"category": [{"prefix": "ABC", "label": "x"}]}, "category[0].prefix", "1 or 2"),
        (
            {"category": [{"prefix": "A", "label": "x", "doses": "2"}]},
            "category[0].doses",
            '"first", "later", "any"',
        ),  # fmt: skip
        ({"category": [{"prefix": "A"}]}, "category[0].label", "required key is missing"),
        ({"desk": [{"name": "x", "kind": "exit"}]}, "desk[0].kind", "must be one of"),
        ({"screening": [{"key": "Fever", "text": "x"}]}, "screening[0].key", "lowercase"),
        ({"display": {"notices": "hello"}}, "display.notices", "array of strings"),
        ({"display": {"notices": ["a", 3]}}, "display.notices", "item 1 is an integer"),
        ({"display": {"notices": ["a", ""]}}, "display.notices", "empty"),
        ({"printer": {"kind": "laser"}}, "printer.kind", '"pdf", "system", "escpos"'),
        ({"printer": {"port": 0}}, "printer.port", "between 1 and 65535"),
        ({"printer": {"usb": "04b8-0202"}}, "printer.usb", "vendor:product"),
        ({"printer": {"baudrate": 0}}, "printer.baudrate", "at least 1"),
        (
            {"desk": [{"name": "D" * 75, "kind": "registration"}]},
            "desk[0].name",
            "longer than 64 characters",
        ),
        ({"desk": [{"name": "登记\u00001", "kind": "registration"}]}, "desk[0].name", "control"),
        ({"day": {"capacity": 3_000_000_000}}, "day.capacity", "between 0 and 100000"),
        ({"printer": {"timeout_seconds": 0}}, "printer.timeout_seconds", "above 0"),
        ({"printer": {"kind": "system"}}, "printer.name", "required"),
        ({"printer": {"kind": "escpos"}}, "printer", "found none"),
        (
            {"printer": {"kind": "escpos", "host": "10.0.0.5", "serial": "/dev/ttyUSB0"}},
            "printer",
            "found host, serial",
        ),
        ({"database": {"url": "postgresql://db/x"}}, "database.url", "postgresql+psycopg://"),
        ({"kiosk": {"idle_seconds": 601}}, "kiosk.idle_seconds", "between 3 and 600"),
        ({"clearing": {"start": "24:00"}}, "clearing.start", '"HH:MM"'),
        ({"clearing": {"start": "3pm"}}, "clearing.start", 'not "3pm"'),
        ({"clearing": {"warn_minutes": 0}}, "clearing.warn_minutes", "between 1 and 240"),
    ],
)
def test_bad_values_name_their_key(data: dict[str, Any], key: str, words: str) -> None:
    found = issues_of(data)
    assert list(found) == [key]
    assert words in found[key]


def test_duplicate_screening_keys() -> None:
    questions = [{"key": "fever", "text": "发热？"}, {"key": "fever", "text": "发烧？"}]
    found = issues_of({"screening": questions})
    assert list(found) == ["screening[1].key"]


def test_good_printer_and_database_variants_pass() -> None:
    for printer in (
        {"kind": "system", "name": "TM-T88"},
        {"kind": "escpos", "host": "192.168.1.50"},
        {"kind": "escpos", "serial": "COM3", "baudrate": 19200},
        {"kind": "pdf", "host": "ignored for pdf"},
    ):
        assert parse_config({"schema": 1, "printer": printer}).printer.kind == printer["kind"]
    for url in ("", "sqlite:///C:/data/kiosk.db", "postgresql+psycopg://kiosk@10.0.0.2/kiosk"):
        assert parse_config({"schema": 1, "database": {"url": url}}).database.url == url


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({}, "required key is missing"),
        ({"schema": 2}, "unknown schema 2"),
        ({"schema": "1"}, "expected an integer, got a string"),
        ({"schema": True}, "expected an integer, got a boolean"),
    ],
)
def test_schema_is_required_and_must_be_1(data: dict[str, Any], words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(data, source="x.toml")
    assert [i.key for i in info.value.issues] == ["schema"]
    assert words in info.value.issues[0].reason
    assert str(info.value).splitlines()[1].startswith("x.toml: schema: ")


def test_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'schema = 1\n[site]\nname = "没有结束的引号\n')
    (issue,) = check_config(path)
    assert issue.key == ""
    assert "TOML syntax error" in issue.reason and "line 3" in issue.reason
    with pytest.raises(ConfigError, match="line 3"):
        load_config(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    assert check_config(path) == [ConfigIssue("", f"file not found: {path}")]
    with pytest.raises(ConfigError, match="file not found"):
        load_config(path)


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes('schema = 1\n[site]\nname = "卫生院"\n'.encode("gbk"))
    (issue,) = check_config(path)
    assert "UTF-8" in issue.reason


def test_issue_and_error_text() -> None:
    assert str(ConfigIssue("printer.kind", "bad")) == "printer.kind: bad"
    assert str(ConfigIssue("", "file not found")) == "file not found"
    error = ConfigError([ConfigIssue("a", "x"), ConfigIssue("b.c", "y")], "site.toml")
    assert str(error).splitlines() == [
        "site.toml: 2 problem(s):",
        "site.toml: a: x",
        "site.toml: b.c: y",
    ]


def test_config_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.site.name = "x"  # type: ignore[misc]


def _as_toml_data(config: Config) -> dict[str, Any]:
    """``config`` written back as the TOML data the loader reads (inverse of parse_config)."""
    names = {
        "categories": "category",
        "desks": "desk",
        "products": "product",
        "override_reasons": "override_reason",
        "deferral_reasons": "deferral_reason",
        "waste_reasons": "waste_reason",
    }
    data: dict[str, Any] = {}
    for field in dataclasses.fields(config):
        if field.name == "schema":
            continue
        value = getattr(config, field.name)
        if isinstance(value, tuple):
            data[names.get(field.name, field.name)] = [_row(v) for v in value]
        else:
            data[field.name] = _row(value)
    return data


def _row(item: Any) -> dict[str, Any]:
    values = {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v is not None}
