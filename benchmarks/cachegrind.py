"""Instructions a process executes, counted by valgrind's cachegrind (issue 19).

An instruction count does not change with cache misses, page faults or other work on the
machine, so the growth of a step's count with the list says whether the step's work grows
as the list; its seconds say what this machine charges for that work. No cache simulation
(`--cache-sim=no`): about 30x a native run. Needs valgrind (`apt install valgrind`).
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def instructions(argv: list[str]) -> int:
    """Instructions executed by `python argv...` (PYTHONHASHSEED fixed: strings hash the
    same way in every process, so hash tables probe alike)."""
    with tempfile.TemporaryDirectory(prefix="cachegrind-") as folder:
        out = Path(folder) / "cachegrind.out"
        command = [
            "valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}",
            sys.executable, *argv,
        ]  # fmt: skip
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT))
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-2000:])
            raise SystemExit(f"cachegrind failed: {' '.join(argv)}")
        summary = re.search(r"^summary:\s+(\d+)", out.read_text(), re.MULTILINE)
        if summary is None:
            raise SystemExit(f"no summary in cachegrind's output for {' '.join(argv)}")
        return int(summary.group(1))


def with_exponents(figures: list[dict[str, Any]], size: str, count: str) -> list[dict[str, Any]]:
    """Each figure after the first with `exponent_from_previous`: ln(count ratio) /
    ln(size ratio) from the figure before it, 1.00 when the work grows as the size."""
    for smaller, larger in zip(figures, figures[1:], strict=False):
        larger["exponent_from_previous"] = round(
            math.log(larger[count] / smaller[count]) / math.log(larger[size] / smaller[size]), 3
        )
    return figures
