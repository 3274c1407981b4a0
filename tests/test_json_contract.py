"""Every command's --json output against its published schema (``pmladder schema COMMAND``).

The documents are run for real, on the bundled catalogue, the tiny test catalogue
and the example team catalogue, with the arguments that reach each optional part
(no route, same role, unrated roles, a target...). The schemas are closed, so a
field added to a document without being published fails here; another test keeps
docs/json-output.md in step with the schemas.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tomli
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from conftest import ROOT, TINY, Invoke
from pmladder.output_schemas import BUILDERS, output_schema
from pmladder.views.json_documents import DOCUMENTS
from pmladder.views.pages import PAGES
from pmladder.views.toml_writer import dumps_toml

EXAMPLE = ROOT / "examples" / "startup-product-team.toml"
PROFILES = Path(__file__).parent / "data" / "profiles"

RUNS: list[tuple[str, list[str]]] = [
    ("list", ["list"]),
    ("list", ["list", "--track", "leadership"]),
    ("list", ["--catalog", str(TINY), "list"]),
    ("list", ["--catalog", str(EXAMPLE), "list"]),
    ("show", ["show", "senior-pm"]),
    ("show", ["show", "cpo"]),
    ("show", ["show", "pmm"]),
    ("show", ["--catalog", str(TINY), "show", "hermit"]),
    ("show", ["--catalog", str(TINY), "show", "junior"]),
    ("path", ["path", "apm", "cpo"]),
    ("path", ["path", "pm", "pm"]),
    ("path", ["path", "technical-pm", "director"]),
    ("path", ["path", "pmm", "growth-pm"]),
    ("path", ["--catalog", str(TINY), "path", "junior", "expert"]),
    ("compare", ["compare", "apm", "pm", "cpo"]),
    ("compare", ["compare", "technical-pm", "growth-pm", "group-pm"]),
    ("compare", ["--catalog", str(TINY), "compare", "junior", "hermit"]),
    ("search", ["search", "SQL"]),
    ("search", ["search", "user stories"]),
    ("search", ["search", "strategy", "--limit", "2"]),
    ("ladder", ["ladder"]),
    ("ladder", ["ladder", "--track", "core"]),
    ("ladder", ["--catalog", str(EXAMPLE), "ladder"]),
    ("validate", ["validate"]),
    ("validate", ["validate", str(TINY)]),
    ("validate", ["validate", str(EXAMPLE)]),
    ("assess", ["--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml")]),
    ("assess", ["--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"),
                "--target", "expert"]),
]


def test_every_json_command_is_run_here() -> None:
    assert {command for command, _ in RUNS} | {"diff"} == set(BUILDERS)


def test_every_command_with_a_document_has_a_schema_and_a_page() -> None:
    # output.emit prints an Answer by its command: as its document or as its page.
    assert DOCUMENTS.commands() == set(BUILDERS) == PAGES.commands()


@pytest.mark.parametrize("command", sorted(BUILDERS))
def test_the_schema_is_a_valid_schema(command: str) -> None:
    Draft202012Validator.check_schema(output_schema(command))


@pytest.mark.parametrize(("command", "args"), RUNS, ids=[" ".join(a) for _, a in RUNS])
def test_output_matches_its_published_schema(invoke: Invoke, command: str,
                                             args: list[str]) -> None:
    result = invoke(*args, "--json")
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft202012Validator(output_schema(command)).iter_errors(document)
    ]
    assert not errors, (
        "the document differs from its schema; update src/pmladder/output_schemas.py and "
        "docs/json-output.md together:\n" + "\n".join(errors[:10])
    )


def test_a_self_assessment_of_the_bundled_catalogue(invoke: Invoke, tmp_path: Path) -> None:
    template = invoke("assess", "--template")
    assert template.exit_code == 0, template.output
    profile = tmp_path / "me.toml"
    profile.write_text(re.sub(r'= ""', '= "working"', template.stdout), encoding="utf-8")
    result = invoke("assess", str(profile), "--target", "cpo", "--json")
    assert result.exit_code == 0, result.output
    Draft202012Validator(output_schema("assess")).validate(json.loads(result.stdout))


def test_diff_output_matches_its_schema(invoke: Invoke, tmp_path: Path) -> None:
    before = tmp_path / "before.toml"
    exported = invoke("export", "--output", str(before))
    assert exported.exit_code == 0, exported.output
    data = tomli.loads(before.read_text(encoding="utf-8"))
    roles = {role["id"]: role for role in data["roles"]}
    roles["pm"]["title"] = "Product Manager II"
    roles["technical-pm"]["track"] = "core"
    roles["senior-pm"]["competencies"]["strategy"] = "expert"
    roles["senior-pm"]["aliases"].append("Lead PM II")
    roles["apm"]["moves"].append({"to": "technical-pm", "kind": "specialisation"})
    data["roles"] = [role for role in data["roles"] if role["id"] != "growth-pm"]
    for role in data["roles"]:
        role["moves"] = [m for m in role.get("moves", []) if m["to"] != "growth-pm"]
    after = tmp_path / "after.toml"
    after.write_text(dumps_toml(data), encoding="utf-8")
    validator = Draft202012Validator(output_schema("diff"))
    for old, new in ((before, after), (after, before), (before, before)):
        result = invoke("diff", str(old), str(new), "--json")
        assert result.exit_code in (0, 1), result.output
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(json.loads(result.stdout))]
        assert not errors, "\n".join(errors[:10])


def _doc_section(command: str) -> str:
    text = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    for chunk in re.split(r"^## ", text, flags=re.M):
        if chunk.startswith(f"`pmladder {command} "):
            if command == "assess":
                chunk += (ROOT / "docs" / "assess.md").read_text(encoding="utf-8")
            return chunk
    raise AssertionError(f"docs/json-output.md has no section for 'pmladder {command}'")


@pytest.mark.parametrize("command", sorted(BUILDERS))
def test_docs_describe_every_top_level_field(command: str) -> None:
    section = _doc_section(command)
    envelope = {"schema_version", "command", "catalog"}
    for field in output_schema(command)["properties"]:
        if field not in envelope:
            spellings = (f"`{field}`", f"`{field}.", f"`{field}[", f'"{field}"')
            assert any(spelling in section for spelling in spellings), (
                f"docs/json-output.md does not describe {command}'s field {field!r}"
            )


def test_the_schema_command_prints_each_schema(invoke: Invoke) -> None:
    for command in BUILDERS:
        result = invoke("schema", command)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == output_schema(command)
    wrong = invoke("schema", "nosuch")
    assert wrong.exit_code == 2
