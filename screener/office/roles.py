"""The seven roles of an office and what each may do.

A role is a PostgreSQL group role (`screener_<word>`); an officer's login is a member of the
groups the office granted. The table below is the one contract: the server's grants and
triggers (`screener.office.policies`), the window's enabled actions, the CLI's refusals and
the role x action test all read it. On SQLite there is one workstation and no server to
enforce anything: the OS login holds every role.
"""

from __future__ import annotations

from dataclasses import dataclass

VIEWER = "viewer"
REVIEWER = "reviewer"
APPROVER = "approver"
LIST_ADMIN = "list_admin"
RULES_ADMIN = "rules_admin"
AUDITOR = "auditor"
ADMIN = "admin"
ROLES = (VIEWER, REVIEWER, APPROVER, LIST_ADMIN, RULES_ADMIN, AUDITOR, ADMIN)
GROUP_PREFIX = "screener_"


def group_name(role: str) -> str:
    """The PostgreSQL group role of a role word (roles are server-wide: prefixed)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    return GROUP_PREFIX + role


@dataclass(frozen=True)
class Action:
    """Something an officer does; `roles` are the roles that may (admin holds them all)."""

    key: str
    title: str
    roles: tuple[str, ...]

    def allowed(self, held: frozenset[str] | set[str]) -> bool:
        return ADMIN in held or any(role in held for role in self.roles)

    def needs(self) -> str:
        """The words for a refusal: 'needs the reviewer role'."""
        names = " or ".join(self.roles)
        return f"{self.title} needs the {names} role"


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        Action("read", "Reading cases, lists and the audit trail", (VIEWER, REVIEWER, APPROVER,
               LIST_ADMIN, RULES_ADMIN, AUDITOR)),
        Action("import_deal", "Importing a deal file", (REVIEWER,)),
        Action("screen", "Screening a case", (REVIEWER,)),
        Action("rescreen", "Re-screening open cases", (REVIEWER, LIST_ADMIN)),
        Action("adjudicate", "Deciding a match", (REVIEWER,)),
        Action("unlink_entities", "Saying two list entries are not one entity", (REVIEWER,)),
        Action("edit_ownership", "Editing ownership", (REVIEWER,)),
        Action("move_case", "Moving or assigning a case", (REVIEWER,)),
        Action("add_note", "Adding a note", (REVIEWER, APPROVER)),
        Action("assess", "Assessing risk", (REVIEWER,)),
        Action("sign_reviewer", "Signing as reviewer", (REVIEWER,)),
        Action("approve", "Approving or returning a case", (APPROVER,)),
        Action("sign_off", "Signing off", (REVIEWER, APPROVER)),
        Action("import_list", "Importing a list", (LIST_ADMIN,)),
        Action("activate_list", "Choosing the active list version", (LIST_ADMIN,)),
        Action("activate_rules", "Saving or activating a rule pack", (RULES_ADMIN,)),
        Action("anchor_audit", "Anchoring the audit trail", (AUDITOR,)),
        Action("manage_office", "Granting and revoking roles", (ADMIN,)),
    )
}  # fmt: skip


class RoleRefused(PermissionError):
    """The signed-in officer lacks the role an action needs; the message names it."""

    def __init__(self, action: Action, actor: str) -> None:
        self.action = action
        self.actor = actor
        super().__init__(f"{action.needs()}; {actor} does not hold it")


def require(action_key: str, held: frozenset[str] | set[str], actor: str) -> None:
    action = ACTIONS[action_key]
    if not action.allowed(held):
        raise RoleRefused(action, actor)
