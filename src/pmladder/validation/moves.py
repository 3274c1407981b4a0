"""Each move leads to another role, once, the way its kind says; each role is reachable."""

from __future__ import annotations

from ..locate import Loc
from .did_you_mean import Closest
from .facts import Facts, RoleToCheck
from .problems import Findings


def check_moves(role: RoleToCheck, roles: dict[str, RoleToCheck], found: Findings,
                suggest: Closest) -> None:
    """Each of the role's moves names a role (of ``roles``, by id) other than itself, once;
    a promotion goes up a level and a lateral move stays on it."""
    targets: set[str] = set()
    for j, to, kind in role.moves:
        loc: Loc = ("roles", role.index, "moves", j)
        target = roles.get(to)
        if target is None:
            found.add((*loc, "to"), f"move to {to!r}, which is not a role"
                      f"{suggest(to, roles)}", role.id)
            continue
        if to == role.id:
            found.add((*loc, "to"), "a role can't move to itself; remove this move", role.id)
            continue
        if to in targets:
            found.add((*loc, "to"), f"a second move to {to!r}; keep one", role.id)
        targets.add(to)
        if role.level is None or target.level is None:
            continue
        if kind == "promotion" and target.level <= role.level:
            found.add((*loc, "kind"),
                      f"promotion to {to!r} must go up a level (level {role.level} -> "
                      f"{target.level}); make it 'lateral' or fix the levels", role.id)
        if kind == "lateral" and target.level != role.level:
            found.add((*loc, "kind"),
                      f"lateral move to {to!r} must stay on the same level (level {role.level} "
                      f"-> {target.level}); use 'promotion' or fix the levels", role.id)


def warn_unreachable(facts: Facts, found: Findings) -> None:
    """A warning for each role no move leads to that leads nowhere itself."""
    reached = {to for role in facts.roles for _, to, _ in role.moves}
    for role in facts.roles:
        if not role.moves and role.id not in reached:
            found.warn(("roles", role.index),
                       "no move leads to this role and it leads nowhere; add a move so "
                       "'path' can reach it", role.id)
