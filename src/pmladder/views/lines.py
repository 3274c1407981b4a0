"""Catalogue text cut into lines as Rich cuts it, without Rich's machinery.

Most of a page is catalogue text in one style: a responsibility, a note, a
competency with what its step asks under it.  Rich lays out each piece by
splitting it into ``Text`` objects per paragraph and per line, justifying,
truncating and joining them again, then splitting the joined segments back
into lines: most of the cost of printing a page.  :func:`render_lines` gives
the same lines by Rich's rules (:func:`rich._wrap.divide_line`, a word measured
by its length) and string slicing, for what it can be sure of: left-justified
text in one style, every character one cell wide, without spans or on one
line, alone or with a second such text indented under it
(:func:`~.blocks.with_criterion`).  Anything else goes to
:meth:`rich.console.Console.render_lines`.  ``tests/test_lines.py`` checks
both give the same segments, style and all.
"""

from __future__ import annotations

from itertools import pairwise

from rich._wrap import words
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Lines = list[list[Segment]]


def render_lines(
    console: Console, renderable: RenderableType, options: ConsoleOptions,
    style: Style | None = None,
) -> Lines:
    """What ``console.render_lines(renderable, options, style=style, pad=True)`` returns."""
    if isinstance(renderable, str) and options.max_width >= 1:  # as Console.render reads it
        renderable = console.render_str(renderable, highlight=options.highlight,
                                        markup=options.markup)
    if isinstance(renderable, Group):
        lines = _indented(console, renderable, options)
    else:
        lines = _text_lines(console, renderable, options)
    if lines is None:
        return console.render_lines(renderable, options, style=style, pad=True)
    width = options.max_width
    for line in lines:
        if style:
            line[:] = [Segment(text, style + line_style) for text, line_style, _ in line]
        room = width - sum(len(segment.text) for segment in line)
        if room > 0:
            line.append(Segment(" " * room, style))
    return lines


def _text_lines(
    console: Console, text: RenderableType, options: ConsoleOptions
) -> Lines | None:
    """The lines of ``text`` as Rich renders it within ``options``, or ``None``
    when it is not of the shape this handles."""
    found = _plain_lines(text, options)
    if found is None:
        return None
    source, lines = found
    pieces: list[Text] = list(source.split("\n", allow_blank=True)) if source.spans else []
    if not any(piece.spans for piece in pieces):
        style = _style_of(console, source) if source.style else None
        return [[Segment(line, style)] for line in lines]
    # Every paragraph on one line (_plain_lines allows spans only so): Rich renders
    # each padded, in the text's style (at least the null one) outside its spans.
    out: Lines = []
    for paragraph, line in zip(pieces, lines, strict=True):
        if not paragraph.spans:
            out.append([Segment(line, _style_of(console, paragraph) or Style.null())])
            continue
        paragraph.plain = line
        out.append(list(paragraph.render(console)))
    return out


def _style_of(console: Console, text: Text) -> Style:
    """``text``'s own style, as the console reads it."""
    own = text.style
    # As Text.render reads a style: one that does not parse is no style.
    return console.get_style(own, default=Style.null()) if isinstance(own, str) else own


def _plain_lines(text: RenderableType, options: ConsoleOptions) -> tuple[Text, list[str]] | None:
    """``text`` and its lines as Rich would cut them, each ``options.max_width``
    wide, or ``None`` when ``text`` is not of the shape this handles."""
    width = options.max_width
    if type(text) is not Text or width < 1 or text.end != "\n" or options.height is not None:
        return None  # (a height crops or pads the lines: Rich does that)
    justify = text.justify or options.justify
    overflow = text.overflow or options.overflow or "fold"
    if justify != "left" or overflow not in ("fold", "ellipsis", "crop"):
        return None
    no_wrap = text.no_wrap if text.no_wrap is not None else bool(options.no_wrap)
    paragraphs = text.plain.split("\n")
    if not all(_one_cell_each(p) for p in paragraphs):
        return None  # a character of another width, or a tab: Rich measures it
    if text.spans and any(len(paragraph) > width for paragraph in paragraphs):
        return None  # styles cut across wrapped lines: Rich divides them
    lines: list[str] = []
    for paragraph in paragraphs:
        if no_wrap:
            pieces = [paragraph]
        else:
            cuts = [0, *_breaks(paragraph, width, fold=overflow == "fold"), len(paragraph)]
            pieces = [paragraph[start:end] for start, end in pairwise(cuts)]
        for piece in pieces:
            if not no_wrap and len(piece) > width:  # Text.rstrip_end
                piece = piece[:max(len(piece.rstrip()), width)]
            if len(piece) > width:  # Text.truncate
                piece = piece[:width - 1] + "…" if overflow == "ellipsis" else piece[:width]
            lines.append(piece.ljust(width))
    return text, lines


def _breaks(text: str, width: int, *, fold: bool) -> list[int]:
    """:func:`rich._wrap.divide_line` for text whose every character takes one
    cell, so a word's width is its length: the same offsets, with no measuring."""
    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for start, _, word in words(text):
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # longer than any line
            if fold:  # cut it into pieces of the width, the last continuing the line
                pieces = range(start, start + len(word), width)
                breaks.extend(cut for cut in pieces if cut)
                offset = len(word) - (pieces[-1] - start)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _one_cell_each(paragraph: str) -> bool:
    """Whether every character of ``paragraph`` takes one cell, as Rich measures
    (a control character or a tab takes none, a wide one two)."""
    if paragraph.isascii():
        return _ASCII_CONTROLS.isdisjoint(paragraph)
    return all(cell_len(character) == 1 for character in set(paragraph))


_ASCII_CONTROLS = frozenset(map(chr, [*range(0x20), 0x7F]))
"""The ASCII characters that take no cell: every other one takes one."""


def _indented(console: Console, group: Group, options: ConsoleOptions) -> Lines | None:
    """A text, then another indented under it as narrow as its longest line
    (a Padding that does not expand), or ``None`` for any other group."""
    parts = group.renderables
    if len(parts) != 2 or not isinstance(parts[1], Padding):
        return None
    padding = parts[1]
    head, body = parts[0], padding.renderable
    if (padding.expand or padding.top or padding.right or padding.bottom
            or not padding.left or type(body) is not Text):
        return None
    # Padding's width as Padding works it out: the body's widest line, then the indent.
    room = min(measure(console, options, body).maximum + padding.left,
               options.max_width) - padding.left
    if room < 1:
        return None
    first = _text_lines(console, head, options)
    under = _text_lines(console, body, options.update_width(room))
    if first is None or under is None:
        return None
    style = console.get_style(padding.style)
    indent = Segment(" " * padding.left, style)
    if style:  # as Padding's console.render_lines(style=style) applies it
        under = [[Segment(text, style + own) for text, own, _ in line] for line in under]
    return [*first, *([indent, *line] for line in under)]


def measure(console: Console, options: ConsoleOptions, renderable: RenderableType) -> Measurement:
    """What ``Measurement.get(console, options, renderable)`` returns, counting a
    word's cells by its length where every character takes one."""
    width = options.max_width
    if width < 1:
        return Measurement(0, 0)
    found: Measurement | None = None
    if isinstance(renderable, str):  # as Measurement.get reads it
        renderable = console.render_str(renderable, markup=options.markup, highlight=False)
    if type(renderable) is Text:
        found = _text_measure(renderable)
    elif isinstance(renderable, Group) and renderable.fit and len(renderable.renderables) == 2:
        head, padding = renderable.renderables
        if isinstance(padding, Padding) and not (padding.top or padding.bottom):
            found = _indented_measure(console, options, head, padding)
    if found is None:
        return Measurement.get(console, options, renderable)
    return _as_got(found, width)


def _as_got(found: Measurement, width: int) -> Measurement:
    """A renderable's own measurement as ``Measurement.get`` returns it."""
    found = found.normalize().with_maximum(width)
    return Measurement(0, 0) if found.maximum < 1 else found.normalize()


def _text_measure(text: Text) -> Measurement | None:
    """``Text.__rich_measure__`` for text whose every character takes one cell."""
    plain = text.plain
    if not all(_one_cell_each(paragraph) for paragraph in plain.split("\n")):
        return None
    lines, words = plain.splitlines(), plain.split()
    longest = max(map(len, lines)) if lines else 0
    return Measurement(max(map(len, words)) if words else longest, longest)


def _indented_measure(
    console: Console, options: ConsoleOptions, head: RenderableType, padding: Padding
) -> Measurement | None:
    """``Group.__rich_measure__`` of a text with another indented under it."""
    if type(head) is not Text or type(padding.renderable) is not Text:
        return None
    first = measure(console, options, head)
    width, sides = options.max_width, padding.left + padding.right
    if width - sides < 1:
        under = Measurement(width, width)
    else:
        least, most = measure(console, options.update_width(width - sides), padding.renderable)
        under = Measurement(least + sides, most + sides).with_maximum(width)
    under = _as_got(under, width)
    return Measurement(max(first.minimum, under.minimum), max(first.maximum, under.maximum))
