"""What a command found, with the options that say how to show it.

Every command that prints a result builds one :class:`Answer` and hands it to
:func:`pmladder.commands.output.emit`, which prints it as JSON
(:mod:`.json_documents`) or as a page (:mod:`.pages`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from ..index import Ladder

Found = TypeVar("Found")
Shown = TypeVar("Shown")


class Answer(Generic[Found]):
    """One command's result: ``found`` is what the core returned for ``command``.

    ``command`` picks the JSON document and the page; ``ladder`` is the
    catalogue the answer comes from (for ``diff``, the new one). The options:
    ``brief`` (only the summary at the top of the page; JSON is always whole),
    ``criteria`` (``compare --criteria``), ``limit`` (``search --limit``, 0 for
    all) and ``top`` (``assess --top``).

    A plain class rather than a dataclass: every command imports it at start-up,
    where building a frozen dataclass costs more than the rest of this module.
    """

    __slots__ = ("brief", "command", "criteria", "found", "ladder", "limit", "top")

    def __init__(
        self, command: str, ladder: Ladder, found: Found, *, brief: bool = False,
        criteria: bool = False, limit: int = 0, top: int = 0,
    ) -> None:
        self.command = command
        self.ladder = ladder
        self.found = found
        self.brief = brief
        self.criteria = criteria
        self.limit = limit
        self.top = top


class ByCommand(Generic[Shown]):
    """One way of showing answers (as JSON, as a page), a function per command.

    Each function says which command it shows with :meth:`of`, next to its
    definition; :meth:`show` picks the one for an answer.
    """

    def __init__(self) -> None:
        self._shows: dict[str, Callable[[Answer[Any]], Shown]] = {}

    def of(self, command: str) -> Callable[[Callable[[Answer[Any]], Shown]],
                                            Callable[[Answer[Any]], Shown]]:
        """Register the decorated function as the way to show ``command``'s answer."""
        def register(show: Callable[[Answer[Any]], Shown]) -> Callable[[Answer[Any]], Shown]:
            self._shows[command] = show
            return show
        return register

    def show(self, answer: Answer[Any]) -> Shown:
        """``answer`` shown by the function registered for its command."""
        return self._shows[answer.command](answer)

    def commands(self) -> set[str]:
        """The commands this way of showing has a function for."""
        return set(self._shows)

