"""A name in Han characters meets pinyin names syllable by syllable, not letter by letter."""

from __future__ import annotations

import pytest

from screener.matching.algorithm import score_pair
from screener.matching.config import load_config
from screener.matching.pinyin import _readings, pinyin_similarity

THRESHOLD = load_config().review_threshold


def test_the_shipped_readings_are_pypinyins() -> None:
    from scripts.make_pinyin_readings import table

    assert _readings() == {c: frozenset(readings) for c, readings in table().items()}
    assert _readings()["曾"] == {"ceng", "zeng"} and _readings()["勒"] == {"lei", "le"}
    assert _readings()["長"] == {"zhang", "chang"}  # traditional: its simplified form's words
    assert "美" not in _readings()  # read one way only
    assert "平" not in _readings() and "英" not in _readings()  # bing, yang: no word's
    assert _readings()["单"] == {"dan", "chan", "shan"}  # 单于 Chanyu, and the surname Shan
    assert _readings()["區"] == {"qu", "ou"}  # the surname Ou, in traditional characters


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("平 许", "Bing Xu"),  # 平 is bing in pypinyin's heteronyms, in no word
        ("英 樊", "FAN, Yang"),  # 英 yang, likewise
    ],
)
def test_an_archaic_reading_no_name_takes_is_another_name(han: str, latin: str) -> None:
    # false alerts of the negatives (0.935 each when every reading pypinyin lists counted)
    assert score_pair(han, latin, "Person").score < THRESHOLD


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("琳 杨", "Lian Yang"),  # lin / lian: two characters; nor 'lien', Lian in Wade-Giles
        ("莹 赵", "Yin Zhao"),  # ying / yin
        ("靜宜 黄", "Jinghua Zhuang"),  # jingyi / jinghua, huang / zhuang
        ("正雄 周", "Zhou Zhenyong"),  # zhengxiong / zhenyong
        ("秀美 梁", "Xiuwen Liang"),  # xiumei / xiuwen
        ("美英 謝", "Ming Xie"),  # meiying / ming: a syllable more, not the same English sound
        ("俊豪 張", "Chong Zhou"),  # nor the Japanese reading 'shungou chou' its 'chung chou'
    ],
)
def test_pinyin_one_letter_or_one_sound_apart_is_another_name(han: str, latin: str) -> None:
    # the dev negatives' false alerts against the CSL (0.70-0.94 before)
    assert score_pair(han, latin, "Person").score < THRESHOLD


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("许平", "Xu Ping"),
        ("习近平", "Xi Jinping"),
        ("习近平", "Xi Jin Ping"),
        ("曾国藩", "Zeng Guofan"),  # 曾 is read ceng; as a surname, Zeng
        ("单雄信", "Shan Xiongxin"),  # 单 is read dan; as a surname, Shan (0.46 before)
        ("董勒成", "Dong Lecheng"),  # 勒 is read lei, and le: the UK's own Latin name
        ("建宏 張", "Zhang Jianhong"),
    ],
)
def test_the_same_syllables_and_a_surnames_own_reading_still_match(han: str, latin: str) -> None:
    assert score_pair(han, latin, "Person").score >= THRESHOLD


def test_latin_names_are_compared_by_spelling_as_before() -> None:
    # only a word read from Han characters is compared syllable by syllable
    assert score_pair("Lin Yang", "Lian Yang", "Person").score >= THRESHOLD
    assert pinyin_similarity("jingyi", "靜宜", "jinghua", "", 0.85) == 0.5
    assert pinyin_similarity("ceng", "曾", "zeng", "", 0.85) == 0.85
    assert pinyin_similarity("ceng", "", "zeng", "", 0.85) == 0.0  # characters not known
    assert pinyin_similarity("hsu", "", "xu", "許", 0.85) is None  # Wade-Giles: by spelling
    assert pinyin_similarity("xian", "", "xiang", "", 0.85) == 0.0


def test_the_explanation_says_which_character_reads_two_ways() -> None:
    from screener.matching.explain import _pair
    from screener.matching.phrase import phrase_match

    score = score_pair("曾国藩", "Zeng Guofan", "Person")
    features = [f.as_dict() for f in score.features]
    assert "'ceng' and 'zeng' are two readings of 曾." in phrase_match(
        "曾国藩", "Zeng Guofan", features
    )
    assert "「ceng」と「zeng」は曾の二通りの読みです。" in phrase_match(
        "曾国藩", "Zeng Guofan", features, "ja"
    )
    # the technical account of a stored pair names it too (its deciding signal here is another)
    assert "ceng~zeng 0.85 (曾 read otherwise)" in _pair(["ceng", "zeng", 0.85, "曾"])
