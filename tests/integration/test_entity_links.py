"""Listed-entity links are rebuilt at every import, survive what supports them, can be undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from screener.cli import main
from screener.lists.base import ParsedEntry, ParsedIdentifier, ParsedList, ParsedName
from screener.lists.catalog import use_version
from screener.lists.entity_links import (
    LinkNotFound,
    link_shares,
    linkable_entries,
    linked_entities,
    live_links,
    relink,
    undo_link,
)
from screener.lists.load import load_parsed_list
from screener.models import AuditEvent, ListedEntityLink, ListEntry, ListSource, ListVersion
from screener.store import Store


def entry(key: str, name: str, **fields: object) -> ParsedEntry:
    return ParsedEntry(
        key, str(fields.pop("entity_type", "person")), name, names=[ParsedName(name)], **fields
    )  # type: ignore[arg-type]


def load(
    store: Store, tmp_path: Path, source: str, entries: list[ParsedEntry], fmt: str = "test"
) -> None:
    """One version of `source`; a distinct file per call so each is a new version."""
    path = tmp_path / f"{source}-{len(list(tmp_path.iterdir()))}.txt"
    path.write_text(repr([e.entry_key for e in entries]) + path.name)
    parsed = ParsedList(source, fmt, "test", [path], entries)
    with store.unit_of_work() as session:
        load_parsed_list(session, parsed)


SDN = [entry("6384", "AL-TAI, Sultan Hashim Ahmad"), entry("7000", "NAMESAKE, Sultan")]
CSL = [entry("SDN:6384", "AL-TAI, Sultan Hashim Ahmad"), entry("SDN:9999", "GONE, Person")]
UN = [entry("IQi.001", "SULTAN HASHIM AHMAD AL-TA'I")]
UK = [
    entry(
        "100",
        "Sultan Hashim Ahmad AL-TA'I",
        identifiers=[ParsedIdentifier("un_reference", "IQi.001")],
    ),
    entry("101", "AL-TAI, Sultan Hashim Ahmad"),  # the same name, no evidence
]


def pairs(store: Store) -> set[tuple[str, str, str]]:
    with store.session() as session:
        return {
            (f"{k.source_a} {k.key_a}", f"{k.source_b} {k.key_b}", k.kind)
            for k in live_links(session)
        }


def test_an_import_links_on_evidence_and_reports_the_shares(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, "OFAC-SDN", SDN)
    load(store, tmp_path, "US-CSL", CSL)
    load(store, tmp_path, "UN-SC", UN)
    load(store, tmp_path, "UK-OFSI", UK)
    assert pairs(store) == {
        ("OFAC-SDN 6384", "US-CSL SDN:6384", "source_id"),
        ("UK-OFSI 100", "UN-SC IQi.001", "un_reference"),
    }
    with store.session() as session:
        shares = link_shares(session)
        entities = linked_entities(session)
    assert shares["csl_sdn_rows"] == {
        "rows": 2,
        "sdn_version_loaded": True,
        "id_in_sdn_version": 1,
        "linked": 1,
    }
    assert shares["un"]["cited_by"] == {"UK-OFSI": {"citing": 1, "linked": 1}}
    assert sorted([m.entry_key for m in e.memberships] for e in entities) == [
        ["100", "IQi.001"],
        ["6384", "SDN:6384"],
    ]


def test_a_new_version_keeps_only_the_links_it_supports(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, "OFAC-SDN", SDN)
    load(store, tmp_path, "US-CSL", CSL)
    assert len(pairs(store)) == 1
    load(store, tmp_path, "OFAC-SDN", [entry("6384", "AL-TAI, Sultan Hashim Ahmad")])
    assert pairs(store) == {("OFAC-SDN 6384", "US-CSL SDN:6384", "source_id")}
    with store.session() as session:
        (link,) = live_links(session)
        assert link.entry_a_id != 1 or link.entry_b_id != 2  # ids of the new version's entry
    load(store, tmp_path, "OFAC-SDN", [entry("7000", "NAMESAKE, Sultan")])  # 6384 delisted
    assert pairs(store) == set()


def test_an_undone_link_stays_undone_across_imports_and_is_audited(
    store: Store, tmp_path: Path
) -> None:
    load(store, tmp_path, "OFAC-SDN", SDN)
    load(store, tmp_path, "US-CSL", CSL)
    with store.session() as session:
        (link,) = live_links(session)
    with store.unit_of_work() as session:
        undo_link(session, link.id, "republished row is a different person")
    assert pairs(store) == set()
    load(store, tmp_path, "US-CSL", [*CSL, entry("SDN:7000", "NAMESAKE, Sultan")])
    assert pairs(store) == {("OFAC-SDN 7000", "US-CSL SDN:7000", "source_id")}
    with store.unit_of_work() as session:
        assert relink(session).kept_undone == 1
        events = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "list.link.undo"))
            .scalars()
            .all()
        )
        assert [e.details["reason"] for e in events] == ["republished row is a different person"]
        with pytest.raises(LinkNotFound):
            undo_link(session, link.id, "again")
        assert session.get(ListedEntityLink, link.id) is not None


def test_cli_lists_links_and_undo(store: Store, tmp_path: Path, sqlite_url: str) -> None:
    load(store, tmp_path, "OFAC-SDN", SDN)
    load(store, tmp_path, "US-CSL", CSL)
    runner = CliRunner()
    shown = runner.invoke(main, ["--db", sqlite_url, "lists", "links", "--json"])
    assert shown.exit_code == 0, shown.output
    assert '"SDN:6384"' in shown.output and '"linked": 1' in shown.output
    with store.session() as session:
        (link,) = live_links(session)
    undone = runner.invoke(
        main, ["--db", sqlite_url, "lists", "unlink", str(link.id), "--reason", "not him"]
    )
    assert undone.exit_code == 0, undone.output
    assert pairs(store) == set()
    again = runner.invoke(
        main, ["--db", sqlite_url, "lists", "unlink", str(link.id), "--reason", "not him"]
    )
    assert again.exit_code == 2


def test_search_shows_one_row_per_listed_entity_with_its_memberships(
    store: Store, tmp_path: Path, sqlite_url: str
) -> None:
    load(store, tmp_path, "OFAC-SDN", SDN)
    load(store, tmp_path, "US-CSL", CSL)
    load(store, tmp_path, "UN-SC", UN)
    load(store, tmp_path, "UK-OFSI", UK)
    result = CliRunner().invoke(
        main, ["--db", sqlite_url, "search", "Sultan Hashim Ahmad al-Ta'i", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = [
        sorted((m["list"], m["entry_key"]) for m in hit["memberships"])
        for hit in json.loads(result.output)
    ]
    # SDN and its CSL copy are one entity; UK 100 and UN IQi.001 another (UN ref); UK 101
    # has the same name and no evidence, so it stays its own row
    assert sorted(rows) == [
        [("OFAC-SDN", "6384"), ("US-CSL", "SDN:6384")],
        [("UK-OFSI", "100"), ("UN-SC", "IQi.001")],
        [("UK-OFSI", "101")],
    ]


def test_json_fields_link_eu_fsf_un_numbers_and_ftm_referents(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, "UN-SC", UN)
    load(store, tmp_path, "OFAC-SDN", SDN)
    eu = entry("EU.1.2", "Sultan Hashim AHMAD AL-TAI", data={"un_reference": "IQi.001"})
    load(store, tmp_path, "EU-FSF", [eu], fmt="eu-fsf-xml")
    ftm = entry("NK-1", "Sultan Hashim Ahmad al-Ta'i", data={"referents": ["ofac-6384"]})
    load(store, tmp_path, "OpenSanctions-FtM", [ftm], fmt="ftm-json")
    assert pairs(store) == {
        ("EU-FSF EU.1.2", "UN-SC IQi.001", "un_reference"),
        ("OFAC-SDN 6384", "OpenSanctions-FtM NK-1", "ftm_referent"),
    }


def test_a_new_version_relinks_only_its_own_entries_reusing_the_links_it_supports(
    store: Store, tmp_path: Path
) -> None:
    load(store, tmp_path, "OFAC-SDN", SDN)
    load(store, tmp_path, "US-CSL", CSL)
    load(store, tmp_path, "UN-SC", UN)
    load(store, tmp_path, "UK-OFSI", UK)
    with store.session() as session:
        before = {
            (k.source_a, k.key_a, k.source_b, k.key_b): (k.id, k.linked_at)
            for k in live_links(session)
        }
    # a new SDN version: 6384 still there (the CSL link is kept, moved to the new entry)
    load(store, tmp_path, "OFAC-SDN", [*SDN, entry("8000", "NEW, Person")])
    with store.session() as session:
        after = {(k.source_a, k.key_a, k.source_b, k.key_b): k for k in live_links(session)}
        sdn_now = session.execute(
            select(ListEntry.id)
            .join(ListVersion)
            .where(ListVersion.is_active.is_(True), ListEntry.entry_key == "6384")
        ).scalar_one()
    assert set(after) == set(before)
    for key, (link_id, linked_at) in before.items():
        assert (after[key].id, after[key].linked_at) == (link_id, linked_at)  # the same rows
    assert after[("OFAC-SDN", "6384", "US-CSL", "SDN:6384")].entry_a_id == sdn_now
    # rolling the SDN list back to its first version relinks that list too
    with store.unit_of_work() as session:
        first = (
            session.execute(
                select(ListVersion.id)
                .join(ListSource)
                .where(ListSource.name == "OFAC-SDN")
                .order_by(ListVersion.id)
            )
            .scalars()
            .first()
        )
        assert first is not None
        use_version(session, first)
    with store.session() as session:
        (moved,) = [k for k in live_links(session) if k.source_a == "OFAC-SDN"]
        assert moved.id == before[("OFAC-SDN", "6384", "US-CSL", "SDN:6384")][0]
        assert moved.entry_a_id != sdn_now


def test_only_entries_some_evidence_could_join_are_read_and_the_links_are_the_same(
    store: Store, tmp_path: Path
) -> None:
    """A register's entries whose numbers nobody else holds are never read whole (issue 19);
    every holder of a shared number is, even of a number too crowded to link on, so the
    linker counts holders as over every entry."""

    def lei(key: str, name: str, number: str) -> ParsedEntry:
        return entry(key, name, entity_type="company",
                     identifiers=[ParsedIdentifier("lei", number)])  # fmt: skip

    register = [
        lei(f"R{n}", f"Register Company {n}", f"5493001KJTIIGC8Y{n:04d}") for n in range(50)
    ]
    register.append(lei("R-SHARED", "Ural Minerals JSC", "253400JT3MQWNDKMJE44"))
    crowded = [lei(f"C{n}", f"Crowd Holder {n}", "213800CROWDED000001") for n in range(4)]
    load(store, tmp_path, "GLEIF", register + crowded, fmt="gleif-xml")
    other = [lei("EU-7", "URAL MINERALS JSC", "253400JT3MQWNDKMJE44")]
    other += [lei(f"EC{n}", f"Crowd Holder {n}", "213800CROWDED000001") for n in range(4)]
    ftm = [
        entry("NK-1", "Sultan Hashim Ahmad al-Ta'i", data={"referents": ["ofac-6384"]}),
        entry("NK-2", "Somebody Else", data={"referents": ["ru-egrul-123"]}),
    ]
    load(store, tmp_path, "EU-OJ", other)
    load(store, tmp_path, "OpenSanctions-FtM", ftm, fmt="ftm-json")
    load(store, tmp_path, "OFAC-SDN", SDN)
    with store.session() as session:
        keys = dict(session.execute(select(ListEntry.id, ListEntry.entry_key)).all())
        read = {keys[i] for i in linkable_entries(session)}
    assert read == {"R-SHARED", "EU-7", "NK-1", "6384", "7000"} | {
        f"{prefix}{n}" for prefix in ("C", "EC") for n in range(4)
    }
    assert pairs(store) == {
        ("EU-OJ EU-7", "GLEIF R-SHARED", "identifier"),
        ("OFAC-SDN 6384", "OpenSanctions-FtM NK-1", "ftm_referent"),
    }  # eight holders of one number: more than MAX_HOLDERS, no link on it
