"""A stored case for service tests: a Hong Kong buyer of a US separation plant."""

from __future__ import annotations

from screener.models import (
    Case,
    ListEntry,
    ListSource,
    ListVersion,
    MatchResult,
    OwnershipLink,
    Party,
    TargetAsset,
    Transaction,
)
from screener.store import Store


def add_case(
    store: Store, case_id: str = "C-1", *, with_transaction: bool = True, parent_pct: float = 70.0
) -> str:
    with store.unit_of_work() as session:
        case = Case(
            id=case_id, title="Buyer to acquire 30 % of a separation plant", jurisdictions=["US"]
        )
        case.parties = [
            Party(
                key="ACQ", name="Buyer Holdings Ltd", role="acquirer", country_incorporation="SG"
            ),
            Party(
                key="PAR",
                name="Parent Group Co",
                role="owner",
                country_incorporation="HK",
                is_state_owned=True,
                state_country="CN",
            ),
            Party(key="TGT", name="Plant LLC", role="target", country_incorporation="US"),
            Party(key="SEL", name="Seller Inc", role="seller", country_incorporation="US"),
        ]
        case.ownership_links = [
            OwnershipLink(
                holder_key="PAR", held_key="ACQ", equity_pct=parent_pct, voting_pct=parent_pct
            ),
        ]
        if with_transaction:
            txn = Transaction(
                acquirer_key="ACQ", seller_key="SEL", target_key="TGT", stake_after_pct=30.0,
                board_seats=1, board_size=7, vetoes=["Closure of the plant"],
            )  # fmt: skip
            txn.target = TargetAsset(
                name="Plant", asset_type="separation_plant", country="US", us_tid_business=True,
                elements=["Dy", "Nd"], processing_stages=["separation"],
            )  # fmt: skip
            case.transaction = txn
        session.add(case)
    return case_id


def add_match(
    store: Store, case_id: str, party_key: str, *, source: str, list_name: str, status: str
) -> None:
    with store.unit_of_work() as session:
        list_source = session.query(ListSource).filter_by(name=source).one_or_none()
        if list_source is None:
            list_source = ListSource(name=source)
            session.add(list_source)
        version = ListVersion(
            source=list_source,
            label="2025-11-01",
            format="test",
            content_hash=f"h-{source}-{list_name}-{party_key}",
        )
        entry = ListEntry(
            version=version, entry_key=f"E-{party_key}-{list_name}", list_name=list_name,
            entity_type="organization", primary_name="Listed Co", content_hash="e",
        )  # fmt: skip
        session.add_all([version, entry])
        session.flush()
        session.add(
            MatchResult(
                case_id=case_id,
                party_key=party_key,
                list_entry_id=entry.id,
                list_version_id=version.id,
                source_name=source,
                entry_key=entry.entry_key,
                query_name="q",
                matched_name="m",
                score=0.95,
                status=status,
            )  # fmt: skip
        )
