"""Read a catalogue, validate it completely, and index it for O(1) lookups.

The bundled catalogue and a team's own file go through exactly the same
steps: read bytes -> decode UTF-8 -> parse TOML -> validate the shape with
the pydantic models -> cross-check the whole catalogue.  Every problem found
is collected, so ``pmladder validate`` can report them all at once.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import CatalogError, Problem
from .models import Catalog, Role

MAX_BYTES = 64 * 1024 * 1024
"""Largest catalogue file pmladder reads; larger files are refused before parsing."""

MAX_ITEMS = 200_000
"""Largest number of entries in any one list of a catalogue (roles, aliases, moves...)."""

BUNDLED_LABEL = "bundled catalogue"
ENV_VAR = "PMLADDER_CATALOG"
LOCAL_FILE = "pmladder.toml"


def normalise(name: str) -> str:
    """Fold a role name for matching: ignore case, spaces, dashes and punctuation."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


# --------------------------------------------------------------------------
# Where the catalogue comes from


@dataclass(frozen=True, slots=True)
class CatalogSource:
    """Where a catalogue is read from: the bundled file or a path the user chose."""

    path: Path | None
    """The user's file, or ``None`` for the bundled catalogue."""
    origin: str = "bundled"
    """How it was chosen: ``bundled``, ``option``, ``environment`` or ``discovered``."""

    @property
    def label(self) -> str:
        """The name used in messages."""
        return BUNDLED_LABEL if self.path is None else str(self.path)

    @property
    def is_bundled(self) -> bool:
        return self.path is None


def bundled_text() -> str:
    """The text of the catalogue shipped inside the package."""
    return (resources.files("pmladder") / "data" / "catalog.toml").read_text(encoding="utf-8")


def find_source(
    option: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> CatalogSource:
    """Choose the active catalogue: ``--catalog``, then ``PMLADDER_CATALOG``,
    then a ``pmladder.toml`` in the working folder or a parent, else the bundled one.

    The search upwards stops at a repository root (a folder holding ``.git``)
    or the home folder, the way ruff and pytest look for their settings.
    """
    env = os.environ if environ is None else environ
    if option:
        return CatalogSource(Path(option), "option")
    if env.get(ENV_VAR):
        return CatalogSource(Path(env[ENV_VAR]), "environment")
    here = (cwd or Path.cwd()).resolve()
    home = Path.home().resolve()
    for folder in (here, *here.parents):
        candidate = folder / LOCAL_FILE
        if candidate.is_file():
            return CatalogSource(candidate, "discovered")
        if folder == home or (folder / ".git").exists():
            break
    return CatalogSource(None)


def read_source(source: CatalogSource) -> str:
    """Read a catalogue's text, turning every way a file can be unreadable into one line."""
    if source.path is None:
        return bundled_text()
    path = source.path
    label = str(path)

    def fail(message: str) -> CatalogError:
        return CatalogError(label, [Problem(message)])

    try:
        if path.is_dir():
            raise fail("is a folder, not a catalogue file; give the path of a .toml file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(
                f"file is {size / 1024 / 1024:.0f} MiB; pmladder reads catalogues up to "
                f"{MAX_BYTES // 1024 // 1024} MiB"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail("no such file; check the path, or run 'pmladder export' to start one") from None
    except PermissionError:
        raise fail("permission denied; make the file readable") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise fail(f"file is larger than {MAX_BYTES // 1024 // 1024} MiB")
    if b"\x00" in data:
        raise fail("is a binary file, not a TOML catalogue")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(
            label,
            [Problem(f"is not UTF-8 text (byte {exc.start}); save it as UTF-8", line=line)],
        ) from None
    if not text.strip():
        raise fail("is empty; a catalogue needs at least a scale, a track, a level and a role")
    return text.removeprefix("\ufeff")


# --------------------------------------------------------------------------
# Parsing and validation


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML, reporting a syntax error with its line, column and a caret."""
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        lineno = getattr(exc, "lineno", None)
        colno = getattr(exc, "colno", None)
        msg = getattr(exc, "msg", str(exc))
        context: tuple[str, ...] = ()
        if lineno is not None:
            lines = text.splitlines()
            if 0 < lineno <= len(lines):
                shown = lines[lineno - 1]
                caret = " " * max((colno or 1) - 1, 0) + "^"
                context = (f"  {shown[:200]}", f"  {caret[:201]}")
        problem = Problem(
            f"TOML syntax error: {msg}", line=lineno, column=colno, context=context
        )
        raise CatalogError(label, [problem]) from None
    except RecursionError:
        raise CatalogError(
            label, [Problem("nesting is too deep to be a catalogue")]
        ) from None


def validate_data(
    data: Mapping[str, Any], label: str, text: str | None = None
) -> tuple[Catalog, list[Problem]]:
    """Validate parsed TOML as a catalogue; return it with its warnings.

    Raise :class:`CatalogError` carrying every problem when it is invalid.
    """
    problems = list(_check_sizes(data))
    if problems:
        raise CatalogError(label, problems)
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        problems = [_from_pydantic(err, data, text) for err in exc.errors()]
        raise CatalogError(label, problems) from None
    problems = _with_lines(check_catalog(catalog), text)
    if any(p.severity == "error" for p in problems):
        raise CatalogError(label, problems)
    return catalog, problems


def _check_sizes(data: Mapping[str, Any]) -> Iterator[Problem]:
    """Refuse absurdly long lists before pydantic spends time and memory on them."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, list):
            if len(value) > MAX_ITEMS:
                yield Problem(
                    f"has {len(value):,} entries; pmladder allows at most {MAX_ITEMS:,} in a list",
                    location=path or "(top level)",
                )
                continue
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
        elif isinstance(value, dict):
            stack.extend((f"{path}.{k}" if path else str(k), v) for k, v in value.items())


def _loc_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _role_at(data: Mapping[str, Any], loc: Sequence[int | str]) -> str | None:
    if len(loc) >= 2 and loc[0] == "roles" and isinstance(loc[1], int):
        roles = data.get("roles")
        if isinstance(roles, list) and loc[1] < len(roles) and isinstance(roles[loc[1]], dict):
            role_id = roles[loc[1]].get("id")
            return role_id if isinstance(role_id, str) else None
    return None


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that owns the field at ``loc`` (its last part)."""
    model: type[BaseModel] = Catalog
    annotation: Any = None
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        annotation = info.annotation
        nested = _find_model(annotation)
        if nested is None:
            return None
        model = nested
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _from_pydantic(err: Any, data: Mapping[str, Any], text: str | None) -> Problem:
    loc: tuple[int | str, ...] = tuple(err["loc"])
    kind = err["type"]
    role = _role_at(data, loc)
    path = _loc_path(loc)
    if kind == "extra_forbidden":
        owner = _model_at(loc)
        name = str(loc[-1])
        message = f"unknown field {name!r}"
        if owner is not None:
            valid = list(owner.model_fields)
            close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
            if close:
                message += f"; did you mean {close[0]!r}?"
            else:
                message += f"; valid fields here are: {', '.join(valid)}"
    elif kind == "missing":
        message = f"required field {str(loc[-1])!r} is missing; add it"
    elif kind == "literal_error" and loc and loc[-1] == "kind":
        message = (
            f"{err['input']!r} is not a kind of move; use promotion, lateral, "
            "specialisation or management"
        )
    elif kind == "string_pattern_mismatch":
        message = (
            f"{err['input']!r} is not a valid id; use lower-case letters, digits and dashes, "
            "e.g. 'senior-pm'"
        )
    else:
        shown = err.get("input")
        got = "" if isinstance(shown, dict | list) else f" (got {shown!r:.60})"
        message = f"{err['msg']}{got}"
    line = _line_of(text, loc) if text else None
    return Problem(message, location=path, role=role, line=line)


def _line_of(text: str | None, loc: Sequence[int | str]) -> int | None:
    """Best-effort line of the value at ``loc``: the key inside the right ``[[table]]`` block."""
    if not text or not loc:
        return None
    lines = text.splitlines()
    start, end = 0, len(lines)
    parts = list(loc)
    prefix = ""
    while len(parts) >= 2 and isinstance(parts[0], str) and isinstance(parts[1], int):
        name = f"{prefix}{parts[0]}"
        header = f"[[{name}]]"
        hits = [i for i in range(start, end) if lines[i].strip() == header]
        if parts[1] >= len(hits):
            return None
        start = hits[parts[1]]
        nxt = [i for i in range(start + 1, end) if lines[i].strip() == header]
        if prefix == "" and nxt:
            end = nxt[0]
        elif prefix == "":
            end = len(lines)
        prefix = name + "."
        parts = parts[2:]
    if not parts:
        return start + 1
    key = str(parts[0])
    section = f"[{prefix}{key}]"
    for i in range(start, end):
        stripped = lines[i].strip()
        if stripped == section or stripped.split("=", 1)[0].strip().strip('"') == key:
            if len(parts) > 1 and stripped == section:
                sub = str(parts[1])
                for j in range(i + 1, end):
                    if lines[j].strip().split("=", 1)[0].strip().strip('"') == sub:
                        return j + 1
            return i + 1
    return None


def _with_lines(problems: Iterable[Problem], text: str | None) -> list[Problem]:
    out = []
    for p in problems:
        if p.line is None and text and p.location:
            loc = _parse_loc(p.location)
            line = _line_of(text, loc)
            if line is not None:
                p = Problem(
                    p.message, p.location, p.role, line, p.column, p.severity, p.context
                )
        out.append(p)
    return out


def _parse_loc(path: str) -> list[int | str]:
    out: list[int | str] = []
    for chunk in path.split("."):
        name, _, rest = chunk.partition("[")
        if name:
            out.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            rest = rest.removeprefix("[")
            if index.isdigit():
                out.append(int(index))
    return out


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Cross-check a catalogue whose shape is valid; return every problem, linear in its size."""
    problems: list[Problem] = []

    def dupes(kind: str, location: str, keys: Iterable[str]) -> set[str]:
        seen: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key in seen:
                problems.append(
                    Problem(
                        f"duplicate {kind} {key!r} (also at {location}[{seen[key]}]); "
                        "give each one a different id",
                        location=f"{location}[{i}]",
                    )
                )
            else:
                seen[key] = i
        return set(seen)

    scale_ids = dupes("scale level id", "scale.levels", (s.id for s in catalog.scale.levels))
    track_ids = dupes("track id", "tracks", (t.id for t in catalog.tracks))
    level_ranks = {lv.rank for lv in catalog.levels}
    dupes("level rank", "levels", (str(lv.rank) for lv in catalog.levels))
    competency_ids = dupes("competency id", "competencies", (c.id for c in catalog.competencies))
    source_ids = dupes("source id", "sources", (s.id for s in catalog.sources))

    roles_by_id: dict[str, tuple[int, Role]] = {}
    for i, role in enumerate(catalog.roles):
        if role.id in roles_by_id:
            first = roles_by_id[role.id][0]
            problems.append(
                Problem(
                    f"duplicate role id {role.id!r} (also roles[{first}], "
                    f"{roles_by_id[role.id][1].title!r}); give each role its own id",
                    location=f"roles[{i}].id",
                    role=role.id,
                )
            )
        else:
            roles_by_id[role.id] = (i, role)

    names: dict[str, str] = {}
    role_ids = list(roles_by_id)
    for i, role in enumerate(catalog.roles):
        where = f"roles[{i}]"
        if role.track not in track_ids:
            problems.append(
                Problem(
                    f"track {role.track!r} is not defined{_closest(role.track, track_ids)}",
                    location=f"{where}.track",
                    role=role.id,
                )
            )
        if role.level not in level_ranks:
            ranks = ", ".join(str(r) for r in sorted(level_ranks))
            problems.append(
                Problem(
                    f"level {role.level} is not defined; defined ranks are {ranks}",
                    location=f"{where}.level",
                    role=role.id,
                )
            )
        for comp, rating in role.competencies.items():
            if comp not in competency_ids:
                problems.append(
                    Problem(
                        f"competency {comp!r} is not defined"
                        f"{_closest(comp, competency_ids)}; add it under [[competencies]] "
                        "or fix the name",
                        location=f"{where}.competencies.{comp}",
                        role=role.id,
                    )
                )
            if rating not in scale_ids:
                steps = ", ".join(s.id for s in catalog.scale.levels)
                problems.append(
                    Problem(
                        f"rating {rating!r} is not on the {catalog.scale.name} scale"
                        f"{_closest(rating, scale_ids)}; use one of: {steps}",
                        location=f"{where}.competencies.{comp}",
                        role=role.id,
                    )
                )
        for src in role.sources:
            if src not in source_ids:
                problems.append(
                    Problem(
                        f"source {src!r} is not defined{_closest(src, source_ids)}",
                        location=f"{where}.sources",
                        role=role.id,
                    )
                )
        own: set[str] = set()
        for kind, name in (("id", role.id), ("title", role.title)) + tuple(
            ("alias", a) for a in role.aliases
        ):
            key = normalise(name)
            if not key:
                problems.append(
                    Problem(
                        f"{kind} {name!r} has no letters or digits, so it can't name a role",
                        location=f"{where}.aliases" if kind == "alias" else f"{where}.{kind}",
                        role=role.id,
                    )
                )
                continue
            if key in own:
                continue
            own.add(key)
            other = names.get(key)
            if other is not None and other != role.id:
                problems.append(
                    Problem(
                        f"{kind} {name!r} also names role {other!r}; names are compared "
                        "ignoring case, spaces and punctuation, so make them differ",
                        location=f"{where}.aliases" if kind == "alias" else f"{where}.{kind}",
                        role=role.id,
                    )
                )
            else:
                names[key] = role.id
        targets: set[str] = set()
        for j, move in enumerate(role.moves):
            mwhere = f"{where}.moves[{j}]"
            target = roles_by_id.get(move.to)
            if target is None:
                problems.append(
                    Problem(
                        f"move to {move.to!r}, which is not a role{_closest(move.to, role_ids)}",
                        location=f"{mwhere}.to",
                        role=role.id,
                    )
                )
                continue
            if move.to == role.id:
                problems.append(
                    Problem("a role can't move to itself; remove this move",
                            location=f"{mwhere}.to", role=role.id)
                )
                continue
            if move.to in targets:
                problems.append(
                    Problem(f"a second move to {move.to!r}; keep one",
                            location=f"{mwhere}.to", role=role.id)
                )
            targets.add(move.to)
            to_level = target[1].level
            if move.kind == "promotion" and to_level <= role.level:
                problems.append(
                    Problem(
                        f"promotion to {move.to!r} must go up a level (level {role.level} -> "
                        f"{to_level}); make it 'lateral' or fix the levels",
                        location=f"{mwhere}.kind",
                        role=role.id,
                    )
                )
            if move.kind == "lateral" and to_level != role.level:
                problems.append(
                    Problem(
                        f"lateral move to {move.to!r} must stay on the same level (level "
                        f"{role.level} -> {to_level}); use 'promotion' or fix the levels",
                        location=f"{mwhere}.kind",
                        role=role.id,
                    )
                )

    if len(catalog.roles) > 1 and not any(p.severity == "error" for p in problems):
        reached = {m.to for r in catalog.roles for m in r.moves}
        for i, role in enumerate(catalog.roles):
            if not role.moves and role.id not in reached:
                problems.append(
                    Problem(
                        "no move leads to this role and it leads nowhere; add a move so "
                        "'path' can reach it",
                        location=f"roles[{i}]",
                        role=role.id,
                        severity="warning",
                    )
                )
    return problems


def _closest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


# --------------------------------------------------------------------------
# The loaded, indexed catalogue


@dataclass(slots=True)
class Ladder:
    """A validated catalogue with the indices every command needs, built once at load."""

    catalog: Catalog
    source: CatalogSource
    warnings: tuple[Problem, ...] = ()
    roles: dict[str, Role] = field(default_factory=dict)
    """Roles by id."""
    order: dict[str, int] = field(default_factory=dict)
    """Position of each role in the file, for stable output."""
    incoming: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    """For each role id, the (from role id, move index) pairs that lead to it."""
    scale_rank: dict[str, int] = field(default_factory=dict)
    """Position of each scale level id, lowest first (0-based)."""
    scale_names: dict[str, str] = field(default_factory=dict)
    competency_names: dict[str, str] = field(default_factory=dict)
    competency_order: dict[str, int] = field(default_factory=dict)
    track_names: dict[str, str] = field(default_factory=dict)
    level_names: dict[int, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Every normalised id, title and alias, mapped to its role id."""

    @classmethod
    def build(
        cls, catalog: Catalog, source: CatalogSource, warnings: Sequence[Problem] = ()
    ) -> Ladder:
        ladder = cls(catalog=catalog, source=source, warnings=tuple(warnings))
        ladder.roles = {r.id: r for r in catalog.roles}
        ladder.order = {r.id: i for i, r in enumerate(catalog.roles)}
        ladder.incoming = {r.id: [] for r in catalog.roles}
        for role in catalog.roles:
            for j, move in enumerate(role.moves):
                ladder.incoming[move.to].append((role.id, j))
        ladder.scale_rank = {s.id: i for i, s in enumerate(catalog.scale.levels)}
        ladder.scale_names = {s.id: s.name for s in catalog.scale.levels}
        ladder.competency_names = {c.id: c.name for c in catalog.competencies}
        ladder.competency_order = {c.id: i for i, c in enumerate(catalog.competencies)}
        ladder.track_names = {t.id: t.name for t in catalog.tracks}
        ladder.level_names = {lv.rank: lv.name for lv in catalog.levels}
        for role in catalog.roles:
            for name in (role.id, role.title, *role.aliases):
                ladder.names.setdefault(normalise(name), role.id)
        ladder.names.pop("", None)
        return ladder


def load(source: CatalogSource) -> Ladder:
    """Read, parse, validate and index a catalogue; raise :class:`CatalogError` if invalid."""
    text = read_source(source)
    data = parse_toml(text, source.label)
    catalog, warnings = validate_data(data, source.label, text)
    return Ladder.build(catalog, source, warnings)
