"""A stored case for service tests: a Hong Kong buyer of a US separation plant."""

from __future__ import annotations

from screener.models import TargetAsset, Transaction
from screener.store import Store
from tests.factory import make_case, make_entry, make_match, make_version


def add_case(
    store: Store, case_id: str = "C-1", *, with_transaction: bool = True, parent_pct: float = 70.0
) -> str:
    with store.unit_of_work() as session:
        case = make_case(
            session,
            case_id,
            title="Buyer to acquire 30 % of a separation plant",
            parties=[
                {"key": "ACQ", "name": "Buyer Holdings Ltd", "role": "acquirer",
                 "country_incorporation": "SG"},
                {"key": "PAR", "name": "Parent Group Co", "role": "owner",
                 "country_incorporation": "HK", "is_state_owned": True, "state_country": "CN"},
                {"key": "TGT", "name": "Plant LLC", "role": "target", "country_incorporation": "US"},
                {"key": "SEL", "name": "Seller Inc", "role": "seller", "country_incorporation": "US"},
            ],
            links=[
                {"holder_key": "PAR", "held_key": "ACQ", "equity_pct": parent_pct,
                 "voting_pct": parent_pct},
            ],
        )  # fmt: skip
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
    return case_id


def add_match(
    store: Store, case_id: str, party_key: str, *, source: str, list_name: str, status: str
) -> None:
    with store.unit_of_work() as session:
        version = make_version(session, source, "2025-11-01")
        key = f"E-{party_key}-{list_name}"
        entry = make_entry(session, version, key, "Listed Co", list_name=list_name)
        make_match(session, case_id, entry, party_key, score=0.95, status=status)
