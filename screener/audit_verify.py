"""The whole check behind `screener audit verify`: chain, replayed state, anchors, seals.

Each part answers a different attack (see README, "What the audit trail proves"): the chain
catches an edited, deleted or reordered record; the replay catches a table changed beside an
intact log; anchors kept outside the database catch a log rewritten or cut from the end; the
office key's seals catch a rewrite by anyone who does not hold the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit, audit_seal
from screener.audit_anchor import Anchor, ChainHead, chain_head, check_anchor
from screener.audit_replay import StateMismatch, check_state
from screener.models import AuditEvent


@dataclass(frozen=True)
class AuditReport:
    head: ChainHead
    chain: list[audit.ChainBreak]
    state: list[StateMismatch]
    anchors: list[str] = field(default_factory=list)
    seals: list[str] = field(default_factory=list)
    anchors_checked: int = 0
    seals_checked: bool = False

    @property
    def intact(self) -> bool:
        return not (self.chain or self.state or self.anchors or self.seals)

    def problems(self) -> list[str]:
        return [
            *(b.describe() for b in self.chain),
            *(m.describe() for m in self.state),
            *self.anchors,
            *self.seals,
        ]


def verify_log(
    session: Session, *, anchors: Sequence[Anchor] = (), key: bytes | None = None
) -> AuditReport:
    chain = audit.read_chain(session)  # read once: the chain check and the replay share it
    return AuditReport(
        head=chain_head(session),
        chain=audit.verify(session, chain),
        state=check_state(session, chain),
        anchors=[p for anchor in anchors for p in check_anchor(session, anchor, key)],
        seals=check_seals(session, key) if key is not None else [],
        anchors_checked=len(anchors),
        seals_checked=key is not None,
    )


def check_seals(session: Session, key: bytes) -> list[str]:
    """Every record must carry the office key's seal over its hash."""
    problems: list[str] = []
    unsealed: list[int] = []
    rows = session.execute(
        select(AuditEvent.id, AuditEvent.hash, AuditEvent.seal).order_by(AuditEvent.id)
    )
    for event_id, digest, found in rows:
        if found is None:
            unsealed.append(event_id)
        elif not audit_seal.seal_matches(key, digest, found):
            problems.append(
                f"audit record {event_id}: its seal does not match the office key (written or "
                "rewritten without the key)"
            )
    problems[:0] = [
        f"audit records {span}: not sealed with the office key" for span in _spans(unsealed)
    ]
    return problems


def _spans(ids: list[int]) -> list[str]:
    """[1, 2, 3, 7] -> ["1..3", "7"]: consecutive record numbers read as one range."""
    spans: list[str] = []
    for _offset, run in groupby(enumerate(ids), key=lambda pair: pair[1] - pair[0]):
        numbers = [event_id for _index, event_id in run]
        spans.append(str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}..{numbers[-1]}")
    return spans
