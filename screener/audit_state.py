"""What an audit record says a row became, so the log can be replayed against the tables.

A reviewer's signature is only worth something if the decisions it covers are the ones on
record. Each change to a decision, a match's status, a sign-off, a case's state or an
ownership edge therefore writes, in its audit record (same unit of work), the snapshot of
every row it touched: `details["state"] = {kind: {row id: snapshot or None}}` (None: the row
was removed). Replaying the log (last snapshot wins) gives the state the log describes;
`screener.audit_replay` compares it with the live tables.

The same `snapshot` function writes the record and reads the table, so the two agree exactly
when nothing was changed behind the application's back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from screener.models import Case, Decision, MatchResult, OwnershipLink, SignOff, StatusChange

STATE_KEY = "state"

# kind -> (model, columns that make its state). Kinds are the words `verify` prints.
TRACKED: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "decision": (Decision, ("match_id", "outcome", "reason", "decided_by", "decided_at")),
    "match": (MatchResult, ("case_id", "party_key", "source_name", "entry_key", "status")),
    "sign_off": (
        SignOff,
        ("case_id", "role", "user", "signed_at", "outcome", "comment", "dissent"),
    ),
    "case": (Case, ("status", "decision", "assignee")),
    "status_change": (
        StatusChange,
        ("case_id", "from_status", "to_status", "changed_by", "changed_at", "reason"),
    ),
    "ownership_link": (
        OwnershipLink,
        (
            "case_id", "holder_key", "held_key", "equity_pct", "voting_pct", "control_type",
            "joint_arrangement", "as_of", "source", "confidence",
        ),
    ),
}  # fmt: skip

_KIND_OF: dict[type[Any], str] = {model: kind for kind, (model, _cols) in TRACKED.items()}


_AS_STORED = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """The JSON form the audit record stores (dates and datetimes as their ISO text)."""
    if isinstance(value, _AS_STORED):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return json.loads(json.dumps(value, default=str))


def snapshot_values(kind: str, values: Callable[[str], Any]) -> dict[str, Any]:
    """The state of one row of `kind`, reading each column through `values(name)`."""
    return {name: _plain(values(name)) for name in TRACKED[kind][1]}


def snapshot(row: Any) -> dict[str, Any]:
    kind = _KIND_OF[type(row)]
    return snapshot_values(kind, lambda name: getattr(row, name))


def state_of(rows: Iterable[Any] = (), removed: Iterable[tuple[str, Any]] = ()) -> dict[str, Any]:
    """The `state` detail for an audit record: each row's snapshot, each removed row None.

    Rows must be flushed (they need their ids).
    """
    state: dict[str, dict[str, Any]] = {}
    for row in rows:
        kind = _KIND_OF[type(row)]
        state.setdefault(kind, {})[str(row.id)] = snapshot(row)
    for kind, row_id in removed:
        if kind not in TRACKED:
            raise ValueError(f"unknown audited kind {kind!r}")
        state.setdefault(kind, {})[str(row_id)] = None
    return {STATE_KEY: state}
