"""Refuse absurdly long lists and tables before pydantic spends time and memory on them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..errors import Problem
from ..locate import Loc
from .problems import Located, loc_path

MAX_ITEMS = 200_000
"""Largest number of entries in any one list of a catalogue (roles, aliases, moves...)."""

MAX_KEYS = 10_000
"""Largest number of keys in any one table of a catalogue (a role's ratings, say)."""


def oversized(data: Mapping[str, Any]) -> Iterator[Located]:
    """Every list longer than :data:`MAX_ITEMS` and table larger than :data:`MAX_KEYS`."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        children: Iterable[tuple[int | str, Any]]
        if isinstance(value, list):
            limit, counted, kind, children = MAX_ITEMS, "entries", "a list", enumerate(value)
        elif isinstance(value, dict):
            limit, counted, kind = MAX_KEYS, "keys", "a table"
            children = ((str(k), v) for k, v in value.items())
        else:
            continue
        if len(value) > limit:
            yield loc, Problem(
                f"has {len(value):,} {counted}; pmladder allows at most {limit:,} in {kind}",
                location=loc_path(loc) or "(top level)",
            )
            continue
        # Only containers are walked: most values are strings.
        stack.extend(((*loc, key), v) for key, v in children if isinstance(v, list | dict))
