"""ui.voice.phrases: the wording of announcements."""

from __future__ import annotations

import pytest

from ui.voice.phrases import (
    call_speech,
    call_text,
    desk_phrase,
    may_leave_speech,
    may_leave_text,
    spoken_label,
)


@pytest.mark.parametrize(
    ("desk", "phrase"),
    [
        ("接种1", "1号接种台"),
        ("登记2", "2号登记台"),
        ("接种台3", "3号接种台"),
        ("留观室1", "1号留观室"),
        ("登记02", "2号登记台"),
        (" 接种 10 ", "10号接种台"),
        ("1号接种台", "1号接种台"),  # already natural
        ("取号处", "取号处"),  # no number: unchanged
        ("Desk 1", "Desk 1"),  # not a Chinese kind: unchanged
    ],
)
def test_desk_phrase(desk: str, phrase: str) -> None:
    assert desk_phrase(desk) == phrase


def test_call_display_and_speech() -> None:
    assert call_text("A012", "接种1") == "请 A012 号 到 1号接种台"
    assert call_text("A012", "登记2") == "请 A012 号 到 2号登记台"
    assert call_speech("A012", "接种2") == "请A零一二号，到2号接种台。"


def test_may_leave_display_and_speech() -> None:
    assert may_leave_text("A012") == "A012 号 留观结束，可以离开"
    assert may_leave_speech("B100") == "B一零零号，留观结束，可以离开。"


@pytest.mark.parametrize(
    ("label", "spoken"),
    [("A012", "A零一二"), ("B100", "B一零零"), ("a7", "A七"), (" C001 ", "C零零一")],
)
def test_ticket_numbers_are_spoken_digit_by_digit(label: str, spoken: str) -> None:
    assert spoken_label(label) == spoken
