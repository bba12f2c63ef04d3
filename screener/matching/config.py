"""Matcher settings: thresholds, feature weights and token-alignment constants from YAML.

Shipped values live in rules/matching/matching.yaml (chosen on the development pairs; see
benchmarks/match_quality.py). A deployment may point `SCREENER_MATCHING_CONFIG` at its own
file, or pass a path, and override any value by name; unknown names are an error so a typo
cannot silently leave the shipped value in force.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from screener.paths import rules_dir


class MatchConfigError(ValueError):
    """A matching configuration file with an unknown or ill-typed setting."""


@dataclass(frozen=True)
class MatchConfig:
    review_threshold: float = 0.7
    strong_threshold: float = 0.9
    token_floor: float = 0.65
    short_token_floor: float = 0.8
    phonetic_similarity: float = 0.85
    sound_spelling_floor: float = 0.5
    initial_similarity: float = 0.6
    nickname_similarity: float = 0.85
    acronym_similarity: float = 0.85
    extra_token_penalty: float = 0.5
    extra_token_penalty_organization: float = 1.0
    substitution_penalty: float = 1.0
    fuzz_exponent: float = 2.0
    credit_base: float = 0.5
    weights: dict[str, float] = field(default_factory=dict)

    def weight(self, feature: str, default: float) -> float:
        return self.weights.get(feature, default)


def default_config_path() -> Path:
    return rules_dir() / "matching" / "matching.yaml"


@cache
def load_config(path: str | None = None) -> MatchConfig:
    """The shipped settings, then the file in SCREENER_MATCHING_CONFIG, then `path`."""
    config = _apply(MatchConfig(), default_config_path())
    override = os.environ.get("SCREENER_MATCHING_CONFIG")
    if override:
        config = _apply(config, Path(override))
    if path:
        config = _apply(config, Path(path))
    return config


def _apply(config: MatchConfig, path: Path) -> MatchConfig:
    try:
        with open(path, encoding="utf-8") as handle:
            data: Any = yaml.safe_load(handle) or {}
    except OSError as exc:
        raise MatchConfigError(f"{path}: cannot read matching configuration: {exc}") from exc
    if not isinstance(data, dict):
        raise MatchConfigError(f"{path}: expected a mapping of settings")
    known = {f.name for f in fields(MatchConfig)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise MatchConfigError(f"{path}: unknown setting {key!r}")
        if key == "weights":
            if not isinstance(value, dict):
                raise MatchConfigError(f"{path}: 'weights' must map feature names to numbers")
            changes[key] = {
                **config.weights,
                **{str(k): _number(path, k, v) for k, v in value.items()},
            }
        else:
            changes[key] = _number(path, key, value)
    return replace(config, **changes)


def _number(path: Path, key: object, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MatchConfigError(f"{path}: setting {key!r} must be a number, got {value!r}")
    return float(value)
