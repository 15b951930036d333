"""The last minutes of a part, turns within a part, and when the kiosk rings."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import TABLES, at, leercafe, snap
from kiosk.core.bell import rings
from kiosk.core.live import Live, start_item
from kiosk.core.timeline import snapshot
from kiosk.core.turns import turn_at
from kiosk.core.view import board
from kiosk.core.words import Words
from kiosk.files.loader import load, loads

NL, EN = Words("nl"), Words("en")


def tables():
    return load(TABLES)


# -- wrap-up -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "stage", "qualifier", "words"),
    [
        ("14:10", "", "nog", "nog 12 min"),  # Opening en welkom, 14:00-14:22
        ("14:17", "wrap", "afronden", "afronden · nog 5 min"),
        ("14:20", "wrap", "afronden", "afronden · nog 2 min"),
        ("14:21", "last", "bijna tijd", "bijna tijd · nog 1 min"),
    ],
)
def test_the_last_minutes_of_a_part_warn_in_words_as_well(when, stage, qualifier, words) -> None:
    now = board(snap(when), NL).now
    assert now is not None and now.big is not None
    assert (now.stage, now.big.qualifier, now.left) == (stage, qualifier, words)


def test_over_time_is_the_last_stage() -> None:
    p = leercafe()
    live = start_item(Live(), p, 1, at("14:00"))  # the opening, held by the host
    now = board(snapshot(p, live.state, at("14:25")), NL).now
    assert now is not None and now.stage == "over" and now.big is not None
    assert now.big.qualifier == "uitloop"


def test_breaks_drinks_and_the_walk_in_do_not_wrap_up() -> None:
    for when in ("13:57", "15:29", "17:57"):  # walk-in, a break, drinks: their own looks
        now = board(snap(when), NL).now
        assert now is not None and now.stage == ""


def test_wrap_up_minutes_per_event_and_per_item() -> None:
    text = TABLES.read_text().replace("wrap_up: [5, 1]", "wrap_up: [10, 3]")
    text = text.replace(
        "{start: 14.00, title: Opening en welkom, by: De Schoor}",
        "{start: 14.00, title: Opening en welkom, by: De Schoor, wrap_up: false}",
    )
    p = loads(text)
    assert p.event.wrap_up == (10, 3) and p.items[1].wrap_up == ()
    opening = board(snapshot(p, Live().state, at("14:18", p)), NL).now
    assert opening is not None and opening.stage == ""
    talk = board(snapshot(p, Live().state, at("14:30", p)), NL).now  # ends ca. 14:38
    assert talk is not None and talk.stage == "wrap"
    assert (
        board(snapshot(p, Live().state, at("14:36", p)), EN).now.left == "nearly time · 2 min left"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("wrap_up: [1, 5]", "the larger first"),
        ("wrap_up: [5, 3, 1]", "one or two minutes"),
        ("wrap_up: [soon]", "'soon' is not minutes"),
        ("url: movisie.nl", "is not a web address"),
        ("bell: maybe", "bell must be true or false"),
    ],
)
def test_wrap_up_url_and_bell_mistakes_name_the_line(text: str, said: str) -> None:
    from kiosk.core.problems import ProgrammeError

    key = text.split(":")[0]
    source = re.sub(rf"(?m)^  {key}: .*$", f"  {text}", TABLES.read_text(), count=1)
    with pytest.raises(ProgrammeError) as caught:
        loads(source, "tables.yaml")
    line = next(n for n, row in enumerate(source.splitlines(), 1) if row == f"  {text}")
    assert any(
        said in problem.message and problem.line == line for problem in caught.value.problems
    ), caught.value.problems


# -- turns ---------------------------------------------------------------------------------


def test_three_rounds_of_the_dialogue_tables() -> None:
    p = tables()
    tables_at = [i.title for i in p.items].index("Dialoogtafels met uitwisseling in kleine groepen")
    s = snapshot(p, Live().state, at("15:56", p))
    assert s.now is not None and s.now.index == tables_at  # ca. 15:55 to 16:40
    turn = turn_at(s.now, s.at)
    assert turn is not None and (turn.number, turn.of) == (1, 3)
    assert turn.end - turn.start == timedelta(minutes=15)
    assert board(s, NL).now.turn == "ronde 1 van 3 · wisselen over 14 min"
    later = snapshot(p, Live().state, s.now.start + timedelta(minutes=21))
    assert board(later, EN).now.turn == "round 2 of 3 · switch in 9 min"
    last = snapshot(p, Live().state, at("16:30", p))
    assert board(last, NL).now.turn == "ronde 3 van 3"


def test_rotate_gives_turns_of_its_length_and_the_last_what_is_left() -> None:
    p = loads(TABLES.read_text().replace("rounds: 3 ", "rotate: 20m "))
    s = snapshot(p, Live().state, at("16:36", p))  # 15:55 + 2 x 20 min: the third, 5 min
    turn = turn_at(s.now, s.at)
    assert turn is not None and (turn.number, turn.of) == (3, 3)
    assert turn.end == s.now.end


def test_turns_need_an_end() -> None:
    from kiosk.core.problems import ProgrammeError

    text = (
        "event: {title: T, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        "programme:\n  - {start: 14:00, title: A}\n  - {start: 15:00, title: Tafels, rounds: 3}\n"
    )
    with pytest.raises(ProgrammeError, match=r"t\.yaml:4: rounds and rotate need the part's end"):
        loads(text, "t.yaml")


@given(
    rounds=st.integers(2, 12),
    minutes=st.integers(10, 240),
    offset=st.floats(0, 1, allow_nan=False),
)
@example(rounds=9, minutes=20, offset=1 / 3)  # a moment on a change, to the microsecond
def test_turns_cover_the_part_in_order(rounds: int, minutes: int, offset: float) -> None:
    text = (
        "event: {title: T, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        f"programme:\n  - {{start: 14:00, title: Tafels, rounds: {rounds}, duration: {minutes}}}\n"
    )
    p = loads(text)
    entry = snapshot(p, Live().state, at("14:00", p)).now
    moment = entry.start + (entry.end - entry.start) * offset
    turn = turn_at(entry, moment)
    assert turn is not None and 1 <= turn.number <= rounds and turn.of == rounds
    assert turn.start <= moment <= turn.end or turn.number == rounds
    assert entry.start <= turn.start < turn.end <= entry.end


# -- the bell ------------------------------------------------------------------------------


def ticks(p, start: str, seconds: int, state=None):
    """Snapshots a second apart from `start` on."""
    state = state or Live().state
    first = at(start, p)
    return [snapshot(p, state, first + timedelta(seconds=n)) for n in range(seconds)]


def rung(shots) -> list[str]:
    return [b.at.strftime("%H:%M:%S") for a, b in itertools.pairwise(shots) if rings(a, b)]


def test_the_bell_rings_once_as_a_break_ends() -> None:
    p = tables()  # the first break: ca. 14:57 to 15:17
    restart = snapshot(p, Live().state, at("15:00", p)).next.start
    shots = ticks(p, (restart - timedelta(seconds=5)).strftime("%H:%M:%S"), 10)
    assert rung(shots) == [restart.strftime("%H:%M:%S")]


def test_the_bell_rings_at_each_change_of_tables_and_not_at_their_end() -> None:
    p = tables()
    state = Live().state
    first = at("15:54", p)
    shots = [snapshot(p, state, first + timedelta(seconds=15 * n)) for n in range(4 * 50)]
    # the second break ends at ca. 15:55, the turns change at ca. 16:10 and 16:25; the
    # tables' end (16:40) is not a break's end: no bell
    assert [t[:5] for t in rung(shots)] == ["15:55", "16:10", "16:25"]


def test_the_bell_rings_once_as_the_hosts_part_runs_over() -> None:
    p = tables()
    live = start_item(Live(), p, 1, at("14:00", p))  # planned 14:00 to ca. 14:19
    shots = ticks(p, "14:18:50", 80, live.state)
    assert rung(shots) == ["14:19:01"]


def test_no_bell_when_the_event_says_so_or_at_the_start() -> None:
    p = loads(TABLES.read_text().replace("bell: true", "bell: false"))
    restart = snapshot(p, Live().state, at("15:00", p)).next.start
    shots = ticks(p, (restart - timedelta(seconds=2)).strftime("%H:%M:%S"), 4)
    assert rung(shots) == []
    assert not rings(None, snapshot(tables(), Live().state, at("16:10", tables())))


def test_turns_keep_their_planned_length_when_the_part_runs_longer() -> None:
    p = tables()
    tables_at = [i.title for i in p.items].index("Dialoogtafels met uitwisseling in kleine groepen")
    late = start_item(Live(), p, tables_at, at("15:55", p))  # held by the host
    shots = [
        snapshot(p, late.state, at("15:55", p) + timedelta(seconds=30 * n)) for n in range(240)
    ]
    # two changes (16:10, 16:25), then once as it runs over (16:40); no more turns after
    assert [t[:5] for t in rung(shots)] == ["16:10", "16:25", "16:40"]
    last = board(shots[120], NL).now  # 16:55, before the fixed drinks take over
    assert last is not None and last.turn == "ronde 3 van 3"


def test_a_rest_of_a_few_minutes_joins_the_last_turn() -> None:
    p = loads(TABLES.read_text().replace("rounds: 3 ", "rotate: 22m "))  # 45 = 22 + 23
    s = snapshot(p, Live().state, at("16:30", p))
    turn = turn_at(s.now, s.at)
    assert turn is not None and (turn.number, turn.of) == (2, 2)
    one = loads(TABLES.read_text().replace("rounds: 3 ", "rotate: 60m "))
    assert turn_at(snapshot(one, Live().state, at("16:00", one)).now, at("16:00", one)) is None


def test_a_break_held_by_the_host_rings_once_as_it_ends() -> None:
    p = leercafe()
    pause = next(n for n, i in enumerate(p.items) if i.kind == "break")
    held = start_item(Live(), p, pause, at("15:00"))
    shots = ticks(p, "15:20:00", 180, held.state)  # past its planned end: no overtime bell
    assert rung(shots) == []
    after = start_item(held, p, pause + 1, at("15:23"))
    assert rings(shots[-1], snapshot(p, after.state, at("15:23")))


def test_the_hall_rings_as_lunch_ends_while_the_rooms_run() -> None:
    from kiosk.core.tracks import Tracks

    p = load(Path(__file__).resolve().parents[2] / "examples" / "conference.yaml")
    tracks = Tracks(p, Live().state)
    first = at("2023-05-25T13:14:50", p)
    shots = [tracks.snapshot(first + timedelta(seconds=n)) for n in range(20)]
    assert len(rung(shots)) == 1
