"""Editing edges by hand and pulling list links into a case: validated and audited."""

from __future__ import annotations

import pytest

from screener import audit
from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
from screener.models import Case
from screener.ownership.edit import EdgeError, EdgeInput, add_edge, remove_edge, update_edge
from screener.ownership.links import list_link_candidates, pull_list_links
from screener.ownership.service import case_report
from screener.store import Store
from tests.factory import make_entry, make_entry_link, make_match, make_version


def actions(store: Store) -> list[str]:
    with store.session() as session:
        return [e.action for e in audit.events_for_case(session, DEMO_CASE_ID)]


def test_add_change_and_remove_an_edge_are_audited(store: Store):
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        link, warnings = add_edge(session, DEMO_CASE_ID, EdgeInput("DKW", "SMT", equity_pct=2.0))
        link_id = link.id
    assert warnings == ["owners of SMT would hold 102 % in total"]
    with store.unit_of_work() as session:
        _, warnings = update_edge(
            session, DEMO_CASE_ID, link_id, EdgeInput("DKW", "SMT", equity_pct=5.0)
        )
    assert warnings == ["owners of SMT would hold 105 % in total"]
    with store.unit_of_work() as session:
        remove_edge(session, DEMO_CASE_ID, link_id)
    assert actions(store)[-3:] == [
        "ownership.edge_added",
        "ownership.edge_changed",
        "ownership.edge_removed",
    ]
    with store.session() as session:
        event = audit.events_for_case(session, DEMO_CASE_ID)[-2]
        assert event.details["changes"] == [{"field": "equity_pct", "old": 2.0, "new": 5.0}]


def test_invalid_edges_are_refused_with_every_reason(store: Store):
    ensure_demo_case(store)
    with store.unit_of_work() as session, pytest.raises(EdgeError) as caught:
        add_edge(session, DEMO_CASE_ID, EdgeInput("NOBODY", "RRE", equity_pct=150.0))
    assert caught.value.problems == [
        "holder 'NOBODY' is not a party of case DEMO-2026-0001",
        "equity % must be between 0 and 100, not 150",
    ]
    with store.unit_of_work() as session, pytest.raises(EdgeError) as caught:
        add_edge(session, DEMO_CASE_ID, EdgeInput("PLH", "RRE", equity_pct=1.0))
    assert caught.value.problems == ["PLH already holds RRE: change that edge"]
    with store.unit_of_work() as session, pytest.raises(EdgeError) as caught:
        add_edge(session, DEMO_CASE_ID, EdgeInput("DKW", "SMT"))
    assert caught.value.problems == ["give an equity %, a voting % or a control type"]


def test_list_links_of_a_confirmed_entry_can_be_pulled_with_provenance(store: Store):
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        version = make_version(session, "OFAC-SDN", "2026-11-01", format="csv")
        entry = make_entry(session, version, "40001", "HUAXIN RE INTL")
        make_entry(session, version, "40002", "JADE DRAGON HOLDINGS", countries=["CN"])
        make_entry_link(
            session,
            entry,
            "owned_or_controlled_by",
            object_key="40002",
            source_text="Owned or Controlled By: JADE DRAGON HOLDINGS.",
        )
        make_entry_link(
            session, entry, "linked_to", object_name="LI Wei", source_text="Linked To: LI, Wei."
        )
        make_match(session, DEMO_CASE_ID, entry, "HXI", score=1.0, status="confirmed")
    with store.session() as session:
        candidates = list_link_candidates(session, DEMO_CASE_ID, "HXI")
    assert [(c.relation, c.pullable, c.counterparty_name) for c in candidates] == [
        ("owned_or_controlled_by", True, "JADE DRAGON HOLDINGS"),
        ("linked_to", False, "LI Wei"),
    ]
    with store.unit_of_work() as session:
        added = pull_list_links(session, DEMO_CASE_ID, "HXI", [candidates[0].link_id])
    assert [(e.holder_key, e.held_key, e.control_type, e.confidence) for e in added] == [
        ("OFAC-SDN-40002", "HXI", "dominant_influence", "list")
    ]
    with store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        pulled = next(p for p in case.parties if p.key == "OFAC-SDN-40002")
        assert pulled.name == "JADE DRAGON HOLDINGS"
        assert "OFAC-SDN 2026-11-01, entry 40001: owned_or_controlled_by" in pulled.notes
        report = case_report(session, DEMO_CASE_ID)
    assert actions(store)[-1] == "ownership.list_link_pulled"
    # HXI confirmed on the SDN list: it, PLH (70 %) and the target (60 % via PLH) are blocked.
    assert report.regimes["ofac"].blocked() == ["HXI", "PLH", "RRE"]
