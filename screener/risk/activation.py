"""The office's active rule packs: the installed packs, each replaced by its latest activation.

A pack edited on one workstation used to be a file on that workstation: other officers kept
scoring with their own copy, and nothing but the program said who could change it. An
activation is a row in the database (the pack's exact text, who, when), insert-only; every
assessment on every workstation scores with the latest activation of each pack. On the office
server only the rules_admin role may add one (`screener.office.triggers`), so the refusal
comes from where the packs live.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit
from screener.identity import current_user
from screener.models import RulePackActivation, utcnow
from screener.risk.pack_files import load_installed_packs
from screener.risk.packs import RulePack, check_combination, parse_pack

ACTIVATED = "rules.pack_activated"


def activate(session: Session, pack: RulePack) -> RulePackActivation:
    """Make `pack` (already parsed and checked) the office's active version of its id."""
    row = RulePackActivation(
        pack_id=pack.id,
        version=pack.version,
        sha256=pack.sha256,
        text=pack.text,
        activated_by=current_user(session),
        activated_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        ACTIVATED,
        "rule_pack",
        pack.id,
        details={"version": pack.version, "sha256": pack.sha256, "source": pack.source,
                 "activation": row.id},
    )  # fmt: skip
    return row


def latest_activations(session: Session) -> dict[str, RulePackActivation]:
    rows = session.execute(select(RulePackActivation).order_by(RulePackActivation.id)).scalars()
    return {row.pack_id: row for row in rows}


def active_packs(session: Session) -> tuple[RulePack, ...]:
    """The packs an assessment scores with now: this workstation's (the user's copy of a pack,
    else the shipped one), unless an activation in the database replaced it."""
    latest = latest_activations(session)
    packs = []
    for pack in load_installed_packs():
        row = latest.pop(pack.id, None)
        packs.append(pack if row is None else _parsed(row))
    packs.extend(_parsed(row) for row in latest.values())  # activated packs not shipped
    check_combination(packs)
    return tuple(packs)


def _parsed(row: RulePackActivation) -> RulePack:
    return parse_pack(row.text, f"{row.pack_id} (activation {row.id} by {row.activated_by})")
