"""``pmladder validate``: every kind of mistake, reported at once, at its line, with a fix."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUNDLED, DATA, TINY, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.errors import CatalogError, ExitCode
from pmladder.locate import value_lines
from pmladder.validation.parsing import parse_toml
from pmladder.validation.validate import validate_data

BAD = DATA / "bad"


def edit(
    tmp_path: Path, *changes: tuple[str, str], base: Path = TINY, name: str = "c.toml"
) -> Path:
    """A copy of ``base`` with each (old, new) replaced once; every old text must exist."""
    text = base.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_number(path: Path, fragment: str) -> int:
    """The 1-based line of the first line of ``path`` containing ``fragment``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def invalid(invoke: Invoke, path: Path) -> list[str]:
    """Run ``validate`` on a file that must be invalid; return its stderr lines."""
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def problem_line(lines: list[str], fragment: str) -> str:
    found = [line for line in lines if fragment in line]
    assert found, f"{fragment!r} not in:\n" + "\n".join(lines)
    return found[0]


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
# TOML syntax


def test_syntax_error_shows_line_column_and_caret(invoke: Invoke) -> None:
    path = BAD / "syntax.toml"
    lines = invalid(invoke, path)
    number = line_number(path, "track = core")
    assert lines[0] == f"error: {path}: invalid catalogue (1 problem)"
    assert lines[1] == (
        f"{path}:{number}:9: error: TOML syntax error: Invalid value; "
        'text values need quotes, e.g. track = "core"'
    )
    assert lines[2] == "  track = core"
    assert lines[3] == "          ^"


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('title = "Maker"', 'title = "Maker', "is a string missing its closing quote?"),
        ("level = 2\n", "level = 2\nlevel = 3\n", "this key is set twice, keep one of them"),
        ("[[levels]]\nrank = 1", "[[levels]\nrank = 1", "Expected ']]'"),
        ('title = "Maker"', 'title = "Maker" level = 2', "put each key = value on its own line"),
    ],
)
def test_syntax_errors_say_how_to_fix(
    invoke: Invoke, tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    lines = invalid(invoke, edit(tmp_path, (old, new)))
    assert re.match(rf"{re.escape(str(tmp_path))}/c\.toml:\d+:\d+: error: TOML syntax", lines[1])
    assert fragment in lines[1]
    assert lines[3].strip() == "^"


def test_caret_of_a_long_line_stays_under_the_column(invoke: Invoke, tmp_path: Path) -> None:
    long = "x" * 300
    path = edit(tmp_path, ('summary = "Learns the craft."', f'summary = "{long}" oops'))
    lines = invalid(invoke, path)
    shown, caret = lines[2], lines[3]
    assert len(shown) < 120
    assert shown[len(caret) - 1 : len(caret) + 3] == "oops"


def test_syntax_error_line_is_printed_inert(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('title = "Maker"', 'title = "\x1b[31mMaker\x1b[0m" \u202e broken'))
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "\\x1b[31mMaker" in result.stderr


def test_json_syntax_error(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{\n  "name": "x",\n  "roles": [,]\n}\n', encoding="utf-8")
    lines = invalid(invoke, path)
    assert lines[1].startswith(f"{path}:3:13: error: JSON syntax error: Expecting value")
    assert lines[2] == '    "roles": [,]'
    assert lines[3] == "              ^"


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
# The whole catalogue


def test_move_to_a_missing_role_suggests_close_ids(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('to = "lead"', 'to = "laed"'))
    assert problem_line(invalid(invoke, path), "laed") == (
        f"{path}:{line_number(path, 'laed')}: error: roles[1].moves[0].to (role 'maker'): "
        "move to 'laed', which is not a role (did you mean 'lead'?)"
    )


def test_duplicate_role_id_names_both_roles(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('id = "expert"', 'id = "maker"'))
    line = problem_line(invalid(invoke, path), "already used")
    header = line_number(path, 'title = "Expert Maker"') - 1
    assert line == (
        f"{path}:{header}: error: roles[2].id "
        "(role 'maker'): role id 'maker' is already used by roles[1] ('Maker'); "
        "give 'Expert Maker' an id of its own"
    )


def test_duplicate_alias_names_both_roles(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('title = "Maker"', 'title = "Maker"\naliases = ["Other", "jm"]'))
    line = problem_line(invalid(invoke, path), "also names")
    aliases = line_number(path, 'aliases = ["Other"')
    assert line == (
        f"{path}:{aliases}: error: roles[1].aliases[1] "
        "(role 'maker'): alias 'jm' also names role 'junior' (roles[0]); names are compared "
        "ignoring case, spaces and punctuation, so make them differ"
    )


def test_duplicate_title_names_both_roles(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('title = "Team Lead"', 'title = "expert-maker"'))
    line = problem_line(invalid(invoke, path), "also names")
    assert "roles[3].title (role 'lead'): title 'expert-maker' also names role 'expert'" in line


def test_duplicate_ids_of_other_parts(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('id = "mgmt"', 'id = "ic"'), ("rank = 3", "rank = 2"))
    lines = invalid(invoke, path)
    assert "tracks[1].id: duplicate track id 'ic': tracks[0] already uses it" in problem_line(
        lines, "duplicate track"
    )
    assert "levels[2].rank: duplicate level rank 2: levels[1] already uses it" in problem_line(
        lines, "duplicate level"
    )


def test_rating_off_the_scale(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('craft = "high" }', 'craft = "hihg" }'))
    assert problem_line(invalid(invoke, path), "hihg") == (
        f"{path}:{line_number(path, 'hihg')}: error: roles[2].competencies.craft "
        "(role 'expert'): rating 'hihg' is not on the Skill scale (did you mean 'high'?); "
        "use one of: low, mid, high"
    )


def test_competency_not_defined(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('{ craft = "high" }', '{ crafts = "high" }'))
    line = problem_line(invalid(invoke, path), "crafts")
    assert (
        "roles[2].competencies.crafts (role 'expert'): competency 'crafts' is not defined "
        "(did you mean 'craft'?); add it under [[competencies]] or fix the name"
    ) in line


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('track = "mgmt"', 'track = "mgnt"', "track 'mgnt' is not defined (did you mean 'mgmt'?)"),
        ("level = 3\nsummary = \"Leads", "level = 4\nsummary = \"Leads",
         "level 4 is not defined; the [[levels]] ranks are 1, 2, 3"),
        ('sources = ["handbook"]\n\n[[roles.moves]]\nto = "maker"',
         'sources = ["hadnbook"]\n\n[[roles.moves]]\nto = "maker"',
         "source 'hadnbook' is not defined (did you mean 'handbook'?)"),
        ('to = "maker"', 'to = "junior"', "a role can't move to itself"),
        ('to = "expert"\nkind = "promotion"', 'to = "lead"\nkind = "promotion"',
         "a second move to 'lead'; keep one"),
        ('to = "expert"\nkind = "lateral"', 'to = "maker"\nkind = "lateral"',
         "lateral move to 'maker' must stay on the same level (level 3 -> 2)"),
        ('to = "expert"\nkind = "lateral"', 'to = "expert"\nkind = "promotion"',
         "promotion to 'expert' must go up a level (level 3 -> 3)"),
    ],
)
def test_cross_checks(invoke: Invoke, tmp_path: Path, old: str, new: str, message: str) -> None:
    path = edit(tmp_path, (old, new))
    lines = invalid(invoke, path)
    assert any(message in line for line in lines), "\n".join(lines)


def test_every_problem_is_reported_at_once(invoke: Invoke) -> None:
    path = BAD / "many-mistakes.toml"
    lines = invalid(invoke, path)
    expected = [
        ("tracks[1].id", "duplicate track id 'ic'"),
        ("roles[0].summry", "did you mean 'summary'?"),
        ("roles[0].competencies.craft", "rating 'mdi' is not on the Skill scale"),
        ("roles[0].competencies.peple", "competency 'peple' is not defined"),
        ("roles[0].moves[0].to", "move to 'laed', which is not a role"),
        ("roles[1].level", "must be a whole number, got 'three'"),
        ("roles[1].moves[0].kind", "'sideways' is not a kind of move"),
        ("roles[1].moves[1].to", "move to 'mkaer', which is not a role (did you mean 'maker'?)"),
        ("roles[2].aliases[0]", "alias 'Junior' also names role 'junior'"),
    ]
    assert lines[0] == f"error: {path}: invalid catalogue ({len(expected)} problems)"
    problems = [line for line in lines if ": error: " in line]
    assert len(problems) == len(expected), "\n".join(lines)
    for (location, message), line in zip(expected, problems, strict=True):
        assert f": error: {location} (" in line or f": error: {location}: " in line, line
        assert message in line, line
    numbers = [int(line.split(":")[1]) for line in problems]
    assert numbers == sorted(numbers), "problems are listed in file order"
    assert numbers[0] == line_number(path, 'name = "Management"') - 1
    assert numbers[1] == line_number(path, "summry")
    assert numbers[5] == line_number(path, '"three"')


def test_isolated_roles_are_warnings_not_errors(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('title = "Hermit"', 'title = "Hermit"\naliases = ["Loner"]'))
    result = invoke("validate", str(path))
    assert result.exit_code == 0
    assert ": warning: roles[4] (role 'hermit'): no move leads to this role" in result.stderr


def test_warnings_are_not_shown_when_there_are_errors(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('to = "lead"', 'to = "laed"'))
    assert not any(": warning:" in line for line in invalid(invoke, path))


# --------------------------------------------------------------------------
# Lines in every TOML layout, and in JSON


def test_lines_in_inline_tables_arrays_and_dotted_keys() -> None:
    text = (
        '[[roles]]\n'                                    # 1
        'id = "a"\n'                                     # 2
        'competencies.craft = "x"\n'                     # 3
        'moves = [\n'                                    # 4
        '  { to = "b", kind = "promotion" },\n'          # 5
        '  { to = "c",\n'                                # 6 (TOML 1.1 style is not needed)
        '    kind = "lateral" },\n'                      # 7
        ']\n'                                            # 8
        'aliases = ["x", """y\n'                         # 9
        'z""", "w"]\n'                                   # 10
        '[roles.extra]\n'                                # 11
        "'quoted key' = 1\n"                             # 12
        '[[roles]]\n'                                    # 13
        'id = "b"  # a comment with = and [[roles]]\n'   # 14
        '[[roles.moves]]\n'                              # 15
        'to = "a"\n'                                     # 16
        '[[roles.moves]]\n'                              # 17
        'kind = "lateral"\n'                             # 18
    )
    lines = value_lines(text)
    assert lines.line(("roles", 0, "competencies", "craft")) == 3
    assert lines.line(("roles", 0, "moves", 1, "to")) == 6
    assert lines.line(("roles", 0, "moves", 1, "kind")) == 7
    assert lines.line(("roles", 0, "aliases", 2)) == 10
    assert lines.line(("roles", 0, "extra", "quoted key")) == 12
    assert lines.line(("roles", 1, "id")) == 14
    assert lines.line(("roles", 1, "moves", 1, "kind")) == 18
    assert lines.line(("roles", 1, "moves", 1, "to")) == 17  # missing: its table
    assert lines.line(("roles", 1, "summary")) == 13
    assert lines.line(("nowhere",)) is None


def test_lines_in_the_bundled_layout(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('data-analysis = "working"', 'data-analysis = "wroking"'),
                base=BUNDLED)
    line = problem_line(invalid(invoke, path), "wroking")
    assert line.startswith(f"{path}:{line_number(path, 'wroking')}: error: roles[1]"
                           ".competencies.data-analysis (role 'pm'): ")


def test_lines_in_a_json_catalogue(invoke: Invoke, tmp_path: Path) -> None:
    exported = tmp_path / "ladder.json"
    assert invoke("--catalog", str(TINY), "export", "--format", "json",
                  "--output", str(exported)).exit_code == 0
    path = edit(tmp_path, ('"to": "lead"', '"to": "laed"'), ('"level": 3', '"level": "3x"'),
                base=exported, name="bad.json")
    lines = invalid(invoke, path)
    assert problem_line(lines, "laed").startswith(
        f"{path}:{line_number(path, 'laed')}: error: roles[1].moves[0].to (role 'maker'): "
    )
    assert problem_line(lines, "3x").startswith(
        f"{path}:{line_number(path, '3x')}: error: roles[2].level (role 'expert'): "
    )


def test_json_catalogue_must_be_an_object(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]\n", encoding="utf-8")
    assert "a JSON catalogue must be an object" in invalid(invoke, path)[1]


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


def test_names_without_letters_or_digits(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('aliases = ["JM", "Apprentice"]', 'aliases = ["JM", "--"]'))
    line = problem_line(invalid(invoke, path), "no letters")
    assert "roles[0].aliases[1] (role 'junior'): alias '--' has no letters or digits" in line


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


def test_syntax_error_after_unusual_line_breaks(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes('name = "a\u2028b"\r\ndesc = "x\fy"\n[scale]\n'.encode())
    lines = invalid(invoke, path)
    assert lines[1] == f"{path}:2:10: error: TOML syntax error: Illegal character '\\x0c'"
    assert lines[2:4] == ['  desc = "x\\x0cy"', "           ^"]
