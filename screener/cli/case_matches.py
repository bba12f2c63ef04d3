"""`screener case matches CASE_ID [--json]`: the hits to decide, with the ids to decide them by.

`case adjudicate` takes match ids, and nothing else on the command line printed them: an
officer without the window had no way to decide a case. One line per party and listed
entity, as the Matches tab and the sign-off blockers count them; its number is the match to
name (the entity's other lists get the same decision), and the lines under it say where the
entity is listed and on what evidence its lists' entries are one.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import click

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.lists.entity_links import evidence_between
from screener.lists.link_evidence import SameEntityEvidence, evidence_lines, evidence_within
from screener.lists.listing_ends import ends_shown
from screener.models import Case
from screener.words import counted
from screener.workflow.entity_hits import EntityHit, case_entity_hits, status_counts
from screener.workflow.screening_state import screening_state


@click.command("matches")
@click.argument("case_id")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_app
def matches_command(app: AppContext, case_id: str, as_json: bool) -> None:
    """The case's hits, one per party and listed entity, with the match id to adjudicate."""
    with app.store().session() as session:
        case = session.get(Case, case_id)
        if case is None:
            fail(f"No case with id {case_id!r}.")
        never_screened = screening_state(case, session).never_screened
        hits = case_entity_hits(session, case_id)
        names = case.party_names
        refs = [(m.source, m.entry_key) for hit in hits for m in hit.memberships()]
        links = evidence_between(session, refs)  # every hit's joins, read once
        rows = [_row(hit, names, links) for hit in hits]
        counts = status_counts(hits)
    if as_json:
        echo_json(rows)
        return
    if never_screened:
        click.echo(f"{case_id}: not screened yet (screener case screen {case_id})")
        return
    left = ", ".join(f"{n} {status}" for status, n in counts.items())
    hit = f"{case_id}: {counted(len(rows), 'listed entity', 'listed entities')} hit"
    click.echo(hit + (f" ({left})" if rows else ""))
    for row in rows:
        strong = " strong" if row["strong"] else ""
        new = "  NEW" if row["new"] else ""
        click.echo(
            f"  {row['match_id']:>6}  {row['status']:<9} {row['score']:.2f}{strong:<7}"
            f" {row['party']} ({row['party_key']}){new}"
        )
        for member in row["memberships"]:
            programmes = ", ".join(p for p in member["programmes"] if p != member["list_name"])
            ends = f"listing ends {member['listing_ends']}" if member["listing_ends"] else ""
            detail = "; ".join(x for x in (member["list_name"], programmes, ends) if x)
            named = member["listed_name"]
            click.echo(
                f"            on {member['source']} {member['entry_key']}"
                + (f"  {named!r}" if named != member["entry_key"] else "")
                + (f" ({detail})" if detail else "")
            )
        joins = (SameEntityEvidence(**link) for link in row["one_entity_because"])
        for why in evidence_lines(joins):
            click.echo(f"            one entity because: {why}")
        if row["reason"]:
            click.echo(f"            {row['decided_by']}: {row['reason']}")
    if any(row["status"] == "pending" for row in rows):
        click.echo(
            "Decide with: screener case adjudicate MATCH_ID ... "
            "--outcome confirm|dismiss|unsure --reason TEXT"
        )


def _row(
    hit: EntityHit, parties: dict[str, str], links: list[SameEntityEvidence]
) -> dict[str, Any]:
    best, today = hit.best, date.today()
    joined = evidence_within(links, ((m.source, m.entry_key) for m in hit.memberships()))
    decision = best.decisions[-1] if best.decisions else None
    by_id = {m.id: m for m in hit.matches}
    return {
        "match_id": best.id,
        "match_ids": list(hit.match_ids),
        "party_key": hit.party_key,
        "party": parties.get(hit.party_key, hit.party_key),
        "status": hit.status,
        "score": round(best.score, 4),
        "strong": best.is_strong,
        "new": hit.is_new,
        "reason": decision.reason if decision is not None else "",
        "decided_by": decision.decided_by if decision is not None else "",
        "memberships": [
            {
                "match_id": member.match_id,
                "source": member.source,
                "entry_key": member.entry_key,
                "list_name": member.list_name,
                "programmes": list(member.programs),
                "listed_name": by_id[member.match_id].matched_name,
                "listing_ends": ", ".join(ends_shown(by_id[member.match_id].entry.data, today)),
                "status": member.status,
            }
            for member in hit.memberships()
        ],
        # why the memberships are one entity (one decision covers them): the lists' evidence
        "one_entity_because": [asdict(link) for link in joined],
    }
