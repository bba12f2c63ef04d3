"""What this machine charges per element as arrays grow, whatever the program (issue 19).

The 50 % rule over a whole list reads its graph's arrays at random and numbers its keys
through a hash table; from 250k to 1M entries its instructions grow as the list
(`ownership_work.py`) but its seconds grow faster. This times the same kinds of steps with
no rule around them, at the sizes of the rule's arrays (1.29M stakes at 1M entries):

- a random read `values[positions]` of float64s, per element;
- `pd.factorize` of 64-bit keys, half of them repeats, per element;
- a sequential sum, per element (the control: no growth expected);
- memory a process takes fresh from the system, per MB: first touched in a new process,
  and touched again after being freed (on a virtual machine the first can cost far more,
  when the hypervisor has taken the free memory back).

    python benchmarks/machine_memory.py [--sizes 322000,1290000,2580000] [--repeat 7] --json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

import numpy as np
import pandas as pd


def per_element_ns(size: int, repeat: int) -> dict[str, float]:
    rng = np.random.default_rng(size)
    values = rng.random(size)
    positions = rng.permutation(size).astype(np.int32)
    keys = rng.integers(0, 2**62, size // 2, dtype=np.int64)[rng.integers(0, size // 2, size)]
    steps = {
        "random_read": lambda: values[positions],
        "factorize": lambda: pd.factorize(keys),
        "sequential_sum": lambda: np.add.reduce(values),
    }
    found = {}
    for name, step in steps.items():
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            step()
            best = min(best, time.perf_counter() - started)
        found[name] = round(best * 1e9 / size, 2)
    return found


_TOUCH = """
import resource, sys, time
import numpy as np
def system_s():
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime
mb = int(sys.argv[1])
before = system_s()
first = np.ones(mb * 2**20 // 8)
fresh = system_s() - before
del first
before = system_s()
second = np.ones(mb * 2**20 // 8)
again = system_s() - before
print(fresh * 1000 / mb, again * 1000 / mb)
"""


def fresh_memory_ms_per_mb(mb: int = 256) -> dict[str, float]:
    """System ms per MB: first touch in a new process, and again once freed."""
    done = subprocess.run(
        [sys.executable, "-c", _TOUCH, str(mb)], capture_output=True, text=True, check=True
    )
    fresh, again = (float(x) for x in done.stdout.split())
    return {"fresh_ms_per_mb": round(fresh, 3), "reused_ms_per_mb": round(again, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="322000,1290000,2580000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {
        str(size): per_element_ns(size, args.repeat) for size in map(int, args.sizes.split(","))
    }
    figures["memory"] = fresh_memory_ms_per_mb()
    if args.json:
        print(json.dumps(figures))
        return
    for size, found in figures.items():
        print(size, found)


if __name__ == "__main__":
    main()
