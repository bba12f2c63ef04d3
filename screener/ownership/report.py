"""The ownership report of a case: look-through figures and per-regime status with paths.

This is what the rules read as facts, the CLI prints as JSON and the Ownership tab draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from screener.ownership.graph import OwnershipGraph, PartyNode
from screener.ownership.regimes import Regime
from screener.ownership.shares import LookThrough, deemed_state_share, look_through
from screener.ownership.status import (
    BLOCKED_STATUSES,
    CONTROLLED,
    LISTED,
    ListSeed,
    PartyStatus,
    propagate,
)
from screener.ownership.words import control_words, phrase, status_word


@dataclass
class RegimeResult:
    regime: Regime
    in_force: bool
    statuses: Mapping[str, PartyStatus]
    suspended_reason: str = ""
    suspended_reason_ja: str = ""

    def suspended_reason_in(self, lang: str) -> str:
        if lang == "ja" and self.suspended_reason_ja:
            return self.suspended_reason_ja
        return self.suspended_reason

    def blocked(self) -> list[str]:
        return sorted(k for k, s in self.statuses.items() if s.is_blocked)


@dataclass
class OwnershipReport:
    as_of: date
    target: str | None
    acquirer: str | None
    graph: OwnershipGraph = field(repr=False)
    target_view: LookThrough | None = None
    acquirer_view: LookThrough | None = None
    acquirer_state_share_deemed: dict[str, float] = field(default_factory=dict)
    regimes: dict[str, RegimeResult] = field(default_factory=dict)
    over_full: dict[str, float] = field(default_factory=dict)
    seeds: list[ListSeed] = field(default_factory=list)
    adversary_parties: list[str] = field(default_factory=list)

    def status_of(self, party: str) -> dict[str, PartyStatus]:
        """Every regime's status of `party` (only regimes where it is not clear)."""
        return {rid: r.statuses[party] for rid, r in self.regimes.items() if party in r.statuses}

    def explain(self, regime_id: str, party: str, lang: str = "en") -> list[str]:
        """The chain of stakes and list entries that gives `party` its status, as lines in
        `lang` (en or ja; names and list entries as written)."""
        result = self.regimes[regime_id]
        lines: list[str] = []
        self._explain(result, party, 0, lines, set(), lang)
        return lines

    def _explain(
        self,
        result: RegimeResult,
        party: str,
        depth: int,
        lines: list[str],
        seen: set[str],
        lang: str,
    ) -> None:
        status = result.statuses.get(party)
        indent = "  " * depth
        name = self.graph.nodes[party].label if party in self.graph.nodes else party
        if status is None:
            lines.append(f"{indent}{name}: {phrase('clear', lang)}")
            return
        if party in seen:
            state = status_word(status.status, lang)
            lines.append(f"{indent}{name}: {phrase('see_above', lang, status=state)}")
            return
        seen.add(party)
        if status.status == LISTED:
            for entry in status.entries:
                verb = "by_order" if entry.by_order else "listed"
                lines.append(f"{indent}{name}: {phrase(verb, lang, entry=entry.describe(lang))}")
            return
        space = "\u00a0" if lang == "ja" else " "  # '80 %' kept whole where Japanese wraps
        held = ", ".join(
            f"{self._label(c.holder)} {c.pct:g}{space}%"
            + (f" ({control_words(c.control_type, lang)})" if c.control_type else "")
            for c in status.contributions
        )
        regime = result.regime
        controllers = ", ".join(
            f"{self._label(c.holder)} ({control_words(c.control_type, lang)})"
            for c in status.contributions
            if c.control_type in regime.control_types
        )
        reached = phrase(
            "controlled" if status.status == CONTROLLED and controllers else "reached",
            lang,
            status=status_word(status.status, lang),
            regime=regime.title_in(lang),
            pct=f"{status.counted_pct:g}",
            rule=regime.rule_in(lang),
            held=held,
            controllers=controllers,
        )
        lines.append(f"{indent}{name}: {reached}")
        for contribution in status.contributions:
            self._explain(result, contribution.holder, depth + 1, lines, seen, lang)

    def _label(self, key: str) -> str:
        return self.graph.nodes[key].label if key in self.graph.nodes else key

    def to_dict(self) -> dict[str, Any]:
        return report_to_dict(self)


def build_report(
    graph: OwnershipGraph,
    *,
    target: str | None,
    acquirer: str | None,
    seeds: Iterable[ListSeed],
    regimes: Iterable[Regime],
    as_of: date,
    is_adversary: Callable[[PartyNode], bool],
) -> OwnershipReport:
    seed_list = list(seeds)
    report = OwnershipReport(
        as_of, target, acquirer, graph, seeds=seed_list, over_full=graph.over_full()
    )
    report.adversary_parties = sorted(k for k, n in graph.nodes.items() if is_adversary(n))
    if target and target in graph.nodes:
        report.target_view = look_through(graph, target, is_adversary)
    if acquirer and acquirer in graph.nodes:
        report.acquirer_view = look_through(graph, acquirer, is_adversary)
        report.acquirer_state_share_deemed = deemed_state_share(graph, acquirer)
    for settings in regimes:
        regime = settings.on(as_of)
        in_force = regime.in_force(as_of)
        suspension = regime.suspension_on(as_of)
        report.regimes[regime.id] = RegimeResult(
            regime,
            in_force,
            propagate(graph, regime, seed_list, in_force),
            suspension.reason if suspension else "",
            suspension.reason_ja if suspension else "",
        )
    return report


def _view_dict(view: LookThrough | None) -> dict[str, Any] | None:
    if view is None:
        return None
    data = asdict(view)
    data["ultimate_owners"] = [asdict(o) for o in view.ultimate_owners]
    return data


def report_to_dict(report: OwnershipReport) -> dict[str, Any]:
    regimes = {}
    for rid, result in report.regimes.items():
        regimes[rid] = {
            "title": result.regime.title,
            "rule": result.regime.rule_text,
            "in_force": result.in_force,
            "suspended_reason": result.suspended_reason,
            "blocked": result.blocked(),
            "statuses": {
                key: {
                    "status": status.status,
                    "counted_pct": status.counted_pct,
                    "contributions": [asdict(c) for c in status.contributions],
                    "entries": [
                        asdict(e) | {"categories": sorted(e.categories)} for e in status.entries
                    ],
                    "path": report.explain(rid, key),
                }
                for key, status in result.statuses.items()
            },
        }
    return {
        "as_of": report.as_of.isoformat(),
        "target": report.target,
        "acquirer": report.acquirer,
        "target_view": _view_dict(report.target_view),
        "acquirer_view": _view_dict(report.acquirer_view),
        "acquirer_state_share_deemed": report.acquirer_state_share_deemed,
        "over_full": report.over_full,
        "adversary_parties": report.adversary_parties,
        "regimes": regimes,
    }


__all__ = ["BLOCKED_STATUSES", "OwnershipReport", "RegimeResult", "build_report"]
