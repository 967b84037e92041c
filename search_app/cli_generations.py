"""`taiyaku pack`, `taiyaku unpack` and `taiyaku keygen`: ship one built generation to replicas.

The work is done in `storage.ship` and `storage.signing`; this module parses
options, prints what was done and maps failures to the documented exit codes (2 not a
packed generation or not verified, 3 a malformed checksum manifest, 5 the machine
refused, 6 damaged or not matching its digest or signature).
"""

from __future__ import annotations

from pathlib import Path

import click

import settings
from search_app.cli_common import (
    EXIT_DAMAGED,
    EXIT_DATA,
    EXIT_ENVIRONMENT,
    EXIT_USAGE,
    fail,
    index_option,
)
from storage.errors import EnvironmentFailure, IndexDamaged

_file = click.Path(path_type=Path, dir_okay=False)


@click.command()
@index_option
@click.option("-o", "--output", type=_file, default=None)
@click.option(
    "--sign-key",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Ed25519 private key (`taiyaku keygen`): also write OUTPUT.sig for replicas.",
)
def pack(index_dir: Path | None, output: Path | None, sign_key: Path | None) -> None:
    """Pack the live generation (checked byte by byte) into one .tar.gz to ship to replicas.

    Prints the artifact, its sha256 (give it to `unpack --sha256`) and, with --sign-key,
    the signature file (replicas holding the public key check it with `unpack --public-key`).
    """
    from storage.ship import pack as run
    from storage.signing import Untrusted, digest, sign

    try:
        out = run(index_dir or settings.load().index_dir, output)
        sha256 = digest(out)
        signed = sign(out, sign_key, sha256) if sign_key else None
    except IndexDamaged as e:
        fail(str(e), EXIT_DAMAGED)
    except Untrusted as e:
        fail(str(e), EXIT_USAGE)
    except OSError as e:
        fail(f"cannot write {output or 'the artifact'}: {e.strerror or e}", EXIT_ENVIRONMENT)
    click.echo(str(out))
    click.echo(f"sha256 {sha256}")
    if signed:
        click.echo(f"signature {signed}")


@click.command()
@click.argument("artifact", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@index_option
@click.option("--sha256", "sha256", default=None, help="The digest `taiyaku pack` printed.")
@click.option(
    "--public-key",
    type=_file,
    default=None,
    help="Trusted Ed25519 public key (PEM) [setting PACK_PUBLIC_KEY].",
)
@click.option("--signature", type=_file, default=None, help="Signature file [ARTIFACT.sig].")
def unpack(
    artifact: Path,
    index_dir: Path | None,
    sha256: str | None,
    public_key: Path | None,
    signature: Path | None,
) -> None:
    """Verify a packed generation and make it live here (servers switch on their next request).

    Refused unless vouched for: its sha256 given with --sha256, or a signature made by
    `pack --sign-key` that verifies with --public-key (or the PACK_PUBLIC_KEY setting).
    """
    from storage.ship import BadArtifact, BadChecksums
    from storage.ship import unpack as run
    from storage.signing import Untrusted

    conf = settings.load()
    key = public_key or (conf.path("PACK_PUBLIC_KEY") if conf["PACK_PUBLIC_KEY"] else None)
    trust = {"sha256": sha256, "key": key, "signature": signature}
    try:
        gen = run(index_dir or conf.index_dir, artifact, trust)
    except Untrusted as e:
        code = EXIT_USAGE if sha256 is None and key is None else EXIT_DAMAGED
        fail(f"{e}; nothing was replaced", code)
    except BadChecksums as e:
        fail(f"{e}; nothing was replaced", EXIT_DATA)
    except BadArtifact as e:
        fail(f"{e}; nothing was replaced", EXIT_USAGE)
    except IndexDamaged as e:
        fail(str(e.message), EXIT_DAMAGED)
    except EnvironmentFailure as e:
        fail(e.message, EXIT_ENVIRONMENT)
    except OSError as e:
        fail(f"cannot install {artifact.name}: {e.strerror or e}", EXIT_ENVIRONMENT)
    click.echo(f"live: {gen.name}")


@click.command()
@click.option("--private", "private", type=_file, required=True, help="Private key file to write.")
@click.option("--public", "public", type=_file, required=True, help="Public key file to write.")
def keygen(private: Path, public: Path) -> None:
    """Make an Ed25519 key pair for signing packs (the private key stays on the build machine)."""
    from storage.signing import generate

    try:
        generate(private, public)
    except FileExistsError:
        fail(f"{private} exists: not overwriting a key", EXIT_USAGE)
    except OSError as e:
        fail(f"cannot write the keys: {e.strerror or e}", EXIT_ENVIRONMENT)
    click.echo(f"private key {private} (keep it on the build machine, mode 0600)")
    click.echo(f"public key {public} (copy it to every replica: PACK_PUBLIC_KEY)")
