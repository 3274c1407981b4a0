"""The checks of the whole catalogue: ids, names, references and moves that agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue_edits import BAD, edit, invalid, line_number, problem_line
from conftest import Invoke


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


def test_names_without_letters_or_digits(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('aliases = ["JM", "Apprentice"]', 'aliases = ["JM", "--"]'))
    line = problem_line(invalid(invoke, path), "no letters")
    assert "roles[0].aliases[1] (role 'junior'): alias '--' has no letters or digits" in line
