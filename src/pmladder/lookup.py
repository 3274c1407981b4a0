"""Find a role by any of its names.

A role answers to its id, its title and each alias, compared after
:func:`~pmladder.names.normalise` (case, spaces, dashes and punctuation
ignored).  A name that is not exact but starts at least three characters of
one role's names (``senior`` -> ``senior-pm``) resolves to that role; if the
start fits several roles, the name is ambiguous and the candidates are listed.
Anything else is unknown, with up to three close suggestions.
"""

from __future__ import annotations

import difflib

from .catalog import Ladder
from .errors import AmbiguousRoleError, UnknownRoleError, UsageError
from .models import Role
from .names import normalise

MIN_PREFIX = 3
"""Shortest partial name that may resolve by its start."""


def find_role(ladder: Ladder, name: str) -> Role:
    """The role ``name`` refers to; raise a usage error listing candidates or suggestions."""
    if name in ladder.order:  # an id as written: no other role has it as any name
        return ladder.roles[name]
    key = normalise(name)
    role_id = ladder.names.get(key)
    if role_id is not None:
        return ladder.roles[role_id]
    if len(key) >= MIN_PREFIX:
        starts = sorted(
            {rid for n, rid in ladder.names.items() if n.startswith(key)},
            key=ladder.order.__getitem__,
        )
        if len(starts) == 1:
            return ladder.roles[starts[0]]
        if starts:
            raise AmbiguousRoleError(name, starts[:10])
    raise UnknownRoleError(name, suggest(ladder, name))


def suggest(ladder: Ladder, name: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` role ids whose names are closest to ``name``, best first."""
    key = normalise(name)
    if not key:
        return []
    close = difflib.get_close_matches(key, ladder.names, n=limit * 4, cutoff=0.6)
    out: list[str] = []
    for match in close:
        role_id = ladder.names[match]
        if role_id not in out:
            out.append(role_id)
    return out[:limit]


def close_words(word: str, choices: list[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``choices`` closest to ``word``, best first."""
    return difflib.get_close_matches(word, choices, n=limit, cutoff=0.6)


def find_track(ladder: Ladder, name: str) -> str:
    """The id of the track ``name`` refers to: its id or its name, in any case.

    Raise a usage error with close suggestions and every track's id otherwise.
    """

    key = normalise(name)
    for track in ladder.head.tracks:
        if key and key in (normalise(track.id), normalise(track.name)):
            return track.id
    names = {normalise(t.id): t.id for t in ladder.head.tracks}
    names.update({normalise(t.name): t.id for t in ladder.head.tracks})
    close = list(dict.fromkeys(names[m] for m in close_words(key, list(names), limit=6)))[:3]
    hints = [f"did you mean: {', '.join(close)}?"] if close else []
    hints.append("tracks: " + ", ".join(t.id for t in ladder.head.tracks))
    raise UsageError(f"no track named {name!r}", hints=hints)
