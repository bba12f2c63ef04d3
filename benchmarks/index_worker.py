"""One worker of the index build, chunk by chunk: where its cost per entry grows (issue 19).

`scale.py --phase index` gives a whole build's CPU, parent and workers together; on a busy
machine its runs spread by 5-10 %, more than a change inside the workers moves. This reads
and prepares the chunks one forked worker of two gets (every `--step`-th) in one process,
as that worker does (`EntryReader.between`, `index_build.prepare_chunk`, the collector
off), and prints each chunk's CPU seconds with the words kept so far, then the means of the
chunks before and after `--split`: a worker whose later chunks cost more than its earlier
ones grows faster than the list.

    XDG_DATA_HOME=DIR python benchmarks/index_worker.py --db sqlite:///COPY.sqlite3 [--step 2] [--split 54]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", required=True, help="database URL (a copy: SQLite writes -wal files)"
    )
    parser.add_argument(
        "--step", type=int, default=2, help="every STEP-th chunk (2: one of two workers)"
    )
    parser.add_argument("--first", type=int, default=0, help="first chunk")
    parser.add_argument("--last", type=int, default=None, help="chunk to stop before")
    parser.add_argument(
        "--split", type=int, default=None, help="compare chunks before / from this one"
    )
    args = parser.parse_args()

    from screener import names
    from screener.matching import index_build
    from screener.matching.db_index import EntryReader
    from screener.store import open_store

    gc.disable()  # as the build's workers run (index_build._install)
    store = open_store(args.db, migrate=False)
    rules = names.load_rules()
    chunks: list[tuple[int, float, float]] = []
    with store.session() as session:
        reader = EntryReader(session)
        ranges = reader.ranges(index_build.CHUNK_ENTRIES)
        last = len(ranges) if args.last is None else min(args.last, len(ranges))
        for number in range(args.first, last, args.step):
            low, high, _count = ranges[number]
            began = time.process_time()
            sources = reader.between(low, high)
            read = time.process_time()
            index_build.prepare_chunk(sources)
            done = time.process_time()
            chunks.append((number, read - began, done - read))
            print(json.dumps({
                "chunk": number,
                "entries": len(sources),
                "read_cpu_s": round(read - began, 3),
                "prepare_cpu_s": round(done - read, 3),
                "word_facts_kept": len(rules.word_facts) + len(rules.older_word_facts),
                "parts_kept": len(names._PART_WORDS) + len(names._OLDER_PART_WORDS),
            }), flush=True)  # fmt: skip
    split = args.split if args.split is not None else chunks[len(chunks) // 2][0]

    def mean(chosen: list[tuple[int, float, float]]) -> dict[str, float]:
        count = max(1, len(chosen))
        return {
            "chunks": len(chosen),
            "read_cpu_s": round(sum(r for _n, r, _p in chosen) / count, 3),
            "prepare_cpu_s": round(sum(p for _n, _r, p in chosen) / count, 3),
        }

    print(json.dumps({
        "before_split": mean([c for c in chunks if c[0] < split]),
        "from_split": mean([c for c in chunks if c[0] >= split]),
        "split": split,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
