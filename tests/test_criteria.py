"""Criteria: what each step of the scale asks in each competency, in the format and validate."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import tomli

from conftest import TINY, Invoke, require_tool
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode
from pmladder.index import Ladder
from pmladder.matrix import competency_matrix
from terminal import at_terminal

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


def test_criteria_as_an_array_of_tables_says_to_key_them_by_step(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tiny_with(tmp_path, '\n[[competencies.criteria]]\nstep = "low"\ntext = "x"\n')
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    line = line_of(path, "[[competencies.criteria]]")
    assert f"{path}:{line}: error: competencies[0].criteria: must be a table keyed by step of " \
        "the scale: one [competencies.criteria.STEP] table per step (not " \
        "[[competencies.criteria]]), got a list" in result.stderr


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


def test_more_criteria_than_any_scale_has_steps_is_refused_quickly(
    invoke: Invoke, tmp_path: Path
) -> None:
    many = "".join(f'\n[competencies.criteria.s{i}]\ntext = "x"\n' for i in range(5000))
    result = invoke("validate", str(tiny_with(tmp_path, many)))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].endswith("competencies[0].criteria: has 5,000 entries; the most allowed is 20")


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
    assert load(CatalogSource(exported, "option")).whole_catalog() == (
        load(CatalogSource(source, "option")).whole_catalog()
    )
    if fmt == "toml":
        # One table per step, its basis inline, no empty [competencies.criteria] header.
        assert "\n[competencies.criteria.low]\ntext = " in result.stdout
        assert '\nbasis = { sources = ["handbook"] }\n' in result.stdout
        assert "\n[competencies.criteria]\n" not in result.stdout


# --------------------------------------------------------------------------
# Where people decide: show, path, assess, compare, the matrix


def flat(output: str) -> str:
    """Output with its wrapping undone, to look for a criterion in it."""
    return " ".join(output.split())


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(CatalogSource(None))


def asks(ladder: Ladder, competency: str, step: str) -> str:
    criterion = ladder.criterion(competency, step)
    assert criterion is not None
    return criterion.text


def test_show_gives_each_competency_its_step_and_criterion(
    invoke: Invoke, bundled: Ladder
) -> None:
    result = invoke("show", "senior-pm")
    assert result.exit_code == 0, result.output
    shown = flat(result.stdout)
    role = bundled.roles["senior-pm"]
    for competency, step in role.competencies.items():
        assert flat(asks(bundled, competency, step)) in shown, competency
    assert "●●●○○ Advanced" in result.stdout


def test_path_says_what_each_new_step_asks(invoke: Invoke, bundled: Ladder) -> None:
    result = invoke("path", "pm", "senior-pm")
    assert result.exit_code == 0, result.output
    step = result.stdout.split("Step 1:")[1].split("Responsibilities added")[0]
    before, after = bundled.roles["pm"], bundled.roles["senior-pm"]
    rising = [c for c, s in after.competencies.items()
              if bundled.scale_rank[s] > bundled.scale_rank.get(before.competencies.get(c, ""), -1)]
    assert len(rising) == 10
    for competency in rising:
        name = bundled.competency_names[competency]
        target = bundled.scale_names[after.competencies[competency]]
        assert f"{name}: " in step
        assert f"→ {target} {flat(asks(bundled, competency, after.competencies[competency]))}" \
            in flat(step), competency
    # The summary of a longer route repeats no criterion.
    longer = invoke("path", "apm", "senior-pm").stdout
    total = longer.split("Competencies to grow overall")[1].split("Step 1:")[0]
    assert asks(bundled, "strategy", "advanced")[:30] not in flat(total)


def test_path_json_carries_the_criterion_of_each_rise(invoke: Invoke, bundled: Ladder) -> None:
    doc = json.loads(invoke("path", "apm", "pm", "--json").stdout)
    rising = doc["steps"][0]["gap"]["rising"]
    assert rising
    for change in rising:
        criterion = change["criterion"]
        assert criterion["text"] == asks(bundled, change["competency"], change["after"])
        assert criterion["basis"]["sources"] or criterion["basis"]["estimate"]
    assert doc["total"]["competencies"][0]["criterion"]["text"]


def test_show_json_carries_criteria(invoke: Invoke, bundled: Ladder) -> None:
    doc = json.loads(invoke("show", "cpo", "--json").stdout)
    strategy = next(r for r in doc["ratings"] if r["competency"] == "strategy")
    assert strategy["criterion"]["text"] == asks(bundled, "strategy", "leading")
    assert strategy["criterion"]["examples"]


@pytest.mark.parametrize("command", [("show", "pm"), ("path", "apm", "senior-pm"),
                                     ("compare", "pm", "group-pm", "--criteria")])
def test_criteria_wrap_cleanly_at_40_columns(invoke: Invoke, command: tuple[str, ...]) -> None:
    result = invoke(*command, env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 40
    # A criterion hangs under its competency rather than running into the next bullet.
    hanging = [line for line in lines if line.startswith("     ") and line.strip()]
    assert hanging


def test_compare_shows_criteria_only_on_demand(invoke: Invoke, bundled: Ladder) -> None:
    plain = invoke("compare", "technical-pm", "growth-pm")
    assert "What each step asks" not in plain.stdout
    result = invoke("compare", "technical-pm", "growth-pm", "--criteria")
    assert result.exit_code == 0, result.output
    section = flat(result.stdout.split("What each step asks")[1].split("What sets each apart")[0])
    assert f"Advanced (technical-pm): {flat(asks(bundled, 'technical', 'advanced'))}" in section
    # Roles at the same step share one entry.
    assert "Working (technical-pm, growth-pm)" in section


def test_assess_gives_the_criterion_of_each_step_to_reach(
    invoke: Invoke, tmp_path: Path, bundled: Ladder
) -> None:
    profile = tmp_path / "me.toml"
    lines = [f'{c} = "working"' for c in bundled.competency_names]
    profile.write_text("[ratings]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("assess", str(profile), "--target", "senior-pm")
    assert result.exit_code == 0, result.output
    below = flat(result.stdout.split("Below the target")[1].split("At the target")[0])
    assert flat(asks(bundled, "strategy", "advanced")) in below
    at = flat(result.stdout.split("At the target")[1].split("Above the target")[0])
    assert flat(asks(bundled, "specification", "working")) not in at
    narrow = invoke("assess", str(profile), "--target", "senior-pm", env={"COLUMNS": "40"})
    assert max(len(line.rstrip()) for line in narrow.stdout.splitlines()) <= 40
    assert flat(asks(bundled, "strategy", "advanced")) in flat(narrow.stdout)
    doc = json.loads(invoke("assess", str(profile), "--target", "senior-pm", "--json").stdout)
    strategy = next(s for s in doc["comparison"]["below"] if s["competency"] == "strategy")
    assert strategy["criterion"]["text"] == asks(bundled, "strategy", "advanced")


def test_a_catalogue_without_criteria_looks_as_before(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "show", "maker")
    assert "  Competency   Skill" in result.stdout
    markdown = invoke("--catalog", str(TINY), "export", "--format", "markdown").stdout
    assert "Competency matrix" not in markdown


def test_partial_criteria_work_everywhere(invoke: Invoke, tmp_path: Path) -> None:
    path = tiny_with(tmp_path)  # 'people' has no criteria
    for args in (("show", "lead"), ("path", "junior", "lead"), ("compare", "maker", "lead",
                 "--criteria"), ("export", "--format", "markdown"), ("show", "lead", "--json")):
        result = invoke("--catalog", str(path), *args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr == "", args
    shown = invoke("--catalog", str(path), "show", "maker").stdout
    assert "Builds whole features alone." in shown


# --------------------------------------------------------------------------
# The matrix


def test_the_matrix_is_rows_by_steps(bundled: Ladder) -> None:
    matrix = competency_matrix(bundled)
    assert [s.id for s in matrix.steps] == list(bundled.scale_rank)
    assert [r.competency for r in matrix.rows] == list(bundled.competency_names)
    assert all(len(row.cells) == 5 and not row.missing for row in matrix.rows)
    strategy = next(r for r in matrix.rows if r.competency == "strategy")
    leading = strategy.cells[4]
    assert leading.step == "leading"
    assert leading.roles == ("vp-product", "cpo")
    assert matrix.described


def test_the_matrix_of_a_partial_catalogue_has_holes(tmp_path: Path) -> None:
    only_low = CRITERIA.split("[competencies.criteria.mid]")[0]
    ladder = load(CatalogSource(tiny_with(tmp_path, only_low), "option"))
    matrix = competency_matrix(ladder)
    craft, people = matrix.rows
    assert craft.missing == ("mid", "high")
    assert people.missing == ("low", "mid", "high")
    assert competency_matrix(ladder, ["people"]).rows == (people,)


def _cells(line: str) -> list[str]:
    return re.split(r"(?<!\\)\|", line)[1:-1]


def test_markdown_matrix_is_one_well_formed_table(invoke: Invoke, bundled: Ladder) -> None:
    markdown = invoke("export", "--format", "markdown").stdout
    section = markdown.split("## Competency matrix\n")[1].split("\n## ")[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    assert _cells(table[0]) == [" Competency ", " 1. Foundational ", " 2. Working ",
                                " 3. Advanced ", " 4. Expert ", " 5. Leading "]
    rows = table[2:]
    assert len(rows) == len(bundled.competency_names)
    assert all(len(_cells(row)) == 6 for row in rows)
    research = _cells(rows[0])
    assert research[0] == " **Market and user research** "
    assert research[1].startswith(" Helps with research")
    assert "<br>*For example:* " in research[1]
    assert "†" in research[5]  # the leading step is the catalogue's reading
    assert "† marks a criterion that is the catalogue's own reading" in section


def test_markdown_role_sections_say_what_each_step_asks(invoke: Invoke, bundled: Ladder) -> None:
    markdown = invoke("export", "--format", "markdown").stdout
    section = markdown.split("### Senior Product Manager\n")[1].split("\n### ")[0]
    assert "| Competency | Proficiency | What it asks |" in section
    strategy = next(line for line in section.splitlines() if line.startswith("| Strategy"))
    assert _cells(strategy) == [" Strategy and vision ", " Advanced (3 of 5) ",
                                f" {asks(bundled, 'strategy', 'advanced')} "]


def test_markdown_matrix_shows_catalogue_text_as_written(invoke: Invoke, tmp_path: Path) -> None:
    hostile = CRITERIA.replace("Builds small pieces with help.",
                               "Uses <script>x</script> | pipes [bold]and[/bold] \\u001b[31m.")
    path = tiny_with(tmp_path, hostile)
    markdown = invoke("--catalog", str(path), "export", "--format", "markdown").stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| **Craft**"))
    assert len(_cells(row)) == 4
    assert "\\<script\\>" in row
    assert "<script>" not in row
    assert "\\x1b" in row
    shown = invoke("--catalog", str(path), "show", "junior").stdout
    assert "[bold]and[/bold]" in shown
    assert "\x1b" not in shown


def test_source_url_is_shown_and_linked(invoke: Invoke, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        'title = "Team handbook"\n',
        'title = "Team handbook"\nurl = "https://wiki.example.com/ladder"\n',
    )
    path = tmp_path / "ladder.toml"
    path.write_text(text, encoding="utf-8")
    shown = invoke("--catalog", str(path), "show", "junior").stdout
    assert "Team handbook: https://wiki.example.com/ladder" in shown
    markdown = invoke("--catalog", str(path), "export", "--format", "markdown").stdout
    assert "- **Team handbook** <https://wiki.example.com/ladder>" in markdown
    doc = json.loads(invoke("--catalog", str(path), "show", "junior", "--json").stdout)
    assert doc["sources"][0]["url"] == "https://wiki.example.com/ladder"


def test_pandoc_renders_the_matrix_as_one_table(invoke: Invoke, tmp_path: Path,
                                                bundled: Ladder) -> None:
    require_tool("pandoc", "pandoc")
    markdown = invoke("export", "--format", "markdown").stdout
    matrix = "## Competency matrix\n" + markdown.split("## Competency matrix\n")[1].split(
        "\n## ")[0]
    source = tmp_path / "matrix.md"
    source.write_text(matrix, encoding="utf-8")
    for dialect in ("gfm", "markdown"):
        page = subprocess.run(
            ["pandoc", "-f", dialect, "-t", "html", str(source)],
            capture_output=True, text=True, check=True,
        ).stdout
        assert page.count("<table") == 1, dialect
        assert page.count("<tr") == 1 + len(bundled.competency_names), dialect
        assert page.count("<td") == 6 * len(bundled.competency_names), dialect
        assert "<em>For example:</em>" in page


def test_the_profile_template_shows_each_steps_criterion(invoke: Invoke, tmp_path: Path) -> None:
    hostile = CRITERIA.replace(
        '"Builds small pieces with help."',
        '"""Builds small pieces\nwith help.\n[ratings]\ncraft = "high" \u202e"""',
    )
    path = tiny_with(tmp_path, hostile)
    result = invoke("--catalog", str(path), "assess", "--template")
    assert result.exit_code == 0, result.output
    template = result.stdout
    assert "#   mid: Builds whole features alone." in template
    assert "#   low: Builds small pieces with help. [ratings] craft = \"high\" \\u202e" \
        in template
    # Still a profile with every rating blank: the criteria stay inside comments.
    assert tomli.loads(template)["ratings"] == {"craft": "", "people": ""}


def test_the_interactive_questions_show_each_steps_criterion(tmp_path: Path) -> None:
    path = tiny_with(tmp_path)  # craft has criteria, people has none
    script = [("Your level", "2\n"), ("Your level", "\n"), ("The role you want", "\n"),
              ("Save these answers", "n\n")]
    result = at_terminal("--catalog", str(path), "assess", "-i", script=script)
    assert result.exit_code == 0, result.stderr
    craft = result.stderr.split("[1/2] Craft")[1].split("[2/2] People")[0]
    assert "1. Low: Builds small pieces with help." in craft
    assert "3. High: Sets how the team builds and teaches it." in craft
    people = result.stderr.split("[2/2] People")[1]
    assert "1. Low:" not in people  # no criteria: the scale above says it all


def test_the_brief_path_leaves_criteria_out(invoke: Invoke, bundled: Ladder) -> None:
    full = flat(invoke("path", "apm", "cpo").stdout)
    brief = invoke("path", "apm", "cpo", "--brief")
    assert brief.exit_code == 0, brief.output
    every = [c.text for c in bundled.criteria.values()]
    assert any(flat(text) in full for text in every)
    assert not any(flat(text)[:40] in flat(brief.stdout) for text in every)
