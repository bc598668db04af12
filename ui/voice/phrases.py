"""The Mandarin wording of the waiting-room announcements, built from structured data. No Qt.

Two forms of each announcement:

- the *display* text, with the ticket number as printed: ``call_text("A012", "接种1")`` ->
  "请 A012 号 到 1号接种台";
- the *speech* text, what the voice engine is given: ``call_speech("A012", "接种1")`` ->
  "请A零一二号，到1号接种台。".

Ticket numbers are spoken the way queue callers in Chinese clinics and banks say them: the prefix
letter by its name, then every digit one by one, leading zeros included, then 号
("A012" -> "A 零一二 号", "B100" -> "B 一零零 号"). It matches the printed ticket digit for digit,
so a resident who hears "零一二" finds "012" on their slip. 1 is read 一 (yī), not the telephone
幺 (yāo). The desk number stays a cardinal ("10号接种台" -> 十号), since that is a desk's name.

Desk names from the site config ("接种1", "登记2") become the natural "1号接种台" / "2号登记台".
This module is for the voice and the display only: strings on the public screen also pass through
the display's own ``tr()``; these sentences exist in Chinese only because the voice is Mandarin.
"""

from __future__ import annotations

import re

from ui.voice.pinyin import digits_to_chinese

# A desk kind that already names a place keeps its word; any other gets 台 ("接种" -> "接种台").
_PLACE_SUFFIXES = ("台", "窗口", "室", "桌", "处")
_DESK = re.compile(r"\s*(?P<kind>[^\d\s]*[\u3400-\u9fff])\s*(?P<num>[0-9]+)\s*")
_NUMBERED_ALREADY = re.compile(r"\s*[0-9]+\s*号.*")


def desk_phrase(desk: str) -> str:
    """ "接种1" -> "1号接种台", "登记2" -> "2号登记台", "留观室3" -> "3号留观室".

    A name that is already natural ("1号接种台") or does not follow the "<kind><number>" pattern
    ("取号处") is returned stripped and otherwise unchanged.
    """
    match = _DESK.fullmatch(desk)
    if match is None or _NUMBERED_ALREADY.fullmatch(desk):
        return desk.strip()
    kind = match["kind"]
    if not kind.endswith(_PLACE_SUFFIXES):
        kind += "台"
    return f"{int(match['num'])}号{kind}"


def spoken_label(label: str) -> str:
    """The ticket number as it is said: letters kept (the engine spells them), digits one by one.

    "A012" -> "A零一二", "b7" -> "B七".
    """
    return re.sub(r"[0-9]+", lambda m: digits_to_chinese(m.group()), label.strip().upper())


def call_text(label: str, desk: str) -> str:
    """Display text of a call: "请 A012 号 到 1号接种台"."""
    return f"请 {label.strip()} 号 到 {desk_phrase(desk)}"


def call_speech(label: str, desk: str) -> str:
    """Speech text of a call: "请A零一二号，到1号接种台。"."""
    return f"请{spoken_label(label)}号，到{desk_phrase(desk)}。"


def may_leave_text(label: str) -> str:
    """Display text when observation is over: "A012 号 留观结束，可以离开"."""
    return f"{label.strip()} 号 留观结束，可以离开"


def may_leave_speech(label: str) -> str:
    """Speech text when observation is over: "A零一二号，留观结束，可以离开。"."""
    return f"{spoken_label(label)}号，留观结束，可以离开。"


def ticket_speech(label: str, ahead: int) -> str:
    """What the kiosk says after a tap: "您的号码是A零一二号，前面还有5人。" (the count is read as a
    cardinal, 五); with no one ahead "您的号码是A零一二号，下一位就是您。"."""
    number = f"您的号码是{spoken_label(label)}号，"
    if ahead <= 0:
        return number + "下一位就是您。"
    return number + f"前面还有{ahead}人。"
