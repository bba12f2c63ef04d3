"""A party confirmed as an OpenSanctions entity counts on the official lists the entity names.

OpenSanctions files every listed entity under one sub-list, "sanctioned", which names no list;
its `datasets` say which. Before, such a match counted as "other": an owner confirmed as JSC
Kalashnikov Concern (SDN, EU, UK) seeded no 50 % rule and fired no gate. Here the real
OpenSanctions sample, a deal whose Cyprus vehicle is 30 % Kalashnikov Concern and 25 % LLC
CST, and the commands an officer runs: screen, confirm, ownership, assess.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from screener.cli import main
from screener.matching.match_fields import match_fields
from screener.memo import load_memo_data
from screener.models import MatchResult
from screener.store import open_store
from tests.conftest import SHARED_DATA

ZALA = SHARED_DATA / "opensanctions-ftm" / "zala_entities.ftm.json"
KALASHNIKOV = "NK-nR5AXM9AVPq4pQaSPSaVam"  # us_ofac_sdn, eu_fsf, gb_fcdo_sanctions, jp_meti_eul
CST = "NK-abdzbEBkqyT29GyREbiURZ"  # us_ofac_sdn, eu_fsf, gb_fcdo_sanctions; US-BIS-EL

PARTIES = [
    ("HJZ", "北陸磁材株式会社", "target", "JP"),
    ("HKH", "北陸ホールディングス合同会社", "acquirer", "JP"),
    ("CYV", "Aeroskan Invest Ltd", "owner", "CY"),
    ("KAL", "コンツェルン・カラシニコフ", "owner", "RU"),  # the entity's katakana alias
    ("CST", "Общество с ограниченной ответственностью ЦСТ", "owner", "RU"),
]
STAKES = [("HKH", "HJZ", 35), ("CYV", "HKH", 80), ("KAL", "CYV", 30), ("CST", "CYV", 25)]


def _deal(path: Path) -> Path:
    transaction = {
        "case_id": "JP-OS-1",
        "title": "北陸ホールディングス合同会社 to acquire 35 % of 北陸磁材株式会社",
        "jurisdictions": ["JP", "US"],
        "received_date": "2026-11-30",
        "structure": "share_purchase",
        "acquirer": "HKH",
        "target_entity": "HJZ",
        "stake_before_pct": 0,
        "stake_after_pct": 35,
        "asset": {"name": "富山焼結磁石工場", "asset_type": "magnet_plant", "country": "JP"},
        "parties": [
            {
                "key": key,
                "name": name,
                "party_type": "company",
                "role": role,
                "country_incorporation": country,
            }
            for key, name, role, country in PARTIES
        ],
        "ownership": [
            {"holder": holder, "held": held, "equity_pct": pct, "voting_pct": pct}
            for holder, held, pct in STAKES
        ],
    }
    document = {"format": "screener-deal-file", "format_version": 1, "transactions": [transaction]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_owners_confirmed_as_opensanctions_entities_seed_the_lists_those_entities_are_on(
    sqlite_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()

    def run(*args: str) -> dict:  # type: ignore[type-arg]
        result = runner.invoke(main, ["--db", sqlite_url, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.output) if "--json" in args else {}

    run("lists", "import", str(ZALA))
    run("deals", "import", str(_deal(tmp_path / "deal.json")))
    screened = runner.invoke(main, ["--db", sqlite_url, "case", "screen", "JP-OS-1"])
    assert "5 parties screened against 1 list version: " in screened.output, screened.output
    store = open_store(sqlite_url)
    with store.session() as session:
        matches = {
            m.entry_key: (m.id, m.party_key)
            for m in session.execute(
                select(MatchResult).where(MatchResult.case_id == "JP-OS-1")
            ).scalars()
        }
    store.dispose()
    assert matches[KALASHNIKOV][1] == "KAL" and matches[CST][1] == "CST", matches
    store = open_store(sqlite_url)
    with store.session() as session:  # what the Matches tab's side by side shows
        _, rows = match_fields(session, matches[KALASHNIKOV][0])
    store.dispose()
    listed = next(row.entry for row in rows if row.label == "Role / list")
    assert "OpenSanctions-FtM · sanctioned" in listed and "us_ofac_sdn" in listed, listed
    run(
        "case", "adjudicate", str(matches[KALASHNIKOV][0]), str(matches[CST][0]),
        "--outcome", "confirm", "--reason", "Same company, its alias in katakana / Cyrillic",
    )  # fmt: skip

    regimes = run("ownership", "JP-OS-1", "--json")["regimes"]
    # OFAC adds different owners' stakes: 30 + 25 = 55 % of the vehicle, which holds 80 %
    # of the acquirer; the EU adds them too (> 50 %); the UK adds only connected owners'.
    assert set(regimes["ofac"]["blocked"]) == {"KAL", "CST", "CYV", "HKH"}
    assert set(regimes["eu"]["blocked"]) == {"KAL", "CST", "CYV", "HKH"}
    assert set(regimes["uk"]["blocked"]) == {"KAL", "CST"}
    listed = regimes["ofac"]["statuses"]["KAL"]["entries"][0]
    assert listed["categories"] == ["eu", "meti_end_user", "sdn", "uk"]
    assert "(on jp_meti_eul, us_ofac_sdn, gb_fcdo_sanctions, eu_fsf)" in listed["source"]
    cst = regimes["ofac"]["statuses"]["CST"]["entries"][0]
    assert "entity_list" in cst["categories"]  # by its designation's programme, US-BIS-EL

    assessment = run("assess", "JP-OS-1", "--json")
    outcomes = {o["outcome"]: o["rule_ids"] for o in assessment["outcomes"]}
    assert "G1" in outcomes["prohibited"], outcomes  # SDN-listed owners, and 50 % blocked
    assert {"G1", "G2"} <= set(outcomes["escalate"]), outcomes

    # the memo's match blocks and the export name the same lists as the regimes' paths
    run("export", "JP-OS-1", "--out", str(tmp_path / "results.csv"))
    with (tmp_path / "results.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["entry_id"]: row for row in csv.DictReader(handle)}
    on = "sanctioned (on jp_meti_eul, us_ofac_sdn, gb_fcdo_sanctions, eu_fsf)"
    assert rows[KALASHNIKOV]["sub_list"] == on, rows[KALASHNIKOV]["sub_list"]
    store = open_store(sqlite_url)
    memo = load_memo_data(store, "JP-OS-1")
    store.dispose()
    assert [m.list_name for m in memo.matches if m.entry_key == KALASHNIKOV] == [on]
