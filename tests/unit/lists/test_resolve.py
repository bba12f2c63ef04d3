"""The linker joins entries only on evidence that says they are one designation."""

from __future__ import annotations

from screener.lists.resolve import (
    EntryFacts,
    IdentifierFact,
    find_links,
    group_entities,
)

_ids = iter(range(1, 10_000))


def fact(source: str, key: str, *names: str, **fields: object) -> EntryFacts:
    return EntryFacts(
        entry_id=next(_ids),
        source=source,
        entry_key=key,
        entity_type=str(fields.pop("entity_type", "person")),
        names=list(names),
        **fields,  # type: ignore[arg-type]
    )


def kinds(entries: list[EntryFacts]) -> list[tuple[str, str, str]]:
    by_id = {e.entry_id: e for e in entries}
    return [
        (by_id[link.a].entry_key, by_id[link.b].entry_key, link.kind)
        for link in find_links(entries)
    ]


def test_a_csl_sdn_row_links_to_the_sdn_entry_of_its_id_and_no_other() -> None:
    sdn = fact("OFAC-SDN", "6384", "AL-TAI, Sultan Hashim Ahmad")
    other = fact("OFAC-SDN", "6385", "AL-TAI, Sultan Hashim Ahmad")
    csl = fact("US-CSL", "SDN:6384", "AL-TAI, Sultan Hashim Ahmad")
    entity_list = fact("US-CSL", "Entity List:6384", "AL-TAI, Sultan Hashim Ahmad")
    assert kinds([sdn, other, csl, entity_list]) == [("6384", "SDN:6384", "source_id")]


def test_a_csl_ssi_row_links_to_the_ofac_consolidated_entry() -> None:
    cons = fact(
        "OFAC-CONSOLIDATED", "17260", "STATE CORPORATION ROSTEC", entity_type="organization"
    )
    csl = fact("US-CSL", "SSI:17260", "ROSTEC", entity_type="organization")
    assert kinds([cons, csl]) == [("17260", "SSI:17260", "source_id")]


def test_a_uk_entry_giving_a_un_reference_links_to_that_un_entry_only() -> None:
    un = fact("UN-SC", "CFi.010", "ALI KONY")
    father = fact("UN-SC", "CFi.009", "JOSEPH KONY")
    uk = fact(
        "UK-OFSI",
        "13000",
        "ALI KONY",
        identifiers=[IdentifierFact("un_reference", "CFi.010")],
        remarks="the son of LRA leader Joseph Kony (CFi.009), a designated individual",
    )
    assert kinds([un, father, uk]) == [("13000", "CFi.010", "un_reference")]


def test_ofac_remarks_and_eu_fields_giving_a_un_reference_link() -> None:
    un = fact("UN-SC", "QDi.123", "ABU MOHAMMED")
    ofac = fact("OFAC-SDN", "9", "ABU MOHAMMED", remarks="DOB 1970; UN Ref QDi.123.")
    eu = fact("EU-FSF", "EU.1.2", "ABU MOHAMMED", un_reference="QDi.123")
    ofac_mention = fact("OFAC-SDN", "10", "SOMEONE ELSE", remarks="associate of QDi.123")
    found = kinds([un, ofac, eu, ofac_mention])
    assert ("EU.1.2", "QDi.123", "un_reference") in found
    assert ("9", "QDi.123", "un_reference") in found
    assert len(found) == 2


def test_a_un_reference_does_not_join_a_person_to_an_entity() -> None:
    un = fact("UN-SC", "QDe.001", "SOME GROUP", entity_type="organization")
    uk = fact("UK-OFSI", "1", "SOME GROUP", identifiers=[IdentifierFact("un_reference", "QDe.001")])
    assert kinds([un, uk]) == []


def test_the_same_passport_with_a_compatible_name_links() -> None:
    ofac = fact(
        "OFAC-SDN",
        "26179",
        "MININ, Alexey Valerevich",
        identifiers=[IdentifierFact("passport", "120017582", "Russia")],
    )
    uk = fact(
        "UK-OFSI",
        "13905",
        "Alexei Veleryevich MININ",
        "Alexey Valerevich MININ",
        identifiers=[IdentifierFact("passport", "120 017 582", "Russia")],
    )
    assert kinds([ofac, uk]) == [("26179", "13905", "identifier")]


def test_the_same_passport_with_another_name_or_country_or_type_does_not_link() -> None:
    passport = IdentifierFact("passport", "120017582", "Russia")
    ofac = fact("OFAC-SDN", "1", "MININ, Alexey Valerevich", identifiers=[passport])
    other_name = fact("UK-OFSI", "2", "Ivan PETROV", identifiers=[passport])
    other_country = fact(
        "EU-FSF",
        "3",
        "Alexey Valerevich MININ",
        identifiers=[IdentifierFact("passport", "120017582", "Ukraine")],
    )
    company = fact(
        "UN-SC",
        "4",
        "MININ ALEXEY VALEREVICH",
        entity_type="organization",
        identifiers=[IdentifierFact("passport", "120017582")],
    )
    assert kinds([ofac, other_name, other_country, company]) == []


def test_a_shared_registration_with_different_tax_ids_does_not_link() -> None:
    registration = IdentifierFact("registration", "1145259004296", None)
    plant = fact(
        "OFAC-SDN",
        "46783",
        "NIZHNY NOVGOROD PLANT OF THE 70TH ANNIVERSARY OF VICTORY",
        "NMZ",
        entity_type="organization",
        identifiers=[registration, IdentifierFact("tax_id", "5259113339")],
    )
    nmz = fact(
        "EU-OJ",
        "364",
        "JSC NMZ",
        entity_type="organization",
        identifiers=[registration, IdentifierFact("tax_id", "5259008768")],
    )
    same = fact(
        "UK-OFSI",
        "9",
        "JSC NIZHNY NOVGOROD PLANT OF THE 70TH ANNIVERSARY OF VICTORY",
        entity_type="organization",
        identifiers=[registration, IdentifierFact("tax_id", "5259113339")],
    )
    assert kinds([plant, nmz, same]) == [("46783", "9", "identifier")]


def test_weak_or_placeholder_identifiers_do_not_link() -> None:
    swift = IdentifierFact("swift", "BKCHCNBJ", None)
    short = IdentifierFact("registration", "123", None)
    a = fact(
        "OFAC-SDN", "1", "BANK OF CHINA", entity_type="organization", identifiers=[swift, short]
    )
    b = fact(
        "UK-OFSI", "2", "BANK OF CHINA", entity_type="organization", identifiers=[swift, short]
    )
    assert kinds([a, b]) == []


def test_an_ftm_referent_links_to_the_publisher_entry_it_names() -> None:
    ftm = fact(
        "OpenSanctions-FtM",
        "NK-1",
        "RAB Inter Tobacco",
        entity_type="organization",
        referents=["ofac-32733", "gb-hmt-15174", "ch-seco-54575"],
    )
    ofac = fact("OFAC-SDN", "32733", "INTER TOBACCO", entity_type="organization")
    uk = fact("UK-OFSI", "15174", "INTER TOBACCO", entity_type="organization")
    unrelated = fact("UK-OFSI", "54575", "INTER TOBACCO", entity_type="organization")
    assert sorted(kinds([ftm, ofac, uk, unrelated])) == [
        ("32733", "NK-1", "ftm_referent"),
        ("NK-1", "15174", "ftm_referent"),
    ]


def test_an_ftm_entity_naming_two_entries_of_one_publisher_links_to_neither() -> None:
    ftm = fact(
        "OpenSanctions-FtM",
        "NK-2",
        "LLC CST",
        entity_type="organization",
        referents=["ofac-45928", "ofac-45934", "gb-hmt-15734"],
    )
    cst = fact("OFAC-SDN", "45928", "A LEVEL AEROSYSTEMS CST LLC", entity_type="organization")
    zala = fact(
        "OFAC-SDN", "45934", "LIMITED LIABILITY COMPANY ZALA AERO", entity_type="organization"
    )
    uk = fact("UK-OFSI", "15734", "LLC CST", entity_type="organization")
    assert kinds([ftm, cst, zala, uk]) == [("NK-2", "15734", "ftm_referent")]
    # nor through the tax ids the merged record carries from both
    ftm.referents = []
    ftm.identifiers = [
        IdentifierFact("tax_id", "1841015504"),
        IdentifierFact("tax_id", "1841001815"),
    ]
    cst.identifiers = [IdentifierFact("tax_id", "1841015504")]
    zala.identifiers = [IdentifierFact("tax_id", "1841001815")]
    ftm.names.append("Zala Aero")
    cst.names.append("LLC CST")
    assert kinds([ftm, cst, zala, uk]) == []


def test_the_same_name_without_evidence_never_links() -> None:
    entries = [
        fact("OFAC-SDN", "1", "AL-TAI, Sultan Hashim Ahmad"),
        fact("UN-SC", "IQi.001", "SULTAN HASHIM AHMAD AL-TA'I"),
        fact("UK-OFSI", "7", "Sultan Hashim Ahmad AL-TA'I"),
        fact("US-CSL", "Entity List:9", "AL-TAI, Sultan Hashim Ahmad"),
    ]
    assert find_links(entries) == []


def test_links_group_into_one_entity_per_connected_set() -> None:
    assert group_entities([(1, 2), (3, 2), (5, 6)]) == [{1, 2, 3}, {5, 6}]


def test_a_csl_dpl_row_links_to_the_bis_dpl_entry_of_its_name() -> None:
    # the DPL gives no ids: its entries are keyed by the name, blanks and case evened out
    dpl = fact("US-BIS-DPL", "ABDUL MAJID SAIDI", "ABDUL MAJID SAIDI", entity_type="unknown")
    namesake = fact("US-BIS-DPL", "ABDUL MAJID", "ABDUL MAJID", entity_type="unknown")
    csl = fact("US-CSL", "DPL:0522", "Abdul  Majid Saidi", entity_type="unknown")
    itar = fact("US-CSL", "ITAR Debarred (DTC):6828", "Abdul Majid Saidi", entity_type="unknown")
    assert kinds([dpl, namesake, csl, itar]) == [("ABDUL MAJID SAIDI", "DPL:0522", "source_id")]


def test_an_entry_whose_publisher_gives_no_type_links_to_either_kind() -> None:
    # the CSL's Entity List leaves the type empty; the UK says the same holder is a person
    number = [IdentifierFact("passport", "120017582", "Russia")]
    csl = fact(
        "US-CSL", "Entity List:77", "IVANOV, Petr", entity_type="unknown", identifiers=number
    )
    uk = fact("UK-OFSI", "13905", "IVANOV, Petr", identifiers=number)
    firm = fact("EU-FSF", "EU.9", "IVANOV, Petr", entity_type="organization", identifiers=number)
    assert kinds([csl, uk]) == [("13905", "Entity List:77", "identifier")]
    assert kinds([uk, firm]) == []  # stated kinds that differ still keep apart


def test_two_lists_naming_a_person_born_the_same_day_are_one_listed_entity() -> None:
    # the EU, UK and OFAC list Arkady Rotenberg with a birth date and no number in common
    born = ["1951-12-15"]
    sdn = fact("OFAC-SDN", "16669", "ROTENBERG, Arkady Romanovich", birth_dates=born)
    uk = fact("UK-OFSI", "15498", "Arkady Romanovich ROTENBERG", birth_dates=born)
    eu = fact("EU-OJ", "I.PERSONS/92", "Arkady Romanovich Rotenberg", birth_dates=["1951", *born])
    brother = fact(
        "EU-OJ", "I.PERSONS/93", "Boris Romanovich ROTENBERG", birth_dates=["1957-01-03"]
    )
    namesake = fact("UN-SC", "RUi.001", "Arkady Romanovich ROTENBERG", birth_dates=["1952-12-15"])
    assert set(kinds([sdn, uk, eu, brother, namesake])) == {
        ("I.PERSONS/92", "16669", "name_and_birth"),
        ("I.PERSONS/92", "15498", "name_and_birth"),
        ("16669", "15498", "name_and_birth"),
    }
    (link, *_) = find_links([sdn, uk])
    assert link.evidence == "same name, born 1951-12-15"


def test_a_year_a_first_of_january_one_word_one_list_or_a_company_do_not_link_by_birth() -> None:
    def pair(name: str, date: str, *, other: str = "UK-OFSI", kind: str = "person") -> list:
        return [
            fact("OFAC-SDN", "1", name, birth_dates=[date], entity_type=kind),
            fact(other, "2", name, birth_dates=[date], entity_type=kind),
        ]

    assert kinds(pair("Bassam Ahmad AL-HASRI", "1969-01-01")) == []  # the year's placeholder
    assert kinds(pair("Bassam Ahmad AL-HASRI", "1969")) == []
    assert kinds(pair("Bassam Ahmad AL-HASRI", "1969-03")) == []
    assert kinds(pair("HASRI", "1969-03-02")) == []  # one word is no full name
    assert kinds(pair("Bassam Ahmad AL-HASRI", "1969-03-02", other="OFAC-SDN")) == []
    assert kinds(pair("Hasri Trading LLC", "1969-03-02", kind="organization")) == []
    assert kinds(pair("Bassam Ahmad AL-HASRI", "1969-03-02")) == [("1", "2", "name_and_birth")]
    crowd = [
        fact(f"LIST-{n}", str(n), "Ali Hassan", birth_dates=["1970-05-05"]) for n in range(7)
    ]
    assert kinds(crowd) == []  # more holders than one person has lists: a placeholder
