"""A cheap guard for CI: the two figures that regress most, start-up and peak memory, each as a
ratio to the floor measured in the same run, against a line with a margin above where the kiosk
stands now. A feature that costs too much fails here, on the day it lands.

    .venv/bin/python benchmarks/guard.py      # about 20 s; exits 1 over a line

The budget itself (benchmarks/run.py BUDGET) is stricter; this only stops a step back. Lower a
line when the kiosk gets faster, so that the margin stays a margin."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import processes

STARTS = 7  # start-ups of each app, taken in turns (the median counts)
# where the kiosk stands (start-up about 1.17x; memory about 1.27x here, as the floor's peak is
# read before its clock has run a minute) and a margin for a noisy machine
LINES = {"startup": 1.35, "memory": 1.32}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kiosk-guard-") as tmp:
        got = processes(repeats=1, starts=STARTS, window=0.5, work=Path(tmp))
    med = statistics.median
    ratios = {
        # start-up: what the kiosk does beyond importing its libraries
        "startup": med(got["kiosk"]["startup"]) / med(got["imports"]["startup"]),
        "memory": med(got["kiosk"]["memory"]) / med(got["floor"]["memory"]),
    }
    failed = False
    for name, ratio in ratios.items():
        ok = ratio <= LINES[name]
        failed |= not ok
        print(
            f"guard: {name} {ratio:.2f}x the floor (line {LINES[name]}x): {'ok' if ok else 'OVER'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
