"""Each regime's ownership settings, read from rules/reference/ownership-regimes.yaml.

The thresholds, the aggregation choice, the control types and the dated windows are data so
a change in guidance is a change to the YAML file, reviewed like any other rule change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from screener.ownership.words import rule_text
from screener.paths import rules_dir

REGIMES_FILE = "ownership-regimes.yaml"
MEASURES = ("equity", "shares_or_votes")
AGGREGATIONS = ("all", "connected", "single")
EFFECTS = ("blocked", "licence")


class RegimeSettingsError(ValueError):
    """The settings file is unusable; the message names the file, regime and field."""


@dataclass(frozen=True)
class Suspension:
    start: date
    end: date
    reason: str = ""
    reason_ja: str = ""  # for a Japanese memo and window (RegimeResult.suspended_reason_in)


@dataclass(frozen=True)
class AggregationPeriod:
    """From `start` on, stakes of different holders are added as `aggregation` says."""

    start: date
    aggregation: str
    citation: str = ""


def program_tags(programs: tuple[str, ...] | list[str]) -> frozenset[str]:
    """'NPWMD] [DPRK2', '[SDGT]' and 'sdgt' all read as tags NPWMD, DPRK2, SDGT."""
    return frozenset(
        tag.upper() for text in programs for tag in re.split(r"[\[\];,\s]+", str(text)) if tag
    )


@dataclass(frozen=True)
class Regime:
    id: str
    title: str
    threshold_pct: float
    inclusive: bool
    measure: str
    aggregation: str
    control_types: frozenset[str]
    caution_from_pct: float
    seed_categories: frozenset[str]
    in_force_from: date
    suspensions: tuple[Suspension, ...] = ()
    aggregation_periods: tuple[AggregationPeriod, ...] = ()
    seed_programs: tuple[tuple[str, frozenset[str]], ...] = ()
    # What reaching the threshold does to a party: "blocked" (its property frozen, as under
    # the OFAC, EU and UK rules) or "licence" (the listed owner's export licence requirements
    # extend to it, as under the BIS Affiliates Rule): a memo must not call that a freeze.
    effect: str = "blocked"
    title_ja: str = ""
    # the name in a table's cell ("BIS: owned"); the memo had printed "BIS_AFFILIATES"
    short: str = ""

    @property
    def blocks(self) -> bool:
        """Whether a party it reaches is blocked (not only under licence requirements)."""
        return self.effect == "blocked"

    def title_in(self, lang: str) -> str:
        """The title in `lang` ('ja': `title_ja` where the file gives one)."""
        return self.title_ja if lang == "ja" and self.title_ja else self.title

    def on(self, day: date) -> Regime:
        """The regime as it stood on `day`: the aggregation of the period then in force."""
        periods = [p for p in self.aggregation_periods if p.start <= day]
        if not periods:
            return self
        return replace(self, aggregation=max(periods, key=lambda p: p.start).aggregation)

    def seeds_with(self, categories: frozenset[str], programs: tuple[str, ...]) -> bool:
        """Whether a confirmed match in `categories` with `programs` makes a party listed."""
        if categories & self.seed_categories:
            return True
        tags = program_tags(programs)
        return any(c in categories and tags & wanted for c, wanted in self.seed_programs)

    def meets(self, pct: float) -> bool:
        """Whether counted stakes of `pct` reach the threshold (with float rounding slack)."""
        if self.inclusive:
            return pct >= self.threshold_pct - 1e-9
        return pct > self.threshold_pct + 1e-9

    def in_force(self, on: date) -> bool:
        if on < self.in_force_from:
            return False
        return not any(s.start <= on <= s.end for s in self.suspensions)

    def suspension_on(self, on: date) -> Suspension | None:
        return next((s for s in self.suspensions if s.start <= on <= s.end), None)

    @property
    def rule_text(self) -> str:
        return self.rule_in("en")

    def rule_in(self, lang: str) -> str:
        """'>= 50 %, different owners' stakes added' ('50 %以上、異なる所有者の持分を合算')."""
        return rule_text(self.inclusive, self.threshold_pct, self.aggregation, lang)


def _field(item: dict[str, Any], name: str, where: str) -> Any:
    if name not in item:
        raise RegimeSettingsError(f"{where}: missing field {name!r}")
    return item[name]


def _date(value: Any, where: str, name: str) -> date:
    if isinstance(value, date):
        return value
    raise RegimeSettingsError(f"{where}: field {name!r} must be a date YYYY-MM-DD, found {value!r}")


def _regime(item: Any, path: Path, number: int) -> Regime:
    if not isinstance(item, dict):
        raise RegimeSettingsError(f"{path}: regimes[{number}] must be a mapping")
    where = f"{path}: regime {item.get('id', number)!r}"
    measure = str(_field(item, "measure", where)).replace("max_equity_voting", "shares_or_votes")
    aggregation = str(_field(item, "aggregation", where))
    if measure not in MEASURES:
        raise RegimeSettingsError(f"{where}: field 'measure' must be equity or max_equity_voting")
    if aggregation not in AGGREGATIONS:
        raise RegimeSettingsError(f"{where}: field 'aggregation' must be one of {AGGREGATIONS}")
    effect = str(item.get("effect", "blocked"))
    if effect not in EFFECTS:
        raise RegimeSettingsError(f"{where}: field 'effect' must be one of {EFFECTS}")
    threshold = _field(item, "threshold_pct", where)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
        raise RegimeSettingsError(f"{where}: field 'threshold_pct' must be a number in (0, 100]")
    return Regime(
        id=str(_field(item, "id", where)),
        title=str(item.get("title", item["id"])),
        threshold_pct=float(threshold),
        inclusive=bool(_field(item, "inclusive", where)),
        measure=measure,
        aggregation=aggregation,
        control_types=frozenset(str(c) for c in item.get("control_types") or ()),
        caution_from_pct=float(item.get("caution_from_pct", threshold)),
        seed_categories=frozenset(str(c) for c in _field(item, "seed_categories", where)),
        in_force_from=_date(_field(item, "in_force_from", where), where, "in_force_from"),
        suspensions=tuple(
            Suspension(
                _date(s.get("from"), where, "suspensions.from"),
                _date(s.get("to"), where, "suspensions.to"),
                str(s.get("reason", "")),
                str(s.get("reason_ja", "")),
            )
            for s in item.get("suspensions") or ()
        ),
        aggregation_periods=tuple(_period(p, where) for p in item.get("aggregation_periods") or ()),
        seed_programs=tuple(
            (str(category), frozenset(str(tag).upper() for tag in tags))
            for category, tags in (item.get("seed_programs") or {}).items()
        ),
        effect=effect,
        title_ja=str(item.get("title_ja", "")),
        short=str(item.get("short") or item["id"]).upper(),
    )


def _period(item: Any, where: str) -> AggregationPeriod:
    if not isinstance(item, dict):
        raise RegimeSettingsError(f"{where}: every aggregation_periods entry must be a mapping")
    aggregation = str(_field(item, "aggregation", f"{where} aggregation_periods"))
    if aggregation not in AGGREGATIONS:
        raise RegimeSettingsError(
            f"{where}: aggregation_periods.aggregation must be one of {AGGREGATIONS}"
        )
    start = _date(_field(item, "from", f"{where} aggregation_periods"), where, "from")
    return AggregationPeriod(start, aggregation, str(item.get("citation", "")).strip())


def load_regimes(path: Path | None = None) -> tuple[Regime, ...]:
    """Every regime in the settings file, validated."""
    path = path or rules_dir() / "reference" / REGIMES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegimeSettingsError(f"{path}: cannot read regime settings: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("regimes"), list):
        raise RegimeSettingsError(f"{path}: expected a mapping with a 'regimes' list")
    regimes = tuple(_regime(item, path, n) for n, item in enumerate(data["regimes"]))
    ids = [r.id for r in regimes]
    if len(set(ids)) != len(ids):
        raise RegimeSettingsError(f"{path}: regime ids must be unique, found {ids}")
    return regimes
