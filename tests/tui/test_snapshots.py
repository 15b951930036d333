"""The look of each phase, at a venue TV's 80x24 and a large 160x45, as reviewed SVG pictures.

Update after a reviewed change of look with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import re
import shutil
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import PHASES, PROGRAMME, ROOT, big_hall
from kiosk.core.settings import Settings
from kiosk.core.times import parse_when
from kiosk.files.clock import FixedClock
from kiosk.files.loader import load
from kiosk.tui.app import make_app

SIZES = {"40x12": (40, 12), "80x24": (80, 24), "160x45": (160, 45), "250x70": (250, 70)}
ROOM_SIZES = {"80x24": (80, 24), "160x45": (160, 45)}


def drawn_with() -> str:
    """The Textual the pictures were drawn with: the one the test extra pins."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [re.fullmatch(r"textual==(\S+)", d) for d in extra["optional-dependencies"]["test"]]
    return next(m[1] for m in pins if m)


@pytest.fixture(autouse=True)
def same_textual() -> None:
    # another Textual draws other pixels: say so, instead of a diff of every picture
    installed = version("textual")
    if installed != drawn_with():
        pytest.fail(
            f"the snapshots are drawn by Textual {drawn_with()}, this is {installed}: install "
            "'.[test]', or move the pin and review a --snapshot-update"
        )


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a temp folder so the status line names the state file the same way each time."""
    shutil.copy(PROGRAMME, tmp_path / "programme.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def app_at(at: str, theme: str | None = None, css: Path | None = None):
    programme = load("programme.yaml")
    start = parse_when(at, programme.event.date, programme.event.timezone)
    settings = Settings(Path("programme.yaml"), Path("programme.state.json"), theme=theme, css=css)
    return make_app(settings, programme, FixedClock(programme.event.timezone, start))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("phase", PHASES)
def test_phase(snap_compare, here, phase: str, size: str):
    assert snap_compare(app_at(PHASES[phase]), terminal_size=SIZES[size])


@pytest.mark.parametrize("phase", ["before", "during", "break", "after"])
@pytest.mark.parametrize("theme", ["light", "contrast"])
def test_themes(snap_compare, here, theme: str, phase: str):
    assert snap_compare(app_at(PHASES[phase], theme=theme), terminal_size=(80, 24))


def test_blank(snap_compare, here):
    assert snap_compare(app_at("14:05"), press=["b"], terminal_size=(80, 24))


def test_host_running_late_with_an_announcement(snap_compare, here):
    keys = ["n", "plus", "plus", "m", *"Koffie en thee in de foyer", "enter"]
    assert snap_compare(app_at("14:15"), press=keys, terminal_size=(80, 24))


def test_help(snap_compare, here):
    assert snap_compare(app_at("14:05"), press=["question_mark"], terminal_size=(80, 24))


ROOMS = {
    "hall-round": ("symposium.yaml", "11:00", None),
    "door-round": ("symposium.yaml", "11:00", "Zaal 2"),
    "hall-tracks": ("conference.yaml", "2023-05-25T11:00", None),
    "door-tracks": ("conference.yaml", "2023-05-25T11:00", "Studio"),
    # everybody at the closing plenary in the Grote zaal, as a door shows it
    "door-plenary": ("congres.yaml", "14:40", "Zaal 1"),
    # a round without a session in Zaal 3: where the sessions are, and its own next part
    "door-elsewhere": ("congres.yaml", "13:40", "Zaal 3"),
}


@pytest.mark.parametrize("size", ROOM_SIZES)
@pytest.mark.parametrize("screen", ROOMS)
def test_rooms(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screen, size):
    """The hall's screen during a round and while the rooms run their own parts, and the
    screen at a room's door (a follower: it shows no host status)."""
    name, at, room = ROOMS[screen]
    shutil.copy(ROOT / "examples" / name, tmp_path / "programme.yaml")
    monkeypatch.chdir(tmp_path)
    programme = load("programme.yaml")
    start = parse_when(at, programme.event.date, programme.event.timezone)
    settings = Settings(
        Path("programme.yaml"), Path("programme.state.json"), follow=room is not None, room=room
    )
    app = make_app(settings, programme, FixedClock(programme.event.timezone, start))
    assert snap_compare(app, terminal_size=ROOM_SIZES[size])


BIG_HALL = {"tracks": "11:00", "round": "13:40"}  # fifty rooms: their own parts, a round


@pytest.mark.parametrize("size", ROOM_SIZES)
@pytest.mark.parametrize("moment", BIG_HALL)
def test_a_big_hall(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment, size):
    """The hall's screen of fifty rooms: a page of them, with how many more and which page
    (at 160x45 the rooms' own parts all fit in two columns; the round's do not)."""
    big_hall(tmp_path / "programme.yaml")
    monkeypatch.chdir(tmp_path)
    assert snap_compare(app_at(BIG_HALL[moment]), terminal_size=ROOM_SIZES[size])


AFTERNOON = {
    "wrap-up": ("programme.yaml", "14:18", (80, 24)),
    "nearly-time": ("programme.yaml", "14:21", (80, 24)),
    "tables": ("examples/leercafe-tables.yaml", "16:08", (80, 24)),
    "tables-large-qr": ("examples/leercafe-tables.yaml", "16:08", (160, 45)),
    "after-qr": ("examples/leercafe-tables.yaml", "18:30", (80, 24)),
}


@pytest.mark.parametrize("screen", AFTERNOON)
def test_the_afternoon(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screen):
    """The last minutes of a part, the dialogue tables' turns, the event page as a QR code."""
    name, at, size = AFTERNOON[screen]
    shutil.copy(ROOT / name, tmp_path / "programme.yaml")
    monkeypatch.chdir(tmp_path)
    assert snap_compare(app_at(at), terminal_size=size)


def test_over_time(snap_compare, here):
    async def run_over(pilot) -> None:
        await pilot.press("n")  # the opening, started by the host at 13:59
        pilot.app.clock.advance(25 * 60)
        pilot.app.tick()

    assert snap_compare(app_at("13:59"), run_before=run_over, terminal_size=(80, 24))


LOOK_SCREENS = {  # each look of styles/ as its comment says to use it, while a part runs
    "leercafe": (None, "14:18"),  # the wrap-up: the stage's colours over the house's
    "bright-hall": ("light", "14:10"),
}


@pytest.mark.parametrize("size", ROOM_SIZES)
@pytest.mark.parametrize("look", LOOK_SCREENS)
def test_looks(snap_compare, here, look: str, size: str):
    theme, at = LOOK_SCREENS[look]
    app = app_at(at, theme=theme, css=ROOT / "styles" / f"{look}.tcss")
    assert snap_compare(app, terminal_size=ROOM_SIZES[size])


def test_every_look_in_styles_has_a_snapshot():
    assert sorted(LOOK_SCREENS) == sorted(p.stem for p in (ROOT / "styles").glob("*.tcss"))
