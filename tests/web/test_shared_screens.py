"""Screens that show the same thing share one kiosk process; what they send steers nothing."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp
import pendulum
from serve_helpers import TITLE, now_titles, screen_text, serve_kiosk, session

from kiosk.core.live import Live, announce, start_item
from kiosk.files import statefile
from kiosk.files.loader import load
from kiosk.web.serve import THEME_NAMES

AT = pendulum.datetime(2022, 11, 22, 13, 45, tz="Europe/Amsterdam")
SYMPOSIUM = Path(__file__).resolve().parents[2] / "examples" / "symposium.yaml"


def kiosks_of(pid: int) -> list[int]:
    """The server's child processes: one kiosk each."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


async def until_kiosks(pid: int, count: int, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while len(kiosks_of(pid)) != count:
        assert time.monotonic() < deadline, f"{len(kiosks_of(pid))} kiosks, not {count}"
        await asyncio.sleep(0.05)


async def test_two_screens_share_one_kiosk_and_both_see_the_hosts_next(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path) as served:
        async with session(served) as first:
            await first.until(lambda: "Inloop" in now_titles(first.output))
            await first.watch(1.5)  # its start-up frames are out: from now on, only changes
            async with session(served) as second:
                # it joined a kiosk that had drawn already: it is drawn whole at once (a tick
                # draws only what changed, and at 13:45 the clock stays for a minute)
                await second.until(
                    lambda: TITLE in screen_text(second.output) and now_titles(second.output),
                    limit=1.0,
                )
                assert len(kiosks_of(served.process.pid)) == 1  # a websocket, not a process
                live = start_item(Live(), load(served.programme), 1, AT)  # the host's n
                statefile.write(served.state, announce(live, "Koffie staat klaar"))
                for page in (first, second):
                    seen = len(page.output)
                    await page.until(
                        lambda page=page, seen=seen: (
                            "Opening en welkom" in now_titles(page.output[seen:])
                            and "Koffie staat klaar" in screen_text(page.output)
                        )
                    )
            await first.send("ping", "after")  # one screen gone, the other's kiosk goes on
            await first.until(lambda: first.pongs == ["after"])
            assert len(kiosks_of(served.process.pid)) == 1
        # the last screen gone, its kiosk stays a while for a page that loads again (that it
        # then stops: test_a_kiosk_stops_a_while_after_its_last_screen)
        assert len(kiosks_of(served.process.pid)) == 1


async def test_what_a_screen_sends_reaches_no_kiosk(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path) as served:
        async with session(served) as first, session(served) as second:
            await second.until(lambda: now_titles(second.output))
            await second.watch(1.5)  # the start-up frames are out
            seen = len(second.output)
            # another theme (t) would draw every cell again; quit (ctrl+q, y) would end it
            for key in ("t", "t", "\x11", "y"):
                await first.send("stdin", key)
            await first.send("focus", None)
            await second.watch(1.5)
            assert len(second.output) - seen < 1000, screen_text(second.output[seen:])
            await second.send("ping", "on")
            await second.until(lambda: second.pongs == ["on"])
            assert len(kiosks_of(served.process.pid)) == 1


async def test_another_size_or_room_is_another_kiosk(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path) as served:
        async with session(served, 100, 30), session(served, 100, 30):
            await until_kiosks(served.process.pid, 1)
            async with session(served, 90, 30) as other:
                await other.until(lambda: now_titles(other.output))
                assert len(kiosks_of(served.process.pid)) == 2
                seen = len(other.output)
                await other.send("resize", {"width": 100, "height": 30})  # now the same rendering
                # it joined the others' kiosk, which drew it whole (the 90-wide one lingers)
                await other.until(lambda: TITLE in screen_text(other.output[seen:]))
                assert len(kiosks_of(served.process.pid)) == 2


async def test_a_page_can_ask_for_a_room_and_a_theme(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path, programme=SYMPOSIUM) as served:
        async with aiohttp.ClientSession() as client:
            async with client.get(served.url, params={"room": "Zaal 2", "theme": "light"}) as got:
                page = await got.text()
            assert got.status == 200
            token = page.split(f"ws://127.0.0.1:{served.port}/ws/", 1)[1].split('"', 1)[0]
            ws_url = f"ws://127.0.0.1:{served.port}/ws/{token}?width=80&height=24"
            async with client.ws_connect(ws_url) as ws:
                output = b""
                deadline = time.monotonic() + 15
                while "Zaal 2" not in screen_text(output):
                    assert time.monotonic() < deadline, screen_text(output)
                    message = await ws.receive(timeout=5)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        output += message.data
            async with client.get(served.url, params={"room": "Zaal 9"}) as got:
                said = await got.text()
            assert got.status == 404
            assert "Die zaal of dat thema kent deze kiosk niet" in said
            assert "?room=Zaal%202" in said  # the rooms it has, as they are asked for


def test_the_server_knows_the_kiosks_themes() -> None:
    from kiosk.tui.themes import THEMES

    assert tuple(THEMES) == THEME_NAMES


class FakeSocket:
    """A browser's websocket as the renderer sees it; a stuck one never finishes a send (its
    network is gone, its TCP window full)."""

    def __init__(self, stuck: bool = False):
        self.stuck, self.got, self.closed = stuck, 0, False

    async def send_bytes(self, data: bytes) -> None:
        if self.stuck and self.got:
            await asyncio.Event().wait()
        self.got += len(data)

    async def send_str(self, text: str) -> None:
        await self.send_bytes(text.encode())

    async def close(self) -> None:
        self.closed = True


def in_process(tmp_path: Path):
    """The server's screens in this process, their kiosks real, of one 80x24 rendering."""
    import shutil
    import sys

    from kiosk.web.viewers import Rendering, Viewers

    programme = tmp_path / "programme.yaml"
    shutil.copy(Path(__file__).resolve().parents[2] / "programme.yaml", programme)
    command = (
        f"exec {sys.executable} -m kiosk run {programme} --follow --served"
        f" --state {tmp_path / 's.json'} --at 13:45"
    )
    return Viewers(lambda rendering: command, 50, 12), Rendering(None, None, 80, 24)


async def test_a_stuck_screen_holds_up_no_other(tmp_path: Path) -> None:
    from kiosk.web.viewers import BEHIND, Viewer

    viewers, rendering = in_process(tmp_path)
    good, stuck = Viewer(FakeSocket(), "a"), Viewer(FakeSocket(stuck=True), "b")
    renderer = await viewers.watch(good, rendering)
    assert renderer is not None
    try:
        deadline = time.monotonic() + 15
        while not good.socket.got:
            assert time.monotonic() < deadline, "the kiosk drew nothing"
            await asyncio.sleep(0.05)
        await viewers.watch(stuck, rendering)
        for _ in range(BEHIND + 5):  # more frames than a screen may be behind
            await renderer._to_all(b"x")
            await asyncio.sleep(0)  # as between two reads of the kiosk's output
        await asyncio.sleep(0.1)
        assert stuck.socket.closed  # it fell behind: closed, its page loads again
        assert good.socket.got >= BEHIND  # the other had every frame
        assert stuck not in renderer.viewers or renderer.viewers == {good}
    finally:
        await viewers.unwatch(good, renderer)
        await viewers.stop_all()
        assert renderer.ended


async def test_a_kiosk_stops_a_while_after_its_last_screen(tmp_path: Path, monkeypatch) -> None:
    import kiosk.web.viewers
    from kiosk.web.viewers import Viewer

    monkeypatch.setattr(kiosk.web.viewers, "LINGER", 0.3)
    viewers, rendering = in_process(tmp_path)
    first = Viewer(FakeSocket(), "a")
    renderer = await viewers.watch(first, rendering)
    assert renderer is not None
    await viewers.unwatch(first, renderer)
    again = Viewer(FakeSocket(), "a")
    assert await viewers.watch(again, rendering) is renderer  # a page loading again: the same kiosk
    await viewers.unwatch(again, renderer)
    deadline = time.monotonic() + 10
    while not renderer.ended:
        assert time.monotonic() < deadline, "the kiosk outlived its last screen"
        await asyncio.sleep(0.05)
    assert rendering not in viewers.renderers


async def test_the_screens_over_the_cap_are_refused_even_all_at_once(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path, "--max-screens", "3") as served:
        async with aiohttp.ClientSession() as client:
            url = f"ws://127.0.0.1:{served.port}/ws?width=80&height=24"
            sockets = await asyncio.gather(*(client.ws_connect(url) for _ in range(8)))

            async def fate(ws) -> str:
                message = await ws.receive(timeout=15)
                return "refused" if message.type == aiohttp.WSMsgType.CLOSE else "screen"

            fates = await asyncio.gather(*(fate(ws) for ws in sockets))
            assert fates.count("screen") == 3 and fates.count("refused") == 5
            for ws in sockets:
                await ws.close()


async def test_a_screen_whose_kiosk_died_loads_again(tmp_path: Path) -> None:
    import os
    import signal

    with serve_kiosk(tmp_path) as served:
        async with session(served) as page:
            await page.until(lambda: now_titles(page.output))
            (kiosk,) = kiosks_of(served.process.pid)
            os.kill(kiosk, signal.SIGKILL)
            async with asyncio.timeout(10):
                async for _ in page.ws:  # the server closes it: the page loads again
                    pass
        async with session(served) as again:  # and the next screen gets a new kiosk
            await again.until(lambda: now_titles(again.output))


async def test_one_address_cannot_take_every_kiosk(tmp_path: Path) -> None:
    from kiosk.web.viewers import RENDERINGS_EACH

    with serve_kiosk(tmp_path) as served:
        async with aiohttp.ClientSession() as client:
            opened = []
            for n in range(RENDERINGS_EACH + 1):
                url = f"ws://127.0.0.1:{served.port}/ws?width={90 + n}&height=24"
                opened.append(await client.ws_connect(url))
            last = await opened[-1].receive(timeout=15)
            assert last.type == aiohttp.WSMsgType.CLOSE and opened[-1].close_code == 1013
            assert len(kiosks_of(served.process.pid)) == RENDERINGS_EACH
            for ws in opened:
                await ws.close()
