"""What the screen says, in Dutch and in English, in every phase of the day.

view.board/rows/host_status are pure functions of a snapshot and the words; the widgets only put
these strings in place, so these tests read the screen as an attendee or host would.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import at, leercafe, snap
from kiosk.core.listing import rows, visible
from kiosk.core.live import Live, State, announce, shift, start_item, toggle_blank
from kiosk.core.model import Programme
from kiosk.core.view import Board, board, host_mark
from kiosk.core.words import Words
from kiosk.files.loader import loads

NL, EN = Words("nl"), Words("en")


def show(
    when: str, words: Words = NL, state: State | None = None, programme: Programme | None = None
) -> Board:
    return board(snap(when, state, programme), words)


def host(index: int, pressed: str) -> State:
    return start_item(Live(), leercafe(), index, at(pressed)).state


# -- header and footer ---------------------------------------------------------------------


def test_header_and_footer_show_the_event():
    s = show("14:10")
    assert s.header.title == "Leercafé Blik op samenlevingsopbouw"
    assert s.header.subtitle == "Uitdagingen & keuzes"
    assert s.header.date == "dinsdag 22 november 2022"
    assert s.header.venue == "Buurtcentrum Filmwijk"
    assert s.header.clock == "14:10"
    assert "Walt Disneyplantsoen 76/78, 1325 SX Almere" in s.footer
    assert "Auto: parkeren in de buurt is goed mogelijk." in s.footer
    assert show("14:10", EN).header.date == "Tuesday 22 November 2022"


# -- during --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "label", "left", "nxt_label", "when"),
    [
        # NOW counts down; NEXT, which starts when NOW ends, says only when: one countdown
        (NL, "Nu", "nog 12 min", "Hierna", "om ca. 14:22"),
        (EN, "Now", "12 min left", "Next", "at approx. 14:22"),
    ],
)
def test_now_and_next_during_a_talk(words, label, left, nxt_label, when):
    s = show("14:10", words)
    assert s.look == "during"
    assert (s.now.label, s.now.title, s.now.by) == (label, "Opening en welkom", "De Schoor")
    assert s.now.times == "14:00 – 14:22"
    assert s.now.left == left
    # the time left as the biggest text: digits with their unit
    assert (s.now.big.digits, s.now.big.unit) == ("12", "min" if words is NL else "min left")
    assert s.now.progress == pytest.approx(10 / 22)
    assert (s.next.label, s.next.title) == (nxt_label, "Onderzoek opbouwwerk De Schoor")
    assert s.next.when == when
    assert s.headline is None and s.drift == "" and s.banner is None and not s.blank


@pytest.mark.parametrize(("words", "when"), [(NL, "om 17:00"), (EN, "at 17:00")])
def test_a_published_next_time_has_no_approx(words, when):
    s = show("16:48", words)
    assert s.now.title == "Plenaire afsluiting"
    assert s.now.times == f"{words('approx')} 16:37 – 17:00"
    assert (s.next.title, s.next.when) == ("Borrel", when)


def test_next_starting_within_half_a_minute_says_so():
    assert show("2022-11-22T13:59:45").next.when == "begint nu"
    assert show("2022-11-22T13:59:45", EN).next.when == "starting now"


def test_long_waits_are_said_in_hours():
    s = show("13:00")
    assert s.headline.countdown == "over 30 min" and s.next.when == "om 14:00"
    s = show("2022-11-22T14:00:00")
    assert s.now.left == "nog 22 min"
    s = show("12:00")
    assert s.headline.countdown == "over 1 u 30 min"
    assert (s.headline.big.digits, s.headline.big.unit) == ("1:30", "uur")


def test_next_says_when_and_an_open_end_counts_nothing_down():
    p = loads(
        "event: {title: Feestavond, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        "programme:\n  - {start: 20:00, title: Concert}\n  - {start: 21:00, title: Feest}\n"
    )
    s = show("20:30", programme=p)
    assert s.now.big.digits == "30" and s.next.when == "om 21:00"
    s = show("22:00", programme=p)  # an open end: nothing counts down, nothing next
    assert s.now.big is None and s.next is None


@pytest.mark.parametrize(
    ("words", "left"),
    [
        (NL, "nog 10 min"),
        (EN, "10 min left"),
    ],
)
def test_a_break_counts_down_to_the_restart(words, left):
    s = show("15:20", words)
    assert s.look == "break"
    assert s.now.title == "Pauze"
    assert s.now.left == left
    assert s.now.big.digits == "10"  # one countdown, to the restart
    assert s.next.title == "Presentatie drie verschillende praktijken"
    assert s.next.when == ("om ca. 15:30" if words is NL else "at approx. 15:30")  # not again


def test_walk_in_and_drinks_have_their_own_look():
    s = show("13:45")
    assert (s.look, s.now.title, s.now.left) == ("walk-in", "Inloop", "nog 15 min")
    assert (s.next.title, s.next.when) == ("Opening en welkom", "om 14:00")
    s = show("17:30")
    assert (s.look, s.now.title, s.now.left) == ("drinks", "Borrel", "tot 18:00")
    # drinks: no countdown, nobody must hurry; until when, as the biggest text
    assert (s.now.big.qualifier, s.now.big.digits, s.now.big.unit) == ("tot", "18:00", "")
    assert (s.next.title, s.next.when) == ("Einde", "om 18:00")
    assert show("17:30", EN).now.left == "until 18:00"


def test_a_last_item_without_an_end_has_an_open_end():
    p = loads(
        "event: {title: Feestavond, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        "programme:\n  - {start: 20:00, title: Concert}\n  - {start: 21:00, title: Feest}\n"
    )
    s = show("22:00", programme=p)
    assert s.now.times == "vanaf 21:00"
    assert s.now.left == "" and s.now.big is None and s.now.progress is None
    assert s.next is None
    assert show("22:00", EN, programme=p).now.times == "from 21:00"


# -- before --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "headline", "countdown"),
    [(NL, "Inloop vanaf 13:30", "over 30 min"), (EN, "Inloop from 13:30", "in 30 min")],
)
def test_before_the_walk_in(words, headline, countdown):
    s = show("13:00", words)
    assert s.look == "before"
    assert (s.headline.text, s.headline.countdown) == (headline, countdown)
    assert s.now is None
    assert s.next.title == "Opening en welkom"


def test_before_a_programme_without_a_walk_in():
    p = loads(
        "event: {title: Avond, date: 2022-11-22, timezone: Europe/Amsterdam, language: en}\n"
        "programme:\n  - {start: 19:30, title: Welcome}\n  - {start: 20:00, title: Talk}\n"
    )
    s = show("19:18", EN, programme=p)
    assert (s.headline.text, s.headline.countdown) == ("Starts at 19:30", "in 12 min")
    assert (s.headline.big.qualifier, s.headline.big.digits, s.headline.big.unit) == (
        "in",
        "12",
        "min",
    )
    # one countdown: NEXT does not count down to the same start again
    assert (s.next.title, s.next.when) == ("Welcome", "at 19:30")


@pytest.mark.parametrize(
    ("words", "headline", "countdown"),
    [
        (NL, "Morgen: Inloop vanaf 13:30", "over 1 dag"),
        (EN, "Tomorrow: Inloop from 13:30", "in 1 day"),
    ],
)
def test_the_day_before_says_tomorrow(words, headline, countdown):
    s = show("2022-11-21T12:00", words)
    assert s.look == "before"
    assert s.headline.text == headline
    assert s.headline.countdown == countdown
    assert s.header.clock == "12:00"


def test_a_week_before_counts_days():
    s = show("2022-11-15T13:30")
    assert s.headline.text == "Dinsdag 22 november 2022: Inloop vanaf 13:30"
    assert s.headline.countdown == "over 7 dagen"


def test_before_the_start_a_shift_moves_the_walk_in_headline():
    state = shift(Live(), 5, at("13:00")).state
    s = show("13:32", state=state)
    assert s.look == "before"
    assert s.headline.text == "Inloop vanaf 13:35"
    assert s.headline.countdown == "over 3 min"


# -- after ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "text"), [(NL, "Bedankt voor je komst"), (EN, "Thank you for coming")]
)
def test_after_the_close_thanks(words, text):
    s = show("18:30", words)
    assert s.look == "after"
    assert s.headline.text == text
    # and where it was, for the taxi and the next time
    assert (
        s.headline.countdown == "Buurtcentrum Filmwijk, Walt Disneyplantsoen 76/78, 1325 SX Almere"
    )
    assert s.now is None and s.next is None


def test_after_the_event_day_says_when_it_was():
    assert show("2022-11-23T10:00").headline.countdown == (
        "Deze bijeenkomst was op dinsdag 22 november 2022"
    )
    assert (
        show("2022-11-23T10:00", EN).headline.countdown
        == "This event was on Tuesday 22 November 2022"
    )


# -- the host's changes on screen ----------------------------------------------------------


def test_a_moved_item_shows_its_planned_time_beside_the_expected_one():
    state = host(2, "14:40")  # Onderzoek, planned ca. 14:22
    s = show("14:41", NL, state)
    assert s.now.title == "Onderzoek opbouwwerk De Schoor"
    assert s.now.times == "14:40 (was 14:22) – 15:03"
    assert s.next.when == "om ca. 15:03 (was 14:45)"
    assert show("14:41", EN, state).next.when == "at approx. 15:03 (was 14:45)"


def test_the_host_started_item_is_no_longer_approx():
    s = show("14:41", NL, host(2, "14:40"))
    assert not s.now.times.startswith("ca.")


@pytest.mark.parametrize(
    ("words", "text"), [(NL, "loopt ca. 10 min uit"), (EN, "running about 10 min late")]
)
def test_drift_is_said_in_words(words, text):
    s = show("14:56", words, host(3, "14:55"))  # Lezing, planned ca. 14:45
    assert s.drift == text


def test_no_drift_line_after_the_close():
    assert show("18:30", NL, host(3, "14:55")).drift == ""


def test_announcement_banner_and_blank():
    live = announce(Live(), "De lift is buiten gebruik")
    s = show("14:10", NL, live.state)
    assert s.banner == "De lift is buiten gebruik"
    assert show("14:10", NL, toggle_blank(live).state).blank


def test_titles_are_shown_as_written():
    p = replace(
        leercafe(),
        items=tuple(
            i._replace(title="Workshop [zaal 2] [b]vet[/b]") if i.id == "opening-en-welkom" else i
            for i in leercafe().items
        ),
    )
    s = show("14:10", programme=p)
    assert s.now.title == "Workshop [zaal 2] [b]vet[/b]"


# -- the list ------------------------------------------------------------------------------


def marks(rs) -> list[tuple[str, str]]:
    return [(r.mark, r.state) for r in rs]


def test_rows_start_at_the_current_item_upcoming_first():
    rs = rows(snap("15:00"), NL, 4)  # Lezing is on
    assert [r.title for r in rs] == [
        "Lezing Blik op de gemeenschap",
        "Pauze",
        "Presentatie drie verschillende praktijken",
        "Pauze",
    ]
    assert marks(rs) == [("▶", "now"), ("›", "next"), ("\u00a0", "later"), ("\u00a0", "later")]
    assert [r.time for r in rs] == ["ca. 14:45", "ca. 15:07", "ca. 15:30", "ca. 15:52"]
    assert rs[0].by == "Marcel Spierts (zelfstandig onderzoeker en publicist)"


def test_rows_fill_what_room_is_left_with_past_items():
    rs = rows(snap("16:50"), NL, 6)
    assert [r.state for r in rs][:2] == ["past", "past"]
    assert rs[-1].title == "Einde"


def test_rows_marks_read_without_colour():
    for r in rows(snap("15:00"), NL, 11):
        assert r.mark == {"past": "✓", "now": "▶", "next": "›", "later": "\u00a0"}[r.state]


def test_rows_before_the_start_begin_at_the_top():
    rs = rows(snap("13:00"), NL, 4)
    assert [r.title for r in rs][:2] == ["Inloop", "Opening en welkom"]
    assert all(r.state != "past" and r.state != "now" for r in rs)


def test_rows_at_the_end_fill_the_window_and_mark_all_past_after_the_close():
    rs = rows(snap("17:30"), NL, 5)
    assert [r.title for r in rs][-2:] == ["Borrel", "Einde"]
    assert len(rs) == 5
    assert marks(rs)[-2:] == [("▶", "now"), ("›", "next")]
    rs = rows(snap("18:30"), EN, 5)
    assert len(rs) == 5 and rs[-1].title == "Einde"
    assert {r.state for r in rs} == {"past"}


def test_rows_never_more_than_asked_or_than_there_are():
    assert rows(snap("15:00"), NL, 0) == []
    assert len(rows(snap("15:00"), NL, 99)) == 11


@pytest.mark.parametrize("when", ["13:00", "14:10", "15:00", "16:50", "17:30", "18:30"])
@pytest.mark.parametrize("height", [0, 1, 3, 5, 11])
def test_a_list_given_more_rows_than_fit_shows_what_fitting_rows_would(when, height):
    # before the first layout the list gets a screenful of rows; it must show what it would
    # show with exactly as many as fit: the current item first, past items only to fill
    many = rows(snap(when), NL, 24)
    assert visible(many, height) == rows(snap(when), NL, height)


def test_rows_mark_a_moved_time_by_how_far_it_moved_and_keep_was_for_now_and_next():
    s = snap("14:41", host(2, "14:40"))
    rs = rows(s, NL, 3)
    assert [(r.time, r.moved) for r in rs] == [
        ("14:40", "+18"),
        ("ca. 15:03", "+18"),
        ("ca. 15:25", "+18"),
    ]
    b = board(s, NL)
    assert b.now.times.startswith("14:40 (was 14:22)")
    assert b.next.when.startswith("om ca. 15:03 (was 14:45)")


# -- the host's mark ----------------------------------------------------------------------


def test_the_mark_in_clock_mode_is_one_word():
    assert host_mark(snap("14:10"), NL) == "klok"
    assert host_mark(snap("14:10"), EN) == "clock"


def test_the_mark_in_host_mode_says_the_delay():
    assert host_mark(snap("14:41", host(2, "14:40")), NL) == "host · +18 min"
    assert host_mark(snap("16:31", host(9, "16:30")), EN) == "host · -30 min"


def test_the_mark_of_a_shift_by_the_clock_says_the_rest_moved():
    shifted = State(shift=10, shift_from=at("14:10"))
    assert host_mark(snap("14:11", shifted), NL) == "klok · rest +10 min"


def test_the_mark_says_when_the_state_is_not_saved():
    assert host_mark(snap("14:10"), EN, "Permission denied") == "⚠ state not saved"
