"""The Typer app: global options, command registration, and the one place
where expected errors become messages and exit codes.

Commands live in :mod:`pmladder.commands`, one module each; they parse
options, call the core, and hand the result to a view.
"""

import contextlib
import errno
import importlib
import io
import os
import re
import shutil
import sys
import traceback
from difflib import get_close_matches
from typing import Annotated, Any, NoReturn

import typer
from typer._click.exceptions import ClickException
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info

from . import __version__
from .commands import common, messages, pager
from .commands.coercion import skip_needless_conversion
from .commands.global_options import hoist_global_options
from .errors import CatalogError, ExitCode, PmladderError, UsageError

BUG_EXIT = 70
"""Exit code of an unexpected error, i.e. a bug in pmladder (EX_SOFTWARE)."""
INTERRUPTED = "interrupted; nothing was saved"
ISSUES_HINT = "this is a bug in pmladder; please report it with the command you ran and this output"


MAX_PROBLEMS_SHOWN = 100
"""A catalogue with more problems shows the first ones (in file order) and a count."""


def report(error: PmladderError, command: str | None = None) -> None:
    """Print an expected error to stderr: one line, then any hints, never a traceback."""

    lines = [f"error: {error.message}"]
    if isinstance(error, CatalogError):
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            lines.append(problem.format(error.file))
            lines.extend(problem.context)
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"... and {len(error.problems) - MAX_PROBLEMS_SHOWN:,} more; "
                         "fix these first, then check again")
        if error.problems and error.file != "bundled catalogue" and command != "validate":
            lines.append(f"hint: run 'pmladder validate {error.file}' after fixing the file")
    lines.extend(f"hint: {hint}" for hint in error.hints)
    messages.write_error(lines)


def report_usage(error: Exception, command_path: str) -> None:
    """Print a usage error found while parsing the command line (Typer's own
    errors: unknown option, missing argument...) in pmladder's style."""
    message = getattr(error, "format_message", lambda: str(error))()
    message = message.strip().rstrip(".")
    hints = []
    # Click appends its suggestions to the message; pmladder gives them a hint line.
    found = re.fullmatch(r"(.*?)\s*(?:\(Possible options: (.*)\)|Did you mean (\S+)\?)",
                         message, flags=re.S)
    if found:
        message = found.group(1).rstrip(".")
        hints.append(f"did you mean: {found.group(2) or found.group(3)}?")
    # Typer's messages are sentences; pmladder's lines start in lower case.
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        message = message[0].lower() + message[1:]
    hints.append(f"run '{command_path} -h' for help")
    messages.write_error([f"error: {message}", *(f"hint: {h}" for h in hints)])


NARROW_HELP = 80
"""Below this width, help is plain text: Typer's boxed panels cut option names."""


def help_markup() -> Any:
    """Typer's boxed help on a wide terminal; plain, wrapped help on a narrow one."""
    return "rich" if shutil.get_terminal_size().columns >= NARROW_HELP else None


COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("listing", "Show the ladder by track and level, each role with where it leads."),
    "show": ("show", "Show one role in full."),
    "path": ("path", "Show the route between two roles and the gap at each step."),
    "compare": ("compare", "Compare two or more roles side by side."),
    "search": ("search", "Find the roles that involve a skill, tool or framework."),
    "ladder": ("drawing", "Draw the whole ladder: tracks side by side, levels top to bottom."),
    "validate": ("validate", "Check a catalogue file and report every problem in it."),
    "schema": ("schema", "Print a JSON Schema (draft 2020-12): of a catalogue file, "
               "or of a command's --json."),
    "export": ("export", "Write the active catalogue as TOML, JSON, Markdown or a picture."),
    "assess": ("assess", "Rate yourself: the roles you fit now and the route to the one you want."),
    "site": ("site", "Build a static website of the catalogue in DIR."),
    "diff": ("diff", "Show what changed between two catalogues for the people on the ladder."),
}
"""Each command's name, its module in :mod:`pmladder.commands` and its one-line
summary, in the order the help lists them. The help list needs nothing more, so
a run imports only the module of the command it runs (tests/test_cli_conventions.py
checks the summaries against the commands' own help)."""

commands = typer.Typer()
"""The subcommands loaded so far: a command's module registers it here when it
is run or its help is shown, and it is turned into a click command then."""


def load_command(name: str) -> Any:
    """The registered Typer command info of ``name``, importing its module on first use."""
    found = next((info for info in commands.registered_commands if info.name == name), None)
    if found is None:
        importlib.import_module(f"{__package__}.commands.{COMMANDS[name][0]}").register(commands)
        found = next(info for info in commands.registered_commands if info.name == name)
    return found


class PmladderGroup(TyperGroup):
    """The top-level group: builds subcommands on demand, and maps
    :class:`PmladderError` to its message and exit code for every command."""

    _listing = False

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        # Plain help wraps to the real width (Click would stop at 50 columns).
        extra.setdefault("terminal_width", shutil.get_terminal_size().columns)
        return super().make_context(info_name, args, parent, **extra)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            args = hoist_global_options(args)
        except UsageError:
            if not ctx.resilient_parsing:  # completing a half-typed line is no error
                raise
        skip_needless_conversion(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if args and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.5)
            hints = [f"did you mean: {', '.join(close)}?"] if close else []
            hints.append("run 'pmladder -h' to see every command")
            raise UsageError(f"no command named {name!r}", hints=hints)
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run with pmladder's error style for every error, Typer's included."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except ClickException as error:
            if type(error).__name__ != "NoArgsIsHelpError":  # that one printed the help
                ctx = getattr(error, "ctx", None)
                report_usage(error, ctx.command_path if ctx is not None else "pmladder")
            sys.exit(error.exit_code)
        except typer.Abort:
            messages.write_error(["error: aborted"])
            sys.exit(1)
        except Exception as error:
            if not isinstance(error, PmladderError):
                raise
            report(error)
            sys.exit(int(error.exit_code))
        sys.exit(result if isinstance(result, int) else 0)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        built = self.commands.get(cmd_name)
        if built is not None:
            return built
        if cmd_name not in COMMANDS:
            return None
        if self._listing:
            # The top-level help needs only each command's name and summary.
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name][1])
        info = load_command(cmd_name)
        markup = help_markup()
        built = self.commands[cmd_name] = get_command_from_info(
            info, pretty_exceptions_short=False, rich_markup_mode=markup
        )
        if markup is None:
            # A narrow terminal: "<catalog|list|show|...>" after a name would
            # overflow the line; the option's help names the choices.
            for param in built.params:
                if hasattr(param, "show_choices"):
                    param.show_choices = False
        skip_needless_conversion(built.get_params(ctx))
        return built

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        self.rich_markup_mode = help_markup()
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, EOFError, typer.Abort):
            # Before click turns it into "Aborted!" and exit 1 ("nothing found").
            messages.write_stderr(INTERRUPTED)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away: of stdout, or of a pipe named by -o or --svg
            # (`export -o /dev/stdout | head -c1`). Stop quietly, before click
            # turns it into exit 1.
            _silence_stdout()
            raise typer.Exit(0) from None
        except Exception as error:
            if not isinstance(error, PmladderError):
                raise
            report(error, ctx.invoked_subcommand)
            raise typer.Exit(int(error.exit_code)) from None


app = typer.Typer(
    name="pmladder",
    cls=PmladderGroup,
    help=(
        "Explore the product management career ladder: roles, routes between them, "
        "and the gap to close at each step. The options below work before or after "
        "the command."
    ),
    epilog="Example: pmladder path apm cpo",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"pmladder {__version__}")
        except BrokenPipeError:
            # The reader went away: a success, as for any output (click would exit 1).
            _silence_stdout()
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            metavar="FILE",
            help=(
                "Use this catalogue file instead of the bundled one "
                f"(also: ${common.ENV_VAR}, or a pmladder.toml in this folder or a parent); "
                ":bundled for the bundled one, whatever is found."
            ),
            show_default=False,
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help=(
                "Print long pages straight to the terminal instead of through a pager "
                f"(also: {pager.PAGER_VAR}= set empty)."
            ),
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Explore the product management career ladder: roles, routes between them,
    and the gap to close at each step.
    """
    ctx.obj = common.State(catalog, pager=not no_pager)


class _Output:
    """Standard output, with every failure to write it tagged as :class:`OutputFailed`.

    Rich, click and pmladder all write through ``sys.stdout``; wrapping it
    once tells a full disk or a closed descriptor apart from a bug.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """What ``sys.stdout`` is when the descriptor was closed (``>&-``): every write fails."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise io.UnsupportedOperation("standard output is closed")


class OutputFailed(Exception):
    """Writing to standard output failed."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.reason = str(error.strerror or error)


def _prepare_streams() -> None:
    """Make stdout and stderr safe to write: present, never failing on encoding."""
    if sys.stderr is None:  # 2>&- : errors have nowhere to go, exit codes still tell
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if stream is not None and not encoding.startswith("utf"):
            # PYTHONIOENCODING=latin-1, LC_ALL=C: a character the terminal can't
            # show becomes '?', rather than the whole command failing.
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")
    sys.stdout = _Output(sys.stdout if sys.stdout is not None else _Closed())


def _output_failed(reason: str) -> int:
    messages.write_stderr(f"error: cannot write the output: {reason}")
    _silence_stdout()
    return int(ExitCode.CANNOT_WRITE)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so nothing left in a buffer fails again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass


def _stdout_identity() -> tuple[int, int] | None:
    """What file descriptor 1 is (device and inode), or ``None`` if it is closed."""
    try:
        found = os.fstat(1)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _devnull_identity() -> tuple[int, int] | None:
    try:
        found = os.stat(os.devnull)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _silenced_by_rich(stdout_was: tuple[int, int] | None) -> bool:
    """Whether stdout, once something else, now is /dev/null: what Rich's
    ``Console.on_broken_pipe`` does before it exits 1."""
    now = _stdout_identity()
    return stdout_was is not None and now != stdout_was and now == _devnull_identity()


def run() -> NoReturn:
    """Run the app as a program: handle output failures, interrupts and bugs.

    Exit codes beyond the commands' own: 4 when the output could not be
    written (a full disk, a closed stdout), 130 on Ctrl-C, 70 on a bug.
    """
    _prepare_streams()
    sys.exit(_run())


def _run() -> int | str | None:
    """Run the app; what :func:`sys.exit` would be given."""
    stdout_was = _stdout_identity()
    code: int | str | None
    try:
        app(prog_name="pmladder")
        code = 0
    except SystemExit as done:
        code = done.code
        if code == 1 and _silenced_by_rich(stdout_was):
            # Rich, finding the reader gone while printing help (`pmladder --help
            # | head -1`), points stdout at /dev/null and exits 1, which here means
            # "nothing found": the reader had what it wanted, so it is a success.
            code = 0
    except BrokenPipeError:
        # The reader went away (`pmladder list | head -1`): stop quietly.
        _silence_stdout()
        return 0
    except OutputFailed as error:
        return _output_failed(error.reason)
    except KeyboardInterrupt:
        messages.write_stderr(INTERRUPTED)
        return 130
    except Exception:
        with contextlib.suppress(OSError, ValueError):  # stderr unwritable: the code says it
            traceback.print_exc()
            sys.stderr.write(f"\n{ISSUES_HINT}\n")
            sys.stderr.flush()
        return BUG_EXIT
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OutputFailed as error:
        return _output_failed(error.reason)
    return code
