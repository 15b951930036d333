"""What the room sees when the afternoon does not keep to the plan: a part that runs over, a
gap in the programme, an open end, a party past midnight."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import ProgressBar

from conftest import screen_text, text_of, time_left

EVENING = """\
event:
  title: Buurtavond
  date: 2022-11-22
  timezone: Europe/Amsterdam
programme:
  - {start: 14:00, end: 17:00, title: Open huis}
  - {start: 19:30, title: Voorstelling, duration: 90}
  - {start: 22:00, title: Feest, end: 01:30}
  - {title: Nazit}
"""


def evening(tmp_path: Path) -> Path:
    path = tmp_path / "avond.yaml"
    path.write_text(EVENING, encoding="utf-8")
    return path


async def test_a_held_part_runs_over_and_the_room_is_told(kiosk):
    app = kiosk(at="13:59")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the opening starts now: its 22 minutes run until 14:21
        app.clock.advance(30 * 60)  # 14:29: the host has not moved on
        app.tick()
        await pilot.pause()
        assert text_of(app, "#now-title") == "Opening en welkom", "the room is still in it"
        assert time_left(app) == "uitloop 8 min"
        assert app.query_one("#now").has_class("-overtime")
        assert app.query_one(ProgressBar).percentage == 1.0
        assert text_of(app, "#next-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#next-when") == "begint nu"
        await pilot.press("n")  # it really ends: the next part starts, not the one after
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert not app.query_one("#now").has_class("-overtime")
        assert "loopt ca. 5 min uit" in screen_text(app)


async def test_a_gap_shows_nothing_on_and_counts_down_to_the_next_start(kiosk, tmp_path):
    app = kiosk(at="18:00", path=evening(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-gap")
        assert text_of(app, "#now-title") == ""
        assert text_of(app, "#headline-text") == "We gaan verder om 19:30"
        assert time_left(app, "headline") == "over 1:30 uur"
        assert text_of(app, "#next-title") == "Voorstelling"
        text = screen_text(app)
        assert re.search(r"✓ +14:00", text) and re.search(r"› +19:30", text), (
            "the open house is over"
        )


async def test_a_party_past_midnight_and_an_open_end(kiosk, tmp_path):
    app = kiosk(at="2022-11-23T00:30", path=evening(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-title") == "Feest"
        assert text_of(app, "#now-times") == "22:00 – 01:30"
        assert time_left(app) == "nog 1:00 uur"
        app.clock.advance(90 * 60)  # 02:00: the last part has no end
        app.tick()
        await pilot.pause()
        assert text_of(app, "#now-title") == "Nazit"
        assert text_of(app, "#now-times") == "vanaf ca. 01:30"
        assert text_of(app, "#now-left") == "", "no countdown to an end nobody set"
        assert not app.query_one(ProgressBar).display
        assert text_of(app, "#clock-text") == "02:00"
