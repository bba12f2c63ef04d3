"""OFAC's sub-list names, shortened to the abbreviations reviewers and rule packs use.

The XML editions spell lists out ('Sectoral Sanctions Identifications List'); the CSL adds a
department ('... (SSI) - Treasury Department'). Rules ask "is this on the SSI list?", so every
OFAC importer stores the same short name in `list_name`.
"""

from __future__ import annotations

SHORT_NAMES: tuple[tuple[str, str], ...] = (
    ("non-sdn chinese military", "NS-CMIC"),
    ("non-sdn cmic", "NS-CMIC"),
    ("cmic", "NS-CMIC"),
    ("palestinian legislative council", "NS-PLC"),
    ("menu-based", "NS-MBS"),
    ("sectoral sanctions", "SSI"),
    ("foreign sanctions evaders", "FSE"),
    ("fse", "FSE"),
    ("capta", "CAPTA"),
    ("sdn", "SDN"),
)


def short_list_name(published: str) -> str:
    """'Sectoral Sanctions Identifications List' -> 'SSI'; unknown names unchanged."""
    lowered = published.lower()
    for needle, short in SHORT_NAMES:
        if needle in lowered:
            return short
    return published.strip()


def list_names(published: list[str]) -> str:
    """The specific lists an entry is on, without the umbrella 'Consolidated List'."""
    specific = [short_list_name(p) for p in published if "consolidated" not in p.lower()]
    return "; ".join(dict.fromkeys(specific)) or "Consolidated (non-SDN)"
