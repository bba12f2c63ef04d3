"""The explanation a reviewer reads (and the memo prints) for one scored pair.

It names the strongest name signal with the words it paired, then every qualifier that
lowered the score and by how much, so the reviewer sees why a pair alerted without
opening the feature table. Built only from the stored features, so a stored match can be
explained again later exactly as it was scored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from screener.matching.algorithm import FEATURES, MatchScore

SENTENCES = {feature.name: (feature.func.__doc__ or "").strip() for feature in FEATURES}
QUALIFIERS = {feature.name for feature in FEATURES if feature.qualifier}
DECISIVE = {feature.name for feature in FEATURES if feature.decisive}


def explain(score: MatchScore) -> str:
    return explain_features(
        score.score, score.query_name, score.candidate_name, score.features_json()
    )


def explain_features(
    value: float, query_name: str, candidate_name: str, features: Sequence[Mapping[str, Any]]
) -> str:
    """One paragraph: the score, the names, the deciding signal, the qualifiers that fired."""
    lines = [f"Score {value:.2f}: '{query_name}' against '{candidate_name}'."]
    decisive = [x for x in features if x["name"] in DECISIVE and x["score"] >= 1.0]
    for item in decisive:
        shared = ", ".join(item["values"].get("shared", []))
        lines.append(f"Decisive: {SENTENCES[item['name']]} ({shared}).")
    names = [x for x in features if x["name"] not in QUALIFIERS | DECISIVE]
    if names:
        best = max(names, key=_strength)
        if best["score"] > 0:
            lines.append(f"{SENTENCES[best['name']]} [{best['score']:.2f}]{_detail(best)}")
    for item in features:
        if item["name"] in QUALIFIERS and item["score"] > 0:
            effect = item["score"] * item.get("weight", 0.0)
            lines.append(f"Lowered {effect:+.2f}: {SENTENCES[item['name']]}{_sides(item)}")
    return " ".join(lines)


def _strength(item: Mapping[str, Any]) -> tuple[float, bool]:
    """The strongest name signal; on a tie the one that shows which words paired."""
    return (
        round(item["score"] * item.get("weight", 1.0), 6),
        bool((item.get("values") or {}).get("pairs")),
    )


def _detail(item: Mapping[str, Any]) -> str:
    values = item.get("values") or {}
    parts = []
    pairs = values.get("pairs")
    if pairs:
        parts.append("paired " + ", ".join(_pair(p) for p in pairs))
    for side, label in (
        ("only_in_query", "only in the party's name"),
        ("only_in_candidate", "only in the list name"),
    ):
        if values.get(side):
            parts.append(f"{label}: {', '.join(values[side])}")
    if not parts and "query" in values:
        parts.append(f"{values['query']} / {values['candidate']}")
    return " (" + "; ".join(parts) + ")." if parts else "."


def _pair(pair: Sequence[Any]) -> str:
    # read: the characters read otherwise ('曾'), or a katakana word and its marker
    left, right, similarity, *read = pair
    if left == right and similarity >= 1.0:
        return str(left)
    if read[1:2] == ["katakana"]:
        return f"{left}~{right} {similarity:.2f} ({read[0]} as Japanese writes {read[2]})"
    return f"{left}~{right} {similarity:.2f}" + (f" ({read[0]} read otherwise)" if read else "")


def _sides(item: Mapping[str, Any]) -> str:
    values = item.get("values") or {}
    if "query" in values:
        return f" (party: {_show(values['query'])}; list: {_show(values['candidate'])})."
    return "."


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "none"
    return str(value) if value else "none"
