"""A Japanese memo prints each rule hit's Japanese title and rationale (from the rule packs'
title_ja / rationale_ja / note_ja, kept with the stored hit); an English memo prints the
English; a hit stored before the packs had Japanese prints its English on either."""

from __future__ import annotations

import re

import pytest

from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
from screener.memo import load_memo_data, memo_pdf_bytes
from screener.memo.model import _hit
from screener.risk.packs import load_shipped_packs
from screener.risk.service import assess_case
from screener.store import Store
from tests.memo_factory import CASE_ID, seed_rich_case
from tests.memo_snapshot import pdf_layout_text


def squeezed(text: str) -> str:
    """No whitespace at all: a Japanese line breaks between any two characters, an English
    one at spaces, so phrases are compared with every break and space taken out."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo_hits(store: Store):  # type: ignore[no-untyped-def]
    assert ensure_demo_case(store) == DEMO_CASE_ID
    assess_case(store, DEMO_CASE_ID)
    data = load_memo_data(store, DEMO_CASE_ID)
    assert data.assessment is not None and len(data.assessment.hits) >= 10
    return data


def test_the_japanese_memo_of_the_demo_case_prints_no_english_rule_title(demo_hits) -> None:  # type: ignore[no-untyped-def]
    text = squeezed(pdf_layout_text(memo_pdf_bytes(demo_hits, "ja")))
    english_titles = {rule.title for pack in load_shipped_packs() for rule in pack.rules}
    for hit in demo_hits.assessment.hits:
        assert hit.title_ja and squeezed(hit.title_ja) in text, hit.rule_id
        assert squeezed(hit.rationale_ja) in text, hit.rule_id
        assert squeezed(hit.title) not in text, hit.rule_id
    assert not [title for title in english_titles if squeezed(title) in text]
    # an extra's note reads in Japanese too (T2: the government is a foreign adversary's)
    assert "支配している政府は懸念国の政府である。" in text
    assert "controllinggovernment" not in text


def test_the_english_memo_prints_the_english_titles(demo_hits) -> None:  # type: ignore[no-untyped-def]
    text = squeezed(pdf_layout_text(memo_pdf_bytes(demo_hits, "en")))
    for hit in demo_hits.assessment.hits:
        assert squeezed(hit.title) in text, hit.rule_id
        assert squeezed(hit.title_ja) not in text, hit.rule_id
    assert "Thecontrollinggovernmentisaforeignadversary." in text


def test_a_hit_stored_before_packs_had_japanese_prints_its_english(store: Store) -> None:
    """The rich test case's hits are stored as they were before packs carried Japanese."""
    seed_rich_case(store)
    data = load_memo_data(store, CASE_ID)
    assert data.assessment is not None
    assert all(not hit.title_ja and not hit.rationale_ja for hit in data.assessment.hits)
    text = squeezed(pdf_layout_text(memo_pdf_bytes(data, "ja")))
    assert squeezed("Chain entity in a foreign-adversary country") in text
    assert "ルール" in text  # the memo's own words are still Japanese


def test_japanese_notes_become_sentences_without_spaces() -> None:
    hit = _hit(
        {
            "rule_id": "T2", "title": "State", "title_ja": "国家", "category": "threat",
            "points": 40, "rationale": "A state may pursue state aims.",
            "rationale_ja": "国家の目的を追求するおそれがある。",
            "notes": ["the controlling government is a foreign adversary", "second"],
            "notes_ja": ["支配している政府は懸念国の政府である", ""],
        }
    )  # fmt: skip
    assert hit.rationale_in("en") == (
        "A state may pursue state aims. The controlling government is a foreign adversary. Second."
    )
    # a Japanese sentence ends in 。 and runs on with no space; a note with no Japanese keeps
    # its English rather than vanishing
    assert hit.rationale_in("ja") == (
        "国家の目的を追求するおそれがある。支配している政府は懸念国の政府である。Second."
    )
    assert hit.title_in("ja") == "国家" and hit.title_in("en") == "State"


def test_a_hits_heading_shares_its_page_with_the_first_hit(demo_hits) -> None:  # type: ignore[no-untyped-def]
    """G3's row (the excepted-investor reasons) fills most of a page and a row never splits:
    the gate rules' heading moves on with it rather than ending a page alone."""
    for lang, heading in (("ja", "該当したゲートルール"), ("en", "Gate rules that fired")):
        pages = pdf_layout_text(memo_pdf_bytes(demo_hits, lang)).split("\f")
        (page,) = [p for p in pages if heading in p]
        g3 = next(h for h in demo_hits.assessment.hits if h.rule_id == "G3")
        assert squeezed(g3.title_in(lang)) in squeezed(page), lang


def test_the_japanese_memo_names_a_due_filing_in_japanese(demo_hits) -> None:  # type: ignore[no-untyped-def]
    assert demo_hits.filing_dues, "the demo case's G3 requires a declaration"
    assert "CFIUSへの義務的申告：期限" in squeezed(pdf_layout_text(memo_pdf_bytes(demo_hits, "ja")))
    assert "MandatoryCFIUSdeclaration:due" in squeezed(
        pdf_layout_text(memo_pdf_bytes(demo_hits, "en"))
    )
