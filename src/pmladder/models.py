"""Pydantic models of a pmladder catalogue.

Every model is frozen and forbids unknown fields, so a misspelt key in a
catalogue file is an error rather than silently ignored.  Each field carries
a docstring: pydantic copies it into the published JSON Schema, and
``docs/catalogue-format.md`` documents the same fields for people.

These models check the shape of each value.  Checks that need the whole
catalogue (unique ids, moves to existing roles, ratings on the scale) live in
:mod:`pmladder.validation`, which reports every problem at once.
"""

import ast
import inspect
import sys
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$"),
]
"""An identifier: lower-case letters, digits and dashes, not starting with a dash."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
"""A non-empty piece of prose."""

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
"""A short non-empty name or title."""

MoveKind = Literal["promotion", "lateral", "specialisation", "management"]
"""How a move changes a career: up, sideways, into a specialism, or into people management."""

MOVE_KINDS: tuple[MoveKind, ...] = ("promotion", "lateral", "specialisation", "management")


M = TypeVar("M", bound="_Model")


class _Model(BaseModel):
    # Field docstrings are read from this file's source only when the JSON
    # Schema is published (field_docs below): parsing the source at import,
    # as use_attribute_docstrings does, would cost every command ~10 ms.
    # strict: a number in quotes, a true/false or 6.0 where a whole number
    # belongs is an error, exactly as the published JSON Schema says.
    # No `from __future__ import annotations` in this module: pydantic would
    # then compile every field's annotation from its text when a class is
    # made, a sixth of the cost of importing the models.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True, strict=True)


class ScaleLevel(_Model):
    """One step of the proficiency scale."""

    id: Id
    """Identifier used in role ratings, e.g. `working`."""
    name: Name
    """Name shown to people, e.g. `Working`."""
    description: Text
    """What someone at this proficiency can do on their own."""


class Scale(_Model):
    """The named proficiency scale every competency rating uses, lowest first."""

    name: Name
    """Name of the scale, e.g. `Proficiency`."""
    description: Text | None = None
    """How to read the scale."""
    levels: Annotated[list[ScaleLevel], Field(min_length=2, max_length=20)]
    """The steps of the scale in rising order; a rating is the id of one step."""


class Track(_Model):
    """A family of roles that share a direction, e.g. the core ladder or leadership."""

    id: Id
    """Identifier roles use in their `track` field."""
    name: Name
    """Name shown to people."""
    description: Text | None = None
    """What the roles on this track have in common."""


class Level(_Model):
    """A seniority level; roles on the same level carry comparable scope."""

    rank: Annotated[int, Field(ge=0, le=100)]
    """Position on the ladder: higher is more senior. Roles refer to levels by rank."""
    name: Name
    """Name shown to people, e.g. `Senior`."""
    description: Text | None = None
    """The scope a role at this level typically carries."""


Locator = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, pattern=r"^[^\x00-\x1f\x7f]+$"),
]
"""Where to find a document: a web address or any other one-line locator."""


class Source(_Model):
    """A document the catalogue's facts come from."""

    id: Id
    """Identifier roles use in their `sources` list."""
    title: Name
    """Title of the document."""
    publisher: Name | None = None
    """Who published it, when known."""
    description: Text | None = None
    """What the document covers and how the catalogue uses it."""
    url: Locator | None = None
    """Where to read the document: a web address, or another locator on one line (a wiki page, a file path, an ISBN)."""  # noqa: E501


def _is_none(value: object) -> bool:
    return value is None


class Basis(_Model):
    """Where a claim comes from: the sources that say it, or the catalogue's own estimate."""

    # Said twice for the schema: at least one of the two, and not as null.
    model_config = ConfigDict(json_schema_extra={
        "minProperties": 1,
        "anyOf": [
            {"required": ["sources"], "properties": {"sources": {"type": "array"}}},
            {"required": ["estimate"], "properties": {"estimate": {"type": "string"}}},
        ],
    })

    # A key the catalogue did not give is left out of every document, as in the
    # file, never written as null: one shape everywhere.
    sources: Annotated[
        Annotated[list[Id], Field(min_length=1)] | None, Field(exclude_if=_is_none)
    ] = None
    """Ids of the sources that support the claim."""
    estimate: Annotated[Text | None, Field(exclude_if=_is_none)] = None
    """Set when the claim is the catalogue's own estimate rather than a source's statement: a one-line reason. A claim with an estimate is shown as an estimate, even when sources informed it."""  # noqa: E501

    @model_validator(mode="after")
    def _says_something(self) -> "Basis":
        if self.sources is None and self.estimate is None:
            raise ValueError("give `sources`, `estimate` or both")
        return self

    @property
    def is_estimate(self) -> bool:
        """Whether output must mark the claim as the catalogue's estimate."""
        return self.estimate is not None


CriterionText = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
"""A criterion or an example: a sentence or two, shorter than other prose."""


class Criterion(_Model):
    """What one step of the scale asks of a person in one competency."""

    text: CriterionText
    """The criterion: what someone at this step does in this competency, in a sentence or two."""
    examples: Annotated[list[CriterionText], Field(max_length=10)] = []
    """A few concrete examples of behaviour or work at this step."""
    basis: Basis | None = None
    """Where the criterion comes from. Left out, nothing is claimed either way."""


class Competency(_Model):
    """A skill area that roles rate on the proficiency scale."""

    id: Id
    """Identifier used as the key in a role's `competencies` table."""
    name: Name
    """Name shown to people, e.g. `Prioritisation`."""
    description: Text
    """What the competency covers."""
    criteria: Annotated[dict[str, Criterion], Field(max_length=20)] = {}
    """What each step of the scale means for this competency, keyed by scale level id: `[competencies.criteria.working]`. Steps left out have no criterion."""  # noqa: E501


class Move(_Model):
    """A typed edge of the ladder: a move from one role to another."""

    to: Id
    """Id of the role this move leads to."""
    kind: MoveKind
    """`promotion` (up a level), `lateral` (same level, another role), `specialisation` (into a specialist role) or `management` (from individual contributor into people management)."""  # noqa: E501
    typical_years: Annotated[float, Field(ge=0, le=40)] | None = None
    """Typical years spent in the current role before making this move."""
    note: Text | None = None
    """Why people make this move, or what it takes."""
    basis: Basis | None = None
    """Where the move itself comes from. Left out, nothing is claimed either way."""
    typical_years_basis: Basis | None = None
    """Where `typical_years` comes from. Left out, nothing is claimed either way."""
    asks_less: list[Id] = []
    """Competencies the next role deliberately rates lower or stops rating, explained in the move's `note`. `validate` warns about any other promotion or management move that lowers or drops a rating."""  # noqa: E501


class Role(_Model):
    """One role on the ladder, with everything it asks of a person."""

    id: Id
    """Identifier, unique in the catalogue, e.g. `senior-pm`."""
    title: Name
    """Full title, e.g. `Senior Product Manager`. Also resolves the role on the command line."""
    aliases: list[Name] = []
    """Other titles and short forms that name this role, e.g. `SPM`."""
    track: Id
    """Id of the track the role belongs to."""
    level: Annotated[int, Field(ge=0, le=100)]
    """Rank of the level the role sits at."""
    summary: Text
    """A few sentences on what the role is for."""
    responsibilities: Annotated[list[Text], Field(min_length=1)]
    """What the role is accountable for, one item each."""
    competencies: dict[str, Id] = {}
    """Proficiency the role needs in each competency: competency id = scale level id."""
    education: Text | None = None
    """Education typically expected."""
    experience: Text | None = None
    """Experience typically expected, in words."""
    experience_years: Annotated[float, Field(ge=0, le=60)] | None = None
    """Typical minimum years of relevant experience."""
    experience_years_basis: Basis | None = None
    """Where `experience_years` comes from. Left out, nothing is claimed either way."""
    frameworks: list[Name] = []
    """Named tools, techniques and frameworks the role uses, e.g. `RICE`."""
    moves: list[Move] = []
    """Moves onward from this role."""
    notes: list[Text] = []
    """Editorial notes, e.g. where the sources disagree and which choice the catalogue makes."""
    sources: list[Id] = []
    """Ids of the sources that support this role."""


def _exactly_int(value: Any) -> Any:
    """Literal[1] alone would take ``true`` and ``1.0`` (they equal 1 in Python)."""
    if type(value) is not int:
        raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
    return value


class Catalog(_Model):
    """A whole career ladder: its scale, tracks, levels, competencies and roles."""

    format_version: Annotated[Literal[1], BeforeValidator(_exactly_int)] = 1
    """Version of the catalogue format; this version of pmladder reads `1`."""
    name: Name
    """Name of the ladder, e.g. the team or company it belongs to."""
    description: Text | None = None
    """What the ladder covers and who maintains it."""
    scale: Scale
    """The proficiency scale for competency ratings."""
    tracks: Annotated[list[Track], Field(min_length=1)]
    """The tracks, in display order."""
    levels: Annotated[list[Level], Field(min_length=1)]
    """The seniority levels."""
    competencies: list[Competency] = []
    """The competencies roles are rated on, in display order."""
    sources: list[Source] = []
    """The documents the catalogue is built from."""
    roles: Annotated[list[Role], Field(min_length=1)]
    """The roles, in any order."""


def _nested_model(annotation: Any) -> tuple[str, type[_Model]] | None:
    """``(shape, model)`` when a field holds a model, or a list or dict of models.

    ``shape`` is ``one``, ``list`` or ``dict``; ``None`` when no model is inside.
    """
    if isinstance(annotation, type) and issubclass(annotation, _Model):
        return "one", annotation
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            if origin is list:
                return "list", found[1]
            if origin is dict:
                return "dict", found[1]
            return found
    return None


class _Plan(typing.NamedTuple):
    """How :func:`construct` rebuilds one model class, worked out once per class."""

    #: The fields holding models: name -> (``one``, ``list`` or ``dict``, the model).
    nested: dict[str, tuple[str, type[_Model]]]
    #: Every field, in order.
    fields: tuple[str, ...]
    #: Every field, to check data against.
    known: frozenset[str]
    #: The fields data must give: required, or with a default other than None.
    needed: frozenset[str]


_PLANS: dict[type[_Model], _Plan] = {}


def _plan(model: type[_Model]) -> _Plan:
    nested = {}
    for name, info in model.model_fields.items():
        found = _nested_model(info.annotation)
        if found is not None:
            nested[name] = found
    fields = model.__pydantic_fields__
    needed = frozenset(name for name, info in fields.items()
                       if info.is_required() or info.default is not None)
    plan = _PLANS[model] = _Plan(nested, tuple(fields), frozenset(fields), needed)
    return plan


def construct(model: type[M], data: Mapping[str, Any]) -> M:
    """Rebuild a model from ``model_dump()`` data that already passed validation.

    Nothing is validated again (that is the point: :mod:`pmladder.cache` uses
    it to skip validation for a catalogue whose exact bytes passed before).
    """
    plan = _PLANS.get(model) or _plan(model)
    values = dict(data)
    for name, (shape, inner) in plan.nested.items():
        value = values.get(name)
        if value is None:
            continue
        if shape == "list":
            values[name] = [construct(inner, item) for item in value]
        elif shape == "dict":
            values[name] = {key: construct(inner, item) for key, item in value.items()}
        else:
            values[name] = construct(inner, value)
    given = values.keys()
    if not plan.needed <= given <= plan.known:
        return typing.cast(M, model.model_construct(_fields_set=set(given), **values))
    # Every field given or None by default (a model_dump, maybe leaving out None):
    # set the instance's state as model_construct would, without its per-field
    # default lookups, which were a third of the cost of a cached role.
    built = model.__new__(model)
    object.__setattr__(built, "__dict__", {name: values.get(name) for name in plan.fields})
    object.__setattr__(built, "__pydantic_fields_set__", set(given))
    object.__setattr__(built, "__pydantic_extra__", None)
    object.__setattr__(built, "__pydantic_private__", None)
    return built


def field_docs() -> dict[str, dict[str, str]]:
    """Each model's field docstrings, by model name and field name, read from this file."""
    tree = ast.parse(inspect.getsource(sys.modules[__name__]))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = docs.setdefault(node.name, {})
        for first, second in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(first, ast.AnnAssign)
                and isinstance(first.target, ast.Name)
                and isinstance(second, ast.Expr)
                and isinstance(second.value, ast.Constant)
                and isinstance(second.value.value, str)
            ):
                fields[first.target.id] = inspect.cleandoc(second.value.value)
    return docs
