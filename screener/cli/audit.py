"""`screener audit ...`: check the hash-chained audit log and read it.

`screener audit verify` is a contract (exact name): exit 0 when the chain is intact, 1 when
a record was edited or deleted, naming each broken record on stderr.
"""

from __future__ import annotations

import sys

import click
from sqlalchemy import func, select

from screener import audit
from screener.cli.context import AppContext, echo_json, pass_app
from screener.models import AuditEvent


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail."""


@audit_group.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def verify_command(app: AppContext, as_json: bool) -> None:
    """Check every record's hash and link; name each edited or deleted record."""
    with app.store().session() as session:
        breaks = audit.verify(session)
        count = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    if as_json:
        echo_json(
            {
                "intact": not breaks,
                "records": count,
                "breaks": [{"record": b.event_id, "problem": b.problem} for b in breaks],
            }
        )
    elif not breaks:
        click.echo(f"Audit trail intact: {count} records, every hash and link checks out.")
    else:
        click.echo(f"Audit trail BROKEN: {len(breaks)} problem(s) in {count} records.", err=True)
        for chain_break in breaks:
            click.echo(f"  {chain_break.describe()}", err=True)
    if breaks:
        sys.exit(1)


@audit_group.command("log")
@click.option("--case", "case_id", default=None, help="Only the records of this case.")
@click.option("--limit", default=50, show_default=True, help="How many of the newest records.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_app
def log_command(app: AppContext, case_id: str | None, limit: int, as_json: bool) -> None:
    """The newest audit records, oldest first."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if case_id:
        query = query.where(AuditEvent.case_id == case_id)
    with app.store().session() as session:
        events = list(reversed(session.execute(query).scalars().all()))
    if as_json:
        echo_json(
            [
                {
                    "id": e.id,
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "object": f"{e.object_type}:{e.object_id}",
                    "case_id": e.case_id,
                    "details": e.details,
                }
                for e in events
            ]
        )
        return
    for e in events:
        click.echo(
            f"{e.id:>6} {audit.format_time(e.at)} {e.actor:<16} {e.action:<28} "
            f"{e.object_type}:{e.object_id}"
        )


COMMANDS = [audit_group]
