"""Rule packs: YAML files read into frozen dataclasses and checked as a whole at load.

A pack is data a reviewer can read and change: id, title, jurisdiction, version, effective
dates, tier bands, named parameters (thresholds and sets) and rules. Every rule has an id,
title, category, a typed `when` condition, a score and/or outcomes, a rationale, a source
and a weight. The words an officer reads (pack and rule titles, rationales, extras' notes) may
carry Japanese beside the English (`title_ja`, `rationale_ja`, `note_ja`), because Japanese
officers print the memo in Japanese; the English stays the pack's reference text. Loading
collects every problem it finds, each naming the file, the rule id, the field and the line,
so `screener rules check` can list them all at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from screener.paths import rules_dir
from screener.risk.conditions import (
    Condition,
    ConditionError,
    Parameters,
    build_context,
    compile_condition,
)
from screener.safe_yaml import MAX_BYTES as MAX_YAML_BYTES
from screener.safe_yaml import LineDict, YamlError, load_text

CATEGORIES = ("gate", "threat", "vulnerability", "consequence")
OUTCOMES: dict[str, str] = {
    "prohibited": "Prohibited",
    "escalate": "Escalate",
    "mandatory_cfius_declaration": "Mandatory CFIUS declaration",
    "fefta_prior_notification": "FEFTA prior notification",
    "notify_counterpart_government": "Notify counterpart government",
}
DEFAULT_HARD_OUTCOMES = (
    "prohibited",
    "escalate",
    "mandatory_cfius_declaration",
    "fefta_prior_notification",
)
SHIPPED_PACKS = ("sanctions.yaml", "us-cfius.yaml", "jp-fefta.yaml")

_PACK_FIELDS = {
    "id", "title", "jurisdiction", "version", "effective_from", "effective_to", "tiers",
    "hard_outcomes", "hard_outcome_tier", "parameters", "rules", "description", "title_ja",
}  # fmt: skip
_RULE_FIELDS = {
    "id", "title", "category", "when", "score", "outcome", "extras", "rationale", "source",
    "weight", "enabled", "title_ja", "rationale_ja",
}  # fmt: skip
_EXTRA_FIELDS = {"when", "score", "outcome", "note", "note_ja"}


def in_language(english: str, japanese: str, lang: str) -> str:
    """The Japanese when a Japanese reader asks and the pack has it, else the English: a
    pack (or a hit stored) without Japanese still reads, in its reference language."""
    return japanese if lang == "ja" and japanese else english


@dataclass(frozen=True)
class Issue:
    """One problem in a pack file, located well enough for a reviewer to fix it."""

    source: str
    line: int | None
    message: str
    rule_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        parts = [where]
        if self.rule_id:
            parts.append(f"rule {self.rule_id}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join(parts) + f": {self.message}"


class PackError(ValueError):
    """A pack that cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass(frozen=True)
class Extra:
    """A further condition checked only when its rule fires; adds score and outcomes."""

    when: Condition
    score: float
    outcomes: tuple[str, ...]
    note: str
    line: int
    note_ja: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    category: str
    when: Condition
    score: float
    outcomes: tuple[str, ...]
    rationale: str
    source: str
    weight: float
    enabled: bool
    extras: tuple[Extra, ...]
    line: int
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    title_ja: str = ""
    rationale_ja: str = ""

    def title_in(self, lang: str) -> str:
        return in_language(self.title, self.title_ja, lang)


@dataclass(frozen=True)
class TierBand:
    name: str
    min_score: float


@dataclass(frozen=True)
class RulePack:
    id: str
    title: str
    jurisdiction: str
    version: str
    effective_from: date
    effective_to: date | None
    tiers: tuple[TierBand, ...]
    hard_outcomes: tuple[str, ...]
    hard_outcome_tier: str
    parameters: Parameters
    rules: tuple[Rule, ...]
    source: str
    text: str = field(repr=False)
    sha256: str = ""
    title_ja: str = ""

    def title_in(self, lang: str) -> str:
        return in_language(self.title, self.title_ja, lang)

    def tier_for(self, score: float) -> str:
        reached = [band for band in self.tiers if score >= band.min_score]
        return reached[-1].name if reached else self.tiers[0].name

    def tier_rank(self, name: str) -> int:
        names = [band.name for band in self.tiers]
        return names.index(name) if name in names else -1


class _Collector:
    """Gathers issues while reading one file, so one run reports all of them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.issues: list[Issue] = []

    def add(
        self, line: int | None, message: str, rule_id: str | None = None, field: str | None = None
    ) -> None:
        self.issues.append(Issue(self.source, line, message, rule_id, field))


def _text(
    data: LineDict, key: str, issues: _Collector, rule_id: str | None = None, required: bool = True
) -> str:
    value = data.get(key)
    if value is None:
        if required:
            issues.add(data.line, "missing required field", rule_id, key)
        return ""
    if (
        not isinstance(value, str | int | float)
        or isinstance(value, bool)
        or not str(value).strip()
    ):
        issues.add(data.line_of(key), "must be non-empty text", rule_id, key)
        return ""
    return str(value).strip()


def _translation(
    data: LineDict, key: str, issues: _Collector, rule_id: str | None = None
) -> str:
    """An optional translation (`title_ja`, `rationale_ja`, `note_ja`): text when present,
    never a number or an empty string (an empty one would silently print the English)."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        issues.add(data.line_of(key), "must be non-empty text when present", rule_id, key)
        return ""
    return value.strip()


def _number(
    data: LineDict, key: str, default: float, issues: _Collector, rule_id: str | None = None
) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        issues.add(data.line_of(key), f"must be a number, not {value!r}", rule_id, key)
        return default
    return float(value)


def _outcomes(data: LineDict, issues: _Collector, rule_id: str | None) -> tuple[str, ...]:
    value = data.get("outcome")
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        issues.add(
            data.line_of("outcome"), "must be an outcome or a list of outcomes", rule_id, "outcome"
        )
        return ()
    unknown = [item for item in items if item not in OUTCOMES]
    if unknown:
        issues.add(
            data.line_of("outcome"),
            f"unknown outcome {unknown[0]!r}; expected one of {', '.join(OUTCOMES)}",
            rule_id,
            "outcome",
        )
    return tuple(item for item in items if item in OUTCOMES)


def _unknown_fields(
    data: LineDict, allowed: set[str], issues: _Collector, rule_id: str | None
) -> None:
    for key in data:
        if key not in allowed:
            issues.add(
                data.line_of(key),
                f"unknown field (allowed: {', '.join(sorted(allowed))})",
                rule_id,
                key,
            )


def _condition(
    data: LineDict, context: Any, issues: _Collector, rule_id: str | None
) -> Condition | None:
    text = data.get("when")
    if not isinstance(text, str):
        issues.add(
            data.line_of("when") if "when" in data else data.line,
            "must be a condition (text)",
            rule_id,
            "when",
        )
        return None
    try:
        return compile_condition(text, context)
    except ConditionError as exc:
        issues.add(data.line_of("when"), str(exc), rule_id, "when")
        return None


def _extras(data: LineDict, context: Any, issues: _Collector, rule_id: str) -> tuple[Extra, ...]:
    items = data.get("extras") or []
    if not isinstance(items, list):
        issues.add(data.line_of("extras"), "must be a list", rule_id, "extras")
        return ()
    extras = []
    for item in items:
        if not isinstance(item, LineDict):
            issues.add(data.line_of("extras"), "each extra must be a mapping", rule_id, "extras")
            continue
        _unknown_fields(item, _EXTRA_FIELDS, issues, rule_id)
        when = _condition(item, context, issues, rule_id)
        score = _number(item, "score", 0.0, issues, rule_id)
        outcomes = _outcomes(item, issues, rule_id)
        note_ja = _translation(item, "note_ja", issues, rule_id)
        if note_ja and not item.get("note"):
            issues.add(
                item.line_of("note_ja"), "needs the note it translates", rule_id, "note_ja"
            )
        if when is not None:
            extras.append(
                Extra(when, score, outcomes, str(item.get("note", "")), item.line, note_ja)
            )
    return tuple(extras)


def _rule(data: Any, context: Any, issues: _Collector, seen: set[str]) -> Rule | None:
    if not isinstance(data, LineDict):
        issues.add(None, "each rule must be a mapping")
        return None
    rule_id = _text(data, "id", issues)
    if rule_id in seen:
        issues.add(data.line_of("id"), "rule id repeated", rule_id, "id")
    seen.add(rule_id)
    _unknown_fields(data, _RULE_FIELDS, issues, rule_id)
    category = _text(data, "category", issues, rule_id)
    if category and category not in CATEGORIES:
        issues.add(
            data.line_of("category"), f"must be one of {', '.join(CATEGORIES)}", rule_id, "category"
        )
    if "score" not in data and "outcome" not in data:
        issues.add(data.line, "needs a score or an outcome", rule_id, "score")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        issues.add(data.line_of("enabled"), "must be true or false", rule_id, "enabled")
    rule = Rule(
        id=rule_id,
        title=_text(data, "title", issues, rule_id),
        category=category,
        when=_condition(data, context, issues, rule_id),  # type: ignore[arg-type]
        score=_number(data, "score", 0.0, issues, rule_id),
        outcomes=_outcomes(data, issues, rule_id),
        rationale=_text(data, "rationale", issues, rule_id),
        source=_text(data, "source", issues, rule_id),
        weight=_number(data, "weight", 1.0, issues, rule_id),
        enabled=bool(enabled),
        extras=_extras(data, context, issues, rule_id),
        line=data.line,
        field_lines=dict(data.key_lines),
        title_ja=_translation(data, "title_ja", issues, rule_id),
        rationale_ja=_translation(data, "rationale_ja", issues, rule_id),
    )
    if rule.weight < 0:
        issues.add(data.line_of("weight"), "must not be negative", rule_id, "weight")
    return rule if rule.when is not None else None


def _tiers(data: LineDict, issues: _Collector) -> tuple[TierBand, ...]:
    items = data.get("tiers")
    if not isinstance(items, list) or not items:
        issues.add(data.line_of("tiers"), "must be a non-empty list of {name, min}", field="tiers")
        return (TierBand("Unrated", 0.0),)
    bands = []
    for item in items:
        if not isinstance(item, LineDict) or "name" not in item or "min" not in item:
            issues.add(
                data.line_of("tiers"), "each tier needs a name and a min score", field="tiers"
            )
            continue
        bands.append(TierBand(str(item["name"]), _number(item, "min", 0.0, issues)))
    if [b.min_score for b in bands] != sorted({b.min_score for b in bands}):
        issues.add(
            data.line_of("tiers"),
            "tiers must be listed by strictly rising min score",
            field="tiers",
        )
    return tuple(bands) or (TierBand("Unrated", 0.0),)


def _parameters(data: LineDict, issues: _Collector) -> dict[str, Any]:
    raw = data.get("parameters") or {}
    if not isinstance(raw, Mapping):
        issues.add(
            data.line_of("parameters"), "must be a mapping of name: value", field="parameters"
        )
        return {}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        line = raw.line_of(name) if isinstance(raw, LineDict) else None
        if not name.isidentifier() or name.startswith("_"):
            issues.add(
                line,
                "parameter names are identifiers not starting with '_'",
                field=f"parameters.{name}",
            )
        elif isinstance(value, bool | str):
            values[name] = value
        elif isinstance(value, int | float):
            values[name] = float(value)
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            values[name] = tuple(value)
        else:
            issues.add(
                line,
                "must be a number, text, true/false or a list of text",
                field=f"parameters.{name}",
            )
    return values


def _date(data: LineDict, key: str, issues: _Collector, required: bool) -> date | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, date):
        issues.add(data.line_of(key), "must be a date (YYYY-MM-DD)", field=key)
        return None
    return value


def parse_pack(text: str, source: str) -> RulePack:
    """Read one pack from YAML text; raises PackError listing every problem."""
    try:
        data = load_text(text, source)
    except YamlError as exc:
        raise PackError([Issue(source, exc.line, exc.message)]) from None
    issues = _Collector(source)
    if not isinstance(data, LineDict):
        raise PackError([Issue(source, 1, "a pack must be a mapping with id, title, rules ...")])
    _unknown_fields(data, _PACK_FIELDS, issues, None)
    params = _parameters(data, issues)
    context = build_context(params)
    rules_data = data.get("rules")
    if not isinstance(rules_data, list) or not rules_data:
        issues.add(data.line_of("rules"), "must be a non-empty list of rules", field="rules")
        rules_data = []
    seen: set[str] = set()
    rules = tuple(r for r in (_rule(item, context, issues, seen) for item in rules_data) if r)
    tiers = _tiers(data, issues)
    hard = data.get("hard_outcomes", list(DEFAULT_HARD_OUTCOMES))
    if not isinstance(hard, list) or any(item not in OUTCOMES for item in hard):
        issues.add(
            data.line_of("hard_outcomes"), "must be a list of known outcomes", field="hard_outcomes"
        )
        hard = list(DEFAULT_HARD_OUTCOMES)
    hard_tier = str(data.get("hard_outcome_tier", tiers[-1].name))
    if hard_tier not in {band.name for band in tiers}:
        issues.add(
            data.line_of("hard_outcome_tier"),
            "must name one of the tiers",
            field="hard_outcome_tier",
        )
    pack = RulePack(
        id=_text(data, "id", issues),
        title=_text(data, "title", issues),
        jurisdiction=_text(data, "jurisdiction", issues),
        version=_text(data, "version", issues),
        effective_from=_date(data, "effective_from", issues, required=True) or date.min,
        effective_to=_date(data, "effective_to", issues, required=False),
        tiers=tiers,
        hard_outcomes=tuple(hard),
        hard_outcome_tier=hard_tier,
        parameters=Parameters(params),
        rules=rules,
        source=source,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title_ja=_translation(data, "title_ja", issues),
    )
    if issues.issues:
        raise PackError(issues.issues)
    return pack


def load_pack(path: Path) -> RulePack:
    """The pack in `path`; a file too large for a pack is refused before it is read."""
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise PackError([Issue(str(path), None, f"larger than {MAX_YAML_BYTES:,} bytes")])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError([Issue(str(path), None, f"cannot read: {exc}")]) from None
    return parse_pack(text, str(path))


def check_combination(packs: Iterable[RulePack]) -> None:
    """Packs scored together must not reuse a rule id: a hit must name one rule."""
    owner: dict[str, RulePack] = {}
    issues = []
    for pack in packs:
        for rule in pack.rules:
            if rule.id in owner:
                issues.append(
                    Issue(
                        pack.source,
                        rule.line,
                        f"rule id also used in {owner[rule.id].source}",
                        rule.id,
                        "id",
                    )
                )
            owner[rule.id] = pack
    if issues:
        raise PackError(issues)


def load_packs(paths: Iterable[Path]) -> tuple[RulePack, ...]:
    """Load several packs, reporting the problems of all files together."""
    packs, issues = [], []
    for path in paths:
        try:
            packs.append(load_pack(path))
        except PackError as exc:
            issues.extend(exc.issues)
    if issues:
        raise PackError(issues)
    check_combination(packs)
    return tuple(packs)


def shipped_pack_paths() -> tuple[Path, ...]:
    return tuple(rules_dir() / name for name in SHIPPED_PACKS)


def load_shipped_packs() -> tuple[RulePack, ...]:
    return load_packs(shipped_pack_paths())


def packs_hash(packs: Iterable[RulePack]) -> str:
    """One digest over the ids, versions and exact texts of the packs used together."""
    digest = hashlib.sha256()
    for pack in packs:
        digest.update(f"{pack.id}\0{pack.version}\0{pack.sha256}\n".encode())
    return digest.hexdigest()
