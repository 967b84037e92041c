"""CPU and memory of a process and its children (Linux /proc), for the serving benches.

`taiyaku serve` forks its workers, so the server's cost is the whole tree's. Memory is
given two ways: the sum of RSS counts every shared page once per process (the page
cache of the index map, the copy-on-write heap frozen before the fork), PSS divides
each shared page among the processes sharing it; PSS summed is what the tree costs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def tree(pid: int) -> list[int]:
    """`pid` and every descendant."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in task.read_text().split()]
    return out


def cpu_s(pid: int) -> float:
    """utime + stime of the tree, in seconds (processes that exited are not counted)."""
    return sum(cpu_s_of(p) for p in tree(pid))


def cpu_s_of(pid: int) -> float:
    """utime + stime of one process, in seconds (0 once it has exited)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def memory_mb(pid: int) -> dict[str, float]:
    """Summed RSS and PSS of the tree, in MB, and how many processes it has."""
    rss = pss = 0
    pids = tree(pid)
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return {"rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1), "processes": len(pids)}
