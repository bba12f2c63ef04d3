"""The ownership part of the memo: the graph to draw and the stakes to tabulate.

The graph (parties and holder -> held links) is read straight from the case. Effective stakes,
government share, the unresolved portion and blocked status are the ownership engine's
findings (`screener.ownership`); the memo prints them when the engine has produced them and
says so when it has not, rather than computing a second, possibly different, answer here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from screener.memo.data import (
    OwnershipEdge,
    OwnershipNode,
    OwnershipView,
    RegimeFinding,
    StakeRow,
)
from screener.models import Case, Party
from screener.ownership.words import status_word
from screener.paths import rules_dir


def party_markers(party: Party, confirmed_keys: set[str]) -> tuple[str, ...]:
    """Status markers printed on a diagram box; keys of screener.memo.labels."""
    markers = []
    if party.key in confirmed_keys:
        markers.append("marker_listed")
    if party.is_government:
        markers.append("marker_government")
    elif party.is_state_owned:
        markers.append("marker_state_owned")
    if party.type_a_investor:
        markers.append("marker_type_a")
    if party.excepted_investor:
        markers.append("marker_excepted")
    return tuple(markers)


def build_ownership_view(session: Session, case: Case, as_of: date | None = None) -> OwnershipView:
    """The case's graph, and the engine's findings as of `as_of` (the assessment's date;
    today when there is no assessment), so the memo and the assessment read one law."""
    transaction = case.transaction
    target_key = None
    if transaction is not None:
        target = transaction.target
        target_key = transaction.target_key or (target.legal_entity_key if target else None)
    confirmed = {m.party_key for m in case.matches if m.status == "confirmed"}
    findings, error = _engine_findings(session, case, as_of)
    nodes = []
    for party in case.parties:
        markers = party_markers(party, confirmed)
        if findings is not None and party.key in findings.blocked and party.key not in confirmed:
            markers = ("marker_blocked", *markers)
        nodes.append(
            OwnershipNode(
                key=party.key,
                name=party.name,
                party_type=party.party_type,
                role=party.role,
                country=party.country_incorporation or party.nationality,
                markers=markers,
            )
        )
    edges = tuple(
        OwnershipEdge(
            link.holder_key,
            link.held_key,
            link.equity_pct,
            link.voting_pct,
            link.control_type,
            link.source,
            link.confidence,
        )
        for link in case.ownership_links
    )
    return OwnershipView(
        target_key=target_key,
        nodes=tuple(nodes),
        edges=edges,
        stakes=findings.stakes if findings else None,
        government_pct=findings.government_pct if findings else None,
        adversary_pct=findings.adversary_pct if findings else None,
        unresolved_pct=findings.unresolved_pct if findings else None,
        regimes=findings.regimes if findings else (),
        as_of=findings.as_of if findings else None,
        error=error,
    )


@dataclass(frozen=True)
class _Findings:
    stakes: tuple[StakeRow, ...]
    government_pct: float
    adversary_pct: float
    unresolved_pct: float
    regimes: tuple[RegimeFinding, ...]
    blocked: frozenset[str]
    as_of: date


def _engine_findings(
    session: Session, case: Case, as_of: date | None
) -> tuple[_Findings | None, str | None]:
    """The ownership engine's report on the target, or why there is none."""
    transaction = case.transaction
    if transaction is None or not transaction.target_key or not case.ownership_links:
        return None, None
    from screener.ownership.service import case_report

    try:
        report = case_report(session, case.id, as_of=as_of, reference=shipped_reference())
    except (LookupError, ValueError, OSError) as exc:
        return None, str(exc)
    view = report.target_view
    if view is None:
        return None, None
    names = {key: node.label for key, node in report.graph.nodes.items()}
    countries = {key: node.country for key, node in report.graph.nodes.items()}
    ultimate = {owner.key for owner in view.ultimate_owners}
    statuses: dict[str, list[str]] = {}
    statuses_ja: dict[str, list[str]] = {}
    regimes = []
    blocked: set[str] = set()
    for regime_id, result in report.regimes.items():
        # the stakes table gives each party's status under the regimes in force on the as-of
        # date; one suspended then (the BIS rule) is in the findings as whom it would reach
        for key, status in result.statuses.items() if result.in_force else ():
            short = result.regime.short
            statuses.setdefault(key, []).append(f"{short}: {status.status}")
            state_ja = status_word(status.status, "ja")
            statuses_ja.setdefault(key, []).append(f"{short}: {state_ja}")
        hit = result.blocked()
        if result.in_force and result.regime.blocks:  # BIS reaches, it does not block
            blocked.update(hit)
        first = (transaction.target_key, transaction.acquirer_key)
        lines = _explanation(report, regime_id, hit, first, "en")
        lines_ja = _explanation(report, regime_id, hit, first, "ja")
        regimes.append(
            RegimeFinding(
                regime=result.regime.title,
                in_force=result.in_force,
                suspended_reason=result.suspended_reason,
                suspended_reason_ja=result.suspended_reason_ja,
                blocked=tuple(names.get(k, k) for k in hit),
                paths=tuple(lines),
                rule=result.regime.rule_text,
                effect=result.regime.effect,
                title_ja=result.regime.title_ja,
                paths_ja=tuple(lines_ja),
                rule_ja=result.regime.rule_in("ja"),
            )
        )
    stakes = tuple(
        StakeRow(
            names.get(key, key),
            countries.get(key),
            pct,
            key in ultimate,
            "; ".join(statuses.get(key, ())),
            "; ".join(statuses_ja.get(key, ())),
        )
        for key, pct in sorted(view.effective.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    findings = _Findings(
        stakes=stakes,
        government_pct=round(sum(view.government_share.values()), 4),
        adversary_pct=view.adversary_share,
        unresolved_pct=view.unresolved_share,
        regimes=tuple(regimes),
        blocked=frozenset(blocked),
        as_of=report.as_of,
    )
    return findings, None


def _explanation(
    report: Any, regime_id: str, blocked: list[str], first: tuple[str | None, ...], lang: str
) -> list[str]:
    """The chains that explain the blocked parties, target first, each line printed once.

    The target's chain usually contains every other blocked party's, so repeating each
    party's own chain would print the same lines many times.
    """
    order = [k for k in first if k in blocked] + [k for k in blocked if k not in first]
    seen: set[str] = set()
    lines: list[str] = []
    for key in order:
        for line in report.explain(regime_id, key, lang):
            text = line.strip()
            if text in seen:
                continue
            seen.add(text)
            depth = (len(line) - len(line.lstrip(" "))) // 2
            lines.append("\u00a0\u00a0" * depth + ("↳ " if depth else "") + text)
    return lines


def shipped_reference() -> Any:
    """The shipped reference data, re-read only when a file in rules/reference changes.

    Parsing it takes longer than laying out a memo; a batch of memos reads it once.
    """
    from screener.reference import load_reference

    folder = rules_dir() / "reference"
    stamp = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    )
    cached = _REFERENCE_CACHE.get("data")
    if cached is None or cached[0] != stamp:
        cached = (stamp, load_reference())
        _REFERENCE_CACHE["data"] = cached
    return cached[1]


_REFERENCE_CACHE: dict[str, tuple[tuple[tuple[str, int, int], ...], Any]] = {}
