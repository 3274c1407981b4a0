"""What every command shares: the active catalogue, shared options, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ..catalog import Ladder

ENV_VAR = "PMLADDER_CATALOG"
PAGER_VAR = "PMLADDER_PAGER"
"""Pager for long pages, before ``PAGER``; set empty to never page."""
DEFAULT_PAGER = "less -FRX"
"""Used when neither variable is set and ``less`` is installed: -F prints a page
that fits the screen as it is, -R keeps colours, -X leaves it on screen on exit."""

JsonOption = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print JSON instead of tables; 'pmladder schema COMMAND' prints its JSON Schema.",
    ),
]

BriefOption = Annotated[
    bool,
    typer.Option("--brief", "-b", help="Print only the summary at the top of the page."),
]

SvgOption = Annotated[
    str | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        help=(
            "Also save the output, exactly as printed, as an SVG picture in FILE. "
            "Never overwrites: an existing FILE is refused. Not with --json."
        ),
        show_default=False,
    ),
]


_paging = True
"""False for this run when ``--no-pager`` was given."""


class State:
    """Global options, and the catalogue once a command has loaded it."""

    __slots__ = ("_ladder", "catalog_option", "pager")

    def __init__(self, catalog_option: str | None, *, pager: bool = True) -> None:
        self.catalog_option = catalog_option
        self.pager = pager
        self._ladder: Ladder | None = None
        global _paging
        _paging = pager

    def ladder(self) -> Ladder:
        """The active catalogue, read and validated on first use."""
        if self._ladder is None:
            from ..catalog import find_source, load

            source = find_source(self.catalog_option)
            if source.skipped:
                write_stderr(f"warning: {source.skipped}")
            self._ladder = load(source)
        return self._ladder


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = ctx.find_root().obj = State(None)
    return obj


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
    """A completion description on one line, with no control characters."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in label).split())[:80]


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role names matching what was typed, in any case, that never break a command line.

    Ids come first (described by their title), then aliases that can stand
    unquoted. A title or alias with spaces (``Head of Product``) completes to
    its role's id, so the shell never inserts words it would split. With
    nothing typed, only the ids are offered. Completion runs on every Tab, so
    it reads names straight from the TOML and skips the models; any problem
    with the file simply completes nothing.
    """
    from ..names import normalise

    data = _catalog_data(ctx)
    roles = data.get("roles") if data else None
    if not isinstance(roles, list):
        return []
    prefix = normalise(incomplete)
    ids: list[tuple[str, str]] = []
    aliases: list[tuple[str, str, str]] = []
    offered: set[str] = set()
    for role in roles:
        if not isinstance(role, dict):
            continue
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


def _catalog_data(ctx: typer.Context) -> dict[str, Any] | None:
    """The raw TOML of the active catalogue for completion, or ``None`` on any problem."""
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
    from ..cli import GLOBAL_OPTIONS, hoist_global_options
    from ..errors import UsageError

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS")
    if not line:
        return None
    try:
        import shlex

        words = shlex.split(line)
    except ValueError:  # an unclosed quote while typing
        words = line.split()
    # Bash splits "--catalog=a.toml" and ":bundled" at = and :, then joins with spaces.
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
    try:
        args = hoist_global_options(joined)
    except UsageError:
        args = joined
    option: str | None = None
    i = 0
    while i < len(args) and args[i].split("=", 1)[0] in GLOBAL_OPTIONS:
        name, _, value = args[i].partition("=")
        takes_value = GLOBAL_OPTIONS[name] and "=" not in args[i]
        if name == "--catalog":
            if takes_value:
                value = args[i + 1] if i + 1 < len(args) else ""
            option = value or None
        i += 2 if takes_value else 1
    return option


def complete_track(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Track ids whose id or name starts with what was typed, in any case."""
    from ..names import normalise

    data = _catalog_data(ctx)
    tracks = data.get("tracks") if data else None
    if not isinstance(tracks, list):
        return []
    prefix = normalise(incomplete)
    out: list[tuple[str, str]] = []
    for track in tracks:
        if not isinstance(track, dict):
            continue
        tid, name = track.get("id"), track.get("name")
        if not isinstance(tid, str) or not _shell_safe(tid):
            continue
        label = name if isinstance(name, str) else ""
        if normalise(tid).startswith(prefix) or normalise(label).startswith(prefix):
            out.append((Completion(tid), _describe(label)))
    return out


TrackOption = Annotated[
    str | None,
    typer.Option(
        "--track",
        "-t",
        metavar="TRACK",
        help="Only this track: its id (shown by 'pmladder list') or its name, in any case.",
        autocompletion=complete_track,
        show_default=False,
    ),
]


RoleArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role's id, alias or title, in any case: senior-pm, spm, 'Senior Product Manager'.",
        autocompletion=complete_role,
        show_default=False,
    ),
]


_PREFIXES = {"error:": "1;31", "warning:": "1;33", "hint:": "2"}


def format_error_lines(lines: Sequence[str], width: int | None, colour: bool) -> str:
    """Error, warning and hint lines in pmladder's one style, for stderr.

    With a ``width``, each ``error:``/``warning:``/``hint:`` line is wrapped
    between words with a hanging indent; other lines (a catalogue problem's
    ``file:line:column:`` line, the offending source line and its caret) stay
    as they are, for editors and for the caret to point right. With
    ``colour``, the prefix is coloured.
    """
    import textwrap

    out: list[str] = []
    for line in lines:
        prefix = next((p for p in _PREFIXES if line.startswith(p + " ")), None)
        if prefix is None:
            out.append(line)
            continue
        wrapped = [line]
        if width is not None and len(line) > width:
            wrapped = textwrap.wrap(line, width=max(width, 20), subsequent_indent="  ",
                                    break_long_words=False, break_on_hyphens=False)
        if colour:
            wrapped[0] = f"\x1b[{_PREFIXES[prefix]}m{prefix}\x1b[0m{wrapped[0][len(prefix):]}"
        out.extend(wrapped)
    return "\n".join(out) + "\n"


def write_error(lines: Sequence[str]) -> None:
    """Print error lines to stderr: wrapped and coloured when stderr is a terminal."""
    from ..inert import inert

    stream = sys.stderr
    terminal = stream.isatty()
    width = _error_width(stream, terminal)
    colour = (terminal and "NO_COLOR" not in os.environ
              and os.environ.get("TERM", "") != "dumb")
    # A file name, a role name from argv or a key from a file may hold escape
    # sequences: every line is shown inert, whatever built it.
    safe = [inert(part, one_line=True) for line in lines for part in line.split("\n")]
    stream.write(format_error_lines(safe, width, colour))
    stream.flush()


def _error_width(stream: Any, terminal: bool) -> int | None:
    """The width to wrap error lines to on a terminal (``COLUMNS`` first, as
    for the output); none when stderr is a file or a pipe, kept whole for grep.

    Measured on stderr itself: with the output going to a file or a pipe
    (``pmladder show x > out.txt``) stdout has no width to ask, and every
    line used to be wrapped at 80 whatever the terminal.
    """
    import shutil

    if not terminal:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return shutil.get_terminal_size().columns


def write_stderr(message: str) -> None:
    """Write a plain message to stderr, each line inert (see :mod:`pmladder.inert`)."""
    from ..inert import inert

    lines = message.rstrip("\n").split("\n")
    sys.stderr.write("\n".join(inert(line, one_line=True) for line in lines) + "\n")
    sys.stderr.flush()


def svg_target(svg: str | None, json: bool) -> Path | None:
    """Check ``--svg FILE`` before any work is done: the file to write, or ``None``.

    Refuse (usage error) with ``--json``, an empty name, a missing folder, or a
    file that already exists: pmladder never overwrites a file.
    """
    from ..errors import UsageError

    if svg is None:
        return None
    if json:
        raise UsageError(
            "--svg saves the printed tables as a picture and cannot be combined with --json",
            hints=["drop --json to save an SVG, or drop --svg to print JSON"],
        )
    if not svg.strip():
        raise UsageError("--svg needs a file name, e.g. --svg ladder.svg")
    from ..inert import inert

    path = output_path(svg, example="ladder.svg")
    shown = inert(svg, one_line=True)
    try:
        exists = path.is_file()  # a device or /dev/stdout is written through, a file never replaced
        folder = path.is_dir()
        parent_ok = path.parent.is_dir()
    except OSError as error:  # a name too long, a loop of links...
        raise UsageError(f"cannot save {shown}: {error.strerror or error}") from None
    if exists:
        raise UsageError(
            f"{shown} already exists; pmladder never overwrites a file",
            hints=[f"choose another name, e.g. --svg {_shown_free_name(path)}"],
        )
    if folder:
        raise UsageError(f"{shown} is a folder; give a file name, e.g. --svg {path / 'ladder.svg'}")
    if not parent_ok:
        raise UsageError(
            f"cannot save {shown}: the folder {inert(repr(str(path.parent)), one_line=True)} "
            "does not exist"
        )
    return path


def output_path(name: str, *, example: str) -> Path:
    """``name`` as a file to write, refusing one that ends in a slash: that names a
    folder, and ``Path`` would quietly drop the slash and write a file of that name."""
    if name.endswith("/") or (os.altsep is not None and name.endswith((os.sep, os.altsep))):
        from ..errors import UsageError
        from ..inert import inert

        raise UsageError(
            f"{inert(name, one_line=True)} ends with a slash, so it names a folder; "
            f"give a file name, e.g. {inert(name, one_line=True)}{example}"
        )
    return Path(name)


def free_name(path: Path) -> Path:
    """``path`` itself when nothing is there, else the first ``name-2.ext``,
    ``name-3.ext``... beside it that does not exist yet."""
    stem, suffix = path.stem, path.suffix or ".svg"
    candidate = path
    for n in range(2, 1000):
        try:
            if not candidate.exists():
                return candidate
        except OSError:  # too long a name, say: suggest a short one
            break
        candidate = path.with_name(f"{stem}-{n}{suffix}")
    return path.with_name(f"{stem[:16]}-new{suffix}")


def _shown_free_name(path: Path) -> str:
    from ..inert import inert

    return inert(str(free_name(path)), one_line=True)


def save_file(
    path: Path, data: bytes, *, overwrite: bool, exists_hint: Callable[[], str]
) -> None:
    """Write a file by pmladder's one policy (:func:`pmladder.textfile.write_file`),
    turning a refusal into a usage error and a failure into an output error."""
    from ..errors import OutputError, UsageError
    from ..inert import inert
    from ..textfile import WriteFailed, WriteRefused, write_file

    shown = inert(str(path), one_line=True)
    try:
        write_file(path, data, overwrite=overwrite)
    except WriteRefused as error:
        if error.exists:
            raise UsageError(f"{shown} already exists", hints=[exists_hint()]) from None
        raise UsageError(f"cannot write {shown}: {error.message}") from None
    except WriteFailed as error:
        raise OutputError(f"cannot write {shown}: {error.message}") from None


def write_new_file(path: Path, content: str) -> None:
    """Save ``content`` in ``path``, never replacing an existing file (see :func:`save_file`)."""
    save_file(path, content.encode("utf-8"), overwrite=False,
              exists_hint=lambda: "pmladder never overwrites a file; choose another name, "
                                  f"e.g. --svg {_shown_free_name(path)}")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def pager_command() -> str | None:
    """The pager for a long page, or ``None`` to print straight to stdout.

    Never when stdout is not a terminal (piped, redirected), with ``TERM=dumb``,
    with ``--no-pager``, or with ``PMLADDER_PAGER`` (else ``PAGER``) set empty
    or to ``cat``. Without either variable, ``less -FRX`` when installed.
    """
    import shutil

    if not _paging or not stdout_is_terminal() or os.environ.get("TERM", "") == "dumb":
        return None
    command = os.environ.get(PAGER_VAR)
    if command is None:
        command = os.environ.get("PAGER")
    if command is None:
        command = DEFAULT_PAGER if shutil.which("less") else ""
    command = command.strip()
    return None if command in ("", "cat") else command


def run_pager(command: str, page: str) -> bool:
    """Show ``page`` through ``command`` (run by the shell, as git does).

    Returns False when the pager could not be started, so the caller prints
    the page itself.
    """
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(page.encode(sys.stdout.encoding or "utf-8", "replace"))
        process.stdin.close()
    except OSError:
        pass  # the reader quit before the end of the page: that is fine
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs, as in git
    # The shell's "command not found": fall back to printing the page.
    return code != 127
