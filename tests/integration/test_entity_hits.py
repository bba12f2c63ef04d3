"""One listed entity, one decision: a case's hits grouped by entity, decided and remembered once.

The lists are built with the linker's real evidence (the CSL's `SDN:` id, an OFAC remark
citing the UN number) and loaded through `load_parsed_list`, which relinks; the case is
screened with the real index.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.audit_replay import check_state
from screener.lists.base import ParsedEntry, ParsedIdentifier, ParsedList, ParsedName
from screener.lists.load import load_parsed_list
from screener.matching.db_index import build_index
from screener.memo.model import build_memo_data
from screener.models import AuditEvent, Case, ListSource, ListVersion, MatchResult
from screener.store import Store
from screener.workflow import adjudication, signoff
from screener.workflow.entity_hits import case_entity_hits
from screener.workflow.rescreen import rescreen_open_cases
from screener.workflow.screening import screen_case
from tests.factory import make_case

PARTY = [{"key": "owner", "name": "Sultan Hashim Ahmad al-Ta'i", "party_type": "person"}]
NAME = "AL-TAI, Sultan Hashim Ahmad"


def entry(key: str, name: str, **fields: object) -> ParsedEntry:
    return ParsedEntry(key, "person", name, names=[ParsedName(name)], **fields)  # type: ignore[arg-type]


SDN = [entry("6384", NAME, list_name="SDN List", programs=["IRAQ2"], remarks="UN Ref IQi.001")]
CSL = [entry("SDN:6384", NAME, list_name="Specially Designated Nationals (SDN)")]
UN = [entry("IQi.001", "SULTAN HASHIM AHMAD AL-TA'I", list_name="UN 1518 list")]
UK = [entry("101", NAME, list_name="UK sanctions list")]  # the same name, no evidence: apart


def load(store: Store, tmp_path: Path, source: str, entries: list[ParsedEntry]) -> None:
    path = tmp_path / f"{source}-{len(list(tmp_path.iterdir()))}.txt"
    path.write_text(repr([(e.entry_key, e.programs, e.remarks) for e in entries]) + path.name)
    with store.unit_of_work() as session:
        load_parsed_list(session, ParsedList(source, "test", "test", [path], entries))


def seed(store: Store, tmp_path: Path, case_id: str = "C-1") -> None:
    for source, entries in (("OFAC-SDN", SDN), ("US-CSL", CSL), ("UN-SC", UN), ("UK-OFSI", UK)):
        load(store, tmp_path, source, entries)
    with store.unit_of_work() as session:
        make_case(session, case_id, parties=PARTY)


def screen(store: Store, case_id: str = "C-1") -> None:
    with store.session() as session:
        index = build_index(session)
    screen_case(store, case_id, index)


def hits(store: Store, case_id: str = "C-1") -> list[tuple[str, tuple[str, ...]]]:
    with store.session() as session:
        return [
            (hit.status, tuple(f"{m.source} {m.entry_key}" for m in hit.memberships()))
            for hit in case_entity_hits(session, case_id)
        ]


def best_of(store: Store, source: str, case_id: str = "C-1") -> int:
    with store.session() as session:
        for hit in case_entity_hits(session, case_id):
            if source in hit.sources:
                return hit.best.id
    raise AssertionError(f"no hit on {source}")


def replay_problems(session: Session) -> list[str]:
    """The log against the match and decision tables (the factory's case has no record)."""
    return [m.describe() for m in check_state(session) if m.kind in ("match", "decision")]


def test_hits_group_by_entity_and_one_decision_covers_every_membership(
    store: Store, tmp_path: Path
) -> None:
    seed(store, tmp_path)
    screen(store)
    with store.session() as session:
        assert len(session.execute(select(MatchResult)).all()) == 4  # one per list entry
    assert sorted(hits(store)) == [
        ("pending", ("OFAC-SDN 6384", "UN-SC IQi.001", "US-CSL SDN:6384")),
        ("pending", ("UK-OFSI 101",)),
    ]
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        undecided = [b for b in signoff.blocking(case) if b.code == "undecided"]
        assert [b.count for b in undecided] == [2]  # entities, not list entries

    with store.unit_of_work() as session:
        decisions = adjudication.decide_entity(
            session, best_of(store, "OFAC-SDN"), "dismiss", "Different date of birth"
        )
    assert len(decisions) == 3
    assert sorted(hits(store)) == [
        ("dismissed", ("OFAC-SDN 6384", "UN-SC IQi.001", "US-CSL SDN:6384")),
        ("pending", ("UK-OFSI 101",)),
    ]
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        assert [b.count for b in signoff.blocking(case) if b.code == "undecided"] == [1]
        assert replay_problems(session) == []  # the audit log replays to the tables
        records = session.execute(
            select(AuditEvent).where(AuditEvent.action == "match.dismissed")
        ).scalars()
        assert [sorted(r.details["entity"]) for r in records] == [
            ["OFAC-SDN 6384", "UN-SC IQi.001", "US-CSL SDN:6384"]
        ] * 3
        memo = build_memo_data(session, "C-1")
    assert len(memo.matches) == 2
    listed = [m for m in memo.matches if len(m.memberships) == 3]
    assert len(listed) == 1 and listed[0].status == "dismissed"
    assert listed[0].reason == "Different date of birth"
    assert "IRAQ2" in listed[0].programs


def test_bulk_dismiss_counts_an_entity_once(store: Store, tmp_path: Path) -> None:
    seed(store, tmp_path)
    screen(store)
    with store.session() as session:
        ids = [m.id for m in session.execute(select(MatchResult)).scalars()]
    with store.unit_of_work() as session:
        decisions = adjudication.bulk_dismiss(session, ids, "Namesakes")
    assert len(decisions) == 4  # every membership once, although all four were selected
    assert {status for status, _ in hits(store)} == {"dismissed"}


def test_memory_follows_the_entity_across_cases_and_versions(store: Store, tmp_path: Path) -> None:
    seed(store, tmp_path)
    screen(store)
    with store.unit_of_work() as session:
        adjudication.decide_entity(session, best_of(store, "OFAC-SDN"), "dismiss", "Not him")
    # a new SDN version that still links him (another entry added): the entity stays dismissed
    load(store, tmp_path, "OFAC-SDN", [*SDN, entry("7000", "OTHER, Person")])
    with store.unit_of_work() as session:
        make_case(session, "C-2", parties=PARTY)
    screen(store, "C-2")
    assert ("dismissed", ("OFAC-SDN 6384", "UN-SC IQi.001", "US-CSL SDN:6384")) in hits(
        store, "C-2"
    )
    # the UK now cites his UN number: a new membership brings him back, saying what is new
    uk_cites = entry(
        "102",
        "AL-TA'I, Sultan Hashim",
        list_name="UK sanctions list",
        programs=["Iraq"],
        identifiers=[ParsedIdentifier("un_reference", "IQi.001")],
    )
    load(store, tmp_path, "UK-OFSI", [UK[0], uk_cites])
    # the case that dismissed him, screened again: the entity is back, for that reason
    screen(store, "C-1")
    # the case memory dismissed him in, re-screened against the new UK version's changes
    with store.unit_of_work() as session:
        uk = session.execute(
            select(ListVersion.id)
            .join(ListSource)
            .where(ListSource.name == "UK-OFSI", ListVersion.is_active.is_(True))
        ).scalar_one()
        summary = rescreen_open_cases(session, uk)
    # C-2 has the entity reopened and the UK entry as a new hit: named once
    assert summary.cases_with_new_hits == ["C-2"]
    # and a new case: memory does not dismiss him again
    with store.unit_of_work() as session:
        make_case(session, "C-3", parties=PARTY)
    screen(store, "C-3")
    with store.session() as session:
        for case_id in ("C-1", "C-2", "C-3"):
            (hit,) = [h for h in case_entity_hits(session, case_id) if "OFAC-SDN" in h.sources]
            assert hit.status == "pending" and hit.changed, case_id
            changed = next(
                m.changed_since_dismissed for m in hit.matches if m.changed_since_dismissed
            )
            assert changed["new_memberships"] == ["UK-OFSI 102 — UK sanctions list (Iraq)"]
            assert changed["reason"] == "Not him"
            case = session.get(Case, case_id)
            assert case is not None and case.has_new_hits
        assert replay_problems(session) == []
