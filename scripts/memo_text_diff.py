"""Compare the memo's printed text, page by page, with the kept text (tests/fixtures/memo/).

    python scripts/memo_text_diff.py                 # show differences; exit 1 if any
    python scripts/memo_text_diff.py --update        # keep the current rendering (intended change)
    python scripts/memo_text_diff.py --refresh-data  # re-read the two cases' MemoData, then update

--refresh-data rebuilds the JSON fixtures from a fresh SQLite database (the demo case, assessed
by the shipped rule packs, and tests/memo_factory's rich case), frozen at today 09:00 UTC; use it
only when MemoData itself changes shape, and read the text diff it makes.
The same comparison runs in tests/unit/test_memo_text.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.memo_snapshot import (  # noqa: E402
    CASES,
    FIXTURES,
    LANGUAGES,
    kept_text_path,
    memo_data_to_json,
    pages,
    rendered_text,
)


def refresh_data() -> None:
    from screener.demo.case import ensure_demo_case
    from screener.memo import load_memo_data
    from screener.risk.service import assess_case
    from screener.store import open_store
    from tests.memo_factory import seed_rich_case

    moment = datetime.now(UTC).replace(tzinfo=None, hour=9, minute=0, second=0, microsecond=0)
    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(f"sqlite:///{Path(folder) / 'memo.sqlite3'}")
            if case == "demo_case":
                case_id = ensure_demo_case(store)
                assert case_id is not None
                assess_case(store, case_id)
            else:
                case_id = seed_rich_case(store)
            data = dataclasses.replace(load_memo_data(store, case_id), generated_at=moment)
            store.dispose()
        FIXTURES.mkdir(parents=True, exist_ok=True)
        (FIXTURES / f"{case}.json").write_text(memo_data_to_json(data), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="keep the current rendering")
    parser.add_argument("--refresh-data", action="store_true", help="re-read MemoData, then update")
    args = parser.parse_args()
    if args.refresh_data:
        refresh_data()
    changed = 0
    for case in CASES:
        for lang in LANGUAGES:
            now = rendered_text(case, lang)
            path = kept_text_path(case, lang)
            if args.update or args.refresh_data:
                path.write_text(now, encoding="utf-8")
                continue
            kept = path.read_text(encoding="utf-8")
            if pages(kept) == pages(now):
                print(f"{path.name}: same text, {len(pages(now))} pages")
                continue
            changed += 1
            print(f"{path.name}: DIFFERS ({len(pages(kept))} pages kept, {len(pages(now))} now)")
            for number, (old, new) in enumerate(zip(pages(kept), pages(now), strict=False), 1):
                for line in difflib.unified_diff(
                    old, new, f"kept p{number}", f"now p{number}", n=1, lineterm=""
                ):
                    print(line)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
