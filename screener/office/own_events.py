"""The one write a read-only login makes: the record of its own sign-in, refusals and anchors.

Auditors read everything and write nothing, and viewers only read; neither holds INSERT on
any table. Yet the audit trail must show an auditor signing in, being refused, or anchoring
the log. The server's own-event function, SECURITY DEFINER (it runs with the owner's rights,
as a narrow door, not a key), appends such a record for them and nothing else:
- only the kinds in `screener.audit.OWN_EVENT_ACTIONS` and `refused.*`, about no case (an
  anchor only by the auditor role);
- in the login's own name (`session_user`, which a SECURITY DEFINER function keeps);
- extending the chain head exactly (the next id, the head's hash as `prev_hash`), under the
  same advisory lock as every other append, at the server's present time (give or take the
  clock difference a workstation may have);
- every column derived from the canonical text the hash covers, so what is stored is what
  is hashed: a forged field shows in `audit verify`, never hides.
The office key's seal (if the office uses one) is stored as given: `audit verify --key`
checks it like any other. Every login may call it (and read the chain head through
`screener_chain_head`, nothing more of the log), so one the office gave no role at all still
leaves the record of its refused attempts.
"""

from __future__ import annotations

from screener.audit import (
    CHAIN_HEAD_FUNCTION,
    GENESIS,
    HEAD_ANCHOR_KEY,
    OWN_EVENT_ACTIONS,
    OWN_EVENT_FUNCTION,
    OWN_EVENT_PREFIX,
)
from screener.office.roles import AUDITOR, VIEWER

READ_ONLY_ROLES = (VIEWER, AUDITOR)  # write nothing but their own events, through the function
CLOCK_SLACK = "10 minutes"  # a workstation's clock against the server's

_FIELDS = "action,actor,at,case_id,details,id,object_id,object_type,prev_hash"
_KINDS = ", ".join(f"'{kind}'" for kind in OWN_EVENT_ACTIONS)

FUNCTION = f"""
CREATE OR REPLACE FUNCTION {OWN_EVENT_FUNCTION}(canonical text, seal text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    event json := canonical::json;
    fields text;
    kind text := event->>'action';
    head_id integer;
    head_hash text;
    stamped timestamp;
    digest text := encode(sha256(convert_to(canonical, 'UTF8')), 'hex');
BEGIN
    SELECT string_agg(f, ',' ORDER BY f) INTO fields FROM json_object_keys(event) f;
    IF fields IS DISTINCT FROM '{_FIELDS}' THEN
        RAISE EXCEPTION 'screener: an own audit record holds exactly the fields of the chain'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF event->>'actor' IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION 'screener: actor must be your own login %, not %', session_user,
            event->>'actor' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT (kind IN ({_KINDS}) OR kind LIKE '{OWN_EVENT_PREFIX}%')
       OR json_typeof(event->'case_id') <> 'null' THEN
        RAISE EXCEPTION 'screener: % may record only its own sign-in, refusals and anchors, '
            'not %', session_user, kind USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF kind = 'audit.anchored' THEN  -- screener_require_role: revision 0005
        PERFORM screener_require_role('auditor', 'anchoring the audit trail');
    END IF;
    PERFORM pg_advisory_xact_lock(727274);
    SELECT id, hash INTO head_id, head_hash FROM audit_events ORDER BY id DESC LIMIT 1;
    IF (event->>'id')::integer IS DISTINCT FROM coalesce(head_id, 0) + 1
       OR event->>'prev_hash' IS DISTINCT FROM coalesce(head_hash, '{GENESIS}') THEN
        RAISE EXCEPTION 'screener: the record does not extend the head of the audit chain'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    stamped := (event->>'at')::timestamp;
    IF abs(extract(epoch FROM stamped - (now() AT TIME ZONE 'UTC')))
       > extract(epoch FROM interval '{CLOCK_SLACK}') THEN
        RAISE EXCEPTION 'screener: the record''s time % is not the server''s present time', stamped
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO audit_events (id, at, actor, action, object_type, object_id, case_id, details,
                              prev_hash, hash, seal)
    VALUES ((event->>'id')::integer, stamped, session_user, kind, event->>'object_type',
            event->>'object_id', NULL, event->'details', event->>'prev_hash', digest, seal);
    INSERT INTO settings (key, value) VALUES ('{HEAD_ANCHOR_KEY}', (event->>'id') || ':' || digest)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END;
$$
"""


HEAD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {CHAIN_HEAD_FUNCTION}(OUT head_id integer, OUT head_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1
$$
"""


def grant_statements() -> list[str]:
    """Both functions, callable by every login: writers append directly, but a viewer, an
    auditor, or a login the office has given no role at all still leaves the record of its
    own sign-in and refused attempts (and reads no more of the log than its head)."""
    return [
        FUNCTION,
        HEAD_FUNCTION,
        f"GRANT EXECUTE ON FUNCTION {OWN_EVENT_FUNCTION}(text, text) TO PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {CHAIN_HEAD_FUNCTION}() TO PUBLIC",
    ]
