"""What the host sees of their own keys: a short note after each, a small mark, a first-use
hint, help that says what next and previous would do, the announcement box, blank, and a
presenter clicker's keys."""

from __future__ import annotations

from textual.widgets import Input

from conftest import screen_text, text_of
from kiosk.tui.app import NOTE
from kiosk.tui.screens import AnnounceScreen, HelpScreen


async def test_each_key_leaves_a_note_of_what_it_did_and_how_to_undo_it(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        for keys, said in (
            (["n"], "Onderzoek opbouwwerk De Schoor begint nu · u: ongedaan"),
            (["plus"], "de rest 5 min later (-12 min) · u: ongedaan"),
            (["minus"], "de rest 5 min eerder (-17 min) · u: ongedaan"),
            (["u"], "ongedaan gemaakt"),
            (["c"], "het scherm volgt weer de klok · u: ongedaan"),
            (["m", *"Koffie", "enter"], "mededeling staat op het scherm · m: wijzigen of weghalen"),
            (["m", "enter"], "mededeling weggehaald · u: terug"),
            (["b"], "scherm zwart · elke toets: terug"),
            (["b"], "scherm terug"),
            (["t"], "thema: light · t: volgend thema"),
        ):
            await pilot.press(*keys)
            await pilot.pause()
            assert text_of(app, "#note") == said, keys


async def test_the_note_goes_after_a_few_seconds(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert text_of(app, "#note")
        timer = app._note_timer
        assert timer is not None and timer._interval == NOTE  # a few seconds, then:
        app.clear_note()
        assert text_of(app, "#note") == ""
        assert text_of(app, "#status") == "host · -17 min", "the mark stays"


async def test_the_first_use_hint_shows_until_the_first_key_and_not_to_followers(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#note") == "n: het volgende onderdeel begint · ?: alle toetsen"
        await pilot.press("n")
        await app.flush()
        app.tick()
        await pilot.pause()
        assert "?: alle toetsen" not in text_of(app, "#note")
    again = kiosk(at="14:06")  # a restart after the first key: the host knows by now
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "?: alle toetsen" not in text_of(again, "#note")
    follower = kiosk(at="14:05", follow=True)
    async with follower.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(follower, "#note") == "" and text_of(follower, "#status") == ""


async def test_help_says_what_next_and_previous_would_do_now(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "n nu: Onderzoek opbouwwerk De Schoor begint" in text
        assert "p nu: Inloop begint" in text
        assert "status: " in text and "Esc of ?: sluiten" in text


async def test_help_scrolls_on_a_small_screen_to_every_key(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 0, "more than fits: it scrolls"
        box.scroll_end(animate=False)
        await pilot.pause()
        assert "afsluiten" in screen_text(app)


async def test_the_announcement_box_opens_empty_with_the_current_text_above(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", *"Koffie in de foyer", "enter")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, AnnounceScreen)
        assert app.screen.query_one(Input).value == ""
        assert "Nu op het scherm: Koffie in de foyer" in screen_text(app)
        await pilot.press("up")  # take the current text, to change it
        assert app.screen.query_one(Input).value == "Koffie in de foyer"
        await pilot.press(*" en thee", "enter")
        await pilot.pause()
        assert text_of(app, "#banner") == "» Koffie in de foyer en thee «"
        await pilot.press("m", "enter")  # Enter on the empty box clears it: one key
        await pilot.pause()
        assert text_of(app, "#banner") == ""


async def test_blank_keeps_one_faint_mark_the_time(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("full_stop")  # a clicker's blank key
        await pilot.pause()
        assert app.screen.has_class("-blank")
        assert text_of(app, "#blank-mark") == "14:05"
        assert screen_text(app).split() == ["14:05"], "nothing else on screen"
        await pilot.press("b")
        await pilot.pause()
        assert not app.screen.has_class("-blank")
        assert not app.query_one("#blank-mark").display


async def test_a_presenter_clicker_steps_through_the_programme(kiosk):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
