"""The message to the stage on disk: in the live state file and in the day's log, like the
announcement; a state file written before there were messages still reads."""

from __future__ import annotations

import json

import pytest

from conftest import at, leercafe
from kiosk.core.live import Live, announce, to_stage
from kiosk.core.logbook import Logged
from kiosk.files import statefile


def test_the_message_and_its_history_survive_a_restart(tmp_path):
    path = tmp_path / "programme.state.json"
    live = to_stage(to_stage(announce(Live(), "Koffie"), "Nog 5 min — afronden ☕"), "Vragen?")
    statefile.write(path, live)
    back = statefile.read(path, leercafe())
    assert back == live
    assert back.state.stage_message == "Vragen?"
    assert back.history[-1].stage_message == "Nog 5 min — afronden ☕"


def test_a_state_file_without_the_field_has_no_message(tmp_path):
    path = tmp_path / "programme.state.json"
    data = json.loads(statefile.dumps(announce(Live(), "Koffie")))
    data["state"].pop("stage_message", None)
    path.write_text(json.dumps(data), encoding="utf-8")
    back = statefile.read(path, leercafe())
    assert back.state.announcement == "Koffie" and back.state.stage_message is None


def test_without_a_message_the_file_is_one_a_kiosk_from_before_the_stage_view_reads():
    # such a kiosk takes a field it does not know for damage, and moves the file aside
    data = json.loads(statefile.dumps(to_stage(to_stage(Live(), "Vragen?"), None)))
    assert "stage_message" not in data["state"]
    assert data["history"][-1]["stage_message"] == "Vragen?"


@pytest.mark.parametrize("value", [5, ["a"], True])
def test_a_message_that_is_no_text_is_a_damaged_file(tmp_path, value):
    path = tmp_path / "programme.state.json"
    data = json.loads(statefile.dumps(Live()))
    data["state"]["stage_message"] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(statefile.DamagedState):
        statefile.read(path, leercafe(), keep_aside=False)


def test_the_log_keeps_each_message(tmp_path):
    log = tmp_path / "programme.state.log"
    live = to_stage(Live(), "Microfoon aan")
    statefile.append_log(log, [Logged(at("14:10"), "stage_message", live.state)])
    entries, skipped = statefile.read_log(log)
    assert skipped == 0
    assert [(e.action, e.state.stage_message) for e in entries] == [
        ("stage_message", "Microfoon aan")
    ]
