"""Problems found in parsed data, each kept with the path to its value until it gets a line.

Every check returns :data:`Located` problems; :func:`with_lines` then turns
each path into a line of the file, once, for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import Problem
from ..inert import toml_key
from ..locate import Loc, value_lines

Located = tuple[Loc, Problem]
"""A problem and the path of the value it is about."""


def loc_path(loc: Sequence[int | str]) -> str:
    """``("roles", 3, "competencies", "strategy")`` -> ``roles[3].competencies.strategy``.

    Keys that are not plain words are quoted (and escaped), as TOML would write them.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        out += f".{toml_key(part)}" if out else toml_key(part)
    return out


class Findings(list[Located]):
    """The problems one check finds, in the order it finds them."""

    def add(self, loc: Loc, message: str, role: str | None = None,
            severity: str = "error") -> None:
        self.append((loc, Problem(message, location=loc_path(loc), role=role, severity=severity)))

    def warn(self, loc: Loc, message: str, role: str | None = None) -> None:
        self.add(loc, message, role, severity="warning")

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for _, problem in self)


def with_lines(located: Iterable[Located], text: str | None, fmt: str) -> list[Problem]:
    """Give each problem its line, and order them as they appear in the file."""
    found = list(located)
    lines = value_lines(text, fmt, [loc for loc, _ in found]) if text and found else None
    out = []
    for loc, problem in found:
        line = problem.line
        if line is None and lines is not None:
            line = lines.line(loc)
        out.append(problem._replace(line=line))
    out.sort(key=lambda p: (p.severity != "error", p.line or 0))
    return out
