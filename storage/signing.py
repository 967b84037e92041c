"""Who made a packed generation: an Ed25519 signature, or a digest given out of band.

A generation's `CHECKSUMS.json` travels inside the artifact, so it proves the artifact is
self-consistent, not that the build machine made it: anyone who can alter the files can
rewrite the checksums too, and Whoosh's segment files are pickles, which run code when a
server opens them. A replica therefore installs an artifact only when it is vouched for
by something that does not travel with it: a signature checked against a public key the
replica already holds (`taiyaku keygen` on the build machine, `taiyaku pack --sign-key`),
or the artifact's sha256 digest, printed by `taiyaku pack` and given to `unpack --sha256`.

The signature covers the sha256 digest of the whole artifact (one pass over the file,
any size), prefixed with a context string so it cannot be replayed as anything else.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from storage.checksums import sha256_file

CONTEXT = b"taiyaku-pack-v1 sha256="
SIGNATURE_SUFFIX = ".sig"
MAX_SIGNATURE_BYTES = 4096
_HEX64 = re.compile(r"[0-9a-f]{64}")


class Untrusted(ValueError):
    """The artifact is not vouched for by a key or digest this replica was given."""


digest = sha256_file  # what `taiyaku pack` prints and `unpack --sha256` compares


def generate(private: Path, public: Path) -> None:
    """A new key pair: the private key readable by its owner only (0600), PEM both."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def _private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as err:
        raise Untrusted(f"{path}: not a PEM private key ({err})") from err
    if not isinstance(key, Ed25519PrivateKey):
        raise Untrusted(f"{path}: not an Ed25519 key (make one with `taiyaku keygen`)")
    return key


def public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file; Untrusted with the reason otherwise."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes()[:MAX_SIGNATURE_BYTES])
    except (ValueError, TypeError) as err:
        raise Untrusted(f"{path}: not a PEM public key ({err})") from err
    if not isinstance(key, Ed25519PublicKey):
        raise Untrusted(f"{path}: not an Ed25519 public key (make one with `taiyaku keygen`)")
    return key


def sign(artifact: Path, key_file: Path, sha256: str) -> Path:
    """Write `<artifact>.sig` (JSON: digest and signature) and return its path."""
    key = _private_key(key_file)
    signature = key.sign(CONTEXT + sha256.encode())
    out = artifact.with_name(artifact.name + SIGNATURE_SUFFIX)
    body = {"sha256": sha256, "ed25519": base64.b64encode(signature).decode()}
    out.write_text(json.dumps(body) + "\n", encoding="utf-8")
    return out


def check(
    artifact: Path,
    *,
    sha256: str | None = None,
    key: Path | None = None,
    signature: Path | None = None,
) -> str:
    """The artifact's digest once it is vouched for; Untrusted otherwise.

    With `sha256`, the artifact must have exactly that digest; with `key`, its signature
    (`signature`, default `<artifact>.sig`) must verify under that public key."""
    if sha256 is None and key is None:
        raise Untrusted(
            f"{artifact.name}: not verified: give --sha256 DIGEST (printed by `taiyaku pack`) "
            "or --public-key FILE (setting PACK_PUBLIC_KEY) with the pack's .sig file"
        )
    trusted_key = public_key(key) if key is not None else None
    actual = digest(artifact)
    if sha256 is not None and not hmac.compare_digest(actual, sha256.strip().lower()):
        raise Untrusted(f"{artifact.name}: sha256 {actual} is not the digest given")
    if trusted_key is not None:
        _check_signature(artifact, trusted_key, actual, signature)
    return actual


def _check_signature(
    artifact: Path, key: Ed25519PublicKey, actual: str, signature: Path | None
) -> None:
    sig_file = signature or artifact.with_name(artifact.name + SIGNATURE_SUFFIX)
    try:
        with sig_file.open("rb") as fh:
            body = json.loads(fh.read(MAX_SIGNATURE_BYTES))
        raw = base64.b64decode(body["ed25519"], validate=True)
        claimed = body["sha256"]
    except FileNotFoundError as err:
        raise Untrusted(f"{artifact.name}: no signature file {sig_file.name}") from err
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise Untrusted(f"{sig_file.name}: not a taiyaku signature file") from err
    if not isinstance(claimed, str) or not _HEX64.fullmatch(claimed) or claimed != actual:
        raise Untrusted(f"{sig_file.name}: signs another artifact (digest differs)")
    try:
        key.verify(raw, CONTEXT + actual.encode())
    except InvalidSignature as err:
        raise Untrusted(
            f"{artifact.name}: the signature does not verify with the key given"
        ) from err
