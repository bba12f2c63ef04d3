"""Why a hit's list entries are one listed entity, in the words a reviewer signs under.

One decision covers every list an entity is on (`screener.workflow.entity_hits`), so the
reviewer who confirms Arkady Rotenberg on the EU annex confirms him on the SDN list too. The
Matches tab and the memo said "one listed entity on 3 lists" and not on what evidence; a
reviewer who doubts a join must see it to undo it (`screener lists unlink`).

Pure: `screener.lists.entity_links.evidence_between` reads the links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# `resolve` writes each link's evidence as 'US-CSL SDN:6384' (source_id), 'passport 745420176'
# (identifier), 'UK-OFSI cites UN CFi.010', 'FtM referent ofac-123', 'same name, born
# 1951-12-15'; numbers and list keys are printed as the lists write them
_CITES = re.compile(r"^(?P<who>\S+) cites UN (?P<ref>\S+)$")
_PREFIXES = {"ftm_referent": "FtM referent ", "name_and_birth": "same name, born "}
_EN = {
    "source_id": "{e} republishes the entry",
    "identifier": "the same {e}",
    "ftm_referent": "OpenSanctions gives {e} as its source",
    "name_and_birth": "same name, born {e}",
}
_JA = {
    "source_id": "{e} が同じエントリを再掲載",
    "identifier": "同一の識別番号（{e}）",
    "ftm_referent": "OpenSanctionsの参照元 {e}",
    "name_and_birth": "同一の氏名及び生年月日（{e}）",
}


@dataclass(frozen=True)
class SameEntityEvidence:
    """One live link between two of a hit's entries: 'EU-OJ 32014R0269/I.PERSONS/92'."""

    first: str
    second: str
    kind: str
    evidence: str
    link_id: int | None = None  # the live link, for a reviewer who undoes it

    def line_in(self, lang: str = "en") -> str:
        """'EU-OJ 32014R0269/I.PERSONS/92 = OFAC-SDN 16669: same name, born 1951-12-15'."""
        return f"{self.first} = {self.second}: {evidence_in(self.kind, self.evidence, lang)}"


def evidence_in(kind: str, evidence: str, lang: str = "en") -> str:
    """'the same passport 745420176'; 'OFAC-SDN が国連 IQi.001 を引用'."""
    if lang == "ja" and kind == "un_reference" and (cited := _CITES.match(evidence)):
        return f"{cited['who']} が国連 {cited['ref']} を引用"
    words = _JA if lang == "ja" else _EN
    bare = evidence.removeprefix(_PREFIXES.get(kind, ""))
    return words[kind].format(e=bare) if kind in words else evidence


def memberships_of(hit_refs: Iterable[tuple[str, str]]) -> frozenset[str]:
    """A hit's (source, key) memberships as the links name their ends: 'OFAC-SDN 16669'."""
    return frozenset(f"{source} {key}" for source, key in hit_refs)


def evidence_within(
    links: Iterable[SameEntityEvidence], refs: Iterable[tuple[str, str]]
) -> list[SameEntityEvidence]:
    """The links joining two of `refs`: one hit's share of its case's links, read once."""
    named = memberships_of(refs)
    return [link for link in links if link.first in named and link.second in named]


def evidence_lines(links: Iterable[SameEntityEvidence], lang: str = "en") -> list[str]:
    """One line per piece of evidence, naming the lists it joins: 'same name, born 1951-12-15
    (EU-OJ = UK-OFSI, EU-OJ = OFAC-SDN, OFAC-SDN = UK-OFSI)'. The window's few lines."""
    joined: dict[str, list[str]] = {}
    for link in links:
        lists = f"{link.first.split(' ', 1)[0]} = {link.second.split(' ', 1)[0]}"
        joined.setdefault(evidence_in(link.kind, link.evidence, lang), []).append(lists)
    return [f"{words} ({', '.join(pairs)})" for words, pairs in joined.items()]
