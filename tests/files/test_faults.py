"""A state file anyone in the folder can edit, two hosts on one file, writes cut short: the
kiosk says what happened in one line and keeps going."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROGRAMME, at, leercafe
from kiosk.core.live import Live, start_item
from kiosk.files import statefile


def written_state(path: Path, **state: object) -> None:
    base = {
        "mode": "clock",
        "item_id": None,
        "started_at": None,
        "shift": 0,
        "shift_from": None,
        "announcement": None,
        "blank": False,
    }
    data = {"format": "kiosk-live-state", "version": 1, "state": {**base, **state}, "history": []}
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("state", "why"),
    [
        (
            {"mode": "host", "item_id": "inloop", "started_at": "9999-12-31T23:59:59+00:00"},
            "is not on the event's days",
        ),
        (
            {"mode": "host", "item_id": "inloop", "started_at": "0001-01-01T00:00:00+00:00"},
            "is not on the event's days",
        ),
        (
            {"mode": "host", "item_id": "inloop", "started_at": "2022-11-22T14:00:00"},
            "has no offset",
        ),
        ({"shift": 99999, "shift_from": "2022-11-22T14:00:00+01:00"}, "shift"),
        ({"shift": 800, "shift_from": "2022-11-22T14:00:00+01:00"}, "a shift of 800 min"),
        (
            {"mode": "host", "item_id": "x" * 5000, "started_at": "2022-11-22T14:00:00+01:00"},
            "an item id no programme has",
        ),
        (
            {"mode": "host", "item_id": None, "started_at": "2022-11-22T14:00:00+01:00"},
            "host mode without an item",
        ),
    ],
)
def test_values_no_host_could_have_written_are_a_damaged_state(tmp_path, state, why):
    path = tmp_path / "programme.state.json"
    written_state(path, **state)
    with pytest.raises(statefile.DamagedState) as info:
        statefile.read(path, leercafe())
    assert why in info.value.reason
    assert not path.exists() and info.value.aside.exists(), "kept aside, not lost"


def test_kiosk_now_says_so_in_a_line_and_follows_the_clock(tmp_path):
    state = tmp_path / "s.json"
    written_state(state, mode="host", item_id="inloop", started_at="9999-12-31T23:59:59+00:00")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "now",
            str(PROGRAMME),
            "--at",
            "14:10",
            "--state",
            str(state),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "is not on the event's days; following the clock" in result.stderr
    assert "Opening en welkom" in result.stdout


def test_the_state_file_is_readable_by_others(tmp_path):
    path = tmp_path / "programme.state.json"
    old = os.umask(0o077)  # a strict umask must not make it private
    try:
        statefile.write(path, start_item(Live(), leercafe(), 1, at("14:00")))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_writes_cut_short_are_cleaned_up(tmp_path):
    path = tmp_path / "programme.state.json"
    stale = [tmp_path / f".programme.state.json.{n}.tmp" for n in "abc"]
    for p in stale:
        p.write_text("{half", encoding="utf-8")
    other = tmp_path / ".elders.json.x.tmp"
    other.write_text("", encoding="utf-8")
    assert sorted(statefile.clean_up(path)) == sorted(stale)
    assert not any(p.exists() for p in stale) and other.exists()


def test_one_host_per_state_file(tmp_path):
    path = tmp_path / "programme.state.json"
    first = statefile.HostLock(path)
    first.acquire()
    with pytest.raises(statefile.Taken) as info:
        statefile.HostLock(path).acquire()
    assert info.value.holder == str(os.getpid())
    first.release()
    again = statefile.HostLock(path)
    again.acquire()  # released: the next host may start
    again.release()


def test_a_second_host_is_refused_with_a_line_naming_the_first(tmp_path):
    programme = tmp_path / "programme.yaml"
    programme.write_bytes(PROGRAMME.read_bytes())
    lock = statefile.HostLock(tmp_path / "programme.state.json")
    lock.acquire()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "run", str(programme)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        lock.release()
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"kiosk: {tmp_path / 'programme.state.json'} already has a host (kiosk, pid"
        f" {os.getpid()}); to show what it shows on this screen too, start this one with --follow"
    )
