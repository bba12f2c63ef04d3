"""The JSON Schema of the JSON deal-file format, derived from the field declarations."""

from __future__ import annotations

from typing import Any

from screener.deals import fields as k
from screener.deals.fields import (
    ASSET_FIELDS,
    CASE_FIELDS,
    DEAL_FIELDS,
    FORMAT_VERSION,
    OWNERSHIP_FIELDS,
    PARTY_FIELDS,
    Field,
)

SCHEMA_ID = "https://screener.invalid/schemas/deal-file-1.json"

_COUNTRY = {"type": "string", "pattern": "^[A-Za-z]{2}$"}


def _value_schema(spec: Field) -> dict[str, Any]:
    kind = spec.kind
    if kind in (k.NUMBER, k.PERCENT, k.INTEGER):
        schema: dict[str, Any] = {"type": "integer" if kind == k.INTEGER else "number"}
        low = 0 if kind == k.PERCENT else spec.minimum
        high = 100 if kind == k.PERCENT else spec.maximum
        if low is not None:
            schema["minimum"] = low
        if high is not None:
            schema["maximum"] = high
        return schema
    simple: dict[str, dict[str, Any]] = {
        k.TEXT: {"type": "string"},
        k.BOOLEAN: {"type": "boolean"},
        k.DATE: {"type": "string", "format": "date"},
        k.COUNTRY: dict(_COUNTRY),
        k.CURRENCY: {"type": "string", "pattern": "^[A-Za-z]{3}$"},
        k.CHOICE: {"type": "string", "enum": list(spec.choices)},
        k.IDENTIFIERS: {"type": "object", "additionalProperties": {"type": "string"}},
        k.TEXT_LIST: {"type": "array", "items": {"type": "string"}},
        k.COUNTRIES: {"type": "array", "items": dict(_COUNTRY)},
        k.CHOICES: {"type": "array", "items": {"type": "string", "enum": list(spec.choices)}},
    }
    return simple[kind]


def _property(spec: Field) -> dict[str, Any]:
    schema = _value_schema(spec)
    if not spec.required:
        schema = {"anyOf": [schema, {"type": "null"}]}
    schema["description"] = spec.description
    if spec.example:
        schema["examples"] = [spec.example]
    return schema


def _object(fields: tuple[Field, ...], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {f.name: _property(f) for f in fields} | (extra or {})
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def deal_file_schema() -> dict[str, Any]:
    """The whole document: {"transactions": [...]}, each with asset, parties and ownership."""
    transaction = _object(
        CASE_FIELDS + DEAL_FIELDS,
        {
            "asset": _object(ASSET_FIELDS) | {"description": "The mine, plant or stake sold."},
            "parties": {
                "type": "array",
                "items": _object(PARTY_FIELDS),
                "description": "Every party in the ownership graph.",
            },
            "ownership": {
                "type": "array",
                "items": _object(OWNERSHIP_FIELDS),
                "description": "Edges holder -> held, as the structure stands after closing.",
            },
        },
    )
    transaction["required"] = transaction["required"] + ["asset"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Screener deal file",
        "description": "One or more transactions under review, with their parties and the "
        "ownership edges between them.",
        "type": "object",
        "properties": {
            "format": {"const": "screener-deal-file"},
            "format_version": {"const": FORMAT_VERSION},
            "transactions": {"type": "array", "items": transaction, "minItems": 1},
        },
        "required": ["transactions"],
        "additionalProperties": False,
    }
