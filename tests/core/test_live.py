"""The host's live state and the pure actions the keys call: next, previous, clock, ±5 min,
announcement, blank, undo; and their properties over any sequence of presses."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import at, leercafe
from kiosk.core.actions import act
from kiosk.core.live import (
    HISTORY,
    Live,
    State,
    announce,
    follow_clock,
    reconcile,
    shift,
    start_item,
    toggle_blank,
)
from kiosk.core.model import Programme
from kiosk.core.timeline import AFTER, BEFORE, DURING, Timeline, snapshot
from kiosk.files.loader import loads


def press(live: Live, programme: Programme, key: str, now: datetime) -> Live:
    """What a host key does (core.actions, as the app calls it); 'clear' is an empty message."""
    if key in ("announce", "clear"):
        text = f"Mededeling {now:%H:%M}" if key == "announce" else ""
        return act(live, Timeline(programme, live.state), "announce", now, text)
    return act(live, Timeline(programme, live.state), key, now)


# -- single actions ------------------------------------------------------------------------


def test_a_fresh_live_state_follows_the_clock():
    live = Live()
    assert live.state == State()
    assert live.state.mode == "clock" and live.state.item_id is None
    assert live.history == ()


def test_start_item_records_the_host_item_and_the_keypress():
    now = at("14:40")
    live = start_item(Live(), leercafe(), 2, now)
    assert live.state.mode == "host"
    assert live.state.item_id == "onderzoek-opbouwwerk-de-schoor"
    assert live.state.started_at == now
    assert live.history == (State(),)


@pytest.mark.parametrize(("index", "item_id"), [(-3, "inloop"), (99, "einde")])
def test_start_item_stays_inside_the_programme(index, item_id):
    live = start_item(Live(), leercafe(), index, at("15:00"))
    assert live.state.item_id == item_id


def test_starting_a_new_item_drops_the_earlier_shift():
    live = shift(start_item(Live(), leercafe(), 2, at("14:40")), 5, at("14:41"))
    live = start_item(live, leercafe(), 3, at("15:10"))
    assert live.state.shift == 0
    s = snapshot(leercafe(), live.state, at("15:11"))
    assert s.delay_minutes == 25  # 15:10 - ca. 14:45


def test_next_and_previous_keys_walk_the_programme():
    p = leercafe()
    live = press(Live(), p, "next", at("14:30"))  # Onderzoek is on by the clock: next = Lezing
    assert live.state.item_id == "lezing-blik-op-de-gemeenschap"
    live = press(live, p, "next", at("14:50"))
    assert live.state.item_id == "pauze"
    live = press(live, p, "previous", at("14:51"))
    assert live.state.item_id == "lezing-blik-op-de-gemeenschap"
    s = snapshot(p, live.state, at("14:52"))
    assert s.now.item.id == "lezing-blik-op-de-gemeenschap"
    assert s.now.start == at("14:51")


def test_next_before_the_start_starts_the_first_item():
    live = press(Live(), leercafe(), "next", at("13:10"))
    assert live.state.item_id == "inloop"
    s = snapshot(leercafe(), live.state, at("13:11"))
    assert (s.phase, s.now.item.title, s.delay_minutes) == (DURING, "Inloop", -20)


def test_announcement_is_one_clean_line_and_empty_clears_it():
    live = announce(Live(), "  Koffie staat\n klaar  ")
    assert live.state.announcement == "Koffie staat klaar"
    assert snapshot(leercafe(), live.state, at("15:00")).announcement == "Koffie staat klaar"
    cleared = announce(live, "   ")
    assert cleared.state.announcement is None
    assert announce(live, None).state.announcement is None


def test_blank_toggles_and_any_host_key_brings_the_screen_back():
    live = toggle_blank(Live())
    assert live.state.blank
    assert snapshot(leercafe(), live.state, at("15:00")).blank
    assert not toggle_blank(live).state.blank
    assert toggle_blank(live, True) is live  # already blank: nothing to record
    back = press(live, leercafe(), "next", at("15:00"))
    assert not back.state.blank
    assert back.state.mode == "clock", "the key only brought the screen back"


def test_undo_goes_back_one_action_at_a_time():
    p = leercafe()
    a = start_item(Live(), p, 2, at("14:40"))
    b = shift(a, 5, at("14:41"))
    c = announce(b, "Zaal 2 is open")
    assert c.undo().state == b.state
    assert c.undo().undo().state == a.state
    assert c.undo().undo().undo().state == State()
    assert Live().undo() == Live()


def test_undo_of_follow_clock_restores_the_host_position():
    p = leercafe()
    hosted = shift(start_item(Live(), p, 3, at("14:55")), 5, at("14:56"))
    back = follow_clock(hosted).undo()
    assert back.state == hosted.state
    s = snapshot(p, back.state, at("15:00"))
    assert (s.mode, s.delay_minutes) == ("host", 15)


def test_an_action_that_changes_nothing_is_not_an_undo_step():
    live = announce(Live(), "Welkom")
    assert follow_clock(live) is live  # already following the clock
    assert follow_clock(live).undo().state == State()


def test_undo_history_is_bounded():
    live = Live()
    for n in range(HISTORY + 20):
        live = announce(live, f"bericht {n}")
    assert len(live.history) == HISTORY
    assert live.undo().state.announcement == f"bericht {HISTORY + 18}"


def test_reconcile_is_not_an_undo_step_and_keeps_the_history():
    p = leercafe()
    live = start_item(announce(Live(), "Hallo"), p, 3, at("14:55"))
    edited = replace(p, items=tuple(i for i in p.items if i.id != live.state.item_id))
    fixed, gone = reconcile(live, edited)
    assert gone == "lezing-blik-op-de-gemeenschap"
    assert snapshot(edited, fixed.state, at("15:00")).mode == "clock", "the screen: the clock"
    assert fixed.state.announcement == "Hallo", "the announcement stays"
    assert fixed.history == live.history


def test_a_short_lived_save_without_the_hosts_item_keeps_the_place():
    p = leercafe()
    live = start_item(Live(), p, 3, at("14:55"))
    edited = replace(p, items=tuple(i for i in p.items if i.id != live.state.item_id))
    gone, said = reconcile(live, edited, p)
    assert said == "lezing-blik-op-de-gemeenschap"
    again, said = reconcile(gone, edited, edited)
    assert said is None, "said once, when it went"
    back, said = reconcile(again, p, edited)  # the organiser undid the deletion
    assert said is None
    s = snapshot(p, back.state, at("15:00"))
    assert (s.mode, s.now.item.id) == ("host", "lezing-blik-op-de-gemeenschap")


def test_a_host_key_while_the_item_is_gone_gives_up_the_place():
    p = leercafe()
    live = start_item(Live(), p, 3, at("14:55"))
    edited = replace(p, items=tuple(i for i in p.items if i.id != live.state.item_id))
    live, _ = reconcile(live, edited, p)
    live = press(live, edited, "later", at("15:00"))  # on the clock's screen: 5 min later
    back, _ = reconcile(live, p, edited)
    assert snapshot(p, back.state, at("15:01")).mode == "clock"


def test_reconcile_in_clock_mode_changes_nothing():
    live = announce(Live(), "Hallo")
    assert reconcile(live, leercafe()) == (live, None)


# -- properties ----------------------------------------------------------------------------

KEYS = ("next", "previous", "clock", "later", "earlier", "announce", "clear", "blank", "undo")
SMALL = loads(
    "event: {title: Klein, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
    "programme:\n"
    "  - {start: 10:00, title: A}\n"
    "  - {title: B}\n"
    "  - {title: B}\n"
    "  - {start: 10:30, title: Vast, fixed: true}\n"
    "  - {start: 11:00, title: C, duration: 10}\n"
    "  - {start: 11:30, title: Einde, kind: end}\n"
)
PROGRAMMES = st.sampled_from(["leercafe", "small"])
STEPS = st.lists(
    st.tuples(st.sampled_from(KEYS), st.integers(min_value=0, max_value=40 * 60)),
    min_size=1,
    max_size=40,
)


def programme_named(name: str) -> Programme:
    return leercafe() if name == "leercafe" else SMALL


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROGRAMMES, st.integers(min_value=-90 * 60, max_value=10 * 3600), STEPS)
def test_property_any_sequence_of_host_keys_stays_inside_the_programme(name, begin, steps):
    p = programme_named(name)
    ids = {i.id for i in p.items}
    t = p.items[0].start + timedelta(seconds=begin)
    live = Live()
    for key, gap in steps:
        t = t + timedelta(seconds=gap)
        before = live
        live = press(live, p, key, t)
        s = live.state
        assert s.mode in ("clock", "host")
        if s.mode == "host":
            assert s.item_id in ids
            assert s.started_at is not None and s.started_at <= t
        else:  # a clock-mode shift pins what was on; nothing else names an item
            assert s.item_id is None or (s.item_id in ids and s.shift_from is not None)
        assert len(live.history) <= HISTORY
        for probe in (t, t + timedelta(minutes=7)):
            snap = snapshot(p, s, probe)
            assert snap.phase in (BEFORE, DURING, AFTER)
            assert snap.mode == s.mode
            if snap.now is not None:
                assert p.items[snap.now.index].id == snap.now.item.id
                assert snap.now.item.kind != "end"
                assert snap.now.start <= probe
            if snap.phase == AFTER:
                assert snap.now is None and snap.next is None
        if key != "undo" and live is not before:
            assert live.undo().state == before.state


@settings(max_examples=120, deadline=None)
@given(PROGRAMMES, STEPS)
def test_property_undo_restores_the_previous_state_exactly(name, steps):
    p = programme_named(name)
    t = at("13:00", p)
    live = Live()
    for key, gap in steps:
        t = t + timedelta(seconds=gap)
        new = press(live, p, key, t)
        if key == "undo":
            live = new
            continue
        if new.state != live.state:
            assert new.undo().state == live.state
            if len(live.history) < HISTORY:  # nothing fell off the end: exactly as before
                assert new.undo() == live
        else:
            assert new is live, "an action that changes nothing records nothing"
        live = new


def test_previous_before_the_start_and_next_after_the_close_do_nothing():
    p = leercafe()
    assert press(Live(), p, "previous", at("12:00")) == Live()
    assert press(Live(), p, "next", at("18:30")) == Live()
    back = press(Live(), p, "previous", at("18:30"))  # after the close: the last part again
    assert p.items[p.index_of(back.state.item_id)].id == "borrel"
