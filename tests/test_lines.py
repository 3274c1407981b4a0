"""Text cut into lines directly gives exactly the lines Rich gives, segment by segment."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.errors import MarkupError
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from pmladder.views import lines as fast
from pmladder.views.lines import render_lines

# Catalogue-like words (most examples: what the direct path handles), and words
# with what must go to Rich: wide and zero-width characters and tabs.
PLAIN = st.text(alphabet=st.sampled_from("abcdefgh   XY-.,•↑→●…"), max_size=60)
ODD = st.text(alphabet=st.sampled_from("abcdefgh   XY-.,•↑→●…漢😀\t\u0301"), max_size=60)
WORDS = st.one_of(PLAIN, PLAIN, PLAIN, ODD)
STYLES: st.SearchStrategy[str | Style] = st.sampled_from(
    ["", "dim", "bold cyan", "green", Style(italic=True), Style.null()])


def _mostly(common: object, *others: object) -> st.SearchStrategy[Any]:
    """``common`` in about three examples of four, else one of ``others``."""
    return st.sampled_from([common, common, common, common, common, common, *others])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    paragraphs = draw(st.lists(WORDS, min_size=1, max_size=3))
    text = Text("\n".join(paragraphs), style=draw(STYLES),
                justify=draw(_mostly(None, "left", "default", "full")),
                overflow=draw(_mostly(None, "fold", "ellipsis", "crop", "ignore")),
                no_wrap=draw(_mostly(None, True, False)),
                end=draw(_mostly("\n", "")))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        text.stylize(draw(STYLES), start, draw(st.integers(start, len(text) + 2)))
    return text


@st.composite
def options(draw: st.DrawFn) -> ConsoleOptions:
    base = _console().options
    return base.update(width=draw(st.integers(0, 50)),
                       justify=draw(_mostly("left", None, "right")),
                       overflow=draw(_mostly("ellipsis", None, "fold", "crop")),
                       no_wrap=draw(_mostly(False, True)), height=None)


def _console() -> Console:
    return Console(file=io.StringIO(), width=80, color_system="truecolor", force_terminal=True,
                   markup=False, emoji=False, highlight=False)


def _same(renderable: RenderableType, within: ConsoleOptions, style: Style | None) -> None:
    console = _console()
    expected = console.render_lines(renderable, within, style=style, pad=True)
    assert render_lines(console, renderable, within, style) == expected


@given(texts(), options(), st.sampled_from([None, Style(bold=True), Style(bgcolor="red")]))
def test_text_lines_are_richs(text: Text, within: ConsoleOptions, style: Style | None) -> None:
    _same(text, within, style)


@given(WORDS, options(), st.booleans())
def test_strings_are_read_and_cut_as_rich_reads_them(
    words: str, within: ConsoleOptions, markup: bool
) -> None:
    console = Console(file=io.StringIO(), width=80, color_system="truecolor",
                      force_terminal=True, markup=markup, emoji=markup, highlight=markup)
    shown = words.replace("abc", "[bold]abc[/]")
    try:
        expected = console.render_lines(shown, within, pad=True)
    except MarkupError:
        return
    assert render_lines(console, shown, within) == expected
    assert fast.measure(console, within, shown) == Measurement.get(console, within, shown)


@given(texts(), texts(), st.integers(0, 4), STYLES, options())
def test_a_text_with_another_indented_under_it_is_richs(
    head: Text, body: Text, indent: int, style: Any, within: ConsoleOptions
) -> None:
    _same(Group(head, Padding(body, (0, 0, 0, indent), style=style or "none", expand=False)),
          within, None)


@given(texts(), texts(), st.integers(0, 4), st.integers(0, 2), options())
def test_measurements_are_richs(
    head: Text, body: Text, left: int, right: int, within: ConsoleOptions
) -> None:
    console = _console()
    for shown in (head, Group(head, Padding(body, (0, right, 0, left), expand=False)),
                  Group(head, Padding(body, (0, 0, 0, left)), fit=False)):
        assert fast.measure(console, within, shown) == Measurement.get(console, within, shown)


def test_what_the_pages_print_takes_the_direct_path() -> None:
    # The shapes above that it handles must be the ones the pages are made of,
    # or the direct path would be dead code with Rich doing all the work.
    console = _console()
    within = console.options.update(width=30, justify="left", overflow="ellipsis",
                                    no_wrap=False, height=None)
    responsibility = Text("Own a complex product area, several products or a product line.")
    under = Padding(Text("Shapes the long-term roadmap.", style="dim"), (0, 0, 0, 2),
                    expand=False)
    criterion = Group(Text("Roadmapping", style="bold"), under)
    proficiency = Text.assemble(("●●●○○", "green"), " ", "Advanced")
    for shown in (responsibility, criterion, proficiency):
        assert fast._text_lines(console, shown, within) is not None or isinstance(shown, Group)
    assert fast._indented(console, criterion, within) is not None
    assert fast._text_measure(responsibility) is not None
    assert fast._indented_measure(console, within, criterion.renderables[0], under) is not None


@pytest.mark.parametrize(("shown", "height"), [
    (Text("one two three"), 1), (Text("one"), 3), (Group(), None),
    (Text("ab cd", style="not_a_style"), None),
    (Text.assemble(("a", "red"), "b\ncd", style="bold nope"), None),
    (Group(Text("ab", style="nope"), Padding(Text("cd ef"), (0, 0, 0, 2), expand=False)), None),
])
def test_heights_empty_groups_and_styles_that_do_not_parse_are_richs(
    shown: RenderableType, height: int | None
) -> None:
    console = _console()
    within = console.options.update(width=5, justify="left", overflow="ellipsis",
                                    no_wrap=False, height=height)
    assert render_lines(console, shown, within) == console.render_lines(shown, within, pad=True)


@pytest.mark.parametrize("shown", [
    Text("a\tb"), Text("漢字 wide"), Text("e\u0301 combined"),
    Text.assemble(("two", "bold"), " lines of styled text that wrap at this width"),
    Text("right", justify="right"),
])
def test_what_it_cannot_be_sure_of_goes_to_rich(shown: Text) -> None:
    console = _console()
    within = console.options.update(width=12, justify="left", overflow="ellipsis",
                                    no_wrap=False, height=None)
    assert fast._text_lines(console, shown, within) is None
    assert render_lines(console, shown, within) == console.render_lines(shown, within, pad=True)


def test_lines_are_segments_of_the_full_width() -> None:
    console = _console()
    within = console.options.update(width=10, justify="left", overflow="ellipsis",
                                    no_wrap=False, height=None)
    drawn = render_lines(console, Text("one two three", style="dim"), within)
    assert [[segment.text for segment in line] for line in drawn] == [
        ["one two   "], ["three     "]]
    assert all(isinstance(s, Segment) and s.style == Style(dim=True)
               for line in drawn for s in line)
