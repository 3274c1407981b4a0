"""pmladder assess --interactive: the questions, typed at a real terminal, and saving."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conftest import TINY, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode
from pmladder.index import Ladder
from pmladder.profile_form import parse_answer
from terminal import CTRL_C, CTRL_D, at_terminal


@pytest.fixture(scope="module")
def tiny() -> Ladder:
    return load(CatalogSource(TINY, "option"))


def test_interactive_refuses_without_a_terminal(invoke: Invoke) -> None:
    result = invoke("assess", "--interactive", input="3\n")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        "error: --interactive needs a terminal to ask questions, and standard input is not one"
    )
    assert "Your level" not in result.output


LEVEL = "Your level"


ROLE = "The role you want"


SAVE = "Save these answers"


FILE = "File to save to"


def test_interactive_asks_and_saves(invoke: Invoke) -> None:
    script = [
        (LEVEL, "guru\n"),  # craft: not on the scale, asked again
        (LEVEL, "3\n"),  # craft: high, by number
        (LEVEL, "\n"),  # people: skipped
        (ROLE, "nobody\n"),  # target: unknown, asked again
        (ROLE, "team lead\n"),
        (SAVE, "y\n"),
        (FILE, "\n"),  # the default, profile.toml
    ]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=script)
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    assert "1. Low (low): Needs help." in err
    assert "[1/2] Craft" in err
    assert "'guru' is not on the scale; answer 1-3" in err
    assert "no role named 'nobody'" in err
    assert "saved profile.toml" in err
    assert "Self-assessment: your answers" in result.stdout
    assert "Against the target: Team Lead (lead), fit 50%" in result.stdout
    saved = Path("profile.toml").read_text(encoding="utf-8")
    assert tomllib.loads(saved) == {"target": "lead",
                                    "ratings": {"craft": "high", "people": "none"}}
    again = invoke("--catalog", str(TINY), "assess", "profile.toml")
    assert again.exit_code == 0, again.output


def test_interactive_never_overwrites_without_a_yes() -> None:
    Path("profile.toml").write_text("mine\n", encoding="utf-8")
    script = [(LEVEL, "mid\n"), (LEVEL, "low\n"), (ROLE, "\n"), (SAVE, "y\n"),
              (FILE, "profile.toml\n"), ("Overwrite it?", "n\n"),
              ("Save under another name?", "y\n"), (FILE, "other.toml\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "--interactive", script=script)
    assert result.exit_code == 0, result.stderr
    assert "[profile-2.toml]" in result.stderr  # the suggested name is a free one
    assert "profile.toml exists. Overwrite it?" in result.stderr
    assert Path("profile.toml").read_text(encoding="utf-8") == "mine\n"
    assert tomllib.loads(Path("other.toml").read_text(encoding="utf-8"))["ratings"] == {
        "craft": "mid", "people": "low"}


def test_interactive_overwrites_after_a_yes_and_uses_target_option() -> None:
    Path("p.toml").write_text("old\n", encoding="utf-8")
    script = [(LEVEL, "high\n"), (LEVEL, "high\n"), (SAVE, "y\n"), (FILE, "p.toml\n"),
              ("Overwrite it?", "y\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", "--target", "expert",
                         script=script)
    assert result.exit_code == 0, result.stderr
    assert ROLE not in result.stderr
    assert tomllib.loads(Path("p.toml").read_text(encoding="utf-8"))["target"] == "expert"


def test_interactive_save_asks_again_after_a_bad_name() -> None:
    too_long = "d" * 300
    script = [(LEVEL, "high\n"), (LEVEL, "high\n"), (ROLE, "\n"), (SAVE, "y\n"),
              (FILE, too_long + "\n"), (FILE, "folder/\n"), (FILE, "mine.toml\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=script)
    assert result.exit_code == 0, result.stderr
    assert f"cannot use {too_long}: File name too long" in result.stderr
    assert "folder/ is a folder; give a file name" in result.stderr
    assert not Path("folder").exists()
    assert "saved mine.toml" in result.stderr


def test_interactive_json_and_declining_to_save() -> None:
    script = [(LEVEL, "low\n"), (LEVEL, "\n"), (ROLE, "\n"), (SAVE, "n\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", "--json", script=script)
    assert result.exit_code == 0, result.stderr
    # The questions go to stderr; stdout holds the document alone, after every question.
    doc = json.loads(result.stdout)
    assert doc["profile"]["file"] is None
    assert doc["fits"][0]["role"] == "junior"
    assert not Path("profile.toml").exists()


def test_parse_answer(tiny: Ladder) -> None:
    assert parse_answer(tiny, "2") == "mid"
    assert parse_answer(tiny, " HIGH ") == "high"
    assert parse_answer(tiny, "Low") == "low"
    assert parse_answer(tiny, "") is None
    assert parse_answer(tiny, "0") is None
    assert parse_answer(tiny, "none") is None
    for wrong in ("4", "-1", "medium", "hgih"):
        with pytest.raises(ValueError, match="answer 1-3"):
            parse_answer(tiny, wrong)


def test_ctrl_d_in_the_questions_exits_130_and_saves_nothing() -> None:
    script = [(LEVEL, "3\n"), (LEVEL, CTRL_D), ("Keep the 1 answers", CTRL_D)]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=script)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.rstrip().endswith("interrupted; nothing was saved")
    assert "Aborted" not in result.stdout + result.stderr
    assert list(Path().iterdir()) == [Path(".git")]


def test_answers_so_far_are_kept_only_when_asked() -> None:
    keep = [(LEVEL, "3\n"), (LEVEL, CTRL_C), ("Keep the 1 answers given so far", "y\n"),
            (FILE, "partial.toml\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=keep)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.rstrip().endswith("interrupted; the answers so far were saved")
    saved = tomllib.loads(Path("partial.toml").read_text(encoding="utf-8"))
    assert saved["ratings"]["craft"] == "high"
    Path("partial.toml").unlink()
    drop = [(LEVEL, "3\n"), (LEVEL, CTRL_C), ("Keep the 1 answers", "n\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=drop)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.rstrip().endswith("interrupted; nothing was saved")
    assert not Path("partial.toml").exists()
