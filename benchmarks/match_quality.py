"""Match quality on the shared evaluation data, at the shipped thresholds.

1. ../shared/eval/name_pairs_dev.csv: precision, recall and F1 at the review threshold, overall
   and per schema (reference: OpenSanctions logic-v2 F1 0.807 at its default 0.70).
2. UN screening: index the UN consolidated list, screen each damaged ("treated") row; a hit
   is when the best match at or above the review threshold is the UN entry bearing the
   untreated row's name. Candidate recall: the share of those entries that reach scoring.
3. False alerts: the 25,000 synthetic negatives screened against every list in
   ../shared/data; the share with any alert.

Usage: python benchmarks/match_quality.py [--skip-negatives] [--negatives N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_common import shared_dir  # noqa: E402
from screener.matching.config import load_config
from screener.matching.index import MatchIndex, Query
from screener.matching.pairs import quality_at, read_pairs, score_rows
from screener.matching.sources import sources_from_paths
from screener.names import prepare_name

SHARED = shared_dir()
EVAL = SHARED / "eval"
DATA = SHARED / "data"
UN_FILE = DATA / "un-consolidated" / "UN_consolidated.xml"
ALL_LISTS = [
    UN_FILE,
    DATA / "ofac-sdn-legacy-csv" / "2024-05-03_sdn-only",
    DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19",
    DATA / "us-trade-csl" / "consolidated.csv",
    DATA / "us-bis-denied-persons" / "dpl.txt",
    DATA / "uk-ofsi-consolidated-list" / "UK_Sanctions_List.xlsx",
    DATA / "eu-oj-annexes-opensanctions-transcription" / "32014R0269.csv",
    DATA / "eu-oj-annexes-opensanctions-transcription" / "32014R0833.csv",
    DATA / "us-dod-1260h" / "sanctions.csv",
    *sorted((DATA / "us-other-restricted-lists-opensanctions").glob("*.csv")),
    DATA / "opensanctions-ftm" / "t1_entities.ftm.json",
    DATA / "opensanctions-ftm" / "zala_entities.ftm.json",
]


def pairs_quality() -> None:
    config = load_config()
    _columns, rows = read_pairs(EVAL / "name_pairs_dev.csv")
    scored = list(score_rows(rows, config))
    by_schema: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for item in scored:
        truth = item.row["is_match"].strip().lower() == "true"
        by_schema["ALL"].append((item.score, truth))
        by_schema[item.row["schema"]].append((item.score, truth))
    print(f"== name_pairs_dev.csv at review threshold {config.review_threshold:.2f}")
    print(f"{'schema':14} {'pairs':>5} {'prec':>6} {'recall':>6} {'F1':>6}")
    for schema, items in sorted(by_schema.items(), key=lambda kv: (kv[0] != "ALL", kv[0])):
        q = quality_at([s for s, _ in items], [t for _, t in items], config.review_threshold)
        print(f"{schema:14} {len(items):5d} {q.precision:6.3f} {q.recall:6.3f} {q.f1:6.3f}")


def pairs_candidate_recall() -> None:
    """Index every name2 as a list entry and query every name1: do true pairs reach scoring?"""
    from screener.matching.index import EntrySource

    _columns, rows = read_pairs(EVAL / "name_pairs_dev.csv")
    index = MatchIndex.from_entries(
        EntrySource(str(n), [r["name2"]], r["schema"]) for n, r in enumerate(rows)
    )
    true_rows = [(n, r) for n, r in enumerate(rows) if r["is_match"].strip().lower() == "true"]
    reached = 0
    for n, row in true_rows:
        record = Query([row["name1"]], row["schema"]).record()
        keys = {
            index.entries[int(index.name_entry[i])].entry_key
            for i in index.candidate_names(record).tolist()
        }
        reached += str(n) in keys
    print(
        f"candidate recall of the true pairs through the index: {reached / len(true_rows):.4f}  ({reached}/{len(true_rows)})"
    )


def _check_name(side: dict[str, object]) -> str:
    """A check side gives a name, or its parts (firstName, fatherName, middleName, lastName)."""
    if side.get("name"):
        value = side["name"]
        return " ".join(value) if isinstance(value, list) else str(value)
    parts = ("firstName", "fatherName", "middleName", "lastName")
    return " ".join(str(side[p]) for p in parts if side.get(p))


def entity_checks() -> None:
    import yaml

    from screener.matching.algorithm import score_pair

    config = load_config()
    with open(EVAL / "entity_checks.yml", encoding="utf-8") as handle:
        checks = yaml.safe_load(handle)["checks"]
    scores, truth = [], []
    for check in checks:
        result = score_pair(
            _check_name(check["query"]), _check_name(check["candidate"]), check.get("schema")
        )
        scores.append(result.score)
        truth.append(bool(check["match"]))
    q = quality_at(scores, truth, config.review_threshold)
    print(
        f"\n== entity_checks.yml ({len(checks)} checks; labels sometimes disagree with the pairs)"
    )
    print(f"precision {q.precision:.3f}  recall {q.recall:.3f}  F1 {q.f1:.3f}")


def _rows(name: str) -> list[dict[str, str]]:
    with open(EVAL / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _query(row: dict[str, str]) -> Query:
    return Query(
        [row["full_name"]],
        "Person",
        countries=[row["nationality"]] if row.get("nationality") else [],
        dates=[row["date_of_birth"]] if row.get("date_of_birth") else [],
    )


def un_screening() -> None:
    start = time.perf_counter()
    index = MatchIndex.from_entries(sources_from_paths([UN_FILE]))
    built = time.perf_counter() - start
    print(f"\n== UN screening ({len(index)} UN entries indexed in {built:.1f} s)")
    un_recall(index, best_only=True)


def un_recall(index: MatchIndex, *, best_only: bool) -> None:
    """Candidate recall and screening recall of the UN entry named by each untreated row.

    `best_only`: a hit needs the UN entry to be the best match (UN-only index); otherwise it
    needs the UN entry among the alerts (with every list loaded, the same person on other
    lists rightly scores as high).
    """
    by_name: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for position, entry in enumerate(index.entries):
        if entry.source_name == "UN-SC":
            for form in entry.record.names:
                by_name[form.sorted_tokens].add(position)
    treated = _rows("screen_positives_un_treated_dev.csv")
    untreated = _rows("screen_positives_un_untreated_dev.csv")
    position_of = {id(entry): n for n, entry in enumerate(index.entries)}
    hits = reached = known = 0
    misses = []
    for damaged, clean in zip(treated, untreated, strict=True):
        wanted = by_name.get(prepare_name(clean["full_name"], "Person").sorted_tokens, set())
        if not wanted:
            continue
        known += 1
        record = _query(damaged).record()
        names = index.candidate_names(record).tolist()
        if wanted & {int(index.name_entry[n]) for n in names}:
            reached += 1
        found = index.search(record, limit=1 if best_only else 50, explain=False)
        if wanted & {position_of[id(m.entry)] for m in found}:
            hits += 1
        else:
            misses.append(
                (damaged["full_name"], clean["full_name"], found[0].value if found else None)
            )
    print(f"rows with a UN entry of that name: {known} of {len(treated)}")
    print(f"candidate recall: {reached / known:.4f}  ({reached}/{known})")
    rule = "best match" if best_only else "among the alerts"
    print(
        f"screening recall ({rule}) at {index.config.review_threshold:.2f}: {hits / known:.4f}  ({hits}/{known})"
    )
    if "-v" in sys.argv:
        for miss in misses:
            print("   miss:", miss)


def negatives(limit: int | None) -> None:
    start = time.perf_counter()
    index = MatchIndex.from_entries(sources_from_paths(ALL_LISTS))
    built = time.perf_counter() - start
    rows = _rows("screen_negatives_dev.csv")[:limit]
    print(f"\n== UN positives against all lists ({len(index)} entries, built in {built:.1f} s)")
    un_recall(index, best_only=False)
    print("\n== negatives against all lists")
    start = time.perf_counter()
    alerted = []
    for row in rows:
        best = index.search(_query(row), limit=1, explain=False)
        if best:
            alerted.append((row["full_name"], best[0].entry.primary_name, round(best[0].value, 3)))
    elapsed = time.perf_counter() - start
    print(
        f"false-alert rate: {len(alerted) / len(rows):.4f}  ({len(alerted)}/{len(rows)}), {len(rows) / elapsed:.0f} queries/s on one core"
    )
    if "-v" in sys.argv:
        for item in alerted:
            print("   alert:", item)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-negatives", action="store_true")
    parser.add_argument(
        "--negatives", type=int, default=None, help="screen only the first N negatives"
    )
    parser.add_argument("-v", action="store_true", help="print misses and false alerts")
    args = parser.parse_args()
    pairs_quality()
    pairs_candidate_recall()
    entity_checks()
    un_screening()
    if not args.skip_negatives:
        negatives(args.negatives)


if __name__ == "__main__":
    main()
