"""Each shape problem pydantic finds, in the words of someone editing the file."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from ..errors import Problem
from ..locate import Loc
from ..models import MOVE_KINDS, Catalog, Criterion, Move, Role
from .problems import Located, loc_path

_KIND_CHOICES = ", ".join(MOVE_KINDS[:-1]) + f" or {MOVE_KINDS[-1]}"
"""Every kind of move, as a fix names them: ``promotion, lateral, ... or management``."""

_AFTER_MOVES = (
    "the keys after a [[roles.moves]] header belong to that move, so put the role's own "
    "fields above its first [[roles.moves]]"
)


def located_problem(err: Mapping[str, Any], data: Mapping[str, Any]) -> Located:
    """One of pydantic's errors as a problem at its value, naming the role it is in."""
    loc: Loc = tuple(err["loc"])
    return loc, Problem(message(err, loc), location=loc_path(loc), role=_role_at(data, loc))


def role_field_in_ratings(loc: Loc) -> bool:
    """Whether ``loc`` is a role's field written under ``[roles.competencies]`` by mistake."""
    return (
        len(loc) == 4 and loc[0] == "roles" and loc[2] == "competencies"
        and str(loc[3]) in Role.model_fields
    )


def in_ratings_message(name: str) -> str:
    """What to say about the role's field ``name`` written among its ratings."""
    return (
        f"{name!r} is a field of the role, not a competency: the keys after a "
        "[roles.competencies] header belong to it, so put the role's own fields above it"
    )


def message(err: Mapping[str, Any], loc: Loc) -> str:
    """What pydantic found at ``loc``, and how to fix it."""
    kind = err["type"]
    value = err.get("input")
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else "this value"
    if kind == "extra_forbidden":
        return _unknown_field_message(name, loc)
    if kind == "missing":
        return f"required field {name!r} is missing; add it"
    if kind == "literal_error" and name == "kind":
        return f"{_got(value)} is not a kind of move; use {_KIND_CHOICES}"
    if kind == "literal_error" and name == "format_version":
        return f"format_version must be 1 (got {_got(value)}); this pmladder reads format 1"
    if role_field_in_ratings(loc):
        return in_ratings_message(name)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _not_a_table_message(loc, name, value)
    return _value_message(kind, err.get("ctx") or {}, value) or (
        f"{err['msg']} (got {_got(value)})"
    )


def _unknown_field_message(name: str, loc: Loc) -> str:
    owner = _model_at(loc)
    text = f"unknown field {name!r}"
    if owner is Move and name in Role.model_fields:
        return f"{text} in a move; {_AFTER_MOVES}"
    if owner is Criterion and name in ("criterion", "description", "summary"):
        return f"{text}; a criterion's words go in text = \"...\""
    if owner is None:
        return text
    valid = list(owner.model_fields)
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    if close:
        return f"{text}; did you mean {close[0]!r}?"
    return f"{text}; valid fields here are: {', '.join(valid)}"


def _value_message(kind: str, ctx: Mapping[str, Any], value: Any) -> str | None:
    """What is wrong with a single value (text, number or list), or ``None``."""
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
        least = int(ctx.get("min_length", 1))
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    if kind == "too_long":
        actual = ctx.get("actual_length")
        if actual is None and isinstance(value, dict | list):
            actual = len(value)  # pydantic leaves it out for tables
        return f"has {actual:,} entries; the most allowed is {ctx.get('max_length')}"
    return None


def _not_a_table_message(loc: Loc, name: str, value: Any) -> str:
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


def _got(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


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
