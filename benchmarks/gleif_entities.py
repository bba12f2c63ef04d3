"""Importing a GLEIF LEI-CDF entity file of N records: wall, CPU and peak memory (issue 19).

`python benchmarks/gleif_entities.py --entities 1000000 [--work DIR] [--code ROOT]` writes a
deterministic synthetic LEI-CDF file (`scale_data.write_gleif_lei`, reused if the folder has
it) and imports it into a new SQLite database with `screener.lists.service.import_path`, in
a process of its own so that its peak RSS is the import's; `--code` runs another checkout's
code on the same file (main's, to compare). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def import_once(path: Path, url: str) -> dict[str, Any]:
    from screener.lists.service import import_path
    from screener.store import open_store

    store = open_store(url)
    started, cpu = time.perf_counter(), time.process_time()
    result = import_path(store, path)
    return {
        "import_s": round(time.perf_counter() - started, 2),
        "import_cpu_s": round(time.process_time() - cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "entries": result.entry_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None, help="folder for the file and database")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose code imports")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(import_once(args.child, f"sqlite:///{args.db}")))
        return
    holder = tempfile.TemporaryDirectory(prefix="gleif-entities-")
    work = args.work or Path(holder.name)
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"lei-{args.entities}.xml"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from scale_data import write_gleif_lei

        write_gleif_lei(path, args.entities)
    env = dict(os.environ, PYTHONPATH=str(args.code), XDG_DATA_HOME=str(work / "data"))
    database = work / f"lei-{os.getpid()}.sqlite3"
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--db", str(database)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = {
        "entities": args.entities,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "code": str(args.code),
        **json.loads(out),
        "load_average": list(os.getloadavg()),
    }
    for written in work.glob(f"{database.name}*"):
        written.unlink()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
