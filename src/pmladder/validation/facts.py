"""What the cross-checks need from a catalogue: its ids and references, with their positions.

Read from the models when the catalogue validated; otherwise salvaged from the
raw data, leaving out every value pydantic already reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..locate import Loc
from ..models import Catalog


@dataclass(slots=True)
class RoleToCheck:
    """What the cross-checks need from one role."""

    index: int
    id: str | None
    title: str | None
    track: str | None
    level: int | None
    aliases: list[tuple[int, str]]
    competencies: list[tuple[str, str | None]]
    """(competency id, rating), the rating ``None`` when it is not text."""
    sources: list[tuple[int, str]]
    moves: list[tuple[int, str, str | None]]
    """(index, target id, kind)."""


@dataclass(slots=True)
class CriteriaFacts:
    """What the cross-checks need from one competency's criteria."""

    index: int
    id: str | None
    steps: list[str]
    """The scale level ids the competency describes."""
    sources: list[tuple[str, int, str]]
    """(step, index, source id) of each source a criterion's basis names."""


@dataclass(slots=True)
class Facts:
    """What the cross-checks need from a catalogue: ids with their positions.

    Read from the models when the catalogue validated; otherwise from the raw
    data, leaving out every value pydantic already reported, so one typo in a
    role hides none of the other problems and nothing is reported twice.  A
    list that is unusable as a whole is ``None`` and references to it are not
    checked.
    """

    scale_name: str
    scale: list[tuple[int, str]] | None
    tracks: list[tuple[int, str]] | None
    levels: list[tuple[int, int]] | None
    competencies: list[tuple[int, str]] | None
    sources: list[tuple[int, str]] | None
    roles: list[RoleToCheck]
    criteria: list[CriteriaFacts]
    complete: bool = True
    """Whether the catalogue's shape is valid (warnings are only given then)."""

    @classmethod
    def of(cls, catalog: Catalog) -> Facts:
        return cls(
            scale_name=catalog.scale.name,
            scale=[(i, s.id) for i, s in enumerate(catalog.scale.levels)],
            tracks=[(i, t.id) for i, t in enumerate(catalog.tracks)],
            levels=[(i, lv.rank) for i, lv in enumerate(catalog.levels)],
            competencies=[(i, c.id) for i, c in enumerate(catalog.competencies)],
            sources=[(i, s.id) for i, s in enumerate(catalog.sources)],
            roles=[
                RoleToCheck(
                    i, r.id, r.title, r.track, r.level, list(enumerate(r.aliases)),
                    list(r.competencies.items()), list(enumerate(r.sources)),
                    [(j, m.to, m.kind) for j, m in enumerate(r.moves)],
                )
                for i, r in enumerate(catalog.roles)
            ],
            criteria=[
                CriteriaFacts(
                    i, c.id, list(c.criteria),
                    [(step, k, src) for step, crit in c.criteria.items()
                     for k, src in enumerate(crit.basis.sources or [] if crit.basis else [])],
                )
                for i, c in enumerate(catalog.competencies)
            ],
        )

    @classmethod
    def salvage(cls, data: Mapping[str, Any], bad: Iterable[Loc]) -> Facts:
        raw = Raw(data, bad)
        roles = []
        for i in range(raw.count(("roles",))):
            here: Loc = ("roles", i)
            roles.append(RoleToCheck(
                i, raw.text((*here, "id")), raw.text((*here, "title")),
                raw.text((*here, "track")), raw.number((*here, "level")),
                raw.texts((*here, "aliases")),
                [(comp, raw.text((*here, "competencies", comp)))
                 for comp in raw.keys((*here, "competencies"))],
                raw.texts((*here, "sources")),
                [(j, to, raw.text((*here, "moves", j, "kind")))
                 for j in range(raw.count((*here, "moves")))
                 if (to := raw.text((*here, "moves", j, "to"))) is not None],
            ))
        return cls(
            scale_name=raw.text(("scale", "name")) or "proficiency",
            scale=raw.ids(("scale", "levels"), "id", str),
            tracks=raw.ids(("tracks",), "id", str),
            levels=raw.ids(("levels",), "rank", int),
            competencies=raw.ids(("competencies",), "id", str, optional=True),
            sources=raw.ids(("sources",), "id", str, optional=True),
            roles=roles,
            criteria=[
                CriteriaFacts(
                    i, raw.text(("competencies", i, "id")), steps,
                    [(step, k, src) for step in steps
                     for k, src in raw.texts(
                         ("competencies", i, "criteria", step, "basis", "sources"))],
                )
                for i in range(raw.count(("competencies",)))
                for steps in [raw.keys(("competencies", i, "criteria"))]
            ],
            complete=False,
        )


class Raw:
    """Typed reads from parsed data, skipping the values pydantic reported."""

    def __init__(self, data: Mapping[str, Any], bad: Iterable[Loc]) -> None:
        self.data = data
        self.bad = set(bad)

    def ok(self, loc: Loc) -> bool:
        return not any(loc[:k] in self.bad for k in range(1, len(loc) + 1))

    def get(self, loc: Loc) -> Any:
        """The value at ``loc``, or ``None`` when it is absent or was reported already."""
        if not self.ok(loc):
            return None
        value: Any = self.data
        for part in loc:
            if isinstance(part, int):
                in_range = isinstance(value, list) and part < len(value)
                value = value[part] if in_range else None
            else:
                value = value.get(part) if isinstance(value, Mapping) else None
        return value

    def text(self, loc: Loc) -> str | None:
        value = self.get(loc)
        return value if isinstance(value, str) else None

    def number(self, loc: Loc) -> int | None:
        value = self.get(loc)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def count(self, loc: Loc) -> int:
        value = self.get(loc)
        return len(value) if isinstance(value, list) else 0

    def keys(self, loc: Loc) -> list[str]:
        value = self.get(loc)
        return [str(k) for k in value] if isinstance(value, Mapping) else []

    def texts(self, loc: Loc) -> list[tuple[int, str]]:
        return [
            (k, value) for k in range(self.count(loc))
            if (value := self.text((*loc, k))) is not None
        ]

    def ids(
        self, loc: Loc, key: str, kind: type[Any], *, optional: bool = False
    ) -> list[tuple[int, Any]] | None:
        raw = self.get(loc)
        if raw is None and optional and self.ok(loc):
            return []
        if not isinstance(raw, list):
            return None
        out = []
        for i in range(len(raw)):
            value = self.get((*loc, i, key))
            if isinstance(value, kind) and not isinstance(value, bool):
                out.append((i, value))
        return out
