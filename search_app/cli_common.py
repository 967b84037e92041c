"""What every `taiyaku` command shares: the exit codes, the one-line failure, the options.

Exit codes (the README's table): 0 success, 1 a search found nothing, 2 bad usage, 3 bad
source data, 4 no index yet, 5 the machine refused, 6 damaged index, 143 stopped by SIGTERM.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click

EXIT_NO_HITS, EXIT_USAGE, EXIT_DATA, EXIT_NO_INDEX = 1, 2, 3, 4
EXIT_ENVIRONMENT, EXIT_DAMAGED = 5, 6
EXIT_TERMINATED = 128 + signal.SIGTERM

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
