"""`screener deals ...`: import deal files, print the JSON Schema, write the template."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy.orm import Session

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.deals import DealFileError, import_deal_file, validate_deal_file
from screener.deals.export import export_cases
from screener.deals.importer import ProgressCallback
from screener.deals.schema import deal_file_schema
from screener.deals.writer import write_template
from screener.matching.db_index import kept_index
from screener.models import Case
from screener.words import counted
from screener.workflow.screening import ScreeningSummary, screen_case
from screener.workflow.screening_state import active_versions, screening_state


@click.group("deals")
def deals_group() -> None:
    """Deal files (XLSX, a folder of CSV files, or JSON)."""


@deals_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option(
    "--screen",
    is_flag=True,
    help="Screen every imported case against the active lists at once (a case is signed "
    "only after it was screened).",
)
@pass_app
def import_command(app: AppContext, file: Path, as_json: bool, screen: bool) -> None:
    """Import FILE: each transaction becomes (or updates) one case."""
    try:
        with _progress_on_terminal() as on_progress:
            result = import_deal_file(app.store(), file, on_progress=on_progress)
    except DealFileError as exc:
        for issue in exc.issues:
            click.echo(f"screener: {issue}", err=True)
        raise SystemExit(2) from None
    screened = _screen_cases(app, result.case_ids) if screen else []
    if as_json:
        echo_json(
            {
                "case_ids": result.case_ids,
                "cases": [
                    {"case_id": c.case_id, "outcome": c.outcome, "changes": c.changes}
                    for c in result.cases
                ],
                "warnings": [w.as_dict() for w in result.warnings],
                "screened": [s.as_dict() for s in screened],
            }
        )
        return
    for warning in result.warnings:
        click.echo(f"screener: {warning}", err=True)
    by_case = {s.case_id: s for s in screened}
    with app.store().session() as session:
        for case in result.cases:
            changed = case.outcome == "updated"
            detail = f" ({counted(len(case.changes), 'change')})" if changed else ""
            done = by_case.get(case.case_id)
            screening = (
                f"; screened {counted(done.parties, 'party', 'parties')}: "
                f"{counted(done.matches, 'match', 'matches')}, {done.new_matches} new"
                if done
                else _screening_left(session.get(Case, case.case_id), session)
            )
            click.echo(f"{case.case_id} {case.outcome}{detail}{screening}")


def _screening_left(case: Case | None, session: Session) -> str:
    """What screening an imported case still needs: an unchanged case screened before is
    not 'not screened yet', as the answer said of every case imported without --screen."""
    if case is None:
        return ""
    state = screening_state(case, session)
    again = " (import with --screen, or Screen now in the window)"
    if state.never_screened:
        return "; not screened yet" + again
    if state.unscreened:
        return f"; {counted(len(state.unscreened), 'party', 'parties')} not screened since " + (
            "added or changed" + again
        )
    if state.newer_lists:
        return f"; screened before the active {', '.join(state.newer_lists)}: screen it again"
    return "; screened against the active lists"


def _screen_cases(app: AppContext, case_ids: list[str]) -> list[ScreeningSummary]:
    store = app.store()
    with store.session() as session:
        if not active_versions(session):
            fail("no sanctions list is loaded: import lists first (screener lists import)")
        index = kept_index(session)
    return [screen_case(store, case_id, index) for case_id in case_ids]


@contextmanager
def _progress_on_terminal() -> Iterator[ProgressCallback]:
    """A bar on stderr while a big file imports; nothing when stderr is not a terminal."""
    from tqdm import tqdm

    with tqdm(
        total=0, unit="row", disable=not sys.stderr.isatty(), file=sys.stderr, leave=False
    ) as bar:
        shown = [""]

        def show(done: int, total: int, stage: str) -> None:
            if total and bar.total != total:
                bar.reset(total=total)
            bar.update(done - bar.n)
            if stage != shown[0]:  # a new stage shows at once, not at the next update
                shown[0] = stage
                bar.set_description_str(stage)

        yield show


@deals_group.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the issues as JSON.")
def check_command(file: Path, as_json: bool) -> None:
    """Validate FILE without importing it; exit 2 if it has errors."""
    deal_file = validate_deal_file(file)
    if as_json:
        echo_json(
            {
                "case_ids": [t.case_id for t in deal_file.transactions],
                "issues": [i.as_dict() for i in deal_file.issues],
            }
        )
    else:
        for issue in deal_file.issues:
            click.echo(str(issue))
        if not deal_file.issues:
            click.echo(
                f"{file}: no problems, {counted(len(deal_file.transactions), 'transaction')}"
            )
    if deal_file.errors:
        raise SystemExit(2)


@deals_group.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the JSON deal-file format."""
    echo_json(deal_file_schema())


@deals_group.command("export")
@click.argument("case_ids", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="A .xlsx or .json file, or a folder name for the CSV files.",
)
@pass_app
def export_command(app: AppContext, case_ids: tuple[str, ...], out: Path) -> None:
    """Write CASE_IDS as a deal file, to edit and import again."""
    with app.store().session() as session:
        cases = []
        for case_id in case_ids:
            case = session.get(Case, case_id)
            if case is None:
                fail(f"No case {case_id!r}")
            cases.append(case)
        try:
            export_cases(cases, out)
        except (ValueError, OSError) as exc:
            fail(str(exc))
    click.echo(str(out))


@deals_group.command("template")
@click.argument("out", type=click.Path(path_type=Path))
def template_command(out: Path) -> None:
    """Write the blank XLSX template to OUT."""
    write_template(out)
    click.echo(str(out))


COMMANDS = [deals_group]
