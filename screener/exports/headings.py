"""The results export's sheet titles, column headings and Case-sheet fields in Japanese.

In code every column is named by its English key (`party`, `decided_at`), which is also what
an English export prints, so tools reading those files keep working. A Japanese officer's
export prints these headings instead, in the memo's words (screener.memo.labels): the same
party is 当事者 on the memo and in the workbook. Kept as data so a reviewer can correct the
Japanese without reading code; a test checks that every column an export writes has one.
"""

from __future__ import annotations

from collections.abc import Sequence

SHEETS_JA: dict[str, str] = {
    "Screening results": "スクリーニング結果",
    "Rule hits": "該当ルール",
    "Ownership links": "所有関係",
    "Case": "案件",
}

COLUMNS_JA: dict[str, str] = {
    # screening results
    "case_id": "案件番号",
    "party": "当事者",
    "list": "リスト",
    "sub_list": "リスト区分",
    "entry_id": "登録番号",
    "listed_on": "掲載リスト",
    "listed_name": "登録名",
    "score": "スコア",
    "strength": "一致の強さ",
    "status": "状況",
    "decision": "判断",
    "reason": "理由",
    "decided_by": "判断者",
    "decided_at": "判断日時",
    "programmes": "制裁プログラム",
    "why_matched": "一致の根拠",
    "explanation": "スコアの技術的詳細",
    "audit_chain_head": "出力時の監査ログ",
    # rule hits
    "rule": "ルール",
    "category": "区分",
    "title": "ルール名",
    "points": "点数",
    "outcome": "結論",
    "facts": "参照した事実",
    "source": "出典",
    # ownership links
    "holder": "保有者",
    "held": "被保有者",
    "equity_pct": "出資 %",
    "voting_pct": "議決権 %",
    "control": "支配",
    "confidence": "確度",
    # case sheet
    "field": "項目",
    "value": "値",
}

# The Case sheet's fields (its `field` column), where they differ from a column's heading.
FIELDS_JA: dict[str, str] = {
    **COLUMNS_JA,
    "title": "件名",
    "decision": "決定",
    "jurisdictions": "管轄",
    "filing_deadline": "届出期限",
    "risk_tier": "リスク区分",
    "total_score": "合計点",
    "pack_hash": "パックのハッシュ",
    "handling_marking": "取扱区分",
    "exported_at": "出力日時",
    "app_version": "アプリケーションの版",
}


def sheet_title(title: str, lang: str) -> str:
    return SHEETS_JA.get(title, title) if lang == "ja" else title


def column_headings(columns: Sequence[str], lang: str) -> tuple[str, ...]:
    if lang != "ja":
        return tuple(columns)
    return tuple(COLUMNS_JA.get(c, c) for c in columns)


def field_name(field: str, lang: str) -> str:
    return FIELDS_JA.get(field, field) if lang == "ja" else field
