"""Each problem at its line: the key-to-line locator in every TOML layout, and in JSON."""

from __future__ import annotations

from pathlib import Path

from catalogue_edits import edit, invalid, line_number, problem_line
from conftest import BUNDLED, TINY, Invoke
from pmladder.locate import value_lines


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
