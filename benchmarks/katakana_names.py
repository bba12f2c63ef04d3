"""Names in katakana: do they meet the lists' Latin names, and what do they raise falsely?

    .venv/bin/python benchmarks/katakana_names.py [--negatives N]

1. Recall: the names OpenSanctions' FtM files give in katakana (カラシニコフ・コンツェルン for
   Kalashnikov Concern) against the Latin names of the same entity, scored by the engine
   (`score_records`, the entity's schema, the shipped settings).
2. False alerts: persons on no list (../shared/eval/screen_negatives_dev.csv) written in
   katakana, screened against every list of ../shared/data. The synthetic rows written in
   Latin letters are put into katakana as Japanese hears them (`katakana.japanese_sound`,
   then jaconv's letters to katakana); those written in hiragana are read by pykakasi and
   written in katakana. Each is screened beside its row as written, which is the baseline.
   The rows in Latin letters put into katakana by this module's own rules test its false
   alerts only: they say nothing of its recall.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.match_quality import ALL_LISTS, DATA, _query, _rows  # noqa: E402
from screener.matching.algorithm import score_records  # noqa: E402
from screener.matching.config import load_config  # noqa: E402
from screener.matching.index import MatchIndex, Query  # noqa: E402
from screener.matching.records import make_record  # noqa: E402
from screener.matching.sources import sources_from_paths  # noqa: E402

KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
HIRAGANA = re.compile(r"[\u3041-\u3096]")
FTM = (
    DATA / "opensanctions-ftm" / "t1_entities.ftm.json",
    DATA / "opensanctions-ftm" / "zala_entities.ftm.json",
)


def recall() -> None:
    config = load_config()
    found = total = 0
    for path in FTM:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                entity = json.loads(line)
                names = [
                    n
                    for key in ("name", "alias", "weakAlias")
                    for n in entity.get("properties", {}).get(key, [])
                ]
                kana = [n for n in names if KATAKANA.search(n) and not HIRAGANA.search(n)]
                latin = [n for n in names if n.isascii()]
                if not kana or not latin:
                    continue
                candidate = make_record(latin, entity["schema"])
                for name in kana:
                    score = score_records(
                        make_record([name], entity["schema"]), candidate, config=config
                    )
                    total += 1
                    found += score.is_alert
                    print(f"   {score.score:.3f} {name} / {score.candidate_name}")
    print(f"katakana names meeting their own entity's Latin names: {found}/{total}")


def in_katakana(name: str) -> str | None:
    """The row's name as a Japanese document would write it in katakana (None when not)."""
    import jaconv

    from screener.matching.katakana import japanese_sound

    if name.isascii():
        words = [w for w in re.split(r"[^A-Za-z]+", name) if w]
        return "・".join(jaconv.alphabet2kata(japanese_sound(w)) for w in words) or None
    if HIRAGANA.search(name):
        import pykakasi

        reading = "".join(part["hira"] for part in pykakasi.kakasi().convert(name))
        return jaconv.hira2kata(reading).strip() or None
    return None


def negatives(limit: int | None) -> None:
    index = MatchIndex.from_entries(sources_from_paths(ALL_LISTS))
    rows = _rows("screen_negatives_dev.csv")[:limit]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # rows, as written, katakana
    alerts = []
    for row in rows:
        kana = in_katakana(row["full_name"])
        if kana is None or KATAKANA.search(kana) is None:
            continue
        kind = "latin" if row["full_name"].isascii() else "hiragana"
        counts = tally[kind]
        counts[0] += 1
        counts[1] += bool(index.search(_query(row), limit=1, explain=False))
        found = index.search(Query([kana], "Person"), limit=1, explain=False)
        if found:
            counts[2] += 1
            alerts.append(
                (row["full_name"], kana, found[0].entry.primary_name, round(found[0].value, 3))
            )
    for kind, (count, written, katakana) in tally.items():
        print(
            f"{kind:9} rows {count:6d}: alerting as written {written / count:.4f} ({written}),"
            f" in katakana {katakana / count:.4f} ({katakana})"
        )
    if "-v" in sys.argv:
        for alert in alerts:
            print("   alert:", alert)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--negatives", type=int, default=None, help="only the first N rows")
    parser.add_argument("-v", action="store_true", help="print the katakana alerts")
    args = parser.parse_args()
    recall()
    negatives(args.negatives)


if __name__ == "__main__":
    main()
