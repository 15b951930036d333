"""A programme, announcement or state file written to attack the venue screen: the kiosk shows
the text as written, never as terminal codes, and never lets a long title push now and next
off the screen."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, InTerminal, screen_text, text_of, time_left

HOSTILE = """\
event:
  title: "Evil \\e]0;pwned\\a title"
  date: 2022-11-22
  timezone: Europe/Amsterdam
  notes: ["\\e[2J wiped", "bidi \\u202eevil"]
programme:
  - {start: 13:30, title: "Inloop\\nmet koffie", by: "\\e]52;c;cHduZWQ=\\a De Schoor\\x9b2J"}
  - {start: 14:00, title: "\\e[31mRood\\e[0m", kind: end}
"""


def controls(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]


async def test_hostile_titles_reach_the_screen_as_plain_text(kiosk, tmp_path: Path):
    path = tmp_path / "programme.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    app = kiosk(at="13:40", path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert controls(text) == []
        assert text_of(app, "#now-title") == "Inloop met koffie"
        assert text_of(app, "#now-by") == "De Schoor"
        assert "Evil  title" in text and "pwned" not in text and "\u202e" not in text
        assert app.title == "Evil  title"


CODES = st.text(alphabet=st.sampled_from(["\x1b", "]", "[", "0", ";", "\x07", "\x9b", "\n", "a"]))


@given(title=CODES, by=CODES, note=CODES, message=CODES)
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_programme_text_or_announcement_is_plain_text_on_screen(
    kiosk, tmp_path_factory, title, by, note, message
):
    def quoted(text: str) -> str:
        return text.encode("unicode_escape").decode().replace('"', '\\"')

    path = tmp_path_factory.mktemp("hostile") / "programme.yaml"
    path.write_text(
        "event: {title: T, date: 2022-11-22, timezone: Europe/Amsterdam,"
        f' notes: ["{quoted(note)}"]}}\n'
        f'programme:\n  - {{start: 14:00, title: "x{quoted(title)}", by: "{quoted(by)}"}}\n'
        "  - {start: 15:00, title: Einde, kind: end}\n",
        encoding="utf-8",
    )

    async def run():
        app = kiosk(at="14:10", path=path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            app.screen.query_one("Input").value = message  # type: ignore[attr-defined]
            await pilot.press("enter")
            await pilot.pause()
            assert controls(screen_text(app)) == []
            svg = html.unescape(app.export_screenshot())
            assert not any(0x80 <= ord(c) <= 0x9F or c in "\x1b\x07" for c in svg)

    import asyncio

    asyncio.run(run())


async def test_a_very_long_title_leaves_room_for_the_time_left_and_next(kiosk, tmp_path):
    path = tmp_path / "programme.yaml"
    text = (ROOT / "programme.yaml").read_text(encoding="utf-8")
    long = "Opening " + "heel lang " * 500
    path.write_text(text.replace("title: Opening en welkom", f"title: {long}"), encoding="utf-8")
    app = kiosk(at="14:05", path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        title_line = next(line for line in lines if "Opening heel lang" in line)
        assert title_line.rstrip().endswith("…"), "cut to fit, and said so"
        assert sum("heel lang" in line for line in lines) <= 2
        assert time_left(app) == "nog 17 min"
        assert any("nog" in line for line in lines) and any("min" in line for line in lines)
        assert any("Onderzoek opbouwwerk De Schoor" in line for line in lines), "next stays"


def test_the_terminal_gets_no_code_from_the_programme(tmp_path: Path):
    """The bytes a real terminal receives: no window title, clipboard or wipe of ours."""
    path = tmp_path / "programme.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    kiosk = InTerminal([str(path), "--at", "13:40"], tmp_path)
    try:
        kiosk.read_until(lambda: b"met koffie" in kiosk.output.replace(b"\x1b", b""))
    finally:
        kiosk.close()
    out = kiosk.output
    assert b"Inloop" in out, out[-500:]
    assert b"pwned" not in out
    assert b"\x1b]52" not in out and b"cHduZWQ" not in out
    assert b"\x1b[2J" not in out
    assert "\u202e".encode() not in out and b"\xc2\x9b" not in out
