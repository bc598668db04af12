"""Readable across a waiting room (issue 16): on a 55-inch TV (68 cm high) read from up to 10 m,
the countdown cards, the recent calls and the wait estimate are at least 3.4 cm tall, 5 % of the
screen's height, in the landscape layouts; on the same TV turned upright (121 cm high) the same
3.4 cm is 54 px of 1920. Font pixel sizes are measured on the drawn labels, in Chinese."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from tests.ui.conftest import NURSE
from tests.ui.display.conftest import observe, settle
from ui.display.fit import FitLabel

SIZES = [((1920, 1080), 0.05 * 1080), ((1366, 768), 0.05 * 768), ((1080, 1920), 54)]


def busy_day(engine, clock, feed) -> None:
    """Twenty in observation, calls at the desks, a queue with an honest wait estimate."""
    for n in range(20):
        observe(engine, n, reg_desk=f"登记{n % 2 + 1}", vac_desk=f"接种{n % 2 + 1}")
        clock.advance(timedelta(minutes=1))
    for _ in range(12):
        engine.tickets.issue("A")
    for desk in ("登记1", "登记2"):
        engine.tickets.call_next("registration", desk, actor=NURSE)


def sizes(labels: list[FitLabel]) -> list[tuple[str, int]]:
    return [(label.text(), label.font().pixelSize()) for label in labels]


@pytest.mark.parametrize(("size", "least"), SIZES)
def test_cards_calls_and_wait_are_big_enough(
    qtbot, qapp, engine, clock, day, feed, make_display, size, least
):
    from ui.i18n import install_translator

    translators = install_translator(qapp, "zh_CN")
    try:
        busy_day(engine, clock, feed)
        screen = make_display(size=size)
        feed.poll()
        settle(qtbot, screen)
        screen.update_wait()
        settle(qtbot, screen)
        minimum = math.ceil(least)
        cards = [
            label for _tile, who, status in screen.observation.cells for label in (who, status)
        ]
        cards = [label for label in cards if label.isVisibleTo(screen)]
        calls = [label for pair in screen.recent.cells for label in pair]
        calls = [label for label in calls if label.isVisibleTo(screen)]
        assert len(cards) >= 8 and len(calls) >= 4  # four cards, two calls at least
        assert screen.counts.wait.isVisibleTo(screen)
        small = [(t, px) for t, px in sizes([*cards, *calls, screen.counts.wait]) if px < minimum]
        assert small == [], f"below {minimum} px at {size}: {small}"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
