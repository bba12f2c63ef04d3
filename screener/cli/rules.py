"""`screener rules check PATH`, `rules facts`, `rules reproduce ID` and `screener assess CASE_ID`.

`rules check` exits 1 and lists every problem (file, rule id, field, line) when a pack is
invalid, so it can gate a pull request that edits rules/.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.cli.roles import refused_unless
from screener.risk.activation import activate, active_packs, latest_activations
from screener.risk.facts import fact_catalogue
from screener.risk.pack_files import pack_files
from screener.risk.packs import PackError, load_packs
from screener.risk.service import AssessmentError, assess_case, reproduce
from screener.words import counted


@click.group("rules")
def rules_group() -> None:
    """Risk rule packs: check them and reproduce past assessments."""


@rules_group.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
def check(paths: tuple[Path, ...], as_json: bool) -> None:
    """Validate rule packs (files, or directories of *.yaml); exit 1 listing every problem."""
    files = [
        f for path in paths for f in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    ]
    try:
        packs = load_packs(files)
    except PackError as exc:
        if as_json:
            echo_json({"valid": False, "issues": [issue.__dict__ for issue in exc.issues]})
        else:
            for issue in exc.issues:
                click.echo(str(issue))
            click.echo(f"{counted(len(exc.issues), 'problem')} found", err=True)
        sys.exit(1)
    summary = [
        {"id": p.id, "version": p.version, "rules": len(p.rules), "sha256": p.sha256} for p in packs
    ]
    if as_json:
        echo_json({"valid": True, "packs": summary})
        return
    for item in summary:
        click.echo(f"ok  {item['id']} {item['version']}: {item['rules']} rules")


@rules_group.command("activate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_app
def activate_command(app: AppContext, paths: tuple[Path, ...]) -> None:
    """Make these packs the office's active ones (rules_admin); every assessment uses them."""
    try:
        packs = load_packs(paths)
    except PackError as exc:
        more = len(exc.issues) - 1
        also = f" (and {more} more: `screener rules check` lists them)" if more else ""
        fail(f"{exc.issues[0]}{also}: nothing activated")
    with refused_unless(app, "activate_rules"), app.store().unit_of_work() as session:
        rows = [activate(session, pack) for pack in packs]
        try:
            active_packs(session)  # the packs in force together must not clash
        except PackError as exc:
            fail(f"{exc.issues[0]}: nothing activated")
    for row in rows:
        click.echo(f"activated {row.pack_id} {row.version} (sha256 {row.sha256[:12]})")


@rules_group.command("active")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def active_command(app: AppContext, as_json: bool) -> None:
    """The packs assessments score with now: who activated each, or which file it came from."""
    with app.store().session() as session:
        packs = active_packs(session)
        latest = latest_activations(session)
    user_copies = {str(f.user_copy) for f in pack_files() if f.is_user_copy}
    shown = [
        {
            "id": p.id,
            "version": p.version,
            "sha256": p.sha256,
            "activated_by": latest[p.id].activated_by if p.id in latest else None,
            "activated_at": latest[p.id].activated_at.isoformat() if p.id in latest else None,
            "file": None if p.id in latest else p.source,
            "user_copy": p.id not in latest and p.source in user_copies,
        }
        for p in packs
    ]
    if as_json:
        echo_json(shown)
        return
    for item in shown:
        who = f"as shipped ({item['file']})"
        if item["activated_by"]:
            stamp = str(item["activated_at"])[:16].replace("T", " ")
            who = f"activated by {item['activated_by']} at {stamp} UTC"
        elif item["user_copy"]:
            who = f"your copy {item['file']} (the shipped pack is unchanged)"
        click.echo(f"{item['id']:<16} {item['version']:<16} {who}")


@rules_group.command("facts")
def facts_command() -> None:
    """List every fact a condition can read, with its type (plus `params.NAME`)."""
    for path, type_name in fact_catalogue():
        click.echo(f"{path:<48} {type_name}")


@rules_group.command("reproduce")
@click.argument("assessment_id", type=int)
@pass_app
def reproduce_command(app: AppContext, assessment_id: int) -> None:
    """Re-evaluate a stored assessment with its stored packs; exit 1 if it differs."""
    try:
        outcome = reproduce(app.store(), assessment_id)
    except (AssessmentError, PackError) as exc:
        fail(str(exc).splitlines()[0])
    if outcome.reproduced:
        click.echo(
            f"assessment {assessment_id} reproduced: {outcome.result.total:g} points, {outcome.result.tier}"
        )
        return
    for line in outcome.differences:
        click.echo(line)
    sys.exit(1)


@click.command("assess")
@click.argument("case_id")
@click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Rule pack (repeatable); default: the shipped packs.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Assess as of this date (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
@pass_app
def assess(
    app: AppContext, case_id: str, rule_paths: tuple[Path, ...], as_of: object, as_json: bool
) -> None:
    """Score a case with the rule packs and store the assessment."""
    try:
        packs = load_packs(rule_paths) if rule_paths else None  # None: the active packs
    except PackError as exc:
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        fail(f"rule packs invalid ({counted(len(exc.issues), 'problem')})")
    day: date | None = as_of.date() if as_of is not None else None  # type: ignore[attr-defined]
    try:
        stored = assess_case(app.store(), case_id, packs=packs, as_of=day)
    except AssessmentError as exc:
        fail(str(exc))
    result = stored.result
    if as_json:
        echo_json(
            {
                "assessment_id": stored.id,
                "case_id": case_id,
                "as_of": stored.facts.as_of,
                **result.to_dict(),
            }
        )
        return
    click.echo(f"{case_id}: {result.total:g} points, tier {result.tier} (assessment {stored.id})")
    for outcome in result.outcomes:
        click.echo(f"  outcome  {outcome.label}  ({', '.join(outcome.rule_ids)})")
    for hit in result.hits:
        click.echo(f"  {hit.rule_id:<4} {hit.points:+g}  {hit.title}")


COMMANDS = [rules_group, assess]
