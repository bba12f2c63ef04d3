"""Mutants of small real files for every importer, deal and batch reader and the pack loader.

Only documented errors may escape (ListFormatError, DealFileError, BatchInputError,
PackError), each naming the file; a failed import leaves every table's row count as it was;
no hostile rule pack is accepted or takes more than a second to refuse. CI runs a few
mutants per seed (FUZZ_PER_SEED, default 3, from FUZZ_SEED); benchmarks/fuzz_importers.py
runs thousands.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from screener.risk.packs import PackError, parse_pack
from screener.store import open_store
from tests.fuzz.mutate import CONDITION_ATTACKS, YAML_ATTACKS
from tests.fuzz.run import PACK_REFUSAL_SECONDS, _read, fuzz, prepare, table
from tests.fuzz.seeds import Seed

PER_SEED = int(os.environ.get("FUZZ_PER_SEED", "3"))
SEED = int(os.environ.get("FUZZ_SEED", "15"))  # another value explores other mutants


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[Seed]:
    return prepare(tmp_path_factory.mktemp("fuzz"))


def test_every_seed_is_a_file_its_reader_accepts(seeds: list[Seed], tmp_path: Path) -> None:
    """A seed the reader already refuses would make every mutant a trivial refusal."""
    store = open_store(f"sqlite:///{tmp_path / 'seeds.sqlite3'}")
    try:
        for seed in seeds:
            _read(seed, seed.path, store)
    finally:
        store.dispose()
    assert {seed.kind for seed in seeds} == {"list", "deal", "batch", "pack"}


def test_mutants_end_in_documented_errors_naming_the_file(
    seeds: list[Seed], tmp_path: Path
) -> None:
    tallies = fuzz(seeds, PER_SEED, tmp_path, seed_value=SEED)
    report = table(tallies)
    problems = {f"{t.seed}: {k}": v for t in tallies for k, v in t.examples.items()}
    assert sum(t.tried for t in tallies) == PER_SEED * len(seeds)
    assert sum(t.crashed + t.rows_left + t.hostile_accepted for t in tallies) == 0, (
        report + "\n" + "\n".join(f"{k}: {v}" for k, v in problems.items())
    )


@pytest.mark.parametrize("condition", CONDITION_ATTACKS)
def test_every_hostile_condition_is_refused_within_a_second(condition: str) -> None:
    text = (Path(__file__).parents[2] / "rules" / "sanctions.yaml").read_text(encoding="utf-8")
    first = text.index("\n    when:")
    end = text.index("\n    outcome:", first)
    hostile = text[:first] + f"\n    when: {condition!r}" + text[end:]
    started = time.perf_counter()
    with pytest.raises(PackError):
        parse_pack(hostile, "hostile.yaml")
    assert time.perf_counter() - started < PACK_REFUSAL_SECONDS


@pytest.mark.parametrize("attack", YAML_ATTACKS, ids=lambda a: a[:16])
def test_every_hostile_yaml_is_refused_within_a_second(attack: str) -> None:
    text = (Path(__file__).parents[2] / "rules" / "us-cfius.yaml").read_text(encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(PackError):
        parse_pack(attack + text, "hostile.yaml")
    assert time.perf_counter() - started < PACK_REFUSAL_SECONDS
