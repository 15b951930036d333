"""kiosk serve (#6): every browser session is a follower of the live state, on loopback."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import aiohttp
import pendulum
import pytest
from serve_helpers import (
    PROGRAMME,
    TITLE,
    drew_row,
    group_alive,
    now_titles,
    screen_text,
    serve_kiosk,
    session,
)

from kiosk.core.live import Live, announce, start_item
from kiosk.core.settings import Settings
from kiosk.files import statefile
from kiosk.files.clock import Clock
from kiosk.files.loader import load
from kiosk.web.serve import KioskServer, follower_command, is_loopback, serve, warning

TZ = "Europe/Amsterdam"
AT = pendulum.datetime(2022, 11, 22, 13, 45, tz=TZ)


@pytest.fixture
def served(tmp_path: Path):
    with serve_kiosk(tmp_path) as running:
        yield running


def _settings(tmp_path: Path, **changes) -> Settings:
    return Settings(
        programme_path=tmp_path / "a b" / "programme.yaml",
        state_path=Path("live state.json"),
        follow=True,
    )._replace(**changes)


# -- the command each session runs ------------------------------------------------------------


def test_follower_command_passes_the_options_through_quoted_and_absolute(tmp_path: Path) -> None:
    css = tmp_path / "brand $1.tcss"
    settings = _settings(tmp_path, speed=60.0, theme="light", css=css, room="Zaal 2 & co")
    exec_, *args = shlex.split(follower_command(settings, AT))
    assert exec_ == "exec", "the shell becomes the kiosk: its parent is the server"
    assert args == [
        sys.executable,
        "-m",
        "kiosk",
        "run",
        str(tmp_path / "a b" / "programme.yaml"),
        "--follow",
        "--served",
        "--state",
        str(Path.cwd() / "live state.json"),
        "--at",
        "2022-11-22T13:45:00+01:00",
        "--speed",
        "60.0",
        "--theme",
        "light",
        "--css",
        str(css),
        "--room",
        "Zaal 2 & co",
    ]


def test_follower_command_without_rehearsal_follows_the_real_clock(tmp_path: Path) -> None:
    args = shlex.split(follower_command(_settings(tmp_path), None))
    assert "--at" not in args and "--speed" not in args and "--follow" in args


def test_a_later_session_joins_the_rehearsal_clock_where_it_is(tmp_path: Path) -> None:
    settings = _settings(tmp_path, start=AT, speed=60.0)
    settings.programme_path.parent.mkdir()
    shutil.copy(PROGRAMME, settings.programme_path)
    server = KioskServer(settings, load(PROGRAMME), "127.0.0.1", 0)
    seconds = [0.0]
    server.clock = Clock(TZ, AT, 60.0, monotonic=lambda: seconds[0])
    first = shlex.split(server.command)
    seconds[0] = 10.0  # ten seconds of waiting, ten minutes of rehearsal
    later = shlex.split(server.command)
    assert _at(first) == AT and _at(later) == AT.add(minutes=10)


def _at(args: list[str]) -> datetime:
    return datetime.fromisoformat(args[args.index("--at") + 1])


# -- the host ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "localhost", "::1"])
def test_loopback_hosts_need_no_warning(host: str) -> None:
    assert is_loopback(host) and warning(host, 8000) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "kiosk.local"])
def test_other_hosts_warn_that_anyone_on_the_network_can_watch(host: str) -> None:
    text = warning(host, 8000)
    assert not is_loopback(host) and text and "anyone on that network can watch" in text


def test_a_port_in_use_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "serve",
                str(PROGRAMME),
                "--port",
                str(port),
                "--state",
                str(tmp_path / "live.json"),
            ],
            capture_output=True,
            text=True,
            timeout=20,
        )
    assert done.returncode == 1
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "in use" in done.stderr


@pytest.mark.parametrize("port", [-1, 65536])
def test_a_port_out_of_range_is_one_line_and_exit_1(tmp_path: Path, port: int, capsys) -> None:
    settings = Settings(programme_path=PROGRAMME, state_path=tmp_path / "live.json")
    assert serve(settings, port=port) == 1
    assert capsys.readouterr().err.count("\n") == 1


# -- the page and its sessions ----------------------------------------------------------------


async def test_page_is_titled_by_the_event_and_points_at_this_server(served) -> None:
    async with aiohttp.ClientSession() as client, client.get(served.url) as response:
        page = await response.text()
    assert response.status == 200
    assert f"<title>{TITLE}</title>" in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws/' in page
    assert f"serving {TITLE} at {served.url}" in (served.programme.parent / "serve.out").read_text()


async def test_a_session_shows_the_programme_and_ignores_host_keys(served) -> None:
    async with session(served) as page:
        await page.until(lambda: TITLE in screen_text(page.output) and now_titles(page.output))
        assert set(now_titles(page.output)) == {"Inloop"}  # --at 13:45 reached the session
        await page.send("ping", "1")
        await page.until(lambda: page.pongs == ["1"])

        seen = len(page.output)
        for key in ("n", " ", "\x1b[C"):  # next, as n, space and right arrow
            await page.send("stdin", key)
        # The resize follows the keys down the same pipe: its redraw shows they have been read.
        await page.send("resize", {"width": 100, "height": 31})
        await page.until(lambda: drew_row(page.output[seen:], 31))
        # A host writes the state file and redraws at once; watch well past that (and a tick).
        await page.watch(1.5, served.state.exists)
        assert not served.state.exists()
        assert set(now_titles(page.output[seen:])) == {"Inloop"}


async def test_a_session_follows_the_hosts_position_and_announcement(served) -> None:
    async with session(served) as page:
        await page.until(lambda: now_titles(page.output))
        programme = load(served.programme)
        live = start_item(Live(), programme, 1, AT)  # the host: "Opening en welkom" starts now
        statefile.write(served.state, announce(live, "Koffie staat klaar"))
        seen = len(page.output)
        await page.until(
            lambda: (
                "Opening en welkom" in now_titles(page.output[seen:])
                and "Koffie staat klaar" in screen_text(page.output[seen:])
            )
        )


async def test_stopping_the_server_closes_its_tabs_and_ends_their_kiosks(served) -> None:
    async with session(served) as page:
        await page.until(lambda: now_titles(page.output))
        served.process.terminate()
        async with asyncio.timeout(5):
            async for _ in page.ws:  # until the server closes the session
                pass
        assert page.ws.close_code == aiohttp.WSCloseCode.OK
    assert served.process.wait(5) == 0
    deadline = time.monotonic() + 5
    while group_alive(served.process.pid):  # the session's kiosk (and its shell) are gone
        assert time.monotonic() < deadline, "a kiosk run outlived its server"
        await asyncio.sleep(0.05)


async def test_killing_the_server_ends_its_tabs_kiosks_too(served) -> None:
    async with session(served) as page:
        await page.until(lambda: now_titles(page.output))
        os.kill(served.process.pid, signal.SIGKILL)  # no chance to end its sessions
        served.process.wait(5)
    deadline = time.monotonic() + 5
    while group_alive(served.process.pid):  # the tab's kiosk ends with its parent
        assert time.monotonic() < deadline, "a kiosk run outlived its killed server"
        await asyncio.sleep(0.05)


async def test_a_tab_cannot_quit_its_kiosk(served) -> None:
    async with session(served) as page:
        await page.until(lambda: now_titles(page.output))
        await page.send("stdin", "\x11")  # ctrl+q
        await page.send("stdin", "y")
        await page.watch(1.0)
        await page.send("ping", "still there")
        await page.until(lambda: page.pongs == ["still there"])
        seen = len(page.output)
        await page.send("resize", {"width": 90, "height": 30})
        await page.until(lambda: drew_row(page.output[seen:], 30))  # the kiosk still draws


async def test_the_page_needs_no_internet_and_comes_back_by_itself(served) -> None:
    async with aiohttp.ClientSession() as client, client.get(served.url) as response:
        page = await response.text()
        # the font is the one textual-serve ships, from this server: a venue may have no internet
        assert "fonts.googleapis.com" not in page and "https://" not in page.split("<body")[0]
        font = re.search(r"url\('([^']+RobotoMono-VariableFont_wght\.ttf)'\)", page)
        assert font is not None
        assert font[1].startswith(served.url)
        async with client.get(font[1]) as got:
            assert got.status == 200 and len(await got.read()) > 10_000
    # no button a TV cannot press: a line in the display's language, and the page reloads
    assert "Restart" not in page and "Session ended" not in page
    assert "De verbinding met de kiosk is weg · het scherm komt vanzelf terug" in page
    assert "window.location.reload()" in page and '"cols": 80, "rows": 24' in page


def test_cells_are_checked_before_anything_starts(tmp_path: Path, capsys) -> None:
    from kiosk.cli import main

    assert main(["serve", str(tmp_path / "none.yaml"), "--cells", "80by24"]) == 2
    assert "--cells: give columns x rows, like 80x24" in capsys.readouterr().err


async def test_the_screen_over_the_cap_gets_a_plain_page_and_no_kiosk(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path, "--max-screens", "1") as served:
        async with session(served) as first:
            await first.until(lambda: now_titles(first.output))
            async with aiohttp.ClientSession() as client:
                async with client.get(served.url) as response:
                    page = await response.text()
                assert response.status == 503
                assert "Er kijken al 1 schermen mee" in page and 'http-equiv="refresh"' in page
                ws = await client.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=80&height=24")
                message = await ws.receive(timeout=5)
                assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                assert ws.close_code == 1013
                await ws.close()


async def test_a_clients_terminal_size_is_clamped(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path) as served:
        async with session(served, width=100, height=100000) as page:
            # asked for 100,000 rows, the kiosk draws 200 at most
            await page.until(lambda: drew_row(page.output, 200))
            assert not drew_row(page.output, 201)
