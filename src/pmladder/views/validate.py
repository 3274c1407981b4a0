"""What ``pmladder validate`` reports about a valid catalogue: one line."""

from __future__ import annotations

from ..catalog import Summary
from ..inert import inert
from .wording import count


def validation_line(label: str, summary: Summary) -> str:
    """The one-line summary of a valid catalogue."""
    line = (
        f'{label}: valid catalogue "{inert(summary.name, 200)}": '
        f"{count(summary.roles, 'role')} on {count(summary.tracks, 'track')} and "
        f"{count(summary.levels, 'level')}, {count(summary.moves, 'move')}, "
        f"{count(summary.competencies, 'competency', 'competencies')}"
    )
    if summary.warnings:
        line += f" ({count(summary.warnings, 'warning')})"
    return line

