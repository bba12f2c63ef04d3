"""A join's evidence as the Matches tab and the memo print it, in English and Japanese."""

from __future__ import annotations

import pytest

from screener.lists.link_evidence import SameEntityEvidence, evidence_in, evidence_lines


@pytest.mark.parametrize(
    ("kind", "stored", "english", "japanese"),
    [
        ("source_id", "US-CSL SDN:6384", "US-CSL SDN:6384 republishes the entry",
         "US-CSL SDN:6384 が同じエントリを再掲載"),
        ("identifier", "passport 745420176", "the same passport 745420176",
         "同一の識別番号（passport 745420176）"),
        ("un_reference", "UK-OFSI cites UN CFi.010", "UK-OFSI cites UN CFi.010",
         "UK-OFSI が国連 CFi.010 を引用"),
        ("ftm_referent", "FtM referent ofac-32733", "OpenSanctions gives ofac-32733 as its source",
         "OpenSanctionsの参照元 ofac-32733"),
        ("name_and_birth", "same name, born 1951-12-15", "same name, born 1951-12-15",
         "同一の氏名及び生年月日（1951-12-15）"),
        ("a kind added later", "as stored", "as stored", "as stored"),
    ],
)  # fmt: skip
def test_each_kind_of_evidence_reads_as_a_sentence(
    kind: str, stored: str, english: str, japanese: str
) -> None:
    assert evidence_in(kind, stored) == english
    assert evidence_in(kind, stored, "ja") == japanese


def test_a_line_names_both_entries() -> None:
    link = SameEntityEvidence(
        "EU-OJ 32014R0269/I.PERSONS/92", "OFAC-SDN 16669", "name_and_birth",
        "same name, born 1951-12-15",
    )  # fmt: skip
    assert link.line_in() == (
        "EU-OJ 32014R0269/I.PERSONS/92 = OFAC-SDN 16669: same name, born 1951-12-15"
    )


def test_the_window_gives_each_piece_of_evidence_once_with_the_lists_it_joins() -> None:
    born = "same name, born 1951-12-15"
    links = [
        SameEntityEvidence("EU-OJ I/92", "UK-OFSI 15498", "name_and_birth", born),
        SameEntityEvidence("EU-OJ I/92", "OFAC-SDN 16669", "name_and_birth", born),
        SameEntityEvidence("OFAC-SDN 16669", "US-CSL SDN:16669", "source_id", "US-CSL SDN:16669"),
    ]
    assert evidence_lines(links) == [
        "same name, born 1951-12-15 (EU-OJ = UK-OFSI, EU-OJ = OFAC-SDN)",
        "US-CSL SDN:16669 republishes the entry (OFAC-SDN = US-CSL)",
    ]
    assert evidence_lines(links[:1], "ja") == [
        "同一の氏名及び生年月日（1951-12-15） (EU-OJ = UK-OFSI)"
    ]
