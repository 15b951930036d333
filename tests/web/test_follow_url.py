"""A screen on another machine: `kiosk run --follow http://HOST:PORT/` follows the host over
HTTP, runs on without it and catches up when it is back; nothing over HTTP steers."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pendulum
import pytest
from serve_helpers import serve_kiosk

from conftest import text_of
from kiosk.core.live import Live, announce, start_item
from kiosk.core.settings import Settings
from kiosk.files import statefile
from kiosk.files.clock import FixedClock
from kiosk.files.loader import load
from kiosk.files.mirror import Mirror, Unreachable, folder_for, url_of
from kiosk.tui.app import make_app

TZ = "Europe/Amsterdam"
AT = pendulum.datetime(2022, 11, 22, 13, 45, tz=TZ)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def until(done: Callable[[], bool], pilot, limit: float = 10.0, what: str = "") -> float:
    """Let the app run until done() holds; the seconds it took."""
    start = time.monotonic()
    while not done():
        assert time.monotonic() - start < limit, f"gave up waiting for {what}"
        await pilot.pause(0.05)
    return time.monotonic() - start


def now_title(app) -> str:
    from conftest import text_of

    return text_of(app, "#now-title")


async def test_a_display_elsewhere_follows_the_host_through_a_server_restart(
    tmp_path: Path, host: Path
) -> None:
    port = free_port()
    url = url_of(f"http://127.0.0.1:{port}")
    mirror = Mirror(url, tmp_path / "elsewhere")  # another folder: no programme file there
    with serve_kiosk(host, "--port", str(port)) as served:
        mirror.fetch()
        settings = Settings(mirror.programme_path, mirror.state_path, follow=True)
        app = make_app(settings, load(mirror.programme_path), FixedClock(TZ, AT), mirror)
        mirror.start()
        async with app.run_test(size=(80, 24)) as pilot:
            await until(lambda: mirror.connected, pilot, what="the connection")
            # connected: no mark (from the next tick on)
            await until(lambda: app.status_line.text == "", pilot, what="no mark")
            assert now_title(app) == "Inloop"
            programme = load(served.programme)
            statefile.write(served.state, start_item(Live(), programme, 1, AT))  # the host's n
            took = await until(lambda: now_title(app) == "Opening en welkom", pilot, what="n")
            assert took < 1.5  # within a second, give or take a loaded test machine

            served.process.kill()  # the host's server is gone
            await until(lambda: app.status_line.text == "geen verbinding", pilot, what="mark")
            assert now_title(app) == "Opening en welkom"  # it runs on with what it had
            live = start_item(Live(), programme, 2, AT.add(minutes=5))
            statefile.write(served.state, announce(live, "Koffie staat klaar"))

            with serve_kiosk(host, "--port", str(port), programme=served.programme):
                await until(
                    lambda: "Koffie staat klaar" in text_of(app, "#banner"),
                    pilot,
                    limit=15,
                    what="the catch-up",
                )
                assert now_title(app) == "Onderzoek opbouwwerk De Schoor"
                await until(lambda: app.status_line.text == "", pilot, what="the mark to go")


@pytest.fixture
def host(tmp_path: Path):
    folder = tmp_path / "host"
    folder.mkdir()
    return folder


async def test_a_display_elsewhere_starts_on_its_last_copies(tmp_path: Path, host) -> None:
    port = free_port()
    mirror = Mirror(url_of(f"http://127.0.0.1:{port}/"), tmp_path / "elsewhere")
    with serve_kiosk(host, "--port", str(port)):
        mirror.fetch()
    # the host's machine is off now; this display starts on the copies of its last run
    settings = Settings(mirror.programme_path, mirror.state_path, follow=True)
    app = make_app(settings, load(mirror.programme_path), FixedClock(TZ, AT), mirror)
    mirror.start()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: app.status_line.text == "geen verbinding", pilot, what="the mark")
        assert now_title(app) == "Inloop"


async def test_nothing_over_http_changes_the_host(tmp_path: Path, host) -> None:
    with serve_kiosk(host) as served:
        async with aiohttp.ClientSession() as client:
            for path in ("api/state", "api/programme", "api/events", ""):
                for method in ("POST", "PUT", "DELETE", "PATCH"):
                    async with client.request(method, served.url + path, data="{}") as got:
                        assert got.status == 405, (method, path)
            async with client.get(served.url + "api/programme") as got:
                body = await got.json()
            assert body["file"] == "programme.yaml"
            assert body["text"] == served.programme.read_text()
            async with client.get(served.url + "api/state") as got:
                assert await got.json() == {"text": None}  # no host yet: the clock
        assert not served.state.exists()


async def test_the_events_push_each_change(tmp_path: Path, host) -> None:
    with serve_kiosk(host) as served:
        async with (
            aiohttp.ClientSession() as client,
            client.get(served.url + "api/events") as stream,
        ):
            assert stream.headers["Content-Type"] == "text/event-stream"

            async def event() -> tuple[str, dict]:
                name = ""
                async for raw in stream.content:
                    line = raw.decode().rstrip("\n")
                    if line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        return name, json.loads(line[6:])
                raise AssertionError("the stream ended")

            assert (await event())[0] == "programme"
            assert await event() == ("state", {"text": None})
            statefile.write(served.state, start_item(Live(), load(served.programme), 1, AT))
            name, data = await asyncio.wait_for(event(), 5)
            assert name == "state" and data["text"] == served.state.read_text()
            # a save with a mistake is not passed on: followers keep the last good programme
            served.programme.write_text("event: [unclosed\n")
            served.programme.write_text(served.programme.read_text())  # (settled)
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(event(), 1.5)


def test_an_unreachable_host_is_one_line(tmp_path: Path) -> None:
    mirror = Mirror(url_of(f"http://127.0.0.1:{free_port()}"), tmp_path)
    with pytest.raises(Unreachable, match="refused"):
        mirror.fetch(timeout=2)


@pytest.mark.parametrize("text", ["ftp://host/", "host:8000", "http://", "programme.yaml"])
def test_only_an_http_address_is_taken(text: str) -> None:
    with pytest.raises(ValueError, match="is not an http:// address"):
        url_of(text)


def test_each_server_has_its_own_copies(tmp_path: Path) -> None:
    a = folder_for(url_of("http://10.0.0.5:8000"), tmp_path)
    b = folder_for(url_of("http://10.0.0.6:8000/"), tmp_path)
    assert a != b and a.parent == tmp_path and a.name.startswith("10.0.0.5-8000-")
    assert folder_for(url_of("http://10.0.0.5:8000/"), tmp_path) == a


class Canned:
    """A server that answers /api/events with these bytes, then ends the stream."""

    def __init__(self, body: bytes):
        import http.server
        import threading

        canned = self
        self.requests = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the standard library names it so
                canned.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_events_are_read_as_the_standard_writes_them(tmp_path: Path) -> None:
    canned = Canned(
        b': a comment\r\nevent: state\r\ndata: {"text":\r\ndata:  "two  spaces"}\r\n\r\n'
    )
    try:
        mirror = Mirror(canned.url, tmp_path)
        mirror._listen()  # reads until the stream ends
    finally:
        canned.close()
    assert mirror.state_path.read_text() == "two  spaces"


def test_garbage_from_the_host_never_stops_the_following(tmp_path: Path) -> None:
    canned = Canned(b"event: state\ndata: " + b"[" * 100_000 + b"\n\n")
    try:
        mirror = Mirror(canned.url, tmp_path)
        mirror.start()
        deadline = time.monotonic() + 10
        while canned.requests < 2:  # it read the garbage, and came back for more
            assert time.monotonic() < deadline, "the mirror stopped following"
            time.sleep(0.01)
        assert mirror._thread is not None and mirror._thread.is_alive()
        assert not mirror.state_path.exists()
    finally:
        canned.close()


async def test_a_follower_elsewhere_does_not_hold_up_stopping_the_server(host: Path) -> None:
    with serve_kiosk(host) as served:
        async with (
            aiohttp.ClientSession() as client,
            client.get(served.url + "api/events") as stream,
        ):
            await stream.content.readline()  # following
            started = time.monotonic()
            served.process.terminate()
            assert await asyncio.to_thread(served.process.wait, 10) == 0
            assert time.monotonic() - started < 2.5
