"""Officers' logins on the test's PostgreSQL server, for the office tests.

The test server trusts local TCP connections, so a login needs no password here (the
password path is proven in tests/integration/test_office_roles_pg.py). Login roles are
server-wide: each test names its own, so no test sees another's grants.
"""

from __future__ import annotations

from typing import Any

import psycopg
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import make_url

from screener.cli import main
from screener.models import Base
from screener.store import Store


def driver_url(url: str) -> str:
    """The URL for psycopg itself (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def login_url(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def create_login(url: str, login: str) -> str:
    """`CREATE ROLE login LOGIN` (as the database administrator would); returns its URL."""
    with psycopg.connect(driver_url(url), autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
        if found.fetchone() is None:
            connection.execute(f'CREATE ROLE "{login}" LOGIN')
    return login_url(url, login)


def cli(url: str, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", url, *args], env=env or {})


def set_up_office(owner_url: str, grants: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """`office setup` as the owner, then each login created and granted its roles."""
    done = cli(owner_url, "office", "setup")
    assert done.exit_code == 0, done.output
    urls = {}
    for login, roles in grants.items():
        urls[login] = create_login(owner_url, login)
        if roles:
            granted = cli(owner_url, "office", "grant", login, *roles)
            assert granted.exit_code == 0, granted.output
    return urls


def raw(url: str, login: str, statement: str, params: Any = None) -> None:
    """One statement as `login` with psycopg, committed (deferred checks run at commit)."""
    with psycopg.connect(driver_url(login_url(url, login))) as connection:
        connection.execute(statement, params)


def digest(owner: Store) -> dict[str, str]:
    """Every table's rows in one hash each: a refused action must leave all of them."""
    with owner.engine.connect() as connection:
        return {
            table: connection.execute(
                text(
                    "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
                    f'FROM "{table}" t'
                )
            ).scalar_one()
            for table in Base.metadata.tables
        }


def drop_logins(url: str, *logins: str) -> None:
    """Remove the test's logins (and with them their memberships) from the server."""
    with psycopg.connect(driver_url(url), autocommit=True) as connection:
        for login in logins:
            found = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
            if found.fetchone() is not None:
                connection.execute(f'DROP OWNED BY "{login}"')  # privileges given in this database
                connection.execute(f'DROP ROLE "{login}"')


def server_roles(url: str, login: str) -> set[str]:
    """The office roles `login` holds on the server now (its screener_* group memberships)."""
    with psycopg.connect(driver_url(url), autocommit=True) as connection:
        rows = connection.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s "
            "AND g.rolname LIKE 'screener\\_%%'",
            (login,),
        ).fetchall()
    return {name.removeprefix("screener_") for (name,) in rows}


def revoke_every_role(url: str, *logins: str) -> None:
    """Take every office role from logins that outlive one test: group memberships are
    server-wide, so a grant left behind would follow the login into the next test's database."""
    with psycopg.connect(driver_url(url), autocommit=True) as connection:
        for login in logins:
            for role in server_roles(url, login):
                connection.execute(f'REVOKE "screener_{role}" FROM "{login}"')
