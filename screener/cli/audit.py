"""`screener audit ...`: check the hash-chained audit log and read it.

`screener audit verify` is a contract (exact name): exit 0 when the log is intact and the
tables are what it says, 1 otherwise, naming each broken record or differing row on stderr.
`screener audit anchor --out FILE` writes the signed-off head to a file the office keeps.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlalchemy import select

from screener import audit, audit_seal
from screener.audit_anchor import (
    AnchorError,
    ChainHead,
    anchor_document,
    read_anchor,
    write_anchor_file,
)
from screener.audit_verify import verify_log
from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.cli.roles import refused_unless
from screener.models import AuditEvent
from screener.words import counted


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail."""


@audit_group.command("verify")
@click.option(
    "--anchor",
    "anchors",
    multiple=True,
    metavar="FILE|HEAD",
    help="An anchor file, or a head as printed on a memo or export (record N sha256:HASH); "
    "the log must still extend it. Repeatable.",
)
@click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The office key file: every record must carry its seal.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def verify_command(
    app: AppContext, anchors: tuple[str, ...], key_file: Path | None, as_json: bool
) -> None:
    """Check the chain, replay it against the tables, and check anchors and seals.

    Names each edited, deleted or added record, and each decision, match, sign-off, case
    state or ownership edge that is not what the log says.
    """
    try:
        read = [read_anchor(value) for value in anchors]
        key = audit_seal.read_key(key_file) if key_file is not None else None
    except (AnchorError, audit_seal.AuditKeyError) as exc:
        fail(str(exc))
    with app.store().session() as session:
        report = verify_log(session, anchors=read, key=key)
    problems = report.problems()
    if as_json:
        echo_json(
            {
                "intact": report.intact,
                "records": report.head.record,
                "head": report.head.hash,
                "anchors_checked": report.anchors_checked,
                "seals_checked": report.seals_checked,
                "breaks": [{"record": b.event_id, "problem": b.problem} for b in report.chain],
                "state": [
                    {"kind": m.kind, "id": m.row_id, "problem": m.problem, "record": m.event_id}
                    for m in report.state
                ],
                "anchors": report.anchors,
                "seals": report.seals,
            }
        )
    elif report.intact:
        extra = "".join(
            (
                f"; extends {counted(report.anchors_checked, 'anchor')}" if report.anchors_checked else "",
                "; every record sealed with the office key" if report.seals_checked else "",
            )
        )
        click.echo(
            f"Audit trail intact: {report.head.record} records, every hash and link checks out, "
            f"and every decision, match, sign-off, case state and ownership edge is what the "
            f"log says{extra}. Head: {report.head.text()}"
        )
    else:
        click.echo(
            f"Audit trail BROKEN: {counted(len(problems), 'problem')} in {report.head.record} records.",
            err=True,
        )
        for problem in problems:
            click.echo(f"  {problem}", err=True)
    if not report.intact:
        sys.exit(1)


@audit_group.command("anchor")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The anchor file to write (never overwritten); keep it away from the database.",
)
@click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Seal the anchor with the office key file.",
)
@pass_app
def anchor_command(app: AppContext, out: Path, key_file: Path | None) -> None:
    """Sign off the log's head into a file the office keeps (only on an intact log)."""
    try:
        key = audit_seal.read_key(key_file) if key_file is not None else None
    except audit_seal.AuditKeyError as exc:
        fail(str(exc))
    if out.exists():
        fail(f"{out}: exists already; anchors are kept, never overwritten")
    store = app.store()
    with store.session() as session:
        report = verify_log(session, key=key)
    if not report.intact:
        fail(
            f"the audit trail is broken ({counted(len(report.problems()), 'problem')}; run "
            "`screener audit verify`): no anchor written"
        )
    with refused_unless(app, "anchor_audit"), store.unit_of_work() as session:
        event = audit.record(
            session,
            "audit.anchored",
            "audit",
            report.head.record,
            details={"file": str(out), "verified_head": report.head.hash},
        )
        head = ChainHead(event.id, event.hash)
        document = anchor_document(head, event.actor, event.at, key)
        try:
            write_anchor_file(out, document)
        except AnchorError as exc:
            fail(str(exc))
    click.echo(f"Anchored {head.text()} (signed off by {event.actor}) in {out}")


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
