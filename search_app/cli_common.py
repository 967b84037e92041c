"""What every `taiyaku` command shares: the exit codes, the one-line failure, the options.

Exit codes (the README's table): 0 success, 1 a search found nothing, 2 bad usage, 3 bad
source data, 4 no index yet, 5 the machine refused, 6 damaged index, 141 the reader of the
output went away (`… | head`), 143 stopped by SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click

EXIT_NO_HITS, EXIT_USAGE, EXIT_DATA, EXIT_NO_INDEX = 1, 2, 3, 4
EXIT_ENVIRONMENT, EXIT_DAMAGED = 5, 6
EXIT_TERMINATED = 128 + signal.SIGTERM
# What a shell reports for a program SIGPIPE ended (`taiyaku search … | head -1`): not 1,
# which says the search found nothing.
EXIT_PIPE = 128 + signal.SIGPIPE

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder with documents.toml and the sources [setting DATA_DIR; see `taiyaku config`].",
)
index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Index folder [setting INDEX_DIR; see `taiyaku config`].",
)


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr and the exit code: never a traceback."""
    click.echo(f"taiyaku: error: {message}", err=True)
    sys.exit(code)


class Group(click.Group):
    """The command group: a reader that stops reading (`| head`) ends a command with
    `EXIT_PIPE` and nothing on stderr. (Click would exit 1, a search's "nothing found";
    and output still buffered at exit would print a traceback-like warning.)"""

    def invoke(self, ctx: click.Context):
        try:
            out = super().invoke(ctx)
            sys.stdout.flush()  # inside: a closed pipe fails here, not at interpreter exit
            return out
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no 2nd flush error
            sys.exit(EXIT_PIPE)


class Terminated(BaseException):
    """SIGTERM during a command that writes: unwinds like Ctrl-C, so every cleanup runs."""


@contextlib.contextmanager
def unwinding(unchanged: str) -> Iterator[None]:
    """SIGTERM raises `Terminated` inside, so cleanups run as for Ctrl-C; either ends the
    command with one line saying `unchanged` (what was left as it was) and exit 130 / 143."""

    def raise_terminated(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    except KeyboardInterrupt:
        fail(f"interrupted; {unchanged}", 130)
    except Terminated:
        fail(f"terminated; {unchanged}", EXIT_TERMINATED)
    finally:
        signal.signal(signal.SIGTERM, previous)
