"""The memo speaks of the assessment's as-of date (issue 13, 0c): the ownership regimes as
they stood then, the date said in every section, filing due dates, and the lists searched."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from screener.memo import load_memo_data, memo_pdf_bytes
from screener.models import Transaction
from screener.risk.service import assess_case
from screener.store import Store
from tests.memo_snapshot import load_fixture
from tests.unit.risk.case_factory import add_case, add_match


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def _bis(store: Store) -> object:
    data = load_memo_data(store, "C-1")
    return next(r for r in data.ownership.regimes if r.regime.startswith("BIS")), data


@pytest.mark.parametrize(("as_of", "in_force"), [
    (date(2026, 5, 1), False),   # inside the BIS suspension window
    (date(2026, 11, 10), True),  # the day after it ends
])  # fmt: skip
def test_the_memo_reads_the_regimes_as_of_the_assessment_not_the_print_day(
    store: Store, as_of: date, in_force: bool
) -> None:
    add_case(store)
    add_match(store, "C-1", "PAR", source="us-csl", list_name="Entity List", status="confirmed")
    stored = assess_case(store, "C-1", as_of=as_of)
    assert ("T4" in stored.result.fired_rule_ids) is in_force
    bis, data = _bis(store)
    assert data.as_of == as_of  # type: ignore[attr-defined]
    assert bis.in_force is in_force  # type: ignore[attr-defined]
    text = text_of(memo_pdf_bytes(data, "en"))  # type: ignore[arg-type]
    assert f"As of {as_of.isoformat()}, the assessment's as-of date." in text
    # said in every numbered section, and on the cover
    sections = len(re.findall(r"\b\d+\. [A-Z]", text))
    assert text.count(f"As of {as_of.isoformat()}") >= sections


@pytest.mark.parametrize(("completion", "expected"), [
    (date(2026, 6, 30), "Mandatory CFIUS declaration: due 2026-05-31, 30 days before the expected completion on 2026-06-30"),
    (None, "Mandatory CFIUS declaration: due date unknown: completion date not recorded"),
])  # fmt: skip
def test_a_hard_outcome_needing_a_filing_prints_its_due_date(
    store: Store, completion: date | None, expected: str
) -> None:
    add_case(store)
    with store.unit_of_work() as session:
        txn = session.query(Transaction).one()
        txn.expected_completion = completion
    stored = assess_case(store, "C-1", as_of=date(2026, 1, 15))
    assert "mandatory_cfius_declaration" in stored.result.hard_outcomes
    data = load_memo_data(store, "C-1")
    assert [f.due for f in data.filing_dues] == [None if completion is None else date(2026, 5, 31)]
    assert expected in text_of(memo_pdf_bytes(data, "en"))


def test_a_memo_without_an_assessment_says_it_speaks_of_its_own_date(store: Store) -> None:
    add_case(store)
    data = load_memo_data(store, "C-1")
    assert data.as_of is None and data.filing_dues == ()
    text = text_of(memo_pdf_bytes(data, "en"))
    assert "the memo's date (no assessment recorded)" in text


def test_a_screened_case_with_no_hits_names_the_lists_searched() -> None:
    data = dataclasses.replace(load_fixture("rich_case"), matches=(), screening=None)
    assert data.list_versions
    text = text_of(memo_pdf_bytes(data, "en"))
    assert "No screening has been run" not in text
    assert "Lists searched: " + data.list_versions[0].source in text
    assert "Screening found no potential match for any party." in text
