"""pmladder assess: how a profile is read, and every mistake in one reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess_setup import PROFILES, write
from conftest import ROOT, TINY, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode
from pmladder.index import Ladder
from pmladder.profile import ProfileError, parse_profile
from pmladder.validation.sizes import MAX_KEYS


@pytest.fixture(scope="module")
def tiny() -> Ladder:
    return load(CatalogSource(TINY, "option"))


def test_profile_from_standard_input(invoke: Invoke) -> None:
    text = (PROFILES / "tiny-kim.toml").read_text(encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", "-", "--json", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["profile"]["file"] == "<stdin>"


def test_every_mistake_reported_at_once_with_lines(invoke: Invoke) -> None:
    profile = str(PROFILES / "mistakes.toml")
    result = invoke("assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {profile}: invalid profile (8 problems)"
    expected = [
        f"{profile}:3:10: error: targte: unknown field 'targte'; did you mean 'target'?",
        f"{profile}:6:11: error: ratings.reserch: unknown competency 'reserch'; "
        "did you mean 'research'?",
        f"{profile}:7:17: error: ratings.data-analysis: 'guru' is not on the Proficiency "
        "scale; use one of: foundational, working, advanced, expert, leading or none",
        f"{profile}:9:18: error: ratings.prioritisation: write the step's id in quotes rather "
        'than a number: prioritisation = "advanced"',
        f"{profile}:10:15: error: ratings.roadmapping: no rating yet; write one of: "
        "foundational, working, advanced, expert, leading or none",
        f"{profile}:11:12: error: ratings.strategy: a rating is a scale step id in quotes, one "
        "of: foundational, working, advanced, expert, leading or none (got a list)",
        f"{profile}:12:12: error: ratings.delivery: 'expret' is not on the Proficiency scale; "
        "did you mean 'expert'? Use one of: foundational, working, advanced, expert, leading "
        "or none",
        f"{profile}:5:1: error: ratings.organisation: no rating for 'organisation' "
        "(Organisation building); add organisation = \"<step>\", or \"none\", under [ratings]",
    ]
    assert lines[1:9] == expected
    assert lines[-1].startswith("hint: run 'pmladder assess --template")
    assert "Traceback" not in result.output
    # 'Advanced' (a step's name) and 'none' are accepted, so are not reported.
    assert "specification" not in result.stderr
    assert "communication" not in result.stderr


def test_missing_rating_is_named(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert (f"{profile}:1:1: error: ratings.people: no rating for 'people' (People); "
            'add people = "<step>", or "none", under [ratings]') in result.stderr


def test_competency_named_by_its_title_is_suggested_once(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid"\n"People" = "low"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert "unknown competency 'People'; did you mean 'people'?" in result.stderr
    assert "no rating for 'people'" not in result.stderr
    assert "(1 problem)" in result.stderr


def test_wrong_types_and_unknown_fields(invoke: Invoke) -> None:
    profile = str(PROFILES / "tiny-mistakes.toml")
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    err = result.stderr
    assert "invalid profile (5 problems)" in err
    assert (f"{profile}:2:8: error: name: name must be a short piece of text in quotes, "
            'e.g. name = "Alex" (got a number)') in err
    assert f"{profile}:3:10: error: target: no role named 'nobody'" in err
    assert (f"{profile}:4:10: error: colour: unknown field 'colour'; a profile has only: "
            "name, target, ratings") in err
    assert (f"{profile}:7:9: error: ratings.craft: a rating is a scale step id in quotes, one "
            "of: low, mid, high or none (got true/false)") in err
    assert "ratings.people: no rating for 'people'" in err


def test_ratings_not_a_table_and_competency_at_top_level(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", 'craft = "mid"\nratings = "all good"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert f"{profile}:1:9: error: craft: 'craft' is a competency; put its line under " \
           "[ratings]" in result.stderr
    assert f"{profile}:2:11: error: ratings: ratings must be a table" in result.stderr


def test_missing_ratings_table(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", 'name = "Kim"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert "ratings: the [ratings] table is missing" in result.stderr


def test_inline_ratings_table_has_lines(invoke: Invoke, tmp_path: Path) -> None:
    content = 'name = "Kim"\nratings = { craft = "mid", people = "hi" }\n'
    profile = write(tmp_path, "p.toml", content)
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert (f"{profile}:2:37: error: ratings.people: 'hi' is not on the Skill scale; did you "
            "mean 'high'?") in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file; check the path, or run 'pmladder assess --template"),
        (b"", "is empty; a profile needs a [ratings] table"),
        (b"name = \"caf\xe9\"\n", "is not UTF-8 text (byte 11, 0xe9); save it with the UTF-8"),
        (b"\x00\x01", "is a binary file, not a TOML profile"),
    ],
)
def test_unreadable_profiles(
    invoke: Invoke, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "p.toml"
    if content is not None:
        path.write_bytes(content)
    result = invoke("assess", str(path))
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert message in result.stderr
    assert str(path) in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output


def test_folder_as_profile(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("assess", str(tmp_path))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path}: is a folder, not a profile file; give the path of a .toml file"
    )


def test_toml_syntax_error_with_line_column_and_caret(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {profile}: invalid profile (1 problem)"
    assert lines[1].startswith(f"{profile}:2:13: error: TOML syntax error:")
    assert lines[2] == '  craft = "mid'
    assert lines[3] == "              ^"


def test_bad_catalogue_still_exits_3(invoke: Invoke) -> None:
    result = invoke("--catalog", "nope.toml", "assess", str(PROFILES / "tiny-kim.toml"))
    assert result.exit_code == ExitCode.INVALID_CATALOG


def test_profile_error_is_a_usage_error(tiny: Ladder) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(tiny, "[ratings]\ncraft = 'x'\npeople = 'low'\n", "p.toml")
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--template", "--interactive"),
        ("p.toml", "--template"),
        ("p.toml", "--interactive"),
    ],
)
def test_one_way_in_at_a_time(invoke: Invoke, args: tuple[str, ...]) -> None:
    result = invoke("assess", *args)
    assert result.exit_code == ExitCode.USAGE
    assert "PROFILE file, --template" in result.stderr


def test_template_and_json_do_not_mix(invoke: Invoke) -> None:
    result = invoke("assess", "--template", "--json")
    assert result.exit_code == ExitCode.USAGE
    assert "leave out --json" in result.stderr


def test_docs_show_the_real_error_output(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/assess.md quotes the mistakes fixture's messages; keep them in step."""
    doc = (ROOT / "docs" / "assess.md").read_text(encoding="utf-8")
    quoted = doc.split("$ pmladder assess tests/data/profiles/mistakes.toml\n", 1)[1]
    quoted = quoted.split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    result = invoke("assess", "tests/data/profiles/mistakes.toml")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == quoted


def test_odd_profile_names_are_printed_inert(invoke: Invoke) -> None:
    result = invoke("assess", "\x1b[31mx\u202e.toml")
    assert result.exit_code == ExitCode.USAGE
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert result.stderr.startswith("error: \\x1b[31mx\\u202e.toml: no such file")
    empty = invoke("assess", "")
    assert empty.exit_code == ExitCode.USAGE
    assert empty.stderr.startswith('error: "": is not a file name')


def test_a_profile_with_a_huge_table_is_one_problem(invoke: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "huge.toml"
    profile.write_text("[ratings]\n" + "".join(f'k{i} = "mid"\n' for i in range(MAX_KEYS + 1)),
                       encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", str(profile))
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[1].endswith(f"ratings: has {MAX_KEYS + 1:,} keys; pmladder allows at most "
                             f"{MAX_KEYS:,} in a table (a profile rates each competency once)")


def test_a_profile_with_many_problems_lists_the_first_hundred(
    invoke: Invoke, tmp_path: Path
) -> None:
    profile = tmp_path / "many.toml"
    profile.write_text("[ratings]\n" + "".join(f'zz{i} = "mid"\n' for i in range(250)),
                       encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", str(profile))
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert sum("unknown competency" in line for line in lines) == 100
    assert any(line.startswith("... and ") and "more" in line for line in lines)
