"""Feed mutants of every seed to its reader and classify what came back.

A mutant ends `clean` (a documented error naming the file), `accepted` (the reader took it:
fine for random damage that happens to stay valid, a failure for a hostile rule pack) or
`crashed` (anything else: a traceback type, an error that does not name the file, a hang,
a pack refusal slower than PACK_REFUSAL_SECONDS). After every failed import, every table's
row count must be what it was before (`rows left behind` otherwise).
"""

from __future__ import annotations

import random
import shutil
import signal
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from screener.batch.reader import BatchInputError, read_batch
from screener.deals import DealFileError, import_deal_file
from screener.lists.base import ListFormatError
from screener.lists.service import import_path
from screener.models import Base
from screener.risk.packs import PackError, load_pack
from screener.store import Store, open_store
from tests.fuzz.mutate import Mutant, mutate
from tests.fuzz.seeds import Seed, build_seeds

PACK_REFUSAL_SECONDS = 1.0
HANG_SECONDS = 30
DOCUMENTED: dict[str, tuple[type[Exception], ...]] = {
    "list": (ListFormatError,),
    "deal": (DealFileError,),
    "batch": (BatchInputError,),
    "pack": (PackError,),
}


@dataclass
class Tally:
    """One row of the report: what happened to the mutants of one seed."""

    seed: str
    tried: int = 0
    clean: int = 0
    accepted: int = 0
    crashed: int = 0
    rows_left: int = 0
    hostile_accepted: int = 0
    slowest_refusal: float = 0.0
    crashes: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)


class _Hang(Exception):
    pass


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise _Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def row_counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def _read(seed: Seed, path: Path, store: Store) -> None:
    if seed.kind == "list":
        import_path(store, path, format=seed.format)
    elif seed.kind == "deal":
        import_deal_file(store, path)
    elif seed.kind == "batch":
        read_batch(path)
    else:
        load_pack(path)


def _place(seed: Seed, work: Path) -> tuple[Path, dict[Path, Path]]:
    """A fresh copy of the seed under `work`: the path to read and member -> its copy."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if seed.path.is_dir():
        target = work / seed.path.name
        shutil.copytree(seed.path, target)
        return target, {m: target / m.name for m in seed.members}
    target = work / seed.path.name
    shutil.copyfile(seed.path, target)
    return target, {seed.path: target}


def _kind_of(seed: Seed, member: Path) -> str:
    if seed.kind == "pack":
        return "pack"
    return "zip" if member.suffix.lower() in (".zip", ".xlsx") else "text"


def run_one(
    seed: Seed, mutant: Mutant, path: Path, store: Store, tally: Tally, names: set[str]
) -> None:
    before = row_counts(store) if seed.kind in ("list", "deal") else {}
    started = time.perf_counter()
    outcome, detail = "accepted", ""
    try:
        with _deadline(HANG_SECONDS):
            _read(seed, path, store)
    except DOCUMENTED[seed.kind] as exc:
        message = str(exc)
        if not any(name in message for name in names):
            outcome, detail = "crashed", f"message names no file: {message[:160]}"
        else:
            outcome = "clean"
    except Exception as exc:  # noqa: BLE001 - classifying what escapes is the point
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        outcome, detail = "crashed", f"{type(exc).__name__} at {where}: {str(exc)[:160]}"
    elapsed = time.perf_counter() - started
    tally.tried += 1
    if outcome == "clean":
        tally.clean += 1
        tally.slowest_refusal = max(tally.slowest_refusal, elapsed)
        if seed.kind == "pack" and elapsed > PACK_REFUSAL_SECONDS:
            outcome, detail = "crashed", f"pack refused after {elapsed:.2f} s ({mutant.how})"
            tally.clean -= 1
    elif outcome == "accepted":
        tally.accepted += 1
        if mutant.hostile:
            tally.hostile_accepted += 1
            tally.examples.setdefault(f"hostile accepted: {mutant.how}", mutant.how)
    if outcome == "crashed":
        tally.crashed += 1
        signature = (
            detail.split(":")[0] if "names no file" not in detail else "message names no file"
        )
        tally.crashes[signature] += 1
        tally.examples.setdefault(signature, f"{detail} [{mutant.how}]")
    if outcome != "accepted" and before and row_counts(store) != before:
        tally.rows_left += 1
        tally.examples.setdefault("rows left behind", mutant.how)


def fuzz(seeds: list[Seed], per_seed: int, work: Path, seed_value: int = 15) -> list[Tally]:
    """`per_seed` mutants of each seed, reproducible from `seed_value`."""
    tallies = []
    for index, seed in enumerate(seeds):
        rng = random.Random(f"{seed_value}:{seed.name}")
        store = open_store(f"sqlite:///{work / f'fuzz{index}.sqlite3'}")
        tally = Tally(seed.name)
        try:
            for _ in range(per_seed):
                path, copies = _place(seed, work / "mutant")
                member = rng.choice(seed.members)
                mutant = mutate(rng, member.read_bytes(), kind=_kind_of(seed, member))
                copies[member].write_bytes(mutant.data)
                names = {p.name for p in copies.values()} | {path.name}
                run_one(seed, mutant, path, store, tally, names)
        finally:
            store.dispose()
        tallies.append(tally)
    return tallies


def prepare(work: Path) -> list[Seed]:
    return build_seeds(work / "seeds")


def table(tallies: list[Tally]) -> str:
    """The report: one line per seed and a total."""
    header = f"{'seed':<24}{'tried':>7}{'clean':>7}{'accepted':>9}{'crashed':>8}{'rows left':>10}{'slowest refusal':>17}"
    lines = [header, "-" * len(header)]
    for t in tallies:
        lines.append(
            f"{t.seed:<24}{t.tried:>7}{t.clean:>7}{t.accepted:>9}{t.crashed:>8}{t.rows_left:>10}{t.slowest_refusal:>15.3f} s"
        )
    total = Tally("total")
    for t in tallies:
        total.tried += t.tried
        total.clean += t.clean
        total.accepted += t.accepted
        total.crashed += t.crashed
        total.rows_left += t.rows_left
        total.slowest_refusal = max(total.slowest_refusal, t.slowest_refusal)
    lines.append("-" * len(header))
    lines.append(
        f"{total.seed:<24}{total.tried:>7}{total.clean:>7}{total.accepted:>9}{total.crashed:>8}{total.rows_left:>10}{total.slowest_refusal:>15.3f} s"
    )
    return "\n".join(lines)
