"""The dated reference lists: counts as published and dates that change answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.paths import rules_dir
from screener.reference import ReferenceError, load_reference

REF = load_reference()


def test_mineral_lists_have_their_published_sizes() -> None:
    assert len(REF.usgs_2025) == 60
    assert len(REF.doe_2023) == 18
    # 32 single minerals plus "rare earths" and "platinum group metals", each counted once
    jp = (rules_dir() / "reference/critical-minerals/jp-fefta-core-minerals.yaml").read_text()
    assert "count_as_published: 34" in jp
    assert {"copper", "silver", "uranium", "metallurgical coal"} <= REF.usgs_2025
    assert {"electrical steel", "silicon carbide", "natural graphite"} <= REF.doe_2023
    assert {"dysprosium", "platinum", "tungsten", "lithium"} <= REF.jp_core_minerals


def test_adversaries_follow_their_effective_dates() -> None:
    assert "MO" not in REF.adversary_codes(date(2024, 12, 5))
    assert "MO" in REF.adversary_codes(date(2024, 12, 6))  # before 2025 (issue 13), unverified
    assert "MO" in REF.adversary_codes(date(2025, 6, 1))
    assert set(REF.adversary_codes(date(2025, 6, 1))) == {
        "CN",
        "HK",
        "MO",
        "CU",
        "IR",
        "KP",
        "RU",
        "VE",
    }
    assert REF.adversary_codes(date(2020, 1, 1)) == ()


def test_excepted_states() -> None:
    assert REF.excepted_state_codes(date(2026, 1, 1)) == ("AU", "CA", "GB", "NZ")
    assert "JP" not in REF.excepted_state_codes(date(2026, 1, 1))


@pytest.mark.parametrize(("day", "in_force"), [
    (date(2025, 9, 28), False), (date(2025, 9, 29), True), (date(2025, 11, 9), True),
    (date(2025, 11, 10), False), (date(2026, 11, 9), False), (date(2026, 11, 10), True),
])  # fmt: skip
def test_affiliates_rule_window_is_data(day: date, in_force: bool) -> None:
    assert REF.affiliates_rule_in_force(day) is in_force


def test_china_controls_by_date() -> None:
    assert "dysprosium" not in REF.china_controlled(date(2025, 1, 1))
    assert {"gallium", "germanium", "graphite", "antimony"} <= REF.china_controlled(
        date(2025, 1, 1)
    )
    assert "dysprosium" in REF.china_controlled(date(2025, 4, 4))


@pytest.mark.parametrize(("raw", "name"), [
    ("Dy", "dysprosium"), ("Dysprosium oxide", "dysprosium"), (" Nd ", "neodymium"),
    ("Aluminium", "aluminum"), ("fluorite", "fluorspar"), ("C", "graphite"),
])  # fmt: skip
def test_material_names_are_normalised(raw: str, name: str) -> None:
    assert REF.material_name(raw) == name


@pytest.mark.parametrize(("source", "list_name", "category"), [
    ("OFAC SDN", "", "sdn"),
    ("ofac-sdn-csv", "SDN", "sdn"),
    ("ofac-sdn-and-consolidated", "SSI", "ofac_non_sdn"),
    ("us-csl", "NS-CMIC", "ns_cmic"),
    ("us-csl", "MEU", "meu"),
    ("us-csl", "DoD 1260H", "dod_1260h"),
    ("us-csl", "NDAA §154", "other"),
    ("US-CSL", "DPL", "dpl"),
    ("US-BIS-DPL", "DPL", "dpl"),
    ("US-CSL", "ITAR Debarred (DTC)", "itar_debarred"),
    ("CSL", "Denied Persons List (DPL) - Bureau of Industry and Security", "dpl"),
    ("ofac-advanced", "Russia-related Designations", "other"),
    ("un-consolidated", "Al-Qaida", "un"),
    ("eu-oj-annexes", "32014R0269 Annex I", "eu"),
    ("EU-OJ-32014R0833", "32014R0833 Annex IV", "eu_sectoral"),  # not an asset freeze
    ("EU-OJ-32014R0269", "32014R0269 Annex I", "eu"),
    ("ofac-consolidated", "Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)", "ns_cmic"),
    ("CSL", "Entity List (EL) - Bureau of Industry and Security", "entity_list"),
    ("CSL", "Military End User (MEU) List - Bureau of Industry and Security", "meu"),
    ("DoD 1260H", "", "dod_1260h"),
    ("UK OFSI consolidated", "", "uk"),
    ("UN consolidated", "", "un"),
    ("Something else", "", "other"),
])  # fmt: skip
def test_list_categories(source: str, list_name: str, category: str) -> None:
    assert REF.list_category(source, list_name) == category


@pytest.mark.parametrize(("list_name", "official_lists", "categories"), [
    ("sanctioned", ["us_ofac_sdn", "ext_ru_egrul", "eu_fsf", "gb_fcdo_sanctions"], {"sdn", "eu", "uk"}),
    ("sanctioned", ["us_trade_csl", "US-BIS-EL", "US-RUSHAR"], {"entity_list"}),
    ("sanctioned", ["un_sc_sanctions", "jp_meti_eul"], {"un", "meti_end_user"}),
    ("sanctioned", ["eu_travel_bans", "us_sam_exclusions", "jp_mof_sanctions"], {"other"}),
    ("related (not listed)", [], {"other"}),  # ListEntry.official_lists: none unless listed
])  # fmt: skip
def test_a_consolidated_entry_counts_on_every_official_list_it_names(
    list_name: str, official_lists: list[str], categories: set[str]
) -> None:
    assert REF.match_categories("OpenSanctions-FtM", list_name, official_lists) == categories


@pytest.mark.parametrize(("list_name", "categories"), [
    ("NS-PLC; SDN", {"ofac_non_sdn", "sdn"}),  # on the SDN list too: an SDN gate
    ("SDN; NS-PLC", {"ofac_non_sdn", "sdn"}),
    ("SSI; NS-MBS", {"ofac_non_sdn"}),
    ("SDN", {"sdn"}),
])  # fmt: skip
def test_an_entry_on_several_sub_lists_counts_on_each(list_name: str, categories: set[str]) -> None:
    assert REF.match_categories("OFAC-CONSOLIDATED", list_name) == categories


def test_a_publishers_own_entry_keeps_its_sub_lists_category_beside_any_named() -> None:
    assert REF.match_categories("us-csl", "MEU") == {"meu"}
    assert REF.match_categories("OFAC SDN", "", ["eu_fsf"]) == {"sdn", "eu"}


def _copy_reference_files(folder: Path) -> None:
    """The shipped reference files, to break one of them in `folder`."""
    source = rules_dir() / "reference"
    for path in source.rglob("*.yaml"):
        target = folder / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")


def test_an_official_list_mapped_to_no_category_names_file_and_line(tmp_path: Path) -> None:
    _copy_reference_files(tmp_path)
    categories = tmp_path / "list-categories.yaml"
    text = categories.read_text(encoding="utf-8")
    categories.write_text(text.replace("  eu_fsf: eu\n", "  eu_fsf: eu_asset_freeze\n"))
    line = text[: text.index("  eu_fsf: eu\n")].count("\n") + 1
    with pytest.raises(
        ReferenceError,
        match=rf"list-categories.yaml:{line}: official_lists: 'eu_fsf' maps to 'eu_asset_freeze'",
    ):
        load_reference(tmp_path)


def test_every_reference_file_is_recorded_with_version_and_hash() -> None:
    ids = {f.id for f in REF.files}
    assert {
        "foreign-adversaries",
        "usgs-2025",
        "doe-2023",
        "jp-fefta-core-minerals",
        "bis-affiliates-rule",
    } <= ids
    assert all(len(f.sha256) == 64 and f.version for f in REF.files)


def test_a_broken_reference_file_names_file_and_line(tmp_path: Path) -> None:
    _copy_reference_files(tmp_path)
    broken = tmp_path / "foreign-adversaries.yaml"
    broken.write_text(
        broken.read_text().replace("effective_from: 2021-03-22", "effective_from: soon", 1)
    )
    with pytest.raises(
        ReferenceError, match=r"foreign-adversaries.yaml:\d+: field 'effective_from'"
    ):
        load_reference(tmp_path)


@pytest.mark.parametrize(("material", "doe", "usgs", "china"), [
    ("natural graphite", True, True, True),
    ("flake graphite", True, True, True),
    ("synthetic graphite", False, False, True),   # DOE 2023 lists natural graphite only
    ("graphite", False, True, True),              # form not recorded: not on the DOE list
])  # fmt: skip
def test_doe_2023_lists_natural_graphite_not_synthetic(
    material: str, doe: bool, usgs: bool, china: bool
) -> None:
    assert REF.on_list(material, REF.doe_2023) is doe
    assert REF.on_list(material, REF.usgs_2025) is usgs
    assert REF.on_list(material, REF.china_controlled(date(2024, 1, 1))) is china


def test_foreign_adversaries_source_says_first_published_at_7_4() -> None:
    text = (rules_dir() / "reference/foreign-adversaries.yaml").read_text()
    assert "15 CFR 7.4" in text and "86 FR 4909" in text


DATED_KEYS = ("effective_from", "in_force_from", "from")
CITATION_KEYS = ("citation", "in_force_citation", "source")


def _dated_items(node: object, where: str) -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        if any(key in node for key in DATED_KEYS):
            found.append((where, node))
        for key, value in node.items():
            found.extend(_dated_items(value, f"{where}.{key}"))
    elif isinstance(node, list):
        for number, value in enumerate(node):
            found.extend(_dated_items(value, f"{where}[{number}]"))
    return found


def test_every_dated_reference_item_cites_its_source_and_says_if_verified() -> None:
    """Each date that changes an answer names its Federal Register or official page, and
    says whether it was checked; an unchecked one says why (issue 13, item 6)."""
    import yaml

    problems = []
    for path in sorted((rules_dir() / "reference").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, item in _dated_items(data, path.name):
            if not any(str(item.get(key) or "").strip() for key in CITATION_KEYS):
                problems.append(f"{where}: no citation")
            if not isinstance(item.get("verified"), bool):
                problems.append(f"{where}: no verified: true/false")
            elif not item["verified"] and not str(item.get("unverified_reason") or "").strip():
                problems.append(f"{where}: unverified without a reason")
    assert problems == []
