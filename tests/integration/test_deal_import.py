"""Importing deal files into a real database: one case per transaction, audited updates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from screener import audit
from screener.cli import main
from screener.deals import DealFileError, import_deal_file, validate_deal_file
from screener.deals.writer import write_json, write_xlsx
from screener.demo.case import DEMO_CASE_ID, demo_case_path, ensure_demo_case
from screener.models import (
    AuditEvent,
    Case,
    Party,
)
from screener.ownership.service import case_report
from screener.store import Store
from tests.factory import confirm_listing, make_link


def count(store: Store, model) -> int:
    with store.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_demo_case_is_imported_once_on_an_empty_database(any_store: Store):
    assert ensure_demo_case(any_store) == DEMO_CASE_ID
    assert ensure_demo_case(any_store) == DEMO_CASE_ID
    assert count(any_store, Case) == 1
    with any_store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        assert case.transaction.target.asset_type == "separation_plant"
        assert {p.key for p in case.parties} >= {"PLH", "HXI", "HXG", "SASAC", "RRE"}
        hxg = next(p for p in case.parties if p.key == "HXG")
        assert hxg.name_original == "中国华信稀土集团有限公司"
        assert [e.action for e in audit.events_for_case(session, DEMO_CASE_ID)] == ["case.imported"]


def test_demo_case_is_not_imported_into_a_database_with_cases(store: Store):
    with store.unit_of_work() as session:
        session.add(Case(id="REAL-1", title="A real case"))
    assert ensure_demo_case(store) is None
    assert count(store, Case) == 1


def test_demo_case_deleted_by_the_user_does_not_come_back(store: Store):
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        session.delete(session.get(Case, DEMO_CASE_ID))
    assert ensure_demo_case(store) is None
    assert count(store, Case) == 0


def test_reimport_updates_in_place_and_audits_the_field_changes(store: Store, tmp_path: Path):
    import_deal_file(store, demo_case_path())
    changed = validate_deal_file(demo_case_path()).transactions
    changed[0].deal["value"] = 450_000_000.0
    changed[0].parties = [p for p in changed[0].parties if p["key"] != "SMT-FLOAT"]
    changed[0].ownership = [e for e in changed[0].ownership if e["holder_key"] != "SMT-FLOAT"]
    for edge in changed[0].ownership:
        if edge["holder_key"] == "HXI":
            edge["equity_pct"] = 75.0
    write_xlsx(changed, tmp_path / "v2.xlsx")

    result = import_deal_file(store, tmp_path / "v2.xlsx")

    assert [c.outcome for c in result.cases] == ["updated"]
    assert count(store, Case) == 1
    with store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        assert case.transaction.value == 450_000_000.0
        assert "SMT-FLOAT" not in {p.key for p in case.parties}
        event = audit.events_for_case(session, DEMO_CASE_ID)[-1]
    assert event.action == "case.updated_from_file"
    changes = {(c["object"], c["field"]): (c["old"], c["new"]) for c in event.details["changes"]}
    assert changes[("deal", "value")] == (412_000_000.0, 450_000_000.0)
    assert changes[("edge HXI -> PLH", "equity_pct")] == (70.0, 75.0)
    assert changes[("party SMT-FLOAT", "*")] == ("present", "removed")
    assert changes[("edge SMT-FLOAT -> SMT", "*")] == ("present", "removed")


def test_reimporting_the_same_file_changes_nothing(store: Store):
    import_deal_file(store, demo_case_path())
    events = count(store, AuditEvent)
    result = import_deal_file(store, demo_case_path())
    assert [c.outcome for c in result.cases] == ["unchanged"]
    assert count(store, AuditEvent) == events
    assert count(store, Party) == len(validate_deal_file(demo_case_path()).transactions[0].parties)


def test_reimport_keeps_edges_an_analyst_added(store: Store):
    import_deal_file(store, demo_case_path())
    with store.unit_of_work() as session:
        make_link(session, DEMO_CASE_ID, "DKW", "SMT", equity_pct=1.0, source="analyst")
    import_deal_file(store, demo_case_path())
    with store.session() as session:
        pairs = {
            (e.holder_key, e.held_key) for e in session.get(Case, DEMO_CASE_ID).ownership_links
        }
    assert ("DKW", "SMT") in pairs


def test_a_bad_file_leaves_nothing_behind(store: Store, tmp_path: Path):
    transactions = validate_deal_file(demo_case_path()).transactions
    second = validate_deal_file(demo_case_path()).transactions[0]
    second.case["id"] = "SECOND"
    second.parties[0]["country_incorporation"] = "ZZ"
    write_json(transactions + [second], tmp_path / "two.json")
    (tmp_path / "two.json").write_text(
        (tmp_path / "two.json").read_text().replace('"ZZ"', '"Z9"'), encoding="utf-8"
    )
    with pytest.raises(DealFileError) as caught:
        import_deal_file(store, tmp_path / "two.json")
    assert "transactions[1].parties[0].country_incorporation" in str(caught.value)
    assert count(store, Case) == 0
    assert count(store, AuditEvent) == 0


def test_cli_import_prints_case_ids_and_reports_errors(store: Store, tmp_path: Path):
    runner = CliRunner()
    url = store.url
    result = runner.invoke(main, ["--db", url, "deals", "import", str(demo_case_path()), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["case_ids"] == [DEMO_CASE_ID]
    bad = tmp_path / "bad.json"
    bad.write_text('{"transactions": [{"case_id": "X"}]}', encoding="utf-8")
    result = runner.invoke(main, ["--db", url, "deals", "import", str(bad)])
    assert result.exit_code == 2
    assert "transactions[0].title: required value is missing" in result.output
    schema = runner.invoke(main, ["deals", "schema"])
    assert json.loads(schema.output)["title"] == "Screener deal file"


def add_confirmed_match(store: Store, party_key: str, source: str, list_name: str) -> None:
    with store.unit_of_work() as session:
        confirm_listing(
            session, DEMO_CASE_ID, party_key, source, "E1", "HUAXIN RE GROUP",
            list_name=list_name, programs=["TEST"],
        )  # fmt: skip


def test_confirmed_match_seeds_the_regimes_of_its_list(store: Store):
    ensure_demo_case(store)
    add_confirmed_match(store, "HXG", "US-CSL", "Entity List")
    with store.session() as session:
        report = case_report(session, DEMO_CASE_ID, as_of=date(2026, 12, 1))
    bis = report.regimes["bis_affiliates"]
    assert bis.in_force
    assert bis.blocked() == ["HXG", "HXI", "PLH", "RRE"]
    assert report.regimes["ofac"].blocked() == []
    path = report.explain("bis_affiliates", "RRE")
    assert "Pacific Lanthanide Holdings Pte. Ltd. 60 % (board majority)" in path[0]
    assert "listed - US-CSL / Entity List entry E1 'HUAXIN RE GROUP' [TEST]" in path[-1]
    with store.session() as session:
        suspended = case_report(session, DEMO_CASE_ID, as_of=date(2026, 6, 1))
    assert not suspended.regimes["bis_affiliates"].in_force


def test_cli_ownership_json(store: Store):
    ensure_demo_case(store)
    result = CliRunner().invoke(
        main, ["--db", store.url, "ownership", DEMO_CASE_ID, "--json", "--as-of", "2026-12-01"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["target_view"]["adversary_share"] == 42.0
    assert data["target_view"]["unresolved_share"] == 9.0
    assert data["acquirer_view"]["government_share"] == {"CN": 53.9}
    assert data["acquirer_state_share_deemed"] == {"CN": 100.0}
    missing = CliRunner().invoke(main, ["--db", store.url, "ownership", "NOPE"])
    assert missing.exit_code == 2


@pytest.mark.parametrize("name", ["case.xlsx", "case.json", "case_csv"])
def test_export_and_reimport_in_every_format_changes_nothing(
    store: Store, tmp_path: Path, name: str
):
    ensure_demo_case(store)
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["--db", store.url, "deals", "export", DEMO_CASE_ID, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    events = count(store, AuditEvent)
    reimport = import_deal_file(store, out)
    assert [c.outcome for c in reimport.cases] == ["unchanged"], reimport.cases
    assert count(store, AuditEvent) == events


def test_reimport_with_blank_case_fields_keeps_what_reviewers_set(store: Store, tmp_path: Path):
    import_deal_file(store, demo_case_path())
    with store.unit_of_work() as session:
        case = session.get(Case, DEMO_CASE_ID)
        case.assignee = "a.reviewer"
        case.summary = "Edited in the app."
    transactions = validate_deal_file(demo_case_path()).transactions
    transactions[0].case.pop("summary")
    transactions[0].deal.pop("board_seats")
    write_json(transactions, tmp_path / "blank.json")
    result = import_deal_file(store, tmp_path / "blank.json")
    with store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        assert (case.assignee, case.summary) == ("a.reviewer", "Edited in the app.")
        assert case.transaction.board_seats is None  # deal terms follow the file
    assert [(c["object"], c["field"]) for c in result.cases[0].changes] == [("deal", "board_seats")]
