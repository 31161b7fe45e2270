"""Run a command in a child process and measure its CPU time, wall time and peak memory.

A process's peak memory (``ru_maxrss``) survives ``exec`` and starts from its parent's
size at the fork, so a child of a benchmark holding a large data set would report at least
that size. The command is therefore started by a small launcher interpreter, which waits
for it and reports the command's own figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = r"""
import json, os, sys, time
result, out, command = sys.argv[1], sys.argv[2], sys.argv[3:]
started = time.perf_counter()
actions = [(os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
pid = os.posix_spawnp(command[0], command, os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(result, "w") as handle:
    json.dump({"status": os.waitstatus_to_exitcode(status), "wall": wall,
               "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss}, handle)
"""


@dataclass(frozen=True)
class Run:
    cpu: float
    wall: float
    peak_mb: float


def run_measured(command: list[str], stdout: Path) -> Run:
    """Run ``command`` with its standard output in ``stdout``; exit on failure."""
    with tempfile.NamedTemporaryFile(suffix=".json") as result:
        launched = subprocess.run(  # noqa: S603 - our own interpreter and commands
            [sys.executable, "-c", LAUNCHER, result.name, str(stdout), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        figures = json.loads(Path(result.name).read_text() or "{}")
    if launched.returncode != 0 or figures.get("status") != 0:
        sys.exit(f"{command[0]} failed:\n{launched.stderr}")
    return Run(figures["cpu"], figures["wall"], figures["peak_kb"] / 1024)
