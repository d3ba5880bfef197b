"""Roles and what each may see: the one place the web app's access rules are written down.

Council-wide aggregates are open to every staff role. Team breakdowns show a team manager their own
teams and analysts, leaders and QA auditors every team. Child-level pages (a named child, a list of
children, findings that name children) need a role allowed them, a stated reason, and leave an access-log row.
Counts of 1 to 4 are shown as "<5" to anyone whose role does not allow child-level access.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    ANALYST = "analyst"
    LEADER = "leader"
    TEAM_MANAGER = "team_manager"
    QA_AUDITOR = "qa_auditor"
    PERSONAL_ADVISER = "personal_adviser"
    HEALTH_PARTNER = "health_partner"
    CARE_LEAVER = "care_leaver"


LABELS = {
    Role.ADMINISTRATOR: "Administrator",
    Role.ANALYST: "Performance analyst",
    Role.LEADER: "Senior leader or board member",
    Role.TEAM_MANAGER: "Team manager",
    Role.QA_AUDITOR: "QA auditor",
    Role.PERSONAL_ADVISER: "Personal adviser",
    Role.HEALTH_PARTNER: "Health partner",
    Role.CARE_LEAVER: "Care leaver",
}

STAFF = frozenset(Role) - {Role.CARE_LEAVER}

# permission → roles that have it
PERMISSIONS: dict[str, frozenset[Role]] = {
    "aggregates": STAFF,
    "team_breakdowns": frozenset({Role.ANALYST, Role.LEADER, Role.QA_AUDITOR, Role.TEAM_MANAGER}),
    "child_level": frozenset({Role.ANALYST, Role.QA_AUDITOR, Role.TEAM_MANAGER}),
    "upload_returns": frozenset({Role.ANALYST}),
    "publish_loads": frozenset({Role.ADMINISTRATOR, Role.ANALYST}),  # publish or discard a load held for review
    "validation_findings": frozenset({Role.ANALYST, Role.QA_AUDITOR}),
    "manage_users": frozenset({Role.ADMINISTRATOR}),
    "access_log": frozenset({Role.ADMINISTRATOR}),
}

# Roles that see every team; the others with team_breakdowns see only the teams given them.
ALL_TEAMS = frozenset({Role.ANALYST, Role.LEADER, Role.QA_AUDITOR})


def choices() -> list[tuple[str, str]]:
    return [(r.value, LABELS[r]) for r in Role]


def can(user, permission: str) -> bool:
    """Whether a signed-in user's role has a permission (unknown permissions are refused)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    try:
        role = Role(user.role)
    except ValueError:
        return False
    return role in PERMISSIONS.get(permission, frozenset())


def sees_all_teams(user) -> bool:
    return can(user, "team_breakdowns") and Role(user.role) in ALL_TEAMS


def visible_teams(user, teams: Iterable[str]) -> list[str]:
    """The teams, of those given, whose breakdowns the user may see."""
    if not can(user, "team_breakdowns"):
        return []
    if sees_all_teams(user):
        return list(teams)
    own = set(user.teams or [])
    return [t for t in teams if t in own]


def may_see_team(user, team: str) -> bool:
    return bool(visible_teams(user, [team]))


def suppress_small_numbers(user) -> bool:
    """Counts of 1-4 are hidden from roles without child-level access."""
    return not can(user, "child_level")
