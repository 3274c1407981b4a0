"""A loaded catalogue behind one door: :class:`Ladder`, what is cheap and what is dear.

A :class:`Ladder` is built one way, from an *index* (plain data: the
catalogue's head, role ids in order, titles, moves), a :class:`RoleStore`
that builds each role the first time it is asked for, and its names, read
the first time a role is looked up by a name that is not its id.  After a
validation the store holds the validated roles; from the cache it reads each
role's record only when that role is used.

Cheap, whatever the catalogue's size: the head's facts (name, scale, tracks,
levels, competencies, sources), a role by id, ids in order, titles, names,
moves.  Dear, and named so: :meth:`Ladder.every_role` (each role, built) and
:meth:`Ladder.whole_catalog` (the catalogue as one model, for export,
validate and the site).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .errors import Problem
from .names import normalise

if TYPE_CHECKING:
    from .cache import Entry
    from .catalog import CatalogSource
    from .models import Catalog, Competency, Criterion, Level, Role, Scale, Source, Track


class CatalogHead(NamedTuple):
    """Everything a catalogue says besides its roles (a NamedTuple, cheaper to
    define at start-up than a frozen dataclass)."""

    name: str
    description: str | None
    scale: Scale
    tracks: list[Track]
    levels: list[Level]
    competencies: list[Competency]
    sources: list[Source]
    format_version: Literal[1] = 1


class RoleStore:
    """Roles by id, each built the first time it is asked for.

    It gives one role by id (``store[role_id]``) and answers ``role_id in
    store``; nothing here walks every role, so nothing builds them all by
    accident: that is :meth:`Ladder.every_role`, named as dear.

    :attr:`built` counts the roles this store built: a cached ``pmladder
    path`` over 10,000 roles builds the route's roles and no others
    (``tests/test_roles_built.py`` pins what each command builds).  A record
    that fails its digest is never used: ``rebuild`` validates the catalogue
    again, every role comes from that, and each counts as built.
    """

    __slots__ = ("_entry", "_position", "_rebuild", "_roles", "built")

    #: Not iterable: walking every role is :meth:`Ladder.every_role`.
    __iter__ = None

    def __init__(
        self,
        ids: Sequence[str],
        roles: Mapping[str, Role] | None = None,
        *,
        entry: Entry | None = None,
        rebuild: Callable[[], Iterable[Role]] | None = None,
    ) -> None:
        self._position = {role_id: i for i, role_id in enumerate(ids)}
        self._roles: dict[str, Role] = dict(roles or {})
        self._entry = entry
        self._rebuild = rebuild
        #: How many roles this store built so far (from records, or by validating again).
        self.built = 0

    def __getitem__(self, role_id: str) -> Role:
        role = self._roles.get(role_id)
        if role is not None:
            return role
        position = self._position[role_id]
        record = None if self._entry is None else self._entry.record(position)
        if record is not None:
            from .models import Role, construct  # completion reads this module, never a model

            try:
                role = construct(Role, marshal.loads(record))
            except (EOFError, ValueError, TypeError, AttributeError):
                role = None
        if role is None:  # a damaged record: trust nothing more from the entry
            if self._rebuild is None:
                raise KeyError(role_id)
            self._roles = {r.id: r for r in self._rebuild()}
            self._entry, self._rebuild = None, None
            self.built += len(self._roles)
            return self._roles[role_id]
        self.built += 1
        self._roles[role_id] = role
        return role

    def __contains__(self, role_id: object) -> bool:
        return role_id in self._position

    def record(self, role_id: str) -> bytes | None:
        """The role's cache record (equal records mean equal roles, unbuilt);
        ``None`` when the roles came from a validation."""
        if self._entry is None:
            return None
        return self._entry.record(self._position[role_id])


def role_record(role: Role) -> bytes:
    """What the cache stores for one role: its plain data, marshalled."""
    return marshal.dumps(role.model_dump())


def index_of(catalog: Catalog, warnings: Sequence[Problem]) -> dict[str, Any]:
    """The index of a validated catalogue, as plain data the cache can store.

    Every mention of a role id is the one string object in ``ids``, so the
    cache writes each id once and the rest as references: a smaller entry,
    read faster.  The names are apart (:func:`names_of`): a command given role
    ids never reads them.
    """
    ids = {r.id: r.id for r in catalog.roles}
    incoming: dict[str, list[tuple[str, int]]] = {role_id: [] for role_id in ids}
    for role in catalog.roles:
        for j, move in enumerate(role.moves):
            incoming[ids[move.to]].append((ids[role.id], j))
    return {
        "head": catalog.model_dump(exclude={"roles"}),
        "ids": list(ids),
        "titles": [r.title for r in catalog.roles],
        "places": [(r.track, r.level) for r in catalog.roles],
        "incoming": incoming,
        "edges": {
            ids[r.id]: [(ids[m.to], float(m.typical_years or 0)) for m in r.moves]
            for r in catalog.roles
        },
        "warnings": [tuple(p) for p in warnings],
    }


def names_of(catalog: Catalog) -> dict[str, Any]:
    """Every role's names: ``names`` (each normalised id, title and alias -> role id)
    and ``aliases`` (each role's, in catalogue order), as plain data."""
    names: dict[str, str] = {}
    for role in catalog.roles:
        for name in (role.id, role.title, *role.aliases):
            names.setdefault(normalise(name), role.id)
    names.pop("", None)
    return {"names": names, "aliases": [list(r.aliases) for r in catalog.roles]}


def names_shape_ok(data: Any, ids: Sequence[str]) -> bool:
    """Whether decoded names have exactly the shape :func:`names_of` makes for ``ids``."""
    if type(data) is not dict or set(data) != {"names", "aliases"}:
        return False
    names, aliases = data["names"], data["aliases"]
    if type(names) is not dict or {type(x) for x in [*names, *names.values()]} - {str}:
        return False
    if type(aliases) is not list or len(aliases) != len(ids):
        return False
    if {type(a) for a in aliases} - {list} or {type(a) for each in aliases for a in each} - {str}:
        return False
    return set(names.values()) <= set(ids)


def _links_ok(links: Any, known: set[str], second: type) -> bool:
    """A dict from every known id to a list of ``(known id, second)`` pairs."""
    if type(links) is not dict or links.keys() != known:
        return False
    lists = links.values()
    if {type(v) for v in lists} - {list}:
        return False
    pairs = [p for v in lists for p in v]
    return (
        not {type(p) for p in pairs} - {tuple, list}
        and not {len(p) for p in pairs} - {2}
        and {p[0] for p in pairs} <= known
        and not {type(p[1]) for p in pairs} - {second}
    )


_INDEX_KEYS = {"head", "ids", "titles", "places", "incoming", "edges", "warnings"}


def index_shape_ok(index: Any, records: int) -> bool:
    """Whether a decoded index has exactly the shape :func:`index_of` makes, for
    ``records`` roles.

    The entry's seal was checked before decoding; this guards against an
    entry of another layout (or a bug) ever reaching the commands.
    """
    if type(index) is not dict or set(index) != _INDEX_KEYS or type(index["head"]) is not dict:
        return False
    ids, titles, places = index["ids"], index["titles"], index["places"]
    if not all(type(v) is list and len(v) == records for v in (ids, titles, places)):
        return False
    if {type(x) for x in [*ids, *titles]} - {str}:
        return False
    if {(type(p), len(p)) for p in places} - {(tuple, 2)}:
        return False
    if {(type(track), type(level)) for track, level in places} - {(str, int)}:
        return False
    known = set(ids)
    if len(known) != len(ids):
        return False
    if not (_links_ok(index["incoming"], known, int) and _links_ok(index["edges"], known, float)):
        return False
    warnings = index["warnings"]
    return type(warnings) is list and all(
        type(w) is tuple and len(w) == len(Problem._fields) for w in warnings
    )


class Ladder:
    """A validated catalogue with the indices every command needs, built once at load."""

    __slots__ = (
        "_names", "_read_names", "competency_names", "competency_order", "criteria", "edges",
        "head", "ids", "incoming", "level_names", "order", "places", "roles", "scale_names",
        "scale_rank", "source", "titles", "track_names", "warnings",
    )  # fmt: skip

    def __init__(
        self,
        source: CatalogSource,
        index: Mapping[str, Any],
        roles: RoleStore,
        names: Callable[[], Mapping[str, Any]],
    ) -> None:
        from .models import Catalog, construct  # completion reads this module, never a model

        whole = construct(Catalog, {**index["head"], "roles": []})
        #: The catalogue's name, scale, tracks, levels, competencies and sources.
        self.head = CatalogHead(
            whole.name, whole.description, whole.scale, whole.tracks, whole.levels,
            whole.competencies, whole.sources, whole.format_version,
        )
        self.source = source
        self.warnings = tuple(Problem(*w) for w in index["warnings"])
        #: Role ids in catalogue order.
        self.ids: tuple[str, ...] = tuple(index["ids"])
        #: Roles by id, each built when first used: see :class:`RoleStore`.
        self.roles = roles
        #: Position of each role in the file, for stable output.
        self.order = {role_id: i for i, role_id in enumerate(self.ids)}
        #: Each role's title, by id (no role is built to read it).
        self.titles: dict[str, str] = dict(zip(self.ids, index["titles"], strict=True))
        #: Each role's (track id, level), by id.
        self.places: dict[str, tuple[str, int]] = dict(zip(self.ids, index["places"], strict=True))
        #: For each role id, the (from role id, move index) pairs that lead to it.
        self.incoming: dict[str, list[tuple[str, int]]] = index["incoming"]
        #: For each role id, its moves in order as (to role id, typical years; 0 if not given).
        self.edges: dict[str, list[tuple[str, float]]] = index["edges"]
        self._read_names = names
        self._names: Mapping[str, Any] | None = None
        head = self.head
        #: Position of each scale level id, lowest first (0-based).
        self.scale_rank = {s.id: i for i, s in enumerate(head.scale.levels)}
        self.scale_names = {s.id: s.name for s in head.scale.levels}
        self.competency_names = {c.id: c.name for c in head.competencies}
        self.competency_order = {c.id: i for i, c in enumerate(head.competencies)}
        #: What each (competency id, scale level id) asks, where the catalogue says.
        self.criteria = {
            (c.id, step): criterion
            for c in head.competencies
            for step, criterion in c.criteria.items()
        }
        self.track_names = {t.id: t.name for t in head.tracks}
        self.level_names = {lv.rank: lv.name for lv in head.levels}

    @property
    def names(self) -> dict[str, str]:
        """Every normalised id, title and alias, mapped to its role id (read when first used)."""
        if self._names is None:
            self._names = self._read_names()
        names: dict[str, str] = self._names["names"]
        return names

    @classmethod
    def of_catalog(
        cls, catalog: Catalog, source: CatalogSource, warnings: Sequence[Problem] = ()
    ) -> Ladder:
        """The ladder of a catalogue just validated, its roles already built."""
        roles = RoleStore([r.id for r in catalog.roles], {r.id: r for r in catalog.roles})
        names = names_of(catalog)
        return cls(source, index_of(catalog, warnings), roles, lambda: names)

    def criterion(self, competency: str, level: str) -> Criterion | None:
        """What ``level`` asks in ``competency``; ``None`` when the catalogue is silent."""
        return self.criteria.get((competency, level))

    def every_role(self) -> Iterator[Role]:
        """Every role in catalogue order, each built: dear on a large cached catalogue."""
        return (self.roles[role_id] for role_id in self.ids)

    def whole_catalog(self) -> Catalog:
        """The whole catalogue as one model, every role built: for export, validate
        and the site, which write all of it."""
        from .models import Catalog  # completion reads this module, never a model

        head = self.head
        return Catalog.model_construct(
            format_version=head.format_version, name=head.name, description=head.description,
            scale=head.scale, tracks=head.tracks, levels=head.levels,
            competencies=head.competencies, sources=head.sources, roles=list(self.every_role()),
        )
