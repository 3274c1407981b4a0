"""Read a catalogue, validate it completely, and index it for O(1) lookups.

The bundled catalogue and a team's own file go through exactly the same
steps: read bytes -> decode UTF-8 -> parse TOML (or JSON) -> validate the
shape with the pydantic models -> cross-check the whole catalogue.  Every
problem found is collected, so ``pmladder validate`` can report them all at
once, each with the line it is on.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .errors import CatalogError, CatalogReadError, Problem
from .models import Catalog, Criterion, Role, construct, field_docs
from .names import normalise

MAX_BYTES = 64 * 1024 * 1024
"""Largest catalogue file pmladder reads; larger files are refused before parsing."""

MAX_LINE = 100_000
"""Longest line pmladder parses: a longer one can't hold a valid value and costs memory."""

BUNDLED_LABEL = "bundled catalogue"
ENV_VAR = "PMLADDER_CATALOG"
LOCAL_FILE = "pmladder.toml"

# --------------------------------------------------------------------------
# Where the catalogue comes from


class CatalogSource(NamedTuple):
    """Where a catalogue is read from: the bundled file or a path the user chose."""

    #: The user's file, or ``None`` for the bundled catalogue.
    path: Path | None
    #: How it was chosen: ``bundled``, ``option``, ``environment``, ``discovered`` or ``argument``.
    origin: str = "bundled"
    #: Why a ``pmladder.toml`` that was found was not used, for a warning.
    skipped: str | None = None

    @property
    def label(self) -> str:
        """The name used in messages (inert: a file name may hold escape sequences)."""
        if self.path is None:
            return BUNDLED_LABEL
        from .inert import inert

        return inert(str(self.path), one_line=True)

    @property
    def is_bundled(self) -> bool:
        return self.path is None

    @property
    def format(self) -> str:
        """``json`` for a ``.json`` file, else ``toml``."""
        if self.path is not None and self.path.suffix.lower() == ".json":
            return "json"
        return "toml"


BUNDLED_CHOICE = ":bundled"
"""``--catalog :bundled`` (or ``PMLADDER_CATALOG=:bundled``): the bundled catalogue,
whatever ``pmladder.toml`` discovery would find."""


def bundled_text() -> str:
    """The text of the catalogue shipped inside the package."""
    # A plain path rather than importlib.resources: the package is always
    # installed as files, and the resources machinery costs ~1 ms to import.
    return (Path(__file__).parent / "data" / "catalog.toml").read_text(encoding="utf-8")


def named_source(value: str, origin: str) -> CatalogSource:
    """The catalogue a user named, on the command line or in the environment:
    :data:`BUNDLED_CHOICE` for the bundled one, anything else a file."""
    return CatalogSource(None if value == BUNDLED_CHOICE else Path(value), origin)


def _chosen(value: str, origin: str) -> CatalogSource:
    if value == BUNDLED_CHOICE:
        return named_source(value, origin)
    if not value.strip():
        from .errors import UsageError

        what = "--catalog is" if origin == "option" else f"{ENV_VAR} is set but"
        raise UsageError(
            f"{what} empty; give a catalogue file",
            hints=[f"use {'--catalog ' if origin == 'option' else ENV_VAR + '='}"
                   f"{BUNDLED_CHOICE} for the bundled catalogue"
                   + ("" if origin == "option" else f", or unset {ENV_VAR}")],
        )
    return named_source(value, origin)


def find_source(
    option: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> CatalogSource:
    """Choose the active catalogue: ``--catalog``, then ``PMLADDER_CATALOG``,
    then a discovered ``pmladder.toml``, else the bundled one.

    ``:bundled`` as the option or the variable chooses the bundled catalogue.
    Discovery looks in the working folder and, inside a repository (a folder
    holding ``.git``) or the home folder, in each parent up to that root.  A
    discovered file is used only if it is a regular file (not a symbolic link)
    owned by the current user; otherwise it is skipped, and ``skipped`` says why.
    """
    env = os.environ if environ is None else environ
    if option is not None:
        return _chosen(option, "option")
    if ENV_VAR in env:
        return _chosen(env[ENV_VAR], "environment")
    from .cache import home_folder

    try:
        here = (cwd or Path.cwd()).resolve()
    except OSError:  # the working folder was deleted
        return CatalogSource(None)
    home_text = home_folder(env if "HOME" in env else os.environ)
    home = Path(home_text).resolve() if home_text else None
    chain = [here, *here.parents]
    folders = chain[:1]  # outside a repository and the home folder: only here
    for i, folder in enumerate(chain):
        if folder == home or (folder / ".git").exists():
            folders = chain[: i + 1]
            break
    for folder in folders:
        candidate = folder / LOCAL_FILE
        problem = _unusable(candidate)
        if problem is None:
            return CatalogSource(candidate, "discovered")
        if problem:
            return CatalogSource(None, skipped=f"ignoring {candidate}: {problem}")
    return CatalogSource(None)


def _unusable(candidate: Path) -> str | None:
    """Why a discovered file may not be used; ``""`` when there is none; ``None`` if fine."""
    import stat

    try:
        info = os.lstat(candidate)
    except OSError:
        return ""
    if stat.S_ISDIR(info.st_mode):
        return ""
    if stat.S_ISLNK(info.st_mode):
        return ("it is a symbolic link, and pmladder only uses a discovered file that is a "
                f"regular file; pass --catalog {LOCAL_FILE} to use it anyway")
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return ("it belongs to another user; pass --catalog with its path if you trust it")
    return None


START_HINT = "run 'pmladder export --output pmladder.toml' to start from the bundled catalogue"


def read_source(source: CatalogSource) -> str:
    """Read a catalogue's text, turning every way a file can be unreadable into one line."""
    if source.path is None:
        return bundled_text()
    from .textfile import Unreadable, decode, read_bytes

    try:
        data = read_bytes(source.path, kind="catalogue", hint=START_HINT, limit=MAX_BYTES)
        longest = max(map(len, data.splitlines()), default=0)
        if longest > MAX_LINE:
            line = next(i for i, b in enumerate(data.splitlines(), 1) if len(b) == longest)
            raise Unreadable(
                f"has a line of {longest:,} bytes; catalogue values are at most 4,000 "
                f"characters, so pmladder refuses lines over {MAX_LINE:,} bytes",
                line,
            )
        return decode(
            data,
            kind="catalogue",
            empty=f"a catalogue needs a scale, a track, a level and a role ({START_HINT})",
        )
    except Unreadable as error:
        raise CatalogReadError(source.label, Problem(error.message, line=error.line)) from None


# --------------------------------------------------------------------------
# The loaded, indexed catalogue


class _LazyRoles(Mapping[str, Role]):
    """Roles by id, each rebuilt from its cached record the first time it is used.

    ``pmladder path`` on a 10,000-role catalogue touches a handful of roles;
    rebuilding all of them would cost more than the rest of the command.
    """

    __slots__ = ("_blobs", "_built")

    def __init__(self, ids: Sequence[str], blobs: Sequence[bytes]) -> None:
        self._blobs = dict(zip(ids, blobs, strict=True))
        self._built: dict[str, Role] = {}

    def __getitem__(self, role_id: str) -> Role:
        role = self._built.get(role_id)
        if role is None:
            role = self._built[role_id] = construct(Role, marshal.loads(self._blobs[role_id]))
        return role

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def record(self, role_id: str) -> bytes:
        """The role's cached record: equal records mean equal roles, without rebuilding them."""
        return self._blobs[role_id]

    def __len__(self) -> int:
        return len(self._blobs)


class Ladder:
    """A validated catalogue with the indices every command needs, built once at load."""

    __slots__ = (
        "_catalog", "competency_names", "competency_order", "criteria", "edges", "head",
        "incoming", "level_names", "names", "order", "roles", "scale_names", "scale_rank",
        "source", "track_names", "warnings",
    )  # fmt: skip

    def __init__(
        self, head: Catalog, source: CatalogSource, warnings: Sequence[Problem] = ()
    ) -> None:
        #: The catalogue's name, scale, tracks, levels, competencies and sources;
        #: its ``roles`` may be empty: use :attr:`roles` or :attr:`catalog` for them.
        self.head = head
        self._catalog: Catalog | None = None
        self.source = source
        self.warnings = tuple(warnings)
        #: Roles by id.
        self.roles: Mapping[str, Role] = {}
        #: Position of each role in the file, for stable output.
        self.order: dict[str, int] = {}
        #: For each role id, the (from role id, move index) pairs that lead to it.
        self.incoming: dict[str, list[tuple[str, int]]] = {}
        #: For each role id, its moves in order as (to role id, typical years; 0 if not given).
        self.edges: dict[str, list[tuple[str, float]]] = {}
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
        #: Every normalised id, title and alias, mapped to its role id.
        self.names: dict[str, str] = {}

    def criterion(self, competency: str, level: str) -> Criterion | None:
        """What ``level`` asks in ``competency``; ``None`` when the catalogue is silent."""
        return self.criteria.get((competency, level))

    @property
    def catalog(self) -> Catalog:
        """The whole catalogue, roles included (rebuilt on first use after a cache hit)."""
        if self._catalog is None:
            roles = [self.roles[role_id] for role_id in self.order]
            self._catalog = self.head.model_copy(update={"roles": roles})
        return self._catalog

    @classmethod
    def build(
        cls, catalog: Catalog, source: CatalogSource, warnings: Sequence[Problem] = ()
    ) -> Ladder:
        ladder = cls(catalog, source, warnings)
        ladder._catalog = catalog
        ladder.roles = {r.id: r for r in catalog.roles}
        ladder.order = {r.id: i for i, r in enumerate(catalog.roles)}
        ladder.incoming = {r.id: [] for r in catalog.roles}
        for role in catalog.roles:
            ladder.edges[role.id] = [
                (move.to, float(move.typical_years or 0)) for move in role.moves
            ]
            for j, move in enumerate(role.moves):
                ladder.incoming[move.to].append((role.id, j))
            for name in (role.id, role.title, *role.aliases):
                ladder.names.setdefault(normalise(name), role.id)
        ladder.names.pop("", None)
        return ladder

    def to_cache(self) -> dict[str, Any]:
        """Everything :meth:`from_cache` needs, as plain data for :mod:`pmladder.cache`."""
        roles = self.catalog.roles
        return {
            "head": self.head.model_dump(exclude={"roles"}),
            "ids": [r.id for r in roles],
            "blobs": [marshal.dumps(r.model_dump()) for r in roles],
            "names": self.names,
            "incoming": self.incoming,
            "edges": self.edges,
            "warnings": [tuple(p) for p in self.warnings],
        }

    @classmethod
    def from_cache(cls, payload: Mapping[str, Any], source: CatalogSource) -> Ladder:
        head = construct(Catalog, {**payload["head"], "roles": []})
        ladder = cls(head, source, [Problem(*w) for w in payload["warnings"]])
        ids: list[str] = payload["ids"]
        ladder.roles = _LazyRoles(ids, payload["blobs"])
        ladder.order = {role_id: i for i, role_id in enumerate(ids)}
        ladder.names = payload["names"]
        ladder.incoming = payload["incoming"]
        ladder.edges = payload["edges"]
        return ladder


CACHE_LAYOUT = 3
"""Bumped when :meth:`Ladder.to_cache` changes shape, so older entries are ignored."""


def _all(kind: type[Any], items: Any) -> bool:
    return all(type(item) is kind for item in items)


def _pairs(value: Any, second: type) -> bool:
    """A list of ``[str, second]`` pairs (as marshal keeps them: tuples or lists)."""
    return type(value) is list and all(
        type(p) in (tuple, list) and len(p) == 2 and type(p[0]) is str and type(p[1]) is second
        for p in value
    )


def cache_shape_ok(payload: Any) -> bool:
    """Whether a decoded cache entry has exactly the shape :meth:`Ladder.to_cache` writes.

    The entry's digest was checked before decoding; this guards against an
    entry of another layout (or a bug) ever reaching the commands.
    """
    if type(payload) is not dict or set(payload) != _CACHE_KEYS:
        return False
    ids, blobs, names = payload["ids"], payload["blobs"], payload["names"]
    incoming, edges = payload["incoming"], payload["edges"]
    if not (type(payload["head"]) is dict and type(ids) is list and type(blobs) is list
            and len(ids) == len(blobs) and _all(str, ids) and _all(bytes, blobs)):
        return False
    if type(names) is not dict or not _all(str, names) or not _all(str, names.values()):
        return False
    known = set(ids)
    if len(known) != len(ids) or not set(names.values()) <= known:
        return False
    for links in (incoming, edges):
        if type(links) is not dict or links.keys() != known:
            return False
    if not all(_pairs(v, int) for v in incoming.values()):
        return False
    if not all(_pairs(v, float) for v in edges.values()):
        return False
    for links in (incoming, edges):
        if not all(p[0] in known for v in links.values() for p in v):
            return False
    warnings = payload["warnings"]
    return type(warnings) is list and all(
        type(w) is tuple and len(w) == len(Problem._fields) for w in warnings
    )


_CACHE_KEYS = {"head", "ids", "blobs", "names", "incoming", "edges", "warnings"}


def load(source: CatalogSource) -> Ladder:
    """Read, parse, validate and index a catalogue; raise :class:`CatalogError` if invalid.

    A catalogue whose exact text passed validation before is rebuilt from the
    content-keyed :mod:`pmladder.cache` instead of being parsed and validated again.
    """
    from . import cache

    try:
        text = read_source(source)
        content = f"{CACHE_LAYOUT}\n{source.format}\n{text}".encode()
        hit = cache.get(content)
        if hit is not None and cache_shape_ok(hit):
            try:
                return Ladder.from_cache(hit, source)
            except Exception:
                pass
        from .validation.parsing import parse_source
        from .validation.validate import validate_data

        data = parse_source(text, source)
        catalog, problems = validate_data(data, source.label, text, source.format)
    except CatalogError as error:
        hint = _origin_hint(source)
        if hint:
            error.hints = (*error.hints, hint)
        raise
    ladder = Ladder.build(catalog, source, problems)
    cache.put(content, ladder.to_cache())
    return ladder


def _origin_hint(source: CatalogSource) -> str | None:
    """Say where an implicitly chosen catalogue came from, so its errors make sense."""
    if source.origin == "environment":
        return (f"the file is set by {ENV_VAR}; unset it, or pass --catalog {BUNDLED_CHOICE}, "
                "to use the bundled catalogue")
    if source.origin == "discovered" and source.path is not None:
        try:
            here = source.path.parent == Path.cwd().resolve()
        except OSError:
            here = False
        where = "the current folder" if here else "a parent of the current folder"
        return (f"pmladder found this {LOCAL_FILE} in {where}; pass --catalog FILE to use "
                f"another, or --catalog {BUNDLED_CHOICE} for the bundled catalogue")
    return None


class Summary(NamedTuple):
    """How big a catalogue is: what ``pmladder validate`` reports for a valid one."""

    #: The catalogue's name.
    name: str
    roles: int
    tracks: int
    levels: int
    competencies: int
    moves: int
    warnings: int


def summarise(ladder: Ladder) -> Summary:
    """Count the parts of a loaded catalogue."""
    catalog = ladder.catalog
    return Summary(
        name=catalog.name,
        roles=len(catalog.roles),
        tracks=len(catalog.tracks),
        levels=len(catalog.levels),
        competencies=len(catalog.competencies),
        moves=sum(len(role.moves) for role in catalog.roles),
        warnings=len(ladder.warnings),
    )


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:pmladder:catalogue:format-1"
"""The ``$id`` of the published schema: names the catalogue format it describes."""


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a catalogue file, built from the models.

    Every field's description is its docstring in :mod:`pmladder.models`.
    The cross-checks (unique ids, moves to existing roles, ratings on the
    scale) can't be said in JSON Schema; ``pmladder validate`` makes them.
    """
    generated = Catalog.model_json_schema()
    docs = field_docs()
    for name, definition in [("Catalog", generated), *generated.get("$defs", {}).items()]:
        for field_name, prop in definition.get("properties", {}).items():
            doc = docs.get(name, {}).get(field_name)
            if doc:
                prop.setdefault("description", doc)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "pmladder catalogue",
        "description": (
            f"{generated.pop('description', '')} A pmladder catalogue file, format "
            "version 1. Run 'pmladder validate FILE' for the checks a schema can't "
            "express: unique ids and names, moves to existing roles, ratings on the scale."
        ).strip(),
        **{k: v for k, v in generated.items() if k != "title"},
    }
