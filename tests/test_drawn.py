"""Tables drawn directly draw exactly what Rich's tables draw."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from rich import box
from rich.align import Align
from rich.console import Console, Group, RenderableType
from rich.errors import MarkupError
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmladder.views.blocks import measured_narrowest
from pmladder.views.drawn import Drawn, narrowest

WORDS = st.text(
    alphabet=st.sampled_from("abcdefghij  XY-—•↑●○漢字😀\t[]:/"), min_size=0, max_size=50
)
STYLES = st.sampled_from(["", "bold", "dim", "cyan", "underline", "on red", "reverse"])


@st.composite
def cells(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["text", "str", "criterion", "criterion", "other"]))
    if kind == "str":
        return draw(WORDS)
    if kind == "other":  # what the pages never put in a cell: Rich draws these tables
        return draw(st.sampled_from([Group(), Align(Text("x"), vertical="bottom"),
                                     Padding("x", (0, 2)), Table("nested")]))
    name = Text(draw(WORDS), style=draw(STYLES))
    if kind == "text":
        return name
    return Group(name, Padding(Text(draw(WORDS), style="dim"), (0, 0, 0, 2), expand=False))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    table = Table(box=draw(st.sampled_from([box.SIMPLE_HEAD, box.SIMPLE_HEAD, box.ROUNDED])),
                  expand=False, padding=(0, 1), leading=draw(st.integers(0, 1)))
    columns = draw(st.integers(1, 4))
    for _ in range(columns):
        table.add_column(draw(st.sampled_from(["Role", "Competency", "Typical time", "", "漢字"])),
                         no_wrap=draw(st.booleans()), style=draw(STYLES),
                         max_width=draw(st.sampled_from([None, None, 10, 64])))
    for _ in range(draw(st.integers(0, 5))):
        table.add_row(*(draw(cells()) for _ in range(columns)))
    return table


def drawn(renderable: RenderableType, width: int, *, markup: bool = False) -> str:
    """What a colour terminal receives, escape codes and all."""
    console = Console(file=io.StringIO(), width=width, color_system="truecolor",
                      force_terminal=True, markup=markup, emoji=markup, highlight=False)
    try:
        console.print(renderable)
    except MarkupError as error:  # random text in a str cell under markup: both refuse
        return f"MarkupError: {error}"
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@given(tables(), st.integers(1, 140), st.booleans())
def test_a_drawn_table_is_the_table(table: Table, width: int, markup: bool) -> None:
    assert drawn(Drawn(table), width, markup=markup) == drawn(table, width, markup=markup)


@given(tables(), st.integers(1, 140))
def test_a_drawn_table_inside_a_table_measures_as_the_table(table: Table, width: int) -> None:
    outer, reference = Table("a", "b"), Table("a", "b")
    outer.add_row("x", Drawn(table))
    reference.add_row("x", table)
    assert drawn(outer, width) == drawn(reference, width)


def test_an_ascii_terminal_gets_the_tables_own_ascii_box() -> None:
    table = Table("Role", "Move", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_row("pm", "promotion")
    outputs = []
    for renderable in (Drawn(table), table):
        stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="replace")
        Console(file=stream, width=40).print(renderable)
        stream.seek(0)
        outputs.append(stream.read())
    assert outputs[0] == outputs[1]
    assert "-" in outputs[0]
    assert "─" not in outputs[0]


def test_the_pages_tables_are_drawn_directly() -> None:
    """Not every table falls back to Rich: the shape of show's tables is drawn."""
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), leading=1)
    table.add_column("Competency", max_width=64)
    table.add_column("Proficiency", no_wrap=True)
    table.add_row(Group(Text("Roadmapping"), Padding(Text("Shapes the long-term roadmap."),
                                                     (0, 0, 0, 2), expand=False)),
                  Text("●●●○○ Advanced"))
    console = Console(file=io.StringIO(), width=60)
    rendered = list(Drawn(table).__rich_console__(console, console.options))
    assert table not in rendered


@given(tables(), st.dictionaries(st.integers(0, 3), st.integers(0, 40), max_size=2))
def test_the_narrowest_width_is_what_rich_measures(table: Table, minimums: dict[int, int]) -> None:
    minimums = {i: w for i, w in minimums.items() if i < len(table.columns)}
    console = Console(file=io.StringIO(), width=80)
    found = narrowest(table, console, console.options, minimums)
    if found is not None:  # a table of the drawn shape
        assert table.box is box.SIMPLE_HEAD
        assert found == measured_narrowest(table, console, console.options, minimums)


def test_a_row_of_empty_cells_is_still_a_line() -> None:
    table = Table("A", "B", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_row(Text(""), Text(""))
    table.add_row("x", "y")
    assert drawn(Drawn(table), 30) == drawn(table, 30)


def test_a_column_added_after_its_rows_is_drawn_as_rich_draws_it() -> None:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("A")
    table.add_row("x")
    table.add_column("B")
    assert drawn(Drawn(table), 30) == drawn(table, 30)
