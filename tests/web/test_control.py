"""kiosk serve --control: the host's keys over HTTP. Only with the token, at most ten a second,
each doing what the key does to the state file and the log; without --control, nothing."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from conftest import at, leercafe
from kiosk.core.settings import Settings
from kiosk.files import statefile
from kiosk.files.clock import FixedClock
from kiosk.web.control import RATE, Control
from kiosk.web.feed import Feed
from kiosk.web.serve import KioskServer

TOKEN = "a-token-for-the-tests-0123456789"
HOST = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class Remote:
    client: TestClient[web.Request, web.Application]
    control: Control
    state: Path

    async def act(self, action: str, **more: object) -> aiohttp.ClientResponse:
        body = json.dumps({"action": action, **more})
        async with self.client.post("/api/act", data=body, headers=HOST) as response:
            await response.read()
            return response

    def log(self) -> list[str]:
        entries, _ = statefile.read_log(statefile.log_path(self.state))
        return [e.action for e in entries]


@contextlib.asynccontextmanager
async def remote_at(tmp_path: Path, programme_file: Path, when: str) -> AsyncIterator[Remote]:
    state = tmp_path / "live.json"
    settings = Settings(programme_path=programme_file, state_path=state, follow=True)
    feed = Feed(programme_file, state, leercafe())
    control = Control(settings, TOKEN, feed, FixedClock("Europe/Amsterdam", at(when)))
    control.monotonic = lambda: 0.0  # no second passes unless a test says so
    app = web.Application()
    app.router.add_routes(control.routes())
    watching = asyncio.create_task(feed.run())
    try:
        async with TestClient(TestServer(app)) as client:
            yield Remote(client, control, state)
    finally:
        watching.cancel()
        await control.stop()
        await feed.stop()


@pytest.fixture
async def remote(tmp_path: Path, programme_file: Path) -> AsyncIterator[Remote]:
    async with remote_at(tmp_path, programme_file, "14:05") as found:
        yield found


# -- who may steer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
async def test_without_the_token_nothing_steers(remote: Remote, headers: dict[str, str]) -> None:
    async with remote.client.post("/api/act", json={"action": "next"}, headers=headers) as got:
        assert got.status == 401
        assert got.headers["WWW-Authenticate"] == "Bearer"
        assert "Authorization: Bearer TOKEN" in (await got.json())["error"]
    async with remote.client.post(f"/api/act?token={TOKEN}", json={"action": "next"}) as got:
        assert got.status == 401  # the address is for the page; an action needs the header
    assert not remote.state.exists() and remote.log() == []


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_another_method_is_405(remote: Remote, method: str) -> None:
    async with remote.client.request(method, "/api/act", headers=HOST) as got:
        assert got.status == 405


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("{not json", 'not JSON: give {"action": "next"}'),
        ('{"action": "jump"}', "action 'jump' is not one of: next, previous, clock"),
        ('{"action": "next", "room": "Zaal 9"}', "room 'Zaal 9' is not one of"),
        ("x" * 5000, "the request is over 4096 bytes"),
    ],
)
async def test_a_bad_request_is_400_with_one_line(remote: Remote, body: str, said: str) -> None:
    async with remote.client.post("/api/act", data=body, headers=HOST) as got:
        assert got.status == 400
        error = (await got.json())["error"]
    assert said in error and "\n" not in error
    assert not remote.state.exists()


async def test_at_most_ten_actions_a_second(remote: Remote) -> None:
    for _ in range(RATE):
        assert (await remote.act("later")).status == 200
    refused = await remote.act("later")
    assert refused.status == 429 and refused.headers["Retry-After"] == "1"
    assert statefile.read(remote.state, leercafe()).state.shift == 5 * RATE  # not the 11th
    remote.control.monotonic = lambda: 1.0  # a second later
    assert (await remote.act("later")).status == 200
    assert remote.log() == ["later"] * (RATE + 1)


# -- what each action does ------------------------------------------------------------------


async def test_each_action_does_what_its_key_does_to_the_state_and_the_log(
    remote: Remote,
) -> None:
    def state() -> statefile.State:
        return statefile.read(remote.state, leercafe()).state

    assert (await remote.act("next")).status == 200
    assert state().mode == "host" and state().item_id == "onderzoek-opbouwwerk-de-schoor"
    await remote.act("previous")
    assert state().item_id == "opening-en-welkom"
    await remote.act("later")
    assert state().shift == 5
    await remote.act("earlier")
    assert state().shift == 0
    await remote.act("announce", text="Koffie staat klaar")
    assert state().announcement == "Koffie staat klaar"
    await remote.act("blank")
    assert state().blank
    await remote.act("next")  # any action brings the screen back, and only that
    assert not state().blank and state().item_id == "opening-en-welkom"
    await remote.act("announce", text="")
    assert state().announcement is None
    await remote.act("undo")
    assert state().announcement == "Koffie staat klaar"
    await remote.act("clock")
    assert state().mode == "clock"
    assert remote.log() == [
        "next",
        "previous",
        "later",
        "earlier",
        "announce",
        "blank",
        "next",
        "announce",
        "undo",
        "clock",
    ]


async def test_a_stage_message_is_accepted_and_logged(remote: Remote, capsys) -> None:
    await remote.act("blank")
    got = await remote.act("stage_message", text="Nog 5 minuten")
    assert got.status == 200
    said = capsys.readouterr().out
    assert "stage_message from 127.0.0.1, applied by this server" in said
    state = statefile.read(remote.state, leercafe()).state
    assert state.stage_message == "Nog 5 minuten"
    assert state.blank  # for the speaker only: a blank hall stays blank
    assert remote.log() == ["blank", "stage_message"]
    await remote.act("stage_message", text="")
    assert statefile.read(remote.state, leercafe()).state.stage_message is None


async def test_the_answer_says_who_applied_it(remote: Remote, capsys) -> None:
    async with remote.client.post("/api/act", json={"action": "next"}, headers=HOST) as got:
        assert await got.json() == {"ok": True, "action": "next", "applied_by": "this server"}
    assert " next from 127.0.0.1, applied by this server" in capsys.readouterr().out


async def test_actions_sent_at_once_with_no_host_kiosk_all_say_this_server_did_them(
    remote: Remote, capsys
) -> None:
    async def act() -> object:
        async with remote.client.post("/api/act", json={"action": "later"}, headers=HOST) as got:
            return (await got.json())["applied_by"]

    answers = await asyncio.gather(*(act() for _ in range(RATE)))
    assert answers == ["this server"] * RATE  # no host kiosk runs: none may claim it did
    assert "applied by the host kiosk" not in capsys.readouterr().out
    assert statefile.read(remote.state, leercafe()).state.shift == 5 * RATE


async def test_a_host_kiosk_that_never_takes_it_gets_it_withdrawn(
    remote: Remote, monkeypatch
) -> None:
    """A host kiosk that holds the lock but is stuck: after a while the action is taken back
    (503), so it never jumps the screen long after it was asked for."""
    from kiosk.files import inbox
    from kiosk.web import control

    monkeypatch.setattr(control, "TAKEN", 0.2)
    host = statefile.HostLock(remote.state)
    host.acquire()
    try:
        got = await remote.act("next")
        assert got.status == 503
        assert "the host kiosk did not take the action in" in (await got.json())["error"]
        assert inbox.take(remote.state) == []  # withdrawn: nothing left to apply later
    finally:
        host.release()


# -- the phone page -------------------------------------------------------------------------


async def test_a_phone_link_with_a_room_the_programme_lacks_says_so(remote: Remote) -> None:
    # not a page that keeps saying it cannot reach the kiosk; the name as text, not markup
    room = "Zaal 9<script>\x1b[31m"
    async with remote.client.get("/host", params={"token": TOKEN, "room": room}) as got:
        assert got.status == 400
        said = await got.text()
    assert "Zaal Zaal 9&lt;script&gt; staat niet in het programma" in said
    assert "<script>" not in said and "\x1b" not in said and "Geen verbinding" not in said


async def test_the_phone_page_needs_the_token_and_has_big_dutch_buttons(remote: Remote) -> None:
    async with remote.client.get("/host") as got:
        assert got.status == 401
        assert "Geen toegang" in await got.text()
    async with remote.client.get("/host?token=wrong") as got:
        assert got.status == 401
    async with remote.client.get(f"/host?token={TOKEN}") as got:
        assert got.status == 200
        page = await got.text()
        assert got.headers["Cache-Control"] == "no-store"
        assert got.headers["Referrer-Policy"] == "no-referrer"
        assert "script-src 'nonce-" in got.headers["Content-Security-Policy"]
    assert 'data-action="next" data-name="Volgende ▶">' in page
    for label in ("◀ Vorige", "+5 min", "−5 min", "↶ Ongedaan", "Zwart scherm"):
        assert f">{label}</button>" in page
    assert "Mededeling" in page and "Bericht aan het podium" in page
    assert 'name="viewport" content="width=device-width, initial-scale=1' in page
    assert '<html lang="nl">' in page and "{{" not in page


async def test_the_phone_sees_what_the_hall_sees_as_it_changes(remote: Remote) -> None:
    boards: list[dict[str, object]] = []
    address = f"/api/host/events?token={TOKEN}"
    async with remote.client.get(address) as stream:
        assert stream.status == 200

        async def until(done) -> None:
            async with asyncio.timeout(5):
                async for line in stream.content:
                    if line.startswith(b"data: "):
                        boards.append(json.loads(line[6:]))
                        if done(boards[-1]):
                            return

        await until(lambda b: b["now"] is not None)
        assert boards[-1]["now"]["title"] == "Opening en welkom"
        assert boards[-1]["now"]["left"] == "nog 17 min" and boards[-1]["clock"] == "14:05"
        assert boards[-1]["next"]["title"] == "Onderzoek opbouwwerk De Schoor"
        assert boards[-1]["mark"] == "klok" and not boards[-1]["undo"]
        assert boards[-1]["next_does"] == "Onderzoek opbouwwerk De Schoor begint"
        await remote.act("next")
        await until(lambda b: b["now"]["title"] == "Onderzoek opbouwwerk De Schoor")
        assert boards[-1]["mark"] == "host · -17 min" and boards[-1]["undo"]
        await remote.act("blank")
        await until(lambda b: b["blank"])
        assert boards[-1]["next_does"] == "scherm terug"  # any action brings it back first
        await remote.act("blank")
        await remote.act("announce", text="<b>Koffie</b>")
        await until(lambda b: b["banner"] is not None)
        assert boards[-1]["banner"] == "<b>Koffie</b>"  # as written; the page sets it as text
        assert boards[-1]["stage_message"] is None
        await remote.act("stage_message", text="Vragen uit de zaal")
        await until(lambda b: b["stage_message"] is not None)
        assert boards[-1]["stage_message"] == "Vragen uit de zaal"  # the phone sees it too
    async with remote.client.get("/api/host/events?token=wrong") as stream:
        assert stream.status == 401


# -- without --control ----------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, TOKEN])
async def test_without_control_there_is_nothing_to_steer_with(
    tmp_path: Path, programme_file: Path, token: str | None
) -> None:
    settings = Settings(programme_path=programme_file, state_path=tmp_path / "s.json", follow=True)
    server = KioskServer(settings, leercafe(), "127.0.0.1", 0, token=token)
    async with TestClient(TestServer(await server._make_app())) as client:
        async with client.post("/api/act", json={"action": "next"}, headers=HOST) as got:
            assert got.status == (200 if token else 404)
        async with client.get(f"/host?token={TOKEN}") as got:
            assert got.status == (200 if token else 404)
        async with client.get(f"/api/host/events?token={TOKEN}") as got:
            assert got.status == (200 if token else 404)
    await server.end_sessions()


# -- at the start ---------------------------------------------------------------------------


def test_the_token_is_said_in_full_only_when_it_is_made(tmp_path: Path) -> None:
    settings = Settings(programme_path=tmp_path / "p.yaml", state_path=tmp_path / "live.json")
    feed = Feed.__new__(Feed)  # only the settings are asked for here
    control = Control(settings, TOKEN, feed, FixedClock("Europe/Amsterdam", at("14:05")))
    control.token_made = True
    made = "\n".join(control.lines_at_start("192.168.1.10", 8000, loopback=False))
    assert f"the remote: http://192.168.1.10:8000/host?token={TOKEN}" in made
    assert f"kept in {tmp_path / 'live.token'}" in made and "see it again with: cat " in made
    control.token_made = False
    again = control.lines_at_start("127.0.0.1", 8000, loopback=True)
    assert TOKEN not in "\n".join(again)
    assert again[0] == (
        f"kiosk: the remote: http://127.0.0.1:8000/host?token=… (the token is in"
        f" {tmp_path / 'live.token'})"
    )
    assert "only this machine can reach it" in again[1] and "--host 0.0.0.0" in again[1]


def test_a_token_file_others_can_read_stops_the_server_with_one_line(
    tmp_path: Path, programme_file: Path, capsys
) -> None:
    from kiosk.web.serve import serve

    state = tmp_path / "live.json"
    token = tmp_path / "live.token"
    token.write_text(TOKEN + "\n")
    token.chmod(0o644)
    settings = Settings(programme_path=programme_file, state_path=state, follow=True)
    assert serve(settings, port=0, control=True) == 1
    said = capsys.readouterr().err
    assert said == (
        f"kiosk: --control: {token} can be read by others (mode 644); chmod 600 {token},"
        " or remove it for a new token\n"
    )
