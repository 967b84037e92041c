"""One settings object for every entry point: build, search, serve, the analyzers, the web app.

Layered, each layer overriding the one before: built-in defaults → the file named by
`TAIYAKU_CONFIG` (`.toml`, keys in a `[taiyaku]` table or at top level, any case; or
`.py` with upper-case names) → `TAIYAKU_<KEY>` environment variables → values given by
the caller (command-line flags, a test's config). `taiyaku config` prints every resolved
value and the layer it came from.

This package sits below everything else (`analyzers` read the user dictionary and cache
paths here), so it imports nothing of the project's.

Paths default to the source checkout (`data/`, `var/index/`, `var/cache/`) when the code
runs from one; an installed wheel looks for the data the wheel ships under
`<prefix>/share/taiyaku/data` and writes under the current folder's `var/`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

# numpy's OpenBLAS starts a thread per core on import and spins them: ~0.1 s of CPU for a
# one-shot `taiyaku search`, idle threads in every server worker. Nothing here multiplies
# matrices, so one thread; set before any entry point imports numpy (a user's value wins).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "TAIYAKU_"
IN_CHECKOUT = (PROJECT_ROOT / "setup.cfg").is_file()


def data_candidates() -> list[Path]:
    """Where the data folder is looked for, in order (the first that exists wins)."""
    return [PROJECT_ROOT / "data", Path(sys.prefix) / "share" / "taiyaku" / "data"]


def _default_data() -> str:
    found = next((p for p in data_candidates() if (p / "documents.toml").is_file()), None)
    return str(found or data_candidates()[0])


def _var() -> Path:
    return PROJECT_ROOT / "var" if IN_CHECKOUT else Path.cwd() / "var"


# name → (default, meaning). Values from files and the environment take the default's type.
SETTINGS: dict[str, tuple[Any, str]] = {
    "DATA_DIR": (None, "sources and documents.toml (found: see `data_candidates`)"),
    "INDEX_DIR": (None, "where `taiyaku build` publishes and the server reads the index"),
    "CACHE_DIR": (None, "writable cache (jieba's model, ingestion cache)"),
    "USERDICT_ZH": ("", "Chinese user dictionary; empty = <DATA_DIR>/userdict_zh.txt"),
    "PARALLEL_PRIORS": (True, "build: word links start from pairs learned from open parallel text"),
    "DEFAULT_LIMIT": (20, "hits per page when `limit` is not given"),
    "FRAME_ANCESTORS": ("'self'", "CSP frame-ancestors of /embed"),
    "CORS_ORIGINS": ([], "origins allowed to call /api/* from a browser; * = any"),
    "TRUSTED_PROXY_HOPS": (0, "reverse proxies whose X-Forwarded-* headers are trusted"),
    "PUBLIC_URL": ("", "public address for absolute URLs (opensearch.xml)"),
    "DEFAULT_UI": ("en", "interface language when nothing else decides: zh|ja|en"),
    "SEND_FILE_MAX_AGE_DEFAULT": (3600, "seconds browsers may cache /static files"),
    "DRAIN_SECONDS": (20, "`serve`: after SIGTERM, seconds to finish the requests in flight"),
    "WATCHDOG_SECONDS": (20, "`serve`: a worker silent this long is replaced"),
    "PACK_PUBLIC_KEY": ("", "Ed25519 public key (PEM) `taiyaku unpack` trusts signed packs of"),
}


def defaults() -> dict[str, Any]:
    """Built-in values, with the paths resolved for this installation."""
    out = {key: value for key, (value, _) in SETTINGS.items()}
    out["DATA_DIR"] = _default_data()
    out["INDEX_DIR"] = str(_var() / "index")
    out["CACHE_DIR"] = str(_var() / "cache")
    return out


class SettingsError(ValueError):
    """A config file or value that cannot be used; the message says which and why."""


class Settings(Mapping[str, Any]):
    """Resolved values (upper-case keys) and, per key, the layer that set it."""

    def __init__(self, values: dict[str, Any], origins: dict[str, str]):
        self._values = values
        self.origins = origins

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def path(self, key: str) -> Path:
        return Path(self._values[key]).expanduser()

    @property
    def data_dir(self) -> Path:
        return self.path("DATA_DIR")

    @property
    def index_dir(self) -> Path:
        return self.path("INDEX_DIR")

    @property
    def cache_dir(self) -> Path:
        return self.path("CACHE_DIR")

    @property
    def userdict_zh(self) -> Path:
        if self._values["USERDICT_ZH"]:
            return self.path("USERDICT_ZH")
        return self.data_dir / "userdict_zh.txt"


def load(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Defaults → TAIYAKU_CONFIG file → TAIYAKU_* environment → `overrides` (None = unset)."""
    environ = os.environ if environ is None else environ
    values = defaults()
    origins = dict.fromkeys(values, "default")
    if file := environ.get(ENV_PREFIX + "CONFIG"):
        for key, value in load_file(file).items():
            values[key] = _typed(key, value, values)
            origins[key] = f"file {file}"
    for name, raw in environ.items():
        if name.startswith(ENV_PREFIX) and name != ENV_PREFIX + "CONFIG":
            key = name[len(ENV_PREFIX) :]
            values[key] = coerce(raw, values.get(key, ""))
            origins[key] = f"env {name}"
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = _typed(key, value, values)
            origins[key] = "given"
    return Settings(values, origins)


def load_file(path: str) -> dict[str, Any]:
    """Read a `.toml` or `.py` config file; keys are upper-cased (TOML is usually lower)."""
    import tomllib  # only a config file needs it: not imported by every `taiyaku search`

    file = Path(path)
    try:
        if file.suffix == ".toml":
            with file.open("rb") as fh:
                data = tomllib.load(fh)
            data = data.get("taiyaku", data)  # accept a [taiyaku] table or top-level keys
            return {key.upper(): value for key, value in data.items()}
        namespace: dict[str, Any] = {"__file__": str(file)}
        exec(compile(file.read_text(encoding="utf-8"), str(file), "exec"), namespace)
    except (OSError, tomllib.TOMLDecodeError, SyntaxError, UnicodeDecodeError) as err:
        raise SettingsError(f"cannot read the config file {path} (TAIYAKU_CONFIG): {err}") from err
    return {key: value for key, value in namespace.items() if key.isupper()}


def coerce(raw: str, default: Any) -> Any:
    """Turn an environment string into the type of `default`."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as err:
            raise SettingsError(f"{raw!r} is not a whole number") from err
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def _typed(key: str, value: Any, values: Mapping[str, Any]) -> Any:
    """A file or caller value: strings coerced like the environment's, paths as strings."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, str) and not isinstance(values.get(key), str):
        return coerce(value, values.get(key, ""))
    return value
