"""The ownership graph: effective stakes, ultimate owners and each regime's 50 % rule.

Pure Python (no database, no Qt): `screener.ownership.service` builds a graph from a case
and calls `build_report`; tests and the benchmark build graphs directly.
"""

from screener.ownership.graph import Holding, OwnershipGraph, PartyNode
from screener.ownership.regimes import Regime, RegimeSettingsError, load_regimes
from screener.ownership.report import OwnershipReport, RegimeResult, build_report
from screener.ownership.shares import LookThrough, UltimateOwner, look_through
from screener.ownership.status import (
    CAUTION,
    CONTROLLED,
    LISTED,
    OWNED,
    ListSeed,
    PartyStatus,
    propagate,
)

__all__ = [
    "CAUTION",
    "CONTROLLED",
    "LISTED",
    "OWNED",
    "Holding",
    "ListSeed",
    "LookThrough",
    "OwnershipGraph",
    "OwnershipReport",
    "PartyNode",
    "PartyStatus",
    "Regime",
    "RegimeResult",
    "RegimeSettingsError",
    "UltimateOwner",
    "build_report",
    "load_regimes",
    "look_through",
    "propagate",
]
