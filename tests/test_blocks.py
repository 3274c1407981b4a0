"""The page blocks drawn without Rich's tables draw exactly what the tables draw."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pmladder.views.blocks import Grid, bulleted

WORDS = st.text(
    alphabet=st.sampled_from("abcdefghij  XY-—•↑漢字é😀\t\u2028[]:/"), min_size=0, max_size=40
)
STYLES = st.sampled_from(["", "bold", "dim", "cyan", "bold yellow", "underline", "on red",
                          "reverse"])
LABELS = st.sampled_from([" •", "Level:", "Also called:", "漢字", "", "[bold]x[/]", ":smile:",
                          "a\tb", "ab\u2028cd", "two\nlines"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    pieces = draw(st.lists(st.tuples(WORDS, STYLES), min_size=0, max_size=4))
    out = Text.assemble(*pieces, style=draw(STYLES),
                        justify=draw(st.sampled_from([None, "left", "right", "full"])),
                        no_wrap=draw(st.sampled_from([None, False, True])),
                        end=draw(st.sampled_from(["\n", ""])))
    if draw(st.booleans()):
        out.append("\n" + draw(WORDS), style=draw(STYLES))
    return out


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    out = Grid(gap=draw(st.integers(0, 2)), label_style=draw(STYLES))
    for _ in range(draw(st.integers(0, 5))):
        label: RenderableType = draw(LABELS)
        if draw(st.booleans()):
            label = Text(str(label), style=draw(STYLES), no_wrap=draw(st.booleans()),
                         end=draw(st.sampled_from(["\n", ""])))
        out.add_row(label, draw(texts()))
    return out


def drawn(renderable: RenderableType, width: int, *, markup: bool = False) -> str:
    """What a colour terminal receives, escape codes and all."""
    console = Console(file=io.StringIO(), width=width, color_system="truecolor",
                      force_terminal=True, markup=markup, emoji=markup, highlight=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@given(grids(), st.integers(1, 120), st.booleans())
def test_a_grid_draws_what_the_table_draws(grid: Grid, width: int, markup: bool) -> None:
    assert drawn(grid, width, markup=markup) == drawn(grid.table(), width, markup=markup)


@given(grids(), st.integers(1, 120))
def test_a_grid_inside_a_table_cell_measures_as_the_table(grid: Grid, width: int) -> None:
    outer, reference = Table("a", "b"), Table("a", "b")
    outer.add_row("x", grid)
    reference.add_row("x", grid.table())
    assert drawn(outer, width) == drawn(reference, width)


def test_a_bullet_that_is_not_text_is_drawn_by_the_table() -> None:
    listed = bulleted([Text("one"), Group(Text("two"), Text("  criterion"))])
    assert drawn(listed, 40) == drawn(listed.table(), 40)
    plain = Console(file=io.StringIO(), width=40)
    plain.print(listed)
    assert [line.rstrip() for line in plain.file.getvalue().splitlines()] == [  # type: ignore[attr-defined]
        " • one", " • two", "     criterion"]
