"""`screener cases ...`: list the cases in the database."""

from __future__ import annotations

import click
from sqlalchemy import select

from screener.cli.context import AppContext, echo_json, pass_app
from screener.models import Case


@click.group("cases")
def cases_group() -> None:
    """Cases under review."""


@cases_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_app
def list_cases(app: AppContext, as_json: bool) -> None:
    """Every case with its id, title and status."""
    with app.store().session() as session:
        rows = [
            {
                "id": case.id,
                "title": case.title,
                "status": case.status,
                "decision": case.decision,
                "jurisdictions": case.jurisdictions,
                "assignee": case.assignee,
                "filing_deadline": case.filing_deadline.isoformat()
                if case.filing_deadline
                else None,
            }
            for case in session.execute(select(Case).order_by(Case.id)).scalars()
        ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']:<16} {row['status']:<10} {row['title']}")


COMMANDS = [cases_group]
