"""A short soak: host keys, announcements, good and bad saves, a damaged state file and
restarts, checked after every step (the long run: `benchmarks/soak.py --minutes 30`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.soak import soak

pytestmark = pytest.mark.slow


async def test_a_day_of_keys_edits_and_damage_keeps_place_screen_and_memory(tmp_path: Path):
    # two compressed days; memory is traced over the second (see `soak`)
    report = await soak(tmp_path, seed=3, steps_per_day=40, days=2)
    assert report.steps == 80 and len(report.memory) == 2
    assert report.keys and report.announcements and report.good_edits and report.bad_edits
    assert report.damages and report.starts > report.days  # at least one restart mid-day
    assert report.second_hosts, "a second host was started, and refused"
