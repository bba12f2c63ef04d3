"""A person the EU, the UK and OFAC each list is one listed entity, one decision.

Most lists give a person's birth date and no number another list shares: Arkady Romanovich
Rotenberg (born 15 December 1951) is on Council Regulation 269/2014's annex, the UK list
and the SDN list, and an officer screening him adjudicated three hits. The real files, a
case of his, the screening an officer runs; then a database linked before this evidence
existed, which the next import of any list relinks whole.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sqlalchemy import delete, select

from screener.lists.base import ParsedDate, ParsedEntry, ParsedList, ParsedName
from screener.lists.entity_links import EVIDENCE_SETTING, entity_map, live_links
from screener.lists.load import load_parsed_list
from screener.lists.service import import_path
from screener.matching.db_index import build_index
from screener.memo import load_memo_data
from screener.memo.render import render_memo
from screener.models import ListedEntityLink, MatchResult, Setting
from screener.store import Store
from screener.workflow.entity_hits import group_matches
from screener.workflow.screening import screen_case
from tests.conftest import SHARED_DATA
from tests.factory import make_case
from tests.unit.test_memo import flat, pdf_text

UK = SHARED_DATA / "uk-ofsi-consolidated-list" / "UK_Sanctions_List.xlsx"
EU_269 = SHARED_DATA / "eu-oj-annexes-opensanctions-transcription" / "32014R0269.csv"
SDN = SHARED_DATA / "ofac-sdn-legacy-csv" / "2024-05-03_sdn-only"
ROTENBERG = {("EU-OJ", "32014R0269/I.PERSONS/92"), ("OFAC-SDN", "16669"), ("UK-OFSI", "15498")}


def test_rotenberg_on_three_real_lists_is_one_hit(store: Store, tmp_path: Path) -> None:
    eu = tmp_path / "eu"
    eu.mkdir()
    shutil.copy(EU_269, eu / EU_269.name)
    for path in (UK, eu, SDN):
        import_path(store, path)
    with store.unit_of_work() as session:
        make_case(
            session,
            "JP-1",
            parties=[
                {"key": "ROT", "name": "Arkadiy Romanovich Rotenberg", "party_type": "person",
                 "role": "owner", "nationality": "RU", "name_original": "Аркадий Романович Ротенберг"},
            ],
        )  # fmt: skip
    with store.session() as session:
        index = build_index(session)
    summary = screen_case(store, "JP-1", index)
    with store.session() as session:
        rows = list(session.execute(select(MatchResult)).scalars())
        found = {(m.source_name, m.entry_key) for m in rows}
        assert ROTENBERG <= found
        hits = group_matches(rows, entity_map(session, found))
        (rotenberg,) = [
            hit for hit in hits if {(m.source_name, m.entry_key) for m in hit.matches} & ROTENBERG
        ]
        assert {(m.source_name, m.entry_key) for m in rotenberg.matches} == ROTENBERG
        # the screening's summary counts him once, strong, as the Matches tab does
        assert summary.matches == len(hits)
        assert summary.strong_matches == sum(1 for hit in hits if hit.best.is_strong)
        evidence = {
            link.evidence
            for link in live_links(session)
            if {(link.source_a, link.key_a), (link.source_b, link.key_b)} <= ROTENBERG
        }
    assert evidence == {"same name, born 1951-12-15"}
    # the memo prints the one hit with why its three entries are one, in either language
    memo = load_memo_data(store, "JP-1")
    (printed,) = [
        m
        for m in memo.matches
        if {(s.source_name, s.entry_key) for s in m.memberships} == ROTENBERG
    ]
    assert len(printed.same_entity) == 3
    for lang, line in (
        ("en", "EU-OJ 32014R0269/I.PERSONS/92 = OFAC-SDN 16669: same name, born 1951-12-15"),
        (
            "ja",
            "EU-OJ 32014R0269/I.PERSONS/92 = OFAC-SDN 16669: 同一の氏名及び生年月日（1951-12-15）",
        ),
    ):
        pdf = io.BytesIO()
        render_memo(memo, pdf, lang)
        assert line in flat(pdf_text(pdf.getvalue())), lang


def _person(key: str, name: str, born: str) -> ParsedEntry:
    return ParsedEntry(
        key, "person", name, names=[ParsedName(name)], dates=[ParsedDate("birth", born)]
    )


def _load(store: Store, tmp_path: Path, source: str, entries: list[ParsedEntry]) -> None:
    path = tmp_path / f"{source}.txt"
    path.write_text(source + repr([e.entry_key for e in entries]))
    with store.unit_of_work() as session:
        load_parsed_list(session, ParsedList(source, "test", "test", [path], entries))


def test_links_found_with_older_evidence_are_found_again_at_the_next_import(
    store: Store, tmp_path: Path
) -> None:
    _load(store, tmp_path, "OFAC-SDN", [_person("16669", "ROTENBERG, Arkady", "1951-12-15")])
    _load(store, tmp_path, "UK-OFSI", [_person("15498", "Arkady ROTENBERG", "1951-12-15")])
    with store.unit_of_work() as session:  # as Screener left a database before this evidence
        session.execute(delete(ListedEntityLink))
        session.execute(delete(Setting).where(Setting.key == EVIDENCE_SETTING))
    # a list neither entry is on: only its own links could change, but these were never made
    _load(store, tmp_path, "UN-SC", [_person("QDi.001", "Somebody Else", "1960-02-03")])
    with store.session() as session:
        links = [(link.key_a, link.key_b, link.kind) for link in live_links(session)]
    assert links == [("16669", "15498", "name_and_birth")]
