"""Risk engine figures: pack loading (parse + type-check), evaluation, a stored assessment.

    .venv/bin/python benchmarks/risk_rules.py

Prints the median of several runs; the figures that matter to a reviewer are whether the
Rules view can re-validate as one types (pack parse) and re-score on every what-if.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from screener.demo.case import ensure_demo_case
from screener.risk.engine import evaluate
from screener.risk.packs import load_shipped_packs, parse_pack, shipped_pack_paths
from screener.risk.service import assess_case, facts_for_case, reproduce
from screener.store import open_store


def timed(label: str, action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    median = statistics.median(samples)
    print(f"{label:<52} {median * 1000:9.2f} ms  (median of {runs})")
    return median


def main() -> None:
    packs = load_shipped_packs()
    rules = sum(len(p.rules) for p in packs)
    print(f"shipped packs: {len(packs)}, rules: {rules}")
    biggest = max(shipped_pack_paths(), key=lambda p: p.stat().st_size)
    text = biggest.read_text(encoding="utf-8")
    timed(
        f"parse + type-check {biggest.name} ({len(text)} bytes)",
        lambda: parse_pack(text, str(biggest)),
        10,
    )
    timed("load all shipped packs", load_shipped_packs, 10)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        case_id = ensure_demo_case(store)
        assert case_id is not None
        with store.session() as session:
            facts = facts_for_case(session, case_id)
        seconds = timed(
            "evaluate all rules on the demo case's facts", lambda: evaluate(packs, facts), 200
        )
        print(f"{'  -> assessments per second (evaluation only)':<52} {1 / seconds:9.0f}")

        def build_facts() -> object:
            with store.session() as session:
                return facts_for_case(session, case_id)

        timed("build facts from the database (incl. ownership)", build_facts, 20)
        stored = [0]

        def assess() -> None:
            stored[0] = assess_case(store, case_id, packs=packs).id

        timed("assess_case (facts + evaluate + store + audit)", assess, 20)
        timed("reproduce a stored assessment", lambda: reproduce(store, stored[0]), 10)
        store.dispose()


if __name__ == "__main__":
    main()
