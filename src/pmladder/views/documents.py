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
    from ..routes import TIE_BREAK_RULE
    from .jsonout import path_document

    return path_document(answer.ladder, answer.found, TIE_BREAK_RULE)


def _compare(answer: Answer[Any]) -> dict[str, Any]:
    from .compare import compare_document

    return compare_document(answer.ladder, answer.found)


def _search(answer: Answer[Any]) -> dict[str, Any]:
    from .search import search_document

    return search_document(answer.ladder, answer.found, answer.limit)


def _ladder(answer: Answer[Any]) -> dict[str, Any]:
    from .drawing import layout_document

    return layout_document(answer.ladder, answer.found)


def _validate(answer: Answer[Any]) -> dict[str, Any]:
    from .export import validation_document

    return validation_document(answer.ladder, answer.found)


def _assess(answer: Answer[Any]) -> dict[str, Any]:
    from .assess import assess_document

    return assess_document(answer.ladder, answer.found)


def _diff(answer: Answer[Any]) -> dict[str, Any]:
    from .diff import document as diff_document

    return diff_document(answer.found)


_DOCUMENTS: dict[str, Callable[[Answer[Any]], dict[str, Any]]] = {
    "list": _list,
    "show": _show,
    "path": _path,
    "compare": _compare,
    "search": _search,
    "ladder": _ladder,
    "validate": _validate,
    "assess": _assess,
    "diff": _diff,
}
