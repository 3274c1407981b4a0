"""Each id is defined once, and no two roles share a name once names are folded.

Ids of scale steps, tracks, level ranks, competencies, sources and roles must
be unique; a role's id, title and aliases are compared after
:func:`~pmladder.names.normalise`, as lookups compare them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..locate import Loc
from ..names import normalise
from .facts import Facts, RoleToCheck
from .problems import Findings, loc_path


@dataclass(frozen=True, slots=True)
class KnownIds:
    """The ids the catalogue defines; ``None`` where a list is unusable as a whole."""

    scale: set[Any] | None
    tracks: set[Any] | None
    level_ranks: set[Any] | None
    competencies: set[Any] | None
    sources: set[Any] | None


def known_ids(facts: Facts, found: Findings) -> KnownIds:
    """Every defined id, reporting each one defined twice."""
    return KnownIds(
        scale=_defined(found, "scale level id", "scale level", ("scale", "levels"), "id",
                       facts.scale),
        tracks=_defined(found, "track id", "track", ("tracks",), "id", facts.tracks),
        level_ranks=_defined(found, "level rank", "level", ("levels",), "rank", facts.levels),
        competencies=_defined(found, "competency id", "competency", ("competencies",), "id",
                              facts.competencies),
        sources=_defined(found, "source id", "source", ("sources",), "id", facts.sources),
    )


def _defined(found: Findings, kind: str, name: str, where: Loc, key: str,
             entries: list[tuple[int, Any]] | None) -> set[Any] | None:
    if entries is None:
        return None
    seen: dict[Any, int] = {}
    for i, value in entries:
        if value in seen:
            found.add((*where, i, key),
                      f"duplicate {kind} {value!r}: {loc_path((*where, seen[value]))} already "
                      f"uses it; give each {name} its own")
        else:
            seen[value] = i
    return set(seen)


def role_ids(facts: Facts, found: Findings) -> tuple[dict[str, RoleToCheck], set[int]]:
    """Each role id with the first role that has it, and the positions of the repeats.

    Every role id in the file counts, even of roles with other problems, so a
    move to such a role is not also reported as a move to nowhere.
    """
    first: dict[str, RoleToCheck] = {}
    repeated: set[int] = set()
    for role in facts.roles:
        if role.id is None:
            continue
        if role.id in first:
            repeated.add(role.index)
            earlier = first[role.id]
            found.add(("roles", role.index, "id"),
                      f"role id {role.id!r} is already used by roles[{earlier.index}] "
                      f"({earlier.title!r}); give {role.title!r} an id of its own", role.id)
        else:
            first[role.id] = role
    return first, repeated


def check_role_names(role: RoleToCheck, repeated: set[int], names: dict[str, tuple[int, str]],
                     found: Findings) -> None:
    """The role's id, title and aliases each have letters and name no other role.

    ``names`` holds every folded name of the roles checked so far, and gains
    this role's.
    """
    here: Loc = ("roles", role.index)
    own: set[str] = set()
    named: list[tuple[str, str | None, Loc]] = [
        ("id", None if role.index in repeated else role.id, (*here, "id")),
        ("title", role.title, (*here, "title")),
        *(("alias", alias, (*here, "aliases", k)) for k, alias in role.aliases),
    ]
    for kind, name, loc in named:
        if name is None:
            continue
        key = normalise(name)
        if not key:
            found.add(loc, f"{kind} {name!r} has no letters or digits, so it can't name a role",
                      role.id)
            continue
        if key in own:
            continue
        own.add(key)
        other = names.get(key)
        if other is not None and other[0] != role.index:
            found.add(loc, f"{kind} {name!r} also names role {other[1]!r} (roles[{other[0]}]); "
                      "names are compared ignoring case, spaces and punctuation, so make them "
                      "differ", role.id)
        else:
            names[key] = (role.index, role.id or name)
