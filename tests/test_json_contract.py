"""Every command's --json output against its published schema (``pmladder schema COMMAND``).

The documents are run for real, on the bundled catalogue, the tiny test catalogue
and the example team catalogue, with the arguments that reach each optional part
(no route, same role, unrated roles, a target...). The schemas are closed, so a
field added to a document without being published fails here; another test keeps
docs/json-output.md in step with the schemas.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


ENVELOPE = {"schema_version", "command", "catalog"}
"""Fields every document starts with, described once under Stability."""

Pair = tuple[str | None, str]
"""A field and the field that holds it (``None``: a document's top level)."""


def field_paths(schema: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    """Every field path of a published schema, through ``$ref``s, ``items``,
    ``anyOf`` and maps (``additionalProperties``), without array or map steps."""
    defs = schema.get("$defs", {})

    def walk(node: Any, path: tuple[str, ...], seen: frozenset[str]) -> Iterator[tuple[str, ...]]:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and ref not in seen:
            yield from walk(defs[ref.removeprefix("#/$defs/")], path, seen | {ref})
        for sub in [*node.get("anyOf", []), *node.get("oneOf", []), *node.get("allOf", []),
                    node.get("items"), node.get("additionalProperties")]:
            yield from walk(sub, path, seen)
        for name, sub in node.get("properties", {}).items():
            yield (*path, name)
            yield from walk(sub, (*path, name), seen)

    yield from walk(schema, (), frozenset())


def _slug(heading: str) -> str:
    """A heading's anchor, as GitHub makes it."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _doc_sections() -> dict[str, str]:
    """Each section (## and ###) of the JSON docs, by ``file#anchor``."""
    sections = {}
    for name in ("json-output.md", "assess.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        for chunk in re.split(r"^(?=#{2,3} )", text, flags=re.M):
            sections[f"{name}#{_slug(chunk.split(chr(10), 1)[0].lstrip('#'))}"] = chunk
    return sections


def command_docs(command: str) -> str:
    """A command's section of the docs, with every section it links to."""
    sections = _doc_sections()
    heading = f"## `pmladder {command} "
    start = "assess.md#json" if command == "assess" else next(
        (key for key, text in sections.items() if text.startswith(heading)), None)
    assert start, f"docs/json-output.md has no section for 'pmladder {command}'"
    read: list[str] = []
    todo = [start]
    while todo:
        key = todo.pop()
        if key not in read:
            read.append(key)
            for page, anchor in re.findall(r"\]\(([\w.-]*)#([\w-]+)\)", sections[key]):
                link = f"{page or key.split('#')[0]}#{anchor}"
                todo += [link] if link in sections else []
    return "\n\n".join(sections[key] for key in read)


def _names(token: str) -> list[str]:
    return re.findall(r"[A-Za-z_]\w*", token)


def _example_pairs(value: Any, holder: str | None = None) -> set[Pair]:
    """The fields of a JSON example, each with the field that holds it."""
    if isinstance(value, list):
        return {pair for item in value for pair in _example_pairs(item, holder)}
    if not isinstance(value, dict):
        return set()
    return {(holder, key) for key in value} | {
        pair for key, sub in value.items() for pair in _example_pairs(sub, key)}


def _scope(block: str, end: int) -> str:
    """What a paragraph says about the field named just before ``end``: the
    parentheses right after it, or else the rest of the paragraph; in a table
    row, the rest of the row."""
    rest = block[end:]
    opening = re.match(r"\s*\(", rest)
    if block.lstrip().startswith("|") or not opening:
        return rest
    depth = 0
    for i in range(opening.end() - 1, len(rest)):
        depth += {"(": 1, ")": -1}.get(rest[i], 0)
        if depth == 0:
            return rest[: i + 1]
    return rest


def described(text: str) -> set[Pair]:
    """The fields ``text`` describes, each with the field that holds it.

    A field counts as described under another when it is named in backticks in
    the same table row after it, in the parentheses right after it (or the
    rest of its paragraph), as ``holder.field`` or ``holder[].field``, in a JSON
    example, or when the holder is "same shape as `other`" and other has it.
    """
    pairs: set[Pair] = set()
    shapes: set[tuple[str, str]] = set()
    for example in re.findall(r"```json\n(.*?)```", text, flags=re.S):
        example = example if example.lstrip().startswith("{") else "{" + example + "}"
        pairs |= _example_pairs(json.loads(example))
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for block in re.split(r"\n\s*\n|\n(?=\|)", prose):
        for token in re.finditer(r"`([^`]+)`", block):
            parts = _names(token.group(1))
            if not parts:
                continue
            pairs |= {(None, part) for part in parts} | set(itertools.pairwise(parts))
            scope = _scope(block, token.end())
            pairs |= {(parts[-1], name) for inner in re.findall(r"`([^`]+)`", scope)
                      for name in _names(inner)}
            for like in re.findall(r"same shape as ((?:`[^`]+`(?:,? | or | and )?)+)", scope):
                shapes |= {(parts[-1], _names(other)[-1])
                           for other in re.findall(r"`([^`]+)`", like)}
    for _ in range(3):  # a shape may be the same shape as another
        pairs |= {(alias, field) for alias, shape in shapes for holder, field in set(pairs)
                  if holder == shape}
    return pairs


def test_the_docs_check_sees_a_field_left_out() -> None:
    text = "`roles` (`column`, `row`), `tracks` (`id`) and `edges`, each with `from`."
    found = described(text)
    assert {("roles", "column"), ("tracks", "id"), ("edges", "from")} <= found
    assert ("roles", "id") not in found
    assert ("tracks", "row") not in found
    alias = described("| `a` | `x` and `y` |\n| `b` | same shape as `a` |")
    assert ("b", "y") in alias


@pytest.mark.parametrize("command", sorted(BUILDERS))
def test_docs_describe_every_field(command: str) -> None:
    pairs = described(command_docs(command))
    missing = [
        ".".join(path) for path in dict.fromkeys(field_paths(output_schema(command)))
        if path[0] not in ENVELOPE and (path[-2] if len(path) > 1 else None, path[-1]) not in pairs
    ]
    assert not missing, (
        f"docs/json-output.md does not describe these fields of 'pmladder {command} --json' "
        "(name each in backticks beside the field that holds it): " + ", ".join(missing)
    )


def test_the_schema_command_prints_each_schema(invoke: Invoke) -> None:
    for command in BUILDERS:
        result = invoke("schema", command)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == output_schema(command)
    wrong = invoke("schema", "nosuch")
    assert wrong.exit_code == 2
