"""``pmladder validate``: every kind of mistake, reported at once, at its line, with a fix.

Syntax errors are in test_syntax_errors.py, the checks of the whole catalogue
in test_cross_checks.py and the key-to-line locator in test_locate.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue_edits import BAD, edit, invalid, line_number, problem_line
from conftest import BUNDLED, TINY, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.errors import CatalogError, ExitCode
from pmladder.validation.parsing import parse_toml
from pmladder.validation.validate import validate_data

# --------------------------------------------------------------------------
# Valid catalogues


def test_bundled_catalogue_is_valid(invoke: Invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        'bundled catalogue: valid catalogue "Product management career ladder": '
        "13 roles on 5 tracks and 7 levels, 19 moves, 14 competencies\n"
    )
    assert result.stderr == ""


def test_bundled_file_by_path(invoke: Invoke) -> None:
    result = invoke("validate", str(BUNDLED))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{BUNDLED}: valid catalogue")


def test_valid_with_a_warning(invoke: Invoke) -> None:
    result = invoke("validate", str(TINY))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(
        "5 roles on 2 tracks and 3 levels, 4 moves, 2 competencies (1 warning)"
    )
    hermit = line_number(TINY, 'id = "hermit"') - 1  # its [[roles]] header
    assert result.stderr == (
        f"{TINY}:{hermit}: warning: roles[4] (role 'hermit'): no move leads to this role "
        "and it leads nowhere; add a move so 'path' can reach it\n"
    )


def test_validate_defaults_to_the_active_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{TINY}: valid catalogue \"Tiny test ladder\"")


def test_validate_json(invoke: Invoke) -> None:
    result = invoke("validate", str(TINY), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["command"] == "validate"
    assert doc["catalog"] == {"name": "Tiny test ladder", "file": str(TINY)}
    assert doc["valid"] is True
    assert doc["counts"] == {"roles": 5, "tracks": 2, "levels": 3, "competencies": 2, "moves": 4}
    assert [w["role"] for w in doc["warnings"]] == ["hermit"]
    assert doc["warnings"][0]["line"] == line_number(TINY, 'id = "hermit"') - 1


# --------------------------------------------------------------------------
# Files that can't be read: one line each


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "missing.toml", "missing.toml: no such file; check the path"),
        (lambda p: p, "is a folder, not a catalogue file"),
        (lambda p: _write(p / "empty.toml", b""), "empty.toml: is empty; a catalogue needs"),
        (lambda p: _write(p / "blank.toml", b"  \n\n\t\n"), "blank.toml: is empty"),
        (
            lambda p: _write(p / "latin1.toml", b'name = "ok"\nsummary = "caf\xe9"\n'),
            "latin1.toml:2: is not UTF-8 text (byte 26, 0xe9); save it with the UTF-8 encoding",
        ),
        (lambda p: _write(p / "bin.toml", b"\x00\x01\x02"), "is a binary file"),
    ],
    ids=["missing", "folder", "empty", "blank", "not-utf8", "binary"],
)
def test_unreadable_files_get_one_line(
    invoke: Invoke, tmp_path: Path, make: object, expected: str
) -> None:
    assert callable(make)
    path = make(tmp_path)
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    first, *rest = result.stderr.splitlines()
    assert first.startswith("error: ")
    assert expected in first
    assert all(line.startswith("hint: ") for line in rest), result.stderr
    assert "Traceback" not in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def as_a_user_bound_by_permissions() -> list[str]:
    """A command prefix under which file permissions apply, even to root.

    Root reads any file whatever its mode; ``setpriv`` takes away the two
    capabilities that let it, so a mode-0 file is really unreadable.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root reads any file, and setpriv (util-linux) is not installed")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.toml"
    path.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0)
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [*as_a_user_bound_by_permissions(), sys.executable, "-m", "pmladder", "validate",
         str(path)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == ExitCode.INVALID_CATALOG, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"error: {path}: permission denied; make the file readable"
    )


def test_a_byte_order_mark_is_fine(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.read_bytes())
    assert invoke("validate", str(path)).exit_code == 0


# --------------------------------------------------------------------------
# Fields


def test_misspelt_field_suggests_the_right_one(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ("experience_years = 2\n", "experiance_years = 2\n"))
    lines = invalid(invoke, path)
    assert problem_line(lines, "experiance") == (
        f"{path}:{line_number(path, 'experiance_years')}: error: roles[1].experiance_years "
        "(role 'maker'): unknown field 'experiance_years'; did you mean 'experience_years'?"
    )


def test_unknown_field_lists_the_valid_ones(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('to = "lead"\n', 'to = "lead"\nsalary = 3\n'))
    line = problem_line(invalid(invoke, path), "salary")
    assert "roles[1].moves[0].salary (role 'maker')" in line
    assert "valid fields here are: to, kind, typical_years, note" in line
    assert line.startswith(f"{path}:{line_number(path, 'salary')}:")


def test_missing_field_points_at_its_table(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('summary = "Builds things alone."\n', ""))
    line = problem_line(invalid(invoke, path), "summary")
    header = line_number(path, 'id = "maker"') - 1
    assert line == (
        f"{path}:{header}: error: roles[1].summary (role 'maker'): "
        "required field 'summary' is missing; add it"
    )


@pytest.mark.parametrize(
    ("old", "new", "location", "message"),
    [
        ("level = 2\n", 'level = "two"\n', "roles[1].level (role 'maker')",
         "must be a whole number, got 'two'"),
        ('competencies = { craft = "mid" }', "competencies = { craft = 2 }",
         "roles[1].competencies.craft (role 'maker')", "must be text in quotes, got 2"),
        ("typical_years = 3\n", "typical_years = -3\n",
         "roles[1].moves[0].typical_years (role 'maker')", "must be at least 0.0, got -3"),
        ('kind = "management"', 'kind = "sideways"', "roles[1].moves[0].kind (role 'maker')",
         "'sideways' is not a kind of move; use promotion, lateral, specialisation or management"),
        ('id = "maker"', 'id = "Maker One"', "roles[1].id (role 'Maker One')",
         "'Maker One' is not a valid id; use lower-case letters, digits and dashes"),
        ('responsibilities = ["Build things.", "Review work."]', "responsibilities = []",
         "roles[1].responsibilities (role 'maker')", "needs at least 1 entry"),
        ('title = "Maker"', 'title = ""', "roles[1].title (role 'maker')", "must not be empty"),
        ('competencies = { craft = "mid" }', 'competencies = "mid"',
         "roles[1].competencies (role 'maker')",
         "must be a table of competency = rating pairs"),
        ("format_version = 1", "format_version = 2", "format_version",
         "format_version must be 1 (got 2)"),
        ('[scale]\nname = "Skill"', '[scale]\nname = 7', "scale.name", "must be text in quotes"),
        ("typical_years = 3\n", 'typical_years = "three"\n',
         "roles[1].moves[0].typical_years (role 'maker')", "must be a number, got 'three'"),
        ("typical_years = 3\n", "typical_years = 50\n",
         "roles[1].moves[0].typical_years (role 'maker')", "must be at most 40.0, got 50"),
        ('aliases = ["JM", "Apprentice"]', 'aliases = "JM"', "roles[0].aliases (role 'junior')",
         'must be a list in square brackets, e.g. ["..."], got \'JM\''),
        ('[[roles.moves]]\nto = "maker"', '[[roles.moves]]\nto = "maker"\n[roles.moves.x]',
         "roles[0].moves[0].x (role 'junior')", "unknown field 'x'"),
    ],
)
def test_wrong_types_and_values_name_the_path_and_role(
    invoke: Invoke, tmp_path: Path, old: str, new: str, location: str, message: str
) -> None:
    path = edit(tmp_path, (old, new))
    line = problem_line(invalid(invoke, path), location)
    assert message in line
    changed = new.strip().splitlines()[-1]
    assert line.startswith(f"{path}:{line_number(path, changed)}: error: {location}: ")


def test_long_text_is_reported_with_its_length(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('title = "Maker"', f'title = "{"m" * 250}"'))
    line = problem_line(invalid(invoke, path), "roles[1].title")
    assert "is 250 characters long; the most allowed is 200" in line


def test_control_characters_in_names_are_shown_as_escapes(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = edit(tmp_path, ("experience_years = 2\n", '"exp\\u001b[2J" = 2\n'))
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "\x1b" not in result.stderr
    assert 'roles[1]."exp\\u001b[2J"' in result.stderr


# --------------------------------------------------------------------------
# A catalogue as load() reports it


def test_load_raises_catalog_error_with_every_problem(tmp_path: Path) -> None:
    path = BAD / "many-mistakes.toml"
    with pytest.raises(CatalogError) as caught:
        load(CatalogSource(path, "option"))
    assert caught.value.exit_code == ExitCode.INVALID_CATALOG
    assert len(caught.value.problems) == 9
    assert all(p.line is not None for p in caught.value.problems)


# --------------------------------------------------------------------------
# Every command reports an invalid catalogue the same way


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "junior"), ("path", "junior", "lead"), ("list", "--json"),
     ("export",), ("export", "--format", "markdown")],
)
@pytest.mark.parametrize("name", ["many-mistakes.toml", "syntax.toml"])
def test_every_command_reports_like_validate(
    invoke: Invoke, args: tuple[str, ...], name: str
) -> None:
    path = BAD / name
    expected = invoke("validate", str(path))
    result = invoke("--catalog", str(path), *args)
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stdout == ""
    # The same messages; other commands add one hint pointing at validate.
    hint = f"hint: run 'pmladder validate {path}' after fixing the file\n"
    assert result.stderr == expected.stderr + hint
    assert "hint: run 'pmladder validate" not in expected.stderr
    assert "Traceback" not in result.output


def test_environment_catalogue_is_reported_the_same(invoke: Invoke) -> None:
    path = BAD / "many-mistakes.toml"
    result = invoke("show", "junior", env={"PMLADDER_CATALOG": str(path)})
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stderr == invoke("validate", str(path)).stderr + (
        f"hint: run 'pmladder validate {path}' after fixing the file\n"
        "hint: the file is set by PMLADDER_CATALOG; unset it, or pass --catalog :bundled, "
        "to use the bundled catalogue\n"
    )


def test_validate_help_has_an_example(invoke: Invoke) -> None:
    result = invoke("validate", "--help")
    assert result.exit_code == 0
    assert "Example: pmladder validate pmladder.toml" in result.stdout


def test_scale_too_long_and_not_a_table(invoke: Invoke, tmp_path: Path) -> None:
    steps = "".join(f'{{ id = "s{i}", name = "S{i}", description = "d" }},\n' for i in range(18))
    path = edit(tmp_path, ("levels = [\n", f"levels = [\n{steps}"))
    line = problem_line(invalid(invoke, path), "scale.levels")
    assert line.endswith("scale.levels: has 21 entries; the most allowed is 20")
    path = edit(tmp_path, ("[[tracks]]\nid = \"ic\"", "[[tracks]]\nid = \"ic\"\n[tracks.name]"))
    line = problem_line(invalid(invoke, path), "tracks[0].name")
    assert "must be text in quotes, got a table" in line


def test_a_valid_catalogue_is_returned_with_its_warnings() -> None:
    text = TINY.read_text(encoding="utf-8")
    catalog, problems = validate_data(parse_toml(text, "tiny"), "tiny", text)
    assert catalog.roles
    assert [(p.severity, p.role, p.location) for p in problems] == [
        ("warning", "hermit", "roles[4]")
    ]


def test_role_field_under_a_moves_header(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('to = "lead"\nkind = "management"\n',
                           'to = "lead"\nkind = "management"\nnotes = ["Late."]\n'))
    line = problem_line(invalid(invoke, path), "notes")
    assert line == (
        f"{path}:{line_number(path, 'Late.')}: error: roles[1].moves[0].notes (role 'maker'): "
        "unknown field 'notes' in a move; the keys after a [[roles.moves]] header belong to "
        "that move, so put the role's own fields above its first [[roles.moves]]"
    )


@pytest.mark.parametrize("value", ['"ic"', '"Individual contributors first"'])
def test_role_field_under_a_competencies_header(
    invoke: Invoke, tmp_path: Path, value: str
) -> None:
    path = edit(tmp_path, ('competencies = { craft = "high" }\n',
                           f'[roles.competencies]\ncraft = "high"\ntrack = {value}\n'),
                ('track = "ic"\nlevel = 3', "level = 3"))
    lines = invalid(invoke, path)
    assert len([line for line in lines if "roles[2].competencies.track" in line]) == 1
    assert problem_line(lines, "competencies.track").endswith(
        "roles[2].competencies.track (role 'expert'): 'track' is a field of the role, not a "
        "competency: the keys after a [roles.competencies] header belong to it, so put the "
        "role's own fields above it"
    )
    assert "roles[2].track (role 'expert'): required field 'track' is missing" in "\n".join(lines)


