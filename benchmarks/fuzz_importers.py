"""Fuzz every reader of outside files with thousands of mutants and print the table.

    python benchmarks/fuzz_importers.py [--per-seed 450] [--seed 15]

Mutants of small real seeds (tests/fuzz/seeds.py: OFAC CSV set, enhanced XML zip, SDN XML,
UK OFSI XLSX and CSV, UN, CSL, DPL, DoD/NDAA CSV, EU OJ CSV and FSF XML, FtM, BODS, GLEIF,
deal files in JSON/XLSX/CSV, batch CSV/XLSX, the three shipped rule packs) go through the
same entry points the CLI uses; each ends clean (a documented error naming the file),
accepted, or crashed (anything else, an error without the file, a hang, a rule pack slower
than 1 s to refuse). Rows left behind counts failed imports that changed any table's row
count. The default (450 per seed, 23 seeds) is 10,350 mutants.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz.run import fuzz, prepare, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-seed", type=int, default=450)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="screener-fuzz-") as folder:
        work = Path(folder)
        seeds = prepare(work)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        tallies = fuzz(seeds, args.per_seed, work, seed_value=args.seed)
        elapsed = time.perf_counter() - started
    print(table(tallies))
    hostile = sum(t.hostile_accepted for t in tallies)
    slowest_pack = max(t.slowest_refusal for t in tallies if t.seed.startswith("rule pack"))
    print(f"\nhostile rule packs accepted: {hostile}; slowest pack refusal: {slowest_pack:.3f} s")
    for tally in tallies:
        for kind, example in tally.examples.items():
            print(f"  {tally.seed}: {kind}: {example[:300]}")
    print(
        f"\n{sum(t.tried for t in tallies):,} mutants from {len(seeds)} seeds in {elapsed:.0f} s "
        f"(seed {args.seed}); {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
