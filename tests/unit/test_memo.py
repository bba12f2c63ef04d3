"""The printed memo: every section, the key facts, names in four scripts, embedded fonts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from screener.cli import main
from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
from screener.memo import MemoError, load_memo_data, memo_pdf_bytes, write_case_memo
from screener.memo.diagram import layers_of
from screener.memo.fonts import CJK, HANGUL, SANS, runs, visual_order
from screener.memo.labels import EN, JA
from screener.models import Case, Party
from screener.store import Store
from tests.factory import make_entry, make_match, make_version
from tests.memo_factory import (
    ARABIC_NAME,
    CASE_ID,
    CHINESE_NAME,
    CYRILLIC_NAME,
    JAPANESE_NAME,
    seed_rich_case,
)

SECTIONS = (
    "sec_summary", "sec_transaction", "sec_jurisdiction", "sec_ownership", "sec_screening",
    "sec_threat", "sec_vulnerability", "sec_consequence", "sec_mitigation", "sec_notes",
    "sec_signoff", "sec_provenance",
)  # fmt: skip
STANDARD_CID_FONTS = {
    "HeiseiMin-W3",
    "HeiseiKakuGo-W5",
    "STSong-Light",
    "MSung-Light",
    "HYSMyeongJo-Medium",
}


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks and repeated spaces folded, for phrase searches."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def rich_pdf(store: Store) -> bytes:
    seed_rich_case(store)
    return memo_pdf_bytes(load_memo_data(store, CASE_ID))


def test_every_section_is_present_in_order(rich_pdf: bytes) -> None:
    text = pdf_text(rich_pdf)
    positions = [text.find(f"{i}. {EN[key]}") for i, key in enumerate(SECTIONS, start=1)]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)


def test_key_facts_reach_the_page(rich_pdf: bytes) -> None:
    text = flat(pdf_text(rich_pdf))
    for fact in (
        CASE_ID,
        "Pacific Lanthanide Holdings Pte. Ltd.",
        "412,000,000 USD",
        "Ridgeline Magnetics Sealy Plant",
        "Recommend block unless the mitigation package is agreed.",
        "Same registration number 91110000MA01.",  # the decision's reason
        "All name tokens agree after legal-form removal",  # the match explanation
        "0.97 (strong)",
        "Awaiting a reviewer's decision",  # the pending match says so
        "primary name",  # and why it came back after a dismissal
        "Chain entity in a foreign-adversary country",  # a threat hit
        "15 CFR 791.4",  # with its source
        "Magnet manufacturing stage",
        "Supplies defence primes",
        "Hard outcomes: Mandatory CFIUS declaration (G3).",
        "Notify the funder (C2)",  # a non-overriding outcome is listed, not called hard
        "foreign-adversaries 2025-01-01",  # reference data in the provenance
        "Counterpart at METI informed on 2 November.",
        "b.smith",
        "Recommend block — Threat is state-directed.",
        "ef" * 32,  # the full pack hash in the provenance
        "ab" * 32,  # the list version checksum
        "Held by governments 42 %",
        "Listed, or blocked under the OFAC 50 % rule",  # the ownership engine's verdict
        "owned under OFAC 50 % rule (60 % counted",  # and the path that explains it
        "Page 1 of",
        "CUI",
    ):
        assert fact in text, fact


def test_the_bis_rule_reaches_a_party_with_licence_requirements_and_does_not_block_it(
    store: Store,
) -> None:
    """An affiliate under the BIS Affiliates Rule is not blocked: the listed owner's licence
    requirements reach it. The memo had called it blocked, and in Japanese an asset freeze."""
    seed_rich_case(store)
    with store.unit_of_work() as session:
        case = session.get_one(Case, CASE_ID)
        assessment = case.assessments[-1]
        assessment.facts = {**(assessment.facts or {}), "as_of": "2026-11-20"}  # rule in force
        version = make_version(session, "US-CSL", "2026-11-15", format="csv")
        entry = make_entry(session, version, "EL:1", "HUAXIN RESOURCES", list_name="Entity List")
        make_match(session, case, entry, "HK", score=0.95, status="confirmed")
    data = load_memo_data(store, CASE_ID)
    english = flat(pdf_text(memo_pdf_bytes(data)))
    assert (
        "Listed, or reached by the licence requirements of the BIS Affiliates Rule (Entity List / "
        "MEU 50 % rule): Pacific Lanthanide Holdings Pte. Ltd." in english
    )
    assert "blocked under the BIS" not in english
    # the stakes table names the regime as a reader does, not by its id ('BIS_AFFILIATES')
    assert "BIS: owned" in english and "BIS_AFFILIATES" not in english
    assert "listed or reached by licence requirements: Pacific Lanthanide Holdings Pte. Ltd." in english
    japanese = flat(pdf_text(memo_pdf_bytes(data, "ja")))
    assert "リスト掲載又はBIS関連会社ルール（エンティティ・リスト／MEU 50 %ルール）により許可要件の対象" in japanese
    assert "リスト掲載又はOFAC 50 %ルールにより資産凍結対象" in japanese
    # the engine's chain and each regime's rule in Japanese too (they were printed in English)
    assert "所有による該当（OFAC 50 %ルール、算入 60 %、基準 50 %以上、異なる所有者の持分を合算）" in japanese
    assert "owned under" not in japanese and "different owners' stakes added" not in japanese


def test_a_suspended_rule_reaches_nobody_in_the_memo(store: Store) -> None:
    """While the BIS rule is suspended the memo said 'not in force' beside 'licence
    requirements reach: Pacific Lanthanide ...'; it would reach them, were it in force."""
    seed_rich_case(store)
    with store.unit_of_work() as session:
        case = session.get_one(Case, CASE_ID)
        assessment = case.assessments[-1]
        assessment.facts = {**(assessment.facts or {}), "as_of": "2026-05-01"}  # suspended
        version = make_version(session, "US-CSL", "2026-04-15", format="csv")
        entry = make_entry(session, version, "EL:1", "HUAXIN RESOURCES", list_name="Entity List")
        make_match(session, case, entry, "HK", score=0.95, status="confirmed")
    data = load_memo_data(store, CASE_ID)
    english = flat(pdf_text(memo_pdf_bytes(data)))
    assert "would reach, were it in force: Pacific Lanthanide Holdings Pte. Ltd." in english
    assert "reached by licence requirements:" not in english
    assert "reached by the licence requirements of the BIS" not in english  # key findings
    assert "BIS: owned" not in english  # nor a status under it in the stakes table
    japanese = flat(pdf_text(memo_pdf_bytes(data, "ja")))
    # the reason, wrapped in a narrow column
    assert "2025年11月の米中合意に基づく1年間の適用停止" in japanese.replace(" ", "")
    assert "施行されていれば許可要件の対象: Pacific Lanthanide" in japanese


def test_names_in_chinese_japanese_cyrillic_come_out_intact(rich_pdf: bytes) -> None:
    text = pdf_text(rich_pdf)
    for name in (CHINESE_NAME, JAPANESE_NAME, CYRILLIC_NAME):
        assert name in text, name


def test_a_korean_name_is_printed_in_a_font_that_has_hangul(store: Store) -> None:
    # Droid Sans Fallback has no Hangul: 김영복 came out as three empty boxes
    seed_rich_case(store)
    with store.unit_of_work() as session:
        party = session.query(Party).filter_by(name=CYRILLIC_NAME).one()
        party.name = "김영복"
    pdf = memo_pdf_bytes(load_memo_data(store, CASE_ID))
    assert "김영복" in pdf_text(pdf)
    fonts = {
        str(ref.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for ref in page["/Resources"].get_object().get("/Font", {}).values()
    }
    assert "NanumSquareR" in fonts


def test_arabic_is_shaped_before_drawing() -> None:
    shaped = visual_order(ARABIC_NAME)
    assert shaped != ARABIC_NAME
    assert all(0xFE70 <= ord(c) <= 0xFEFF or c == " " for c in shaped)  # presentation forms
    assert visual_order("Ridgeline") == "Ridgeline"


def test_runs_switch_font_by_script() -> None:
    assert list(runs(f"Ltd {CHINESE_NAME}")) == [(SANS, "Ltd "), (CJK, CHINESE_NAME)]
    assert list(runs(CYRILLIC_NAME)) == [(SANS, CYRILLIC_NAME)]
    assert list(runs("리창호 (LEE Chang Ho)")) == [(HANGUL, "리창호 "), (SANS, "(LEE Chang Ho)")]


def test_every_font_is_embedded_or_standard_cid(rich_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(rich_pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]))
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            base = str(font["/BaseFont"]).lstrip("/").split("-UniJIS")[0].split("-UniGB")[0]
            embedded = any(
                d is not None
                and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            assert embedded or base in STANDARD_CID_FONTS, font["/BaseFont"]
    assert any("DroidSansFallback" in f for f in seen)
    assert any("DejaVuSans" in f for f in seen)


def test_japanese_memo_uses_japanese_labels_and_marking(store: Store) -> None:
    seed_rich_case(store)
    text = pdf_text(memo_pdf_bytes(load_memo_data(store, CASE_ID), lang="ja"))
    assert "取扱注意" in text
    for i, key in enumerate(SECTIONS, start=1):
        assert f"{i}. {JA[key]}" in text, key
    assert CHINESE_NAME in text


def test_labels_exist_in_both_languages() -> None:
    assert set(EN) == set(JA)
    assert all(JA[k].strip() for k in JA)


def test_a_case_with_nothing_recorded_says_so(store: Store) -> None:
    seed_rich_case(store, "BARE-1", with_results=False)
    text = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, "BARE-1"))))
    for key in (
        "no_screening",
        "no_assessment_category",
        "no_notes",
        "prov_no_lists",
        "prov_no_rules",
    ):
        assert EN[key] in text, key
    assert EN["mitigation_defaults"] in text  # defaults are labelled as options, not findings
    assert "TEST-SDN" not in text


def test_custom_marking_on_every_page(store: Store) -> None:
    seed_rich_case(store)
    with store.unit_of_work() as session:
        from screener.models import Case

        case = session.get(Case, CASE_ID)
        assert case is not None
        case.handling_marking = "CUI//SP-PROPIN"
    reader = PdfReader(io.BytesIO(memo_pdf_bytes(load_memo_data(store, CASE_ID))))
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count("CUI//SP-PROPIN") >= 2  # banner and footer
        assert f"Page {number} of {pages}" in text


def test_unknown_case_and_language_are_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(MemoError, match="NOPE"):
        load_memo_data(store, "NOPE")
    seed_rich_case(store)
    with pytest.raises(ValueError, match="unknown memo language"):
        write_case_memo(store, CASE_ID, tmp_path / "x.pdf", lang="fr")


def test_demo_case_memo(store: Store) -> None:
    assert ensure_demo_case(store) == DEMO_CASE_ID
    text = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, DEMO_CASE_ID))))
    assert "Ridgeback Wheatland Separation Facility" in text
    assert "F. E. Warren Air Force Base (68 mi)" in text
    assert "CFIUS review period" in text


def test_diagram_layers_put_owners_above_the_target(store: Store) -> None:
    seed_rich_case(store)
    view = load_memo_data(store, CASE_ID).ownership
    layer = layers_of(view)
    assert layer["TGT"] == 0
    assert layer["ACQ"] == 1
    assert layer["GOV"] > layer["HX"] > layer["HK"] > layer["ACQ"]


def test_cli_memo_writes_the_pdf(store: Store, sqlite_url: str, tmp_path: Path) -> None:
    seed_rich_case(store)
    out = tmp_path / "memo.pdf"
    result = CliRunner().invoke(
        main, ["--db", sqlite_url, "memo", CASE_ID, "--out", str(out), "--lang", "ja"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert "取扱注意" in pdf_text(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["memo", "NOPE", "--out", "{tmp}/m.pdf"], "no case with id 'NOPE'"),
        (["memo", CASE_ID, "--out", "{tmp}/m.txt"], "must be written to a .pdf"),
        (["memo", CASE_ID, "--out", "{tmp}/missing/m.pdf"], "does not exist"),
    ],
)
def test_cli_memo_errors_are_one_line(
    store: Store, sqlite_url: str, tmp_path: Path, args: list[str], message: str
) -> None:
    seed_rich_case(store)
    argv = ["--db", sqlite_url, *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_a_bare_case_and_a_deep_cyclic_chain_still_lay_out(store: Store) -> None:
    """No transaction at all; and a 13-level chain with a cycle, a self-loop and 15 owners
    in one layer, which must be shrunk to a page and summarised, never overflow."""
    from screener.models import Case, OwnershipLink, Party, Transaction

    with store.unit_of_work() as session:
        session.add(Case(id="BARE", title="Only a title"))
        deep = Case(id="DEEP", title="Deep chain")
        deep.transaction = Transaction(target_key="P0", acquirer_key="P1")
        deep.parties = [Party(key=f"P{i}", name=f"Company {i} Limited") for i in range(13)]
        deep.parties += [
            Party(key=f"W{i}", name=f"Owner {i}", party_type="person") for i in range(15)
        ]
        deep.ownership_links = [
            *(
                OwnershipLink(holder_key=f"P{i + 1}", held_key=f"P{i}", equity_pct=90.0)
                for i in range(12)
            ),
            *(OwnershipLink(holder_key=f"W{i}", held_key="P0", equity_pct=0.6) for i in range(15)),
            OwnershipLink(holder_key="P3", held_key="P12", equity_pct=5.0),
            OwnershipLink(holder_key="P5", held_key="P5", equity_pct=1.0),
        ]
        session.add(deep)
    bare = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, "BARE"))))
    assert EN["no_transaction"] in bare and EN["no_ownership"] in bare
    text = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, "DEEP"))))
    assert "Company 12 Limited" in text
    hidden = re.search(r"(\d+) further parties are not drawn", text)
    assert hidden is not None and int(hidden.group(1)) >= 10  # and the diagram says +N


def test_a_screening_that_found_nothing_is_not_reported_as_never_run(store: Store) -> None:
    from screener.matching.db_index import build_index
    from screener.workflow.screening import screen_case

    seed_rich_case(store, "CLEAN-1", with_results=False)
    before = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, "CLEAN-1"))))
    assert EN["no_screening"] in before
    with store.session() as session:
        index = build_index(session)  # no list loaded: nothing can match
    screen_case(store, "CLEAN-1", index)
    after = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, "CLEAN-1"))))
    assert EN["no_screening"] not in after
    assert EN["screening_clear"] in after
    assert "parties of the ownership chain" in after


def test_dismissed_matches_are_listed_compactly_with_their_reasons(store: Store) -> None:
    from screener.models import Decision, MatchResult

    seed_rich_case(store)
    with store.unit_of_work() as session:
        match = session.query(MatchResult).filter_by(case_id=CASE_ID, status="pending").one()
        match.status = "dismissed"
        match.decisions.append(
            Decision(outcome="dismissed", reason="Different founding date.", decided_by="c.lee")
        )
    text = flat(pdf_text(memo_pdf_bytes(load_memo_data(store, CASE_ID))))
    assert EN["dismissed_heading"].format(count=1) in text
    assert "Different founding date." in text and "c.lee" in text
    assert "URALSKIE REDKIE METALLY" in text
    assert "Transliterated tokens overlap partially." in text  # the explanation stays on record


def test_a_filed_case_shows_its_deadline_met_not_overdue(store: Store) -> None:
    ensure_demo_case(store)
    data = load_memo_data(store, DEMO_CASE_ID)
    assert data.filing_date is not None and data.filing_deadline is not None
    text = flat(pdf_text(memo_pdf_bytes(data, "en")))
    assert "overdue" not in text
    assert f"met: filed {data.filing_date.isoformat()}" in text
