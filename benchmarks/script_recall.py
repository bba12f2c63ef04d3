"""Recall per script: do names in their original script meet their own romanisations?

    .venv/bin/python benchmarks/script_recall.py [--db sqlite:///lists.sqlite3]

The UN and UK lists and the EU's Russia annex publish names in their original script
(Arabic, Persian, Cyrillic, Chinese, Korean, Hebrew, ...) beside the Latin ones. Each
original-script name makes one labelled pair per list entry: true against the Latin names of
its own entry, false against the Latin names of another entry of the same list (a seeded
draw). Both are scored with the engine
(`score_records`, the entry's kind, no dates or countries, the shipped settings); recall is
the share of true pairs at or above the review threshold, the false-match rate the share of
false pairs there. Persian is told from Arabic by the letters only Persian uses (پ چ ژ گ ک ی).
Without --db the UN and UK lists and the EU annex of Regulation 269/2014 in ../shared/data
are imported into a temporary database.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_common import SHARED_DATA  # noqa: E402
from screener.lists.service import import_path  # noqa: E402
from screener.matching.algorithm import score_records  # noqa: E402
from screener.matching.config import load_config  # noqa: E402
from screener.matching.records import make_record  # noqa: E402
from screener.models import EntryName, ListEntry, ListSource, ListVersion  # noqa: E402
from screener.names import detect_script  # noqa: E402
from screener.store import open_store  # noqa: E402

SOURCES = ("UN-SC", "UK-OFSI", "EU-OJ-32014R0269")
EU_ANNEX = SHARED_DATA / "eu-oj-annexes-opensanctions-transcription" / "32014R0269.csv"
PERSIAN_LETTERS = set("پچژگکی")


def script_of(name: str) -> str:
    script = detect_script(name)
    if script == "arabic" and PERSIAN_LETTERS & set(name):
        return "persian"
    return script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database holding the UN, UK and EU lists")
    args = parser.parse_args()
    url = args.db
    if not url:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'lists.sqlite3'}"
        store = open_store(url)
        import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
        import_path(store, SHARED_DATA / "uk-ofsi-consolidated-list" / "UK_Sanctions_List.xlsx")
        import_path(store, EU_ANNEX)
    store = open_store(url)
    with store.session() as session:
        rows = session.execute(
            select(
                ListSource.name,
                ListEntry.id,
                ListEntry.entity_type,
                ListEntry.primary_name,
                EntryName.name,
                EntryName.is_original_script,
            )
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .join(EntryName, EntryName.entry_id == ListEntry.id)
            .where(ListVersion.is_active.is_(True), ListSource.name.in_(SOURCES))
        ).all()
    latin: dict[int, set[str]] = defaultdict(set)
    original: dict[int, set[str]] = defaultdict(set)
    kind: dict[int, str] = {}
    source: dict[int, str] = {}
    for source_name, entry_id, entity_type, primary, name, is_original in rows:
        kind[entry_id], source[entry_id] = entity_type, source_name
        latin[entry_id].add(primary)
        if is_original and detect_script(name) != "latin":
            original[entry_id].add(name)
        elif detect_script(name) == "latin":
            latin[entry_id].add(name)
    config = load_config()
    rng = random.Random(22)
    by_source: dict[str, list[int]] = defaultdict(list)
    for entry_id in latin:
        by_source[source[entry_id]].append(entry_id)
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # true pairs, found, false hits
    for entry_id, names in original.items():
        candidate = make_record(sorted(latin[entry_id]), kind[entry_id])
        other_id = rng.choice(by_source[source[entry_id]])
        while other_id == entry_id:
            other_id = rng.choice(by_source[source[entry_id]])
        other = make_record(sorted(latin[other_id]), kind[entry_id])
        for name in names:
            query = make_record([name], kind[entry_id])
            if not query.names or not candidate.names or not other.names:
                continue
            tally = hits[script_of(name)]
            tally[0] += 1
            tally[1] += score_records(query, candidate, config=config).is_alert
            tally[2] += score_records(query, other, config=config).is_alert
    print(f"original-script names of {', '.join(SOURCES)} at threshold {config.review_threshold:.2f}")
    print(f"{'script':10} {'pairs':>5} {'recall':>7} {'false':>7}")
    for script, (pairs, found, false) in sorted(hits.items(), key=lambda kv: -kv[1][0]):
        print(f"{script:10} {pairs:5d} {found / pairs:7.3f} {false / pairs:7.3f}")


if __name__ == "__main__":
    main()
