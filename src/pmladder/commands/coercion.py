"""Typer's conversion of parameter values, skipped where it would change nothing.

Typer converts each parameter's value through a pydantic ``TypeAdapter`` that
it builds the first time the parameter is processed, even when the value is
``None`` (the option was not given) or already the text or flag the parameter
takes.  Building the first adapter imports pydantic's plugin loader and with it
``importlib.metadata``, ``email``, ``zipfile`` and more: 56M instructions
(about 15 ms) of every run, a cached ``pmladder show`` being 825M in all.

:func:`skip_needless_conversion` gives each parameter a converter that returns
such a value as Typer's would, and hands every other value (a choice, a number,
a path, a flag read from the environment) to Typer's own converter, built then.
It relies on how Typer keeps that converter (``_runtime_param``,
``get_runtime_param``); a Typer without them is left alone, at the old cost.
``tests/test_coercion.py`` compares the values with Typer's own conversion and
checks that a cached run loads no plugin loader.
"""

import typing
from collections.abc import Iterable
from typing import Any


class AsGiven:
    """A parameter's converter: the value as Typer's converter would return it,
    where that is the value as given, else Typer's own converter."""

    __slots__ = ("kind", "many")

    def __init__(self, kind: type | None, many: bool) -> None:
        self.kind = kind
        """The type of value that passes unchanged, or ``None`` when only a missing value does."""
        self.many = many
        """Whether the parameter takes a list of them (``list[str]``)."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:  # not given: Typer's converter is not consulted either
            return () if multiple else None
        kind = self.kind
        if multiple == self.many and kind is not None:
            if not multiple and param.nargs == 1 and type(value) is kind:
                return value
            if multiple and type(value) in (list, tuple) and all(
                type(item) is kind for item in value
            ):
                return list(value)  # Typer's list converter gives a list
        param._runtime_param = None  # Typer builds its own now, and keeps it
        return param.get_runtime_param().coerce(value, param=param, ctx=ctx)


def _passes_unchanged(annotation: Any) -> tuple[type | None, bool]:
    """``(kind, many)`` for :class:`AsGiven`: values of which type Typer's converter
    returns as they are (``str``, ``bool``), alone or as a list of ``str``."""
    if annotation is str or annotation is bool:
        return annotation, False
    if typing.get_origin(annotation) is list and typing.get_args(annotation) == (str,):
        return str, True
    return None, False


def skip_needless_conversion(params: Iterable[Any]) -> None:
    """Give each of ``params`` (a command's, from ``get_params``) an :class:`AsGiven`."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            descriptor is None
            or getattr(param, "_runtime_param", False) is not None  # built, or no such thing
            or not callable(getattr(param, "get_runtime_param", None))
        ):
            continue
        kind, many = _passes_unchanged(descriptor.annotation)
        if getattr(descriptor.parameter_info, "parser", True) is not None:
            kind = None  # a parser of its own: Typer runs it on every value
        param._runtime_param = AsGiven(kind, many)
