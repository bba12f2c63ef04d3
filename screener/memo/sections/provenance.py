"""Provenance: the list versions, rule packs and reference data the findings rest on, with hashes."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from screener.memo.layout import MemoLayout


def provenance(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    out = memo.heading("sec_provenance")
    out += memo.sub("prov_lists")
    if d.list_versions:
        keys = ("col_list", "col_publisher_date", "col_imported", "col_entries")
        rows = [
            (
                (v.source + (f" ({v.label})" if v.label else ""), v.publisher_date or "—",
                 memo.value(v.imported_at), f"{v.entry_count:,}"),
                v.content_hash,
            )
            for v in d.list_versions
        ]  # fmt: skip
        out.append(memo.hashed_table([memo.t[k] for k in keys], rows, (0.4, 0.18, 0.28, 0.14)))
    elif d.screening is not None:
        out.append(memo.empty("prov_lists_unrecorded"))
    else:
        out.append(memo.empty("prov_no_lists"))
    out += memo.sub("prov_rules")
    a = d.assessment
    if a is None:
        out.append(memo.empty("prov_no_rules"))
    else:
        pack_rows = [
            (memo.t["prov_rules"], ", ".join(a.packs) or "—"),
            (memo.t["pack_hash"], a.pack_hash),
            (
                memo.t["assessment"],
                memo.label("assessed_on", when=memo.value(a.created_at), who=a.created_by or "—"),
            ),
        ]
        out.append(memo.table(None, pack_rows, (0.25, 0.75), label_column=True))
        if a.reference_data:
            out += memo.sub("reference_data")
            out.append(
                memo.hashed_table(
                    [memo.t["col_reference"], memo.t["col_version"]],
                    [((name, version), digest) for name, version, digest in a.reference_data],
                    (0.6, 0.4),
                )
            )
    out.append(Spacer(1, 6))
    out.append(
        memo.table(
            None,
            [
                (memo.t["app_version"], f"Screener {d.app_version}"),
                (memo.t["generated_at"], memo.value(d.generated_at)),
                *([(memo.t["audit_head"], d.audit_head)] if d.audit_head else []),
            ],
            (0.25, 0.75),
            label_column=True,
        )
    )
    return out
