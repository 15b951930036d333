"""A keyboard host and a remote (kiosk serve --control) at once: the host kiosk takes the
remote's actions from its scan of the files and applies them as if its keys were pressed, in
order with the keys; none is lost, none is applied twice."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from textual.pilot import Pilot

from conftest import at, leercafe, text_of
from kiosk.core.actions import Action, act
from kiosk.core.live import Live
from kiosk.core.settings import Settings
from kiosk.core.tracks import Tracks
from kiosk.files import statefile
from kiosk.files.clock import FixedClock
from kiosk.tui.app import KioskApp
from kiosk.web.control import Control
from kiosk.web.feed import Feed

TOKEN = "a-token-for-the-tests-0123456789"
Client = TestClient[web.Request, web.Application]
KEYS = {"next": "n", "later": "plus", "earlier": "minus", "blank": "b", "undo": "u"}


@contextlib.asynccontextmanager
async def server_for(app: KioskApp) -> AsyncIterator[Client]:
    """`kiosk serve --control` beside the host kiosk, on the same files."""
    settings = Settings(
        programme_path=app.settings.programme_path,
        state_path=app.settings.state_path,
        follow=True,
    )
    feed = Feed(settings.programme_path, settings.state_path, leercafe())
    control = Control(settings, TOKEN, feed, FixedClock("Europe/Amsterdam", at("14:05")))
    seconds = itertools.count()
    control.monotonic = lambda: float(next(seconds))  # a second between actions: no 429 here
    served = web.Application()
    served.router.add_routes(control.routes())
    async with TestClient(TestServer(served)) as client:
        yield client


@contextlib.asynccontextmanager
async def hosted(app: KioskApp) -> AsyncIterator[tuple[Pilot[int], Client]]:
    """The host kiosk running with the host lock, as kiosk run has it, and the server beside
    it."""
    app.files.take_host_lock(print)
    try:
        async with app.run_test(size=(80, 24)) as pilot, server_for(app) as client:
            yield pilot, client
    finally:
        app.files.release_host_lock()


async def remote(client: Client, word: str, **more: object):
    body = json.dumps({"action": word, **more})
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with client.post("/api/act", data=body, headers=headers) as response:
        return response.status, await response.json()


async def taken(app: KioskApp, pilot, sending: asyncio.Task[tuple[int, dict]]) -> tuple:
    """The host's scans (its poll, now) until the remote's action was taken."""
    while not sending.done():
        await app.poll()
        await asyncio.sleep(0.01)
    await pilot.pause()
    return sending.result()


def replay(steps: list[tuple[str, str | None]]) -> Live:
    """The live state the same actions leave, pressed one after the other at 14:05."""
    programme, now, live = leercafe(), at("14:05"), Live()
    for word, text in steps:
        live = act(live, Tracks(programme, live.state).at(now), Action(word), now, text)
    return live


async def test_keys_and_remote_actions_interleaved_are_each_applied_once_in_order(kiosk):
    app = kiosk(at="14:05")
    steps = [  # (by, action, text)
        ("key", "next", None),
        ("remote", "later", None),
        ("key", "later", None),
        ("remote", "next", None),
        ("key", "earlier", None),
        ("remote", "announce", "Koffie staat klaar"),
        ("key", "blank", None),
        ("remote", "blank", None),  # the phone brings the screen back
        ("remote", "earlier", None),
        ("key", "undo", None),
        ("remote", "undo", None),
        ("key", "next", None),
    ]
    async with hosted(app) as (pilot, client):
        for by, word, text in steps:
            if by == "key":
                await pilot.press(KEYS[word])
                continue
            more = {} if text is None else {"text": text}
            sending = asyncio.create_task(remote(client, word, **more))
            status, answer = await taken(app, pilot, sending)
            assert status == 200 and answer["applied_by"] == "the host kiosk"
        await app.flush()
        expected = replay([(word, text) for _, word, text in steps])
        assert app.live == expected
        assert statefile.read(app.settings.state_path, leercafe()) == expected
        log, _ = statefile.read_log(statefile.log_path(app.settings.state_path))
        assert [e.action for e in log] == [word for _, word, _ in steps]


async def test_a_burst_from_the_remote_among_keys_loses_and_doubles_nothing(kiosk):
    app = kiosk(at="14:05")
    async with hosted(app) as (pilot, client):
        await pilot.press("n")  # host mode: each shift adds to the delay
        burst = [asyncio.create_task(remote(client, "later")) for _ in range(12)]
        for _ in range(5):
            await pilot.press("minus")
            await app.poll()
        while not all(task.done() for task in burst):
            await app.poll()
            await asyncio.sleep(0.01)
        await pilot.pause()
        assert all(task.result()[0] == 200 for task in burst)
        await app.flush()
        assert app.live.state.shift == 5 * (12 - 5)
        log, _ = statefile.read_log(statefile.log_path(app.settings.state_path))
        assert sorted(e.action for e in log) == ["earlier"] * 5 + ["later"] * 12 + ["next"]


async def test_the_host_sees_what_the_remote_did(kiosk):
    app = kiosk(at="14:05")
    async with hosted(app) as (pilot, client):
        await taken(app, pilot, asyncio.create_task(remote(client, "next")))
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#note") == "Onderzoek opbouwwerk De Schoor begint nu · u: ongedaan"
        await taken(app, pilot, asyncio.create_task(remote(client, "announce", text="Pauze!")))
        assert "Pauze!" in text_of(app, "#banner")


async def test_a_host_kiosk_started_later_goes_on_from_what_the_remote_did(
    kiosk, programme_file: Path
):
    app = kiosk(at="14:05")  # not yet running: the server is the host for a moment
    async with server_for(app) as client:
        status, answer = await remote(client, "next")
    assert status == 200 and answer["applied_by"] == "this server"
    host = kiosk(at="14:06")
    host.files.take_host_lock(print)
    try:
        async with host.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert text_of(host, "#now-title") == "Onderzoek opbouwwerk De Schoor"
            await pilot.press("u")  # the remote's action is in the host's undo history
            assert text_of(host, "#now-title") == "Opening en welkom"
    finally:
        host.files.release_host_lock()
