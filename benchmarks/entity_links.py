"""Listed-entity links on the real lists: coverage, time, and a sample to check by hand.

Imports the lists of ../shared/data that carry cross-list evidence into one new SQLite file
(each import relinks, as the app does), then times `relink` alone over all active versions
(what every import pays), prints the shares `screener lists links` reports, and a seeded
random sample of links with both entries' names, programmes and dates so a person can judge
each one a right or a wrong join.

    .venv/bin/python benchmarks/entity_links.py [--sample N] [--seed S] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    from sqlalchemy import select

    from screener.lists.entity_links import link_shares, live_links, relink
    from screener.lists.service import import_path
    from screener.models import EntryDate, ListEntry
    from screener.store import open_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=60)
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
        shares = link_shares(session)
        print(json.dumps(shares, indent=1))
        links = live_links(session)
        rng = random.Random(args.seed)
        sample = rng.sample(links, min(args.sample, len(links)))
        print(f"\nsample of {len(sample)} links (seed {args.seed}) to check by hand:")
        for link in sample:
            sides = []
            for entry_id in (link.entry_a_id, link.entry_b_id):
                entry = session.get(ListEntry, entry_id)
                assert entry is not None
                births = session.execute(
                    select(EntryDate.value).where(EntryDate.entry_id == entry_id)
                ).scalars()
                sides.append(
                    f"{link.source_a if entry_id == link.entry_a_id else link.source_b} "
                    f"{entry.entry_key} {entry.entity_type} {entry.primary_name!r} "
                    f"dates={sorted(set(births))[:3]} programs={entry.programs[:2]}"
                )
            print(f"[{link.kind}: {link.evidence}]\n   {sides[0]}\n   {sides[1]}")
    store.dispose()


if __name__ == "__main__":
    main()
