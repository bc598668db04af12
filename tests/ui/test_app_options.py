"""``kiosk run`` options refused before anything starts: a run that would show no window would
never end (no window to close, nothing to quit)."""

from __future__ import annotations

import pytest

from kiosk.config import Config
from ui.app import RunOptions, check_options


def test_the_observation_desk_is_not_a_desk_screen() -> None:
    with pytest.raises(SystemExit) as refused:
        check_options(RunOptions(Config(), ("desk",), "留观"))
    assert "observation desk" in str(refused.value) and "--screen observation" in str(refused.value)


def test_an_unknown_desk_names_the_known_ones() -> None:
    with pytest.raises(SystemExit) as refused:
        check_options(RunOptions(Config(), ("desk",), "登记9"))
    assert "登记1" in str(refused.value)


def test_a_registration_desk_and_the_observation_screen_are_fine() -> None:
    check_options(RunOptions(Config(), ("desk",), "登记1"))
    check_options(RunOptions(Config(), ("observation",), "留观"))
