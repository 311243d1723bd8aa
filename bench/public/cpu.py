"""Who used the CPUs while a load ran: the client, gunicorn, the database, the rest.

Read from ``/proc`` (Linux; elsewhere only the client's own time is known):
gunicorn is this process's descendants (the master and its workers); the
database is the PostgreSQL backends connected to the benchmark's database;
"other" is what the whole machine used beyond those three, i.e. work that
is not the benchmark's. Divided by the requests served, the first three are
the CPU cost of a request, which, unlike a rate, does not depend much on
what else the machine is doing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROC = Path("/proc")


class CpuMeter:
    def __init__(self, database: str | None) -> None:
        self.database = database  # PostgreSQL database name, or None

    def read(self) -> dict[str, float]:
        """CPU seconds so far: client, gunicorn, database, machine (all CPUs)."""
        out = {"client": time.process_time()}
        if not (PROC / "stat").exists():
            return out
        stats = _stats()
        children: dict[int, list[int]] = {}
        for pid, (ppid, _ticks, _name) in stats.items():
            children.setdefault(ppid, []).append(pid)
        server, todo = 0, list(children.get(os.getpid(), []))
        while todo:
            pid = todo.pop()
            server += stats[pid][1]
            todo += children.get(pid, [])
        out["gunicorn"] = server / HZ
        if self.database:
            marker = f" {self.database} "
            out["database"] = (
                sum(
                    ticks
                    for pid, (_p, ticks, name) in stats.items()
                    if name == "postgres" and marker in _cmdline(pid)
                )
                / HZ
            )
        out["machine"] = _machine_busy() / HZ
        return out


def _stats() -> dict[int, tuple[int, int, str]]:
    """pid → (parent pid, user + system ticks, command name) of every process."""
    out = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        out[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), name)
    return out


def _cmdline(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _machine_busy() -> int:
    """Busy clock ticks of all CPUs since boot (everything but idle and iowait)."""
    fields = [int(x) for x in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]) - fields[3] - fields[4]
