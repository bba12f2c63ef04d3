"""Listed-entity links on the real lists: coverage, time, and a sample to check by hand.

Imports the lists of ../shared/data that carry cross-list evidence into one new SQLite file
(each import relinks, as the app does), then times `relink` alone over all active versions
and for each list as a new version of it does (what an import pays), prints the shares `screener lists links` reports, and a seeded
random sample of links of each evidence kind, with both entries' names, programmes and dates so a person can judge
each one a right or a wrong join.

    .venv/bin/python benchmarks/entity_links.py [--sample N] [--seed S] [--db PATH]

It also lists every link whose names are not compatible or whose full birth dates all
differ, and every linked entity holding two entries of one publisher, for a person to read.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LISTS = [
    "ofac-sdn-legacy-csv/2024-05-03_sdn-only",
    "ofac-consolidated-non-sdn/csv_2025-12-19",
    "us-trade-csl/consolidated.csv",
    "un-consolidated/UN_consolidated.xml",
    "uk-ofsi-consolidated-list/UK_Sanctions_List.xlsx",
    "eu-oj-annexes-opensanctions-transcription/32014R0269.csv",
    "eu-oj-annexes-opensanctions-transcription/32014R0833.csv",
    "opensanctions-ftm/t1_entities.ftm.json",
    "opensanctions-ftm/zala_entities.ftm.json",
    "us-bis-denied-persons/dpl.txt",
]


def births(session: Any, entry_id: int) -> list[str]:
    from sqlalchemy import select

    from screener.models import EntryDate

    return sorted(
        set(
            session.execute(
                select(EntryDate.value).where(
                    EntryDate.entry_id == entry_id, EntryDate.kind == "birth"
                )
            ).scalars()
        )
    )


def describe(session: Any, link: Any) -> str:
    from screener.models import ListEntry

    sides = []
    for entry_id, source in ((link.entry_a_id, link.source_a), (link.entry_b_id, link.source_b)):
        entry = session.get(ListEntry, entry_id)
        sides.append(
            f"{source} {entry.entry_key} {entry.entity_type} {entry.primary_name!r} "
            f"born {births(session, entry_id)[:3]}"
        )
    return f"[{link.kind}: {link.evidence}] {sides[0]} || {sides[1]}"


def flag_links(session: Any, links: list[Any]) -> list[tuple[Any, str]]:
    """Links a reader should look at: no compatible name, or no common full birth date."""
    from sqlalchemy import select

    from screener.lists.resolve import EntryFacts, names_compatible
    from screener.models import EntryName, ListEntry

    def facts(entry_id: int) -> EntryFacts:
        entry = session.get(ListEntry, entry_id)
        names = list(
            session.execute(select(EntryName.name).where(EntryName.entry_id == entry_id)).scalars()
        )
        return EntryFacts(entry_id, "", "", entry.entity_type, [entry.primary_name, *names])

    flagged = []
    for link in links:
        if not names_compatible(facts(link.entry_a_id), facts(link.entry_b_id)):
            flagged.append((link, "names"))
            continue
        full_a = {d for d in births(session, link.entry_a_id) if len(d) == 10}
        full_b = {d for d in births(session, link.entry_b_id) if len(d) == 10}
        if full_a and full_b and not full_a & full_b:
            flagged.append((link, "birth dates"))
    return flagged


def main() -> None:
    from screener.lists.entity_links import link_shares, linked_entities, live_links, relink
    from screener.lists.service import import_path
    from screener.store import open_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=20, help="links per evidence kind")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "links.db"
    store = open_store(f"sqlite:///{db}")
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores), database {db}")
    for relative in LISTS:
        started = time.perf_counter()
        result = import_path(store, DATA / relative)
        print(
            f"import {result.source_name:<28} {result.entry_count:>6} entries "
            f"{time.perf_counter() - started:6.1f} s (parse, write, relink)"
        )
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        with store.unit_of_work() as session:
            outcome = relink(session)
        timings.append(time.perf_counter() - started)
    print(f"relink all active versions: {outcome.links} links {outcome.by_kind}")
    print(f"relink time (3 runs, s): {', '.join(f'{t:.2f}' for t in timings)}")
    with store.session() as session:
        from sqlalchemy import select

        from screener.models import ListSource, ListVersion

        sources = sorted(
            set(
                session.execute(
                    select(ListSource.name)
                    .join(ListVersion)
                    .where(ListVersion.is_active.is_(True))
                ).scalars()
            )
        )
    print("relink for one list's new version (what an import pays; links kept/added/removed):")
    for name in sources:
        started = time.perf_counter()
        with store.unit_of_work() as session:
            one = relink(session, source=name)
        print(
            f"   {name:<28} {time.perf_counter() - started:5.2f} s  {one.links:>6} links "
            f"(kept {one.kept}, added {one.added}, removed {one.removed})"
        )
    with store.session() as session:
        shares = link_shares(session)
        print(json.dumps(shares, indent=1))
        entities = linked_entities(session)
        same_source = [
            e
            for e in entities
            if any(
                n > 1
                for source, n in Counter(m.source for m in e.memberships).items()
                if source != "US-CSL"  # one entity on several CSL sub-lists is several rows
            )
        ]
        print(
            f"listed entities with more than one membership: {len(entities)}; "
            f"holding two entries of one publisher (CSL aside): {len(same_source)}"
        )
        for entity in same_source[:10]:
            print("   ", [(m.source, m.entry_key, m.name) for m in entity.memberships])
        links = live_links(session)
        flagged = flag_links(session, links)
        print(
            f"links whose names are not compatible or whose full birth dates all differ: "
            f"{len(flagged)} (listed below for review)"
        )
        for link, why in flagged:
            print(f"   {why}: {describe(session, link)}")
        rng = random.Random(args.seed)
        by_kind: dict[str, list[Any]] = defaultdict(list)
        for link in links:
            by_kind[link.kind].append(link)
        for kind, kind_links in sorted(by_kind.items()):
            sample = rng.sample(kind_links, min(args.sample, len(kind_links)))
            print(f"\n{kind}: {len(kind_links)} links; sample of {len(sample)} (seed {args.seed})")
            for link in sample:
                print(f"   {describe(session, link)}")
    store.dispose()


if __name__ == "__main__":
    main()
