"""How the 50 % rule's work grows with the list, counted in instructions (issue 19).

`scale.py` times the rule over a whole list's relationship graph in CPU seconds. On this
machine those seconds grow faster than the list from 250k to 1M entries and on to 2M, and
so do the seconds of a random read from an array or of a pandas hash table per element: the
caches, the TLB and the hypervisor's pages, not the count of steps. This counts the steps:
the instructions the process executes for the rule (valgrind's cachegrind, no cache
simulation), which no cache miss changes, so a linear rule shows an exponent of 1.00.

    python benchmarks/ownership_work.py --work DIR [--work DIR2 ...]

Each DIR is a folder kept by `scale.py --entries N --keep DIR`. The rule's input is read
from its database once and pickled (not counted); then, under cachegrind, one process loads
the pickle and runs the rule exactly as scale.py times it, and another only loads the
pickle: the difference is the rule's instructions. PYTHONHASHSEED is fixed so that both
processes hash the same keys the same way. Needs valgrind (`apt install valgrind`).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cachegrind import instructions, with_exponents  # noqa: E402


def _rows_file(work: Path, into: Path) -> tuple[Path, int]:
    """The rule's input read from `work`'s database, pickled into `into`; and its links."""
    from benchmarks.scale import _ownership_rows

    rows = _ownership_rows(f"sqlite:///{work / 'scale.sqlite3'}")
    path = into / f"{work.name}.pickle"
    path.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    return path, len(rows[0])


def _instructions(rows: Path, rule: bool) -> int:
    """Instructions executed by a process that loads `rows` (and runs the rule)."""
    return instructions([__file__, "--run", str(rows), *(["--rule"] if rule else [])])


def _run(rows: Path, rule: bool) -> None:
    """The measured process: load the rule's input, then run the rule as scale.py does."""
    # the modules the rule imports, in both processes: only the rule's own work differs
    import screener.ownership.compact
    import screener.ownership.links
    import screener.ownership.seeding  # noqa: F401
    from benchmarks.scale import _ownership_rule

    links, relations, by_lei, seeds = pickle.loads(rows.read_bytes())
    if rule:
        found = _ownership_rule(links, relations, by_lei, seeds)
        print(json.dumps(found["blocked"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, action="append", default=[])
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rule", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run(args.run, args.rule)
        return
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ownership-rows-") as folder:
        for work in args.work:
            rows, links = _rows_file(work, Path(folder))
            loaded = _instructions(rows, rule=False)
            total = _instructions(rows, rule=True)
            figures.append(
                {
                    "work": str(work),
                    "links": links,
                    "rule_instructions": total - loaded,
                    "load_instructions": loaded,
                }
            )
            print(json.dumps(figures[-1]), file=sys.stderr, flush=True)
    print(json.dumps(with_exponents(figures, "links", "rule_instructions")))


if __name__ == "__main__":
    main()
