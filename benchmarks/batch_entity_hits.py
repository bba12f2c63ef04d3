"""Hits per alerting name in the batch report of the UN treated dev set, before and after
grouping the hits by listed entity.

Imports every list in ../shared/data into one SQLite file (each import relinks, as the app
does; `--db` reuses a file already filled), writes the 341 damaged UN rows as a batch file,
screens them with the engine `screener screen` uses, and counts the report's hits per
alerting name as the engine returns them (one per list entry) and as the report now writes
them (one per listed entity, `screener.batch.entities.group_by_entity`). Then runs
`screener screen` itself as a process and counts the rows of the CSV it wrote.

    .venv/bin/python benchmarks/batch_entity_hits.py [--db PATH]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_common import UN_TREATED, _date, import_every_list  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SCREENER = [sys.executable, "-c", "from screener.cli import main; main()"]  # the `screener` script


def write_un_batch(path: Path) -> int:
    with UN_TREATED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "type", "country", "date"])
        for number, row in enumerate(rows, start=1):
            writer.writerow(
                [f"un-{number}", row["full_name"], "person", row["nationality"], _date(row)]
            )
    return len(rows)


def describe(label: str, per_name: list[int]) -> str:
    spread = Counter(per_name)
    return (
        f"{label:<28} alerting names {len(per_name)}, hits {sum(per_name)}, "
        f"per alerting name mean {statistics.mean(per_name):.2f} "
        f"median {statistics.median(per_name):g} max {max(per_name)}; "
        f"names by hit count {dict(sorted(spread.items()))}"
    )


def main() -> None:
    from screener.batch.build import build_screener
    from screener.batch.entities import group_by_entity
    from screener.batch.reader import read_batch
    from screener.batch.runner import screen_batch
    from screener.lists.entity_links import entity_map
    from screener.store import open_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    db = args.db or work / "all-lists.db"
    store = open_store(f"sqlite:///{db}")
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores), database {db}")
    if args.db is None or not args.db.exists() or args.db.stat().st_size < 1_000_000:
        report = import_every_list(store)
        print(f"imported {len(report.imported)} lists in {report.seconds:.0f} s")
    batch = work / "un_treated.csv"
    rows = write_un_batch(batch)
    screener = build_screener(store)
    results = screen_batch(read_batch(batch), screener)
    with store.session() as session:
        entities = entity_map(session)
    grouped = group_by_entity(results, entities)
    before = [len(r.hits) for r in results if r.hits]
    after = [len(r.hits) for r in grouped if r.hits]
    print(f"UN treated dev set: {rows} names, threshold {screener.description.threshold:.2f}")
    print(describe("before (one per entry)", before))
    print(describe("after (one per entity)", after))
    folded = sum(1 for b, a in zip(before, after, strict=True) if a < b)
    print(f"names whose report lost a duplicate of the same listed entity: {folded}")
    sources = Counter(
        tuple(sorted({m.split(" ", 1)[0] for m in hit.memberships}))
        for r in grouped
        for hit in r.hits
        if hit.memberships
    )
    print("grouped hits by the lists they join:")
    for combo, count in sources.most_common(8):
        print(f"   {count:>4}  {' + '.join(combo)}")
    apart = 0
    for result in grouped:
        lists_of = [
            {m.split(" ", 1)[0] for m in (hit.memberships or (f"{hit.source} {hit.entry_id}",))}
            for hit in result.hits
        ]
        if any("UN-SC" in one for one in lists_of) and any(
            "OFAC-SDN" in one and "UN-SC" not in one for one in lists_of
        ):
            apart += 1
    print(
        f"names still showing a UN hit and a separate SDN hit (no evidence joins them; "
        f"the SDN file gives no UN number for that entry): {apart}"
    )
    out = work / "report.csv"
    started = time.perf_counter()
    process = subprocess.run(
        [*SCREENER, "--db", f"sqlite:///{db}", "screen", str(batch), "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    with out.open(encoding="utf-8-sig") as handle:
        lines = [row for row in csv.DictReader(handle) if row["alert"] == "yes"]
    print(
        f"`screener screen` as a process: exit {process.returncode}, {seconds:.1f} s, "
        f"{len(lines)} hit rows for {len({r['id'] for r in lines})} alerting names"
    )
    store.dispose()


if __name__ == "__main__":
    main()
