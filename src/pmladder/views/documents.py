"""The ``--json`` document of each command's answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .answer import Answer


def document(answer: Answer[Any]) -> dict[str, Any]:
    """The JSON document that shows ``answer``."""
    return _DOCUMENTS[answer.command](answer)


def _list(answer: Answer[Any]) -> dict[str, Any]:
    from .jsonout import list_document

    return list_document(answer.ladder, answer.found)


def _show(answer: Answer[Any]) -> dict[str, Any]:
    from .jsonout import role_document

    return role_document(answer.ladder, answer.found)


def _path(answer: Answer[Any]) -> dict[str, Any]:
    from ..ladder import TIE_BREAK_RULE
    from .jsonout import path_document

    return path_document(answer.ladder, answer.found, TIE_BREAK_RULE)


_DOCUMENTS: dict[str, Callable[[Answer[Any]], dict[str, Any]]] = {
    "list": _list,
    "show": _show,
    "path": _path,
}
