"""The page blocks drawn without Rich's tables draw exactly what the tables draw."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from pmladder.views.blocks import Grid, bulleted

WORDS = st.text(
    alphabet=st.sampled_from("abcdefghij  XY-—•↑漢字é\t"), min_size=0, max_size=40
)
STYLES = st.sampled_from(["", "bold", "dim", "cyan", "bold yellow"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    pieces = draw(st.lists(st.tuples(WORDS, STYLES), min_size=0, max_size=4))
    out = Text.assemble(*pieces, style=draw(STYLES))
    if draw(st.booleans()):
        out.append("\n" + draw(WORDS), style=draw(STYLES))
    return out


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    out = Grid(gap=draw(st.integers(1, 2)), label_style=draw(STYLES))
    for _ in range(draw(st.integers(0, 5))):
        label: RenderableType = draw(st.sampled_from([" •", "Level:", "Also called:", "漢字",
                                                      ""]))
        if draw(st.booleans()):
            label = Text(str(label), style=draw(STYLES))
        out.add_row(label, draw(texts()))
    return out


def cells(renderable: RenderableType, width: int) -> list[list[tuple[str, str]]]:
    """Each line as (character, style) pairs; a space's style is not seen."""
    console = Console(file=io.StringIO(), width=width, color_system="truecolor",
                      force_terminal=True, markup=False, emoji=False, highlight=False)
    lines = console.render_lines(renderable, console.options, pad=False)
    return [
        [(ch, "" if ch == " " else str(seg.style)) for seg in Segment.simplify(line)
         for ch in seg.text]
        for line in lines
    ]


@given(grids(), st.integers(1, 120))
def test_a_grid_draws_what_the_table_draws(grid: Grid, width: int) -> None:
    assert cells(grid, width) == cells(grid.table(), width)


@given(grids(), st.integers(1, 120))
def test_a_grid_inside_a_table_cell_measures_as_the_table(grid: Grid, width: int) -> None:
    outer, reference = Table("a", "b"), Table("a", "b")
    outer.add_row("x", grid)
    reference.add_row("x", grid.table())
    assert cells(outer, width) == cells(reference, width)


def test_a_bullet_that_is_not_text_is_drawn_by_the_table() -> None:
    listed = bulleted([Text("one"), Group(Text("two"), Text("  criterion"))])
    assert cells(listed, 40) == cells(listed.table(), 40)
    assert [("".join(ch for ch, _ in line)).rstrip() for line in cells(listed, 40)] == [
        " • one", " • two", "     criterion"]
