"""``validate`` accepts exactly what ``pmladder schema`` accepts.

A differential test: random type mutations of valid catalogues (a value
replaced by one of another JSON type: text, whole number, decimal, true or
false, null, list, table) must be valid for both pmladder and a JSON Schema
validator, or invalid for both.

One reading of the schema is fixed first.  JSON's data model has one kind of
number, so a JSON Schema validator counts ``6.0`` as an integer and ``true``
as unequal to ``1``; TOML, in which catalogues are written, tells ``6`` from
``6.0``, and the catalogue docs ask for "a whole number without quotes".
The validator below reads ``integer`` as a number written without a decimal
point, and ``const`` as equal *and* of the same type, as TOML-aware editors do.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError, validators  # type: ignore[import-untyped]

from conftest import BUNDLED, ROOT, TINY, Invoke
from pmladder.catalog import catalog_schema
from pmladder.errors import CatalogError, ExitCode
from pmladder.locate import Loc
from pmladder.validation.validate import validate_data


def _integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _const(validator: Any, const: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if type(instance) is not type(const) or instance != const:
        yield ValidationError(f"{instance!r} is not {const!r}")


Strict = validators.extend(
    Draft202012Validator,
    validators={"const": _const},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
)
SCHEMA = Strict(catalog_schema())

BASES = {
    path.name: tomli.loads(path.read_text(encoding="utf-8"))
    for path in (TINY, BUNDLED, *sorted((ROOT / "examples").glob("*.toml")))
}

OTHERS: list[Any] = ["6", "", 6, -1, 0, 6.0, 2.5, True, False, None, [], ["x"], {}, {"x": 1}]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    return type(value).__name__


def _paths(node: Any, here: Loc = ()) -> Iterator[Loc]:
    if here:
        yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*here, i))


def _at(data: Any, path: Loc) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Loc, value: Any) -> None:
    _at(data, path[:-1])[path[-1]] = value


def _pydantic_ok(data: dict[str, Any]) -> bool:
    try:
        validate_data(data, "mutated")
    except CatalogError as error:
        global LAST_PROBLEMS
        LAST_PROBLEMS = [p.format("x") for p in error.problems]
        return False
    return True


LAST_PROBLEMS: list[str] = []


def _agree(data: dict[str, Any], mutations: list[str] | None = None) -> None:
    by_schema = SCHEMA.is_valid(data)
    by_validate = _pydantic_ok(data)
    assert by_schema == by_validate, (
        f"{mutations}: schema says {'valid' if by_schema else 'invalid'}, "
        f"validate says {'valid' if by_validate else 'invalid'}: "
        + "; ".join(e.message for e in SCHEMA.iter_errors(data))[:500]
        + " ".join(LAST_PROBLEMS)[:500]
    )


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    name = draw(st.sampled_from(sorted(BASES)))
    data = copy.deepcopy(BASES[name])
    done = [name]
    touched: list[Loc] = []
    paths = list(_paths(data))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        if any(path[: len(m)] == m or m[: len(path)] == path for m in touched):
            continue  # one change per value: a second could change it back to its type
        touched.append(path)
        try:
            parent = _at(data, path[:-1])
            old = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced what held it
        if not isinstance(parent, dict | list):
            continue
        choices = [v for v in OTHERS if _kind(v) != _kind(old)]
        new = draw(st.sampled_from(choices))
        _set(data, path, copy.deepcopy(new))
        done.append(f"{'.'.join(map(str, path))} = {new!r}")
    return data, done


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=mutated())
def test_validate_and_the_schema_agree_on_type_mutations(
    case: tuple[dict[str, Any], list[str]]
) -> None:
    data, mutations = case
    _agree(data, mutations)


@pytest.mark.parametrize("name", sorted(BASES))
def test_the_catalogues_themselves_pass_both(name: str) -> None:
    _agree(BASES[name])


# The cases a review found, each once by name.
CASES = [
    ("roles", 0, "level", "6"),
    ("roles", 0, "level", 6.0),
    ("roles", 0, "level", True),
    ("roles", 0, "experience_years", False),
    ("roles", 0, "experience_years", "2"),
    ("roles", 0, "moves", 0, "typical_years", "2"),
    ("roles", 0, "moves", 0, "typical_years", True),
    ("format_version", 1.0),
    ("format_version", True),
    ("levels", 0, "rank", 1.0),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: ".".join(map(str, c)))
def test_reviewed_type_cases_are_invalid_for_both(case: tuple[Any, ...]) -> None:
    data = copy.deepcopy(BASES["tiny.toml"])
    *path, value = case
    role = data["roles"][0]
    role.setdefault("experience_years", 1.0)
    if not role.get("moves"):
        role["moves"] = [{"to": data["roles"][1]["id"], "kind": "lateral"}]
    _set(data, tuple(path), value)
    assert not SCHEMA.is_valid(data)
    assert not _pydantic_ok(data)


def test_a_basis_of_null_sources_is_invalid_for_both() -> None:
    data = copy.deepcopy(BASES["bundled.toml" if "bundled.toml" in BASES else "catalog.toml"])
    move = next(m for r in data["roles"] for m in r.get("moves", []))
    for basis in ({"sources": None}, {"estimate": None}, {"sources": None, "estimate": None}, {}):
        move["basis"] = basis
        _agree(data)
        assert not SCHEMA.is_valid(data)
    move["basis"] = {"sources": None, "estimate": "our reading"}
    _agree(data)


def test_a_quoted_number_is_reported_at_its_line(invoke: Invoke, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace("level = 1", 'level = "1"', 1)
    file = tmp_path / "quoted.toml"
    file.write_text(text, encoding="utf-8")
    result = invoke("validate", str(file))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "must be a whole number, got '1'" in result.stderr
    # And in a JSON catalogue too.
    data = tomli.loads(text)
    (tmp_path / "quoted.json").write_text(json.dumps(data), encoding="utf-8")
    result = invoke("validate", str(tmp_path / "quoted.json"))
    assert result.exit_code == ExitCode.INVALID_CATALOG


def test_duplicate_keys_in_json_are_reported_at_their_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = tomli.loads(TINY.read_text(encoding="utf-8"))
    text = json.dumps(data, indent=2)
    top = '"name": "Tiny test ladder",'
    text = text.replace(top, f'{top}\n  "name": "Other",', 1)
    nested = '"id": "maker",'
    assert nested in text
    text = text.replace(nested, f'{nested}\n      "id": "crafter",', 1)
    file = tmp_path / "dupes.json"
    file.write_text(text, encoding="utf-8")
    result = invoke("validate", str(file))
    assert result.exit_code == ExitCode.INVALID_CATALOG, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {file}: invalid catalogue (2 problems)"
    first = text.splitlines().index('  "name": "Other",') + 1
    assert lines[1] == (f"{file}:{first}:3: error: JSON key 'name' is set twice in the same "
                        "object; keep one of them")
    assert "JSON key 'id' is set twice" in lines[2]
    # Keys that repeat in different objects are fine.
    assert invoke("validate", str(_json_of(tmp_path))).exit_code == 0


def _json_of(tmp_path: Path) -> Path:
    file = tmp_path / "fine.json"
    file.write_text(json.dumps(tomli.loads(TINY.read_text(encoding="utf-8"))), encoding="utf-8")
    return file
