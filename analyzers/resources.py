"""Where the analyzers find their data and keep their caches.

jieba writes a 10 MB model cache on first load; by default it lands in the system temp
folder, which may be shared, cleaned or read-only. We keep it in the project's `var/cache/`
(created on demand) so a rebuilt machine warms up once; `TAIYAKU_CACHE_DIR` overrides it,
e.g. for a read-only install.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
USERDICT_ZH = DATA_DIR / "userdict_zh.txt"


def cache_dir() -> Path:
    """The writable cache folder (`$TAIYAKU_CACHE_DIR` or `<project>/var/cache`), created."""
    path = Path(os.environ.get("TAIYAKU_CACHE_DIR") or PROJECT_ROOT / "var" / "cache")
    path.mkdir(parents=True, exist_ok=True)
    return path
