"""An index numbers its blocking keys the same way whatever the process's string-hash seed.

The candidate lookup breaks ties between equally long postings by key number, so a
numbering that followed a set's iteration order would let two builds of one list (two
start-ups, two workstations) choose different candidates at the posting budget."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

BUILD = """
import hashlib
from screener.matching.index import EntrySource, MatchIndex
names = ["Korea Mining Trading Company", "Ivan Petrov", "Mohammed Al Hassan",
         "Nippon Rare Earth Refining KK", "Петров Иван", "北京稀土集团", "Zhou Xiaoming"]
index = MatchIndex.from_entries(
    EntrySource(f"E-{i}", [name], "person" if i % 2 else "organization")
    for i, name in enumerate(names)
)
print(hashlib.sha256("\\n".join(index.keys.numbers).encode()).hexdigest())
"""


def _numbering(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", BUILD], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_key_numbers_do_not_follow_the_hash_seed() -> None:
    assert len({_numbering(seed) for seed in ("1", "2", "3", "4")}) == 1
