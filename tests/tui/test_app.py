"""The kiosk as attendees and hosts meet it: phases, languages, sizes, keys, restarts."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Digits

from conftest import notices, scan_files, screen_text, text_of, time_left
from kiosk.files import statefile
from kiosk.tui.screens import AnnounceScreen, HelpScreen, QuitScreen
from kiosk.tui.widgets import ProgrammeList


async def test_walk_in_countdown_before_the_afternoon(kiosk):
    app = kiosk(at="12:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Inloop vanaf 13:30" in text
        assert time_left(app, "headline") == "over 1:30 uur"  # the one big countdown
        assert "Hierna" in text and "Opening en welkom" in text
        assert app.screen.has_class("-before")


async def test_the_day_before_says_tomorrow_and_days_ahead_the_date(kiosk):
    app = kiosk(at="2022-11-21T10:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Morgen: Inloop vanaf 13:30" in screen_text(app)
    app = kiosk(at="2022-11-19T10:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Dinsdag 22 november 2022: Inloop vanaf 13:30" in screen_text(app)


async def test_now_and_next_during_the_afternoon(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-title") == "Opening en welkom"
        assert text_of(app, "#now-by") == "De Schoor"
        assert text_of(app, "#now-times") == "14:00 – 14:22"
        assert time_left(app) == "nog 17 min"
        assert text_of(app, "#next-when") == "om ca. 14:22"  # NOW counts down, not NEXT too
        assert text_of(app, "#clock-text") == "14:05"
        text = screen_text(app)
        # upcoming first, the times right-aligned: the hours line up under "ca."
        assert "▶     14:00" in text and "› ca. 14:22" in text


async def test_time_passing_moves_the_screen_on(kiosk):
    app = kiosk(at="14:21")
    async with app.run_test(size=(80, 24)) as pilot:
        app.clock.advance(60)
        app.tick()
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#clock-text") == "14:22"


async def test_break_counts_down_to_the_restart(kiosk):
    app = kiosk(at="15:20")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-title") == "Pauze"
        assert time_left(app) == "nog 10 min"  # to the restart
        assert text_of(app, "#next-when") == "om ca. 15:30"  # counted down once, not twice
        assert app.screen.has_class("-break")


async def test_drinks_and_the_end_marker_as_next(kiosk):
    app = kiosk(at="17:30")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-title") == "Borrel"
        assert time_left(app) == "tot 18:00"
        assert text_of(app, "#next-title") == "Einde"
        assert app.screen.has_class("-drinks")


async def test_after_the_close_thanks(kiosk):
    app = kiosk(at="18:30")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Bedankt voor je komst" in text
        assert not app.query_one("#now").display
        assert app.screen.has_class("-after")


async def test_english_words(kiosk, programme_file: Path):
    text = programme_file.read_text().replace("language: nl", "language: en")
    programme_file.write_text(text)
    for at, expected in (
        ("12:00", ["Inloop from 13:30", "in", "h"]),
        ("14:05", ["Now", "min left", "Next", "at approx. 14:22"]),
        ("15:20", ["Next", "at approx. 15:30"]),
        ("18:30", ["Thank you for coming"]),
    ):
        app = kiosk(at=at)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            for words in expected:
                assert words in shown, (at, words)
            assert "Tuesday 22 November 2022" in shown


async def test_titles_are_shown_as_written_not_as_markup(kiosk, programme_file: Path):
    text = programme_file.read_text().replace(
        "title: Opening en welkom", 'title: "Workshop [zaal 2] [bold]x[/bold]"'
    )
    programme_file.write_text(text)
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Workshop [zaal 2] [bold]x[/bold]" in screen_text(app)


async def test_small_terminals_give_up_the_list_first(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(ProgrammeList).display
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        assert not app.query_one(ProgrammeList).display
        assert "Opening en welkom" in screen_text(app)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "Opening en welkom" in screen_text(app)
        await pilot.resize_terminal(20, 5)
        await pilot.pause()  # nothing crashes at any size


async def test_large_terminals_get_big_now_and_next(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-large")
        # the time left in blocks, ten rows tall: far bigger than the clock's three-row digits
        blocks = app.query_one("#now-blocks")
        assert blocks.region.height == 10 and blocks.region.width > 0
        assert app.query_one("#clock", Digits).value == "14:05"
        assert app.query_one("#clock", Digits).region.height == 3
        assert "17" not in text_of(app, "#next-when").split("·")[0]  # NEXT has no digits
        await pilot.resize_terminal(250, 70)
        await pilot.pause()
        assert app.query_one("#now-blocks").region.height == 15, "it grows with the screen"
        assert "Einde" in screen_text(app)  # the whole afternoon fits


async def test_a_screen_made_larger_or_shorter_later_gets_the_parts_of_its_new_size(kiosk):
    """The parts shown only at some sizes are made the first time the size shows them (the
    start-up pays for none of them at 80x24): a TV that grows shows the time left in blocks and
    the big clock; one too short for the big count says the time left in words."""
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert time_left(app) == "nog 17 min"
        assert not app.query("#now-blocks, #clock, #now-left"), "made only when a size shows them"
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert app.query_one("#now-blocks").region.height == 10
        assert app.query_one("#clock", Digits).value == "14:05"
        assert app.query_one("#clock", Digits).region.height == 3
        await pilot.resize_terminal(80, 11)
        await pilot.pause()
        assert text_of(app, "#now-left") == "nog 17 min", "the count does not fit: its words"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert text_of(app, "#now-left") == "" and time_left(app) == "nog 17 min"


async def test_kiosk_safe_keys(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("q", "ctrl+p", "ctrl+c", "tab", "escape", "f1", "ctrl+s", "x", "z"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running and len(app.screen_stack) == 1
        await pilot.click("#now-title")
        await pilot.click(ProgrammeList, offset=(2, 3))
        await pilot.pause()
        assert text_of(app, "#now-title") == "Opening en welkom"
        assert len(app.screen_stack) == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, QuitScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_value == 0


async def test_next_starts_the_next_part_now_and_writes_the_state(kiosk, programme_file):
    app = kiosk(at="14:15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await app.flush()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#now-times").startswith("14:15 (was 14:22)")
        saved = json.loads(programme_file.with_name("programme.state.json").read_text())
        assert saved["state"]["mode"] == "host"
        assert saved["state"]["item_id"] == "onderzoek-opbouwwerk-de-schoor"
        assert text_of(app, "#status") == "host · -7 min"
        assert text_of(app, "#note") == "Onderzoek opbouwwerk De Schoor begint nu · u: ongedaan"
        await pilot.press("right", "space")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Pauze"
        await pilot.press("p", "left")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Opening en welkom"  # the clock says 14:15
        assert text_of(app, "#status") == "klok"
        assert text_of(app, "#note") == "het scherm volgt weer de klok · u: ongedaan"


async def test_running_late_is_said_in_words(kiosk):
    app = kiosk(at="14:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert text_of(app, "#drift") == "loopt ca. 10 min uit"
        assert "(was 14:22)" in text_of(app, "#next-when")
        assert text_of(app, "#status") == "klok · rest +10 min"
        assert text_of(app, "#note") == "de rest 5 min later (+10 min) · u: ongedaan"
        await pilot.press("minus", "minus", "minus", "minus")
        await pilot.pause()
        assert text_of(app, "#drift") == "loopt ca. 10 min voor"


async def test_announcement_banner_typed_cleared_and_cancelled(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, AnnounceScreen)
        await pilot.press(*"Koffie [zaal 2]", "enter")
        await pilot.pause()
        assert text_of(app, "#banner") == "» Koffie [zaal 2] «"
        await pilot.press("m", *" extra", "escape")
        await pilot.pause()
        assert text_of(app, "#banner") == "» Koffie [zaal 2] «"
        await pilot.press("m", "ctrl+u", "enter")
        await pilot.pause()
        assert text_of(app, "#banner") == ""


async def test_undo_restores_the_previous_position(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Lezing Blik op de gemeenschap"
        await pilot.press("u")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        await pilot.press("u", "u")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Opening en welkom"
        assert text_of(app, "#note") == "niets om ongedaan te maken"


async def test_blank_screen_and_any_host_key_brings_it_back(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.has_class("-blank")
        assert "Opening" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.has_class("-blank")
        assert text_of(app, "#now-title") == "Opening en welkom"  # the key only woke it


async def test_the_display_under_the_help_keeps_up_with_the_afternoon(kiosk):
    app = kiosk(at="13:59")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        app.clock.advance(120)  # the walk-in ends while the host reads the help
        app.tick()
        await pilot.pause()
        display = app.screen_stack[0]
        assert display.has_class("-during") and not display.has_class("-walk-in")
        assert not app.screen.has_class("-during")  # the help keeps its own look
        assert "Toetsen voor de host" in screen_text(app)


async def test_theme_cycles_and_help_lists_every_key(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "dark"
        await pilot.press("t")
        assert app.theme == "light"
        await pilot.press("t")
        assert app.theme == "contrast"
        await pilot.press("t")
        assert app.theme == "dark"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in (
            "Toetsen voor de host",
            "volgend onderdeel begint nu",
            "mededeling typen",
            "afsluiten (na bevestiging)",
        ):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_key_mashing_never_crashes(kiosk):
    app = kiosk(at="13:00")
    keys = "npcnn+-ubbunnnnnnnnnnnnnnpppppppppppppppp+++++-----tt?"
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            name = {"+": "plus", "-": "minus", "?": "question_mark"}.get(key, key)
            await pilot.press(name)
            if isinstance(app.screen, HelpScreen):
                await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        state = app.live.state
        assert state.item_id is None or app.programme.index_of(state.item_id) is not None


async def test_restart_resumes_the_hosts_place_and_announcement(kiosk):
    app = kiosk(at="14:15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "m", *"Welkom", "enter")
        await app.flush()
    again = kiosk(at="14:25")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(again, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(again, "#banner") == "» Welkom «"
        await pilot.press("u")  # the undo history survived the restart too
        await pilot.pause()
        assert text_of(again, "#banner") == ""


async def test_damaged_state_file_is_kept_aside_and_the_clock_takes_over(kiosk, programme_file):
    state = programme_file.with_name("programme.state.json")
    state.write_bytes(b"\x00{garbage")
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-title") == "Opening en welkom"
        assert any("apart gezet" in n for n in notices(app))
        # on the screen, over the first frame, not only said
        toasts = [t for t in app.screen.query("Toast") if t.display and t.region]
        assert any("apart gezet" in str(t.render()) for t in toasts)
        assert state.with_name("programme.state.json.damaged").read_bytes() == b"\x00{garbage"
        await pilot.press("n")
        await app.flush()
        assert statefile.read(state, app.programme).state.mode == "host"


async def test_follower_follows_the_host_and_ignores_keys(kiosk, programme_file):
    state_path = programme_file.with_name("programme.state.json")
    follower = kiosk(at="14:05", follow=True)
    async with follower.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "m", "plus", "b")
        await pilot.pause()
        assert not state_path.exists()
        assert text_of(follower, "#now-title") == "Opening en welkom"
        assert text_of(follower, "#status") == ""
        # the host, in another process, starts the next part and announces
        host = kiosk(at="14:05")
        async with host.run_test(size=(80, 24)) as host_pilot:
            await host_pilot.press("n", "m", *"Koffie", "enter")
            await host.flush()
        await scan_files(follower, pilot)
        assert text_of(follower, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(follower, "#banner") == "» Koffie «"
