"""What a command found, with the options that say how to show it.

Every command that prints a result builds one :class:`Answer` and hands it to
:func:`pmladder.commands.output.emit`, which prints it as JSON
(:mod:`.json_documents`) or as a Rich page (:mod:`.pages`). Plain data: importing
it costs nothing on the start-up path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from ..catalog import Ladder

Found = TypeVar("Found")


@dataclass(frozen=True)
class Answer(Generic[Found]):
    """One command's result: ``found`` is what the core returned for ``command``."""

    command: str
    """The command's name: picks its JSON document and its page."""
    ladder: Ladder
    """The catalogue the answer comes from (for ``diff``, the new one)."""
    found: Found
    brief: bool = False
    """Only the summary at the top of the page (``--brief``); JSON is always whole."""
    criteria: bool = False
    """``compare --criteria``: what each role's step asks in each competency."""
    limit: int = 0
    """``search --limit``: how many roles to show, 0 for all."""
    top: int = 0
    """``assess --top``: how many best-fitting roles to show."""
