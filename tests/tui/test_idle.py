"""A kiosk runs all day: a tick that changes nothing must redraw nothing, and the styles must
travel with an installed package."""

from __future__ import annotations

import gc
import tomllib
from pathlib import Path

from textual.widget import Widget

from conftest import ROOT, big_hall
from kiosk.tui import app as app_module
from kiosk.tui.app import KioskApp


def refreshes(app: KioskApp, monkeypatch, steps: list[int]) -> list[Widget]:
    """The widgets that asked to be redrawn over ticks `steps` seconds apart."""
    refreshed: list[Widget] = []
    original = Widget.refresh

    def counting(self, *args, **kwargs):
        refreshed.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Widget, "refresh", counting)
    for seconds in steps:
        app.clock.advance(seconds)
        app.tick()
    monkeypatch.setattr(Widget, "refresh", original)
    return refreshed


async def test_a_tick_that_changes_nothing_redraws_nothing(kiosk, monkeypatch):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert refreshes(app, monkeypatch, [1] * 20) == []  # twenty seconds of one minute
        # a new minute: the clock and the countdown change
        assert refreshes(app, monkeypatch, [60]), "a change of minute must reach the screen"


async def test_the_first_screen_is_drawn_once(kiosk):
    # a screen drawn twice over at every start costs the start-up and sends each terminal
    # and browser the whole screen again
    app = kiosk(at="14:10")
    frames: list[object] = []
    display = app._display

    def counting(screen, update) -> None:
        if update is not None:
            frames.append(update)
        display(screen, update)

    app._display = counting
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert "Opening en welkom" in app.query_one("#now-title").visual.plain
        assert len(frames) == 1


async def test_a_hall_of_few_rooms_redraws_nothing_and_a_big_one_only_its_pages(
    kiosk, tmp_path: Path, monkeypatch
):
    for rooms, turns in ((3, 0), (50, 2)):  # fifty rooms at 80x24: a page every ten seconds
        app = kiosk(at="11:00", path=big_hall(tmp_path / f"hall-{rooms}.yaml", rooms))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            refreshed = refreshes(app, monkeypatch, [1] * 20)  # twenty seconds of one minute
            assert refreshed == [app.listing] * turns, rooms


def test_styles_are_found_and_packaged():
    # the stylesheet lives beside the app, inside the package: an installed kiosk has it
    assert (Path(app_module.__file__).with_name(KioskApp.CSS_PATH)).is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["kiosk"]


async def test_collection_held_off_for_the_start_up_is_back_on_once_drawn(kiosk, monkeypatch):
    # `kiosk run` holds garbage collection off while it starts; a kiosk left that way would
    # grow all day
    monkeypatch.setattr(app_module, "STARTED", 0.01)
    app = kiosk(at="14:05")
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.05)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what start-up built is out of later collections
    finally:
        gc.unfreeze()
        gc.enable()
