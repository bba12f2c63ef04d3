"""`screener case ...`: one case's review state from the command line.

Status and clocks, moving a case through its lifecycle, assigning it, deciding matches,
notes, screening and signing off; the same workflow functions the desktop app calls, in one
unit of work each (run again if it lost a race to another officer).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import click
from sqlalchemy.orm import Session, object_session

from screener.cli.case_matches import matches_command
from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.cli.roles import refused_unless
from screener.matching.db_index import kept_index
from screener.models import Case
from screener.words import counted
from screener.workflow import adjudication, clocks, lifecycle, notes, rescreen, screening, signoff
from screener.workflow.entity_hits import case_entity_hits, status_counts
from screener.workflow.errors import WorkflowError
from screener.workflow.screening_state import screening_state

T = TypeVar("T")


def _write(app: AppContext, change: Callable[[Session], T], action: str) -> T:
    """One unit of work, run again if it lost a race; a refusal is one line and exit 2.

    `action` (screener.office.roles.ACTIONS) is checked against the officer's roles first,
    and a refusal by the server is the same one line (both recorded). Other database
    failures (a lost connection, a lock timeout, a race lost every time) reach the command
    line's one error boundary (`screener.cli.ScreenerGroup`).
    """
    with refused_unless(app, action):
        try:
            return app.store().write(change)
        except WorkflowError as exc:
            fail(str(exc))


@click.group("case")
def case_group() -> None:
    """Review one case: status, clocks, adjudication, sign-off."""


@case_group.command("status")
@click.argument("case_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def status_command(app: AppContext, case_id: str, as_json: bool) -> None:
    """State, decision, assignee, match counts, clocks and sign-offs of a case."""
    with app.store().session() as session:
        case = session.get(Case, case_id)
        if case is None:
            fail(f"No case with id {case_id!r}.")
        payload = _status(case)
    if as_json:
        echo_json(payload)
        return
    click.echo(f"{payload['id']}  {payload['title']}")
    state = lifecycle.STATUS_LABELS.get(payload["status"], payload["status"])
    if payload["decision"]:
        state += f" ({lifecycle.OUTCOME_LABELS.get(payload['decision'], payload['decision'])})"
    click.echo(f"  state:     {state}")
    click.echo(f"  assignee:  {payload['assignee'] or '-'}")
    screening_payload = payload["screening"]
    counts = ", ".join(f"{n} {k}" for k, n in payload["matches"].items()) or (
        "not screened yet" if screening_payload["never_screened"] else "none"
    )
    click.echo(f"  screened:  {_when(screening_payload['screened_at']) or 'never'}")
    click.echo(f"  matches:   {counts}{'  [NEW HITS]' if payload['has_new_hits'] else ''}")
    click.echo(f"  risk:      assessment {screening_payload['assessed']}")
    for blocker in payload["blockers"]:
        click.echo(f"  blocker:   {blocker}")
    for clock in payload["clocks"]:
        due = clock["due"] or "not started (no filing date)"
        click.echo(f"  clock:     {clock['title']}: due {due} [{clock['state']}]")
    for sign in payload["sign_offs"]:
        click.echo(
            f"  signed:    {sign['role']} {sign['user']} {sign['outcome']} {_when(sign['at'])}"
        )


def _when(stamp: str | None) -> str:
    """'2026-12-07 14:17 UTC', as the memo prints a time (the JSON keeps the full stamp)."""
    if not stamp:
        return ""
    return f"{datetime.fromisoformat(stamp):%Y-%m-%d %H:%M} UTC"


def _status(case: Case) -> dict:
    session = object_session(case)
    counts = status_counts(case_entity_hits(session, case)) if session is not None else {}
    state = screening_state(case)
    return {
        "screening": {
            "never_screened": state.never_screened,
            "screened_at": state.screened_at.isoformat() if state.screened_at else None,
            "unscreened_parties": list(state.unscreened),
            "newer_lists": list(state.newer_lists),
            "assessed": state.assessed,
        },
        "blockers": signoff.blockers(case) if case.status in signoff.SIGNABLE_STATUSES else [],
        "id": case.id,
        "title": case.title,
        "status": case.status,
        "decision": case.decision,
        "assignee": case.assignee,
        "version": case.version,
        "has_new_hits": case.has_new_hits,
        "matches": counts,
        "clocks": [
            {
                "id": c.clock_id,
                "title": c.title,
                "start": c.start.isoformat() if c.start else None,
                "due": c.due.isoformat() if c.due else None,
                "days_left": c.days_left,
                "state": c.state,
            }
            for c in clocks.clocks_for_case(case)
        ],
        "sign_offs": [
            {"role": s.role, "user": s.user, "outcome": s.outcome, "at": s.signed_at.isoformat()}
            for s in case.sign_offs
        ],
    }


@case_group.command("move")
@click.argument("case_id")
@click.argument("state", type=click.Choice(sorted(set(lifecycle.STATUS_LABELS) - {"decided"})))
@click.option("--reason", default="", help="Why (required to reopen a decided case).")
@pass_app
def move_command(app: AppContext, case_id: str, state: str, reason: str) -> None:
    """Move a case to another state (a decision needs `case sign`)."""
    _write(
        app,
        lambda session: lifecycle.change_status(session, case_id, state, reason=reason),
        "move_case",
    )
    click.echo(f"{case_id}: {lifecycle.STATUS_LABELS[state]}")


@case_group.command("assign")
@click.argument("case_id")
@click.argument("reviewer")
@pass_app
def assign_command(app: AppContext, case_id: str, reviewer: str) -> None:
    """Give a case to a reviewer."""
    _write(app, lambda session: lifecycle.assign(session, case_id, reviewer), "move_case")
    click.echo(f"{case_id}: assigned to {reviewer}")


@case_group.command("adjudicate")
@click.argument("match_ids", nargs=-1, type=int, required=True)
@click.option("--outcome", type=click.Choice(["confirm", "dismiss", "unsure"]), required=True)
@click.option("--reason", required=True, help="Why: it goes into the memo.")
@pass_app
def adjudicate_command(
    app: AppContext, match_ids: tuple[int, ...], outcome: str, reason: str
) -> None:
    """Confirm, dismiss or mark unsure one or more matches, with one reason.

    A match stands for its listed entity: the party's matches on the entity's other lists
    get the same decision.
    """
    decided: set[int] = set()

    def decide(session: Session) -> None:
        decided.clear()
        for match_id in match_ids:
            if match_id not in decided:
                found = adjudication.decide_entity(session, match_id, outcome, reason)
                decided.update(d.match_id for d in found)

    _write(app, decide, "adjudicate")
    also = len(decided - set(match_ids))
    click.echo(
        f"{counted(len(match_ids), 'match', 'matches')}: {adjudication.normalise_outcome(outcome)}"
        + (f" (and {counted(also, 'membership')} of the same listed entities)" if also else "")
    )


@case_group.command("sign")
@click.argument("case_id")
@click.option("--as", "role", type=click.Choice(["reviewer", "approver"]), required=True)
@click.option(
    "--outcome",
    type=click.Choice(lifecycle.Outcome.ALL),
    default=None,
    help="The decision (reviewer only).",
)
@click.option("--comment", default="", help="Reasoning or mitigation measures.")
@click.option("--dissent", default="", help="An approver's dissent, kept with the decision.")
@pass_app
def sign_command(
    app: AppContext, case_id: str, role: str, outcome: str | None, comment: str, dissent: str
) -> None:
    """Four eyes: the reviewer signs an outcome, a different approver decides the case."""
    if role == "reviewer" and outcome is None:
        fail("--outcome is required when signing as reviewer.")

    def sign(session: Session) -> None:
        if role == "reviewer":
            signoff.sign_as_reviewer(session, case_id, outcome or "", comment)
        else:
            signoff.approve(session, case_id, comment=comment, dissent=dissent)

    _write(app, sign, "sign_reviewer" if role == "reviewer" else "approve")
    click.echo(f"{case_id}: signed as {role}")


@case_group.command("rescreen-open")
@click.option(
    "--list-version",
    "version_id",
    type=int,
    required=True,
    help="The newly imported list version (see `screener lists versions`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def rescreen_command(app: AppContext, version_id: int, as_json: bool) -> None:
    """Re-screen every open case against what a list version added or changed."""
    summary = _write(
        app, lambda session: rescreen.rescreen_open_cases(session, version_id), "rescreen"
    )
    if as_json:
        echo_json(summary.as_dict())
        return
    click.echo(
        f"{summary.source_name} version {version_id}: {summary.added_entries} added, "
        f"{counted(summary.changed_entries, 'changed entry', 'changed entries')}; "
        f"{counted(summary.cases_screened, 'open case')} re-screened, "
        f"{counted(summary.new_matches, 'new match', 'new matches')}, "
        f"{counted(summary.reopened_matches, 'dismissal')} reopened"
    )
    for case_id in summary.cases_with_new_hits:
        click.echo(f"  new hits: {case_id}")
    if summary.cases_with_new_hits:
        sys.exit(1)


@case_group.command("mark-reviewed")
@click.argument("case_id")
@pass_app
def mark_reviewed_command(app: AppContext, case_id: str) -> None:
    """Clear the case's "new since last review" flags once its new hits were looked at."""
    count = _write(app, lambda session: rescreen.mark_reviewed(session, case_id), "adjudicate")
    click.echo(f"{case_id}: {counted(count, 'new match', 'new matches')} marked as reviewed")


@case_group.command("note")
@click.argument("case_id")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the saved note as JSON.")
@pass_app
def note_command(app: AppContext, case_id: str, text: str, as_json: bool) -> None:
    """Add a note to a case (notes are never edited: a correction is a new note)."""

    def add(session: Session) -> dict:
        note = notes.add_note(session, case_id, text)
        return {
            "id": note.id,
            "case_id": note.case_id,
            "author": note.author,
            "created_at": note.created_at.isoformat() if note.created_at else None,
            "text": note.text,
        }

    saved = _write(app, add, "add_note")
    if as_json:
        echo_json(saved)
        return
    click.echo(f"{case_id}: note {saved['id']} added by {saved['author']}")


@case_group.command("screen")
@click.argument("case_id")
@click.option("--json", "as_json", is_flag=True, help="Print the screening summary as JSON.")
@pass_app
def screen_command(app: AppContext, case_id: str, as_json: bool) -> None:
    """Screen every party of a case against the active lists and store the matches.

    The same screening as the window's "Screen now": matches found again keep their
    decisions, new ones are flagged new, and dismissals remembered elsewhere apply.
    """
    store = app.store()
    with store.session() as session:
        if session.get(Case, case_id) is None:
            fail(f"No case with id {case_id!r}.")
        index = kept_index(session)
    try:
        with refused_unless(app, "screen"):
            summary = screening.screen_case(store, case_id, index)
    except (screening.CaseNotFound, WorkflowError) as exc:
        fail(str(exc.args[0]) if exc.args else str(exc))
    if as_json:
        echo_json(summary.as_dict())
        return
    memory = summary.memory or {}
    click.echo(
        f"{case_id}: {counted(summary.parties, 'party', 'parties')} screened against "
        f"{counted(len(summary.list_versions), 'list version')}: "
        f"{counted(summary.matches, 'listed entity', 'listed entities')} hit "
        f"({summary.new_matches} new, {summary.strong_matches} strong); "
        f"{counted(summary.removed, 'undecided match', 'undecided matches')} "
        "no longer hit, removed; "
        f"{memory.get('auto_dismissed', 0)} dismissed again from memory"
    )


case_group.add_command(matches_command)
COMMANDS = [case_group]
