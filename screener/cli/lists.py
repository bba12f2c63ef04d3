"""`screener lists ...`: import list files, show sources and versions, diff two versions."""

from __future__ import annotations

from dataclasses import asdict

import click

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.cli.roles import refused_unless
from screener.lists.base import TYPE_NOT_STATED, ListFormatError
from screener.lists.catalog import list_sources, resolve_version
from screener.lists.delta import compute_delta
from screener.lists.detect import UnrecognisedList, format_names
from screener.lists.entity_links import LinkNotFound, link_shares, linked_entities, undo_link
from screener.lists.service import import_path
from screener.words import counted
from screener.workflow.rescreen import RescreenSummary, rescreen_new_versions


@click.group("lists")
def lists_group() -> None:
    """Sanctions, restricted-party and ownership lists."""


@lists_group.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=str))
@click.option(
    "--format", "format_name", default=None, help="Override detection (see `lists formats`)."
)
@click.option("--source", "source_name", default=None, help="Store under this source name.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option(
    "--no-rescreen",
    is_flag=True,
    help="Do not re-screen open cases against the new version's added and changed entries.",
)
@pass_app
def import_command(
    app: AppContext,
    path: str,
    format_name: str | None,
    source_name: str | None,
    as_json: bool,
    no_rescreen: bool,
) -> None:
    """Import PATH, a list file or a folder holding a multi-file set, as a new version.

    A new version is then run against every open case (added and changed entries only), and
    cases with new hits are flagged for their reviewers.
    """
    with refused_unless(app, "import_list"):
        try:
            result = import_path(app.store(), path, format=format_name, source=source_name)
        except UnrecognisedList as exc:
            hint = "" if exc.other_kind else "; name its format with --format (see `lists formats`)"
            fail(f"{exc}{hint}")
        except ListFormatError as exc:
            fail(str(exc))
        rescreened = [] if no_rescreen or not result.created else _rescreen_open_cases(app)
    if as_json:
        echo_json({**result.as_dict(), "rescreen": [s.as_dict() for s in rescreened]})
        return
    if not result.created:
        click.echo(
            f"{result.source_name}: identical to version {result.version_id} "
            f"({result.label}); nothing added."
        )
        return
    counts = ", ".join(
        f"{'type not stated' if kind == TYPE_NOT_STATED else kind} {n}"
        for kind, n in result.counts.items()
    )
    click.echo(
        f"{result.source_name}: version {result.version_id} ({result.label}), "
        f"{result.entry_count} entries ({counts}), "
        f"{counted(result.link_count, 'relationship')} between its entries, "
        f"{counted(result.entity_links, 'link')} to the same entity on other lists."
    )
    # what the import did, then what it did to the open cases
    for summary in rescreened:
        if summary.cases_with_new_hits:
            click.echo(
                f"Re-screened open cases against {summary.source_name}: new hits in "
                + ", ".join(summary.cases_with_new_hits)
            )


def _rescreen_open_cases(app: AppContext) -> list[RescreenSummary]:
    return app.store().write(rescreen_new_versions)


@lists_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_app
def show_command(app: AppContext, as_json: bool) -> None:
    """Every source with its versions, dates and counts."""
    with app.store().session() as session:
        sources = list_sources(session)
    if as_json:
        echo_json(sources)
        return
    for source in sources:
        click.echo(f"{source['name']}  ({source['publisher']})")
        for version in source["versions"]:
            active = "*" if version["is_active"] else " "
            click.echo(
                f"  {active} v{version['id']:<5} {version['label']:<28} "
                f"published {version['publisher_date'] or '-':<12} "
                f"imported {version['imported_at']:%Y-%m-%d %H:%M}  {version['entry_count']} entries"
            )


@lists_group.command("diff")
@click.argument("source")
@click.option(
    "--from",
    "from_version",
    default=None,
    help="Version id or label (default: the one before --to).",
)
@click.option("--to", "to_version", default=None, help="Version id or label (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print the delta as JSON.")
@pass_app
def diff_command(
    app: AppContext, source: str, from_version: str | None, to_version: str | None, as_json: bool
) -> None:
    """What changed in SOURCE between two versions: added, removed, changed entries."""
    with app.store().session() as session:
        try:
            old, new = resolve_version(session, source, from_version, to_version)
        except LookupError as exc:
            fail(str(exc.args[0]))
        delta = compute_delta(session, old, new)
    if as_json:
        echo_json(delta.as_dict())
        return
    click.echo(
        f"{source}: v{old} -> v{new}: {len(delta.added)} added, {len(delta.removed)} removed, "
        f"{len(delta.changed)} changed, {delta.unchanged} unchanged"
    )
    for item in delta.added:
        click.echo(f"  + {item.entry_key:<12} {item.primary_name}")
    for item in delta.removed:
        click.echo(f"  - {item.entry_key:<12} {item.primary_name}")
    for change in delta.changed:
        click.echo(
            f"  ~ {change.entry_key:<12} {change.primary_name}  [{', '.join(change.fields)}]"
        )


@lists_group.command("links")
@click.option("--json", "as_json", is_flag=True, help="Print the entities and shares as JSON.")
@pass_app
def links_command(app: AppContext, as_json: bool) -> None:
    """Entries of several lists linked into one listed entity, with the evidence, and the shares."""
    with app.store().session() as session:
        entities = linked_entities(session)
        shares = link_shares(session)
    if as_json:
        echo_json(
            {
                "entities": [
                    {"memberships": [asdict(m) for m in e.memberships], "evidence": e.evidence}
                    for e in entities
                ],
                "shares": shares,
            }
        )
        return
    for entity in entities:
        first = entity.memberships[0]
        click.echo(f"{first.name}  ({len(entity.memberships)} memberships)")
        for member in entity.memberships:
            click.echo(f"    {member.source:<22} {member.entry_key:<24} {member.name}")
        for item in entity.evidence:
            click.echo(f"    link {item['link_id']}: {item['kind']}: {item['evidence']}")
    csl = shares["csl_sdn_rows"]
    click.echo(
        f"{len(entities)} listed entities with more than one membership. CSL SDN: rows "
        f"{csl['rows']}, id in the active SDN version {csl['id_in_sdn_version']}, "
        f"linked {csl['linked']}."
    )
    un = shares["un"]
    cited = ", ".join(
        f"{source} {c['linked']}/{c['citing']}" for source, c in un["cited_by"].items()
    )
    click.echo(
        f"UN entries {un['un_entries']}, linked {un['un_entries_linked']}; "
        f"entries citing a UN number linked to it: {cited or 'none'}."
    )


@lists_group.command("unlink")
@click.argument("link_id", type=int)
@click.option("--reason", required=True, help="Why the two entries are not one entity.")
@pass_app
def unlink_command(app: AppContext, link_id: int, reason: str) -> None:
    """Undo listed-entity link LINK_ID (audited); later imports will not make it again."""
    with refused_unless(app, "unlink_entities"):
        try:
            app.store().write(lambda session: undo_link(session, link_id, reason))
        except LinkNotFound as exc:
            fail(str(exc))
    click.echo(f"link {link_id} undone")


@lists_group.command("formats")
def formats_command() -> None:
    """The list formats Screener can import (names for --format)."""
    for name in format_names():
        click.echo(name)


COMMANDS = [lists_group]
