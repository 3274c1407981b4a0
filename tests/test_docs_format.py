"""``docs/catalogue-format.md`` documents every field of every model, and its examples work."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import tomli
from pydantic import BaseModel

from conftest import DATA, ROOT, Invoke
from pmladder import catalog, models
from pmladder.catalog import CatalogSource, load
from pmladder.validation import sizes

DOC = ROOT / "docs" / "catalogue-format.md"


def catalogue_models() -> list[type[BaseModel]]:
    """Every public pydantic model of :mod:`pmladder.models`."""
    return [
        value
        for name, value in vars(models).items()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == models.__name__
        and not name.startswith("_")
    ]


def sections() -> dict[str, str]:
    """The doc's ``##`` sections, keyed by the model name in backquotes in their heading."""
    text = DOC.read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for chunk in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = chunk.partition("\n")
        for name in re.findall(r"`(\w+)`", heading):
            out[name] = body
    return out


def table_fields(body: str) -> list[str]:
    return re.findall(r"^\| `(\w+)` \|", body, flags=re.M)


def test_the_models_are_found() -> None:
    names = {model.__name__ for model in catalogue_models()}
    assert names == {
        "Catalog", "Scale", "ScaleLevel", "Track", "Level", "Competency", "Source", "Role", "Move",
        "Basis", "Criterion",
    }


@pytest.mark.parametrize("model", catalogue_models(), ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    found = sections()
    assert model.__name__ in found, f"docs/catalogue-format.md has no section for {model.__name__}"
    documented = table_fields(found[model.__name__])
    assert documented == list(model.model_fields), (
        f"the {model.__name__} table must list exactly its fields, in order: "
        f"{list(model.model_fields)}"
    )


@pytest.mark.parametrize("model", catalogue_models(), ids=lambda m: m.__name__)
def test_required_fields_are_marked_required(model: type[BaseModel]) -> None:
    body = sections()[model.__name__]
    for name, info in model.model_fields.items():
        row = re.search(rf"^\| `{name}` \|([^|]*)\|([^|]*)\|", body, flags=re.M)
        assert row is not None
        required = row.group(2).strip()
        if info.is_required():
            assert required.startswith("yes"), f"{model.__name__}.{name} is required"
        else:
            assert required.startswith("no"), f"{model.__name__}.{name} is optional"


def test_every_move_kind_is_explained() -> None:
    body = sections()["Move"]
    for kind in models.MOVE_KINDS:
        assert f"`{kind}`:" in body


def test_size_limits_are_the_real_ones() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"**{catalog.MAX_BYTES // 1024 // 1024} MiB** (`MAX_BYTES`)" in text
    assert f"**{sizes.MAX_ITEMS:,} entries** (`MAX_ITEMS`" in text


@pytest.mark.parametrize(
    ("value", "ok"),
    [("senior-pm", True), ("l3", True), ("3", True), ("a" * 64, True), ("a" * 65, False),
     ("Senior-PM", False), ("-pm", False), ("senior_pm", False), ("", False)],
)
def test_id_rule_is_the_documented_one(value: str, ok: bool) -> None:
    from pydantic import ValidationError

    text = DOC.read_text(encoding="utf-8")
    assert "Lower-case letters, digits and dashes, starting with a letter or digit, at most " \
        "64 characters" in text
    try:
        models.Move(to=value, kind="lateral")
    except ValidationError:
        assert not ok
    else:
        assert ok


def _blocks(lang: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, flags=re.M | re.S)


def test_the_complete_example_validates(tmp_path: Path) -> None:
    complete = [b for b in _blocks("toml") if b.startswith("format_version")]
    assert complete, "the doc shows no complete catalogue"
    for block in complete:
        path = tmp_path / "example.toml"
        path.write_text(block, encoding="utf-8")
        ladder = load(CatalogSource(path, "option"))
        assert not ladder.warnings
        assert len(ladder.ids) >= 2


def test_toml_snippets_parse() -> None:
    for block in _blocks("toml"):
        tomli.loads(block)


def test_shown_errors_are_what_validate_prints(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ladder.toml"
    shutil.copy(DATA / "bad" / "many-mistakes.toml", path)
    shown = [line for block in _blocks("text") for line in block.splitlines()]
    assert shown
    result = invoke("validate", str(path))
    printed = [line.replace(str(path), "ladder.toml") for line in result.stderr.splitlines()]
    for line in shown:
        assert line in printed


def test_taplo_schema_comment_is_shown() -> None:
    assert any(b.startswith("#:schema ./pmladder.schema.json\n") for b in _blocks("toml"))
    assert "pmladder schema --output pmladder.schema.json" in DOC.read_text(encoding="utf-8")


def test_commands_shown_exist(invoke: Invoke) -> None:
    for block in _blocks("sh"):
        for line in block.splitlines():
            command = line.split("#")[0].split()
            assert command[0] == "pmladder"
            name = next(word for word in command[1:] if not word.startswith("-")
                        and not word.endswith(".toml"))
            assert invoke(name, "--help").exit_code == 0, line
