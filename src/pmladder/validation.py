"""Parse a catalogue and validate it completely, each problem at its line.

The steps after reading: parse TOML (or JSON) -> validate the shape with the
pydantic models -> cross-check the whole catalogue.  Every problem found is
collected, so ``pmladder validate`` can report them all at once, with the
line each is on and a way to fix it.  Loading a catalogue that passed before
(:mod:`pmladder.cache`) skips this module entirely.
"""

from __future__ import annotations

import bisect
import difflib
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .errors import CatalogError, Problem
from .inert import inert
from .locate import Loc, json_tokens, key_text, value_lines
from .models import Catalog, Criterion, Move, Role
from .names import normalise

if TYPE_CHECKING:
    from .catalog import CatalogSource

MAX_ITEMS = 200_000
"""Largest number of entries in any one list of a catalogue (roles, aliases, moves...)."""

MAX_KEYS = 10_000
"""Largest number of keys in any one table of a catalogue (a role's ratings, say)."""

MAX_SUGGESTIONS = 25
"""How many unknown names get a did-you-mean: each costs a pass over every
name, so a file of thousands of typos must not cost thousands of passes."""

# --------------------------------------------------------------------------
# Parsing

def _excerpt(text: str, line: int, column: int | None) -> tuple[str, ...]:
    """The offending line and a caret under the column, cut to a readable width."""
    lines = text.split("\n")  # as the parsers count lines: not at \f, \u2028...
    if not 0 < line <= len(lines):
        return ()
    shown = lines[line - 1].removesuffix("\r").replace("\t", " ")
    col = max((column or 1) - 1, 0)
    start = max(col - 60, 0) if len(shown) > 100 else 0
    piece = shown[start : start + 100]
    lead = "…" if start else ""
    tail = "…" if start + 100 < len(shown) else ""
    before = inert(lead + shown[start:col])
    return (f"  {lead}{inert(piece)}{tail}", "  " + " " * len(before) + "^")


_TOML_HINTS = (
    ("Invalid value", "; text values need quotes, e.g. track = \"core\""),
    ("Cannot overwrite a value", "; this key is set twice, keep one of them"),
    ("Illegal character '\\n'", "; is a string missing its closing quote?"),
    ("Expected newline or end of document after a statement", "; put each key = value on its own line"),  # noqa: E501
)


_CATALOGUE_MARK = re.compile(
    r'^[ \t]*(?:\[\[(?:roles|tracks|levels|competencies|sources)\]\]|\[(?:scale|ratings)\]'
    r'|format_version[ \t]*=|"(?:roles|scale|tracks|levels)"[ \t]*:)',
    re.M,
)
_NOT_SHOWN = "; the line is not shown, as the file does not look like a pmladder file"


def looks_like_catalogue(text: str) -> bool:
    """Whether ``text`` has any of a catalogue's (or a profile's) own tables or keys.

    Only then does a syntax error quote the offending line: a file that is
    something else (a credentials file, say) is never echoed to the terminal.
    """
    return _CATALOGUE_MARK.search(text) is not None


def _context(text: str, line: int | None, column: int | None) -> tuple[str, ...]:
    if not line or not looks_like_catalogue(text):
        return ()
    return _excerpt(text, line, column)


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML, reporting a syntax error with its line, column and a caret."""
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        lineno: int | None = getattr(exc, "lineno", None)
        colno: int | None = getattr(exc, "colno", None)
        msg = str(getattr(exc, "msg", exc))
        msg += next((hint for start, hint in _TOML_HINTS if msg.startswith(start)), "")
        context = _context(text, lineno, colno)
        if lineno and not context:
            msg += _NOT_SHOWN
        problem = Problem(f"TOML syntax error: {msg}", line=lineno, column=colno, context=context)
        raise CatalogError(label, [problem]) from None
    except RecursionError:
        raise CatalogError(label, [Problem("nesting is too deep to be a catalogue")]) from None


def parse_json(text: str, label: str) -> dict[str, Any]:
    """Parse a catalogue exported as JSON, reporting a syntax error like :func:`parse_toml`."""
    import json

    repeated = False

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        out = dict(pairs)
        if len(out) != len(pairs):
            repeated = True
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        context = _context(text, exc.lineno, exc.colno)
        note = "" if context else _NOT_SHOWN
        problem = Problem(
            f"JSON syntax error: {exc.msg}{note}", line=exc.lineno, column=exc.colno,
            context=context,
        )
        raise CatalogError(label, [problem]) from None
    except RecursionError:
        raise CatalogError(label, [Problem("nesting is too deep to be a catalogue")]) from None
    if repeated:
        raise CatalogError(label, _json_duplicates(text))
    if not isinstance(data, dict):
        raise CatalogError(
            label, [Problem("a JSON catalogue must be an object ({...}) at the top level", line=1)]
        )
    return data


def _json_duplicates(text: str) -> list[Problem]:
    """Every key set twice in one JSON object, at its line and column, as TOML reports it."""
    problems: list[Problem] = []
    objects: list[set[str] | None] = []  # None for an array
    tokens = json_tokens(text)
    newlines: list[int] = [m.start() for m in re.finditer("\n", text)]
    for i, (kind, value, at) in enumerate(tokens):
        if value in ("{", "["):
            objects.append(set() if value == "{" else None)
        elif value in ("}", "]"):
            if objects:
                objects.pop()
        elif kind == "str" and objects and objects[-1] is not None:
            after = tokens[i + 1][1] if i + 1 < len(tokens) else ""
            if after != ":":
                continue
            key = key_text(value)
            if key in objects[-1]:
                line = bisect.bisect_left(newlines, at) + 1
                column = at - (newlines[line - 2] if line > 1 else -1)
                problems.append(Problem(
                    f"JSON key {key!r} is set twice in the same object; keep one of them",
                    line=line, column=column,
                ))
            objects[-1].add(key)
    return problems or [Problem("a key is set twice in the same object; keep one of them")]


def parse_source(text: str, source: CatalogSource) -> dict[str, Any]:
    """Parse a catalogue's text in the format its file name says (TOML unless ``.json``)."""
    if source.format == "json":
        return parse_json(text, source.label)
    return parse_toml(text, source.label)



# --------------------------------------------------------------------------
# Validation


def validate_data(
    data: Mapping[str, Any], label: str, text: str | None = None, fmt: str = "toml"
) -> tuple[Catalog, list[Problem]]:
    """Validate parsed TOML (or JSON) as a catalogue; return it with its warnings.

    Raise :class:`CatalogError` carrying every problem when it is invalid:
    the shape problems pydantic finds and the cross-checks of every part that
    has a valid shape, each with its line when ``text`` is given.
    """
    located = list(_check_sizes(data))
    if located:
        raise CatalogError(label, _finish(located, text, fmt))
    catalog: Catalog | None = None
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        located = [_from_pydantic(err, data) for err in errors]
        bad = [tuple(err["loc"]) for err in errors]
        facts = _Facts.salvage(data, bad)
        located += _cross_check(facts)
        located += _claim_references(_claim_ids_raw(_Raw(data, bad)), facts)
    else:
        facts = _Facts.of(catalog)
        located = _cross_check(facts)
        located += _claim_references(_claim_ids(catalog), facts)
        if not any(problem.severity == "error" for _, problem in located):
            located += _consistency(catalog)
    problems = _finish(located, text, fmt)
    if catalog is None or any(p.severity == "error" for p in problems):
        raise CatalogError(label, problems)
    return catalog, problems


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Cross-check a catalogue whose shape is valid; return every problem, linear in its size."""
    facts = _Facts.of(catalog)
    located = _cross_check(facts)
    located += _claim_references(_claim_ids(catalog), facts)
    if not any(problem.severity == "error" for _, problem in located):
        located += _consistency(catalog)
    return [problem for _, problem in located]


_Located = tuple[Loc, Problem]


def _finish(located: Iterable[_Located], text: str | None, fmt: str) -> list[Problem]:
    """Give each problem its line, and order them as they appear in the file."""
    found = list(located)
    lines = value_lines(text, fmt, [loc for loc, _ in found]) if text and found else None
    out = []
    for loc, problem in found:
        line = problem.line
        if line is None and lines is not None:
            line = lines.line(loc)
        out.append(
            Problem(problem.message, problem.location, problem.role, line,
                    problem.column, problem.severity, problem.context)
        )
    out.sort(key=lambda p: (p.severity != "error", p.line or 0))
    return out


def _check_sizes(data: Mapping[str, Any]) -> Iterator[_Located]:
    """Refuse absurdly long lists before pydantic spends time and memory on them."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, list):
            if len(value) > MAX_ITEMS:
                yield loc, Problem(
                    f"has {len(value):,} entries; pmladder allows at most {MAX_ITEMS:,} in a list",
                    location=loc_path(loc) or "(top level)",
                )
                continue
            # Only containers are walked: most values are strings.
            stack.extend(((*loc, i), v) for i, v in enumerate(value) if isinstance(v, list | dict))
        elif isinstance(value, dict):
            if len(value) > MAX_KEYS:
                yield loc, Problem(
                    f"has {len(value):,} keys; pmladder allows at most {MAX_KEYS:,} in a table",
                    location=loc_path(loc) or "(top level)",
                )
                continue
            stack.extend(
                ((*loc, str(k)), v) for k, v in value.items() if isinstance(v, list | dict)
            )


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def loc_path(loc: Sequence[int | str]) -> str:
    """``("roles", 3, "competencies", "strategy")`` -> ``roles[3].competencies.strategy``.

    Keys that are not plain words are quoted (and escaped), as TOML would write them.
    """
    import json

    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if _BARE_KEY.fullmatch(part) else json.dumps(part)
        out += f".{name}" if out else name
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
    keyed = False  # the next part is a key of a table of models, e.g. a scale step
    for part in loc[:-1]:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        nested = _find_model(info.annotation)
        if nested is None:
            return None
        model = nested
        keyed = typing.get_origin(info.annotation) is dict
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


def _got(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


_AFTER_MOVES = (
    "the keys after a [[roles.moves]] header belong to that move, so put the role's own "
    "fields above its first [[roles.moves]]"
)


def _role_field_in_ratings(loc: Loc) -> bool:
    """Whether ``loc`` is a role's field written under ``[roles.competencies]`` by mistake."""
    return (
        len(loc) == 4 and loc[0] == "roles" and loc[2] == "competencies"
        and str(loc[3]) in Role.model_fields
    )


def _in_ratings_message(name: str) -> str:
    return (
        f"{name!r} is a field of the role, not a competency: the keys after a "
        "[roles.competencies] header belong to it, so put the role's own fields above it"
    )


def _pydantic_message(err: Mapping[str, Any], loc: Loc) -> str:
    """What pydantic found, in the words of someone editing the file."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else "this value"
    if kind == "extra_forbidden":
        owner = _model_at(loc)
        message = f"unknown field {name!r}"
        if owner is Move and name in Role.model_fields:
            return f"{message} in a move; {_AFTER_MOVES}"
        if owner is Criterion and name in ("criterion", "description", "summary"):
            return f"{message}; a criterion's words go in text = \"...\""
        if owner is not None:
            valid = list(owner.model_fields)
            close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
            if close:
                return f"{message}; did you mean {close[0]!r}?"
            return f"{message}; valid fields here are: {', '.join(valid)}"
        return message
    if kind == "missing":
        return f"required field {name!r} is missing; add it"
    if kind == "literal_error" and name == "kind":
        return (
            f"{_got(value)} is not a kind of move; use promotion, lateral, "
            "specialisation or management"
        )
    if kind == "literal_error" and name == "format_version":
        return f"format_version must be 1 (got {_got(value)}); this pmladder reads format 1"
    if _role_field_in_ratings(loc):
        return _in_ratings_message(name)
    if kind == "string_pattern_mismatch":
        return (
            f"{_got(value)} is not a valid id; use lower-case letters, digits and dashes, "
            "starting with a letter or digit, e.g. 'senior-pm'"
        )
    if kind == "string_type":
        return f"must be text in quotes, got {_got(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (
            f"is {len(value) if isinstance(value, str) else 'too many'} characters long; "
            f"the most allowed is {ctx.get('max_length')}"
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {_got(value)}"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"must be a number, got {_got(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {_got(value)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {_got(value)}"
    if kind == "list_type":
        return f"must be a list in square brackets, e.g. [\"...\"], got {_got(value)}"
    if kind == "too_short":
        return f"needs at least {_plural(int(ctx.get('min_length', 1)), 'entry')}".replace(
            "entrys", "entries"
        )
    if kind == "too_long":
        actual = ctx.get("actual_length")
        if actual is None and isinstance(value, dict | list):
            actual = len(value)  # pydantic leaves it out for tables
        return f"has {actual:,} entries; the most allowed is {ctx.get('max_length')}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if len(loc) == 3 and loc[0] == "competencies" and loc[2] == "criteria":
            return (
                "must be a table keyed by step of the scale: one [competencies.criteria.STEP] "
                f"table per step (not [[competencies.criteria]]), got {_got(value)}"
            )
        if len(loc) == 4 and loc[0] == "competencies" and loc[2] == "criteria":
            return (
                f"must be a table with a 'text' field: write [competencies.criteria.{name}] "
                f"and below it text = \"...\", got {_got(value)}"
            )
        if not loc:
            return "a catalogue must be a table of fields at the top level"
        if name == "competencies":
            return (
                f"must be a table of competency = rating pairs, e.g. "
                f"{{ strategy = \"working\" }}, got {_got(value)}"
            )
        return f"must be a table of fields, got {_got(value)}"
    return f"{err['msg']} (got {_got(value)})"


def _from_pydantic(err: Mapping[str, Any], data: Mapping[str, Any]) -> _Located:
    loc: Loc = tuple(err["loc"])
    return loc, Problem(
        _pydantic_message(err, loc), location=loc_path(loc), role=_role_at(data, loc)
    )


# --------------------------------------------------------------------------
# Cross-checks of the whole catalogue


@dataclass(slots=True)
class _RoleFacts:
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
class _CriteriaFacts:
    """What the cross-checks need from one competency's criteria."""

    index: int
    id: str | None
    steps: list[str]
    """The scale level ids the competency describes."""
    sources: list[tuple[str, int, str]]
    """(step, index, source id) of each source a criterion's basis names."""


@dataclass(slots=True)
class _Facts:
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
    roles: list[_RoleFacts]
    criteria: list[_CriteriaFacts]
    complete: bool = True
    """Whether the catalogue's shape is valid (warnings are only given then)."""

    @classmethod
    def of(cls, catalog: Catalog) -> _Facts:
        return cls(
            scale_name=catalog.scale.name,
            scale=[(i, s.id) for i, s in enumerate(catalog.scale.levels)],
            tracks=[(i, t.id) for i, t in enumerate(catalog.tracks)],
            levels=[(i, lv.rank) for i, lv in enumerate(catalog.levels)],
            competencies=[(i, c.id) for i, c in enumerate(catalog.competencies)],
            sources=[(i, s.id) for i, s in enumerate(catalog.sources)],
            roles=[
                _RoleFacts(
                    i, r.id, r.title, r.track, r.level, list(enumerate(r.aliases)),
                    list(r.competencies.items()), list(enumerate(r.sources)),
                    [(j, m.to, m.kind) for j, m in enumerate(r.moves)],
                )
                for i, r in enumerate(catalog.roles)
            ],
            criteria=[
                _CriteriaFacts(
                    i, c.id, list(c.criteria),
                    [(step, k, src) for step, crit in c.criteria.items()
                     for k, src in enumerate(crit.basis.sources or [] if crit.basis else [])],
                )
                for i, c in enumerate(catalog.competencies)
            ],
        )

    @classmethod
    def salvage(cls, data: Mapping[str, Any], bad: Iterable[Loc]) -> _Facts:
        raw = _Raw(data, bad)
        roles = []
        for i in range(raw.count(("roles",))):
            here: Loc = ("roles", i)
            roles.append(_RoleFacts(
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
                _CriteriaFacts(
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


class _Raw:
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


class _Closest:
    """Did-you-mean text for unknown names, at most :data:`MAX_SUGGESTIONS` per validation.

    Each suggestion is a pass over every name; the budget keeps thousands of
    typos (a hostile file) linear rather than quadratic.
    """

    def __init__(self) -> None:
        self.left = MAX_SUGGESTIONS

    def __call__(self, name: str, choices: Iterable[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return _closest(name, choices)


def _closest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def _check_criteria(
    facts: _Facts, scale_ids: set[Any] | None, source_ids: set[Any] | None,
    add: Callable[..., None], closest: _Closest,
) -> None:
    """Criteria name real steps and sources; a competency that describes only
    some steps, or none while others do, is a warning."""
    steps = [s for _, s in facts.scale or ()]
    described = sum(1 for comp in facts.criteria if comp.steps)
    for comp in facts.criteria:
        where: Loc = ("competencies", comp.index, "criteria")
        name = repr(comp.id) if comp.id is not None else f"competencies[{comp.index}]"
        if scale_ids is not None:
            for step in comp.steps:
                if step not in scale_ids:
                    add((*where, step),
                        f"criteria for step {step!r}, which the {facts.scale_name} scale "
                        f"does not have{closest(step, scale_ids)}; use one of: "
                        f"{', '.join(steps)}")
        if source_ids is not None:
            for step, k, src in comp.sources:
                if src not in source_ids:
                    add((*where, step, "basis", "sources", k),
                        f"source {src!r} is not defined{closest(src, source_ids)}; "
                        "add it under [[sources]] or fix the id")
        if not facts.complete or scale_ids is None or not described:
            continue
        missing = [s for s in steps if s not in comp.steps]
        if not comp.steps:
            others = described
            add(("competencies", comp.index),
                f"competency {name} has no criteria while {others} other "
                f"{'competency does' if others == 1 else 'competencies do'}; add a "
                f"[competencies.criteria.STEP] table for each of: {', '.join(steps)}",
                severity="warning")
        elif missing:
            add(where,
                f"competency {name} describes {len(steps) - len(missing)} of the "
                f"{len(steps)} steps of the {facts.scale_name} scale; add criteria for: "
                f"{', '.join(missing)}", severity="warning")


def _cross_check(facts: _Facts) -> list[_Located]:
    """Everything that needs the whole catalogue: ids, references, names, moves.

    Linear in the size of the catalogue.
    """
    problems: list[_Located] = []
    closest = _Closest()

    def add(loc: Loc, message: str, role: str | None = None, severity: str = "error") -> None:
        problems.append(
            (loc, Problem(message, location=loc_path(loc), role=role, severity=severity))
        )

    def defined(kind: str, name: str, where: Loc, key: str,
                entries: list[tuple[int, Any]] | None) -> set[Any] | None:
        if entries is None:
            return None
        seen: dict[Any, int] = {}
        for i, value in entries:
            if value in seen:
                add((*where, i, key),
                    f"duplicate {kind} {value!r}: {loc_path((*where, seen[value]))} already "
                    f"uses it; give each {name} its own")
            else:
                seen[value] = i
        return set(seen)

    scale_ids = defined("scale level id", "scale level", ("scale", "levels"), "id", facts.scale)
    scale_steps = ", ".join(s for _, s in facts.scale or ())
    track_ids = defined("track id", "track", ("tracks",), "id", facts.tracks)
    level_ranks = defined("level rank", "level", ("levels",), "rank", facts.levels)
    competency_ids = defined(
        "competency id", "competency", ("competencies",), "id", facts.competencies
    )
    source_ids = defined("source id", "source", ("sources",), "id", facts.sources)
    _check_criteria(facts, scale_ids, source_ids, add, closest)

    # Every role id in the file, even of roles with other problems, so a move
    # to such a role is not also reported as a move to nowhere.
    first: dict[str, _RoleFacts] = {}
    repeated: set[int] = set()
    for role in facts.roles:
        if role.id is None:
            continue
        if role.id in first:
            repeated.add(role.index)
            earlier = first[role.id]
            add(("roles", role.index, "id"),
                f"role id {role.id!r} is already used by roles[{earlier.index}] "
                f"({earlier.title!r}); give {role.title!r} an id of its own", role.id)
        else:
            first[role.id] = role

    names: dict[str, tuple[int, str]] = {}
    for role in facts.roles:
        here: Loc = ("roles", role.index)
        if role.track is not None and track_ids is not None and role.track not in track_ids:
            add((*here, "track"),
                f"track {role.track!r} is not defined{closest(role.track, track_ids)}; "
                "add it under [[tracks]] or fix the id", role.id)
        if role.level is not None and level_ranks is not None and role.level not in level_ranks:
            ranks = ", ".join(str(r) for r in sorted(level_ranks))
            add((*here, "level"),
                f"level {role.level} is not defined; the [[levels]] ranks are {ranks}", role.id)
        for comp, rating in role.competencies:
            loc: Loc = (*here, "competencies", comp)
            if comp not in (competency_ids or ()) and _role_field_in_ratings(loc):
                if rating is not None:  # else pydantic has said so already
                    add(loc, _in_ratings_message(comp), role.id)
                continue
            if competency_ids is not None and comp not in competency_ids:
                add(loc, f"competency {comp!r} is not defined"
                    f"{closest(comp, competency_ids)}; add it under [[competencies]] "
                    "or fix the name", role.id)
            if rating is not None and scale_ids is not None and rating not in scale_ids:
                add(loc, f"rating {rating!r} is not on the {facts.scale_name} scale"
                    f"{closest(rating, scale_ids)}; use one of: {scale_steps}", role.id)
        if source_ids is not None:
            for k, src in role.sources:
                if src not in source_ids:
                    add((*here, "sources", k),
                        f"source {src!r} is not defined{closest(src, source_ids)}; "
                        "add it under [[sources]] or fix the id", role.id)
        own: set[str] = set()
        named: list[tuple[str, str | None, Loc]] = [
            ("id", None if role.index in repeated else role.id, (*here, "id")),
            ("title", role.title, (*here, "title")),
            *(("alias", alias, (*here, "aliases", k)) for k, alias in role.aliases),
        ]
        for kind, name, loc in named:
            if name is None:
                continue
            key = normalise(name)
            if not key:
                add(loc, f"{kind} {name!r} has no letters or digits, so it can't name a role",
                    role.id)
                continue
            if key in own:
                continue
            own.add(key)
            other = names.get(key)
            if other is not None and other[0] != role.index:
                add(loc, f"{kind} {name!r} also names role {other[1]!r} (roles[{other[0]}]); "
                    "names are compared ignoring case, spaces and punctuation, so make them "
                    "differ", role.id)
            else:
                names[key] = (role.index, role.id or name)
        targets: set[str] = set()
        for j, to, move_kind in role.moves:
            mloc: Loc = (*here, "moves", j)
            target = first.get(to)
            if target is None:
                add((*mloc, "to"), f"move to {to!r}, which is not a role"
                    f"{closest(to, first)}", role.id)
                continue
            if to == role.id:
                add((*mloc, "to"), "a role can't move to itself; remove this move", role.id)
                continue
            if to in targets:
                add((*mloc, "to"), f"a second move to {to!r}; keep one", role.id)
            targets.add(to)
            if role.level is None or target.level is None:
                continue
            if move_kind == "promotion" and target.level <= role.level:
                add((*mloc, "kind"),
                    f"promotion to {to!r} must go up a level (level {role.level} -> "
                    f"{target.level}); make it 'lateral' or fix the levels", role.id)
            if move_kind == "lateral" and target.level != role.level:
                add((*mloc, "kind"),
                    f"lateral move to {to!r} must stay on the same level (level {role.level} "
                    f"-> {target.level}); use 'promotion' or fix the levels", role.id)

    if facts.complete and len(facts.roles) > 1 and not problems:
        reached = {to for role in facts.roles for _, to, _ in role.moves}
        for role in facts.roles:
            if not role.moves and role.id not in reached:
                add(("roles", role.index),
                    "no move leads to this role and it leads nowhere; add a move so "
                    "'path' can reach it", role.id, severity="warning")
    return problems




_ClaimIds = Iterable[tuple[Loc, str | None, str, list[tuple[int, str]]]]
"""(where the list is, role id, "source" or "competency", the ids in it)."""


def _claim_ids_raw(raw: _Raw) -> _ClaimIds:
    """The ids a catalogue's claims refer to, read from data that did not validate."""
    for i in range(raw.count(("roles",))):
        here: Loc = ("roles", i)
        role = raw.text((*here, "id"))
        loc: Loc = (*here, "experience_years_basis", "sources")
        yield loc, role, "source", raw.texts(loc)
        for j in range(raw.count((*here, "moves"))):
            move: Loc = (*here, "moves", j)
            for key in ("basis", "typical_years_basis"):
                loc = (*move, key, "sources")
                yield loc, role, "source", raw.texts(loc)
            loc = (*move, "asks_less")
            yield loc, role, "competency", raw.texts(loc)


def _claim_ids(catalog: Catalog) -> _ClaimIds:
    """The ids a valid catalogue's claims refer to, read from its models."""
    for i, role in enumerate(catalog.roles):
        here: Loc = ("roles", i)
        if role.experience_years_basis is not None and role.experience_years_basis.sources:
            yield ((*here, "experience_years_basis", "sources"), role.id, "source",
                   list(enumerate(role.experience_years_basis.sources)))
        for j, move in enumerate(role.moves):
            for key, basis in (("basis", move.basis),
                               ("typical_years_basis", move.typical_years_basis)):
                if basis is not None and basis.sources:
                    yield ((*here, "moves", j, key, "sources"), role.id, "source",
                           list(enumerate(basis.sources)))
            if move.asks_less:
                yield ((*here, "moves", j, "asks_less"), role.id, "competency",
                       list(enumerate(move.asks_less)))


def _claim_references(claims: _ClaimIds, facts: _Facts) -> list[_Located]:
    """The source ids in every ``basis`` and the competency ids in every ``asks_less``."""
    problems: list[_Located] = []
    known: dict[str, set[str] | None] = {
        "source": None if facts.sources is None else {s for _, s in facts.sources},
        "competency": (
            None if facts.competencies is None else {c for _, c in facts.competencies}
        ),
    }
    under = {"source": "[[sources]]", "competency": "[[competencies]]"}
    for loc, role, kind, values in claims:
        ids = known[kind]
        if ids is None:
            continue
        for k, value in values:
            if value not in ids:
                where: Loc = (*loc, k)
                problems.append((where, Problem(
                    f"{kind} {value!r} is not defined{_closest(value, ids)}; add it under "
                    f"{under[kind]} or fix the id", location=loc_path(where), role=role)))
    return problems


FALLS_MATTER: frozenset[str] = frozenset({"promotion", "management"})
"""Move kinds that go up: experience should add up along them, and they should not
lower or drop a rating without saying so."""

YEARS_TOLERANCE = 1.0
"""Experience figures must come within less than this of what a move's typical time implies."""


def _years(value: float) -> str:
    return f"{value:g} year{'' if value == 1 else 's'}"


def _consistency(catalog: Catalog) -> list[_Located]:
    """Warnings about a valid catalogue whose figures or ratings contradict each other.

    Along a promotion or a management move up a level, the next role's
    experience should be this role's plus the move's typical time, to within
    less than a year; along any other move it should be no more than that (a
    sideways move may leave the person with more than the next role asks); a
    promotion or management move should not lower or drop a rating
    unless the move lists it in ``asks_less``. Linear in the size of the catalogue.
    """
    problems: list[_Located] = []
    roles = {r.id: r for r in catalog.roles}
    rank = {s.id: i for i, s in enumerate(catalog.scale.levels)}
    names = {s.id: s.name for s in catalog.scale.levels}

    def warn(loc: Loc, message: str, role: str) -> None:
        problems.append(
            (loc, Problem(message, location=loc_path(loc), role=role, severity="warning"))
        )

    for i, role in enumerate(catalog.roles):
        for j, move in enumerate(role.moves):
            loc: Loc = ("roles", i, "moves", j)
            target = roles[move.to]
            if (
                move.kind in FALLS_MATTER
                and target.level > role.level
                and move.typical_years is not None
                and role.experience_years is not None
                and target.experience_years is not None
            ):
                expected = role.experience_years + move.typical_years
                if abs(target.experience_years - expected) >= YEARS_TOLERANCE:
                    warn((*loc, "typical_years"),
                         f"{role.id} asks {_years(role.experience_years)} of experience and "
                         f"this move comes after {_years(move.typical_years)} more, so "
                         f"{move.to} should ask about {_years(expected)}, but it asks "
                         f"{_years(target.experience_years)}; change one of the three figures",
                         role.id)
            elif (
                not (move.kind in FALLS_MATTER and target.level > role.level)
                and move.typical_years is not None
                and role.experience_years is not None
                and target.experience_years is not None
                and target.experience_years - (role.experience_years + move.typical_years)
                >= YEARS_TOLERANCE
            ):
                # A sideways move need not add up (the person may bring more than the
                # next role asks), but it cannot ask more than the person brings.
                brings = role.experience_years + move.typical_years
                warn((*loc, "typical_years"),
                     f"{role.id} asks {_years(role.experience_years)} of experience and "
                     f"this {move.kind} move comes after {_years(move.typical_years)} more, "
                     f"so someone making it has about {_years(brings)}, but {move.to} asks "
                     f"{_years(target.experience_years)}; change one of the three figures",
                     role.id)
            for comp in move.asks_less:
                level = role.competencies.get(comp)
                after = target.competencies.get(comp)
                lower = after is None or rank.get(after, 0) < rank.get(level or "", 0)
                if level is None or not lower:
                    warn((*loc, "asks_less"),
                         f"asks_less lists {comp!r}, but {move.to} does not ask less of it "
                         f"than {role.id}; remove it from asks_less", role.id)
            if move.asks_less and not move.note:
                warn((*loc, "asks_less"),
                     "asks_less needs a note on the move saying why the next role asks less",
                     role.id)
            if move.kind not in FALLS_MATTER or not target.competencies:
                continue
            meant = set(move.asks_less)
            for comp, level in role.competencies.items():
                if comp in meant:
                    continue
                after = target.competencies.get(comp)
                if after is None:
                    warn((*loc, "to"),
                         f"{move.to} does not rate {comp!r}, which {role.id} rates "
                         f"{names.get(level, level)}; rate it in {move.to}, or list it in "
                         "this move's asks_less and say why in its note", role.id)
                elif rank.get(after, 0) < rank.get(level, 0):
                    warn((*loc, "to"),
                         f"{move.kind} to {move.to} lowers {comp!r} from "
                         f"{names.get(level, level)} to {names.get(after, after)}; raise it in "
                         f"{move.to}, or list it in this move's asks_less and say why in its "
                         "note", role.id)
    return problems
