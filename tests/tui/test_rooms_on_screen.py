"""Rooms on screen: the hall's screen during a round and while the rooms run their own
parts, a room's door screen (--room), and many rooms and sessions on a venue TV's 80x24."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, big_hall, screen_lines, screen_text, text_of, time_left
from kiosk.files.loader import load

EXAMPLES = ROOT / "examples"


@pytest.fixture
def symposium(tmp_path: Path) -> Path:
    path = tmp_path / "programme.yaml"
    shutil.copy(EXAMPLES / "symposium.yaml", path)
    return path


@pytest.fixture
def conference(tmp_path: Path) -> Path:
    path = tmp_path / "programme.yaml"
    shutil.copy(EXAMPLES / "conference.yaml", path)
    return path


def many(tmp_path: Path, rooms: int, sessions: int) -> Path:
    names = [f"Zaal {n}" for n in range(1, rooms + 1)]
    lines = [
        "event:",
        "  title: Congres met heel veel zalen en een lange titel die niet op één regel past",
        "  date: 2023-03-09",
        "  timezone: Europe/Amsterdam",
        f"  rooms: [{', '.join(names)}]",
        "programme:",
        "  - {start: 9:30, title: Opening}",
        "  - start: 10:00",
        "    end: 11:00",
        "    title: Ronde met parallelle sessies",
        "    sessions:",
    ]
    for n in range(sessions):
        room, turn = names[n % rooms], n // rooms  # a room's sessions: 20 minutes each
        start, end = 10 * 60 + 20 * turn, 10 * 60 + 20 * turn + 20
        lines.append(
            f"      - {{title: Sessie {n + 1} over een onderwerp met een lange titel,"
            f" by: Spreker met een lange naam {n + 1}, room: {room},"
            f" start: '{start // 60}:{start % 60:02d}', end: '{end // 60}:{end % 60:02d}'}}"
        )
    lines.append("  - {start: 11:00, title: Einde, kind: end}")
    path = tmp_path / "programme.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load(path)  # a programme the loader takes
    return path


async def test_the_hall_during_a_round_shows_each_session_with_its_room(kiosk, symposium):
    app = kiosk(at="11:00", path=symposium)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "1ste ronde" in text
        assert any("Grote zaal · Praktijksessie wijkteams · Ans de Vries" in line for line in lines)
        assert any(
            "Zaal 2 · Masterclass samenlevingsopbouw · Rob de Boer" in line for line in lines
        )
        assert any("Zaal 3 · Werkplaats bewonersinitiatieven" in line for line in lines)


async def test_in_the_break_the_hall_shows_where_the_next_round_is(kiosk, symposium):
    app = kiosk(at="12:30", path=symposium)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Lunch" in text and "2de ronde" in text
        assert "Zaal 3 · Data in de wijk · Sanne Bakker" in text


async def test_a_rooms_door_shows_its_own_session_of_the_round(kiosk, symposium):
    app = kiosk(at="11:00", path=symposium, room="Zaal 2", follow=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Nu in Zaal 2" in text
        assert "Masterclass samenlevingsopbouw" in text
        assert "Werkplaats" not in text  # another room's session is not this door's
        assert "Zaal 2 · Stadhuis Almere" in text


async def test_the_hall_shows_each_rooms_part_while_the_rooms_run_their_tracks(kiosk, conference):
    app = kiosk(at="2023-05-25T11:00", path=conference)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Main hall · Open budgets in practice · Tom Peters" in text
        assert "Studio · Workshop: your first API · Lin Chen" in text
        # NEXT: what comes sooner in the rooms than lunch
        assert "Next in the rooms" in text and "Main hall · Publishing datasets that last" in text


async def test_the_hosts_key_on_the_hall_moves_every_rooms_round(kiosk, symposium):
    app = kiosk(at="09:29", path=symposium)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the walk-in starts now: everything follows, rooms too
        await pilot.pause()
        snap = app.tracks.snapshot(app.clock.now())
        assert snap.mode == "host"
        assert all(s.mode == "host" for _, s in snap.rooms)


async def test_a_door_screen_follows_the_hall_hosts_delay(kiosk, symposium):
    host = kiosk(at="10:50", path=symposium)
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")  # the keynote really begins at 10:50
        await pilot.pause()
        await host.flush()
    door = kiosk(at="10:55", path=symposium, room="Zaal 2", follow=True)
    async with door.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(door)
        assert "Masterclass samenlevingsopbouw" in text
        assert "om 11:35" in text  # the round, moved with the hall's delay


@pytest.mark.parametrize(("rooms", "sessions"), [(3, 8), (10, 10)])
@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_many_rooms_and_sessions_fit_and_cut_with_an_ellipsis(
    kiosk, tmp_path: Path, rooms: int, sessions: int, size: tuple[int, int]
):
    app = kiosk(at="10:05", path=many(tmp_path, rooms, sessions))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert all(len(line) <= size[0] for line in lines)
        assert "Ronde met parallelle sessies" in "\n".join(lines)
        if size == (80, 24):  # smaller, the list goes first: NOW and the time stay
            session_rows = [line for line in lines if "Sessie" in line]
            assert len(session_rows) >= min(sessions, 5), "the sessions are on screen"
            assert all("…" in line for line in session_rows), "long rows are cut with …"
            if len(session_rows) < sessions:  # the others come a page at a time, said so
                assert any(re.fullmatch(r" *\+\d+ zalen · 1/\d", line) for line in lines)


async def test_between_days_the_hall_counts_down_to_the_next_morning(kiosk, conference):
    app = kiosk(at="2023-05-26T07:00", path=conference)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Friday 26 May 2023" in text
        assert "Coffee from 09:30" in text or "Starts at" in text
        assert time_left(app, "headline") == "in 2:30 h"


MASH = "npcn+-ubbunnnnnnnpppppp++--nn"


@pytest.mark.parametrize(
    ("example", "at", "room"),
    [
        ("symposium.yaml", "10:50", "Zaal 3"),
        ("conference.yaml", "2023-05-25T15:50", None),  # into the evening: the next day
        ("conference.yaml", "2023-05-26T10:30", None),  # the hall of a day of only rooms
    ],
)
async def test_key_mashing_on_rooms_and_days_never_crashes(
    kiosk, tmp_path: Path, example: str, at: str, room: str | None
):
    path = tmp_path / "programme.yaml"
    shutil.copy(EXAMPLES / example, path)
    app = kiosk(at=at, path=path, room=room)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in MASH:
            await pilot.press({"+": "plus", "-": "minus"}.get(key, key))
        await pilot.pause()
        assert app.is_running
        state = app.live.state
        assert state.item_id is None or app.programme.index_of(state.item_id) is not None
        assert "Open Data Dagen" in screen_text(app) or "Symposium" in screen_text(app)


async def test_a_rooms_door_shows_its_session_of_the_moment_with_its_own_times(
    kiosk, tmp_path: Path
):
    path = tmp_path / "programme.yaml"
    path.write_text(
        "event: {title: T, date: 2023-03-09, timezone: Europe/Amsterdam, rooms: [A, B]}\n"
        "programme:\n"
        "  - start: 10:30\n"
        "    end: 12:00\n"
        "    title: Ronde\n"
        "    sessions:\n"
        "      - {title: Eerste sessie, room: A, end: 11:00}\n"
        "      - {title: Tweede sessie, room: A, start: 11:15}\n"
        "      - {title: Lange sessie, room: B}\n",
        encoding="utf-8",
    )
    for at, title, times, left in (
        ("10:40", "Eerste sessie", "10:30 – 11:00", "nog 20 min"),
        ("11:05", "Tweede sessie", "11:15 – 12:00", "over 10 min"),
        ("11:30", "Tweede sessie", "11:15 – 12:00", "nog 30 min"),
    ):
        app = kiosk(at=at, path=path, room="A", follow=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = (text_of(app, "#now-title"), text_of(app, "#now-times"))
            assert shown == (title, times), at
            assert time_left(app) == left, at


@pytest.fixture
def congres(tmp_path: Path) -> Path:
    path = tmp_path / "programme.yaml"
    shutil.copy(EXAMPLES / "congres.yaml", path)
    return path


async def test_everybody_at_the_plenary_and_a_free_room_says_where_things_are(kiosk, congres):
    """The hall at the opening in the Grote zaal, then a free room's door in the second
    round, as the day moves on under one kiosk each."""
    hall = kiosk(at="10:10", path=congres)
    async with hall.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(hall, "#now-label") == "Nu in Grote zaal"
        assert text_of(hall, "#now-title") == "Opening"
    door = kiosk(at="13:40", path=congres, room="Zaal 3", follow=True)
    async with door.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not door.query_one("#now").display  # a round it has no session in: no NOW
        assert text_of(door, "#headline-text") == (
            "Nu elders: Zaal 1 · Excursie Bloemenbuurt, Zaal 2 · Masterclass gemeenten"
        )
        assert text_of(door, "#next-title") == "Plenaire afsluiting"
        door.clock.set(door.clock.now().replace(hour=14, minute=40))
        door.tick()
        await pilot.pause()
        assert text_of(door, "#now-label") == "Nu in Grote zaal"
        assert text_of(door, "#now-title") == "Plenaire afsluiting"


def rooms_shown(lines: list[str]) -> list[str]:
    """The rooms of the hall's list rows on screen, in order ('▶ nog 30 min · Zaal 3 · …')."""
    return [m[1] for line in lines if (m := re.match(r" *▶ [^·]+ · ([^·]+) · ", line))]


async def test_a_hall_of_fifty_rooms_at_80x24_pages_through_them_all(kiosk, tmp_path: Path):
    app = kiosk(at="11:00", path=big_hall(tmp_path / "programme.yaml"))
    names = [name for name, _ in app.tracks.snapshot(app.clock.now()).rooms]
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for page in range(1, 5):
            await pilot.pause()
            lines = screen_lines(app)
            assert all(len(line) <= 80 for line in lines)
            shown = rooms_shown(lines)
            assert 11 <= len(shown) <= 15
            # how many more, and which page: the last line of the list
            said = [line.strip() for line in lines if line.strip().endswith(f"· {page}/4")]
            assert said == [f"+{50 - len(shown)} zalen · {page}/4"]
            seen += shown
            app.clock.advance(10)  # the tick a page later
            app.tick()
        await pilot.pause()
        assert rooms_shown(screen_lines(app))[0] == "Grote zaal"  # and round again
    assert seen == names  # every room once, in the rooms' order


async def test_a_door_of_the_big_hall_shows_its_own_room_and_no_pages(kiosk, tmp_path: Path):
    app = kiosk(at="11:00", path=big_hall(tmp_path / "programme.yaml"), room="Zaal 30")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = screen_text(app)
        assert text_of(app, "#now-title") == "Data in de wijk (31)"
        assert "zalen ·" not in before
        app.clock.advance(10)
        app.tick()
        await pilot.pause()
        assert screen_text(app) == before
