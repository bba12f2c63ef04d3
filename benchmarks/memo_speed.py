"""Memo speed: the demo case's memo, and 100 memos in a row.

On a fresh SQLite database the demo case is imported and scored by the shipped rule packs (so
the memo carries a real assessment and ownership analysis), then:
- the first memo in the process (font loading included),
- the demo memo, warm: median and worst of 10 (targets: under 1 s),
- 100 memos one after another, alternating English and Japanese (target: under 60 s),
each timed from reading the case in the database to the finished PDF bytes. Prints the
figures; run with `python benchmarks/memo_speed.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from screener.demo.case import ensure_demo_case  # noqa: E402
from screener.memo import load_memo_data, memo_pdf_bytes  # noqa: E402
from screener.risk.service import assess_case  # noqa: E402
from screener.store import Store, open_store  # noqa: E402


def one_memo(store: Store, case_id: str, lang: str = "en") -> tuple[float, int]:
    start = time.perf_counter()
    pdf = memo_pdf_bytes(load_memo_data(store, case_id), lang)
    return time.perf_counter() - start, len(pdf)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        case_id = ensure_demo_case(store)
        assert case_id is not None
        assess_case(store, case_id)

        cold, size = one_memo(store, case_id)
        warm = [one_memo(store, case_id)[0] for _ in range(10)]
        ja = [one_memo(store, case_id, "ja")[0] for _ in range(3)]
        start = time.perf_counter()
        for i in range(100):
            one_memo(store, case_id, "en" if i % 2 == 0 else "ja")
        batch = time.perf_counter() - start
        store.dispose()

    print("memo speed (demo case, assessed; SQLite; this machine)")
    print(f"  first memo in the process (fonts loaded): {cold:.3f} s, {size / 1024:.0f} KiB")
    print(
        f"  demo memo, warm, English: median {statistics.median(warm):.3f} s, worst {max(warm):.3f} s"
    )
    print(f"  demo memo, warm, Japanese: median {statistics.median(ja):.3f} s")
    print(f"  100 memos in a row (en/ja alternating): {batch:.1f} s ({batch / 100:.3f} s each)")
    verdict = "met" if max(cold, max(warm)) < 1.0 and batch < 60 else "NOT met"
    print(f"  targets (< 1 s per memo, < 60 s for 100): {verdict}")


if __name__ == "__main__":
    main()
