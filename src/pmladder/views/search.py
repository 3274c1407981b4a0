"""Human and JSON output of ``pmladder search``: ranked roles, matches in context.

Snippets are catalogue text, so each is built from inert pieces and the
matching words are styled with :meth:`rich.text.Text.stylize` on the inert
text: a snippet containing ``[bold]`` or an escape sequence still prints as
the characters it is, and the highlight lands on the right characters even
when a control character before it was shown as a longer escape.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..index import Ladder
from ..search import FIELD_WEIGHTS, Match, SearchResult
from .blocks import Fitted, source_line
from .terminal import cell_text, text

HIGHLIGHT = "bold yellow"
MAX_SHOWN = 3
"""Matching fields shown per role in the table; JSON lists them all."""


def highlighted(snippet: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """``snippet`` as inert text with ``spans`` (offsets into ``snippet``) highlighted."""
    out = Text()
    inert_spans: list[tuple[int, int]] = []
    cursor = 0
    for start, end in spans:
        out.append(cell_text(snippet[cursor:start]))
        begin = len(out)
        out.append(cell_text(snippet[start:end]))
        inert_spans.append((begin, len(out)))
        cursor = end
    out.append(cell_text(snippet[cursor:]))
    for begin, end in inert_spans:
        out.stylize(HIGHLIGHT, begin, end)
    return out


def _field(match: Match) -> Text:
    return Text(match.field, style="dim")


def shown_matches(matches: tuple[Match, ...], limit: int = MAX_SHOWN) -> list[Match]:
    """The matches worth a row: best first, skipping one whose words a shown match
    already has together with more (``User interviews`` after ``User stories``)."""
    shown: list[Match] = []
    for match in matches:
        words = set(match.words)
        if any(words < set(s.words) for s in shown):
            continue
        shown.append(match)
        if len(shown) == limit:
            break
    return shown


NARROW = 64
"""Below this width the results are a list instead of a table."""
MATCH_ROOM = 20
"""Narrowest excerpt column worth showing; below it the results are a list."""


def render_search(
    ladder: Ladder, result: SearchResult, limit: int = 0
) -> Iterator[RenderableType]:
    """The best ``limit`` results (all with 0), and how many more there are."""
    line = source_line(ladder)
    if line is not None:
        yield line
    count = len(result.hits)
    heading = Text(f"{count} role{' matches' if count == 1 else 's match'} ", style="bold")
    heading.append_text(text(" ".join(result.query.split()), "bold"))
    hidden = count - limit if limit and count > limit else 0
    if hidden:
        heading.append(f"; the best {limit} are shown", style="bold")
    yield heading
    yield SearchView(result, limit)
    if hidden:
        yield Text(f"{hidden} more: use --limit 0 to see them all.", style="dim")
    order = " > ".join(dict.fromkeys(_field_groups()))
    yield Text(
        f"Ranked by field ({order}), then whole word > start of a word > inside a word; "
        "ties go to more matching fields, then catalogue order.",
        style="dim",
    )


class SearchView:
    """The ranked results: a table, or a list on a narrow terminal."""

    def __init__(self, result: SearchResult, limit: int = 0) -> None:
        self.result = result
        self.hits = result.hits[:limit] if limit else result.hits

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # The table only while every role's title fits its column whole.
        longest = max((max(len(h.title), len(h.role)) for h in self.hits), default=0)
        if options.max_width < NARROW:
            yield from self._list()
        else:
            yield Fitted(self._table(), lambda: Group(*self._list()),
                         {1: longest, 4: MATCH_ROOM})

    def _list(self) -> Iterator[RenderableType]:
        for rank, hit in enumerate(self.hits, start=1):
            yield Text.assemble(
                (f"{rank}. ", "bold"), text(hit.title, "bold"), " (", text(hit.role, "cyan"),
                ")", (f"  score {hit.score}", "dim"),
            )
            shown = shown_matches(hit.matches)
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for match in shown:
                grid.add_row(Text(f"  {match.field}:", style="dim"),
                             highlighted(match.snippet, match.highlights))
            yield grid
            more = len(hit.matches) - len(shown)
            if more:
                yield Text(f"  +{more} more field{'s' if more != 1 else ''}", style="dim")

    def _table(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Role", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Field", no_wrap=True)
        table.add_column("Match in context")
        for rank, hit in enumerate(self.hits, start=1):
            role_cell = Text.assemble(text(hit.title, "bold"), "\n", text(hit.role, "cyan"))
            shown = shown_matches(hit.matches)
            for i, match in enumerate(shown):
                snippet = highlighted(match.snippet, match.highlights)
                more = len(hit.matches) - len(shown)
                if i == len(shown) - 1 and more:
                    snippet.append(f"\n+{more} more field{'s' if more != 1 else ''}",
                                   style="dim")
                table.add_row(
                    str(rank) if i == 0 else "",
                    role_cell if i == 0 else "",
                    Text(str(hit.score), style="dim") if i == 0 else "",
                    _field(match),
                    snippet,
                    end_section=i == len(shown) - 1,
                )
        return table


def _field_groups() -> Iterator[str]:
    """Field names grouped by weight, heaviest first: ``title/alias``..."""
    by_weight: dict[int, list[str]] = {}
    for name, weight in FIELD_WEIGHTS.items():
        by_weight.setdefault(weight, []).append(name)
    for weight in sorted(by_weight, reverse=True):
        yield "/".join(by_weight[weight])
