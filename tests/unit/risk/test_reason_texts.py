"""The excepted-investor test's sentences read in Japanese on a Japanese memo and Risk tab.

Every sentence the test writes is stored in English (the audit trail, older cases); a
Japanese reader gets the Japanese template with the same names, countries and figures.
"""

from __future__ import annotations

import re

import pytest

from screener.models import OwnershipLink, Party
from screener.reference import ExceptedInvestorTest
from screener.risk.excepted_investor import ExceptedInvestorTester
from screener.risk.fact_labels import fact_value
from screener.risk.reason_texts import REASONS, fields_of, in_language, reason

HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("code", sorted(REASONS))
def test_each_sentence_reads_back_in_japanese_with_its_fields(code: str) -> None:
    english, japanese = REASONS[code]
    assert sorted(fields_of(english)) == sorted(fields_of(japanese))
    assert "{" not in re.sub(r"\{\w+\}", "", japanese), "Japanese takes fields as formatted"
    # Awkward values on purpose: a colon, brackets and a percent sign inside a name.
    values: dict[str, object] = {f: f"X: ({f}) 5 %" for f in fields_of(english)}
    for number in ("pct", "votes", "failing", "minimum", "qualifying"):
        if number in values:
            values[number] = 12.5
    stored = reason(code, **values)
    shown = in_language(stored, "ja")
    assert HAN_OR_KANA.search(shown), shown
    for value in values.values():
        assert (f"{value:g}" if isinstance(value, float) else str(value)) in shown
    assert in_language(stored, "en") == stored


def test_a_sentence_no_template_wrote_is_printed_as_stored() -> None:
    assert in_language("a reviewer's own note", "ja") == "a reviewer's own note"


def test_every_reason_of_a_failing_chain_reads_in_japanese() -> None:
    """A Canadian shell of a PRC holder with an unknown 10 % holder: most sentences at once."""
    parties = {
        "ACQ": Party(key="ACQ", name="Maple Minerals: Holdings (CA)", party_type="company",
                     country_incorporation="CA", country_headoffice="SG",
                     excepted_investor=True),
        "PAR": Party(key="PAR", name="PRC Metals Group", party_type="company",
                     country_incorporation="CN", country_headoffice="CN",
                     is_state_owned=True, state_country="CN"),
        "PER": Party(key="PER", name="Li Wei", party_type="person", nationality="CN"),
    }  # fmt: skip
    links = [
        OwnershipLink(holder_key="PAR", held_key="ACQ", equity_pct=60.0),
        OwnershipLink(holder_key="UNK", held_key="ACQ", equity_pct=15.0),
        OwnershipLink(holder_key="PER", held_key="PAR", equity_pct=30.0),
    ]
    tester = ExceptedInvestorTester(
        parties, links, ["CA", "GB", "AU", "NZ"], ExceptedInvestorTest(), violations=["2023 fine"]
    )
    verdict = tester.verdict("ACQ")
    assert verdict.status == "not_excepted"
    assert len(verdict.reasons) >= 5
    for sentence in verdict.reasons:
        assert in_language(sentence, "ja") != sentence, sentence
    shown = fact_value(list(verdict.reasons), "ja")
    assert "PRC Metals Group" in shown and "CN" in shown
    assert not re.search(r"\b(recorded|holds|organised|principal)\b", shown), shown


def test_the_memo_prints_the_reasons_last_one_sentence_a_line_in_its_language() -> None:
    from screener.memo.data import MemoHit
    from screener.memo.sections.risk import facts_text

    reasons = (
        reason("organised_outside", name="Huaxin (Hong Kong), Limited", state="HK"),
        reason("holder_fails", name="Huaxin (Hong Kong), Limited", holder="SASAC", votes=62.0),
    )
    hit = MemoHit("G3", "t", "threat", None, None, (
        ("acquirer.excepted_investor_reasons", reasons),
        ("ownership.government_share_pct", 100.0),
    ), "", "")  # fmt: skip
    japanese = facts_text("ja", hit)
    assert japanese.split("\n") == [
        "所有関係: 政府保有割合 (%): 100",
        "取得者: 適用除外投資家の判定理由:",
        "• Huaxin (Hong Kong), Limited: HK で設立 (適用除外国ではない) (a)(3)(i)",
        "• Huaxin (Hong Kong), Limited: SASAC が 62 % を保有し、適用除外国又は米国の者ではない"
        " (a)(3)(iv)",
    ]
    assert facts_text("en", hit).split("\n")[2:] == [f"• {r}" for r in reasons]
