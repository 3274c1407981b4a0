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
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import cache
from .cache import Entry, home_folder
from .errors import CatalogError, CatalogReadError, Problem, UsageError
from .index import (
    Ladder,
    RoleStore,
    index_of,
    index_shape_ok,
    names_of,
    names_shape_ok,
    role_record,
)

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
        from .inert import inert  # for a user's file only: the bundled one has a plain label

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


def named_source(value: str, origin: str) -> CatalogSource:
    """The catalogue a user named, on the command line or in the environment:
    :data:`BUNDLED_CHOICE` for the bundled one, anything else a file."""
    return CatalogSource(None if value == BUNDLED_CHOICE else Path(value), origin)


def _chosen(value: str, origin: str) -> CatalogSource:
    if value == BUNDLED_CHOICE:
        return named_source(value, origin)
    if not value.strip():
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


def read_source_bytes(source: CatalogSource) -> bytes:
    """A catalogue's bytes, refusing what can't be read (too large, a folder...)."""
    if source.path is None:
        # A plain path rather than importlib.resources: the package is always
        # installed as files, and the resources machinery costs ~1 ms to import.
        return (Path(__file__).parent / "data" / "catalog.toml").read_bytes()
    from .textfile import Unreadable, read_bytes  # a user's file only, as below

    try:
        return read_bytes(source.path, kind="catalogue", hint=START_HINT, limit=MAX_BYTES)
    except Unreadable as error:
        raise CatalogReadError(source.label, Problem(error.message, line=error.line)) from None


def decode_source(source: CatalogSource, data: bytes) -> str:
    """A catalogue's bytes as text: not over-long lines, UTF-8, not empty."""
    if source.path is None:
        return data.decode("utf-8")
    # The checks of a user's file; the bundled catalogue and a cached run never need them.
    from .textfile import Unreadable, decode

    try:
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
# Loading: from the cache when these exact bytes passed before, else validated


CACHE_LAYOUT = 6
"""Bumped when :func:`pmladder.index.index_of` or a role's record changes shape,
so older entries are ignored."""


def _cached(data: bytes, kind: str) -> cache.Entry | None:
    """The cache's entry for ``data`` read as ``kind``, when there is one and its
    index has the shape pmladder makes (see :func:`index_shape_ok`)."""
    with cache.paused_collection():  # decoding and checking the index make no cycles
        entry = cache.get(data, kind)
        if entry is None or not index_shape_ok(entry.index, len(entry) - 1):
            return None
    return entry


def load(source: CatalogSource) -> Ladder:
    """Read, parse, validate and index a catalogue; raise :class:`CatalogError` if invalid.

    A catalogue whose exact bytes passed validation before is opened from the
    content-keyed :mod:`pmladder.cache` instead: its index is read whole, and
    each role is read and built only when a command uses it.
    """
    try:
        data = read_source_bytes(source)
        kind = f"{CACHE_LAYOUT} {source.format}"
        entry = _cached(data, kind)
        if entry is not None:
            ids = entry.index["ids"]

            def rebuild() -> Ladder:
                return _validate(source, data, kind)

            def names() -> Mapping[str, Any]:
                found = _names_record(entry, ids)
                return found if found is not None else names_of(rebuild().whole_catalog())

            roles = RoleStore(ids, entry=entry, rebuild=lambda: rebuild().every_role())
            return Ladder(source, entry.index, roles, names)
        return _validate(source, data, kind)
    except CatalogError as error:
        hint = _origin_hint(source)
        if hint:
            error.hints = (*error.hints, hint)
        raise


def _names_record(entry: Entry, ids: Sequence[str]) -> Mapping[str, Any] | None:
    """The names stored after the roles' records; ``None`` when damaged."""
    record = entry.record(len(entry) - 1)
    try:
        found = None if record is None else marshal.loads(record)
    except (EOFError, ValueError, TypeError):
        return None
    return found if names_shape_ok(found, ids) else None


def _validate(source: CatalogSource, data: bytes, kind: str) -> Ladder:
    """Validate a catalogue's bytes, store what the cache needs, and index it."""
    # Validation loads only when the cache has no entry for these bytes.
    from .validation.parsing import parse_source
    from .validation.validate import validate_data

    text = decode_source(source, data)
    parsed = parse_source(text, source)
    catalog, problems = validate_data(parsed, source.label, text, source.format)
    records = [*map(role_record, catalog.roles), marshal.dumps(names_of(catalog))]
    cache.put(data, index_of(catalog, problems), records, kind=kind)
    return Ladder.of_catalog(catalog, source, problems)


def names_only(source: CatalogSource) -> dict[str, Any]:
    """A catalogue's names, for completion: ``{"roles": [{"id", "title", "aliases"}],
    "tracks": [{"id", "name"}]}``, shaped as the TOML is.

    Cheap on every Tab: from the cache's index when these exact bytes passed
    validation before (no role is read), else parsed from the file without
    validating it.  Raise :class:`CatalogError` when the file can't be read.
    """
    data = read_source_bytes(source)
    entry = _cached(data, f"{CACHE_LAYOUT} {source.format}")
    found = None
    if entry is not None:
        found = _names_record(entry, entry.index["ids"])
    if entry is None or found is None:
        from .validation.parsing import parse_source  # no cache entry: parse, don't validate

        parsed = parse_source(decode_source(source, data), source)
        return parsed if isinstance(parsed, dict) else {}
    index = entry.index
    roles = [{"id": role_id, "title": title, "aliases": aliases}
             for role_id, title, aliases in zip(index["ids"], index["titles"], found["aliases"],
                                                strict=True)]
    tracks = [{"id": t["id"], "name": t["name"]} for t in index["head"]["tracks"]]
    return {"roles": roles, "tracks": tracks}


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
    """Count the parts of a loaded catalogue (no role is built to count them)."""
    head = ladder.head
    return Summary(
        name=head.name,
        roles=len(ladder.ids),
        tracks=len(head.tracks),
        levels=len(head.levels),
        competencies=len(head.competencies),
        moves=sum(map(len, ladder.edges.values())),
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
    from .models import Catalog, field_docs  # completion imports this module, never a model

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
