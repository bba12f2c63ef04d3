"""Every field of a deal file, declared once.

The JSON Schema, the XLSX template, the CSV headers and the validator are all derived from
these declarations, so the documented format and what the importer accepts cannot drift
apart. Each field names the model attribute it fills.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSION = 1  # of the JSON form; bumped only with an incompatible change

# Kinds of value a field holds; the validator has one coercion per kind.
TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
PERCENT = "percent"
BOOLEAN = "boolean"
DATE = "date"
COUNTRY = "country"
COUNTRIES = "countries"
CURRENCY = "currency"
TEXT_LIST = "text_list"
CHOICE = "choice"
CHOICES = "choices"
IDENTIFIERS = "identifiers"

LIST_KINDS = (COUNTRIES, TEXT_LIST, CHOICES)


@dataclass(frozen=True)
class Field:
    """One column of a sheet (or one property of a JSON object)."""

    name: str
    kind: str
    description: str
    attribute: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    example: str = ""

    @property
    def target(self) -> str:
        """The model attribute this field fills (the field name unless it differs)."""
        return self.attribute or self.name


ASSET_TYPES = (
    "mine",
    "separation_plant",
    "refinery",
    "metal_alloy_plant",
    "magnet_plant",
    "recycler",
    "equity_stake",
)
PROCESSING_STAGES = (
    "mining",
    "beneficiation",
    "separation",
    "refining",
    "metal_alloy",
    "magnet",
    "recycling",
)
STRUCTURES = (
    "share_purchase",
    "asset_purchase",
    "merger",
    "joint_venture",
    "convertible",
    "secured_loan",
)
PARTY_TYPES = ("company", "person", "government", "fund", "trust", "dispersed", "other")
PARTY_ROLES = ("target", "acquirer", "seller", "owner", "lender", "other")
STATE_LEVELS = ("national", "subnational", "state_enterprise")
CONTROL_TYPES = (
    "none",
    "board_majority",
    "sole_voting_control",
    "board_appointment",
    "dominant_influence",
    "contractual",
)
CONFIDENCES = ("verified", "reported", "estimated", "list")
MOF_CLASSES = ("non_designated", "designated", "core")

CASE_FIELDS: tuple[Field, ...] = (
    Field(
        "case_id",
        TEXT,
        "Your reference for the case; importing it again updates it.",
        "id",
        required=True,
        example="CFIUS-2026-0142",
    ),
    Field(
        "title",
        TEXT,
        "A short title for the case list.",
        required=True,
        example="Acquisition of Ridgeback Rare Earths",
    ),
    Field(
        "jurisdictions",
        COUNTRIES,
        "Countries whose review applies (ISO 3166 alpha-2).",
        example="US; JP",
    ),
    Field("handling_marking", TEXT, "Banner marking for the memo (default CUI).", example="CUI"),
    Field("assignee", TEXT, "Analyst responsible.", example="j.doe"),
    Field("received_date", DATE, "Date the notice or file was received.", example="2026-10-02"),
    Field("filing_date", DATE, "Date of the filing, if any.", example="2026-10-15"),
    Field("filing_deadline", DATE, "Statutory deadline.", example="2026-11-14"),
    Field("summary", TEXT, "One-paragraph description of the transaction."),
)

DEAL_FIELDS: tuple[Field, ...] = (
    Field(
        "deal_reference",
        TEXT,
        "The parties' or the agency's reference for the deal.",
        "external_id",
    ),
    Field(
        "structure", CHOICE, "How the deal is made.", choices=STRUCTURES, example="share_purchase"
    ),
    Field(
        "acquirer",
        TEXT,
        "Key of the acquiring party (in the parties sheet).",
        "acquirer_key",
        required=True,
        example="ACQ",
    ),
    Field("seller", TEXT, "Key of the selling party.", "seller_key", example="SELLER"),
    Field(
        "target_entity",
        TEXT,
        "Key of the legal entity being acquired.",
        "target_key",
        required=True,
        example="TARGET",
    ),
    Field("stake_before_pct", PERCENT, "Acquirer's economic stake before, %."),
    Field("stake_after_pct", PERCENT, "Acquirer's economic stake after, %.", example="60"),
    Field("voting_before_pct", PERCENT, "Acquirer's voting share before, %."),
    Field("voting_after_pct", PERCENT, "Acquirer's voting share after, %.", example="60"),
    Field("board_seats", INTEGER, "Board seats the acquirer gets.", minimum=0, example="3"),
    Field("board_size", INTEGER, "Size of the board after closing.", minimum=0, example="5"),
    Field("observer_seats", INTEGER, "Board observer seats the acquirer gets.", minimum=0),
    Field(
        "vetoes",
        TEXT_LIST,
        "Matters the acquirer can veto.",
        example="offtake; sale of assets; relocation",
    ),
    Field("information_rights", BOOLEAN, "Access to material non-public information."),
    Field("technology_access", BOOLEAN, "Access to process technology."),
    Field("offtake_rights", BOOLEAN, "Rights over offtake or product allocation."),
    Field("relocation_rights", BOOLEAN, "Rights to move production or exports."),
    Field("closure_rights", BOOLEAN, "Rights to close or idle capacity."),
    Field("gains_control", BOOLEAN, "The acquirer gains control (blank: not assessed)."),
    Field("offshore_parent_transfer", BOOLEAN, "A parent changes hands abroad."),
    Field("filing_in_asset_country", BOOLEAN, "A filing is made in the asset's country."),
    Field("fefta_exemption_claimed", BOOLEAN, "A FEFTA prior-notification exemption is claimed."),
    Field("value", NUMBER, "Deal value.", minimum=0, example="412000000"),
    Field("currency", CURRENCY, "ISO 4217 currency of the value.", example="USD"),
    Field("financing", TEXT, "How the deal is financed."),
    Field("lender_country", COUNTRY, "Country of the main lender."),
    Field("signing_date", DATE, "Date the agreement was signed."),
    Field("expected_completion", DATE, "Expected closing date."),
    Field(
        "adversary_ties",
        TEXT_LIST,
        "Offtake, financing or licensing ties to adversary-linked parties.",
    ),
    Field("past_violations", TEXT_LIST, "Past CFIUS, FEFTA, sanctions or export violations."),
    Field("description", TEXT, "Free-text description of the deal terms."),
)

ASSET_FIELDS: tuple[Field, ...] = (
    Field("name", TEXT, "Name of the mine, plant or stake.", required=True),
    Field(
        "asset_type",
        CHOICE,
        "Kind of asset.",
        required=True,
        choices=ASSET_TYPES,
        example="separation_plant",
    ),
    Field(
        "legal_entity",
        TEXT,
        "Key of the party that owns or operates the asset.",
        "legal_entity_key",
    ),
    Field("country", COUNTRY, "Country where the asset is.", required=True, example="US"),
    Field("region", TEXT, "State, prefecture or region."),
    Field("latitude", NUMBER, "Latitude, decimal degrees.", minimum=-90, maximum=90),
    Field("longitude", NUMBER, "Longitude, decimal degrees.", minimum=-180, maximum=180),
    Field("nearest_installation", TEXT, "Nearest listed military installation."),
    Field("installation_distance_miles", NUMBER, "Distance to it, miles.", minimum=0),
    Field(
        "minerals",
        TEXT_LIST,
        "Minerals (e.g. rare earths, gallium).",
        example="rare earth elements",
    ),
    Field("elements", TEXT_LIST, "Element symbols.", example="Nd; Pr; Dy; Tb"),
    Field("product_forms", TEXT_LIST, "Products (oxide, metal, magnet, concentrate)."),
    Field(
        "processing_stages",
        CHOICES,
        "Stages carried out on site.",
        choices=PROCESSING_STAGES,
        example="separation; refining",
    ),
    Field("capacity", NUMBER, "Nameplate capacity.", minimum=0, example="5000"),
    Field("capacity_unit", TEXT, "Unit of the capacity.", example="t/yr REO"),
    Field("share_global_pct", PERCENT, "Share of global capacity at its stage, %."),
    Field("share_ex_china_pct", PERCENT, "Share of ex-China capacity at its stage, %."),
    Field("sole_domestic_producer", BOOLEAN, "The only domestic producer at its stage."),
    Field("defence_customers", BOOLEAN, "Supplies defence primes."),
    Field("dfars_covered", BOOLEAN, "DFARS-covered magnets or tungsten."),
    Field("dpa_title_iii", BOOLEAN, "Defense Production Act Title III funding."),
    Field("public_funding", TEXT_LIST, "Public finance held (DOE, DoD, JOGMEC ...)."),
    Field("framework_project", BOOLEAN, "A US-Japan Critical Minerals Framework project."),
    Field("us_tid_business", BOOLEAN, "A US TID business (31 CFR 800.248)."),
    Field("critical_technology", BOOLEAN, "Produces or develops critical technology."),
    Field("export_licence_required", BOOLEAN, "A US export licence would be required."),
    Field("export_classification", TEXT, "ECCN or equivalent classification."),
    Field(
        "proprietary_process_technology", BOOLEAN, "Proprietary or controlled process technology."
    ),
    Field("jp_listed", BOOLEAN, "Japan: the target is a listed company."),
    Field("jp_mof_class", CHOICE, "Japan: MOF class of the issuer.", choices=MOF_CLASSES),
    Field(
        "group_assets_same_stage",
        INTEGER,
        "Assets the acquirer's group already holds at the same stage.",
        minimum=0,
    ),
)

PARTY_FIELDS: tuple[Field, ...] = (
    Field(
        "key",
        TEXT,
        "Identifier of the party inside this case; edges refer to it.",
        required=True,
        example="ACQ",
    ),
    Field(
        "name",
        TEXT,
        "Name as used in the case (romanised if the original is not Latin).",
        required=True,
    ),
    Field("name_original", TEXT, "Name in the original script."),
    Field("name_romanised", TEXT, "Romanised form of the original-script name."),
    Field("aliases", TEXT_LIST, "Other names."),
    Field(
        "party_type",
        CHOICE,
        "Kind of party; 'dispersed' is a widely held public float.",
        choices=PARTY_TYPES,
        example="company",
    ),
    Field("role", CHOICE, "Role in the transaction.", choices=PARTY_ROLES, example="owner"),
    Field("country_incorporation", COUNTRY, "Country of incorporation (ISO alpha-2)."),
    Field("country_headoffice", COUNTRY, "Country of the head office."),
    Field("nationality", COUNTRY, "Nationality of a person."),
    Field("birth_date", TEXT, "Birth date of a person (YYYY, YYYY-MM or YYYY-MM-DD)."),
    Field(
        "identifiers",
        IDENTIFIERS,
        "Identifiers as type=value pairs (lei, company_number, jp_corporate_number, list ids).",
        example="lei=5493001KJTIIGC8Y1R12",
    ),
    Field("is_state_owned", BOOLEAN, "Owned or controlled by a state."),
    Field("state_level", CHOICE, "Level of the state owner.", choices=STATE_LEVELS),
    Field("state_country", COUNTRY, "Country of the state owner."),
    Field("is_government", BOOLEAN, "The party is a government or government body."),
    Field(
        "excepted_investor",
        BOOLEAN,
        "CFIUS excepted investor as determined under 31 CFR 800.219 (blank: not determined).",
    ),
    Field(
        "directors_nonresident_majority",
        BOOLEAN,
        "Most directors are non-residents of Japan (FEFTA art. 26(1)(iv); blank: not known).",
    ),
    Field("type_a_investor", BOOLEAN, "FEFTA 'Type-A' investor."),
    Field("listed_company", BOOLEAN, "Shares are publicly listed."),
    Field("notes", TEXT, "Free-text notes."),
)

OWNERSHIP_FIELDS: tuple[Field, ...] = (
    Field("holder", TEXT, "Key of the party that holds the stake.", "holder_key", required=True),
    Field("held", TEXT, "Key of the party whose shares are held.", "held_key", required=True),
    Field("equity_pct", PERCENT, "Equity (economic) stake, %.", example="51"),
    Field("voting_pct", PERCENT, "Voting share, % (blank: same as equity)."),
    Field("control_type", CHOICE, "Control without (or beyond) ownership.", choices=CONTROL_TYPES),
    Field(
        "joint_arrangement",
        BOOLEAN,
        "The holder acts jointly with other holders of the same entity (UK aggregation).",
    ),
    Field("as_of", DATE, "Date the stake is known at."),
    Field("source", TEXT, "Where the stake is documented.", example="SPA schedule 4"),
    Field("confidence", CHOICE, "How sure the stake is.", choices=CONFIDENCES),
)

# The tabular layout: sheet name -> columns. The transaction sheet carries case, deal and
# asset fields (asset ones prefixed), the others repeat case_id to say which case a row is in.
ASSET_PREFIX = "asset_"
CASE_ID = CASE_FIELDS[0]
SHEET_TRANSACTION = "transaction"
SHEET_PARTIES = "parties"
SHEET_OWNERSHIP = "ownership"
SHEETS = (SHEET_TRANSACTION, SHEET_PARTIES, SHEET_OWNERSHIP)


def transaction_columns() -> list[tuple[str, Field]]:
    """(column header, field) for the transaction sheet."""
    columns = [(f.name, f) for f in CASE_FIELDS + DEAL_FIELDS]
    columns += [(ASSET_PREFIX + f.name, f) for f in ASSET_FIELDS]
    return columns


def sheet_columns(sheet: str) -> list[tuple[str, Field]]:
    """(column header, field) for any sheet, case_id first."""
    if sheet == SHEET_TRANSACTION:
        return transaction_columns()
    fields = PARTY_FIELDS if sheet == SHEET_PARTIES else OWNERSHIP_FIELDS
    return [(CASE_ID.name, CASE_ID)] + [(f.name, f) for f in fields]
