"""The checks the office server runs on every row, whoever writes it and with whatever client.

Grants say which tables a role may write; these triggers say what a row may hold:
- a name column (who decided, signed, moved, wrote, imported, assessed, activated, and the
  audit actor) is the login itself (`session_user`, also its default): no one writes in
  another name;
- a decision needs the reviewer role (dismissals repeated by decision memory excepted), a
  reviewer's signature the reviewer role, an approval the approver role and an approver who
  neither decided a match of the case nor signed it as reviewer;
- a rule pack is activated only by the rules_admin role;
  each of these role checks calls `screener_require_role(role, doing)` (revision 0005), the
  one place that asks the server for the membership and words the refusal, role named;
- a case's state (`cases.status`) changes only together with its record: a status change
  row and its audit record in the same transaction (and, for Decided, the approver's
  sign-off), checked at commit, so an UPDATE of the column alone is refused.
"""

from __future__ import annotations

MEMORY_ACTOR = "decision memory"  # screener.workflow.memory.MEMORY_ACTOR: no person

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
    "rule_pack_activations": ("activated_by", None),
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
    IF NEW.decided_by IS DISTINCT FROM 'decision memory' THEN
        PERFORM screener_require_role('reviewer', 'deciding a match');
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
        PERFORM screener_require_role('approver', 'deciding a case');
    ELSE
        PERFORM screener_require_role('reviewer', 'moving a case');
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
        PERFORM screener_require_role('reviewer', 'signing as reviewer');
    ELSIF NEW.role = 'approver' THEN
        PERFORM screener_require_role('approver', 'approving');
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


RULE_PACK_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_rule_pack_allowed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM screener_require_role('rules_admin', 'activating a rule pack');
    RETURN NEW;
END;
$$
"""

# Rows inserted by this transaction carry its id in xmin. (A status change made inside a
# savepoint would carry the savepoint's: Screener makes a move and its record in one plain
# unit of work.)
IN_THIS_TRANSACTION = "xmin = pg_current_xact_id()::xid"

CASE_STATUS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION screener_status_recorded() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM status_changes s WHERE s.case_id = NEW.id
                   AND s.to_status = NEW.status AND s.{IN_THIS_TRANSACTION})
       OR NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.case_id = NEW.id
                      AND a.action = 'case.status_changed' AND a.{IN_THIS_TRANSACTION}) THEN
        RAISE EXCEPTION 'screener: case % moves from % to % only through Screener, which '
            'records the change and audits it; a bare UPDATE of cases.status is refused',
            NEW.id, OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status = 'decided' AND NOT EXISTS (
        SELECT 1 FROM sign_offs o WHERE o.case_id = NEW.id AND o.role = 'approver'
        AND o."user" = session_user::text AND o.{IN_THIS_TRANSACTION}) THEN
        RAISE EXCEPTION 'screener: case % is decided only by its approver''s sign-off', NEW.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$
"""


def install_statements(existing: set[str]) -> list[str]:
    """Every function and trigger, for the tables that exist (idempotent)."""
    statements: list[str] = []
    for table, (column, also) in ACTOR_COLUMNS.items():
        if table not in existing:
            continue
        statements.append(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET DEFAULT session_user')
        statements.append(actor_function(table, column, also))
        statements += _before_insert(table, f"{table}_actor_is_login", f"screener_actor_{table}()")
    for table, name, function, sql in (
        ("decisions", "decisions_need_reviewer", "screener_decision_allowed()", DECISION_FUNCTION),
        ("status_changes", "status_changes_by_role", "screener_move_allowed()", STATUS_FUNCTION),
        ("sign_offs", "sign_offs_four_eyes", "screener_sign_off_allowed()", SIGN_OFF_FUNCTION),
        ("rule_pack_activations", "rule_packs_need_rules_admin", "screener_rule_pack_allowed()",
         RULE_PACK_FUNCTION),
    ):  # fmt: skip
        if table in existing:
            statements += [sql, *_before_insert(table, name, function)]
    statements += [
        CASE_STATUS_FUNCTION,
        'DROP TRIGGER IF EXISTS "cases_status_recorded" ON "cases"',
        'CREATE CONSTRAINT TRIGGER "cases_status_recorded" AFTER UPDATE OF status ON "cases" '
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "WHEN (OLD.status IS DISTINCT FROM NEW.status) "
        "EXECUTE FUNCTION screener_status_recorded()",
    ]
    return statements


def _before_insert(table: str, name: str, call: str) -> list[str]:
    return [
        f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"',
        f'CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION {call}',
    ]
