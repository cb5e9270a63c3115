"""Shared CLI output: JSON on stdout, tables through rich, errors on stderr with exit status 2."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import TracebackType
    from typing import Any, NoReturn

    from rich.console import Console

EXIT_BAD_INPUT = 2


def json_text(data: Any) -> str:
    """``data`` as indented JSON, non-ASCII kept, anything else (dates, paths) as its ``str``."""
    import json  # on first use: `diandian --help` prints none

    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def emit_json(data: Any) -> None:
    print(json_text(data))


def say(message: str) -> None:
    """A line for the person at the terminal, on stderr (warnings, progress, errors)."""
    print(message, file=sys.stderr)


def emit(data: Any, as_json: bool, human: Callable[[], None]) -> None:
    """``data`` as JSON with ``--json``, else whatever ``human()`` prints (tables, lines)."""
    if as_json:
        emit_json(data)
    else:
        human()


def table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, unbroken: Sequence[str] = ()
) -> None:
    """``rows`` under ``columns``; the ``unbroken`` columns (ids someone copies) keep each value
    on one line, the others fold to fit the terminal."""
    from rich.cells import cell_len
    from rich.table import Table

    cells = [[str(cell) for cell in row] for row in rows]
    grid = Table(title=title, show_lines=False)
    for index, column in enumerate(columns):
        if column in unbroken:
            # terminal cells, not characters: 人·公里 takes 7, not 4
            widest = max((cell_len(row[index]) for row in cells), default=0)
            grid.add_column(column, no_wrap=True, min_width=max(widest, cell_len(column)))
        else:
            grid.add_column(column, overflow="fold")
    for row in cells:
        grid.add_row(*row)
    console().print(grid)


def console() -> Console:
    """A rich console on stdout whose reader may stop early (``| head``): that ends the command
    through :func:`diandian.cli.main`'s broken-pipe exit (141), not rich's own exit status 1,
    which would read as a negative answer."""
    from rich.console import Console

    terminal = Console()

    def reader_gone() -> None:
        raise BrokenPipeError

    terminal.on_broken_pipe = reader_gone  # type: ignore[method-assign]
    return terminal


def fail(message: str) -> NoReturn:
    say(f"error: {message}")
    sys.exit(EXIT_BAD_INPUT)


def check_arguments(args: Sequence[str]) -> None:
    """Refuse (exit 2) command-line arguments that are not UTF-8, naming the option they belong to.

    Python hands such bytes over as lone surrogates (``$'Lin\\xff'`` -> ``'Lin\\udcff'``),
    which no database, terminal or signature can take; refusing them here, before any command
    runs, means no command can store half of its work and then fail on them.
    """
    for index, arg in enumerate(args):
        if not any("\ud800" <= c <= "\udfff" for c in arg):
            continue
        if arg.startswith("--") and "=" in arg:
            where, _, arg = arg.partition("=")
        elif index and args[index - 1].startswith("-") and args[index - 1] != "-":
            where = args[index - 1]
        else:
            where = f"argument {index + 1}"
        shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
        fail(f"{where}: {shown[:60]!s} contains bytes that are not UTF-8 text [not_utf8]")


class reported_errors:  # lower case: used as `with reported_errors():`, like a function
    """Turn the SDK's own errors into a message on stderr and exit status 2.

    A class rather than a ``contextlib`` generator: this module is imported by ``diandian --help``,
    which has no other use for contextlib.
    """

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        from ..errors import DiandianError, ValidationFailed

        if isinstance(error, ValidationFailed):
            say(f"error: invalid {error.what}:")
            for problem in error.problems:
                say(f"  {problem}")
            sys.exit(EXIT_BAD_INPUT)
        if isinstance(error, DiandianError):
            fail(str(error))
