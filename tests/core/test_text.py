"""Text others wrote reaches a screen as written, never as terminal codes."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import at
from kiosk.core.listing import rows
from kiosk.core.live import Live, State, announce
from kiosk.core.text import displayable
from kiosk.core.timeline import snapshot
from kiosk.core.view import board
from kiosk.core.words import Words
from kiosk.files.loader import loads

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe(text: str) -> bool:
    """Nothing a terminal acts on: no control character (C0, DEL, C1) and no bidi mark."""
    return not any(unicodedata.category(c) == "Cc" or c in BIDI for c in text)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("\x1b]0;pwned\x07Opening", "Opening"),  # retitles the window
        ("\x1b[2JOpening", "Opening"),  # wipes the screen
        ("De Schoor\x1b]52;c;cHduZWQ=\x07", "De Schoor"),  # writes the clipboard
        ("\x1b]52;c;cHduZWQ=\x1b\\De Schoor", "De Schoor"),  # the same, ended by ST
        ("Rood\x9b2J", "Rood"),  # C1: the one-byte CSI
        ("\x1b[31mRood\x1b[0m", "Rood"),
        ("Lezing\nBlik op de gemeenschap", "Lezing Blik op de gemeenschap"),
        ("Pauze\r\n\t(koffie)", "Pauze (koffie)"),
        ("abc\u202edcba", "abcdcba"),  # a bidi override
        ("Café 日本 😀 Ünïcode", "Café 日本 😀 Ünïcode"),  # written text stays as written
        ("een\x00twee\x7fdrie", "eentweedrie"),
    ],
)
def test_what_a_terminal_would_act_on_goes(written, shown):
    assert displayable(written) == shown


@given(st.text())
@settings(max_examples=500)
def test_any_text_becomes_safe_and_stays_if_it_was(text):
    shown = displayable(text)
    assert safe(shown)
    assert "\n" not in shown
    if text.isprintable():
        assert shown == text


HOSTILE = st.text(
    alphabet=st.sampled_from(["\x1b", "]", "[", "0", ";", "\x07", "\x9b", "\n", "\u202e", "a"]),
    max_size=30,
)


@given(title=HOSTILE, by=HOSTILE, note=HOSTILE, message=HOSTILE)
@settings(max_examples=200, deadline=None)
def test_the_whole_screen_is_displayable_whatever_the_programme_says(title, by, note, message):
    quoted = [v.encode("unicode_escape").decode().replace('"', '\\"') for v in (title, by, note)]
    programme = loads(
        "event: {title: Test, date: 2022-11-22, timezone: Europe/Amsterdam,"
        f' venue: "{quoted[0]}x", notes: ["{quoted[2]}"]}}\n'
        "programme:\n"
        f'  - {{start: 14:00, title: "x{quoted[0]}", by: "{quoted[1]}"}}\n'
        f'  - {{start: 15:00, title: "y{quoted[0]}", kind: end}}\n'
    )
    state = announce(Live(), message).state
    for when in ("13:00", "14:30", "16:00"):
        snap = snapshot(programme, state, at(when, programme))
        shown = board(snap, Words())
        texts = [shown.header.title, shown.header.venue, shown.footer, shown.banner or ""]
        texts += [shown.now.title, shown.now.by] if shown.now else []
        texts += [shown.next.title] if shown.next else []
        texts += [shown.headline.text] if shown.headline else []
        texts += [f"{r.title} {r.by}" for r in rows(snap, Words(), 5)]
        assert all(safe(t) for t in texts), texts


def test_a_state_files_announcement_is_shown_as_written_but_safe():
    state = State(announcement="Koffie\x1b]0;pwned\x07 staat klaar")
    programme = loads(
        "event: {title: T, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        "programme:\n  - {start: 14:00, title: A, duration: 30}\n"
    )
    assert board(snapshot(programme, state, at("14:10", programme)), Words()).banner == (
        "Koffie staat klaar"
    )


def test_a_sequence_never_ended_takes_only_its_introducer():
    # a title must not lose its words to a stray code
    assert displayable("Lezing\x9d over de wijk") == "Lezing over de wijk"
    assert displayable("Foo \x1b]bar") == "Foo bar"
