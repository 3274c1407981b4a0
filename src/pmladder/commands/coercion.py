"""Typer's conversion of parameter values, skipped where it would change nothing.

Typer converts each parameter's value through a pydantic ``TypeAdapter`` that
it builds the first time the parameter is processed, even when the value is
``None`` (the option was not given), the text a text parameter takes or the
parameter's own default.  Building the first adapter imports pydantic's
plugin loader and with it ``importlib.metadata``, ``email``, ``zipfile`` and
more: 56M instructions (about 15 ms) of every run, a cached ``pmladder show``
being 825M in all.

:func:`skip_needless_conversion` gives each parameter a converter that returns
such a value as Typer's converter would return it, and hands every other value
(a number or a choice typed on the command line, a path, a flag read from the
environment) to Typer's own converter, built then.  It takes the place of the
converter Typer keeps in ``_runtime_param`` and builds in
``get_runtime_param``; a Typer without them is left alone, at the old cost.
What Typer's converters do with a value may change in any release, which is
why ``pyproject.toml`` keeps Typer below 0.30 and ``tests/test_coercion.py``
compares the two ways over every kind of value.
"""

import enum
import typing
from collections.abc import Callable, Iterable
from typing import Any

Unchanged = Callable[[Any], bool]
"""Whether Typer's converter would return a value of a parameter as it is."""


class AsGiven:
    """A parameter's converter, in the place of Typer's: the value as it is
    where Typer's converter would return it so, else Typer's converter."""

    __slots__ = ("many", "unchanged")

    def __init__(self, unchanged: Unchanged | None, many: bool) -> None:
        self.unchanged = unchanged
        """Which values pass as they are; ``None`` when only a missing value does."""
        self.many = many
        """Whether the parameter takes a list of such values (``list[str]``)."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:  # not given: Typer's converter is not consulted either
            return () if multiple else None
        unchanged = self.unchanged
        if unchanged is not None and multiple == self.many:
            if not multiple and param.nargs == 1 and unchanged(value):
                return value
            if multiple and type(value) in (list, tuple) and all(map(unchanged, value)):
                return list(value)  # Typer's converter of a list gives a list
        param._runtime_param = None  # Typer builds its own now, and keeps it
        return param.get_runtime_param().coerce(value, param=param, ctx=ctx)


def _unchanged(annotation: Any, info: Any) -> tuple[Unchanged | None, bool]:
    """``(unchanged, many)`` for :class:`AsGiven`, from the parameter's type and
    its ``typer.Option``/``typer.Argument``; ``(None, False)`` when only a
    missing value passes unconverted.

    Typer's converter returns as it is: a ``str`` given to a ``str`` parameter
    (``str()`` of it, which pydantic keeps), a member of the parameter's
    ``Enum`` (``coerce_cli_choice``), an ``int`` within the parameter's
    ``min``/``max`` (what pydantic's bounds check lets through, and a clamp
    leaves alone), and a list of ``str`` to a ``list[str]`` one (as a list).
    A ``bool`` is never converted at all (``_TyperParameter.process_value``).
    A parser of the parameter's own runs on every value.
    """
    if getattr(info, "parser", True) is not None:
        return None, False
    if annotation is str:
        return _is_str, False
    if typing.get_origin(annotation) is list and typing.get_args(annotation) == (str,):
        return _is_str, True
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return lambda value: type(value) is annotation, False
    if annotation is int:
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        return lambda value: (type(value) is int and (low is None or value >= low)
                              and (high is None or value <= high)), False
    return None, False


def _is_str(value: Any) -> bool:
    return type(value) is str


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
        param._runtime_param = AsGiven(*_unchanged(descriptor.annotation,
                                                   descriptor.parameter_info))
