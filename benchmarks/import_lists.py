"""Import time and peak memory for each folder of ../shared/data into SQLite.

Each unit (a folder holding one list set, or one file) is imported in a fresh child process
into its own new SQLite file, so the peak resident memory reported is that import's alone.
A final run imports everything into one database in one process, the way a new office
would load all lists, and reports the total. Folders no parser recognises, and sets that
cannot be imported (OFAC's add/alt files without their sdn.csv), are listed with the error.

    .venv/bin/python benchmarks/import_lists.py [DATA_DIR]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def units(data: Path) -> list[Path]:
    """The folders (or files) to import: a folder a parser claims, else its children."""
    from screener.lists.base import ListFormatError
    from screener.lists.detect import parser_for

    found: list[Path] = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        try:
            parser_for(folder)
            found.append(folder)
            continue
        except ListFormatError:
            pass
        for child in sorted(folder.iterdir()):
            if child.name in ("PROVENANCE.md",):
                continue
            found.append(child)
    return found


def import_one(path: Path, db: Path) -> dict[str, object]:
    from screener.lists.base import ListFormatError
    from screener.lists.service import import_path
    from screener.store import open_store

    store = open_store(f"sqlite:///{db}")
    started = time.perf_counter()
    try:
        result = import_path(store, path)
        outcome: dict[str, object] = {
            "source": result.source_name,
            "format": result.format,
            "entries": result.entry_count,
            "links": result.link_count,
        }
    except ListFormatError as exc:
        outcome = {"error": str(exc)}
    outcome["seconds"] = time.perf_counter() - started
    outcome["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.dispose()
    return outcome


def child(path: str, db: str) -> None:
    print(json.dumps(import_one(Path(path), Path(db))))


def import_all(paths: list[Path], db: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    total_entries = 0
    for path in paths:
        outcome = import_one(path, db)
        total_entries += int(outcome.get("entries", 0))  # type: ignore[call-overload]
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, total_entries


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, path in enumerate(units(data)):
            db = Path(tmp) / f"unit{index}.sqlite3"
            output = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(db)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rows.append((path.relative_to(data), json.loads(output.strip().splitlines()[-1])))
        seconds, peak, entries = import_all(
            [path for path, _o in ((data / r, o) for r, o in rows)], Path(tmp) / "all.sqlite3"
        )
    print(f"{'unit':<62} {'format':<20} {'entries':>8} {'links':>6} {'seconds':>8} {'peak MiB':>9}")
    for relative, outcome in rows:
        if "error" in outcome:
            print(
                f"{str(relative):<62} {'-':<20} {'-':>8} {'-':>6} {outcome['seconds']:>8.2f} {outcome['peak_mib']:>9.0f}"
            )
            print(f"    not imported: {outcome['error']}")
            continue
        print(
            f"{str(relative):<62} {outcome['format']:<20} {outcome['entries']:>8} {outcome['links']:>6} "
            f"{outcome['seconds']:>8.2f} {outcome['peak_mib']:>9.0f}"
        )
    print(
        f"\nEverything into one SQLite database, one process: {entries} entries in {seconds:.1f} s, peak {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
