"""`screener office ...` and `screener whoami`: officers, roles and who is signed in.

These words are a contract (offices script them): `office setup`, `office grant LOGIN
ROLE...`, `office revoke LOGIN ROLE...`, `office users [--json]`, `whoami [--json]`.
"""

from __future__ import annotations

import click

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.cli.roles import refused_unless
from screener.identity import identify
from screener.office import accounts, policies
from screener.office.roles import ROLES

ROLE_CHOICE = click.Choice(ROLES)


@click.group("office")
def office_group() -> None:
    """The office server: group roles, grants, officers' logins."""


@office_group.command("setup")
@pass_app
def setup_command(app: AppContext) -> None:
    """Create the tables, group roles, grants and server checks (the database owner runs it)."""
    store = app.store()  # opening it creates or upgrades the tables
    try:
        with store.unit_of_work() as session:
            accounts.require_server(session)
            done = policies.install(session)
    except accounts.OfficeError as exc:
        fail(str(exc))
    for line in done:
        click.echo(line)
    click.echo("Office set up. Next: create each officer's login, then `screener office grant`.")


def _change(app: AppContext, login: str, roles: tuple[str, ...], grant: bool) -> None:
    with refused_unless(app, "manage_office"):
        try:
            with app.store().unit_of_work() as session:
                (accounts.grant if grant else accounts.revoke)(session, login, roles)
        except accounts.OfficeError as exc:
            fail(str(exc))


@office_group.command("grant")
@click.argument("login")
@click.argument("roles", nargs=-1, required=True, type=ROLE_CHOICE)
@pass_app
def grant_command(app: AppContext, login: str, roles: tuple[str, ...]) -> None:
    """Give LOGIN one or more roles."""
    _change(app, login, roles, grant=True)
    click.echo(f"{login}: granted {', '.join(roles)}")


@office_group.command("revoke")
@click.argument("login")
@click.argument("roles", nargs=-1, required=True, type=ROLE_CHOICE)
@pass_app
def revoke_command(app: AppContext, login: str, roles: tuple[str, ...]) -> None:
    """Take one or more roles from LOGIN."""
    _change(app, login, roles, grant=False)
    click.echo(f"{login}: revoked {', '.join(roles)}")


@office_group.command("users")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def users_command(app: AppContext, as_json: bool) -> None:
    """Who holds which role."""
    try:
        with app.store().session() as session:
            found = accounts.users(session)
    except accounts.OfficeError as exc:
        fail(str(exc))
    if as_json:
        echo_json(
            [{"login": u.login, "roles": list(u.roles), "can_login": u.can_login} for u in found]
        )
        return
    for user in found:
        click.echo(f"{user.login:<24} {', '.join(user.roles)}")


@click.command("whoami")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def whoami_command(app: AppContext, as_json: bool) -> None:
    """The signed-in officer: name, how it was established, roles."""
    with app.store().session() as session:
        who = identify(session)
    roles = [r for r in ROLES if r in who.roles]
    if as_json:
        echo_json(
            {"actor": who.actor, "authenticated_by": who.method, "roles": roles, "note": who.note}
        )
        return
    click.echo(f"{who.actor} ({who.method}); roles: {', '.join(roles) or 'none'}")
    if who.note:
        click.echo(f"  {who.note}")


COMMANDS = [office_group, whoami_command]
