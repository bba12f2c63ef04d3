"""Deterministic synthetic lists for `benchmarks/scale.py`: an FtM file and a GLEIF RR file.

Names are built from syllables that have a fixed spelling in Latin, Cyrillic, Han and
Arabic script, so an entity's aliases in other scripts are transliterations of one name
(as in OpenSanctions, where one entity lists every script under `name`). Syllables are
drawn with Zipf-like weights, so a few name parts are common and most are rare, as in real
lists; the vocabulary grows with the list rather than repeating a fixed set of names.

The FtM file holds `entries` Person/Company/Vessel entities (55/38/7 %), a Sanction for
each target, Ownership statements (owner -> company, with a percentage) and a few
Directorships. The GLEIF RR file holds about `entries` relationships between LEIs arranged
in layered groups (child -> parent); a fifth of the synthetic companies carry one of those
LEIs, so the lists' ownership graph is one graph across both files.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any, TextIO

# latin, cyrillic, han, arabic
SYLLABLES = [
    ("ka", "ка", "卡", "كا"),
    ("ri", "ри", "里", "ري"),
    ("mo", "мо", "莫", "مو"),
    ("na", "на", "纳", "نا"),
    ("to", "то", "托", "تو"),
    ("shi", "ши", "石", "شي"),
    ("la", "ла", "拉", "لا"),
    ("vo", "во", "沃", "فو"),
    ("de", "де", "德", "دي"),
    ("mi", "ми", "米", "مي"),
    ("ro", "ро", "罗", "رو"),
    ("sa", "са", "萨", "سا"),
    ("ne", "не", "内", "ني"),
    ("ko", "ко", "科", "كو"),
    ("li", "ли", "利", "لي"),
    ("ta", "та", "塔", "تا"),
    ("ba", "ба", "巴", "با"),
    ("zu", "зу", "祖", "زو"),
    ("ga", "га", "加", "غا"),
    ("po", "по", "波", "بو"),
    ("ve", "ве", "韦", "في"),
    ("dan", "дан", "丹", "دان"),
    ("lin", "лин", "林", "لين"),
    ("sha", "ша", "沙", "شا"),
    ("ya", "я", "亚", "يا"),
    ("no", "но", "诺", "نو"),
    ("fa", "фа", "法", "فا"),
    ("hu", "ху", "胡", "هو"),
    ("ken", "кен", "肯", "كين"),
    ("ma", "ма", "马", "ما"),
    ("sen", "сен", "森", "سين"),
    ("tu", "ту", "图", "تو"),
    ("gor", "гор", "戈", "غور"),
    ("ev", "ев", "叶", "يف"),
    ("ov", "ов", "夫", "وف"),
    ("in", "ин", "因", "ين"),
    ("ar", "ар", "阿", "ار"),
    ("el", "эль", "埃", "ال"),
    ("ni", "ни", "尼", "ني"),
    ("ha", "ха", "哈", "ها"),
    ("bo", "бо", "博", "بو"),
    ("su", "су", "苏", "سو"),
    ("ze", "зе", "泽", "زي"),
    ("ru", "ру", "鲁", "رو"),
    ("ki", "ки", "基", "كي"),
    ("an", "ан", "安", "ان"),
    ("te", "те", "特", "تي"),
    ("vi", "ви", "维", "في"),
    ("pe", "пе", "佩", "بي"),
    ("dor", "дор", "多", "دور"),
    ("mar", "мар", "玛", "مار"),
    ("kov", "ков", "科夫", "كوف"),
    ("ter", "тер", "泰", "تير"),
    ("lan", "лан", "兰", "لان"),
    ("yu", "ю", "尤", "يو"),
    ("chen", "чен", "陈", "تشن"),
    ("wang", "ван", "王", "وانغ"),
    ("zha", "чжа", "扎", "تشا"),
    ("mu", "му", "穆", "مو"),
    ("ham", "хам", "哈姆", "حام"),
    ("med", "мед", "梅德", "مد"),
    ("ras", "рас", "拉斯", "راس"),
    ("hid", "хид", "希德", "هيد"),
    ("jan", "ян", "扬", "جان"),
    ("ole", "оле", "奥勒", "أولي"),
    ("gen", "ген", "根", "جين"),
    ("sky", "ский", "斯基", "سكي"),
    ("nik", "ник", "尼克", "نيك"),
    ("bar", "бар", "巴尔", "بار"),
    ("tin", "тин", "廷", "تين"),
    ("os", "ос", "奥斯", "أوس"),
    ("ul", "уль", "乌尔", "أول"),
    ("kir", "кир", "基尔", "كير"),
    ("val", "вал", "瓦尔", "فال"),
    ("ser", "сер", "谢尔", "سير"),
    ("fei", "фэй", "飞", "في"),
    ("hao", "хао", "浩", "هاو"),
    ("qin", "цинь", "秦", "تشين"),
    ("dai", "дай", "戴", "داي"),
    ("kim", "ким", "金", "كيم"),
]
SYLLABLE_WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(SYLLABLES))]
SECTORS = [
    ("Mining", "Горнодобывающая", "矿业", "للتعدين"),
    ("Metals", "Металлы", "金属", "للمعادن"),
    ("Rare Earth", "Редкоземельные", "稀土", "للأتربة النادرة"),
    ("Trading", "Торговая", "贸易", "للتجارة"),
    ("Holdings", "Холдинг", "控股", "القابضة"),
    ("Shipping", "Судоходная", "航运", "للشحن"),
    ("Logistics", "Логистика", "物流", "للخدمات اللوجستية"),
    ("Magnetics", "Магнитные", "磁材", "للمغناطيس"),
]
LEGAL_FORMS = [
    ("LLC", "ООО", "有限公司", "ذ.م.م"),
    ("JSC", "АО", "股份有限公司", "ش.م.ع"),
    ("Co., Ltd.", "Ко., Лтд.", "有限公司", "المحدودة"),
    ("Limited", "Лимитед", "有限公司", "المحدودة"),
]
COUNTRIES = ["ru", "cn", "hk", "ir", "kp", "by", "ae", "tr", "sg", "cy", "vg", "us", "gb", "jp"]
SCRIPT_BY_COUNTRY = {"ru": 1, "by": 1, "cn": 2, "hk": 2, "ir": 3, "ae": 3}
DATASETS = ["us_ofac_sdn", "eu_fsf", "gb_hmt_sanctions", "un_sc_sanctions"]
PROGRAMS = ["RUSSIA-EO14024", "UKRAINE-EO13662", "NPWMD", "IRAN", "DPRK3", "SDGT"]


class Names:
    """One name in every script, from the same syllables."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self, low: int = 2, high: int = 3) -> tuple[str, ...]:
        parts = self.rng.choices(SYLLABLES, SYLLABLE_WEIGHTS, k=self.rng.randint(low, high))
        latin = "".join(p[0] for p in parts).capitalize()
        return (latin, *("".join(p[i] for p in parts) for i in (1, 2, 3)))

    def person(self) -> tuple[str, ...]:
        given, family = self.word(2, 2), self.word(2, 4)
        return (
            f"{given[0]} {family[0]}",
            f"{given[1].capitalize()} {family[1].capitalize()}",
            f"{family[2]}{given[2]}",
            f"{given[3]} {family[3]}",
        )

    def company(self) -> tuple[str, ...]:
        stem, sector, form = self.word(2, 4), self.rng.choice(SECTORS), self.rng.choice(LEGAL_FORMS)
        return (
            f"{stem[0]} {sector[0]} {form[0]}",
            f"{form[1]} «{stem[1].capitalize()} {sector[1]}»",
            f"{stem[2]}{sector[2]}{form[2]}",
            f"شركة {stem[3]} {sector[3]} {form[3]}",
        )

    def vessel(self) -> tuple[str, ...]:
        stem = self.word(2, 3)
        return (stem[0].upper(), stem[1].upper(), stem[2], stem[3])


def _id(prefix: str, number: int) -> str:
    return f"{prefix}-{hashlib.sha1(f'{prefix}{number}'.encode()).hexdigest()[:16]}"


def _lei(number: int) -> str:
    return hashlib.sha1(f"lei{number}".encode()).hexdigest()[:18].upper() + f"{number % 97:02d}"


def _line(handle: TextIO, entity: dict[str, Any]) -> None:
    handle.write(json.dumps(entity, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_ftm(path: Path, entries: int, seed: int = 19) -> dict[str, int]:
    """Write the FtM JSON lines file; returns counts by schema."""
    rng = random.Random(seed)
    names = Names(rng)
    counts: dict[str, int] = {}
    owners: list[str] = []  # persons and companies seen so far, for ownership statements
    lei_pool = max(1, entries)  # LEIs the GLEIF file uses (see write_gleif_rr)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(entries):
            roll = rng.random()
            schema = "Person" if roll < 0.55 else "Company" if roll < 0.93 else "Vessel"
            country = rng.choice(COUNTRIES)
            forms = (
                names.person()
                if schema == "Person"
                else names.company()
                if schema == "Company"
                else names.vessel()
            )
            native = SCRIPT_BY_COUNTRY.get(country)
            aliases = [forms[native]] if native else []
            if rng.random() < 0.25:
                aliases.append(forms[rng.choice((1, 2, 3))])
            props: dict[str, list[str]] = {"name": list(dict.fromkeys([forms[0], *aliases]))}
            if rng.random() < 0.2:
                props["weakAlias"] = [names.word(2, 2)[0].upper()]
            if schema == "Person":
                props["birthDate"] = [f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-01"]
                props["nationality"] = [country]
                if rng.random() < 0.3:
                    props["passportNumber"] = [f"{rng.randint(10**8, 10**9 - 1)}"]
            elif schema == "Company":
                props["jurisdiction"] = [country]
                props["registrationNumber"] = [f"{rng.randint(10**9, 10**10 - 1)}"]
                props["address"] = [
                    f"{rng.randint(1, 200)} {names.word()[0]} Street, {country.upper()}"
                ]
                if rng.random() < 0.2:
                    props["leiCode"] = [_lei(rng.randrange(lei_pool))]
                if rng.random() < 0.1:
                    props["previousName"] = [names.company()[0]]
            else:
                props["flag"] = [country]
                props["imoNumber"] = [f"IMO{9000000 + number}"]
            entity_id = _id("syn", number)
            target = rng.random() < 0.6
            _line(
                handle,
                {
                    "id": entity_id,
                    "caption": forms[0],
                    "schema": schema,
                    "properties": props,
                    "datasets": [rng.choice(DATASETS)] if target else ["ext_registry"],
                    "referents": [],
                    "target": target,
                    "last_change": "2026-11-30T12:00:00",
                },
            )
            counts[schema] = counts.get(schema, 0) + 1
            if target:
                _line(
                    handle,
                    {
                        "id": _id("san", number),
                        "schema": "Sanction",
                        "properties": {
                            "entity": [entity_id],
                            "authority": ["Synthetic authority"],
                            "program": [rng.choice(PROGRAMS)],
                            "startDate": [f"{rng.randint(2014, 2026)}-03-01"],
                        },
                    },
                )
                counts["Sanction"] = counts.get("Sanction", 0) + 1
            if schema == "Company" and owners and rng.random() < 0.6:
                # owners drawn from everything before: chains as deep as a random recursive
                # tree (about e ln n), as shallow as real groups, not deeper as the list grows
                picks = {rng.randrange(len(owners)) for _ in range(rng.randint(1, 2))}
                for holder in (owners[i] for i in sorted(picks)):
                    ended = rng.random() < 0.1
                    _line(
                        handle,
                        {
                            "id": _id("own", counts.get("Ownership", 0)),
                            "schema": "Ownership",
                            "properties": {
                                "asset": [entity_id],
                                "owner": [holder],
                                "percentage": [f"{rng.choice((25, 33.3, 50, 51, 75, 100))}"],
                                **({"endDate": ["2022-01-01"]} if ended else {}),
                            },
                        },
                    )
                    counts["Ownership"] = counts.get("Ownership", 0) + 1
            if schema == "Company" and owners and rng.random() < 0.1:
                _line(
                    handle,
                    {
                        "id": _id("dir", number),
                        "schema": "Directorship",
                        "properties": {"organization": [entity_id], "director": [owners[-1]]},
                    },
                )
                counts["Directorship"] = counts.get("Directorship", 0) + 1
            if schema != "Vessel":
                owners.append(entity_id)
    return counts


RR_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">\n'
    "  <rr:Header><rr:ContentDate>2026-11-30T09:00:00Z</rr:ContentDate>"
    "<rr:FileContent>GLEIF_FULL_PUBLISHED</rr:FileContent>"
    "<rr:RecordCount>{count}</rr:RecordCount></rr:Header>\n"
    "  <rr:RelationshipRecords>\n"
)
RR_RECORD = """<rr:RelationshipRecord><rr:Relationship>
<rr:StartNode><rr:NodeID>{child}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:StartNode>
<rr:EndNode><rr:NodeID>{parent}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:EndNode>
<rr:RelationshipType>{kind}</rr:RelationshipType>
<rr:RelationshipPeriods><rr:RelationshipPeriod><rr:StartDate>{start}T00:00:00.000Z</rr:StartDate>{end}<rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType></rr:RelationshipPeriod></rr:RelationshipPeriods>
<rr:RelationshipStatus>{status}</rr:RelationshipStatus>{quantifier}
</rr:Relationship><rr:Registration><rr:LastUpdateDate>2026-10-01T10:00:00.000Z</rr:LastUpdateDate><rr:RegistrationStatus>PUBLISHED</rr:RegistrationStatus><rr:ManagingLOU>SYNTHETICLOU00000001</rr:ManagingLOU></rr:Registration></rr:RelationshipRecord>
"""
QUANTIFIER = (
    "<rr:RelationshipQuantifiers><rr:RelationshipQuantifier>"
    "<rr:MeasurementMethod>ACCOUNTING_CONSOLIDATION</rr:MeasurementMethod>"
    "<rr:QuantifierAmount>{pct}</rr:QuantifierAmount>"
    "<rr:QuantifierUnits>PERCENTAGE</rr:QuantifierUnits>"
    "</rr:RelationshipQuantifier></rr:RelationshipQuantifiers>"
)


GROUP = 32


def write_gleif_rr(path: Path, relationships: int, seed: int = 19) -> int:
    """Write a GLEIF RR-CDF file of `relationships` child -> parent records; returns the count.

    Groups are shallow, as consolidation groups are: LEIs come in groups of `GROUP`, each a
    4-ary tree under its first LEI (depth 3), so the direct edges form a forest whose depth
    does not grow with the file; 'ultimately consolidated by' points at the group's head,
    and funds are managed by one of a few thousand managers (the hubs of the real file).
    """
    rng = random.Random(seed + 1)
    pool = max(GROUP * 2, 2 * relationships)  # GLEIF has far more LEIs than relationships
    managers = max(1, pool // 500)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(RR_HEAD.format(count=relationships))
        seen: set[tuple[int, int, str]] = set()
        while written < relationships:
            child = rng.randrange(managers, pool)
            head, place = divmod(child, GROUP)
            if place == 0:
                continue  # a group's head has no parent in the file
            roll = rng.random()
            kind = (
                "IS_DIRECTLY_CONSOLIDATED_BY"
                if roll < 0.8
                else "IS_ULTIMATELY_CONSOLIDATED_BY"
                if roll < 0.9
                else "IS_FUND-MANAGED_BY"
            )
            parent = head * GROUP + (place - 1) // 4
            if kind == "IS_ULTIMATELY_CONSOLIDATED_BY":
                parent = head * GROUP
            elif kind == "IS_FUND-MANAGED_BY":
                parent = rng.randrange(managers)
            if (child, parent, kind) in seen:
                continue
            seen.add((child, parent, kind))
            inactive = rng.random() < 0.05
            handle.write(
                RR_RECORD.format(
                    child=_lei(child),
                    parent=_lei(parent),
                    kind=kind,
                    start=f"{rng.randint(2000, 2025)}-01-01",
                    end="<rr:EndDate>2024-12-31T00:00:00.000Z</rr:EndDate>" if inactive else "",
                    status="INACTIVE" if inactive else "ACTIVE",
                    quantifier=QUANTIFIER.format(pct=rng.choice((50.1, 60, 75, 100)))
                    if rng.random() < 0.5
                    else "",
                )
            )
            written += 1
        handle.write("  </rr:RelationshipRecords>\n</rr:RelationshipData>\n")
    return written


LEI_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<lei:LEIData xmlns:lei="http://www.gleif.org/data/schema/leidata/2016">\n'
    "  <lei:LEIHeader><lei:ContentDate>2026-11-30T08:00:00Z</lei:ContentDate>"
    "<lei:FileContent>GLEIF_FULL_PUBLISHED</lei:FileContent>"
    "<lei:RecordCount>{count}</lei:RecordCount></lei:LEIHeader>\n"
    "  <lei:LEIRecords>\n"
)
LEI_RECORD = """<lei:LEIRecord><lei:LEI>{lei}</lei:LEI><lei:Entity>
<lei:LegalName xml:lang="en">{name}</lei:LegalName>{other}
<lei:LegalAddress xml:lang="en"><lei:FirstAddressLine>{number} {street} Street</lei:FirstAddressLine><lei:City>{city}</lei:City><lei:Country>{country}</lei:Country><lei:PostalCode>{postcode}</lei:PostalCode></lei:LegalAddress>
<lei:HeadquartersAddress xml:lang="en"><lei:FirstAddressLine>{number} {street} Street</lei:FirstAddressLine><lei:City>{city}</lei:City><lei:Country>{country}</lei:Country><lei:PostalCode>{postcode}</lei:PostalCode></lei:HeadquartersAddress>
<lei:RegistrationAuthority><lei:RegistrationAuthorityID>RA000{ra}</lei:RegistrationAuthorityID><lei:RegistrationAuthorityEntityID>{registration}</lei:RegistrationAuthorityEntityID></lei:RegistrationAuthority>
<lei:LegalJurisdiction>{country}</lei:LegalJurisdiction><lei:EntityCategory>{category}</lei:EntityCategory>
<lei:LegalForm><lei:EntityLegalFormCode>{form}</lei:EntityLegalFormCode></lei:LegalForm>
<lei:EntityStatus>{status}</lei:EntityStatus><lei:EntityCreationDate>{created}T00:00:00.000Z</lei:EntityCreationDate>
</lei:Entity><lei:Registration><lei:InitialRegistrationDate>2014-01-01T00:00:00.000Z</lei:InitialRegistrationDate><lei:LastUpdateDate>2026-10-01T10:00:00.000Z</lei:LastUpdateDate><lei:RegistrationStatus>ISSUED</lei:RegistrationStatus><lei:ManagingLOU>SYNTHETICLOU00000001</lei:ManagingLOU></lei:Registration></lei:LEIRecord>
"""
LEI_COUNTRIES = ("US", "GB", "DE", "FR", "JP", "CN", "LU", "IE", "NL", "CA", "AU", "KY", "RU")


def write_gleif_lei(path: Path, entities: int, seed: int = 19) -> int:
    """Write a GLEIF LEI-CDF file of `entities` records; returns the count.

    LEIs are those of `write_gleif_rr` (numbers 0..entities-1), so the two files describe one
    set of legal entities; a quarter carry a previous legal name, as GLEIF's often do."""
    rng = random.Random(seed + 2)
    names = Names(rng)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(LEI_HEAD.format(count=entities))
        for number in range(entities):
            latin, previous = names.company()[0], names.company()[0]
            other = (
                '\n<lei:OtherEntityNames><lei:OtherEntityName xml:lang="en" '
                f'type="PREVIOUS_LEGAL_NAME">{previous}</lei:OtherEntityName>'
                "</lei:OtherEntityNames>"
                if rng.random() < 0.25
                else ""
            )
            handle.write(
                LEI_RECORD.format(
                    lei=_lei(number),
                    name=latin,
                    other=other,
                    number=rng.randint(1, 999),
                    street=names.word(2, 3)[0],
                    city=names.word(2, 3)[0],
                    country=rng.choice(LEI_COUNTRIES),
                    postcode=f"{rng.randint(1000, 99999)}",
                    ra=rng.randint(100, 999),
                    registration=f"R{rng.randrange(10**9):09d}",
                    category=rng.choice(("GENERAL", "GENERAL", "GENERAL", "FUND", "BRANCH")),
                    form=rng.choice(("8888", "XTIQ", "2HBR", "T0YJ")),
                    status="ACTIVE" if rng.random() < 0.9 else "INACTIVE",
                    created=f"{rng.randint(1950, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                )
            )
        handle.write("  </lei:LEIRecords>\n</lei:LEIData>\n")
    return entities
