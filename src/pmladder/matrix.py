"""The competency matrix: competencies down, scale steps across, criteria in the cells.

Plain data over a :class:`~pmladder.index.Ladder`: no I/O, no Typer, no Rich.
The Markdown export renders it as a table for a wiki; any other output (a web
page, a spreadsheet, JSON) can render the same :class:`Matrix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .index import Ladder
from .models import Criterion


@dataclass(frozen=True, slots=True)
class MatrixStep:
    """A column of the matrix: one step of the scale."""

    id: str
    """Scale level id."""
    name: str
    """Scale level name."""
    rank: int
    """Position on the scale, 1 = lowest."""
    description: str
    """What the step means for every competency alike."""


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One competency at one step."""

    step: str
    """Scale level id."""
    criterion: Criterion | None
    """What the step asks in this competency; ``None`` when the catalogue doesn't say."""
    roles: tuple[str, ...]
    """Ids of the roles that need this competency at this step, in catalogue order."""


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A row of the matrix: one competency across every step."""

    competency: str
    """Competency id."""
    name: str
    """Competency name."""
    description: str
    """What the competency covers."""
    cells: tuple[MatrixCell, ...]
    """One cell per step of the scale, lowest first."""

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of the steps this competency has no criterion for."""
        return tuple(c.step for c in self.cells if c.criterion is None)


@dataclass(frozen=True, slots=True)
class Matrix:
    """What each step of the scale asks in each competency."""

    scale: str
    """Name of the scale."""
    steps: tuple[MatrixStep, ...]
    """The columns, lowest step first."""
    rows: tuple[MatrixRow, ...]
    """The rows, in the catalogue's competency order."""

    @property
    def described(self) -> bool:
        """Whether any cell has a criterion (a catalogue without criteria has an empty matrix)."""
        return any(c.criterion is not None for row in self.rows for c in row.cells)


def competency_matrix(ladder: Ladder, competencies: Sequence[str] | None = None) -> Matrix:
    """The matrix of the whole catalogue, or of the given competency ids only."""
    scale = ladder.head.scale
    wanted = None if competencies is None else set(competencies)
    holders: dict[tuple[str, str], list[str]] = {}
    for role_id in ladder.order:
        for comp, level in ladder.roles[role_id].competencies.items():
            holders.setdefault((comp, level), []).append(role_id)
    rows = tuple(
        MatrixRow(
            competency=comp.id,
            name=comp.name,
            description=comp.description,
            cells=tuple(
                MatrixCell(
                    step=step.id,
                    criterion=comp.criteria.get(step.id),
                    roles=tuple(holders.get((comp.id, step.id), ())),
                )
                for step in scale.levels
            ),
        )
        for comp in ladder.head.competencies
        if wanted is None or comp.id in wanted
    )
    return Matrix(
        scale=scale.name,
        steps=tuple(
            MatrixStep(s.id, s.name, rank, s.description)
            for rank, s in enumerate(scale.levels, start=1)
        ),
        rows=rows,
    )
