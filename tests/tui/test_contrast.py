"""Every text on screen against its background, measured from the rendered screen: 4.5:1
in the dark and light themes, 7:1 in the contrast theme (WCAG's contrast ratio)."""

from __future__ import annotations

import pytest

from conftest import LOOKS, PHASES, big_hall

THEMES = {"dark": 4.5, "light": 4.5, "contrast": 7.0}
# graphics, not text: the progress bar's track and the panels' side bars
GRAPHIC = set("━╸╺╾╼") | {chr(c) for c in range(0x2580, 0x25A0)}


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pairs(app) -> dict[tuple[tuple[int, int, int], tuple[int, int, int]], str]:
    """(text colour, background) -> an example of the text drawn in them."""
    found: dict = {}
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            text = "".join(c for c in segment.text if not c.isspace() and c not in GRAPHIC)
            style = segment.style
            if not text or style is None or style.color is None or style.bgcolor is None:
                continue
            fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
            if style.reverse:
                fg, bg = bg, fg
            found.setdefault((tuple(fg), tuple(bg)), text)
    return found


def low_pairs(app, least: float) -> list[str]:
    """Every text on the app's screen now that reads worse than `least`:1."""
    return [
        f"{text!r}: {ratio(fg, bg):.2f}:1 ({fg} on {bg})"
        for (fg, bg), text in pairs(app).items()
        if ratio(fg, bg) < least
    ]


async def low_pairs_at(app, size, least: float) -> list[str]:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return low_pairs(app, least)


@pytest.mark.parametrize("moment", PHASES)
@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_reads_against_its_background(kiosk, theme: str, moment: str):
    app = kiosk(at=PHASES[moment], theme=theme)
    assert await low_pairs_at(app, (80, 24), THEMES[theme]) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_the_host_running_late_with_an_announcement_reads_too(kiosk, theme: str):
    app = kiosk(at="14:15", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "plus", "plus", "m", *"Koffie", "enter")
        await pilot.pause()
        assert low_pairs(app, THEMES[theme]) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_large_screens_read_too(kiosk, theme: str):
    app = kiosk(at="14:05", theme=theme)
    assert await low_pairs_at(app, (160, 45), THEMES[theme]) == []


@pytest.mark.parametrize("moment", ["14:18", "14:21"])  # wrap up, then nearly time
@pytest.mark.parametrize("theme", THEMES)
async def test_the_last_minutes_read_too(kiosk, theme: str, moment: str):
    app = kiosk(at=moment, theme=theme)
    assert await low_pairs_at(app, (80, 24), THEMES[theme]) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_over_time_reads_too(kiosk, theme: str):
    app = kiosk(at="13:59", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.clock.advance(25 * 60)
        app.tick()
        await pilot.pause()
        assert app.query_one("#now").has_class("-overtime")
        assert low_pairs(app, THEMES[theme]) == []


@pytest.mark.parametrize("moment", ["walk-in", "during", "break", "after"])
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("look", LOOKS, ids=[p.stem for p in LOOKS])
async def test_the_event_looks_in_styles_read_too(kiosk, look, theme: str, moment: str):
    """Every look in styles/ on top of every theme: the wrap-up moment and the phases."""
    for at in (PHASES[moment], "14:21") if moment == "during" else (PHASES[moment],):
        app = kiosk(at=at, theme=theme, css=look)
        assert await low_pairs_at(app, (80, 24), THEMES[theme]) == [], at


@pytest.mark.parametrize("theme", THEMES)
async def test_a_big_halls_pages_read_too(kiosk, tmp_path, theme: str):
    app = kiosk(at="11:00", path=big_hall(tmp_path / "programme.yaml"), theme=theme)
    assert await low_pairs_at(app, (80, 24), THEMES[theme]) == []
