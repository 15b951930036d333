"""The speaker's screen (`--view stage`) and the host's message to the stage: the time left big,
the message large on stage views only, never on the hall's screen or a door's."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_contrast import THEMES, low_pairs
from textual.widgets import Input

from conftest import ROOT, scan_files, screen_text, text_of
from kiosk.core.live import Live, to_stage
from kiosk.core.settings import Settings
from kiosk.core.times import parse_when
from kiosk.files import statefile
from kiosk.files.clock import FixedClock
from kiosk.files.loader import load
from kiosk.tui.app import KioskApp, make_app
from kiosk.tui.screens import StageMessageScreen
from kiosk.tui.stage import StageApp
from kiosk.tui.widgets.stage_count import StageCount

SYMPOSIUM = ROOT / "examples" / "symposium.yaml"


def stage(path: Path, at: str = "14:05", follow: bool = True, room: str | None = None) -> KioskApp:
    """A stage view on the programme at `path`, on a clock that stands at `at`."""
    programme = load(path)
    start = parse_when(at, programme.event.date, programme.event.timezone)
    settings = Settings(
        path, path.with_name("programme.state.json"), follow=follow, room=room, view="stage"
    )
    return make_app(settings, programme, FixedClock(programme.event.timezone, start))


def big(app: KioskApp) -> tuple[str, str, str]:
    count = app.query_one(StageCount).count
    return count.qualifier, count.digits, count.unit


async def test_the_stage_view_has_the_time_left_big_and_no_list_or_header(programme_file):
    app = stage(programme_file, follow=False)
    assert isinstance(app, StageApp)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert big(app) == ("nog", "17", "min")
        assert "█" in screen_text(app), "the digits are drawn in blocks"
        assert text_of(app, "#stage-title") == "Opening en welkom"
        assert text_of(app, "#stage-clock") == "14:05"
        assert "Hierna: Onderzoek opbouwwerk De Schoor" in text_of(app, "#stage-next")
        assert not app.query("#programme") and not app.query("#header"), "the hall's widgets"
        assert "Leercafé" not in screen_text(app) and "Lezing" not in screen_text(app)


async def test_over_time_the_stage_counts_up_in_red_and_flashes_softly(programme_file):
    app = stage(programme_file, at="13:59", follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the opening starts now: its 22 minutes run until 14:21
        app.clock.advance(25 * 60)
        app.tick()
        await pilot.pause()
        assert big(app) == ("uitloop", "+3", "min")
        count = app.query_one(StageCount)
        assert count.has_class("-over")
        pictures, texts = set(), set()
        for _ in range(2):  # the pulse: every other second the digits at half strength
            app.clock.advance(1)
            app.tick()
            await pilot.pause()
            pictures.add(app.export_screenshot())
            texts.add(screen_text(app))
        assert len(pictures) == 2 and len(texts) == 1, "a flash, not another text"
        await pilot.press("n")  # the host moves on: no more flashing
        for _ in range(2):
            app.clock.advance(1)
            app.tick()
            assert not count.faded and not count.has_class("-over")


async def test_small_screens_keep_the_count_in_textual_digits_then_in_words(programme_file):
    app = stage(programme_file)
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        assert "┃" in screen_text(app) or "╹" in screen_text(app), "Textual's heavy digits"
    app = stage(programme_file)
    async with app.run_test(size=(30, 4)) as pilot:
        await pilot.pause()
        assert "nog 17 min" in screen_text(app)


async def test_the_host_sends_a_message_to_the_stage_and_the_hall_never_shows_it(kiosk):
    hall = kiosk(at="14:05")
    async with hall.run_test(size=(80, 24)) as pilot:
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(hall.screen, StageMessageScreen)
        assert "Er staat nu geen bericht op het podiumscherm" in screen_text(hall)
        await pilot.press(*"Nog 5 minuten", "enter")
        await pilot.pause()
        assert hall.live.state.stage_message == "Nog 5 minuten"
        assert not hall.query(StageCount), "the hall builds none of the stage's widgets"
        assert "Nog 5 minuten" not in screen_text(hall), "the hall never shows it"
        assert "podiumscherm" in text_of(hall, "#note"), "the host is told where it went"
        await pilot.press("M", "up")  # the current text, to change it
        assert hall.screen.query_one(Input).value == "Nog 5 minuten"
        await pilot.press("escape")
        await pilot.press("b", "M", *"Microfoon", "enter")  # a blank hall stays blank
        await pilot.pause()
        assert hall.live.state.blank and hall.live.state.stage_message == "Microfoon"
        await pilot.press("b", "M", "enter")  # Enter on the empty box clears it
        await pilot.pause()
        assert hall.live.state.stage_message is None
        await pilot.press("u")  # and undo brings it back
        await pilot.pause()
        assert hall.live.state.stage_message == "Microfoon"
        await hall.flush()
    log, _ = statefile.read_log(statefile.log_path(hall.settings.state_path))
    assert [e.state.stage_message for e in log if e.action == "stage_message"] == [
        "Nog 5 minuten",
        "Microfoon",
        None,
    ]


async def test_a_follower_stage_view_shows_the_hosts_message_large(kiosk, programme_file):
    speaker = stage(programme_file)
    async with speaker.run_test(size=(80, 24)) as pilot:
        await pilot.press("M", *"nope", "enter")  # a follower: keys do nothing
        await pilot.pause()
        assert text_of(speaker, "#stage-message") == ""
        host = kiosk(at="14:05")
        async with host.run_test(size=(80, 24)) as host_pilot:
            await host_pilot.press("M", *"Vragen uit de zaal", "enter")
            await host.flush()
        await scan_files(speaker, pilot)
        assert text_of(speaker, "#stage-message") == "Vragen uit de zaal"
        message = speaker.query_one("#stage-message")
        assert message.region.width >= 70 and message.region.height >= 3, "large"
        host = kiosk(at="14:06")
        async with host.run_test(size=(80, 24)) as host_pilot:
            await host_pilot.press("M", "enter")  # cleared: gone from the stage too
            await host.flush()
        await scan_files(speaker, pilot)
        assert text_of(speaker, "#stage-message") == ""


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_message_of_the_longest_kind_is_read_to_its_last_word(programme_file, size):
    # long words, as names of places and organisations are: four rows at 80 columns
    message = " ".join(["Samenlevingsopbouwwerkers"] * 7)
    assert len(message) <= 200  # the most a host can send
    statefile.write(programme_file.with_name("programme.state.json"), to_stage(Live(), message))
    app = stage(programme_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert message in shown, "every word, none cut at the band's edge"


async def test_a_door_never_shows_the_message_and_its_stage_does(kiosk, tmp_path):
    path = tmp_path / "programme.yaml"
    shutil.copy(SYMPOSIUM, path)
    statefile.write(path.with_name("programme.state.json"), to_stage(Live(), "Nog 5 minuten"))
    for app in (kiosk(at="11:00", path=path, follow=True, room="Zaal 2"), kiosk(path=path)):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Nog 5 minuten" not in screen_text(app)
    app = stage(path, at="11:00", room="Zaal 2")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#stage-message") == "Nog 5 minuten"
        assert text_of(app, "#stage-title"), "the session on in Zaal 2"


@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_on_the_stage_reads_against_its_background(programme_file, theme):
    """The message, the wrap-up's colours and over time's tint: 4.5:1 (7:1 in contrast)."""
    programme = load(programme_file)
    start = parse_when("13:59", programme.event.date, programme.event.timezone)
    settings = Settings(programme_file, programme_file.with_name("s.json"), theme=theme)
    app = make_app(
        settings._replace(view="stage"), programme, FixedClock(programme.event.timezone, start)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "M", *"Nog 5 minuten", "enter")
        for minutes in (17, 4, 4):  # the wrap-up, nearly time, over time
            app.clock.advance(minutes * 60)
            app.tick()
            await pilot.pause()
            assert low_pairs(app, THEMES[theme]) == []
        app.clock.advance(1)  # over time's soft flash
        app.tick()
        await pilot.pause()
        assert app.query_one(StageCount).faded
        assert low_pairs(app, THEMES[theme]) == []


def test_the_halls_start_loads_nothing_of_the_stage(programme_file):
    """Start-up is budgeted: the hall's kiosk builds and imports none of the stage's parts."""
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from kiosk.core.settings import Settings\n"
        "from kiosk.tui.app import make_app\n"
        f"path = Path({str(programme_file)!r})\n"
        "app = make_app(Settings(path, path.with_name('s.json'), follow=True))\n"
        "async def run():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(run())\n"
        "loaded = sorted(m for m in sys.modules if 'stage' in m)\n"
        "assert not loaded, loaded\n"
        "print('hall only')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "hall only", result.stderr


async def test_a_saved_edit_reaches_the_stage(programme_file):
    app = stage(programme_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = programme_file.read_text(encoding="utf-8")
        programme_file.write_text(text.replace("Opening en welkom", "Welkom"), encoding="utf-8")
        await scan_files(app, pilot)
        assert text_of(app, "#stage-title") == "Welkom"
