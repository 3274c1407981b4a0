"""Shell completion of role names and track ids.

Completion runs on every Tab, so it reads names straight from the catalogue's
TOML and never builds the models; any problem with the file completes nothing.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

import typer

from ..errors import UsageError
from .global_options import hoist_global_options, leading_global_options

_SHELL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-/:@,")


def _shell_safe(word: str) -> bool:
    """Whether ``word`` can stand on a command line unquoted: no spaces, quotes or $."""
    return bool(word) and all(ch in _SHELL_SAFE for ch in word)


class Completion(str):
    """A completion that was matched here, in any case and against every name
    of a role; Typer keeps only the completions that start with the typed text
    (case-sensitively), so this one tells Typer it does."""

    __slots__ = ()

    def startswith(self, *args: Any, **kwargs: Any) -> bool:
        return True


def _describe(label: str) -> str:
    """A completion description: one line, control characters shown as escapes."""
    from ..inert import menu_line  # a Tab only: keeps inert's regexes off every --help

    return menu_line(label, 80)


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role names matching what was typed, in any case, that never break a command line.

    Ids come first (described by their title), then aliases that can stand
    unquoted. A title or alias with spaces (``Head of Product``) completes to
    its role's id, so the shell never inserts words it would split. With
    nothing typed, only the ids are offered. Completion runs on every Tab, so
    it reads names straight from the TOML and skips the models; any problem
    with the file simply completes nothing.
    """
    from ..names import normalise  # only on a Tab: not worth loading for every command

    prefix = normalise(incomplete)
    ids: list[tuple[str, str]] = []
    aliases: list[tuple[str, str, str]] = []
    offered: set[str] = set()
    for role in _tables(ctx, "roles"):
        rid, title, names = role.get("id"), role.get("title"), role.get("aliases")
        if not isinstance(rid, str) or not _shell_safe(rid):
            continue
        label = _describe(title) if isinstance(title, str) else ""
        others = [n for n in [title, *(names if isinstance(names, list) else [])]
                  if isinstance(n, str)]
        if normalise(rid).startswith(prefix):
            ids.append((rid, label))
            offered.add(rid)
            continue
        for name in others:
            if not normalise(name).startswith(prefix):
                continue
            if _shell_safe(name) and name not in offered:
                aliases.append((name, _describe(f"alias of {rid}: {label}"), rid))
                offered.add(name)
            elif not _shell_safe(name) and rid not in offered:
                ids.append((rid, _describe(f"{name} ({label})" if name != title else label)))
                offered.add(rid)
    # An alias whose role is already offered by id would only repeat it.
    found = ids if not prefix else ids + [(n, d) for n, d, rid in aliases if rid not in offered]
    return [(Completion(name), label) for name, label in found]


def _tables(ctx: typer.Context, key: str) -> list[dict[str, Any]]:
    """The active catalogue's ``[[key]]`` tables as written; none on any problem."""
    data = _catalog_data(ctx)
    found = data.get(key) if data else None
    return [table for table in found if isinstance(table, dict)] if isinstance(found, list) else []


def _catalog_data(ctx: typer.Context) -> dict[str, Any] | None:
    """The raw TOML of the active catalogue for completion, or ``None`` on any problem."""
    # Loaded on a Tab only: every command imports this module for its options.
    from ..catalog import find_source, names_only

    option = _catalog_on_the_line()
    if option is None:
        found = ctx.find_root().params.get("catalog")
        option = found if isinstance(found, str) else None
    try:
        data = names_only(find_source(option))
    except Exception:
        return None
    return data if isinstance(data, dict) else None


def _catalog_on_the_line() -> str | None:
    """The ``--catalog`` the command being completed will use, wherever it is written.

    Click resolves completion from the words before the cursor only, so
    ``pmladder show pro<Tab> --catalog team.toml`` would complete from the
    wrong catalogue. Bash (``COMP_WORDS``) and PowerShell pass the whole line:
    it is read here the way the command will read it (global options hoisted,
    nothing after ``--``, the last one winning). Zsh and fish pass only the
    words before the cursor; Click already reads those.
    """

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS")
    if not line:
        return None
    words = _bash_words(line)
    with contextlib.suppress(UsageError):  # a global option still missing its value
        words = hoist_global_options(words)
    found, _ = leading_global_options(words)
    return found.get("--catalog") or None


def _bash_words(line: str) -> list[str]:
    """The words of a command line after the program's name, as the command gets them.

    Bash splits ``--catalog=a.toml`` and ``:bundled`` at ``=`` and ``:``, then
    joins the pieces with spaces: they are glued back together here.
    """
    import shlex  # only on a Tab: not worth loading for every command

    try:
        words = shlex.split(line)
    except ValueError:  # an unclosed quote while typing
        words = line.split()
    joined: list[str] = []
    glue = False
    for word in words[1:]:
        if word and set(word) <= {"=", ":"}:
            if joined and word.startswith("="):
                joined[-1] += word
            else:
                joined.append(word)
            glue = True
        elif glue and joined:
            joined[-1] += word
            glue = False
        else:
            joined.append(word)
    return joined


def complete_track(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Track ids whose id or name starts with what was typed, in any case."""
    from ..names import normalise  # only on a Tab

    prefix = normalise(incomplete)
    out: list[tuple[str, str]] = []
    for track in _tables(ctx, "tracks"):
        tid, name = track.get("id"), track.get("name")
        if not isinstance(tid, str) or not _shell_safe(tid):
            continue
        label = name if isinstance(name, str) else ""
        if normalise(tid).startswith(prefix) or normalise(label).startswith(prefix):
            out.append((Completion(tid), _describe(label)))
    return out
