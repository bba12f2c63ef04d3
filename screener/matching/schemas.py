"""Which kinds of list entry a query of a kind may meet: the schema compatibility table.

A company scored against a vessel, or a person against a company, can only produce false
alerts a reviewer has to dismiss (issue 22). The table lives in rules/matching/schemas.yaml
so an office can widen it (say, let vessel queries meet companies) without touching code.
An untyped query, or an entry whose kind the table does not know, meets every kind: the
table narrows only what both sides state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from screener.paths import rules_dir
from screener.safe_yaml import load_file


class SchemaTableError(ValueError):
    """rules/matching/schemas.yaml is missing, unreadable or of the wrong shape."""


@dataclass(frozen=True)
class SchemaTable:
    words: dict[str, str]  # a publisher's or user's word (squeezed) -> kind
    meets: dict[str, frozenset[str]]  # query kind -> entry kinds it meets

    def kind(self, schema: str | None) -> str | None:
        if not schema:
            return None
        return self.words.get(_squeeze(schema))

    def compatible(self, query_schema: str | None, entry_schema: str | None) -> bool:
        """True unless both kinds are known and the table keeps them apart."""
        query, entry = self.kind(query_schema), self.kind(entry_schema)
        if query is None or entry is None:
            return True
        return entry in self.meets.get(query, frozenset({query}))


def _squeeze(word: str) -> str:
    return word.replace(" ", "").replace("_", "").replace("-", "").casefold()


@cache
def load_schema_table(path: str | None = None) -> SchemaTable:
    file = Path(path) if path else rules_dir() / "matching" / "schemas.yaml"
    try:
        data: Any = load_file(file)
    except (OSError, ValueError) as exc:
        raise SchemaTableError(f"{file}: cannot read the schema table: {exc}") from exc
    if not isinstance(data, dict):
        raise SchemaTableError(f"{file}: expected sections 'kinds' and 'meets'")
    kinds, meets = data.get("kinds"), data.get("meets")
    if not isinstance(kinds, dict) or not isinstance(meets, dict):
        raise SchemaTableError(f"{file}: 'kinds' and 'meets' must map kinds to lists of words")
    words: dict[str, str] = {}
    for kind, spellings in kinds.items():
        if not isinstance(spellings, list):
            raise SchemaTableError(f"{file}: kinds.{kind} must be a list of words")
        words[_squeeze(str(kind))] = str(kind)
        for word in spellings:
            words[_squeeze(str(word))] = str(kind)
    table: dict[str, frozenset[str]] = {}
    for kind, others in meets.items():
        if kind not in kinds or not isinstance(others, list):
            raise SchemaTableError(f"{file}: meets.{kind} must name a kind and list kinds")
        unknown = [o for o in others if o not in kinds]
        if unknown:
            raise SchemaTableError(f"{file}: meets.{kind} names unknown kinds {unknown}")
        table[str(kind)] = frozenset(map(str, others))
    return SchemaTable(words, table)
