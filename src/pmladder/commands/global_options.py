"""The program's own options (``--catalog``, ``--no-pager``, ``--version``), which
may be written before or after the command: ``pmladder list --catalog team.toml``.

One reader of them for the command line (:func:`hoist_global_options`) and for
completion (:func:`leading_global_options`), which must read a line the way the
command will.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UsageError

GLOBAL_OPTIONS = {"--catalog": True, "--no-pager": False, "--version": False}
"""Options of the program itself, each with whether it takes a value."""


def leading_global_options(args: Sequence[str]) -> tuple[dict[str, str], int]:
    """The global options at the front of ``args``, each with its value (the last
    one written wins; ``""`` for a flag or a missing value), and where they end."""
    found: dict[str, str] = {}
    i = 0
    while i < len(args) and args[i].split("=", 1)[0] in GLOBAL_OPTIONS:
        name, equals, value = args[i].partition("=")
        if GLOBAL_OPTIONS[name] and not equals:
            value = args[i + 1] if i + 1 < len(args) else ""
            i += 2
        else:
            i += 1
        found[name] = value
    return found, i


def hoist_global_options(args: list[str]) -> list[str]:
    """Move global options written after the command name to before it.

    Stops at ``--``, so ``pmladder search -- --catalog`` searches for that word.
    A value-taking option with no value is a usage error.
    """
    _, i = leading_global_options(args)
    if i >= len(args) or args[i].startswith("-"):
        return args
    moved: list[str] = []
    kept: list[str] = []
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            kept.extend(rest[j:])
            break
        name = arg.split("=", 1)[0]
        if name not in GLOBAL_OPTIONS:
            kept.append(arg)
            j += 1
        elif GLOBAL_OPTIONS[name] and "=" not in arg:
            if j + 1 >= len(rest):
                raise UsageError(f"{name} needs a value, e.g. {name} team.toml")
            moved += rest[j : j + 2]
            j += 2
        else:
            moved.append(arg)
            j += 1
    return [*args[:i], *moved, args[i], *kept]
