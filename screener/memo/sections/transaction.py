"""Transaction facts: the deal terms and the target asset."""

from __future__ import annotations

from reportlab.platypus import Flowable

from screener.memo.layout import MemoLayout


def transaction(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    out = memo.heading("sec_transaction")
    out += memo.sub("deal_terms")
    out.append(
        memo.facts_table(d.transaction_facts)
        if d.transaction_facts
        else memo.empty("no_transaction")
    )
    out += memo.sub("target_asset")
    out.append(memo.facts_table(d.target_facts) if d.target_facts else memo.empty("no_target"))
    return out
