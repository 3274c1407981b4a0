"""``pmladder schema``: a JSON Schema (2020-12) real catalogues pass, every field described."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from conftest import BUNDLED, ROOT, TINY, Invoke
from pmladder.errors import ExitCode

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from typer.testing import CliRunner

    from pmladder.cli import app

    result = CliRunner().invoke(app, ["schema"], env={"PMLADDER_CATALOG": None})
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_schema_is_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:pmladder:")
    assert schema["title"] == "pmladder catalogue"
    assert "pmladder validate" in schema["description"]
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", [BUNDLED, TINY, *EXAMPLES], ids=lambda p: p.name)
def test_catalogues_pass_the_schema(schema: dict[str, Any], path: Path) -> None:
    data = tomli.loads(path.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, "\n".join(e.message for e in errors)


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            if key == "anyOf" and "properties" in node:
                continue  # a constraint on the fields above (Basis: one of two), no new ones
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}[{i}]")


def test_every_property_is_described(schema: dict[str, Any]) -> None:
    from test_docs_format import catalogue_models

    props = list(_properties(schema))
    assert len(props) == sum(len(model.model_fields) for model in catalogue_models())
    missing = [where for where, prop in props if not prop.get("description", "").strip()]
    assert not missing, f"properties without a description: {missing}"
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), f"$defs/{name} has no description"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["roles"][0].update(salary=1), "Additional properties are not allowed"),
        (lambda d: d["roles"][0].update(level="two"), "'two' is not of type 'integer'"),
        (lambda d: d["roles"][0]["moves"][0].update(kind="sideways"), "'sideways' is not one of"),
        (lambda d: d["roles"][0].pop("summary"), "'summary' is a required property"),
        (lambda d: d["roles"][0].update(id="Not An Id"), "does not match"),
    ],
)
def test_schema_catches_shape_mistakes(
    schema: dict[str, Any], change: Any, fragment: str
) -> None:
    data = tomli.loads(TINY.read_text(encoding="utf-8"))
    change(data)
    messages = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert any(fragment in m for m in messages), messages


def test_schema_needs_no_valid_catalogue(invoke: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n", encoding="utf-8")
    result = invoke("--catalog", str(broken), "schema")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "pmladder catalogue"


def test_schema_output_file(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "pmladder.schema.json"
    result = invoke("schema", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target} (JSON Schema)\n"
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(invoke("schema").stdout)
    again = invoke("schema", "--output", str(target))
    assert again.exit_code == ExitCode.USAGE
    assert "already exists; pass --force" in again.stderr
    assert invoke("schema", "--output", str(target), "--force").exit_code == 0


def test_schema_help_shows_taplo_use(invoke: Invoke) -> None:
    result = invoke("schema", "--help")
    assert result.exit_code == 0
    assert "Example: pmladder schema --output pmladder.schema.json" in result.stdout
    assert "#:schema" in result.stdout
