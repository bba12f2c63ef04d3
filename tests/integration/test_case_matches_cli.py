"""An officer decides a case from the command line alone: the matches, their ids, the rules.

`case adjudicate` takes match ids, and no command printed them. `case matches` lists the
hits as the Matches tab counts them (one per party and listed entity) with the id to name;
here an owner on the real BIS DPL (his order expired in March 2026) and on the CSL's ITAR
debarments is confirmed by the printed ids, and the assessment counts the denial and the
debarment as a past export-control violation (T8), which it ignored before, each once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from screener.cli import main
from screener.risk.service import facts_for_case
from screener.store import open_store
from tests.conftest import SHARED_DATA

DEAL = {
    "format": "screener-deal-file",
    "format_version": 1,
    "transactions": [
        {
            "case_id": "US-CLI-1",
            "title": "Pinewood Critical Materials Inc. to acquire Ozark Rare Earth Recycling LLC",
            "jurisdictions": ["US"],
            "received_date": "2026-12-01",
            "structure": "share_purchase",
            "acquirer": "ACQ",
            "target_entity": "TGT",
            "stake_before_pct": 0,
            "stake_after_pct": 100,
            "asset": {"name": "Ozark recycling plant", "asset_type": "recycler", "country": "US"},
            "parties": [
                {"key": "TGT", "name": "Ozark Rare Earth Recycling LLC", "party_type": "company",
                 "role": "target", "country_incorporation": "US"},
                {"key": "ACQ", "name": "Pinewood Critical Materials Inc.", "party_type": "company",
                 "role": "acquirer", "country_incorporation": "US"},
                {"key": "PER", "name": "Abdul Majid Saidi", "party_type": "person",
                 "role": "owner", "country_incorporation": "US"},
            ],
            "ownership": [
                {"holder": "ACQ", "held": "TGT", "equity_pct": 100, "voting_pct": 100},
                {"holder": "PER", "held": "ACQ", "equity_pct": 15, "voting_pct": 15},
            ],
        }
    ],
}  # fmt: skip


def _commands(url: str) -> Callable[..., str]:
    """`screener --db URL ...` as an officer types it; its output, the exit code checked."""
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, ["--db", url, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return run


def _deal_file(folder: Path) -> Path:
    deal = folder / "deal.json"
    deal.write_text(json.dumps(DEAL), encoding="utf-8")
    return deal


def test_an_officer_finds_the_ids_decides_and_the_rules_count_the_denial(
    sqlite_url: str, tmp_path: Path
) -> None:
    run = _commands(sqlite_url)
    deal = _deal_file(tmp_path)
    run("lists", "import", str(SHARED_DATA / "us-trade-csl" / "consolidated.csv"))
    imported = run("lists", "import", str(SHARED_DATA / "us-bis-denied-persons" / "dpl.txt"))
    assert "545 entries (type not stated 545)" in imported, imported  # the DPL types nobody
    # "links" alone read as the listed-entity links; they are its entries' relationships
    assert "0 relationships between its entries, 400 links to the same entity" in imported
    run("deals", "import", str(deal))
    run("case", "screen", "US-CLI-1")

    shown = run("case", "matches", "US-CLI-1")
    assert "US-CLI-1: 2 listed entities hit (2 pending)" in shown
    assert "on US-BIS-DPL ABDUL MAJID SAIDI (DPL; listing ends 2026-03-13" in shown
    assert "on US-CSL ITAR Debarred (DTC):" in shown
    # and on what evidence the DPL's entry and the CSL's copy of it are one entity
    assert "one entity because: US-CSL DPL:" in shown
    assert "republishes the entry (US-BIS-DPL = US-CSL)" in shown
    assert "screener case adjudicate MATCH_ID" in shown
    ids = re.findall(r"^\s+(\d+)\s+pending\s", shown, flags=re.MULTILINE)
    assert len(ids) == 2

    run("case", "adjudicate", *ids, "--outcome", "confirm", "--reason", "Same person, same address")
    rows = json.loads(run("case", "matches", "US-CLI-1", "--json"))
    assert {row["status"] for row in rows} == {"confirmed"}
    assert all(row["reason"] == "Same person, same address" for row in rows)
    denial = next(r for r in rows if any(m["source"] == "US-BIS-DPL" for m in r["memberships"]))
    assert {m["source"] for m in denial["memberships"]} == {"US-BIS-DPL", "US-CSL"}

    assessed = run("assess", "US-CLI-1")
    assert re.search(r"^\s+T8\s+\+15\s", assessed, flags=re.MULTILINE), assessed
    store = open_store(sqlite_url)
    with store.session() as session:
        confirmed = facts_for_case(session, "US-CLI-1").screening.chain_confirmed
    store.dispose()
    # one denied person on the DPL and in the CSL's copy of it: one, as Matches shows him
    assert (confirmed.dpl, confirmed.itar_debarred) == (1, 1)


def test_a_case_never_screened_says_so(sqlite_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    deal = _deal_file(tmp_path)
    assert runner.invoke(main, ["--db", sqlite_url, "deals", "import", str(deal)]).exit_code == 0
    shown = runner.invoke(main, ["--db", sqlite_url, "case", "matches", "US-CLI-1"])
    assert shown.exit_code == 0
    assert shown.output == "US-CLI-1: not screened yet (screener case screen US-CLI-1)\n"
    missing = runner.invoke(main, ["--db", sqlite_url, "case", "matches", "NOPE"])
    assert missing.exit_code == 2 and "No case with id 'NOPE'" in missing.output


def test_a_deal_import_says_what_screening_each_case_still_needs(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Every case imported without --screen was 'not screened yet', also one screened an
    hour before and imported again unchanged."""
    run = _commands(sqlite_url)
    deal = _deal_file(tmp_path)
    run("lists", "import", str(SHARED_DATA / "us-bis-denied-persons" / "dpl.txt"))
    assert "US-CLI-1 created; not screened yet" in run("deals", "import", str(deal))
    run("case", "screen", "US-CLI-1")
    again = run("deals", "import", str(deal))
    assert again == "US-CLI-1 unchanged; screened against the active lists\n"
    renamed = json.loads(json.dumps(DEAL))
    renamed["transactions"][0]["parties"][2]["name"] = "Abdul M. Saidi"
    deal.write_text(json.dumps(renamed), encoding="utf-8")
    assert "; 1 party not screened since added or changed" in run("deals", "import", str(deal))
