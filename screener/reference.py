"""Dated reference data the rules read: adversaries, excepted states, mineral lists, windows.

Every list lives in `rules/reference/*.yaml` with its source and version; nothing here is a
hard-coded list. Questions take a date ("which countries were adversaries on 1 May 2025?")
so an assessment of a past deal reads the law as it then stood.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from screener.paths import rules_dir
from screener.safe_yaml import LineDict, YamlError, load_text


class ReferenceError(ValueError):
    """A reference file that is missing, malformed or inconsistent, naming file and line."""


@dataclass(frozen=True)
class DatedCode:
    """A country (or regime) code that is on a list from one date until another."""

    code: str
    name: str
    effective_from: date
    effective_to: date | None
    scope: str = "country"

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class BlockedGovernment:
    """A government whose property its programme's order blocks without designation."""

    code: str
    name: str
    order: str
    effective_from: date
    effective_to: date | None
    citation: str

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def describe(self) -> str:
        """'Government of Venezuela: blocked by Executive Order 13884 ... from 2019-08-05'."""
        until = f" to {self.effective_to.isoformat()}" if self.effective_to else ""
        return (
            f"{self.name}: property blocked by {self.order} from "
            f"{self.effective_from.isoformat()}{until}, without designation ({self.citation})"
        )


@dataclass(frozen=True)
class ExceptedInvestorTest:
    """The thresholds of 31 CFR 800.219 (rules/reference/cfius-excepted-investor.yaml)."""

    parent_voting_pct: float = 50.0
    board_share_pct: float = 75.0
    holder_pct: float = 10.0
    minimum_pct: float = 80.0
    minimum_listed_pct: float = 50.0
    record_lookback_years: int = 5
    record_citation: str = "31 CFR 800.219(b)"


@dataclass(frozen=True)
class FeftaInvestorTest:
    """FEFTA art. 26(1) and related persons (rules/reference/fefta-foreign-investor.yaml)."""

    foreign_voting_pct: float = 50.0
    related_group_pct: float = 50.0


@dataclass(frozen=True)
class FilingLead:
    """A filing a hard outcome requires, due `days` before completion, in one period."""

    outcome: str
    title: str
    days: int
    effective_from: date
    effective_to: date | None
    citation: str

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class DatedName:
    name: str
    effective_from: date

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def contains(self, on: date) -> bool:
        return self.start <= on <= self.end


@dataclass(frozen=True)
class ReferenceFile:
    """Which file and version a reference fact came from: recorded with each assessment."""

    id: str
    version: str
    sha256: str


@dataclass(frozen=True)
class ReferenceData:
    adversaries: tuple[DatedCode, ...]
    excepted_states: tuple[DatedCode, ...]
    usgs_2025: frozenset[str]
    doe_2023: frozenset[str]
    jp_core_minerals: frozenset[str]
    china_controls: tuple[DatedName, ...]
    rare_earth_groups: Mapping[str, tuple[str, ...]]
    symbol_names: Mapping[str, str]
    affiliates_rule_from: date
    affiliates_rule_threshold_pct: float
    affiliates_rule_suspensions: tuple[Window, ...]
    list_categories: tuple[tuple[str, tuple[str, ...], bool], ...]
    official_list_categories: Mapping[str, str] = field(default_factory=dict)
    blocked_governments: tuple[BlockedGovernment, ...] = ()
    material_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    excepted_investor_test: ExceptedInvestorTest = field(default_factory=ExceptedInvestorTest)
    fefta_investor_test: FeftaInvestorTest = field(default_factory=FeftaInvestorTest)
    filing_leads: tuple[FilingLead, ...] = ()
    files: tuple[ReferenceFile, ...] = field(default=())

    def counts_as(self, material: str) -> frozenset[str]:
        """`material` and the broader entries it counts for ('natural graphite' -> graphite)."""
        return frozenset({material, *self.material_forms.get(material, ())})

    def on_list(self, material: str, names: frozenset[str]) -> bool:
        return bool(self.counts_as(material) & names)

    def filing_lead(self, outcome: str, on: date) -> FilingLead | None:
        """How long before completion the filing `outcome` requires is due, on `on`."""
        return next((f for f in self.filing_leads if f.outcome == outcome and f.in_force(on)), None)

    def blocked_government(self, code: str, on: date) -> BlockedGovernment | None:
        """The blocking order covering state `code`'s government on `on`, if any."""
        code = (code or "").strip().upper()
        return next(
            (g for g in self.blocked_governments if g.code == code and g.in_force(on)), None
        )

    def adversary_codes(self, on: date) -> tuple[str, ...]:
        return tuple(sorted(item.code for item in self.adversaries if item.in_force(on)))

    def excepted_state_codes(self, on: date) -> tuple[str, ...]:
        return tuple(sorted(item.code for item in self.excepted_states if item.in_force(on)))

    def china_controlled(self, on: date) -> frozenset[str]:
        return frozenset(item.name for item in self.china_controls if item.in_force(on))

    def affiliates_rule_in_force(self, on: date) -> bool:
        if on < self.affiliates_rule_from:
            return False
        return not any(window.contains(on) for window in self.affiliates_rule_suspensions)

    def material_name(self, raw: str) -> str:
        """'Dy', 'dysprosium' and 'Dysprosium oxide ' all read as 'dysprosium'."""
        text = raw.strip()
        if text in self.symbol_names:
            return self.symbol_names[text]
        lowered = text.lower()
        for suffix in (" oxide", " oxides", " metal", " concentrate", " ore"):
            if lowered.endswith(suffix):
                lowered = lowered[: -len(suffix)]
        return {"aluminium": "aluminum", "caesium": "cesium", "fluorite": "fluorspar"}.get(
            lowered, lowered
        )

    def list_category(self, source_name: str, list_name: str) -> str:
        """The rule category of a match: by sub-list name, by source for one-list publishers."""
        sub_list = (list_name or source_name).lower()
        source = source_name.lower()
        for category, patterns, also_source in self.list_categories:
            haystacks = (sub_list, source) if also_source else (sub_list,)
            if any(_pattern_matches(pattern, text) for pattern in patterns for text in haystacks):
                return category
        return "other"

    def counted_lists(self, official_lists: Iterable[str]) -> list[str]:
        """Those of an entry's official lists that give a category, in the entry's order."""
        return [name for name in official_lists if name in self.official_list_categories]

    def listed_as(self, list_name: str, official_lists: Iterable[str]) -> str:
        """An entry's sub-list as a reader is told it: for a consolidated entry, with the
        official lists the rules count it on ("sanctioned (on us_ofac_sdn, eu_fsf)"), as
        the ownership regimes' explanations and the memo's match blocks name it."""
        counted = self.counted_lists(official_lists)
        on = f"(on {', '.join(counted)})" if counted else ""
        return " ".join(part for part in (list_name, on) if part)

    def match_categories(
        self, source_name: str, list_name: str, official_lists: Iterable[str] = ()
    ) -> frozenset[str]:
        """Every rule category a match counts in: each of its sub-lists' (`list_category`)
        and, for an entry of a consolidated source (`ListEntry.official_lists`), the
        category of each official list it names; "other" only when nothing else applies.

        A sub-list name can join several lists: OFAC's consolidated file gives an entry on
        two as "NS-PLC; SDN", which by its first pattern was non-SDN only, so a confirmed
        SDN fired no SDN gate. One OpenSanctions entity on the SDN, EU and UK lists counts
        on all three; by its sub-list alone ("sanctioned") it was "other" and seeded none."""
        found = {self.list_category(source_name, part.strip()) for part in list_name.split(";")}
        found |= {self.official_list_categories[name] for name in self.counted_lists(official_lists)}
        if len(found) > 1:
            found.discard("other")
        return frozenset(found)


def _pattern_matches(pattern: str, text: str) -> bool:
    """'=ssi' matches the name 'SSI' only; 'entity list' matches inside longer names."""
    if pattern.startswith("="):
        return text.strip() == pattern[1:]
    return pattern in text


def _require(data: Any, key: str, path: str) -> Any:
    if not isinstance(data, LineDict):
        raise ReferenceError(f"{path}: expected a mapping at the top level")
    if key not in data:
        raise ReferenceError(f"{path}:{data.line}: missing field {key!r}")
    return data[key]


def _as_date(value: Any, path: str, where: LineDict, key: str) -> date:
    if isinstance(value, date):
        return value
    raise ReferenceError(f"{path}:{where.line_of(key)}: field {key!r} must be a date (YYYY-MM-DD)")


def _dated_codes(items: Iterable[Any], path: str) -> tuple[DatedCode, ...]:
    result = []
    for item in items:
        if not isinstance(item, LineDict) or "code" not in item:
            raise ReferenceError(f"{path}: every entry needs a 'code'")
        end = item.get("effective_to")
        result.append(
            DatedCode(
                code=str(item["code"]).upper(),
                name=str(item.get("name", "")),
                effective_from=_as_date(item.get("effective_from"), path, item, "effective_from"),
                effective_to=None if end is None else _as_date(end, path, item, "effective_to"),
                scope=str(item.get("scope", "country")),
            )
        )
    return tuple(result)


def _blocked_governments(items: Iterable[Any], path: str) -> tuple[BlockedGovernment, ...]:
    result = []
    for item in items:
        if not isinstance(item, LineDict) or "code" not in item:
            raise ReferenceError(f"{path}: every entry needs a 'code'")
        for key in ("order", "citation"):
            if not str(item.get(key) or "").strip():
                raise ReferenceError(f"{path}:{item.line}: missing field {key!r}")
        end = item.get("effective_to")
        result.append(
            BlockedGovernment(
                code=str(item["code"]).upper(),
                name=str(item.get("name", "")),
                order=str(item["order"]).strip(),
                effective_from=_as_date(item.get("effective_from"), path, item, "effective_from"),
                effective_to=None if end is None else _as_date(end, path, item, "effective_to"),
                citation=" ".join(str(item["citation"]).split()),
            )
        )
    return tuple(result)


def _pct(data: LineDict, key: str, path: str) -> float:
    value = _require(data, key, path)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise ReferenceError(f"{path}:{data.line_of(key)}: field {key!r} must be a percentage")
    return float(value)


def _excepted_investor_test(data: LineDict, path: str) -> ExceptedInvestorTest:
    years = _require(data, "record_lookback_years", path)
    if isinstance(years, bool) or not isinstance(years, int) or years < 0:
        raise ReferenceError(f"{path}:{data.line_of('record_lookback_years')}: must be whole years")
    return ExceptedInvestorTest(
        parent_voting_pct=_pct(data, "parent_voting_pct", path),
        board_share_pct=_pct(data, "board_share_pct", path),
        holder_pct=_pct(data, "holder_pct", path),
        minimum_pct=_pct(data, "minimum_excepted_ownership_pct", path),
        minimum_listed_pct=_pct(data, "minimum_excepted_ownership_listed_pct", path),
        record_lookback_years=years,
        record_citation=str(_require(data, "record_citation", path)),
    )


def _filing_leads(items: Iterable[Any], path: str) -> tuple[FilingLead, ...]:
    result = []
    for item in items:
        if not isinstance(item, LineDict) or "outcome" not in item:
            raise ReferenceError(f"{path}: every filing needs an 'outcome'")
        for period in _require(item, "periods", path):
            days = _require(period, "days_before_completion", path)
            if isinstance(days, bool) or not isinstance(days, int) or days < 0:
                raise ReferenceError(
                    f"{path}:{period.line_of('days_before_completion')}: must be whole days"
                )
            end = period.get("effective_to")
            result.append(
                FilingLead(
                    outcome=str(item["outcome"]),
                    title=str(item.get("title", item["outcome"])),
                    days=days,
                    effective_from=_as_date(
                        period.get("effective_from"), path, period, "effective_from"
                    ),
                    effective_to=None
                    if end is None
                    else _as_date(end, path, period, "effective_to"),
                    citation=" ".join(str(_require(period, "citation", path)).split()),
                )
            )
    return tuple(result)


def _official_list_categories(data: LineDict, path: str) -> dict[str, str]:
    """`official_lists`: consolidator id -> category, each category one of `categories`."""
    known = {str(item["category"]) for item in _require(data, "categories", path)}
    table = data.get("official_lists")
    if table is None:
        return {}
    if not isinstance(table, LineDict):
        raise ReferenceError(
            f"{path}:{data.line_of('official_lists')}: official_lists must map ids to categories"
        )
    for name, category in table.items():
        if str(category) not in known:
            raise ReferenceError(
                f"{path}:{table.line_of(name)}: official_lists: {name!r} maps to "
                f"{category!r}, which is not a category of this file"
            )
    return {str(name): str(category) for name, category in table.items()}


def _names(items: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(item).strip().lower() for item in items)


class _Reader:
    """Reads each file once, remembering its version and hash for the assessment record."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: list[ReferenceFile] = []

    def read(self, relative: str) -> LineDict:
        path = self.directory / relative
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ReferenceError(f"{path}: cannot read reference file: {exc}") from None
        try:
            data = load_text(text, str(path))
        except YamlError as exc:
            raise ReferenceError(str(exc)) from None
        if not isinstance(data, LineDict):
            raise ReferenceError(f"{path}: expected a mapping at the top level")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.files.append(
            ReferenceFile(str(data.get("id", relative)), str(data.get("version", "")), digest)
        )
        return data


def load_reference(directory: Path | None = None) -> ReferenceData:
    """Load every reference file from `rules/reference/` (or another directory for tests)."""
    reader = _Reader(directory or rules_dir() / "reference")
    adversaries = reader.read("foreign-adversaries.yaml")
    excepted = reader.read("excepted-foreign-states.yaml")
    usgs = reader.read("critical-minerals/usgs-2025.yaml")
    doe = reader.read("critical-minerals/doe-2023.yaml")
    japan = reader.read("critical-minerals/jp-fefta-core-minerals.yaml")
    china = reader.read("china-export-controls.yaml")
    rare_earths = reader.read("rare-earth-groups.yaml")
    elements = reader.read("element-names.yaml")
    affiliates = reader.read("bis-affiliates-rule.yaml")
    categories = reader.read("list-categories.yaml")
    blocked = reader.read("blocked-governments.yaml")
    excepted_test = reader.read("cfius-excepted-investor.yaml")
    fefta_test = reader.read("fefta-foreign-investor.yaml")
    filings = reader.read("filing-deadlines.yaml")

    jp_minerals = set(_names(_require(japan, "minerals", "jp-fefta-core-minerals.yaml")))
    for members in (japan.get("groups") or {}).values():
        jp_minerals |= _names(members)
    symbols = {**_require(elements, "elements", "element-names.yaml")}
    symbols.update(_require(rare_earths, "elements", "rare-earth-groups.yaml"))
    china_items = _require(china, "materials", "china-export-controls.yaml")
    return ReferenceData(
        adversaries=_dated_codes(
            _require(adversaries, "countries", "foreign-adversaries.yaml"),
            "foreign-adversaries.yaml",
        ),
        excepted_states=_dated_codes(
            _require(excepted, "states", "excepted-foreign-states.yaml"),
            "excepted-foreign-states.yaml",
        ),
        usgs_2025=_names(_require(usgs, "minerals", "usgs-2025.yaml")),
        doe_2023=_names(_require(doe, "minerals", "doe-2023.yaml")),
        jp_core_minerals=frozenset(jp_minerals),
        china_controls=tuple(
            DatedName(
                str(item["name"]).lower(),
                _as_date(
                    item.get("effective_from"), "china-export-controls.yaml", item, "effective_from"
                ),
            )
            for item in china_items
        ),
        rare_earth_groups={
            str(name): tuple(str(symbol) for symbol in members)
            for name, members in _require(rare_earths, "groups", "rare-earth-groups.yaml").items()
        },
        symbol_names={str(key): str(value).lower() for key, value in symbols.items()},
        affiliates_rule_from=_as_date(
            affiliates.get("effective_from"),
            "bis-affiliates-rule.yaml",
            affiliates,
            "effective_from",
        ),
        affiliates_rule_threshold_pct=float(
            _require(affiliates, "threshold_pct", "bis-affiliates-rule.yaml")
        ),
        affiliates_rule_suspensions=tuple(
            Window(
                _as_date(item.get("from"), "bis-affiliates-rule.yaml", item, "from"),
                _as_date(item.get("to"), "bis-affiliates-rule.yaml", item, "to"),
            )
            for item in affiliates.get("suspensions") or ()
        ),
        list_categories=tuple(
            (
                str(item["category"]),
                tuple(str(p).lower() for p in item["patterns"]),
                bool(item.get("also_source", False)),
            )
            for item in _require(categories, "categories", "list-categories.yaml")
        ),
        official_list_categories=_official_list_categories(categories, "list-categories.yaml"),
        blocked_governments=_blocked_governments(
            _require(blocked, "governments", "blocked-governments.yaml"),
            "blocked-governments.yaml",
        ),
        material_forms={
            str(name).strip().lower(): tuple(str(b).strip().lower() for b in broader or ())
            for name, broader in (elements.get("forms") or {}).items()
        },
        excepted_investor_test=_excepted_investor_test(
            excepted_test, "cfius-excepted-investor.yaml"
        ),
        fefta_investor_test=FeftaInvestorTest(
            foreign_voting_pct=_pct(
                fefta_test, "foreign_voting_pct", "fefta-foreign-investor.yaml"
            ),
            related_group_pct=_pct(fefta_test, "related_group_pct", "fefta-foreign-investor.yaml"),
        ),
        filing_leads=_filing_leads(
            _require(filings, "filings", "filing-deadlines.yaml"), "filing-deadlines.yaml"
        ),
        files=tuple(reader.files),
    )
