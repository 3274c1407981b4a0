"""Did-you-mean text for an unknown name, within a budget per validation."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

MAX_SUGGESTIONS = 25
"""How many unknown names get a did-you-mean: each costs a pass over every
name, so a file of thousands of typos must not cost thousands of passes."""


def closest(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'a' or 'b'?)`` for the names closest to ``name``, or nothing."""
    close = difflib.get_close_matches(name, sorted(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


class Closest:
    """:func:`closest`, for at most :data:`MAX_SUGGESTIONS` names, then nothing.

    Each suggestion is a pass over every name; the budget keeps thousands of
    typos (a hostile file) linear rather than quadratic.
    """

    def __init__(self) -> None:
        self.left = MAX_SUGGESTIONS

    def __call__(self, name: str, choices: Iterable[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return closest(name, choices)
