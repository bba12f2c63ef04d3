"""A case with every part the memo prints, written through the real store.

Names in Chinese, Japanese, Cyrillic and Arabic script are on purpose: the memo must print
them. The facts are fictional; the list entry is a small made-up version, not a real list.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from screener.models import (
    Assessment,
    Case,
    Decision,
    ListedEntityLink,
    ListSource,
    Note,
    SignOff,
    TargetAsset,
    Transaction,
)
from screener.store import Store
from tests.factory import make_case, make_entry, make_match, make_version

CHINESE_NAME = "中国华信稀土集团有限公司"
JAPANESE_NAME = "東邦レアアース株式会社"
CYRILLIC_NAME = "ООО Уральские редкие металлы"
ARABIC_NAME = "شركة الخليج للمعادن"
CASE_ID = "MEMO-2026-0042"


def _party(key: str, name: str, **kw: object) -> dict[str, object]:
    return {"key": key, "name": name, **kw}


def _link(holder_key: str, held_key: str, **kw: object) -> dict[str, object]:
    return {"holder_key": holder_key, "held_key": held_key, **kw}


def seed_rich_case(store: Store, case_id: str = CASE_ID, with_results: bool = True) -> str:
    """A case with deal, target, a four-level ownership chain and, optionally, results."""
    with store.unit_of_work() as session:
        case = make_case(
            session,
            case_id,
            title="Huaxin-backed acquisition of 60 % of Ridgeline Magnetics (Texas magnet plant)",
            status="in_review",
            jurisdictions=["US", "JP"],
            handling_marking="CUI",
            assignee="a.tanaka",
            received_date=date(2026, 10, 1),
            filing_date=date(2026, 10, 5),
            filing_deadline=date(2026, 12, 1),
            summary=(
                "A Singapore holding company controlled through Hong Kong by a Chinese "
                "state-owned group buys 60 % of a sintered NdFeB magnet plant.\n\n"
                "Its Japanese co-investor holds the remaining technology licence."
            ),
            recommendation="Recommend block unless the mitigation package is agreed.",
            parties=[
                _party(
                    "GOV",
                    "State-owned Assets Supervision and Administration Commission",
                    party_type="government",
                    is_government=True,
                    country_incorporation="CN",
                ),
                _party(
                    "HX",
                    CHINESE_NAME,
                    name_romanised="China Huaxin Rare Earth Group",
                    is_state_owned=True,
                    country_incorporation="CN",
                ),
                _party("HK", "Huaxin Resources (Hong Kong) Limited", country_incorporation="HK"),
                _party(
                    "ACQ",
                    "Pacific Lanthanide Holdings Pte. Ltd.",
                    role="acquirer",
                    country_incorporation="SG",
                ),
                _party("JP1", JAPANESE_NAME, country_incorporation="JP"),
                _party("RU1", CYRILLIC_NAME, country_incorporation="RU"),
                _party("AE1", ARABIC_NAME, country_incorporation="AE"),
                _party(
                    "SELL", "Ridgeline Holdings Inc.", role="seller", country_incorporation="US"
                ),
                _party(
                    "TGT", "Ridgeline Magnetics Inc.", role="target", country_incorporation="US"
                ),
            ],
            links=[
                _link("GOV", "HX", equity_pct=100.0),
                _link("HX", "HK", equity_pct=100.0),
                _link("HK", "ACQ", equity_pct=70.0),
                _link("JP1", "ACQ", equity_pct=15.0, voting_pct=10.0),
                _link("RU1", "ACQ", equity_pct=5.0),
                _link("AE1", "SELL", equity_pct=30.0),
                _link("ACQ", "TGT", equity_pct=60.0),
                _link("SELL", "TGT", equity_pct=40.0),
            ],
        )
        txn = Transaction(
            structure="share_purchase",
            acquirer_key="ACQ",
            seller_key="SELL",
            target_key="TGT",
            stake_before_pct=0,
            stake_after_pct=60,
            voting_before_pct=0,
            voting_after_pct=60,
            board_seats=3,
            board_size=5,
            vetoes=["offtake allocation", "closure"],
            information_rights=True,
            technology_access=True,
            gains_control=True,
            value=412_000_000,
            currency="USD",
            signing_date=date(2026, 9, 20),
            description="Share purchase of 60 % of the shares of Ridgeline Magnetics Inc.",
        )
        txn.target = TargetAsset(
            name="Ridgeline Magnetics Sealy Plant",
            asset_type="magnet_plant",
            legal_entity_key="TGT",
            country="US",
            region="Texas",
            elements=["Nd", "Pr", "Dy", "Tb"],
            processing_stages=["magnet manufacturing"],
            share_ex_china_pct=12.5,
            defence_customers=True,
            us_tid_business=True,
            critical_technology=True,
        )
        case.transaction = txn
        if with_results:
            _add_results(session, case)
    return case_id


def _add_results(session: Session, case: Case) -> None:
    session.add(ListSource(name="TEST-SDN", publisher="Test publisher"))
    version = make_version(
        session, "TEST-SDN", "2026-11-01", format="csv", content_hash="ab" * 32,
        publisher_date="2026-11-01", entry_count=1,
    )  # fmt: skip
    entry = make_entry(
        session, version, "36219", "CHINA HUAXIN RARE EARTH GROUP CO., LTD.", list_name="SDN",
        entity_type="organisation", programs=["CMIC-EO13959"], content_hash="cd" * 32,
    )  # fmt: skip
    confirmed = make_match(
        session,
        case,
        entry,
        "HX",
        score=0.97,
        query_name="China Huaxin Rare Earth Group",
        is_strong=True,
        explanation="All name tokens agree after legal-form removal; country CN agrees.",
        status="confirmed",
    )
    confirmed.decisions = [
        Decision(
            outcome="confirmed",
            reason="Same registration number 91110000MA01.",
            decided_by="a.tanaka",
            decided_at=datetime(2026, 11, 2, 9, 30),
        )
    ]
    # the CSL republishes that SDN entry: one listed entity, decided once, printed once
    session.add(ListSource(name="US-CSL", publisher="Test publisher"))
    csl_version = make_version(
        session, "US-CSL", "2026-11-01", format="csv", content_hash="ef" * 32, entry_count=1
    )
    copy = make_entry(
        session, csl_version, "SDN:36219", "CHINA HUAXIN RARE EARTH GROUP CO., LTD.",
        list_name="Specially Designated Nationals (SDN) - Treasury Department",
        entity_type="organisation", programs=["CMIC-EO13959"], content_hash="ce" * 32,
    )  # fmt: skip
    session.add(
        ListedEntityLink(
            entry_a_id=entry.id,
            entry_b_id=copy.id,
            source_a="TEST-SDN", key_a="36219", source_b="US-CSL", key_b="SDN:36219",
            kind="source_id", evidence="US-CSL SDN:36219",
        )
    )  # fmt: skip
    copied = make_match(
        session,
        case,
        copy,
        "HX",
        score=0.97,
        query_name="China Huaxin Rare Earth Group",
        is_strong=True,
        explanation="All name tokens agree after legal-form removal; country CN agrees.",
        status="confirmed",
    )
    copied.decisions = [
        Decision(
            outcome="confirmed",
            reason="Same registration number 91110000MA01.",
            decided_by="a.tanaka",
            decided_at=datetime(2026, 11, 2, 9, 30),
        )
    ]
    make_match(
        session,
        case,
        entry,
        "RU1",
        score=0.71,
        matched_name="URALSKIE REDKIE METALLY",
        explanation="Transliterated tokens overlap partially.",
        status="pending",
        changed_since_dismissed={
            "primary_name": {"before": "URALSKIE METALLY", "after": "URALSKIE REDKIE METALLY"}
        },
    )
    session.add(
        Assessment(
            case=case,
            created_by="a.tanaka",
            created_at=datetime(2026, 11, 3, 10, 0),
            packs=[
                {
                    "id": "us-cfius",
                    "version": "2026.1",
                    "sha256": "ef" * 32,
                    "source": "rules/us-cfius.yaml",
                    "text": "",
                }
            ],
            pack_hash="ef" * 32,
            list_versions=[
                {
                    "kind": "screening",
                    "source": "TEST-SDN",
                    "version_id": version.id,
                    "label": "2026-11-01",
                    "content_hash": "ab" * 32,
                    "publisher_date": "2026-11-01",
                },
                {
                    "kind": "reference",
                    "id": "foreign-adversaries",
                    "version": "2025-01-01",
                    "sha256": "12" * 32,
                },
            ],
            category_scores={"threat": 80, "vulnerability": 45, "consequence": 30},
            total_score=155,
            tier="High",
            outcomes=[
                {
                    "outcome": "mandatory_declaration",
                    "label": "Mandatory CFIUS declaration",
                    "rule_ids": ["G3"],
                    "overrides_score": True,
                },
                {
                    "outcome": "notify_funder",
                    "label": "Notify the funder",
                    "rule_ids": ["C2"],
                    "overrides_score": False,
                },
            ],
            hits=[
                {
                    "rule_id": "G3",
                    "pack_id": "us-cfius",
                    "title": "Mandatory CFIUS declaration",
                    "category": "gate",
                    "points": 0.0,
                    "outcomes": ["mandatory_declaration"],
                    "notes": [],
                    "facts": {"ownership.acquirer.government_share_pct": 70.0},
                    "rationale": "",
                    "source": "31 CFR 800.401(b)",
                },
                {
                    "rule_id": "T1",
                    "pack_id": "us-cfius",
                    "title": "Chain entity in a foreign-adversary country",
                    "category": "threat",
                    "points": 40.0,
                    "outcomes": [],
                    "notes": [],
                    "facts": {"parties.adversary": [CHINESE_NAME]},
                    "rationale": "Incorporated in CN.",
                    "source": "15 CFR 791.4",
                },
                {
                    "rule_id": "V1",
                    "pack_id": "us-cfius",
                    "title": "Magnet manufacturing stage",
                    "category": "vulnerability",
                    "points": 25.0,
                    "outcomes": [],
                    "notes": [],
                    "facts": {"target.stages": ["magnet manufacturing"]},
                    "rationale": "",
                    "source": "rule pack",
                },
                {
                    "rule_id": "C1",
                    "pack_id": "us-cfius",
                    "title": "Supplies defence primes",
                    "category": "consequence",
                    "points": 30.0,
                    "outcomes": [],
                    "notes": ["Notify the funder."],
                    "facts": {"target.defence_customers": True},
                    "rationale": "",
                    "source": "EO 14083",
                },
            ],
        )
    )
    session.add(
        Note(
            case=case,
            author="a.tanaka",
            text="Counterpart at METI informed on 2 November.",
            created_at=datetime(2026, 11, 2, 12, 0),
        )
    )
    session.add(
        SignOff(
            case=case,
            role="reviewer",
            user="b.smith",
            outcome="recommend_block",
            comment="Threat is state-directed.",
            signed_at=datetime(2026, 11, 4, 8, 0),
        )
    )
