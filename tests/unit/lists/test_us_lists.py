"""CSL, BIS DPL and the U.S. transcribed lists: counts from PROVENANCE.md, entries by field."""

from __future__ import annotations

import csv
from collections import Counter

from screener.lists.base import TYPE_NOT_STATED, ParsedAddress, ParsedIdentifier, ParsedName
from screener.lists.csl import PARSER as CSL
from screener.lists.csl import list_name_of, parse_id
from screener.lists.dpl import PARSER as DPL
from screener.lists.us_csv import PARSER as US_CSV
from tests.conftest import SHARED_DATA


def test_csl_keeps_each_source_list_apart() -> None:
    parsed = CSL.parse(SHARED_DATA / "us-trade-csl")
    by_list = Counter(e.list_name for e in parsed.entries)
    repeated = sum(len(e.data.get("repeated_on_lines", [])) for e in parsed.entries)
    assert len(parsed.entries) + repeated == 14160  # one CAPTA row is printed twice
    assert repeated == 1
    assert by_list["SDN"] == 10026
    assert by_list["Entity List"] == 2001
    assert by_list["ITAR Debarred (DTC)"] == 727
    assert by_list["DPL"] == 462
    assert by_list["SSI"] == 290
    assert by_list["MEU"] == 71
    assert by_list["NS-CMIC"] == 68
    assert by_list["CAPTA"] + repeated == 53
    el_countries = Counter(
        e.addresses[-1].country
        for e in parsed.entries
        if e.list_name == "Entity List" and e.addresses
    )
    # PROVENANCE counts cells ending in ', RU' (572) and ', CN' (443); a few last addresses
    # are a bare country code ('...; RU'), which is an address in that country too
    rows = csv.DictReader(
        (SHARED_DATA / "us-trade-csl" / "consolidated.csv").open(encoding="utf-8")
    )
    last = [
        r["addresses"].split(";")[-1].strip() for r in rows if r["source"].startswith("Entity List")
    ]
    assert el_countries["RU"] == 572 + last.count("RU")
    assert el_countries["CN"] == 443 + last.count("CN")


def test_csl_known_entry() -> None:
    parsed = CSL.parse(SHARED_DATA / "us-trade-csl" / "consolidated.csv")
    aecc = next(e for e in parsed.entries if e.entry_key == "NS-CMIC:30902")
    assert aecc.primary_name == "AERO ENGINE CORPORATION OF CHINA"
    assert aecc.entity_type == "organization" and aecc.programs == ["CMIC-EO13959"]
    assert [n.name for n in aecc.names[1:]] == [
        "AERO ENGINE CORP OF CHINA",
        "AECC",
        "CHINA AVIATION ENGINE GROUP CO., LTD",
    ]
    assert aecc.identifiers == [
        ParsedIdentifier(
            "registration",
            "91110000MA005UCQ5P",
            country="CN",
            note="Unified Social Credit Code (USCC)",
        )
    ]
    assert aecc.listed_on == "2021-06-03"  # Listing Date (CMIC)
    assert aecc.addresses == [
        ParsedAddress(
            "5 Landianchang South Road Haidian District, Beijing, 100097, CN",
            city="Beijing",
            country="CN",
        )
    ]
    assert aecc.countries == ["CN"]


def test_csl_cell_helpers() -> None:
    assert list_name_of("Military End User (MEU) List - Bureau of Industry and Security") == "MEU"
    assert (
        list_name_of("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department")
        == "NS-MBS"
    )
    assert parse_id("CA, BC166787, Passport") == ("CA", "BC166787", "Passport")
    assert parse_id("Male, Gender") == (None, "Male", "Gender")
    assert parse_id("03 Jun 2021, Listing Date (CMIC)") == (
        None,
        "03 Jun 2021",
        "Listing Date (CMIC)",
    )


def test_dpl_groups_orders_by_name() -> None:
    path = SHARED_DATA / "us-bis-denied-persons" / "dpl.txt"
    parsed = DPL.parse(path)
    assert sum(len(e.data["orders"]) for e in parsed.entries) == 665
    printed = {row["Name"] for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t")}
    assert len(printed) == 546  # ' I. ASH' and 'I. ASH' are one name once the leading space goes
    assert len(parsed.entries) == 545
    assert parsed.publisher_date == "2023-11-28"  # not the '3033-09-30' typo
    ash = next(e for e in parsed.entries if e.entry_key == "I. ASH")
    assert ash.primary_name == "I. ASH" and ash.list_name == "DPL"
    assert ash.listed_on == "2002-03-04"
    assert ash.addresses[1] == ParsedAddress(
        "605 TRAIL LAKE DRIVE, RICHARDSON TX 75081, US", city="RICHARDSON", country="US"
    )
    assert ash.data["orders"][0]["FR_Citation"].startswith("68 F.R. 38290")


def test_dod_1260h_current_listings() -> None:
    parsed = US_CSV.parse(SHARED_DATA / "us-dod-1260h")
    assert parsed.source_name == "US-DOD-1260H"
    rows = list(
        csv.DictReader((SHARED_DATA / "us-dod-1260h" / "sanctions.csv").open(encoding="utf-8"))
    )
    assert len(rows) == 397
    assert sum(len(e.data["listing_periods"]) for e in parsed.entries) == 397 - sum(
        1 for r in rows if r["Clean Name"] not in {e.entry_key for e in parsed.entries}
    )
    assert len(parsed.entries) == 216  # distinct Clean Names among the 376 open rows
    hi_tech = next(
        e for e in parsed.entries if e.entry_key == "AVIC Aviation High-Technology Company Limited"
    )
    assert hi_tech.names == [
        ParsedName("AVIC Aviation High-Technology Company Limited", script="latin"),
        ParsedName("AVIC Aviation Hi-Tech", kind="aka", script="latin"),
    ]
    assert hi_tech.listed_on == "2021-06-03" and hi_tech.list_name == "DoD 1260H"
    parent = next(link for link in parsed.links if link.subject_key == hi_tech.entry_key)
    assert (parent.relation, parent.object_name) == (
        "subsidiary_of",
        "Aviation Industry Corporation of China Ltd.",
    )
    knownsec = [e for e in parsed.entries if any(n.name == "Beijing Kownsec" for n in e.names)]
    assert knownsec  # 'Knownsec,Beijing Kownsec': two aliases in one cell


def test_ndaa_and_mieu_lists() -> None:
    parsed = US_CSV.parse(SHARED_DATA / "us-other-restricted-lists-opensanctions")
    assert parsed.source_name == "US-OTHER-RESTRICTED"
    by_list = Counter(e.list_name for e in parsed.entries)
    assert by_list == {
        "NDAA §154": 6,
        "NDAA §889": 5,
        "NDAA §5949": 3,
        "NDAA §1286": 194,
        "BIS MIEU": 13,
    }
    reports = sum(
        len(e.data["report_dates"]) for e in parsed.entries if e.list_name == "NDAA §1286"
    )
    assert reports <= 443
    catl = next(e for e in parsed.entries if e.primary_name.startswith("Contemporary Amperex"))
    assert [n.name for n in catl.names] == [
        "Contemporary Amperex Technology Company, Limited",
        "CATL",
    ]
    assert catl.listed_on == "2023-12-22" and catl.data["start-date"] == "October 1, 2027"
    single = US_CSV.parse(
        SHARED_DATA / "us-other-restricted-lists-opensanctions" / "ndaa_section_154.csv"
    )
    assert single.source_name == "US-NDAA-154" and len(single.entries) == 6


def test_entries_whose_publisher_gives_no_type_have_none() -> None:
    """The CSL types only the Treasury's rows and the DPL types none: a guess kept a person's
    query from the debarred person and a company's from MAHAN AIRWAYS (typed a person)."""
    csl = CSL.parse(SHARED_DATA / "us-trade-csl" / "consolidated.csv")
    types = Counter((e.list_name, e.entity_type) for e in csl.entries)
    bis_and_state = ("Entity List", "ITAR Debarred (DTC)", "DPL", "MEU", "Unverified List (UVL)")
    for untyped in (*bis_and_state, "Nonproliferation Sanctions (ISN)"):
        assert {t for (name, t) in types if name == untyped} == {TYPE_NOT_STATED}, untyped
    assert types[("SDN", "person")] == 5206 and types[("SDN", "organization")] == 4104
    assert sum(n for (_, t), n in types.items() if t == TYPE_NOT_STATED) == 3625
    dpl = DPL.parse(SHARED_DATA / "us-bis-denied-persons" / "dpl.txt")
    assert {e.entity_type for e in dpl.entries} == {TYPE_NOT_STATED}
    assert {"MAHAN AIRWAYS", "ABDUL MAJID SAIDI"} <= {e.entry_key for e in dpl.entries}
