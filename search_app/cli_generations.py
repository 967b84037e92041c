"""`taiyaku pack` and `taiyaku unpack`: ship one built generation to every replica.

The work is done in `storage.ship`; this module parses options, prints what was done
and maps failures to the documented exit codes (2 not a packed generation, 5 the machine
refused, 6 damaged).
"""

from __future__ import annotations

from pathlib import Path

import click

import settings
from search_app.cli_common import EXIT_DAMAGED, EXIT_ENVIRONMENT, EXIT_USAGE, fail, index_option
from storage.errors import IndexDamaged


@click.command()
@index_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None)
def pack(index_dir: Path | None, output: Path | None) -> None:
    """Pack the live generation (checked byte by byte) into one .tar.gz to ship to replicas."""
    from storage.ship import pack as run

    try:
        out = run(index_dir or settings.load().index_dir, output)
    except IndexDamaged as e:
        fail(str(e), EXIT_DAMAGED)
    except OSError as e:
        fail(f"cannot write {output or 'the artifact'}: {e.strerror or e}", EXIT_ENVIRONMENT)
    click.echo(str(out))


@click.command()
@click.argument("artifact", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@index_option
def unpack(artifact: Path, index_dir: Path | None) -> None:
    """Verify a packed generation and make it live here (servers switch on their next request)."""
    from storage.ship import BadArtifact
    from storage.ship import unpack as run

    try:
        gen = run(index_dir or settings.load().index_dir, artifact)
    except BadArtifact as e:
        fail(str(e), EXIT_USAGE)
    except IndexDamaged as e:
        fail(str(e), EXIT_DAMAGED)
    except OSError as e:
        fail(f"cannot install {artifact.name}: {e.strerror or e}", EXIT_ENVIRONMENT)
    click.echo(f"live: {gen.name}")
