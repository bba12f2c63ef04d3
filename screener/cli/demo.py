"""`screener demo load`: the same first-run demo the desktop app prepares, from a shell.

Useful to try the headless commands (`screener ownership`, `screener memo`, `screener case`)
on a complete case, and for a trainer preparing a database before a session.
"""

from __future__ import annotations

import sys

import click
from sqlalchemy import func, select

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.demo.pipeline import DemoPreparationCancelled, prepare_demo
from screener.lists.base import ListFormatError
from screener.models import Case
from screener.words import counted


@click.group("demo")
def demo_group() -> None:
    """The fictional demonstration case."""


@demo_group.command("load")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@pass_app
def load_command(app: AppContext, as_json: bool) -> None:
    """Load the demo case into an empty database, screened, with ownership and risk.

    Demo list excerpts are imported only when the database holds no lists of its own;
    otherwise the demo case is screened against the lists already there. Running it again
    changes nothing.
    """
    store = app.store()
    try:
        result = prepare_demo(store, on_progress=_stage_on_terminal)
    except (ListFormatError, DemoPreparationCancelled) as exc:
        fail(f"the demo could not be prepared: {exc}")
    if result is None:
        with store.session() as session:
            cases = session.execute(select(func.count()).select_from(Case)).scalar_one()
        fail(
            "the demo is loaded only into a database without cases, and not again once "
            f"deleted; this database holds {counted(cases, 'case')}"
        )
    if as_json:
        echo_json(result.as_dict())
        return
    if result.already_prepared:
        click.echo(f"Demo case {result.case_id} is already loaded; nothing changed.")
        return
    for imported in result.lists_imported:
        click.echo(
            f"List {imported.source_name}: version {imported.version_id} ({imported.label}), "
            f"{imported.entry_count} entries."
        )
    if result.demo_lists_skipped:
        click.echo(f"No demo lists imported: {result.demo_lists_skipped}.")
    screening = result.screening
    click.echo(
        f"Demo case {result.case_id}: {screening.get('parties', 0)} parties screened, "
        f"{counted(screening.get('matches', 0), 'possible match', 'possible matches')} "
        f"({screening.get('strong_matches', 0)} strong) to review."
    )
    ownership = result.ownership
    click.echo(
        f"Ownership of the target: {ownership.get('adversary_share', 0):.2f} % through "
        f"foreign-adversary jurisdictions, {ownership.get('unresolved_share', 0):.2f} % "
        "unresolved."
    )
    click.echo(
        f"Risk assessment {result.assessment_id}: {result.total:g} points, tier {result.tier}, "
        f"{counted(result.hits, 'rule')} fired."
    )


def _stage_on_terminal(done: int, total: int, stage: str) -> None:
    """Each step on stderr when a person is watching (screening real lists takes a while)."""
    if sys.stderr.isatty() and done < total:
        click.echo(f"[{done + 1}/{total}] {stage}…", err=True)


COMMANDS = [demo_group]
