"""How names are compared: one folding rule for role ids, titles, aliases and more.

A leaf module, so the catalogue, validation and every lookup share the rule
without importing each other.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """Fold a name for matching: ignore case, spaces, dashes and punctuation."""
    if not name.isascii():
        name = unicodedata.normalize("NFKC", name)
    return _NOT_ALNUM.sub("", name.casefold())
