"""Criteria: what each step of the scale asks in each competency, in the format and validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TINY, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode

CRITERIA = '''
[competencies.criteria.low]
text = "Builds small pieces with help."
examples = ["Fixes a typo in a template."]
basis = { sources = ["handbook"] }

[competencies.criteria.mid]
text = "Builds whole features alone."
basis = { estimate = "Our own reading of the handbook." }

[competencies.criteria.high]
text = "Sets how the team builds and teaches it."
'''


def tiny_with(tmp_path: Path, craft: str = CRITERIA, people: str = "") -> Path:
    """The tiny catalogue with criteria under its two competencies."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace('description = "Doing the work."\n',
                        f'description = "Doing the work."\n{craft}', 1)
    text = text.replace('description = "Leading others."\n',
                        f'description = "Leading others."\n{people}', 1)
    path = tmp_path / "ladder.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The number of the first line of ``path`` that holds ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if needle in text)


def test_criteria_load_in_scale_order(tmp_path: Path) -> None:
    ladder = load(CatalogSource(tiny_with(tmp_path), "option"))
    craft = ladder.head.competencies[0]
    assert list(craft.criteria) == ["low", "mid", "high"]
    low = ladder.criterion("craft", "low")
    assert low is not None
    assert low.examples == ["Fixes a typo in a template."]
    assert low.basis is not None
    assert low.basis.sources == ["handbook"]
    assert ladder.criterion("people", "low") is None


def test_criteria_survive_the_cache(tmp_path: Path) -> None:
    path = tiny_with(tmp_path)
    first = load(CatalogSource(path, "option"))
    again = load(CatalogSource(path, "option"))  # rebuilt from the cache
    assert again.criterion("craft", "mid") == first.criterion("craft", "mid")
    assert again.head.competencies == first.head.competencies


def test_some_competencies_without_criteria_is_a_warning_naming_them(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tiny_with(tmp_path)
    result = invoke("validate", str(path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    header = line_of(path, 'id = "people"') - 1
    assert f":{header}: warning: competencies[1]: competency 'people' has no criteria" \
        in warnings[0]
    assert warnings[0].endswith("for each of: low, mid, high")
    # Every other command works and stays quiet about it.
    shown = invoke("--catalog", str(path), "show", "maker")
    assert shown.exit_code == 0
    assert shown.stderr == ""


def test_a_competency_with_some_steps_is_a_warning_naming_the_missing(
    invoke: Invoke, tmp_path: Path
) -> None:
    people = '\n[competencies.criteria.high]\ntext = "Leads a team."\n'
    craft = CRITERIA.split("[competencies.criteria.mid]")[0]
    result = invoke("validate", str(tiny_with(tmp_path, craft, people)))
    assert result.exit_code == 0, result.output
    assert "competency 'craft' describes 1 of the 3 steps of the Skill scale; add criteria " \
        "for: mid, high" in result.stderr
    assert "competency 'people' describes 1 of the 3 steps" in result.stderr


def test_no_criteria_anywhere_is_no_warning(invoke: Invoke) -> None:
    result = invoke("validate", str(TINY))
    assert result.exit_code == 0
    assert "competenc" not in result.stderr  # only the tiny ladder's own warning


def test_complete_criteria_validate_clean(invoke: Invoke, tmp_path: Path) -> None:
    people = CRITERIA.replace("Builds", "Leads").replace("builds", "leads")
    result = invoke("validate", str(tiny_with(tmp_path, people=people)))
    assert result.exit_code == 0
    assert "competenc" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (("criteria.high]", "criteria.hgh]"), "criteria.hgh]",
         "competencies[0].criteria.hgh: criteria for step 'hgh', which the Skill scale does not "
         "have (did you mean 'high'?); use one of: low, mid, high"),
        (('sources = ["handbook"] }', 'sources = ["handbok"] }'), "handbok",
         "competencies[0].criteria.low.basis.sources[0]: source 'handbok' is not defined "
         "(did you mean 'handbook'?)"),
        (('text = "Builds whole', 'criterion = "Builds whole'), "criterion =",
         "competencies[0].criteria.mid.criterion: unknown field 'criterion'; a criterion's words "
         'go in text = "..."'),
        (('examples = ["Fixes', 'example = ["Fixes'), "example =",
         "competencies[0].criteria.low.example: unknown field 'example'; did you mean "
         "'examples'?"),
        (("basis = { estimate", "basis = { guess"), "guess",
         "competencies[0].criteria.mid.basis.guess: unknown field 'guess'"),
    ],
)
def test_criteria_mistakes_are_errors_at_their_line(
    invoke: Invoke, tmp_path: Path, change: tuple[str, str], needle: str, message: str
) -> None:
    path = tiny_with(tmp_path, CRITERIA.replace(*change))
    line = line_of(path, needle)
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG, result.output
    assert f"{path}:{line}: error: {message}" in result.stderr


def test_a_criterion_written_as_plain_text_says_how_to_write_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tiny_with(tmp_path, '\n[competencies.criteria]\nlow = "Builds small pieces."\n')
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "competencies[0].criteria.low: must be a table with a 'text' field: write " \
        "[competencies.criteria.low] and below it text = \"...\", got 'Builds small pieces.'" \
        in result.stderr


def test_criteria_in_a_json_catalogue_point_at_their_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    exported = invoke("--catalog", str(tiny_with(tmp_path)), "export", "--format", "json")
    data = json.loads(exported.stdout)
    data["competencies"][0]["criteria"]["top"] = {"text": "Too far."}
    path = tmp_path / "ladder.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    line = line_of(path, '"top"')
    assert f"{path}:{line}: error: competencies[0].criteria.top: criteria for step 'top'" \
        in result.stderr


def test_a_source_url_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        'title = "Team handbook"\n', 'title = "Team handbook"\nurl = "https://x.test/a\\nb"\n'
    )
    path = tmp_path / "ladder.toml"
    path.write_text(text, encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "sources[0].url" in result.stderr


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_criteria_round_trip_through_export(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    source = tiny_with(tmp_path)
    result = invoke("--catalog", str(source), "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    exported = tmp_path / f"again.{fmt}"
    exported.write_text(result.stdout, encoding="utf-8")
    assert load(CatalogSource(exported, "option")).catalog == (
        load(CatalogSource(source, "option")).catalog
    )
    if fmt == "toml":
        # One table per step, its basis inline, no empty [competencies.criteria] header.
        assert "\n[competencies.criteria.low]\ntext = " in result.stdout
        assert '\nbasis = { sources = ["handbook"] }\n' in result.stdout
        assert "\n[competencies.criteria]\n" not in result.stdout
