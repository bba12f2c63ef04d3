"""The memo prints the same words on the same pages as the kept rendering of the same MemoData.

Guards the layout (sections, furniture, diagram labels) against silent moves and losses; an
intended change is kept with `python scripts/memo_text_diff.py --update` and reviewed in the diff.
"""

from __future__ import annotations

import dataclasses
import difflib

import pytest

from screener.memo.render import memo_pdf_bytes
from tests.memo_snapshot import (
    CASES,
    LANGUAGES,
    kept_text_path,
    load_fixture,
    memo_data_from_json,
    memo_data_to_json,
    pages,
    pdf_layout_text,
    rendered_text,
)

IF_INTENDED = (
    "if the change is intended, keep it with `python scripts/memo_text_diff.py --update` "
    "(`--refresh-data` when MemoData itself changed) and read the diff of tests/fixtures/memo"
)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_memo_text_is_page_for_page_the_kept_text(case: str, lang: str) -> None:
    kept = pages(kept_text_path(case, lang).read_text(encoding="utf-8"))
    now = pages(rendered_text(case, lang))
    assert len(now) == len(kept), f"{len(now)} pages, {len(kept)} kept; {IF_INTENDED}"
    for number, (old, new) in enumerate(zip(kept, now, strict=True), start=1):
        diff = "\n".join(difflib.unified_diff(old, new, "kept", "now", n=1, lineterm=""))
        assert old == new, f"page {number} of {case} ({lang}) changed; {IF_INTENDED}:\n{diff}"


def test_kept_memo_data_survives_json() -> None:
    for case in CASES:
        data = load_fixture(case)
        assert memo_data_from_json(memo_data_to_json(data)) == data


def test_a_moved_word_is_caught() -> None:
    """The comparison is not blind: a changed title shows on the page that prints it."""
    data = load_fixture("rich_case")
    changed = dataclasses.replace(data, title=data.title.replace("Texas", "Ohio"))
    kept = pages(kept_text_path("rich_case", "en").read_text(encoding="utf-8"))
    now = pages(pdf_layout_text(memo_pdf_bytes(changed, "en")))
    assert now[0] != kept[0]
