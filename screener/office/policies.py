"""What `screener office setup` installs on PostgreSQL: group roles, grants and triggers.

The server, not the client, decides who may write what, so a workstation with a changed
program or a plain SQL client gets no further than the application:
- every group reads every table; only the groups whose work needs it write (the grants
  below follow `screener.office.roles.ACTIONS`);
- a name column (who decided, signed, moved, wrote, imported, assessed, and the audit actor)
  must be the login itself (`session_user`, also its default): no one writes in another
  name;
- a decision needs the reviewer role (dismissals repeated by decision memory excepted), a
  reviewer's signature the reviewer role, an approval the approver role and an approver who
  neither decided a match of the case nor signed it as reviewer;
- records stay insert-only for every role (migration 0002).
Everything is idempotent: run it again after an upgrade so new tables get their grants.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

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

MEMORY_ACTOR = "decision memory"  # screener.workflow.memory.MEMORY_ACTOR: no person

CASE_TABLES = (
    "cases", "transactions", "target_assets", "parties", "ownership_links", "match_results",
    "assessments", "decision_memory",
)  # fmt: skip
LIST_TABLES = (
    "list_sources", "list_versions", "list_entries", "entry_names", "entry_identifiers",
    "entry_addresses", "entry_dates", "entry_links", "column_profiles", "listed_entity_links",
)  # fmt: skip

WRITES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    VIEWER: (),
    AUDITOR: (),
    RULES_ADMIN: (),
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

# table -> (name column, a non-person name also allowed)
ACTOR_COLUMNS: dict[str, tuple[str, str | None]] = {
    "audit_events": ("actor", MEMORY_ACTOR),
    "decisions": ("decided_by", MEMORY_ACTOR),
    "sign_offs": ("user", None),
    "status_changes": ("changed_by", None),
    "notes": ("author", None),
    "list_versions": ("imported_by", None),
    "assessments": ("created_by", None),
    "decision_memory": ("decided_by", None),
}

def actor_function(table: str, column: str, also: str | None) -> str:
    """One trigger function per table, the column named in it: no row-to-JSON conversion on
    every insert (benchmarks/office_overhead.py)."""
    other = f" AND NEW.\"{column}\" <> '{also}'" if also else ""
    return f"""
CREATE OR REPLACE FUNCTION screener_actor_{table}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."{column}" IS NULL THEN  -- not given: the server fills in the login
        NEW."{column}" := session_user;
    ELSIF NEW."{column}" <> session_user::text{other} THEN
        RAISE EXCEPTION 'screener: % must be your own login %, not %', '{column}',
            session_user, NEW."{column}" USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$
"""


DECISION_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_decision_allowed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.decided_by IS DISTINCT FROM 'decision memory'
       AND NOT pg_has_role(session_user, 'screener_reviewer', 'MEMBER') THEN
        RAISE EXCEPTION 'screener: deciding a match needs the reviewer role; % does not hold it',
            session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$
"""

STATUS_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_move_allowed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.to_status = 'decided' THEN
        IF NOT pg_has_role(session_user, 'screener_approver', 'MEMBER') THEN
            RAISE EXCEPTION 'screener: deciding a case needs the approver role; % does not '
                'hold it', session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF NOT pg_has_role(session_user, 'screener_reviewer', 'MEMBER') THEN
        RAISE EXCEPTION 'screener: moving a case needs the reviewer role; % does not hold it',
            session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$
"""

SIGN_OFF_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_sign_off_allowed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.role = 'reviewer' THEN
        IF NOT pg_has_role(session_user, 'screener_reviewer', 'MEMBER') THEN
            RAISE EXCEPTION 'screener: signing as reviewer needs the reviewer role; % does not '
                'hold it', session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF NEW.role = 'approver' THEN
        IF NOT pg_has_role(session_user, 'screener_approver', 'MEMBER') THEN
            RAISE EXCEPTION 'screener: approving needs the approver role; % does not hold it',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM decisions d JOIN match_results m ON m.id = d.match_id
                   WHERE m.case_id = NEW.case_id AND d.decided_by = session_user::text)
           OR EXISTS (SELECT 1 FROM sign_offs s WHERE s.case_id = NEW.case_id
                      AND s.role = 'reviewer' AND s."user" = session_user::text) THEN
            RAISE EXCEPTION 'screener: four eyes: % decided a match of case % or signed it as '
                'reviewer and cannot approve it', session_user, NEW.case_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSE
        RAISE EXCEPTION 'screener: unknown sign-off role %', NEW.role
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$
"""


def _create_group(session: Session, group: str) -> None:
    exists = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group})
    if exists.first() is None:
        session.execute(text(f'CREATE ROLE "{group}" NOLOGIN'))


def install(session: Session) -> list[str]:
    """Create the groups, grants and triggers (idempotent); returns what it did, in words."""
    done: list[str] = []
    for role in ROLES:
        _create_group(session, group_name(role))
    done.append(f"group roles: {', '.join(group_name(r) for r in ROLES)}")
    everyone = ", ".join(f'"{group_name(r)}"' for r in ROLES)
    session.execute(text(f"GRANT USAGE ON SCHEMA public TO {everyone}"))
    session.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}"))
    session.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}"))
    # Every act is an audit record, and every record moves the chain-head setting.
    session.execute(text(f"GRANT INSERT ON audit_events TO {everyone}"))
    session.execute(text(f"GRANT INSERT, UPDATE ON settings TO {everyone}"))
    for role, grants in WRITES.items():
        for privileges, tables in grants:
            names = ", ".join(f'"{t}"' for t in tables)
            group = group_name(role)
            if "(" in privileges:  # a column grant narrows a table grant given before
                session.execute(text(f'REVOKE UPDATE ON {names} FROM "{group}"'))
            session.execute(text(f'GRANT {privileges} ON {names} TO "{group}"'))
    for role in ROLES:
        if role != ADMIN:
            session.execute(text(f'GRANT "{group_name(role)}" TO "{group_name(ADMIN)}"'))
    done.append("grants: every group reads; writes as the role table says")
    for table, (column, also) in ACTOR_COLUMNS.items():
        session.execute(
            text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET DEFAULT session_user')
        )
        session.execute(text(actor_function(table, column, also)))
        _trigger(session, table, f"{table}_actor_is_login", f"screener_actor_{table}()")
    session.execute(text(DECISION_FUNCTION))
    _trigger(session, "decisions", "decisions_need_reviewer", "screener_decision_allowed()")
    session.execute(text(STATUS_FUNCTION))
    _trigger(session, "status_changes", "status_changes_by_role", "screener_move_allowed()")
    session.execute(text(SIGN_OFF_FUNCTION))
    _trigger(session, "sign_offs", "sign_offs_four_eyes", "screener_sign_off_allowed()")
    done.append("triggers: names are the login's; reviewer, approver and four eyes checked")
    return done


def _trigger(session: Session, table: str, name: str, call: str) -> None:
    session.execute(text(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"'))
    session.execute(
        text(
            f'CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION {call}'
        )
    )
