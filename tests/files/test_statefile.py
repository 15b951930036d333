"""The live state on disk: it survives a restart, is written atomically, and a damaged file is
reported (and kept aside for the host) instead of crashing the kiosk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import PROGRAMME, at, leercafe
from kiosk.core.live import Live, State, announce, shift, start_item, toggle_blank
from kiosk.core.timeline import snapshot
from kiosk.files import statefile
from kiosk.files.statefile import DamagedState, default_path


def busy_live() -> Live:
    """A host afternoon: a started item, a shift, an announcement, a blank and back."""
    p = leercafe()
    live = shift(Live(), 5, at("14:30"))
    live = start_item(live, p, 3, at("14:55"))
    live = shift(live, 5, at("14:56"))
    live = announce(live, "Koffie staat klaar — ☕ in de foyer")
    live = toggle_blank(toggle_blank(live))
    return live


def leftovers(folder: Path, keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != keep)


# -- round trip ----------------------------------------------------------------------------


def test_round_trip_keeps_state_and_history(tmp_path):
    path = tmp_path / "programme.state.json"
    live = busy_live()
    statefile.write(path, live)
    back = statefile.read(path, leercafe())
    assert back == live
    assert len(back.history) == 6
    assert back.undo().undo().state == live.undo().undo().state
    # the position the host left is what the screen shows after a restart
    s1 = snapshot(leercafe(), live.state, at("15:10"))
    s2 = snapshot(leercafe(), back.state, at("15:10"))
    assert (s2.mode, s2.delay_minutes, s2.now.item.id, s2.announcement) == (
        s1.mode,
        s1.delay_minutes,
        s1.now.item.id,
        s1.announcement,
    )
    assert s2.now.start == s1.now.start


def test_round_trip_of_a_fresh_state(tmp_path):
    path = tmp_path / "s.json"
    statefile.write(path, Live())
    assert statefile.read(path, leercafe()) == Live()


def test_the_file_is_readable_json_with_format_and_version(tmp_path):
    path = tmp_path / "s.json"
    statefile.write(path, busy_live())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "kiosk-live-state"
    assert data["version"] == 1
    assert data["state"]["mode"] == "host"
    assert data["state"]["item_id"] == "lezing-blik-op-de-gemeenschap"
    assert data["state"]["started_at"].startswith("2022-11-22T14:55:00")


def test_a_missing_file_gives_a_fresh_live_state(tmp_path):
    assert statefile.read(tmp_path / "none.json", leercafe()) == Live()
    assert statefile.read(tmp_path / "none.json", leercafe(), keep_aside=False) == Live()
    assert list(tmp_path.iterdir()) == []


def test_write_creates_the_folder(tmp_path):
    path = tmp_path / "deep" / "er" / "s.json"
    statefile.write(path, busy_live())
    assert statefile.read(path, leercafe()) == busy_live()


def test_default_path_is_beside_the_programme():
    assert default_path("programme.yaml") == Path("programme.state.json")
    assert default_path("/srv/kiosk/leercafe.yaml") == Path("/srv/kiosk/leercafe.state.json")
    assert default_path(PROGRAMME) == PROGRAMME.parent / "programme.state.json"


# -- atomic writes -------------------------------------------------------------------------


def test_write_leaves_no_temp_files(tmp_path):
    path = tmp_path / "s.json"
    for n in range(5):
        statefile.write(path, announce(Live(), f"bericht {n}"))
    assert leftovers(tmp_path, path) == []
    assert statefile.read(path, leercafe()).state.announcement == "bericht 4"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    old = busy_live()
    statefile.write(path, old)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        statefile.write(path, announce(Live(), "nieuw"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert statefile.read(path, leercafe()) == old
    assert leftovers(tmp_path, path) == []


def test_a_write_interrupted_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    statefile.write(path, busy_live())
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        statefile.write(path, Live())
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path, path) == []


# -- damaged files -------------------------------------------------------------------------

GOOD = json.loads(statefile.dumps(Live(State(mode="host", item_id="x", started_at=at("15:00")))))


def variant(**changes) -> bytes:
    data = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if key.startswith("state_"):
            data["state"][key[6:]] = value
        else:
            data[key] = value
    return json.dumps(data).encode()


DAMAGED = {
    "garbage bytes": b"\xff\xfe\x00\x81garbage\x00",
    "empty": b"",
    "truncated": statefile.dumps(Live(State(announcement="x"))).encode()[:40],
    "not an object": b"[1, 2, 3]",
    "foreign object": b'{"name": "something else", "version": 1}',
    "wrong version": variant(version=2),
    "no version": b'{"format": "kiosk-live-state", "state": {}}',
    "mode unknown": variant(state_mode="party"),
    "shift is text": variant(state_shift="5"),
    "shift is a bool": variant(state_shift=True),
    "shift is a float": variant(state_shift=5.5),
    "shift absurd": variant(state_shift=10**9),
    "blank is text": variant(state_blank="yes"),
    "item id is a number": variant(state_item_id=3),
    "time is a number": variant(state_started_at=1669125600),
    "time is not a time": variant(state_started_at="gisteren"),
    "unknown field": variant(state_colour="red"),
    "state not an object": variant(state="host"),
    "history not a list": variant(history={"a": 1}),
    "history entry wrong": variant(history=[{"mode": 7}]),
    "nested too deep": b"[" * 100_000 + b"]" * 100_000,
    "over 1 MiB": b'{"format": "kiosk-live-state", "pad": "' + b"x" * (1024 * 1024) + b'"}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_refused_and_kept_aside(tmp_path, content):
    path = tmp_path / "programme.state.json"
    path.write_bytes(content)
    with pytest.raises(DamagedState) as info:
        statefile.read(path, leercafe())
    aside = tmp_path / "programme.state.json.damaged"
    assert info.value.aside == aside
    assert info.value.reason
    assert "\n" not in info.value.reason, "one line for the host"
    assert not path.exists()
    assert aside.read_bytes() == content, "the evidence is kept, never deleted"
    # the host carries on: the next write makes a good file again
    statefile.write(path, Live())
    assert statefile.read(path, leercafe()) == Live()
    assert aside.read_bytes() == content


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_follower_leaves_a_damaged_file_in_place(tmp_path, content):
    path = tmp_path / "programme.state.json"
    path.write_bytes(content)
    with pytest.raises(DamagedState) as info:
        statefile.read(path, leercafe(), keep_aside=False)
    assert info.value.aside is None
    assert path.read_bytes() == content
    assert not (tmp_path / "programme.state.json.damaged").exists()


def test_the_good_variant_used_above_is_itself_readable(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(variant())
    live = statefile.read(path, leercafe())
    assert live.state.item_id == "x" and live.state.started_at == at("15:00")


def test_a_folder_in_place_of_the_file_is_damaged_not_a_crash(tmp_path):
    path = tmp_path / "s.json"
    path.mkdir()
    with pytest.raises(DamagedState):
        statefile.read(path, leercafe())
