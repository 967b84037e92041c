"""Run every benchmark in turn (`make bench`): analyzers, start, search, load; print their output.

Each script runs as its own process with the project's virtualenv Python (so one's
memory and warm caches do not flatter the next), under a header with its wall time.
Extra arguments are not forwarded; run a script by hand for its flags (see bench/README.md).
Exit status: 0 when every script ran, else 1 (the scripts report figures, not verdicts).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["bench_analyzers.py", "bench_start.py", "bench_search.py", "bench_load.py"]
TIMEOUT_S = 1800  # per script: a hung benchmark must not hang `make bench`


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def main() -> int:
    failed = []
    for name in SCRIPTS:
        print(f"\n===== {name} " + "=" * max(0, 60 - len(name)), flush=True)
        t = time.perf_counter()
        try:
            rc = subprocess.run([python(), str(ROOT / "bench" / name)], cwd=ROOT, timeout=TIMEOUT_S)
            code = rc.returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
        took = time.perf_counter() - t
        print(f"----- {name}: exit {code}, {took:.1f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
