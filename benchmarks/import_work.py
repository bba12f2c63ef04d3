"""How a list import's work grows with the list, counted in instructions (issue 19).

The FtM import's seconds grow 1.04 from 250k to 1M entries (docs/figures.md, import27):
SQLite descends indexes of random keys that outgrow the caches, and a B-tree's depth also
adds a step now and then. This counts the import's instructions (benchmarks/cachegrind.py),
which no cache miss changes: an import whose work grows as the list shows 1.00.

    python benchmarks/import_work.py --ftm FILE [--ftm FILE2 ...]

Each FILE is an FtM file `scale.py --keep` made (or `scale_data.write_ftm`). Each is
imported into a new SQLite database in a new data folder, under cachegrind; so is a file
of its first 20 lines, whose count stands for what every import costs whatever its size
(start-up, the schema, the modules): it is taken off each count. A 1M-entry import takes
about an hour and a half this way; 62,500 and 250,000 entries take 5 and 20 minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cachegrind import instructions, with_exponents  # noqa: E402

FIXED_LINES = 20


def _imported(ftm: Path, folder: Path) -> int:
    """Instructions of a process that imports `ftm` into a new database in `folder`."""
    return instructions([__file__, "--run", str(ftm), "--into", str(folder)])


def _run(ftm: Path, folder: Path) -> None:
    """The measured process: a new store, then the import as the command line does it."""
    import os

    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    from screener.lists.service import import_path
    from screener.store import open_store

    store = open_store(f"sqlite:///{folder / 'screener.sqlite3'}")
    result = import_path(store, ftm, format="ftm-json")
    print(json.dumps({"entries": result.entry_count}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ftm", type=Path, action="append", default=[])
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run(args.run, args.into)
        return
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="import-work-") as scratch:
        work = Path(scratch)
        few = work / "few.ftm.json"
        with args.ftm[0].open(encoding="utf-8") as lines:
            few.write_text("".join(islice(lines, FIXED_LINES)), encoding="utf-8")
        (work / "few").mkdir()
        fixed = _imported(few, work / "few")
        for number, ftm in enumerate(args.ftm):
            folder = work / str(number)
            folder.mkdir()
            with ftm.open(encoding="utf-8") as lines:
                entities = sum(1 for _ in lines)
            figures.append(
                {
                    "ftm": str(ftm),
                    "lines": entities,
                    "import_instructions": _imported(ftm, folder) - fixed,
                    "fixed_instructions": fixed,
                }
            )
            print(json.dumps(figures[-1]), file=sys.stderr, flush=True)
    print(json.dumps(with_exponents(figures, "lines", "import_instructions")))


if __name__ == "__main__":
    main()
