"""Pure parts of one-row-per-listed-entity: the entity map, batch hit folding, group status."""

from __future__ import annotations

from screener.batch.entities import group_by_entity, hit_refs
from screener.batch.model import BatchHit, BatchQuery, BatchResult
from screener.lists.resolve import EntityMap
from screener.workflow.entity_hits import group_status

ENTITIES = EntityMap.of_links(
    [
        (("OFAC-SDN", "6384"), ("US-CSL", "SDN:6384")),
        (("OFAC-SDN", "6384"), ("UN-SC", "IQi.001")),  # joined through the SDN entry
    ]
)


def hit(source: str, key: str, score: float) -> BatchHit:
    return BatchHit(source, key, f"name {key}", score, "why", 1)


def test_an_entity_is_named_by_its_smallest_membership_and_joins_transitively() -> None:
    assert ENTITIES.entity_of(("UN-SC", "IQi.001")) == ("OFAC-SDN", "6384")
    assert ENTITIES.members_of(("US-CSL", "SDN:6384")) == {
        ("OFAC-SDN", "6384"),
        ("US-CSL", "SDN:6384"),
        ("UN-SC", "IQi.001"),
    }
    assert ENTITIES.members_of(("UK-OFSI", "101")) == {("UK-OFSI", "101")}  # unlinked


def test_batch_hits_fold_into_the_best_hit_of_each_entity_in_order() -> None:
    query = BatchQuery(2, "q1", "Sultan Hashim Ahmad al-Ta'i")
    hits = (
        hit("UN-SC", "IQi.001", 0.99),
        hit("UK-OFSI", "101", 0.97),
        hit("OFAC-SDN", "6384", 0.95),
        hit("US-CSL", "SDN:6384", 0.95),
    )
    alone = BatchResult(BatchQuery(3, "q2", "Nobody"), (hit("UK-OFSI", "5", 0.8),))
    grouped = group_by_entity([BatchResult(query, hits), alone], ENTITIES)
    assert [(h.source, h.entry_id, h.memberships) for h in grouped[0].hits] == [
        ("UN-SC", "IQi.001", ("OFAC-SDN 6384", "UN-SC IQi.001", "US-CSL SDN:6384")),
        ("UK-OFSI", "101", ()),
    ]
    assert grouped[1] is alone
    assert hit_refs([alone]) == set()  # one hit: nothing to fold, nothing to look up


def test_an_entity_is_undecided_while_any_membership_is() -> None:
    assert group_status(["dismissed", "pending", "confirmed"]) == "pending"
    assert group_status(["dismissed", "unsure"]) == "unsure"
    assert group_status(["confirmed", "unsure", "dismissed"]) == "confirmed"
    assert group_status([]) == "pending"


def test_links_touching_one_list_are_the_full_links_of_that_list() -> None:
    from screener.lists.resolve import EntryFacts, IdentifierFact, find_links

    def facts(entry_id: int, source: str, key: str, name: str, *ids: str) -> EntryFacts:
        identifiers = [IdentifierFact("passport", value) for value in ids]
        return EntryFacts(entry_id, source, key, "person", [name], identifiers)

    entries = [
        facts(1, "OFAC-SDN", "1", "IVANOV, Pyotr", "AB1234567"),
        facts(2, "UK-OFSI", "9", "Pyotr IVANOV", "AB1234567", "ZZ7654321"),
        facts(3, "EU-FSF", "EU.1", "Ivanov Pyotr", "ZZ7654321"),
        facts(4, "US-CSL", "SDN:1", "IVANOV, Pyotr"),
        facts(5, "EU-FSF", "EU.2", "Somebody Else", "AB1234567"),  # a name that disagrees
    ]
    full = find_links(entries)
    assert {(link.a, link.b) for link in full} == {(1, 2), (3, 2), (1, 4)}  # a: (source, key) first
    for source in ("OFAC-SDN", "UK-OFSI", "EU-FSF", "US-CSL"):
        sources = {e.entry_id: e.source for e in entries}
        expected = [k for k in full if source in (sources[k.a], sources[k.b])]
        assert find_links(entries, touching=source) == expected, source
