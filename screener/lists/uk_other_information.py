"""The tagged sub-fields OFSI packs into its `Other Information` column.

`(UK Sanctions List Ref):GHR0086. (UK Statement of Reasons):... (Gender):Male` holds
identifiers (IMO number, business registration, UN reference) and ownership facts
(Parent company, Current owners) that screening needs as fields, not prose. Only known tag
names split the text: parentheses inside a statement of reasons such as `(2022):` stay part
of the value.
"""

from __future__ import annotations

import re

KNOWN_TAGS = (
    "UK Sanctions List Ref",
    "UK Statement of Reasons",
    "UN Ref",
    "Gender",
    "Phone number",
    "Email address",
    "Type of entity",
    "Website",
    "Parent company",
    "Business Reg No",
    "Subsidiaries",
    "IMO number",
    "Flag of ship",
    "Type of ship",
    "Tonnage of ship",
    "Length of ship",
    "Year built",
    "Current owners",
    "Fax",
    "Previous flags",
)
_TAG = re.compile(r"\((" + "|".join(re.escape(t) for t in KNOWN_TAGS) + r")\)\s*:")


def tagged_fields(text: str) -> dict[str, list[str]]:
    """{'IMO number': ['7408873'], ...}; text before the first tag is under ''."""
    fields: dict[str, list[str]] = {}
    matches = list(_TAG.finditer(text or ""))
    if not matches:
        return {"": [text.strip()]} if text and text.strip() else {}
    lead = text[: matches[0].start()].strip()
    if lead:
        fields[""] = [lead]
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = " ".join(text[match.end() : end].split()).rstrip(" .")
        if value:
            fields.setdefault(match.group(1), []).append(value)
    return fields
