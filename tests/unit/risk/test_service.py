"""Assessing stored cases: facts from the database, the stored record, reproducibility."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from screener.cli import main
from screener.models import Assessment as AssessmentRow
from screener.models import AuditEvent
from screener.paths import rules_dir
from screener.reference import load_reference
from screener.risk.packs import load_shipped_packs, parse_pack
from screener.risk.service import AssessmentError, assess_case, facts_for_case, reproduce
from screener.store import Store

from .case_factory import add_case, add_match

DAY = date(2026, 1, 15)


def test_facts_from_a_stored_case(store: Store) -> None:
    add_case(store)
    add_match(store, "C-1", "PAR", source="us-csl", list_name="Entity List", status="confirmed")
    add_match(store, "C-1", "ACQ", source="ofac-sdn", list_name="SDN", status="pending")
    add_match(store, "C-1", "SEL", source="ofac-sdn", list_name="SDN", status="dismissed")
    with store.session() as session:
        facts = facts_for_case(session, "C-1", as_of=DAY, reference=load_reference())
    assert [p.key for p in facts.chain.parties] == ["ACQ", "PAR"]
    assert facts.chain.adversary_linked == ("ACQ", "PAR")  # ACQ is controlled from HK
    assert facts.acquirer.controller_country == "HK"
    assert facts.transaction.voting_after_pct == 30.0  # voting falls back to the stake
    assert facts.target.china_controlled_materials == ("dysprosium",)
    assert facts.target.usgs_2025_materials == ("dysprosium", "neodymium")
    assert facts.deal.vetoes == ("closure of the plant",)
    assert facts.screening.chain_confirmed.entity_list == 1
    assert facts.screening.chain_pending.sdn == 1
    assert facts.screening.chain_confirmed.sdn == 0
    assert facts.reference.affiliates_rule_in_force is False  # suspended on 15 Jan 2026
    assert facts.as_of == "2026-01-15"


def test_ofac_50_percent_rule_through_the_ownership_engine(store: Store) -> None:
    add_case(store)
    add_match(store, "C-1", "PAR", source="ofac-sdn", list_name="SDN", status="confirmed")
    stored = assess_case(store, "C-1", as_of=DAY)
    assert stored.facts.ownership.report_available
    assert stored.facts.ownership.ofac_blocked_parties == ("ACQ", "PAR")
    assert "G1" in stored.result.fired_rule_ids
    assert stored.result.hard_outcomes[:2] == ("prohibited", "escalate")


@pytest.mark.parametrize(
    ("parent_pct", "t5", "acquirer_blocked"),
    [(30.0, True, False), (49.99, True, False), (50.0, False, True)],
)
def test_blocked_minority_holder_through_the_ownership_engine(
    store: Store, parent_pct: float, t5: bool, acquirer_blocked: bool
) -> None:
    add_case(store, parent_pct=parent_pct)
    add_match(store, "C-1", "PAR", source="ofac-sdn", list_name="SDN", status="confirmed")
    stored = assess_case(store, "C-1", as_of=DAY)
    assert stored.facts.ownership.blocked_holders_pct == pytest.approx(parent_pct)
    assert ("T5" in stored.result.fired_rule_ids) is t5
    assert ("ACQ" in stored.facts.ownership.ofac_blocked_parties) is acquirer_blocked
    assert "G1" in stored.result.fired_rule_ids  # the listed parent is itself a chain party


def test_state_owned_parent_makes_the_declaration_mandatory(store: Store) -> None:
    add_case(store)  # PAR (state-owned, CN) holds 70 %: deemed to hold 100 % of ACQ
    stored = assess_case(store, "C-1", as_of=DAY)
    assert stored.facts.ownership.government_share_pct == 100.0
    assert stored.facts.ownership.government_country == "CN"
    assert {"G3", "T2"} <= set(stored.result.fired_rule_ids)
    t2 = next(h for h in stored.result.hits if h.rule_id == "T2")
    assert t2.points == 40  # the government is a foreign adversary


def test_a_case_without_transaction_matches_or_ownership_still_assesses(store: Store) -> None:
    add_case(store, with_transaction=False)
    stored = assess_case(store, "C-1", as_of=DAY)
    assert stored.facts.ownership.report_available is False  # no acquirer, no report
    assert stored.facts.screening.screened is False
    assert stored.facts.target.name == ""
    assert "T1" in stored.result.fired_rule_ids


def test_assessment_row_keeps_everything_needed_to_reproduce(store: Store) -> None:
    add_case(store)
    add_match(store, "C-1", "PAR", source="us-csl", list_name="Entity List", status="confirmed")
    stored = assess_case(store, "C-1", as_of=DAY)
    with store.session() as session:
        row = session.get(AssessmentRow, stored.id)
        assert row is not None
        assert [p["id"] for p in row.packs] == ["sanctions", "us-cfius", "jp-fefta"]
        assert all(len(p["sha256"]) == 64 and p["text"] for p in row.packs)
        assert row.pack_hash == stored.result.pack_hash
        kinds = {v["kind"] for v in row.list_versions}
        assert kinds == {"screening", "reference"}
        assert any(v.get("source") == "us-csl" for v in row.list_versions)
        assert row.total_score == stored.result.total and row.tier == stored.result.tier
        assert {h["rule_id"] for h in row.hits} == set(stored.result.fired_rule_ids)
        assert "T3" in {h["rule_id"] for h in row.hits}
        assert row.facts["as_of"] == "2026-01-15"
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "assessment.create")
        ).scalar_one()
        assert event.case_id == "C-1" and event.object_id == str(stored.id)
        assert event.details["tier"] == row.tier


def test_stored_assessment_reproduces_even_after_the_packs_change(
    store: Store, tmp_path: Path
) -> None:
    add_case(store)
    original = assess_case(store, "C-1", as_of=DAY)
    # the shipped packs change afterwards: T1 now weighs double
    edited = (
        (rules_dir() / "us-cfius.yaml")
        .read_text(encoding="utf-8")
        .replace("    score: 40\n", "    score: 80\n", 1)
    )
    changed = [
        p if p.id != "us-cfius" else parse_pack(edited, "us-cfius.yaml")
        for p in load_shipped_packs()
    ]
    later = assess_case(store, "C-1", packs=changed, as_of=DAY)
    assert later.result.total == original.result.total + 40
    again = reproduce(store, original.id)
    assert again.reproduced, again.differences
    assert again.result.total == original.result.total


def test_tampered_facts_do_not_reproduce(store: Store) -> None:
    add_case(store)
    stored = assess_case(store, "C-1", as_of=DAY)
    with store.unit_of_work() as session:
        row = session.get(AssessmentRow, stored.id)
        assert row is not None
        facts = json.loads(json.dumps(row.facts))
        facts["chain"]["adversary_linked"] = []
        row.facts = facts
    outcome = reproduce(store, stored.id)
    assert not outcome.reproduced
    assert any(d.startswith("total:") for d in outcome.differences)


def test_tampered_pack_text_is_detected(store: Store) -> None:
    add_case(store)
    stored = assess_case(store, "C-1", as_of=DAY)
    with store.unit_of_work() as session:
        row = session.get(AssessmentRow, stored.id)
        assert row is not None
        packs = json.loads(json.dumps(row.packs))
        packs[1]["text"] = packs[1]["text"].replace("score: 40", "score: 4")
        row.packs = packs
    with pytest.raises(AssessmentError, match="does not match its hash"):
        reproduce(store, stored.id)


def test_unknown_case_is_an_error(store: Store) -> None:
    with pytest.raises(AssessmentError, match="no case"):
        assess_case(store, "NOPE")


# --- command line ---------------------------------------------------------------------------


def test_cli_rules_check_passes_shipped_packs() -> None:
    paths = [str(rules_dir() / n) for n in ("sanctions.yaml", "us-cfius.yaml", "jp-fefta.yaml")]
    result = CliRunner().invoke(main, ["rules", "check", *paths])
    assert result.exit_code == 0, result.output
    assert "us-cfius" in result.output


def test_cli_rules_check_accepts_a_directory() -> None:
    result = CliRunner().invoke(main, ["rules", "check", str(rules_dir()), "--json"])
    assert result.exit_code == 0, result.output
    assert sorted(p["id"] for p in json.loads(result.output)["packs"]) == [
        "jp-fefta",
        "sanctions",
        "us-cfius",
    ]


def test_cli_rules_check_lists_errors_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (rules_dir() / "jp-fefta.yaml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("deal.offshore_parent_transfer", "deal.offshore_transfer"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["rules", "check", str(bad)])
    assert result.exit_code == 1
    assert (
        "bad.yaml:" in result.output
        and "rule R18" in result.output
        and "offshore_transfer" in result.output
    )


def test_cli_assess_json(store: Store) -> None:
    add_case(store)
    result = CliRunner().invoke(
        main, ["--db", store.url, "assess", "C-1", "--as-of", "2026-01-15", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["case_id"] == "C-1" and payload["as_of"] == "2026-01-15"
    assert "T1" in payload["fired_rule_ids"]
    reproduced = CliRunner().invoke(
        main, ["--db", store.url, "rules", "reproduce", str(payload["assessment_id"])]
    )
    assert reproduced.exit_code == 0 and "reproduced" in reproduced.output


def test_cli_assess_with_custom_rules_and_bad_case(store: Store, tmp_path: Path) -> None:
    add_case(store)
    only_jp = CliRunner().invoke(
        main,
        [
            "--db",
            store.url,
            "assess",
            "C-1",
            "--rules",
            str(rules_dir() / "jp-fefta.yaml"),
            "--json",
        ],
    )
    assert only_jp.exit_code == 0
    assert [p["id"] for p in json.loads(only_jp.output)["packs"]] == ["jp-fefta"]
    missing = CliRunner().invoke(main, ["--db", store.url, "assess", "NOPE"])
    assert missing.exit_code == 2 and "no case 'NOPE'" in missing.output


def test_cli_rules_facts_lists_paths_with_types() -> None:
    result = CliRunner().invoke(main, ["rules", "facts"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line.split(None, 1)[1] for line in result.output.splitlines()}
    assert lines["transaction.voting_after_pct"] == "float"
    assert lines["chain.parties"] == "list of PartyFacts"
    assert lines["screening.chain_confirmed.sdn"] == "int"
