"""Wrap-up looks, the bell and turns on the screen, as attendees and hosts meet them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.color import Color

from conftest import screen_text, text_of, time_left


def colour_of(app, selector: str) -> Color:
    return app.query_one(selector).styles.color


def near(a: Color, b: str) -> bool:
    """The same colour, give or take the rounding of Textual's colour arithmetic."""
    other = Color.parse(b)
    return max(abs(a.r - other.r), abs(a.g - other.g), abs(a.b - other.b)) <= 2


@pytest.mark.parametrize(
    ("when", "css", "count", "colour"),
    [
        ("14:10", None, "nog 12 min", None),
        ("14:18", "-wrap", "afronden 4 min", "warning"),
        ("14:21", "-last", "bijna tijd 1 min", "error"),
    ],
)
async def test_the_time_left_changes_look_in_the_last_minutes(kiosk, when, css, count, colour):
    app = kiosk(at=when)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        now = app.query_one("#now")
        assert {c for c in ("-wrap", "-last", "-overtime") if now.has_class(c)} == (
            {css} if css else set()
        )
        assert time_left(app) == count  # in words too, for who sees no colour
        digits = colour_of(app, "#now-digits")
        theme = app.current_theme
        if colour is None:
            assert not near(digits, theme.warning) and not near(digits, theme.error)
        else:
            assert near(digits, getattr(theme, colour))


async def test_over_time_is_said_in_the_danger_colour(kiosk):
    app = kiosk(at="13:59")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the opening, started now by the host
        app.clock.advance(23 * 60)  # planned 22 minutes
        app.tick()
        await pilot.pause()
        assert app.query_one("#now").has_class("-overtime")
        assert time_left(app) == "uitloop 1 min"
        assert near(colour_of(app, "#now-digits"), app.current_theme.error)


def bells(app) -> list[float]:
    """Every bell the driver was given, at the clock's time, from now on."""
    heard: list[float] = []
    write = app._driver.write

    def recording(data: str) -> None:
        if data == "\a":
            heard.append(app.clock.now().timestamp())
        write(data)

    app._driver.write = recording
    return heard


async def step(app, pilot, seconds: int) -> None:
    for _ in range(seconds):
        app.clock.advance(1)
        app.tick()
    await pilot.pause()


async def test_the_driver_gets_a_bell_exactly_as_a_break_ends(kiosk):
    app = kiosk(at="15:29:55")  # the second break ends at ca. 15:30
    async with app.run_test(size=(80, 24)) as pilot:
        heard = bells(app)
        restart = app.tracks.snapshot(app.clock.now()).next.start
        await step(app, pilot, 4)
        assert heard == []  # not before
        await step(app, pilot, 30)
        assert heard == [pytest.approx(restart.timestamp(), abs=1)]  # once, on the second


async def test_quiet_rings_nothing(kiosk, programme_file):

    app = kiosk(at="15:29:55")
    app.settings = app.settings._replace(quiet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        heard = bells(app)
        await step(app, pilot, 30)
        assert heard == []


async def test_turns_on_screen_and_a_bell_at_each_change(kiosk, tables_file):
    app = kiosk(at="15:56", path=tables_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-title") == "Dialoogtafels met uitwisseling in kleine groepen"
        assert text_of(app, "#now-turn").startswith("ronde 1 van 3 · wisselen over 1")
        assert "ronde 1 van 3" in screen_text(app)
        heard = bells(app)
        change = app.tracks.snapshot(app.clock.now()).now.start + timedelta(minutes=15)
        app.clock.set(change - timedelta(seconds=2))
        app.tick()
        await step(app, pilot, 4)
        assert heard == [pytest.approx(change.timestamp(), abs=1)]
        assert text_of(app, "#now-turn") == "ronde 2 van 3 · wisselen over 15 min"


async def test_n_within_the_tables_starts_the_next_part_not_the_next_turn(kiosk, tables_file):
    app = kiosk(at="16:00", path=tables_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Plenaire afsluiting"


async def test_the_help_says_n_moves_on_from_all_the_rounds(kiosk, tables_file):
    app = kiosk(at="16:00", path=tables_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        said = [line.text for line in app.screen.query(".help-now")]
        assert any(
            "Plenaire afsluiting begint (niet de volgende ronde: de rondes lopen op de klok)"
            in text
            for text in said
        ), said
