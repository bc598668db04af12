"""Chinese text -> numbered pinyin, the input espeak-ng's ``cmn-latn-pinyin`` voice reads best.

Pure Python (pypinyin), no Qt. Why pinyin and not characters: espeak-ng's ``cmn`` voice reading
Hanzi switches to English for characters outside its small dictionary (try
``espeak-ng -v cmn -x 请A012号``); from pinyin with tone numbers it says exactly what we wrote.

Conventions (tests pin each one):

- Syllables in ``Style.TONE3`` ("zhong4"), neutral tone as 5 ("bu5"), ü as ``v`` ("lv4", which
  espeak-ng reads as [ly]). Heteronyms come from pypinyin's phrase dictionary, corrected by
  ``PHRASE_OVERRIDES`` where it is wrong for our words (pypinyin 0.55 reads 接种 as "jie1 zhong3",
  "jiē zhǒng"; the vaccination word is jiē zhòng).
- Third-tone sandhi is *not* applied here: espeak-ng applies it itself ("ke3 yi3" comes out as
  [kho35 ji214]); writing the changed tones as well would change them twice. The 一/不 changes
  ("yi2 ge4", "bu2 yao4") come from pypinyin's phrase dictionary where it has the word.
- Runs of ASCII digits are read as a cardinal number ("2" -> 二 "er4", "12" -> 十二 "shi2 er4").
  Ticket numbers are not cardinals: ``phrases`` spells them digit by digit before they get here.
- Latin letters are spelled one by one with ``LETTER_PINYIN``: the way letters are commonly said in
  Mandarin, written as the nearest pinyin (A -> "ei1", B -> "bi4", ...). Q has no pinyin
  equivalent of "kiu"; "qiu1" (秋) is what many older speakers say and what we use.
- Pause punctuation (Chinese or ASCII) becomes "," (short pause) or "." (end of sentence) attached
  to the previous syllable; anything else that is not a letter, digit or Hanzi is dropped.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

LETTER_PINYIN: dict[str, str] = {
    "A": "ei1",
    "B": "bi4",
    "C": "xi1",
    "D": "di4",
    "E": "yi4",
    "F": "ai2 fu5",
    "G": "ji4",
    "H": "ei1 qi1",
    "I": "ai4",
    "J": "jie4",
    "K": "kai4",
    "L": "ai2 lou5",
    "M": "ai2 mu5",
    "N": "en1",
    "O": "ou1",
    "P": "pi4",
    "Q": "qiu1",
    "R": "a1 er4",
    "S": "ai2 si1",
    "T": "ti4",
    "U": "you1",
    "V": "wei1",
    "W": "da2 bu5 liu1",
    "X": "ai2 ke4 si1",
    "Y": "wai4",
    "Z": "zei4",
}

# Words whose pypinyin reading is wrong for a vaccination site (checked against pypinyin 0.55).
PHRASE_OVERRIDES: dict[str, str] = {
    "接种": "jie1 zhong4",
    "补种": "bu3 zhong4",
    "种苗": "zhong3 miao2",
}

SHORT_PAUSE = ","
LONG_PAUSE = "."
_PAUSES: dict[str, str] = {
    "，": SHORT_PAUSE,
    ",": SHORT_PAUSE,
    "、": SHORT_PAUSE,
    "；": SHORT_PAUSE,
    ";": SHORT_PAUSE,
    "：": SHORT_PAUSE,
    ":": SHORT_PAUSE,
    "。": LONG_PAUSE,
    ".": LONG_PAUSE,
    "！": LONG_PAUSE,
    "!": LONG_PAUSE,
    "？": LONG_PAUSE,
    "?": LONG_PAUSE,
}

_DIGITS = "零一二三四五六七八九"
_TOKEN = re.compile(r"(?P<num>[0-9]+)|(?P<han>[\u3400-\u4dbf\u4e00-\u9fff]+)|(?P<other>.)", re.S)
_OVERRIDE_SPLIT = re.compile(
    "(" + "|".join(sorted(map(re.escape, PHRASE_OVERRIDES), key=len, reverse=True)) + ")"
)


def digits_to_chinese(digits: str) -> str:
    """Spell ASCII digits one by one: "012" -> "零一二" (一 stays yi, never yao)."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"not ASCII digits: {digits!r}")
    return "".join(_DIGITS[int(d)] for d in digits)


def number_to_chinese(value: int) -> str:
    """A cardinal as it is read aloud: 2 -> 二, 10 -> 十, 12 -> 十二, 101 -> 一百零一.

    0..99999999; anything larger is spelled digit by digit.
    """
    if value < 0:
        raise ValueError("negative numbers are not read")
    if value >= 100_000_000:
        return digits_to_chinese(str(value))
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        text = number_to_chinese(high) + "万"
        if low:
            text += ("零" if low < 1000 else "") + _below_10000(low)
        return text
    if value == 0:
        return "零"
    text = _below_10000(value)
    return text[1:] if text.startswith("一十") else text


def _below_10000(value: int) -> str:
    parts: list[str] = []
    pending_zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit_value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(_DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    return "".join(parts)


def _han_to_pinyin(run: str) -> list[str]:
    syllables: list[str] = []
    for piece in _OVERRIDE_SPLIT.split(run):
        if not piece:
            continue
        if piece in PHRASE_OVERRIDES:
            syllables.extend(PHRASE_OVERRIDES[piece].split())
        else:
            syllables.extend(
                lazy_pinyin(piece, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
            )
    return syllables


def to_pinyin(text: str) -> str:
    """Numbered pinyin for ``text``: "请A零一二号，到2号接种台。" ->
    "qing3 ei1 ling2 yi1 er4 hao4, dao4 er4 hao4 jie1 zhong4 tai2."
    """
    out: list[str] = []  # syllables, and pause marks glued to the previous syllable
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "num":
            out.extend(_han_to_pinyin(number_to_chinese(int(match.group()))))
        elif match.lastgroup == "han":
            out.extend(_han_to_pinyin(match.group()))
        else:
            char = match.group()
            if char.isascii() and char.isalpha():
                out.extend(LETTER_PINYIN[char.upper()].split())
            elif char in _PAUSES and out:
                pause = _PAUSES[char]
                last = out[-1]
                if last[-1] in (SHORT_PAUSE, LONG_PAUSE):
                    # keep the stronger of two pauses in a row
                    if pause == LONG_PAUSE:
                        out[-1] = last[:-1] + LONG_PAUSE
                else:
                    out[-1] = last + pause
    return " ".join(out)
