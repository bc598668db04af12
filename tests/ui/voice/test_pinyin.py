"""ui.voice.pinyin: exact pinyin for the phrases the voice says."""

from __future__ import annotations

import pytest

from ui.voice.pinyin import (
    LETTER_PINYIN,
    digits_to_chinese,
    number_to_chinese,
    to_pinyin,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "请A零一二号，到1号接种台。",
            "qing3 ei1 ling2 yi1 er4 hao4, dao4 yi1 hao4 jie1 zhong4 tai2.",
        ),
        (
            "请B一零零号，到10号登记台。",
            "qing3 bi4 yi1 ling2 ling2 hao4, dao4 shi2 hao4 deng1 ji4 tai2.",
        ),
        (
            "A零一二号，留观结束，可以离开。",
            "ei1 ling2 yi1 er4 hao4, liu2 guan1 jie2 shu4, ke3 yi3 li2 kai1.",
        ),
        # pypinyin alone says "jie1 zhong3" (to plant seeds); the override fixes it
        ("接种疫苗", "jie1 zhong4 yi4 miao2"),
        ("补种", "bu3 zhong4"),
        # heteronyms from pypinyin's phrase dictionary: 种植 zhong4, 银行 hang2, 行走 xing2
        ("种植", "zhong4 zhi2"),
        ("银行", "yin2 hang2"),
        ("行走", "xing2 zou3"),
        # neutral tone is 5; ü is v
        ("我们的女儿", "wo3 men5 de5 nv3 er2"),
        # pauses: Chinese and ASCII punctuation, doubled pauses keep the stronger, none leading
        ("，，请稍候。。", "qing3 shao1 hou4."),
        ("请稍候, 好的!", "qing3 shao1 hou4, hao3 de5."),
        # other symbols are dropped, lower-case letters are spelled like capitals
        ("a-2 #", "ei1 er4"),
        ("", ""),
    ],
)
def test_to_pinyin(text: str, expected: str) -> None:
    assert to_pinyin(text) == expected


@pytest.mark.parametrize(
    ("value", "chinese"),
    [
        (0, "零"),
        (2, "二"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10001, "一万零一"),
        (120000, "十二万"),
        (123456, "十二万三千四百五十六"),
    ],
)
def test_number_to_chinese(value: int, chinese: str) -> None:
    assert number_to_chinese(value) == chinese


def test_digits_are_spelled_one_by_one() -> None:
    assert digits_to_chinese("012") == "零一二"
    assert digits_to_chinese("100") == "一零零"
    with pytest.raises(ValueError):
        digits_to_chinese("1a")


def test_every_letter_has_a_reading_made_of_pinyin_syllables() -> None:
    assert sorted(LETTER_PINYIN) == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    for reading in LETTER_PINYIN.values():
        for syllable in reading.split():
            assert syllable[:-1].isalpha() and syllable[-1] in "12345", reading
