"""Where the analyzers find their data and keep their caches (from the project's settings).

jieba writes a 10 MB model cache on first load; by default it lands in the system temp
folder, which may be shared, cleaned or read-only. We keep it in the settings' CACHE_DIR
(`var/cache/` by default; `TAIYAKU_CACHE_DIR` or the config file override it, e.g. for a
read-only install). The Chinese user dictionary is the settings' USERDICT_ZH (by default
`userdict_zh.txt` in the data folder).
"""

from __future__ import annotations

from pathlib import Path

import settings


def cache_dir() -> Path:
    """The writable cache folder, created."""
    path = settings.load().cache_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def userdict_zh() -> Path:
    """The Chinese user dictionary file (it may not exist: then none is loaded)."""
    return settings.load().userdict_zh
