"""`?view=stage` on a served page: the speaker's screen in a browser, a follower kiosk of its
own (screens of one room, theme, view and grid share one), with the host's message to the
stage, which the hall's pages never show."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

import aiohttp
from aiohttp.test_utils import make_mocked_request
from serve_helpers import PROGRAMME, screen_text, serve_kiosk

from kiosk.core.live import Live, to_stage
from kiosk.core.settings import Settings
from kiosk.files import statefile
from kiosk.files.loader import load
from kiosk.web.serve import KioskServer, follower_command
from kiosk.web.viewers import Rendering


def test_a_stage_rendering_runs_a_stage_follower(tmp_path: Path) -> None:
    settings = Settings(PROGRAMME, tmp_path / "live.json", follow=True)
    server = KioskServer(settings, load(PROGRAMME), "127.0.0.1", 0)
    stage = server.rendering(make_mocked_request("GET", "/?view=stage"))
    assert stage == Rendering(None, None, 80, 24, "stage")
    args = shlex.split(server.follower(stage))
    assert args[args.index("--view") + 1] == "stage"
    hall = server.rendering(make_mocked_request("GET", "/"))
    assert hall is not None and hall.view == "hall"
    assert "--view" not in shlex.split(server.follower(hall))
    assert server.rendering(make_mocked_request("GET", "/?view=podium")) is None


def test_kiosk_serve_view_stage_makes_every_page_a_stage_unless_it_asks(tmp_path: Path) -> None:
    settings = Settings(PROGRAMME, tmp_path / "live.json", follow=True, view="stage")
    assert "--view stage" in follower_command(settings, None)
    server = KioskServer(settings, load(PROGRAMME), "127.0.0.1", 0)
    assert server.rendering(make_mocked_request("GET", "/")).view == "stage"  # type: ignore[union-attr]
    hall = server.rendering(make_mocked_request("GET", "/?view=hall"))
    assert hall is not None and hall.view == "hall"


async def page_output(client: aiohttp.ClientSession, url: str, port: int, done) -> bytes:
    """What a browser page of `url` is drawn: its websocket's output until done(text)."""
    async with client.get(url) as got:
        page = await got.text()
    assert got.status == 200
    token = page.split(f"ws://127.0.0.1:{port}/ws/", 1)[1].split('"', 1)[0]
    output = b""
    async with client.ws_connect(f"ws://127.0.0.1:{port}/ws/{token}?width=80&height=24") as ws:
        deadline = time.monotonic() + 15
        while not done(screen_text(output)):
            assert time.monotonic() < deadline, screen_text(output)
            message = await ws.receive(timeout=5)
            if message.type == aiohttp.WSMsgType.BINARY:
                output += message.data
    return output


async def test_a_stage_page_shows_the_speakers_screen_and_the_message(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path) as served:
        statefile.write(served.state, to_stage(Live(), "Nog 5 minuten"))
        async with aiohttp.ClientSession() as client:
            stage = await page_output(
                client,
                f"{served.url}?view=stage",
                served.port,
                lambda text: "Nog 5 minuten" in text and "Hierna: Opening en welkom" in text,
            )
            assert "█" in screen_text(stage), "the time left in blocks"
            hall = await page_output(
                client, served.url, served.port, lambda text: "Opening en welkom" in text
            )
            assert "Hierna: Opening" not in screen_text(hall)
            assert "Nog 5 minuten" not in screen_text(hall), "the hall never shows it"
            async with client.get(served.url, params={"view": "podium"}) as got:
                said = await got.text()
            assert got.status == 404
            assert "Die weergave kent deze kiosk niet · weergaven: ?view=hall, ?view=stage" in said
