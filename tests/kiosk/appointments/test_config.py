"""``[appointments] keep_days``: 90 by default, 1..3650, a bad value named by its key."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import check_config, load_config


def test_keep_days_defaults_to_90_and_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text("schema = 1\n", encoding="utf-8")
    assert load_config(path).appointments.keep_days == 90
    path.write_text("schema = 1\n[appointments]\nkeep_days = 30\n", encoding="utf-8")
    assert load_config(path).appointments.keep_days == 30
    path.write_text("schema = 1\n[appointments]\nkeep_days = 0\n", encoding="utf-8")
    assert [i.key for i in check_config(path)] == ["appointments.keep_days"]
