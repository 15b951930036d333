"""The hall's screen of a big conference: rooms that do not all fit come a page at a time,
with a line that says how many more there are and which page this is."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from conftest import at, big_hall_text, snap
from kiosk.core.listing import PAGE_SECONDS, Row, paged, rows
from kiosk.core.live import State
from kiosk.core.model import Programme
from kiosk.core.timeline import Snapshot
from kiosk.core.tracks import Tracks
from kiosk.core.words import Words
from kiosk.files.loader import loads

NL, EN = Words("nl"), Words("en")
FIT = 16  # the list's lines on a venue TV's 80x24, while the rooms run their own parts


@cache
def hall() -> Programme:
    return loads(big_hall_text(50))


def hall_at(when: str) -> Snapshot:
    """The hall's snapshot at `when` ('11:00'), every room's track with it."""
    return Tracks(hall(), State()).snapshot(at(when, hall()))


def rooms_at(when: str, fit: int = FIT, words: Words = NL) -> list[Row]:
    """The list of the hall's screen at `when` ('11:00:25'), `fit` lines high."""
    p = hall()
    moment = at(when[:5], p) + timedelta(seconds=int(when[6:] or 0))
    return paged(rows(hall_at(when[:5]), words, fit), fit, moment, words)


def rooms(page: list[Row]) -> list[str]:
    return [r.room for r in page if r.state != "more"]


def test_fifty_rooms_at_80x24_come_in_four_pages_of_ten_seconds():
    # 11:00:00 in Almere is a whole multiple of 40 seconds since the epoch: page 1 begins
    first = rooms_at("11:00:00")
    assert rooms(first) == ["Grote zaal", *(f"Zaal {n}" for n in range(1, 12))]
    assert first[-1] == Row("", "", "+38 zalen · 1/4", "", "more")
    assert rooms_at("11:00:09") == first  # a page stays ten seconds
    second = rooms_at("11:00:10")
    assert rooms(second) == [f"Zaal {n}" for n in range(12, 25)]
    assert second[-1].title == "+37 zalen · 2/4"
    assert rooms_at("11:00:30")[-1].title == "+37 zalen · 4/4"
    assert rooms(rooms_at("11:00:30"))[-1] == "Zaal 49"
    assert rooms_at("11:00:40") == first  # and round again


def test_every_page_fits_and_rows_keep_the_rooms_order():
    for second in range(0, 40, PAGE_SECONDS):
        page = rooms_at(f"11:00:{second:02d}")
        assert len(page) <= FIT
        assert [r.state for r in page[:-1]] == ["now"] * (len(page) - 1)
    shown = [r for s in range(0, 40, PAGE_SECONDS) for r in rooms(rooms_at(f"11:00:{s:02d}"))]
    assert shown == [name for name, _ in hall_at("11:00").rooms]


def test_a_round_of_fifty_sessions_pages_too_and_says_so_in_english():
    page = rooms_at("13:40:00", fit=6, words=EN)
    assert len(page) == 6
    assert page[-1].title.startswith("+45 rooms · ") and page[-1].title.endswith("/10")


def test_rooms_that_fit_are_not_paged_and_the_day_list_never_is():
    everything = rows(hall_at("11:00"), NL, 60)
    assert paged(everything, 60, at("11:00", hall()), NL) == everything
    assert all(r.state != "more" for r in everything)
    day = rows(snap("14:05"), NL, 30)  # the Leercafé's list, more rows than asked to fit
    assert paged(day, 5, at("14:05"), NL) == day


def test_how_many_more_counts_the_rooms_on_the_other_pages():
    four = [Row("▶", "", f"T{n}", "", "now", f"Zaal {n}") for n in range(4)]
    eleven = at("11:00")  # a whole multiple of 2, 3 and 4 pages of ten seconds
    assert paged(four, 3, eleven, NL)[-1].title == "+2 zalen · 1/2"
    assert paged(four, 2, eleven + timedelta(seconds=30), EN)[-1].title == "+3 rooms · 4/4"
    # a room with sessions in turn counts once, on every page it is on
    in_turn = [Row("", "", f"T{n}", "", "now", "Zaal 1" if n else "Zaal 0") for n in range(3)]
    assert paged(in_turn, 2, eleven, NL)[-1].title == "+1 zaal · 1/3"
    assert paged(in_turn, 2, eleven + timedelta(seconds=10), EN)[-1].title == "+1 room · 2/3"
    one_room = [Row("", "", f"T{n}", "", "now", "Zaal 1") for n in range(4)]
    assert paged(one_room, 3, eleven, NL)[-1].title == "1/2"  # no other room: which page


@given(
    n=st.integers(1, 120),
    fit=st.integers(2, 40),
    start=st.integers(0, 10**9),
)
def test_within_one_cycle_every_room_is_on_a_page_that_fits(n: int, fit: int, start: int):
    all_rows = [Row("▶", "nog 5 min", f"Talk {k}", "", "now", f"Zaal {k}") for k in range(n)]
    first = at("00:00") + timedelta(seconds=start)
    pages = [paged(all_rows, fit, first + timedelta(seconds=s), NL) for s in range(0, 1200, 5)]
    if n <= fit:
        assert all(p == all_rows for p in pages)
        return
    cycle = -(-n // (fit - 1)) * PAGE_SECONDS
    seen: set[str] = set()
    for s, page in zip(range(0, 1200, 5), pages, strict=True):
        assert len(page) <= fit
        shown = rooms(page)
        assert shown == sorted(shown, key=lambda r: int(r.split()[1]))  # the rooms' order
        more = n - len(shown)
        assert page[-1].state == "more" and page[-1].title.startswith(f"+{more} zal")
        if s < cycle:
            seen.update(shown)
    assert seen == {r.room for r in all_rows}
