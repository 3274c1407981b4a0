"""One table of dangerous characters, escaped for each place text goes."""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pmladder.inert import (
    BIDI,
    C0,
    C1,
    DEL,
    NOT_XML,
    dot_string,
    inert,
    markdown,
    menu_line,
    mermaid_label,
    plain,
    script_json,
    toml_basic,
    toml_comment,
    toml_key,
    toml_quoted,
    xml,
)
from pmladder.validation.problems import loc_path

HOSTILE = "a\x1b[2Jb\x07\u202ec\x85d\x00e\x7f"


def _members(*groups: tuple[tuple[int, int], ...]) -> list[str]:
    return [chr(code) for group in groups for low, high in group for code in range(low, high + 1)]


def test_the_terminal_keeps_tab_and_newline_and_escapes_the_rest() -> None:
    for char in _members(C0, DEL, C1, BIDI):
        shown = inert(f"x{char}y")
        assert shown == f"x{char}y" if char in "\t\n" else char not in shown, repr(char)
    assert inert(HOSTILE) == "a\\x1b[2Jb\\x07\\u202ec\\x85d\\x00e\\x7f"
    assert inert("line\nnext", one_line=True) == "line\\x0anext"
    assert inert("abcdef", 4) == "abc…"


def test_pictures_and_pages_get_one_line_with_space_collapsed() -> None:
    assert plain("  two\r\n words\tapart ") == "two words apart"
    assert plain("a\x1fb\ufffec\ud800") == "a\\x1fb\\ufffec\\ud800"
    for char in _members(C0, DEL, C1, BIDI, NOT_XML):
        assert char not in plain(f"x{char}y"), repr(char)


@given(st.text())
def test_xml_text_always_parses_back_to_what_was_shown(value: str) -> None:
    shown = xml(value)
    element = ET.fromstring(f'<t a="{shown}">{shown}</t>')
    assert (element.text or "") == plain(value)
    assert element.get("a") == plain(value)


@given(st.text())
def test_toml_reads_back_exactly_what_was_written(value: str) -> None:
    assert tomllib.loads(f'k = "{toml_basic(value)}"\n')["k"] == value
    for char in _members(BIDI):
        assert char not in toml_basic(value)


@given(st.text())
def test_a_toml_comment_stays_one_comment(value: str) -> None:
    written = f"# {toml_comment(value)}\nk = 1\n"
    assert tomllib.loads(written) == {"k": 1}


def test_dot_and_mermaid_labels_cannot_close_their_quotes() -> None:
    assert dot_string('say "hi" \\ bye\n') == 'say \\"hi\\" \\\\ bye'
    assert mermaid_label('a"b<br/>]') == "a#34;b#60;br/#62;#93;"
    assert mermaid_label("Product Manager (pm)") == "Product Manager (pm)"


def test_markdown_shows_syntax_as_written() -> None:
    assert markdown("*bold* <script> | x\n\ty") == "\\*bold\\* \\<script\\> \\| x y"
    assert markdown("1. not a list") == "\\1. not a list"
    assert markdown("a\x1b\u202eb") == "a\\x1b\\u202eb"


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_in_a_script_element_reads_back_and_cannot_end_it(data: object) -> None:
    shown = script_json(json.dumps(data, ensure_ascii=False))
    assert json.loads(shown) == data
    for char in "<>&\u2028\u2029":
        assert char not in shown


@given(st.text())
def test_toml_keys_read_back_and_name_a_problem_the_same_way(key: str) -> None:
    assert tomllib.loads(f"{toml_key(key)} = 1\n") == {key: 1}
    assert tomllib.loads(f"k = {toml_quoted(key)}\n") == {"k": key}
    assert loc_path(("roles", 3, "competencies", key)) == f"roles[3].competencies.{toml_key(key)}"
    assert toml_key("strategy") == "strategy"
    assert toml_key("café") == '"café"'


def test_a_completion_description_is_one_short_line() -> None:
    assert menu_line("Maker\x07 [bold]\nTwo", 80) == "Maker\\x07 [bold] Two"
    assert len(menu_line("word " * 40, 80)) == 80


def test_nothing_outside_this_module_escapes_text_its_own_way() -> None:
    """Escaping rules of its own (isprintable, json.dumps of a key, <script>
    replacements) used to be written beside inert.py, each slightly different."""
    source = Path(__file__).parents[1] / "src" / "pmladder"
    for path in source.rglob("*.py"):
        if path.name == "inert.py":
            continue
        text = path.read_text(encoding="utf-8")
        for sign in ("isprintable(", '"\\\\u003c"', '.replace("\\u2028"', "_BARE_KEY"):
            assert sign not in text, f"{path.relative_to(source)} escapes text itself: {sign}"
