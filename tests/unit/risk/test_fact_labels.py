"""Every fact a shipped rule can record is labelled in English and in Japanese.

A hit records the facts its condition read (the condition's paths, and those of its extras),
and the memo and the Risk tab print them by `fact_label`. A key missing from
`fact_labels.FIELDS` falls back to its own words ("excepted investor reasons"), which a
Japanese memo then prints in English. The paths are taken from the shipped packs themselves,
so a rule that starts reading a new fact fails here until the fact has a label.
"""

from __future__ import annotations

import re

import pytest

from screener.risk.fact_labels import fact_label, fact_value, facts_in_words
from screener.risk.packs import load_shipped_packs

_ENGLISH_WORD = re.compile(r"[a-z]{3,}")  # lower-case English; acronyms (OFAC, EU, BIS) pass


def _paths_by_rule() -> dict[str, set[str]]:
    paths: dict[str, set[str]] = {}
    for pack in load_shipped_packs():
        for rule in pack.rules:
            read = set(rule.when.paths)
            for extra in rule.extras:
                read |= set(extra.when.paths)
            paths[f"{pack.id} {rule.id}"] = read
    return paths


PATHS = _paths_by_rule()


@pytest.mark.parametrize("rule", sorted(PATHS))
def test_every_fact_a_shipped_rule_reads_has_a_japanese_label(rule: str) -> None:
    unlabelled = {
        path: fact_label(path, "ja")
        for path in PATHS[rule]
        if path.split(".")[0] != "params" and _ENGLISH_WORD.search(fact_label(path, "ja"))
    }
    assert not unlabelled, f"{rule}: facts printed in English on a Japanese memo: {unlabelled}"


def test_a_new_key_reads_as_its_words_and_a_known_one_as_its_label() -> None:
    assert fact_label("target.some_new_field") == "Target: some new field"
    assert fact_label("acquirer.excepted_investor", "ja") == "取得者: 適用除外投資家"
    assert fact_label("screening.chain_confirmed.eu") == (
        "Screening: confirmed list matches in the chain (EU)"
    )


def test_list_categories_and_enumerated_values_read_in_the_memo_language() -> None:
    assert fact_label("screening.chain_confirmed.ns_cmic", "ja").endswith("(NS-CMIC)")
    assert fact_label("screening.chain_confirmed.entity_list") == (
        "Screening: confirmed list matches in the chain (BIS Entity List)"
    )
    assert fact_value("not_excepted", "ja") == "適用除外に該当しない"
    assert fact_value("not_excepted") == "not excepted"
    assert fact_value("SG", "ja") == "SG"


def test_one_japanese_term_for_a_fefta_type_a_investor_everywhere() -> None:
    """The fact label, the memo diagram's marker and rule G5 say 特定外国投資家 (2025 FEFTA
    amendment), not three words for one thing (A類型投資家, 特定投資家, 特定外国投資家)."""
    from pathlib import Path

    from screener.memo.labels import labels_for

    term = "特定外国投資家"
    assert fact_label("acquirer.type_a_investor", "ja") == f"取得者: {term}"
    assert term in labels_for("ja")["marker_help_type_a"]
    fefta = (Path(__file__).parents[3] / "rules" / "jp-fefta.yaml").read_text(encoding="utf-8")
    assert term in fefta and "A類型" not in fefta and "特定投資家" not in fefta


def test_parties_read_by_name_and_other_facts_as_they_are() -> None:
    """A memo that said 'parties blocked under the OFAC 50 % rule: ACQ, HKH, LIM' named
    parties by keys it prints nowhere else."""
    names = {"ACQ": "Pinewood Critical Materials Inc.", "HKH": "Harbour Star Holdings", "CN": "?"}
    facts = [
        ("ownership.ofac_blocked_parties", ["ACQ", "HKH", "GONE"]),
        ("chain.adversary_linked", ("HKH",)),
        ("deal.lender_country", "CN"),
        ("target.materials", ["CN"]),
    ]
    assert facts_in_words(facts, "en", names) == (
        "Ownership: parties listed, or blocked under the OFAC 50 % rule: Pinewood Critical Materials Inc., "
        "Harbour Star Holdings, GONE; "
        "Acquirer's ownership chain: parties linked to a foreign adversary: Harbour Star Holdings; "
        f"{fact_label('deal.lender_country')}: CN; {fact_label('target.materials')}: CN"
    )
    assert facts_in_words(facts[:1]) == (
        "Ownership: parties listed, or blocked under the OFAC 50 % rule: ACQ, HKH, GONE"
    )


def test_a_code_in_a_value_is_printed_in_words() -> None:
    # the memo printed 'midstream stages: separation, metal_alloy, magnet_manufacturing'
    assert fact_value(["separation", "metal_alloy", "magnet_manufacturing"]) == (
        "separation, metal alloy, magnet manufacturing"
    )
    assert fact_value("NS-CMIC") == "NS-CMIC" and fact_value("dysprosium") == "dysprosium"
