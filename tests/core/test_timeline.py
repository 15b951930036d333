"""The timeline: what is on now and next at an instant, in clock mode and under the host.

Everything here is pure core: a programme, a live state and an instant in, a snapshot out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from conftest import PROGRAMME, at, leercafe, snap
from kiosk.core.actions import act
from kiosk.core.live import Live, State, follow_clock, reconcile, shift, start_item
from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.core.timeline import AFTER, BEFORE, DURING, Snapshot, Timeline, snapshot
from kiosk.core.times import parse_when
from kiosk.core.words import Words
from kiosk.files.loader import loads

PHASES = (BEFORE, DURING, AFTER)


def idx(item_id: str, programme: Programme | None = None) -> int:
    p = programme or leercafe()
    i = p.index_of(item_id)
    assert i is not None, item_id
    return i


def hm(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%H:%M")


def starts(s: Snapshot) -> list[str]:
    """Every item's expected start under the snapshot's live state, as HH:MM."""
    return [hm(s.entry(i).start) for i in range(len(s.programme.items))]


def programme_text(items: str, language: str = "nl", day: str = "2022-11-22") -> str:
    return (
        f"event:\n  title: Test\n  date: {day}\n  timezone: Europe/Amsterdam\n"
        f"  language: {language}\nprogramme:\n{items}"
    )


# An afternoon with no fixed item: the close (kind end) moves with the delay.
OPEN_END = loads(
    programme_text(
        "  - {start: 10:00, title: Welkom}\n"
        "  - {start: 10:30, title: Lezing}\n"
        "  - {start: 11:00, title: Gesprek}\n"
        "  - {start: 12:00, title: Einde, kind: end}\n"
    )
)
# The same, but the close holds whatever the delay.
FIXED_END = loads(
    programme_text(
        "  - {start: 10:00, title: Welkom}\n"
        "  - {start: 10:30, title: Lezing}\n"
        "  - {start: 11:00, title: Gesprek}\n"
        "  - {start: 12:00, title: Einde, kind: end, fixed: true}\n"
    )
)


# -- the Leercafé as planned ---------------------------------------------------------------


def test_the_leercafe_resolves_to_the_published_and_estimated_times():
    p = leercafe()
    assert [hm(i.start) for i in p.items] == [
        "13:30",
        "14:00",
        "14:22",
        "14:45",
        "15:07",
        "15:30",
        "15:52",
        "16:15",
        "16:37",
        "17:00",
        "18:00",
    ]
    assert [i.estimated for i in p.items] == [False, False] + [True] * 7 + [False, False]
    assert hm(p.close) == "18:00"


# -- clock mode ----------------------------------------------------------------------------


def test_an_item_is_on_from_its_start_inclusive():
    s = snap("14:00")
    assert s.phase == DURING
    assert s.now.item.title == "Opening en welkom"
    s = snapshot(leercafe(), State(), at("14:00") - timedelta(seconds=1))
    assert s.now.item.title == "Inloop"


@pytest.mark.parametrize(
    ("when", "phase", "now", "nxt"),
    [
        ("2022-11-21T20:00", BEFORE, None, "Inloop"),
        ("13:00", BEFORE, None, "Inloop"),
        ("13:29", BEFORE, None, "Inloop"),
        ("13:30", DURING, "Inloop", "Opening en welkom"),
        ("14:10", DURING, "Opening en welkom", "Onderzoek opbouwwerk De Schoor"),
        ("15:20", DURING, "Pauze", "Presentatie drie verschillende praktijken"),
        ("16:59", DURING, "Plenaire afsluiting", "Borrel"),
        ("17:00", DURING, "Borrel", "Einde"),
        ("17:59", DURING, "Borrel", "Einde"),
        ("18:00", AFTER, None, None),
        ("18:30", AFTER, None, None),
        ("2022-11-23T10:00", AFTER, None, None),
    ],
)
def test_phase_now_and_next_through_the_day(when, phase, now, nxt):
    s = snap(when)
    assert s.phase == phase
    assert s.mode == "clock"
    assert s.delay_minutes == 0
    assert (s.now.item.title if s.now else None) == now
    assert (s.next.item.title if s.next else None) == nxt


def test_the_end_is_shown_as_next_at_its_time_but_is_never_now():
    s = snap("17:30")
    assert s.next.item.kind == "end"
    assert (s.next.item.title, hm(s.next.start)) == ("Einde", "18:00")
    assert s.now.item.title == "Borrel"
    for when in ("17:59", "18:00", "18:01", "23:59"):
        s = snap(when)
        assert s.now is None or s.now.item.kind != "end", when


def test_close_from_the_end_item():
    assert hm(snap("17:30").close) == "18:00"
    assert snap("17:59").phase == DURING
    assert snap("18:00").phase == AFTER


def test_close_from_the_last_items_end():
    p = loads(
        programme_text(
            "  - {start: 10:00, title: Ochtend}\n  - {start: 11:00, end: 12:15, title: Lunch}\n"
        )
    )
    assert hm(p.close) == "12:15"
    s = snap("12:00", programme=p)
    assert (s.phase, s.now.item.title, s.next) == (DURING, "Lunch", None)
    assert hm(s.now.end) == "12:15"
    assert s.remaining == timedelta(minutes=15)
    assert snap("12:15", programme=p).phase == AFTER


MIDNIGHT = loads(
    programme_text("  - {start: 20:00, title: Concert}\n  - {start: 21:00, title: Feest}\n")
)


def test_without_a_close_the_last_item_has_an_open_end():
    assert MIDNIGHT.close is None
    s = snap("23:59", programme=MIDNIGHT)
    assert s.phase == DURING
    assert s.now.item.title == "Feest"
    assert s.now.end is None and s.next is None and s.close is None
    assert s.progress is None and s.remaining is None


@pytest.mark.parametrize("when", ["2022-11-23T06:00", "2022-11-25T12:00"])
def test_an_evening_without_a_close_is_over_the_next_morning(when):
    assert snap("2022-11-23T05:59", programme=MIDNIGHT).now.item.title == "Feest"
    s = snap(when, programme=MIDNIGHT)
    assert s.phase == AFTER
    assert s.now is None


def test_progress_and_remaining():
    s = snap("14:11")  # Opening 14:00 to ca. 14:22
    assert s.now.item.title == "Opening en welkom"
    assert hm(s.now.end) == "14:22"
    assert s.progress == pytest.approx(0.5)
    assert s.remaining == timedelta(minutes=11)
    s = snap("14:00")
    assert s.progress == 0.0
    assert s.remaining == timedelta(minutes=22)


def test_clock_mode_expected_times_are_the_planned_ones():
    s = snap("15:00")
    for i, item in enumerate(leercafe().items):
        entry = s.entry(i)
        assert entry.start == item.start
        assert entry.end == item.end
        assert not entry.moved
    assert s.drift_minutes == 0


# -- host mode -----------------------------------------------------------------------------


def host(item_id: str, pressed: str, programme: Programme | None = None) -> Live:
    p = programme or leercafe()
    return start_item(Live(), p, idx(item_id, p), at(pressed, p))


def test_host_keypress_makes_the_item_now_with_the_delay():
    live = host("onderzoek-opbouwwerk-de-schoor", "14:40")  # planned ca. 14:22
    s = snap("14:41", live.state)
    assert s.mode == "host"
    assert s.phase == DURING
    assert s.now.item.id == "onderzoek-opbouwwerk-de-schoor"
    assert hm(s.now.start) == "14:40"
    assert s.delay_minutes == 18
    assert s.next.item.id == "lezing-blik-op-de-gemeenschap"
    assert hm(s.next.start) == "15:03"  # planned 14:45 + 18
    assert s.next.moved


def test_host_item_stays_now_even_before_its_planned_start():
    live = host("borrel", "16:30")  # drinks early: the room runs 30 min ahead
    s = snap("16:31", live.state)
    assert s.now.item.title == "Borrel"
    assert s.delay_minutes == -30


def test_host_delay_stops_at_the_fixed_item_which_keeps_its_time():
    live = host("onderzoek-opbouwwerk-de-schoor", "14:40")
    s = snap("14:41", live.state)
    got = starts(s)
    b = idx("borrel")
    assert got[b] == "17:00"
    assert got[b + 1] == "18:00"  # nothing after the fixed item moves
    assert hm(s.close) == "18:00"
    moved = [s.entry(i).start for i in range(idx("onderzoek-opbouwwerk-de-schoor"), b + 1)]
    assert moved == sorted(moved), "squeezed items keep their order"
    assert all(m <= at("17:00") for m in moved), "nothing is pushed past the fixed item"
    # squeezed: each keeps some time before the next
    assert all(b2 > a2 for a2, b2 in pairwise(moved))
    assert not s.entry(b).moved and not s.entry(b + 1).moved


def test_a_delay_too_big_for_the_room_is_squeezed_before_the_fixed_item():
    live = host("opening-en-welkom", "14:50")  # 50 min late: planned + 50 would pass 17:00
    s = snap("14:51", live.state)
    b = idx("borrel")
    moved = [s.entry(i).start for i in range(idx("opening-en-welkom"), b + 1)]
    assert moved == sorted(moved)
    assert hm(moved[-1]) == "17:00"
    assert all(m < at("17:00") for m in moved[:-1])
    assert hm(s.next.start) == "15:12"  # the next item takes the whole delay: 14:22 + 50


def test_items_that_fit_before_the_fixed_item_are_at_planned_plus_delay():
    live = host("onderzoek-opbouwwerk-de-schoor", "14:40")  # 18 min late; 16:37 + 18 fits
    s = snap("14:41", live.state)
    assert starts(s)[idx("lezing-blik-op-de-gemeenschap") :] == [
        "15:03",
        "15:25",
        "15:48",
        "16:10",
        "16:33",
        "16:55",
        "17:00",
        "18:00",
    ]


def test_the_fixed_item_comes_on_at_its_own_time_while_the_room_runs_late():
    live = host("plenaire-afsluiting", "16:50")  # 13 min late
    assert snap("16:59", live.state).now.item.title == "Plenaire afsluiting"
    s = snap("17:00", live.state)
    assert s.now.item.title == "Borrel"
    assert hm(s.now.start) == "17:00"


def test_items_before_the_host_item_keep_their_times():
    live = host("lezing-blik-op-de-gemeenschap", "15:00")
    assert starts(snap("15:01", live.state))[:3] == ["13:30", "14:00", "14:22"]


def test_the_close_moves_with_the_delay_when_nothing_is_fixed():
    live = host("lezing", "10:40", OPEN_END)  # 10 min late
    s = snap("10:41", live.state, OPEN_END)
    assert s.delay_minutes == 10
    assert starts(s) == ["10:00", "10:40", "11:10", "12:10"]
    assert hm(s.close) == "12:10"
    assert snap("12:05", live.state, OPEN_END).phase == DURING
    # the host has not moved on: the Lezing runs over, and the rest waits for it
    late = snap("12:10", live.state, OPEN_END)
    assert late.phase == DURING and late.now.item.title == "Lezing"
    assert late.overtime_minutes == 60 and hm(late.close) == "13:10"


def test_a_fixed_close_does_not_move():
    live = host("lezing", "10:40", FIXED_END)
    s = snap("10:41", live.state, FIXED_END)
    assert s.delay_minutes == 10
    assert starts(s)[-1] == "12:00"
    assert hm(s.close) == "12:00"
    assert snap("12:00", live.state, FIXED_END).phase == AFTER


def test_a_close_from_the_last_items_end_moves_with_the_delay():
    p = loads(
        programme_text(
            "  - {start: 10:00, title: Welkom}\n  - {start: 10:30, end: 11:30, title: Lezing}\n"
        )
    )
    live = host("welkom", "10:05", p)
    s = snap("10:06", live.state, p)
    assert hm(s.close) == "11:35"
    assert snap("11:32", live.state, p).phase == DURING


def test_running_ahead_gives_a_negative_delay():
    live = host("lezing", "10:20", OPEN_END)
    s = snap("10:21", live.state, OPEN_END)
    assert s.delay_minutes == -10
    assert starts(s) == ["10:00", "10:20", "10:50", "11:50"]
    assert s.drift_minutes == -10
    w = Words("nl")
    assert w.drift(s.drift_minutes) == "loopt ca. 10 min voor"
    assert Words("en").drift(s.drift_minutes) == "running about 10 min early"


def test_shifting_earlier_never_puts_the_next_item_before_the_hosts_start():
    live = host("lezing", "10:30", OPEN_END)
    for minute in range(31, 43, 2):  # six presses of '-': 30 min earlier
        live = shift(live, -5, at(f"10:{minute}", OPEN_END))
    s = snap("10:45", live.state, OPEN_END)
    assert s.delay_minutes == -30
    assert s.now.item.title == "Lezing"
    # 11:00 - 30 min would be 10:30, but the host's item is still on: not before now
    assert hm(s.next.start) == "10:45"
    assert hm(s.close) == "11:45"


def test_shift_in_host_mode_adds_to_the_delay():
    live = host("lezing", "10:40", OPEN_END)
    later = shift(live, 5, at("10:45", OPEN_END))
    s = snap("10:46", later.state, OPEN_END)
    assert s.delay_minutes == 15
    assert hm(s.now.start) == "10:40", "the running item keeps its start"
    assert starts(s)[2:] == ["11:15", "12:15"]
    earlier = shift(shift(later, -5, at("10:47", OPEN_END)), -5, at("10:48", OPEN_END))
    s = snap("10:49", earlier.state, OPEN_END)
    assert s.delay_minutes == 5
    assert starts(s)[2:] == ["11:05", "12:05"]


def test_shift_in_clock_mode_moves_the_rest_not_the_current_item():
    live = shift(Live(), 5, at("14:30"))
    s = snap("14:31", live.state)
    assert s.mode == "clock"
    assert s.delay_minutes == 5
    assert s.now.item.id == "onderzoek-opbouwwerk-de-schoor"
    assert hm(s.now.start) == "14:22" and not s.now.moved
    assert hm(s.next.start) == "14:50"
    assert starts(s)[:3] == ["13:30", "14:00", "14:22"]
    assert starts(s)[idx("borrel") :] == ["17:00", "18:00"]
    # the item runs until the shifted next one
    assert snap("14:47", live.state).now.item.id == "onderzoek-opbouwwerk-de-schoor"
    assert snap("14:50", live.state).now.item.id == "lezing-blik-op-de-gemeenschap"


def test_shift_earlier_in_clock_mode():
    live = shift(Live(), -5, at("14:30"))
    s = snap("14:31", live.state)
    assert s.delay_minutes == -5
    assert hm(s.now.start) == "14:22"
    assert hm(s.next.start) == "14:40"


def test_shift_in_clock_mode_shifts_everything_before_the_start():
    live = shift(Live(), 5, at("09:00", OPEN_END))
    s = snap("09:01", live.state, OPEN_END)
    assert s.phase == BEFORE
    assert starts(s) == ["10:05", "10:35", "11:05", "12:05"]
    assert snap("10:04", live.state, OPEN_END).phase == BEFORE
    assert snap("10:05", live.state, OPEN_END).now.item.title == "Welkom"
    s = snap("13:01", shift(Live(), 5, at("13:00")).state)
    assert (s.phase, s.next.item.title, hm(s.next.start)) == (BEFORE, "Inloop", "13:35")


def test_a_second_shift_in_clock_mode_does_not_move_the_running_item():
    first = act(Live(), Timeline(leercafe(), State()), "later", at("14:30"))
    s = snap("14:52", first.state)
    assert s.now.item.id == "lezing-blik-op-de-gemeenschap"  # started 14:50 (shifted)
    second = act(first, Timeline(leercafe(), first.state), "later", at("14:52"))
    s = snap("14:52", second.state)
    assert s.now.item.id == "lezing-blik-op-de-gemeenschap"
    assert hm(s.now.start) == "14:50"


def test_follow_clock_drops_delay_and_shift():
    live = shift(host("onderzoek-opbouwwerk-de-schoor", "14:40"), 5, at("14:45"))
    assert snap("14:46", live.state).delay_minutes == 23
    back = follow_clock(live)
    assert (back.state.mode, back.state.shift, back.state.item_id) == ("clock", 0, None)
    s = snap("14:46", back.state)
    assert s.mode == "clock"
    assert s.delay_minutes == 0 and s.drift_minutes == 0
    assert starts(s) == [hm(i.start) for i in leercafe().items]
    assert s.now.item.id == "lezing-blik-op-de-gemeenschap"


def test_follow_clock_also_drops_a_clock_mode_shift():
    live = follow_clock(shift(Live(), 10, at("14:30")))
    s = snap("14:31", live.state)
    assert s.delay_minutes == 0
    assert hm(s.next.start) == "14:45"


@pytest.mark.parametrize(
    ("language", "text"), [("nl", "loopt ca. 10 min uit"), ("en", "running about 10 min late")]
)
def test_drift_in_words(language, text):
    live = host("lezing-blik-op-de-gemeenschap", "14:55")  # planned ca. 14:45
    s = snap("14:56", live.state)
    assert s.delay_minutes == 10
    assert s.drift_minutes == 10
    assert Words(language).drift(s.drift_minutes) == text


def test_small_drift_is_not_worth_a_line():
    live = host("lezing-blik-op-de-gemeenschap", "14:46")
    s = snap("14:47", live.state)
    assert s.drift_minutes == 1
    assert Words("nl").drift(s.drift_minutes) == ""


def test_deleted_host_item_falls_back_to_the_clock():
    live = shift(host("lezing-blik-op-de-gemeenschap", "15:00"), 5, at("15:01"))
    edited = loads(
        PROGRAMME.read_text(encoding="utf-8").replace(
            "  - title: Lezing Blik op de gemeenschap\n"
            "    by: Marcel Spierts (zelfstandig onderzoeker en publicist)\n",
            "",
        )
    )
    assert edited.index_of("lezing-blik-op-de-gemeenschap") is None
    fixed, gone = reconcile(live, edited)
    assert gone == "lezing-blik-op-de-gemeenschap"
    assert fixed.state.item_id == "lezing-blik-op-de-gemeenschap", "kept, should it come back"
    s = snapshot(edited, fixed.state, at("15:02"))
    assert s.mode == "clock" and s.delay_minutes == 0


def test_reconcile_keeps_a_host_item_that_still_exists():
    live = host("lezing-blik-op-de-gemeenschap", "15:00")
    same, gone = reconcile(live, leercafe())
    assert gone is None
    assert same == live


def test_a_state_naming_an_unknown_id_is_shown_in_clock_mode_without_error():
    state = State(mode="host", item_id="weg", started_at=at("15:00"))
    s = snap("15:01", state)
    assert s.mode == "clock"
    assert s.now.item.id == "lezing-blik-op-de-gemeenschap"


# -- properties ----------------------------------------------------------------------------

DAY_START = at("00:00")
MINUTES = st.integers(min_value=0, max_value=24 * 60 - 1)
SECONDS = st.integers(min_value=-3600, max_value=26 * 3600)


@st.composite
def programmes(draw) -> Programme:
    """Small valid programmes: some published starts, some estimated, maybe a close."""
    n = draw(st.integers(min_value=1, max_value=7))
    # an ordinary day, and the nights the clocks go forward and back
    day = draw(st.sampled_from(["2022-11-22", "2023-03-26", "2022-10-30"]))
    first = draw(st.integers(min_value=0 if day != "2022-11-22" else 6 * 60, max_value=16 * 60))
    close = draw(st.sampled_from(["end", "none", "last-end"]))
    lines = []
    t = first
    end = t  # with an open end: where the lengths so far reach
    for i in range(n):
        given = i == 0 or draw(st.booleans())
        # an open end: nothing says how long the rest takes, so all but the last get a length
        minutes = draw(st.integers(5, 40)) if close == "none" and i < n - 1 else 0
        length = f", duration: {minutes}" if minutes else ""
        if given:
            t += draw(st.integers(min_value=0, max_value=45)) if i else 0
            t = end = max(t, end)
            lines.append(f"  - {{start: '{t // 60:02d}:{t % 60:02d}', title: Deel {i}{length}}}")
        else:
            lines.append(f"  - {{title: Deel {i}{length}}}")
        end += minutes
    if close == "end":
        t += draw(st.integers(min_value=0, max_value=90))
        lines.append(f"  - {{start: '{t // 60:02d}:{t % 60:02d}', title: Einde, kind: end}}")
    elif close == "last-end":
        t += draw(st.integers(min_value=1, max_value=60))
        lines.append(
            f"  - {{start: '{t // 60:02d}:{t % 60:02d}', end: '{(t + 30) // 60:02d}:"
            f"{(t + 30) % 60:02d}', title: Slot}}"
        )
    try:
        return loads(programme_text("\n".join(lines) + "\n", day=day))
    except ProgrammeError as exc:
        if day != "2022-11-22":
            # the strategy counts wall-clock minutes; on the nights the clocks change the file
            # may name a time that night skips, or give lengths the shorter night cannot hold:
            # refused, as it should be
            reject()
        raise AssertionError(str(exc)) from None


def check_snapshot(s: Snapshot, at: datetime) -> None:
    # instants compared as timestamps: on the night the clocks go back, Python compares two
    # times of one zone by the wall clock, and 02:30 comes twice
    t = at.timestamp()
    assert s.phase in PHASES
    if s.now is not None:
        start, end = s.now.start.timestamp(), s.now.end
        assert s.phase == DURING
        assert start <= t
        # what is on has not ended; the host's item holds, and over time it ends "now"
        held = s.now.started and end is not None and end.timestamp() == t
        assert end is None or end.timestamp() > t or held, "what is on has not ended"
        assert s.now.item.kind != "end"
    elif s.phase == DURING:  # a gap: nothing on until the next start
        assert s.next is not None and s.next.start.timestamp() > t
    if s.next is not None and s.now is not None:
        nxt = s.next.start.timestamp()
        assert s.next.index == s.now.index + 1
        assert nxt >= s.now.start.timestamp()
        # a tie: both starts coincide; or the host's item holds, and what follows waits for it
        waits = s.now.started and nxt == t
        assert nxt > t or nxt == s.now.start.timestamp() or waits


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=-3600, max_value=26 * 3600))
def test_property_leercafe_snapshot_at_any_instant(seconds):
    t = DAY_START + timedelta(seconds=seconds)
    s = snapshot(leercafe(), State(), t)
    check_snapshot(s, t)
    if s.now is not None:
        # clock mode: now is the last item whose start is at or before t
        later = [i for i in leercafe().items[s.now.index + 1 :] if i.kind != "end"]
        assert all(i.start > t for i in later)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes(), st.lists(SECONDS, min_size=2, max_size=12))
def test_property_phases_never_go_backwards(programme, seconds):
    base = parse_when("00:00", programme.event.date, programme.event.timezone)
    last_phase, last_index = 0, -1
    for sec in sorted(seconds):
        t = base + timedelta(seconds=sec)
        s = snapshot(programme, State(), t)
        check_snapshot(s, t)
        phase = PHASES.index(s.phase)
        assert phase >= last_phase, (s.phase, t)
        if s.now is not None:
            assert s.now.index >= last_index
            last_index = s.now.index
            assert s.now.start == programme.items[s.now.index].start
        last_phase = phase


KEYS = ("next", "next", "next", "previous", "later", "earlier", "clock", "undo")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    programmes(),
    st.lists(st.tuples(st.integers(0, 2 * 3600), st.sampled_from(KEYS)), max_size=8),
    st.lists(st.integers(0, 6 * 3600), min_size=1, max_size=6),
)
def test_property_host_keys_at_any_moments(programme, presses, looks):
    """For any programme and host keys: the host's item stays on until a key or a fixed
    start; expected starts never go backwards; nothing ends before it starts."""
    first = programme.items[0].start
    live = Live()
    t = first
    moments = sorted(looks)
    for offset, key in sorted(presses):
        pressed = first + timedelta(seconds=offset)
        live = act(live, Timeline(programme, live.state), key, pressed)
        t = max(t, pressed, key=lambda d: d.timestamp())  # not the wall clock: see above
    timeline = Timeline(programme, live.state)
    for sec in moments:
        now = t + timedelta(seconds=sec)
        s = timeline.snapshot(now)
        check_snapshot(s, now)
        entries = [s.entry(i) for i in range(len(programme.items))]
        starts = [e.start.timestamp() for e in entries]
        assert starts == sorted(starts), "expected starts never go backwards"
        assert all(e.end is None or e.end.timestamp() >= e.start.timestamp() for e in entries)
        if s.mode == "host" and s.phase != AFTER:
            fixed = timeline.fixed
            if fixed is None or now.timestamp() < programme.items[fixed].start.timestamp():
                assert s.now is not None and s.now.index == timeline.base, "the host's item holds"


def test_the_hosts_part_holds_and_runs_over_from_its_first_second_past():
    live = host("opening-en-welkom", "14:00")  # planned 14:00 to ca. 14:22
    on_time = snap("2022-11-22T14:21:59", live.state)
    assert on_time.overtime_minutes == 0 and on_time.remaining.total_seconds() == 1
    just_over = snap("2022-11-22T14:22:30", live.state)
    assert just_over.now.item.id == "opening-en-welkom", "no part starts by itself"
    assert just_over.overtime_minutes == 1, "said at once, not as 'nog 0 min' for a minute"
    assert just_over.next.start == at("2022-11-22T14:22:30"), "what follows waits for the host"
    assert snap("15:10", live.state).overtime_minutes == 48


def test_a_fixed_part_starts_by_the_clock_while_the_hosts_part_is_still_on():
    live = host("plenaire-afsluiting", "16:50")  # planned ca. 16:37 to 17:00, then the drinks
    s = snap("16:59", live.state)
    assert s.now.item.id == "plenaire-afsluiting"
    assert hm(s.next.start) == "17:00", "the drinks keep their time"
    s = snap("17:01", live.state)
    assert s.now.item.id == "borrel", "17:00 came: the fixed part is on, by the clock"
    assert s.overtime_minutes == 0


def test_two_shifts_in_clock_mode_count_once_each():
    first = act(Live(), Timeline(leercafe(), State()), "later", at("14:10"))
    second = act(first, Timeline(leercafe(), first.state), "later", at("14:30"))  # Onderzoek on
    s = snap("14:31", second.state)
    assert s.delay_minutes == 10
    assert hm(s.entry(idx("lezing-blik-op-de-gemeenschap")).start) == "14:55"  # 14:45 + 10


def test_the_hosts_part_is_squeezed_before_a_fixed_one_like_the_rest():
    live = host("presentatie-drie-verschillende-praktijken", "16:40")  # 22 min, drinks at 17:00
    for when in ("16:41", "16:50", "16:59"):
        s = snap(when, live.state)
        assert s.now.end.timestamp() <= s.next.start.timestamp(), when
        later = [s.entry(i) for i in range(s.now.index, idx("borrel"))]
        assert all(e.end is None or e.end.timestamp() <= at("17:00").timestamp() for e in later)
    assert snap("17:01", live.state).now.item.id == "borrel"
