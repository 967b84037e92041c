"""Where the data and the index live by default; environment variables override.

`TAIYAKU_DATA_DIR` (default `data/` in the project) holds the sources and the manifest;
`TAIYAKU_INDEX_DIR` (default `var/index/`) holds the published index generations.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    return Path(os.environ.get("TAIYAKU_DATA_DIR") or PROJECT_ROOT / "data")


def index_dir() -> Path:
    return Path(os.environ.get("TAIYAKU_INDEX_DIR") or PROJECT_ROOT / "var" / "index")
