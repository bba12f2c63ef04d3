"""The words OFAC's three XML editions share for party types, alias kinds and features.

Classic sdnList, Advanced and Enhanced XML spell these alike (the case differs): one table,
looked up in lower case, so the editions cannot drift apart in how they read them.
"""

from __future__ import annotations

ENTITY_TYPES = {
    "individual": "person",
    "entity": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
ALIAS_KINDS = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
DATE_FEATURES = {"Birthdate": "birth", "Organization Established Date": "incorporation"}
COUNTRY_FEATURES = {"Citizenship Country", "Nationality Country", "Nationality of Registration"}
PERSONAL_FEATURES = {"Place of Birth": "places_of_birth", "Gender": "gender"}
ID_FEATURES = {"SWIFT/BIC": "swift", "Website": "website", "Email Address": "email", "ISIN": "isin"}


def entity_type(label: str | None) -> str | None:
    return ENTITY_TYPES.get((label or "").strip().lower())


def alias_kind(label: str | None) -> str:
    """An unlabelled or unknown alias is an a.k.a., the weakest claim OFAC makes."""
    return ALIAS_KINDS.get((label or "").strip().lower(), "aka")
