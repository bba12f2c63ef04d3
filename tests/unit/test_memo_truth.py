"""The memo says what is true: an unscreened case says so first, every page header reads the
same next obligation as the window, and the signed outcome is the recommendation."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
from screener.memo import load_memo_data, memo_pdf_bytes
from screener.models import Case, SignOff, StatusChange, utcnow
from screener.store import Store
from screener.workflow.obligation import next_obligation
from tests.factory import make_version, mark_screened
from tests.memo_factory import CASE_ID, seed_rich_case


def _pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def test_an_unscreened_case_says_so_on_its_first_page(store: Store) -> None:
    ensure_demo_case(store)  # imported from its deal file, never screened
    with store.unit_of_work() as session:
        make_version(session)  # a list is loaded, but nobody searched it for these parties
    pages = _pages(memo_pdf_bytes(load_memo_data(store, DEMO_CASE_ID), "en"))
    assert "NOT SCREENED: no sanctions or restricted-party list has been searched" in pages[0]
    assert "NOT ASSESSED" in pages[0]
    ja = _pages(memo_pdf_bytes(load_memo_data(store, DEMO_CASE_ID), "ja"))
    assert "未スクリーニング" in ja[0] and "未評価" in ja[0]


def test_a_screened_and_assessed_case_carries_no_warning(store: Store) -> None:
    ensure_demo_case(store)
    with store.unit_of_work() as session:
        case = session.get(Case, DEMO_CASE_ID)
        assert case is not None
        mark_screened(session, case)
    first = _pages(memo_pdf_bytes(load_memo_data(store, DEMO_CASE_ID), "en"))[0]
    assert "NOT SCREENED" not in first and "NOT ASSESSED" not in first


def test_every_page_header_reads_the_next_obligation_the_window_shows(store: Store) -> None:
    ensure_demo_case(store)  # filed ten days before its first run: the review clock runs
    with store.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        assert case is not None
        ob = next_obligation(case)
    assert ob.kind == "review" and not ob.is_overdue
    pages = _pages(memo_pdf_bytes(load_memo_data(store, DEMO_CASE_ID), "en"))
    header = f"CFIUS review period due {ob.due.isoformat()} ({ob.days_left} days remaining)"
    assert all(header in page for page in pages), "every page header names the same clock"
    assert not any("No filing deadline set" in page for page in pages)
    assert "overdue" not in " ".join(pages)


def test_a_decided_case_reads_closed_not_overdue(store: Store) -> None:
    seed_rich_case(store)  # filed 2026-10-05: its CFIUS review fell due 2026-11-19
    with store.unit_of_work() as session:
        case = session.get(Case, CASE_ID)
        assert case is not None
        case.status = "decided"
        session.add(
            StatusChange(
                case=case, to_status="decided", changed_by="bo", changed_at=utcnow()
            )
        )
    pages = _pages(memo_pdf_bytes(load_memo_data(store, CASE_ID), "en"))
    assert all("Closed on " in page for page in pages)
    assert "overdue" not in " ".join(pages)


def test_the_signed_outcome_with_its_reasoning_is_the_recommendation(store: Store) -> None:
    seed_rich_case(store)
    with store.unit_of_work() as session:
        case = session.get(Case, CASE_ID)
        assert case is not None
        case.recommendation = ""
        case.decision = "recommend_block"
        session.query(SignOff).filter_by(case_id=CASE_ID).delete()
        session.add_all(
            [
                SignOff(case=case, role="reviewer", user="ana", outcome="recommend_block",
                        comment="The acquirer's parent is on the Entity List."),
                SignOff(case=case, role="approver", user="bo", outcome="recommend_block"),
            ]
        )  # fmt: skip
    text = " ".join(_pages(memo_pdf_bytes(load_memo_data(store, CASE_ID), "en")))
    assert "Recommend block: signed by the reviewer ana on" in text
    assert "Reasoning: The acquirer's parent is on the Entity List." in text
    assert "Approved by bo on" in text
    assert "No recommendation has been recorded" not in text
    ja = " ".join(_pages(memo_pdf_bytes(load_memo_data(store, CASE_ID), "ja")))
    assert "阻止を勧告" in ja and "理由: The acquirer's parent" in ja


def test_the_risk_section_prints_labels_and_yes_no_not_keys_and_python_booleans() -> None:
    from tests.memo_snapshot import load_fixture

    en = " ".join(_pages(memo_pdf_bytes(load_fixture("demo_case"), "en")))
    assert "Acquirer: excepted investor: no" in en
    assert "acquirer.excepted_investor" not in en
    assert not re.search(r"\b(True|False)\b", en)


def test_the_japanese_memo_gives_every_value_its_japanese_form() -> None:
    from tests.memo_snapshot import load_fixture

    ja = " ".join(_pages(memo_pdf_bytes(load_fixture("demo_case"), "ja")))
    assert "高 (335)" in ja  # risk tier
    assert "上申 (C3)" in ja and "CFIUSへの義務的申告 (G3)" in ja  # rule outcomes
    assert "株式取得" in ja and "share purchase" not in ja  # deal structure
    assert "CFIUS 審査期間" in ja and "CFIUS review period" not in ja  # clock title
    assert "取得者: 適用除外投資家: いいえ" in ja
    assert not re.search(r"\b(True|False|High|Escalate)\b", ja)


def test_a_rules_extra_note_reads_as_its_own_sentence_after_the_rationale() -> None:
    from screener.memo.model import _hit

    hit = _hit(
        {
            "rule_id": "T2",
            "title": "A government holds 49 % or more of the acquirer",
            "rationale": "A foreign-adversary state doubles the concern.",
            "notes": ["the controlling government is a foreign adversary"],
        }
    )
    assert hit.rationale == (
        "A foreign-adversary state doubles the concern. "
        "The controlling government is a foreign adversary."
    )
