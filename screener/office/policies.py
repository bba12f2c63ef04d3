"""What `screener office setup` installs on PostgreSQL: group roles, grants and triggers.

The server, not the client, decides who may write what, so a workstation with a changed
program or a plain SQL client gets no further than the application:
- every group reads every table; only the groups whose work needs it write (the grants
  below follow `screener.office.roles.ACTIONS`); viewers and auditors write nothing, save
  the record of their own sign-in, refusals and anchors (`screener.office.own_events`);
- what a row may hold (names, four eyes, rule packs, case states) is checked by the
  triggers in `screener.office.triggers`;
- records stay insert-only for every role (migrations 0002, 0004);
- admin holds every other group, with the right to grant and revoke it (ADMIN OPTION), so
  an officer holding admin manages the office without the owner's password.
Everything is idempotent and starts from no grants: run again (a migration does, see
migrations/env.py), it leaves exactly what the role table says.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from screener.office import own_events, triggers
from screener.office.roles import (
    ADMIN,
    APPROVER,
    AUDITOR,
    LIST_ADMIN,
    REVIEWER,
    ROLES,
    RULES_ADMIN,
    VIEWER,
    group_name,
)

CASE_TABLES = (
    "cases", "transactions", "target_assets", "parties", "ownership_links", "match_results",
    "assessments", "decision_memory",
)  # fmt: skip
LIST_TABLES = (
    "list_sources", "list_versions", "list_entries", "entry_names", "entry_identifiers",
    "entry_addresses", "entry_dates", "entry_links", "column_profiles", "listed_entity_links",
)  # fmt: skip

WRITERS = tuple(r for r in ROLES if r not in own_events.READ_ONLY_ROLES)

WRITES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    VIEWER: (),
    AUDITOR: (),
    RULES_ADMIN: (("INSERT", ("rule_pack_activations",)),),
    REVIEWER: (
        ("INSERT, UPDATE, DELETE", CASE_TABLES),
        ("INSERT", ("decisions", "sign_offs", "status_changes", "notes")),
        # a reviewer undoes a listed-entity link (screener.lists.entity_links.undo_link)
        ("UPDATE (undone_at, undone_by)", ("listed_entity_links",)),
    ),
    # Column grants: an approval decides the case (state, outcome), nothing else of it.
    APPROVER: (
        ("UPDATE (status, decision, updated_at, version)", ("cases",)),
        ("INSERT", ("sign_offs", "status_changes", "notes")),
    ),
    # Importing a list re-screens the open cases against what it changed.
    LIST_ADMIN: (
        ("INSERT, UPDATE, DELETE", LIST_TABLES),
        ("UPDATE (has_new_hits, updated_at, version)", ("cases",)),
        ("INSERT, UPDATE", ("match_results",)),
        ("INSERT", ("decisions",)),
    ),
    ADMIN: (),
}

Executor = Session | Connection


def _create_group(session: Executor, group: str) -> None:
    exists = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group})
    if exists.first() is None:
        session.execute(text(f'CREATE ROLE "{group}" NOLOGIN'))


def _tables(session: Executor) -> set[str]:
    rows = session.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return {str(name) for (name,) in rows}


def _quoted(roles: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f'"{group_name(r)}"' for r in roles)


def grant_statements(existing: set[str]) -> list[str]:
    """From no rights to exactly the role table's, for the tables that exist."""
    everyone, writers = _quoted(ROLES), _quoted(WRITERS)
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {everyone}",
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
        f"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
        # Writers take ids, and every act is an audit record that moves the chain-head setting.
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {writers}",
        f"GRANT INSERT ON audit_events TO {writers}",
        f"GRANT INSERT, UPDATE ON settings TO {writers}",
    ]
    if "alembic_version" in existing:  # any login may open the database and be refused
        statements.append("GRANT SELECT ON alembic_version TO PUBLIC")
    for role, grants in WRITES.items():
        for privileges, tables in grants:
            present = [t for t in tables if t in existing]
            if present:
                names = ", ".join(f'"{t}"' for t in present)
                statements.append(f'GRANT {privileges} ON {names} TO "{group_name(role)}"')
    statements += own_events.grant_statements()
    admin = group_name(ADMIN)
    statements += [
        f'GRANT "{group_name(role)}" TO "{admin}" WITH ADMIN OPTION'
        for role in ROLES
        if role != ADMIN
    ]
    return statements


def install(session: Executor) -> list[str]:
    """Create the groups, grants and triggers (idempotent); returns what it did, in words."""
    for role in ROLES:
        _create_group(session, group_name(role))
    existing = _tables(session)
    for statement in grant_statements(existing) + triggers.install_statements(existing):
        session.execute(text(statement))
    return [
        f"group roles: {', '.join(group_name(r) for r in ROLES)}",
        "grants: every group reads; writes as the role table says; viewers and auditors "
        "record only their own sign-in, refusals and anchors",
        "triggers: names are the login's; reviewer, approver and four eyes checked; rule "
        "packs by rules admins; case states only with their record",
    ]
