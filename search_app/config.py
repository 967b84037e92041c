"""Configuration, layered: defaults → optional file → ``TAIYAKU_*`` environment → test config.

The layering follows Flask's tutorial (flaskr): an operator can run the app with no file at
all, pin settings in a Python or TOML file named by ``TAIYAKU_CONFIG``, and override any key
from the environment (containers, systemd units). Environment values are coerced to the type
of the default, so ``TAIYAKU_DEFAULT_LIMIT=50`` is an int and ``TAIYAKU_CORS_ORIGINS`` a list.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    # Where `taiyaku build` writes the index; the engine is opened from here lazily.
    "INDEX_DIR": str(PROJECT_DIR / "var" / "index"),
    # Hits per page on the search page and the API when `limit` is not given.
    "DEFAULT_LIMIT": 20,
    # `Content-Security-Policy: frame-ancestors` for /embed ("'self'" = same origin only).
    "FRAME_ANCESTORS": "'self'",
    # Origins allowed to call /api/* from a browser (the widget on another site); "*" = any.
    "CORS_ORIGINS": [],
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers (including
    # X-Forwarded-Prefix for a sub-path such as /tools/taiyaku/) are trusted. 0 = none.
    "TRUSTED_PROXY_HOPS": 0,
    # The public address of the app (https://search.example.org/taiyaku), used for absolute
    # URLs such as opensearch.xml; empty = from trusted proxy headers or the listen address.
    "PUBLIC_URL": "",
    # Interface language when neither ?ui=, the cookie nor Accept-Language decide: zh|ja|en.
    "DEFAULT_UI": "en",
    # Seconds browsers may cache /static assets.
    "SEND_FILE_MAX_AGE_DEFAULT": 3600,
}

ENV_PREFIX = "TAIYAKU_"


def load_file(path: str) -> dict[str, Any]:
    """Read a ``.toml`` or ``.py`` config file; keys are upper-cased (TOML is usually lower)."""
    file = Path(path)
    if file.suffix == ".toml":
        with file.open("rb") as fh:
            data = tomllib.load(fh)
        data = data.get("taiyaku", data)  # accept a [taiyaku] table or top-level keys
        return {key.upper(): value for key, value in data.items()}
    namespace: dict[str, Any] = {"__file__": str(file)}
    exec(compile(file.read_text(encoding="utf-8"), str(file), "exec"), namespace)
    return {key: value for key, value in namespace.items() if key.isupper()}


def coerce(raw: str, default: Any) -> Any:
    """Turn an environment string into the type of ``default``."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def from_environ(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    """Every ``TAIYAKU_<KEY>`` variable (except TAIYAKU_CONFIG) as a config entry."""
    settings: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == ENV_PREFIX + "CONFIG":
            continue
        key = name[len(ENV_PREFIX) :]
        settings[key] = coerce(raw, DEFAULTS.get(key, ""))
    return settings


def build_config(
    test_config: dict[str, Any] | None = None,
    environ: os._Environ[str] | dict[str, str] | None = None,
) -> dict[str, Any]:
    """Defaults, then the file named by TAIYAKU_CONFIG, then the environment, then tests."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    if environ.get(ENV_PREFIX + "CONFIG"):
        config.update(load_file(environ[ENV_PREFIX + "CONFIG"]))
    config.update(from_environ(environ))
    if test_config:
        config.update(test_config)
    if isinstance(config["CORS_ORIGINS"], str):
        config["CORS_ORIGINS"] = coerce(config["CORS_ORIGINS"], [])
    return config
