"""The web app's configuration: the project's settings (`settings.load`) plus a test config.

The layering (defaults → `TAIYAKU_CONFIG` file → `TAIYAKU_*` environment → what the caller
gives) lives in the `settings` package, shared with the CLI and the analyzers, so the
server reads the index from the same place `taiyaku build` publishes it. Flask keys are
the settings' upper-case names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from settings import coerce, defaults, load

DEFAULTS: dict[str, Any] = defaults()


def build_config(
    test_config: dict[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Settings from defaults, the TAIYAKU_CONFIG file and the environment; then `test_config`."""
    config = dict(load(environ=environ))
    if test_config:
        config.update(test_config)
    if isinstance(config["CORS_ORIGINS"], str):
        config["CORS_ORIGINS"] = coerce(config["CORS_ORIGINS"], [])
    return config
