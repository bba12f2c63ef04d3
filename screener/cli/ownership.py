"""`screener ownership CASE_ID`: look-through stakes and each regime's 50 % rule for a case."""

from __future__ import annotations

from datetime import date, datetime

import click

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.ownership import OwnershipReport, RegimeSettingsError
from screener.ownership.service import CaseNotFound, case_report
from screener.reference import ReferenceError


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        fail(f"--as-of: expected a date YYYY-MM-DD, found {value!r}")


@click.command("ownership")
@click.argument("case_id")
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help="Evaluate the regimes on this date (YYYY-MM-DD; default today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@pass_app
def ownership_command(app: AppContext, case_id: str, as_of: str | None, as_json: bool) -> None:
    """Effective stakes, ultimate owners, state and adversary shares, unresolved share and
    each regime's status (with the path that explains it)."""
    try:
        with app.store().session() as session:
            report = case_report(session, case_id, _as_of(as_of))
    except CaseNotFound as exc:
        fail(str(exc))
    except (RegimeSettingsError, ReferenceError) as exc:
        fail(str(exc))
    if as_json:
        echo_json(report.to_dict() | {"case_id": case_id})
        return
    _print_text(report)


def _print_text(report: OwnershipReport) -> None:
    for title, view in (("Target", report.target_view), ("Acquirer", report.acquirer_view)):
        if view is None:
            continue
        click.echo(f"{title} {view.root}:")
        for owner in view.ultimate_owners:
            click.echo(f"  ultimate owner {owner.pct:7.2f} %  {owner.name} ({owner.country})")
        click.echo(f"  government share: {_shares(view.government_share)}")
        click.echo(f"  held through adversary jurisdictions: {view.adversary_share:.2f} %")
        click.echo(f"  unresolved: {view.unresolved_share:.2f} %")
    for rid, result in report.regimes.items():
        state = "in force" if result.in_force else "not in force"
        if result.suspended_reason:
            state += f": {result.suspended_reason}"
        reached = ", ".join(result.blocked()) or "none"
        if result.blocked() and not result.in_force:  # a suspended rule reaches nobody today
            reached = f"would reach, were it in force: {reached}"
        click.echo(f"{result.regime.title} ({state}): {reached}")
        for key in result.blocked():
            for line in report.explain(rid, key):
                click.echo(f"    {line}")


def _shares(values: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f} %" for k, v in values.items()) or "none"


COMMANDS = [ownership_command]
